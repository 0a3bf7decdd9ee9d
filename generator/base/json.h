/*
 * json.h - writes a value tree as JSON.
 *
 * Output is deterministic: map keys in insertion order, numbers in plain decimal
 * form, strings escaped per RFC 8259 (non-ASCII UTF-8 passes through as is).
 */
#ifndef SG_BASE_JSON_H
#define SG_BASE_JSON_H

#include "base/buf.h"
#include "base/value.h"

/* indent 0 writes one line; otherwise that many spaces per level. */
void sg_json_write(const sg_value *v, int indent, sg_buf *out);
void sg_json_write_string(const char *s, size_t len, sg_buf *out);

#endif

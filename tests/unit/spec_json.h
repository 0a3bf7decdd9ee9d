/*
 * spec_json.h - a small strict JSON reader for tests (the Mustache spec files
 * and the data blocks of tests/data/mustache/NAME.txt).
 *
 * Numbers without a fraction or exponent become SG_VAL_INT; others become
 * SG_VAL_DEC with as many decimal places as written (1.210 is (1210, 3)),
 * which is how the engine's data carries money and shares.
 */
#ifndef SG_TEST_SPEC_JSON_H
#define SG_TEST_SPEC_JSON_H

#include <stddef.h>

#include "base/arena.h"
#include "base/value.h"

/* Parses text[0..len) into values in a. On a syntax error returns NULL and
 * writes "line N: message" to err. */
sg_value *sg_test_json_parse(sg_arena *a, const char *text, size_t len, char *err,
			     size_t errsize);

#endif

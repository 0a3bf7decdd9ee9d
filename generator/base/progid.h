/*
 * progid.h - what identifies this program's code, for records it keeps
 * between runs.
 *
 * A record made by one build of salesgen (a customer file's loaded form,
 * model/customer_record.h) may mean something else to another: a field
 * added, a schema changed, a converter fixed. The program's identity is the
 * GNU build ID the linker writes into the executable (a hash of its code and
 * data, the embedded schemas included), with the version; a program
 * without one hashes its own file instead.
 */
#ifndef SG_BASE_PROGID_H
#define SG_BASE_PROGID_H

#include <stdint.h>

#include "base/sha256.h"

/* The program's identity as a SHA-256, worked out once per process
 * (thread-safe). Returns 0, or -1 when it cannot be known (no build ID and
 * the executable cannot be read): the caller then keeps no records. */
int sg_program_id(uint8_t out[SG_SHA256_LEN]);

#endif

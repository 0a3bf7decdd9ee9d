/*
 * customer_record.h - a customer file's loaded form, kept between builds.
 *
 * Reading and validating a customer file (customer.c: libxml2, the schema,
 * the converters, the source map) is most of what a build that changed one
 * file of ten thousand has to do. So the loader keeps a RECORD of each
 * customer it read without a single message: the sg_customer as
 * sg_customer_read() made it (before sg_customer_resolve(), which ties it to
 * the site and the catalog and runs again on every load), in a compact
 * binary form (variable-length numbers), under a KEY that is the SHA-256
 * of everything the read depends on: the program (base/progid.h: its code and embedded schemas),
 * the file's name and bytes, and the default language. A file whose key has
 * a record is not parsed: its customer is decoded from the record.
 *
 * The records of one load form a PACK (one file, written whole):
 *
 *   "SGCUSTR2" | program id (32) | count (u32) | words (u32)
 *   words x ( length | bytes )
 *   count x ( key (32) | length (u32) | body )
 *   SHA-256 of all the bytes before it (32)
 *
 * The WORDS are the pack's short strings (ids, roles, stages, checklist
 * items, names), each once: its bodies name them by index, and write only
 * the longer texts out in full.
 *
 * A pack is never trusted blindly: one of another program, cut short or with
 * any byte changed (the checksum) is ignored whole, and a record whose body
 * does not decode exactly (a length past its end, a bool that is not 0 or
 * 1, an enumeration out of range, a string with a NUL or past the end, a
 * word not in the table, bytes left over) is ignored alone; the file is then parsed as if there were no
 * record. Who can write the output folder can change its outputs anyway:
 * the records are trusted as far as the manifest is (docs/cli.md).
 *
 * Memory: a decoded customer holds copies of its strings (through a string
 * pool, which keeps one copy of each string that repeats), not pointers
 * into the pack, so the old pack is freed once the load is over
 * (sg_customer_records_loaded()); the next pack is made from the customers
 * themselves when it is written. A build of 100,000 customers so holds
 * their model once, not the model and a pack of their records besides.
 *
 * Threads: sg_customer_records_get() and _put() may be called from several
 * threads at once for different slots (each with its own arena and pool).
 */
#ifndef SG_MODEL_CUSTOMER_RECORD_H
#define SG_MODEL_CUSTOMER_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/sha256.h"
#include "base/strpool.h"
#include "model/model.h"

typedef struct sg_customer_records sg_customer_records;

/* Records from pack (len bytes, as sg_customer_records_write() made it;
 * NULL or 0 bytes: none), copied. A pack of another program or not intact
 * gives no records. Returns NULL when this program has no identity
 * (sg_program_id()): then nothing is recorded. Free with
 * sg_customer_records_free(). */
sg_customer_records *sg_customer_records_new(const void *pack, size_t len);
/* The same with the bytes of pack, which it takes over (pack is left
 * empty): a build does not hold its pack twice while it loads. */
sg_customer_records *sg_customer_records_take(sg_buf *pack);
/* Lays a delta over the records: a pack of the records made since the pack
 * (sg_customer_records_stream_delta()), taken over as by _take(); a record
 * is looked for in it first. One of another program or not intact is
 * ignored. NULL r is allowed. */
void sg_customer_records_take_delta(sg_customer_records *r, sg_buf *delta);
void sg_customer_records_free(sg_customer_records *r);

/* The load is over: frees the old pack (NULL is allowed). _get() finds
 * nothing after it; _stats(), _count() and _write() are unchanged. */
void sg_customer_records_loaded(sg_customer_records *r);

/* The number of records the pack given to _new() held (0: none, or it was
 * refused). */
size_t sg_customer_records_count(const sg_customer_records *r);

/* The key of the customer file rel (relative to the content folder, as
 * "customers/x.xml") whose bytes hash to file_hex, read with default_lang
 * (NULL: none). */
void sg_customer_record_key(const sg_customer_records *r, const char *rel, const char *file_hex,
			    const char *default_lang, uint8_t key[SG_SHA256_LEN]);

/* Makes ready n slots, one per customer file of this load, in file order:
 * the next pack holds the records of the slots filled, in slot order. */
void sg_customer_records_begin(sg_customer_records *r, size_t n);

/* The customer recorded under key, decoded into a (its strings through
 * pool; NULL: copied into a) with path (which must outlive it, and is not
 * copied) as its path and its positions',
 * and slot filled with it; NULL when there is none or it does not decode.
 * The customer must outlive r's last _write(). */
sg_customer *sg_customer_records_get(sg_customer_records *r, size_t slot,
				     const uint8_t key[SG_SHA256_LEN], sg_arena *a,
				     sg_strpool *pool, const char *path);

/* Records c (as sg_customer_read() made it, with no message) under key in
 * slot: c is encoded when the pack is written, so it must outlive r's last
 * _write(), unchanged but for what a record leaves out (the resolved
 * references, the evaluation). A customer that cannot be recorded (a
 * position in another file) is left out. */
void sg_customer_records_put(sg_customer_records *r, size_t slot,
			     const uint8_t key[SG_SHA256_LEN], const sg_customer *c);

/* The slots taken from the old pack and those recorded anew. */
void sg_customer_records_stats(const sg_customer_records *r, size_t *reused, size_t *fresh);

/* The next pack into out (cleared first), whole. Returns
 * sg_customer_records_changed(). */
bool sg_customer_records_write(const sg_customer_records *r, sg_buf *out);

/* Whether the records to write differ from those read (_plan() is not
 * SG_RECORDS_KEEP): only then is it worth writing. */
bool sg_customer_records_changed(const sg_customer_records *r);

/* What to write once the load is over: nothing (no record made, every
 * record of the delta used, and at least half of the pack's); only a new
 * delta (the records the pack does not hold: made now, or in the old
 * delta), when it stays under an eighth of the pack and at least half of
 * the pack's records are used, so that one edit does not encode every
 * customer again; or the whole pack, with no delta beside it. */
typedef enum sg_records_write {
	SG_RECORDS_KEEP,
	SG_RECORDS_DELTA,
	SG_RECORDS_WHOLE,
} sg_records_write;
sg_records_write sg_customer_records_plan(const sg_customer_records *r);
/* The delta, as _stream() streams the pack (the same format: a pack). */
int sg_customer_records_stream_delta(const sg_customer_records *r, sg_sink_fn put, void *sink);
/* The next pack, the same bytes as _write() makes, handed to put(sink, ...)
 * in pieces of some 64 KB as it is encoded: the pack (136 MB at 100,000
 * customers) is never held whole. Returns 0, or -1 when put did. */
int sg_customer_records_stream(const sg_customer_records *r, sg_sink_fn put, void *sink);
/* One customer's body alone, for tests: encodes c into out (appended).
 * Returns 0, or -1 when c cannot be recorded. */
int sg_customer_record_encode(const sg_customer *c, sg_buf *out);
/* Decodes a body into a new customer in a with path (not copied: it must
 * outlive the customer); NULL when it does not decode exactly. Its strings
 * are copied into a, through pool when it is not NULL: body may be freed
 * at once. */
sg_customer *sg_customer_record_decode(const void *body, size_t len, sg_arena *a,
				       sg_strpool *pool, const char *path);

/* c as a record gives it back (encoded, then decoded into a through pool,
 * with path as for _decode(), the same as c's): the same customer, packed,
 * with its strings interned. NULL when c cannot be recorded. c may then be
 * freed. */
sg_customer *sg_customer_record_copy(const sg_customer *c, sg_arena *a, sg_strpool *pool,
				     const char *path);

#endif

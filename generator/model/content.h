/*
 * content.h - the whole content repository, loaded and checked.
 *
 * Layout of a content folder:
 *   site.xml                  vendor, reps, proposal numbers, stages
 *   catalog.xml               products, editions, prices, approval policy
 *   products/NAME.xml         more products (optional)
 *   customers/ID.xml          one customer each; ID must match the file name
 *   cases/NAME.md             case studies
 *   playbooks/NAME.md         playbooks
 *   proposals/NAME.md         proposal templates
 *   reports/NAME.md           report templates
 */
#ifndef SG_MODEL_CONTENT_H
#define SG_MODEL_CONTENT_H

#include "base/sha256.h"
#include "model/model.h"

/* Loads every file of dir, validates each against its schema and checks the
 * cross-references (unknown product, edition, rep, stage, checklist item or
 * approval role; duplicate ids; unsafe ids; proposal numbers that do not match
 * the site's pattern or repeat). Every problem goes to d; loading goes on after
 * a problem so that one run reports them all. A file that cannot be used is
 * left out of the model. Never returns NULL; free with sg_content_free(). */
sg_content *sg_content_load(const char *dir, sg_diags *d);
/* The same, reading the customers in up to threads threads (a large content
 * folder loads in a fraction of the time); the result does not depend on
 * threads. */
sg_content *sg_content_load_threads(const char *dir, int threads, sg_diags *d);
/* The same, hashing the sent proposals through memo (NULL: none), so that a
 * build reads a sent PDF that did not change not at all (base/sha256.h). */
sg_content *sg_content_load_memo(const char *dir, int threads, const sg_sha256_memo *memo,
				 sg_diags *d);
/* The same, with the customers' records (model/customer_record.h; NULL:
 * none): a customer file whose record is there is decoded, not parsed, and
 * every file read without a message gets one, for the next load to take
 * (sg_customer_records_write()). records must outlive the content. */
struct sg_customer_records;
sg_content *sg_content_load_records(const char *dir, int threads, const sg_sha256_memo *memo,
				    struct sg_customer_records *records, sg_diags *d);
void sg_content_free(sg_content *c);

/* The customer whose id is id, or NULL. */
sg_customer *sg_content_customer(const sg_content *c, const char *id);

#endif

/*
 * doc.h - Markdown documents of the content: playbooks, case studies, and
 * proposal and report templates.
 */
#ifndef SG_MODEL_DOC_H
#define SG_MODEL_DOC_H

#include "model/model.h"

/* Loads one Markdown file: splits and parses its YAML front matter (optional),
 * fills title (front matter, else the first ATX or setext heading, else the file
 * name), lang (else default_lang), order, tags, summary, audience (else
 * "customer" for proposals, "internal" for everything else) and keeps the body.
 * Problems (invalid UTF-8, bad YAML, a field of the wrong type, over the size
 * cap) go to d with their line. Returns NULL when the file cannot be used.
 * Everything is allocated in a. */
sg_doc *sg_doc_load(sg_arena *a, const char *path, sg_doc_kind kind, const char *default_lang,
		    sg_diags *d);
/* The same for a file of the content folder `folder`, which path must not
 * lead out of (base/confine.h). */
sg_doc *sg_doc_load_in(sg_arena *a, const char *folder, const char *path, sg_doc_kind kind,
		       const char *default_lang, sg_diags *d);

#endif

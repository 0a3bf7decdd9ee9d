/*
 * doc.h - Markdown documents of the content: playbooks, case studies, and
 * proposal and report templates.
 */
#ifndef SG_MODEL_DOC_H
#define SG_MODEL_DOC_H

#include "load/doctree.h"
#include "model/model.h"

/* Loads one Markdown file: splits and parses its YAML front matter (optional),
 * fills title (front matter, else the first ATX or setext heading, else the file
 * name), lang (else default_lang), order, tags, summary, audience (else
 * "customer" for proposals, "internal" for everything else) and keeps the body.
 * Problems (invalid UTF-8, bad YAML, a field of the wrong type, over the size
 * cap) go to d with their line. Returns NULL when the file cannot be used.
 * Everything is allocated in a, but for the body's tree: free that with
 * sg_doc_dispose() before a goes (sg_content_free() does it for the content's
 * documents). */
sg_doc *sg_doc_load(sg_arena *a, const char *path, sg_doc_kind kind, const char *default_lang,
		    sg_diags *d);
/* The same for a file of the content folder `folder`, which path must not
 * lead out of (base/confine.h). */
sg_doc *sg_doc_load_in(sg_arena *a, const char *folder, const char *path, sg_doc_kind kind,
		       const char *default_lang, sg_diags *d);

/* ---------------------------------------------------------------- the tree
 *
 * A document's body is parsed once per build, into the document model
 * (load/doctree.h), and every output that shows it (its PDF, its page of the
 * site) walks that one tree. Parsing is the outputs' work, not the loader's:
 * the first output to ask parses, inside its own job, so that a document
 * cmark-gfm is slow on costs that output's time budget and not the whole
 * build's (a document whose title comes from its first heading is parsed
 * when it loads, as it always was, and the tree kept).
 *
 * A tree is kept only as long as more outputs are to read it, and only
 * while the trees kept in this process stay under a few tens of megabytes
 * (SG_DOC_TREES_CAP): every tree of ten thousand pages held for the whole
 * build would be hundreds of megabytes. A tree let go is parsed again by the
 * next reader. Forked workers each keep their own. */

/* The bytes of trees kept for later readers, per process. */
#define SG_DOC_TREES_CAP ((size_t)32 * 1024 * 1024)

/* One more output will read doc's tree (as the build is planned). */
void sg_doc_tree_expect(const sg_doc *doc);

/* doc's body as a tree, parsed now unless it is kept (then one reader less
 * is expected). Several threads may ask at once: the document is parsed
 * once, the others wait for it. Never NULL; the tree is read-only. Hand it
 * back with sg_doc_tree_release(). */
const sg_mdtree *sg_doc_tree(const sg_doc *doc);
/* Done reading t (from sg_doc_tree(doc)): it is freed unless more readers
 * are expected and there is room to keep it. */
void sg_doc_tree_release(const sg_doc *doc, const sg_mdtree *t);

/* How many bodies this process has parsed so far (sg_doc_tree() and titles
 * from headings), for tests and benchmarks. */
size_t sg_doc_tree_parses(void);

/* Frees what doc holds outside its arena (its tree). */
void sg_doc_dispose(sg_doc *doc);

#endif

/*
 * revision.h - a revision of the content folder read from git.
 *
 * Design: each revision's content subtree is written from its blobs into a
 * private temporary folder, which the diff then loads like any content
 * folder. The loader reads files by path in many places (XML, Markdown,
 * images, themes, sent PDFs, through base/confine.h's checks), so a
 * file-reading abstraction would have to reach all of them; writing the
 * subtree out keeps the loader as it is and the comparison the same for
 * git and for two folders. The repository's working tree and index are
 * never touched: only the object database is read (no checkout).
 */
#ifndef SG_DIFF_REVISION_H
#define SG_DIFF_REVISION_H

#include "base/buf.h"
#include "base/diag.h"

typedef struct sg_diff_repo sg_diff_repo;

/* Opens the git repository holding the folder content (looked for in it
 * and the folders above). Returns 0, or -1 with why in err. */
int sg_diff_repo_open(sg_diff_repo **out, const char *content, sg_buf *err);

/* Writes the content folder as of revision rev (anything git rev-parse
 * takes: HEAD~1, a branch, a commit) into a new temporary folder, whose
 * path goes to *dir (owned by r). A symbolic link or submodule in the
 * subtree is left out with a warning in d. Returns 0, or -1 with why in
 * err (no such revision, no content folder in it). */
int sg_diff_repo_extract(sg_diff_repo *r, const char *rev, const char **dir, sg_diags *d,
			 sg_buf *err);

/* Removes every folder extracted and closes the repository. */
void sg_diff_repo_free(sg_diff_repo *r);

#endif

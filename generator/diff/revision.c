/*
 * revision.c - content folders of git revisions, written out from the
 * object database with libgit2 (revision.h).
 */
#include "diff/revision.h"

#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <fcntl.h>
#include <git2.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/fs.h"
#include "base/path.h"

typedef struct S_written {
	git_oid id;
	char *path;
} S_written;

struct sg_diff_repo {
	git_repository *repo;
	char *rel;    /* the content folder within the working tree; "" at its root */
	char **tmps;     /* temporary folders made, removed by sg_diff_repo_free */
	char **contents; /* the content folder inside each (NULL: not written) */
	size_t ntmps;
	/* The files written so far by blob, sorted by id after each revision:
	 * a blob written before is linked, not written again (two revisions
	 * share most of their files, and making a file costs more than
	 * linking one; the diff then finds the pair the same by its inode). */
	S_written *written;
	size_t nwritten, nsorted;
};

static void S_git_error(sg_buf *err, const char *what)
{
	const git_error *e = git_error_last();
	sg_buf_printf(err, "%s: %s", what, e && e->message ? e->message : "unknown error");
}

/* The path of content below the working tree workdir (both made real), in
 * heap; NULL when it does not lie in it. */
static char *S_relative(const char *workdir, const char *content)
{
	char wd[PATH_MAX], cd[PATH_MAX];
	if (!realpath(workdir, wd) || !realpath(content, cd))
		return NULL;
	size_t n = strlen(wd);
	if (strcmp(wd, cd) == 0)
		return sg_xstrdup("");
	if (strncmp(wd, cd, n) != 0 || cd[n] != '/')
		return NULL;
	return sg_xstrdup(cd + n + 1);
}

int sg_diff_repo_open(sg_diff_repo **out, const char *content, sg_buf *err)
{
	*out = NULL;
	git_libgit2_init();
	git_repository *repo = NULL;
	if (git_repository_open_ext(&repo, content, 0, NULL) != 0) {
		sg_buf_printf(err, "%s is not in a git repository", content);
		git_libgit2_shutdown();
		return -1;
	}
	const char *wd = git_repository_workdir(repo);
	char *rel = wd ? S_relative(wd, content) : NULL;
	if (!rel) {
		sg_buf_printf(err, "%s is not in the working tree of its repository", content);
		git_repository_free(repo);
		git_libgit2_shutdown();
		return -1;
	}
	sg_diff_repo *r = sg_xcalloc(1, sizeof *r);
	r->repo = repo;
	r->rel = rel;
	*out = r;
	return 0;
}

static int S_cmp_written(const void *a, const void *b)
{
	return git_oid_cmp(&((const S_written *)a)->id, &((const S_written *)b)->id);
}

/* Links path to a file of an earlier revision holding the blob id.
 * Returns 0, or -1 when there is none or it cannot be linked. */
static int S_link_blob(sg_diff_repo *r, const git_oid *id, const char *path)
{
	if (!r->nsorted)
		return -1;
	S_written key = {*id, NULL};
	const S_written *w = bsearch(&key, r->written, r->nsorted, sizeof key, S_cmp_written);
	return w && link(w->path, path) == 0 ? 0 : -1;
}

static void S_remember(sg_diff_repo *r, const git_oid *id, const char *path)
{
	r->written = sg_xrealloc(r->written, (r->nwritten + 1) * sizeof *r->written);
	r->written[r->nwritten++] = (S_written){*id, sg_xstrdup(path)};
}

/* Writes the blob of e to path. */
static int S_write_blob(sg_diff_repo *r, const git_tree_entry *e, const char *path)
{
	if (S_link_blob(r, git_tree_entry_id(e), path) == 0)
		return 0;
	git_blob *blob;
	if (git_blob_lookup(&blob, r->repo, git_tree_entry_id(e)) != 0)
		return -1;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0600);
	const char *data = git_blob_rawcontent(blob);
	size_t len = (size_t)git_blob_rawsize(blob), done = 0;
	while (fd >= 0 && done < len) {
		ssize_t w = write(fd, data + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	int rc = fd >= 0 && done == len ? 0 : -1;
	if (fd >= 0 && close(fd) != 0)
		rc = -1;
	git_blob_free(blob);
	if (rc == 0)
		S_remember(r, git_tree_entry_id(e), path);
	return rc;
}

/* Whether a tree entry's name can be written as one file in its folder:
 * git never makes "", ".", ".." or a name with a slash, but a crafted
 * object could, and the name must not lead out of the temporary folder. */
static bool S_name_ok(const char *name)
{
	return *name && strcmp(name, ".") != 0 && strcmp(name, "..") != 0 && !strchr(name, '/');
}

/* Writes tree into the folder dir (made already); rel is its path in the
 * content folder, for warnings. */
static int S_write_tree(sg_diff_repo *r, const git_tree *tree, const char *dir,
			const char *rel, sg_diags *d)
{
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < git_tree_entrycount(tree); i++) {
		const git_tree_entry *e = git_tree_entry_byindex(tree, i);
		const char *name = git_tree_entry_name(e);
		if (!S_name_ok(name)) {
			sg_warning(d, sg_pos_make(rel, 0, 0),
				   "left out of the diff: a tree entry named '%s'", name);
			continue;
		}
		char *path = sg_path_join(dir, name);
		char *sub = *rel ? sg_path_join(rel, name) : sg_xstrdup(name);
		git_filemode_t mode = git_tree_entry_filemode(e);
		if (mode == GIT_FILEMODE_TREE) {
			git_tree *t;
			rc = mkdir(path, 0700) == 0 && git_tree_lookup(&t, r->repo, git_tree_entry_id(e)) == 0
				     ? S_write_tree(r, t, path, sub, d)
				     : -1;
			if (rc == 0)
				git_tree_free(t);
		} else if (mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE) {
			rc = S_write_blob(r, e, path);
		} else {
			sg_warning(d, sg_pos_make(sub, 0, 0),
				   "left out of the diff: a %s is not content",
				   mode == GIT_FILEMODE_LINK ? "symbolic link" : "submodule");
		}
		free(sub);
		free(path);
	}
	return rc;
}

/* The tree of the content folder in revision rev, into *out. */
static int S_content_tree(sg_diff_repo *r, const char *rev, git_tree **out, sg_buf *err)
{
	git_object *obj = NULL, *peeled = NULL;
	*out = NULL;
	if (git_revparse_single(&obj, r->repo, rev) != 0) {
		sg_buf_printf(err, "no revision '%s' in the repository", rev);
		return -1;
	}
	int rc = -1;
	if (git_object_peel(&peeled, obj, GIT_OBJECT_TREE) != 0) {
		sg_buf_printf(err, "revision '%s' is not a commit or tree", rev);
		goto cleanup;
	}
	if (!*r->rel) {
		*out = (git_tree *)peeled;
		peeled = NULL;
		rc = 0;
		goto cleanup;
	}
	git_tree_entry *e = NULL;
	if (git_tree_entry_bypath(&e, (git_tree *)peeled, r->rel) != 0 ||
	    git_tree_entry_type(e) != GIT_OBJECT_TREE) {
		sg_buf_printf(err, "revision '%s' has no folder %s", rev, r->rel);
	} else if (git_tree_lookup(out, r->repo, git_tree_entry_id(e)) != 0) {
		S_git_error(err, rev);
	} else {
		rc = 0;
	}
	git_tree_entry_free(e);
cleanup:
	git_object_free(peeled);
	git_object_free(obj);
	return rc;
}

/* A new private temporary folder, in heap; NULL when none can be made. */
static char *S_tempdir(void)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = sg_xasprintf("%s/salesgen-diff-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		free(dir);
		return NULL;
	}
	return dir;
}

int sg_diff_repo_extract(sg_diff_repo *r, const char *rev, const char **dir, sg_diags *d,
			 sg_buf *err)
{
	git_tree *tree;
	*dir = NULL;
	if (S_content_tree(r, rev, &tree, err) != 0)
		return -1;
	char *tmp = S_tempdir();
	if (!tmp) {
		sg_buf_printf(err, "cannot make a temporary folder: %s", strerror(errno));
		git_tree_free(tree);
		return -1;
	}
	r->tmps = sg_xrealloc(r->tmps, (r->ntmps + 1) * sizeof *r->tmps);
	r->contents = sg_xrealloc(r->contents, (r->ntmps + 1) * sizeof *r->contents);
	r->tmps[r->ntmps] = tmp;
	r->contents[r->ntmps++] = NULL;
	/* The folder keeps the content folder's name, so messages read as
	 * they would in the working tree. */
	const char *base = strrchr(r->rel, '/');
	base = base ? base + 1 : *r->rel ? r->rel : "content";
	char *content = sg_path_join(tmp, base);
	char *label = sg_xasprintf("%s:%s", rev, r->rel);
	int rc = mkdir(content, 0700) == 0 ? S_write_tree(r, tree, content, label, d) : -1;
	git_tree_free(tree);
	free(label);
	if (rc != 0) {
		sg_buf_printf(err, "cannot write revision '%s' into %s: %s", rev, tmp,
			      strerror(errno));
		free(content);
		return -1;
	}
	r->contents[r->ntmps - 1] = content;
	*dir = content;
	if (r->nwritten)
		qsort(r->written, r->nwritten, sizeof *r->written, S_cmp_written);
	r->nsorted = r->nwritten;
	return 0;
}

/* rm -r path, never following a link. */
static void S_remove(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode)) {
		DIR *dh = opendir(path);
		for (struct dirent *e; dh && (e = readdir(dh));) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			char *sub = sg_path_join(path, e->d_name);
			S_remove(sub);
			free(sub);
		}
		if (dh)
			closedir(dh);
		rmdir(path);
	} else {
		unlink(path);
	}
}

void sg_diff_repo_free(sg_diff_repo *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->ntmps; i++) {
		S_remove(r->tmps[i]);
		free(r->tmps[i]);
		free(r->contents[i]);
	}
	free(r->tmps);
	free(r->contents);
	for (size_t i = 0; i < r->nwritten; i++)
		free(r->written[i].path);
	free(r->written);
	free(r->rel);
	git_repository_free(r->repo);
	git_libgit2_shutdown();
	free(r);
}

#include "base/confine.h"
#include "base/outguard.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/path.h"

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

/* ---------------------------------------------------------------- where */

/* The part of path after folder, when path is folder or lies under it as
 * text: "" for folder itself, "a/b" for folder/a/b. NULL otherwise. */
static const char *S_under(const char *path, const char *folder)
{
	size_t n = strlen(folder);
	while (n > 1 && folder[n - 1] == '/')
		n--;
	if (strncmp(path, folder, n) != 0)
		return NULL;
	const char *rest = path + n;
	if (*rest && *rest != '/' && !(n == 1 && folder[0] == '/'))
		return NULL; /* "content2" is not under "content" */
	while (*rest == '/')
		rest++;
	return rest;
}

/* Where path is inside root, as a path relative to root (heap; "" for root
 * itself). Usually path is spelt from root; else the real paths of path's
 * folder and of root say where it is (the walk then checks the rest, as for
 * any path). NULL with errno set when that cannot be told, EXDEV when path's
 * folder is outside root. */
static char *S_locate(const char *root, const char *path)
{
	const char *rest = S_under(path, root);
	if (rest)
		return sg_xstrdup(rest);
	const char *slash = strrchr(path, '/');
	char *dir = slash ? sg_xstrndup(path, slash == path ? 1 : (size_t)(slash - path))
			  : sg_xstrdup(".");
	const char *base = slash ? slash + 1 : path;
	char *rdir = realpath(dir, NULL);
	char *rroot = rdir ? realpath(root, NULL) : NULL;
	char *rel = NULL;
	int err = errno;
	if (rdir && rroot) {
		rest = S_under(rdir, rroot);
		if (!rest)
			err = EXDEV;
		else
			rel = *rest ? sg_path_join(rest, base) : sg_xstrdup(base);
	}
	free(dir);
	free(rdir);
	free(rroot);
	errno = err;
	return rel;
}

/* ---------------------------------------------------------------- walk */

/* A stretch of the names still to walk that came from a link's target:
 * while the walk is inside it, a step out of the root is that link's doing.
 * It is known by how much of the path follows it, which splicing in later
 * targets (always at the front) does not change. */
typedef struct S_seg {
	size_t tail; /* bytes of the path after the stretch */
	char *link;  /* root joined with the link's path, for messages */
} S_seg;

typedef struct S_walk {
	const char *root;
	char *todo;    /* the names still to walk (heap), from todo + at */
	size_t at;
	int *fds;      /* fds[0] is the root; fds[depth] the folder the walk is in */
	size_t *marks; /* phys.len at each depth */
	size_t depth, cap;
	sg_buf phys; /* the path of fds[depth] inside the root, as walked */
	S_seg segs[SG_CONFINE_MAX_LINKS + 1];
	size_t nsegs;
	int links;   /* links followed so far */
	char *rroot; /* the root's real path, asked for at the first absolute link */
	int err;     /* why the walk failed: an errno value */
	const char *blame; /* on EXDEV, the link that led out of the root (a segs[].link) */
} S_walk;

static void S_push(S_walk *w, int fd, const char *name)
{
	if (w->depth + 1 >= w->cap) {
		w->cap = w->cap ? w->cap * 2 : 16;
		w->fds = sg_xrealloc(w->fds, w->cap * sizeof *w->fds);
		w->marks = sg_xrealloc(w->marks, w->cap * sizeof *w->marks);
	}
	w->marks[w->depth] = w->phys.len;
	w->fds[++w->depth] = fd;
	if (w->phys.len)
		sg_buf_putc(&w->phys, '/');
	sg_buf_puts(&w->phys, name);
}

static void S_pop(S_walk *w)
{
	close(w->fds[w->depth--]);
	sg_buf_truncate(&w->phys, w->marks[w->depth]);
}

/* A walk of path inside root, standing at the root. -1 with errno set when
 * path cannot be placed inside root (S_locate) or root cannot be opened. */
static int S_walk_init(S_walk *w, const char *root, const char *path)
{
	memset(w, 0, sizeof *w);
	w->todo = S_locate(root, path);
	if (!w->todo)
		return -1;
	int rootfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (rootfd < 0) {
		int err = errno;
		free(w->todo);
		errno = err;
		return -1;
	}
	w->root = root;
	w->cap = 16;
	w->fds = sg_xmalloc(w->cap * sizeof *w->fds);
	w->marks = sg_xmalloc(w->cap * sizeof *w->marks);
	w->fds[0] = rootfd;
	sg_buf_init(&w->phys);
	return 0;
}

/* Closes what the walk holds open; w->blame goes with it. */
static void S_walk_dispose(S_walk *w)
{
	while (w->depth > 0)
		S_pop(w);
	close(w->fds[0]);
	for (size_t k = 0; k < w->nsegs; k++)
		free(w->segs[k].link);
	free(w->fds);
	free(w->marks);
	free(w->rroot);
	sg_buf_dispose(&w->phys);
	free(w->todo);
}

/* root joined with name in the folder the walk is in. */
static char *S_link_name(const S_walk *w, const char *name)
{
	char *in = w->phys.len ? sg_path_join(w->phys.data, name) : sg_xstrdup(name);
	char *full = sg_path_join(w->root, in);
	free(in);
	return full;
}

/* The next name of the path, into name: 1, or 0 at the path's end, or -1
 * (w->err) when it is too long. The stretches of link targets the walk
 * has now left are dropped. */
static int S_next_name(S_walk *w, char name[NAME_MAX + 1])
{
	while (w->todo[w->at] == '/')
		w->at++;
	if (!w->todo[w->at])
		return 0;
	size_t left = strlen(w->todo + w->at);
	while (w->nsegs && left <= w->segs[w->nsegs - 1].tail)
		free(w->segs[--w->nsegs].link);
	size_t len = strcspn(w->todo + w->at, "/");
	if (len > NAME_MAX) {
		w->err = ENAMETOOLONG;
		return -1;
	}
	memcpy(name, w->todo + w->at, len);
	name[len] = '\0';
	w->at += len;
	return 1;
}

/* Follows name in the folder the walk is in, which did not open as a file
 * or folder (open_err): when it is a link, its target is spliced in front
 * of the names still to walk (an absolute target walked from the root).
 * Returns 0, or -1 with w->err set (and w->blame, when the target leads out
 * of the root). */
static int S_follow(S_walk *w, const char *name, int open_err)
{
	char target[PATH_MAX];
	ssize_t tn = readlinkat(w->fds[w->depth], name, target, sizeof target);
	if (tn < 0)
		w->err = open_err;
	else if ((size_t)tn >= sizeof target)
		w->err = ENAMETOOLONG;
	else if (tn == 0)
		w->err = ENOENT;
	else if (w->links == SG_CONFINE_MAX_LINKS)
		w->err = ELOOP;
	if (w->err)
		return -1;
	target[tn] = '\0';
	w->links++;
	char *lname = S_link_name(w, name);
	const char *from = target;
	if (target[0] == '/') {
		/* An absolute target is inside only when it is spelt from the
		 * root's real path; it is walked from the root. */
		if (!w->rroot)
			w->rroot = realpath(w->root, NULL);
		from = w->rroot ? S_under(target, w->rroot) : NULL;
		if (!from) {
			w->err = w->rroot ? EXDEV : errno;
			w->segs[w->nsegs++] = (S_seg){0, lname};
			w->blame = lname;
			return -1;
		}
		while (w->depth > 0)
			S_pop(w);
	}
	const char *rest = w->todo + w->at; /* "" or "/..." */
	w->segs[w->nsegs++] = (S_seg){strlen(rest), lname};
	size_t fl = strlen(from), rl = strlen(rest);
	char *spliced = sg_xmalloc(fl + rl + 1);
	memcpy(spliced, from, fl);
	memcpy(spliced + fl, rest, rl + 1);
	free(w->todo);
	w->todo = spliced;
	w->at = 0;
	return 0;
}

/* Walks the path one name at a time, never out of the root. Returns the
 * file (or the folder, when the path ends in one) open, or -1 (w->err). */
static int S_walk_path(S_walk *w)
{
	char name[NAME_MAX + 1];
	for (;;) {
		int got = S_next_name(w, name);
		if (got < 0)
			return -1;
		if (got == 0) {
			/* The path names a folder: the one the walk is in. */
			int fd = fcntl(w->fds[w->depth], F_DUPFD_CLOEXEC, 0);
			if (fd < 0)
				w->err = errno;
			return fd;
		}
		bool last = w->todo[w->at] == '\0';
		if (strcmp(name, ".") == 0)
			continue;
		if (strcmp(name, "..") == 0) {
			if (w->depth == 0) {
				w->err = EXDEV;
				w->blame = w->nsegs ? w->segs[w->nsegs - 1].link : NULL;
				return -1;
			}
			S_pop(w);
			continue;
		}
		int flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC |
			    (last ? O_NONBLOCK | O_NOCTTY : O_DIRECTORY);
		int next = openat(w->fds[w->depth], name, flags);
		if (next >= 0 && last)
			return next;
		if (next >= 0) {
			S_push(w, next, name);
			continue;
		}
		/* O_NOFOLLOW refuses a link (ELOOP on Linux; other systems say
		 * otherwise): whatever the error, a link is read and walked. */
		if (S_follow(w, name, errno) != 0)
			return -1;
	}
}

static int S_open_within(const char *root, const char *path, char **link)
{
	S_walk w;
	if (S_walk_init(&w, root, path) != 0)
		return -1;
	int fd = S_walk_path(&w);
	if (link && w.blame)
		*link = sg_xstrdup(w.blame);
	S_walk_dispose(&w);
	if (fd < 0)
		errno = w.err;
	return fd;
}

int sg_confine_open(const char *root, const char *path, char **link)
{
	if (link)
		*link = NULL;
	int fd = root ? S_open_within(root, path, link)
		      : open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd >= 0)
		sg_outguard_note_read(fd, path); /* an input of the run: never an output */
	return fd;
}

int sg_confine_open_in(int dir, const char *root, const char *path, const char *name,
		       char **link)
{
	bool plain = dir >= 0 && root && *name && !strchr(name, '/') && strcmp(name, ".") != 0 &&
		     strcmp(name, "..") != 0;
	if (!plain)
		return sg_confine_open(root, path, link);
	if (link)
		*link = NULL;
	int fd = openat(dir, name, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | O_NOFOLLOW);
	/* ELOOP: a symbolic link, which the walk follows if it stays inside. */
	if (fd < 0 && errno == ELOOP)
		return sg_confine_open(root, path, link);
	if (fd >= 0)
		sg_outguard_note_read(fd, path);
	return fd;
}

/* ---------------------------------------------------------------- read */

int sg_confine_read_fd(int fd, size_t cap, sg_buf *out, long long *size)
{
	sg_buf_clear(out);
	int err = 0;
	struct stat st;
	if (fstat(fd, &st) != 0) {
		err = errno;
		goto done;
	}
	if (!S_ISREG(st.st_mode)) {
		err = EINVAL;
		goto done;
	}
	if ((unsigned long long)st.st_size > cap) {
		if (size)
			*size = (long long)st.st_size;
		err = EFBIG;
		goto done;
	}
	sg_buf_grow(out, (size_t)st.st_size);
	for (;;) {
		sg_buf_grow(out, 4096);
		ssize_t n = read(fd, out->data + out->len, out->cap - out->len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = errno;
			break;
		}
		if (n == 0)
			break;
		out->len += (size_t)n;
		out->data[out->len] = '\0';
		if (out->len > cap) { /* grew while we read */
			if (size)
				*size = -1;
			err = EFBIG;
			break;
		}
	}
done:
	close(fd);
	if (err) {
		sg_buf_clear(out);
		errno = err;
		return -1;
	}
	return 0;
}

int sg_confine_read(const char *root, const char *folder, const char *path, size_t cap,
		    sg_buf *out, sg_diags *d)
{
	sg_buf_clear(out);
	sg_pos pos = {path, 0, 0};
	char *link = NULL;
	int fd = sg_confine_open(root, path, &link);
	if (fd < 0) {
		if (errno == EXDEV && root)
			sg_confine_error(d, pos, NULL, folder, link);
		else
			sg_error(d, pos, "cannot open: %s", strerror(errno));
		free(link);
		return -1;
	}
	long long size = -1;
	if (sg_confine_read_fd(fd, cap, out, &size) == 0)
		return 0;
	if (errno == EINVAL)
		sg_error(d, pos, "not a regular file");
	else if (errno == EFBIG && size >= 0)
		sg_error(d, pos, "file is %lld bytes, over the %zu-byte limit for content files", size,
			 cap);
	else if (errno == EFBIG)
		sg_error(d, pos, "file is over the %zu-byte limit for content files", cap);
	else
		sg_error(d, pos, "read failed: %s", strerror(errno));
	return -1;
}

void sg_confine_error(sg_diags *d, sg_pos pos, const char *what, const char *folder,
		      const char *link)
{
	if (what && link)
		sg_error(d, pos, "%s is outside the %s (%s is a symbolic link that leads out of it)",
			 what, folder, link);
	else if (what)
		sg_error(d, pos, "%s is outside the %s", what, folder);
	else if (!link)
		sg_error(d, pos, "outside the %s: not read", folder);
	else if (pos.path && strcmp(pos.path, link) == 0)
		sg_error(d, pos, "a symbolic link that leads outside the %s: not read", folder);
	else
		sg_error(d, pos, "%s is a symbolic link that leads outside the %s: not read", link,
			 folder);
}

/*
 * outguard.c - outputs never touch inputs (see outguard.h).
 */
#include "base/outguard.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/buf.h"

/* Links followed while resolving one path before giving up, as the
 * kernel's own limit (ELOOP). */
#define S_MAX_LINKS 40

/* ---------------------------------------------------------------- paths */

/* Drops the last part of the absolute path in b ("/a/b" -> "/a"; "/" stays). */
static void S_pop(sg_buf *b)
{
	while (b->len > 1 && b->data[b->len - 1] != '/')
		b->len--;
	if (b->len > 1)
		b->len--;
	b->data[b->len] = '\0';
}

static void S_push(sg_buf *b, const char *part, size_t n)
{
	if (b->len > 1)
		sg_buf_putc(b, '/');
	sg_buf_put(b, part, n);
}

/* The target of the link at path (heap), or NULL. */
static char *S_readlink(const char *path)
{
	size_t cap = 256;
	for (;;) {
		char *t = sg_xmalloc(cap);
		ssize_t n = readlink(path, t, cap);
		if (n < 0) {
			free(t);
			return NULL;
		}
		if ((size_t)n < cap) {
			t[n] = '\0';
			return t;
		}
		free(t);
		cap *= 2;
	}
}

/* Where the walk of path starts, into out: the root for an absolute path,
 * else the working folder. -1 (errno) when that cannot be told. */
static int S_walk_start(sg_buf *out, const char *path)
{
	if (path[0] == '/') {
		sg_buf_putc(out, '/');
		return 0;
	}
	char *cwd = getcwd(NULL, 0);
	if (!cwd)
		return -1;
	sg_buf_puts(out, cwd);
	free(cwd);
	return 0;
}

/* The parts still to walk once a link is met: its target, then what
 * followed the link in rest (from pos). target and rest are freed. */
static char *S_splice(char *target, char *rest, size_t pos)
{
	size_t tl = strlen(target), rl = strlen(rest + pos);
	char *next = sg_xmalloc(tl + 1 + rl + 1);
	memcpy(next, target, tl);
	next[tl] = '/';
	memcpy(next + tl + 1, rest + pos, rl + 1);
	free(target);
	free(rest);
	return next;
}

char *sg_outguard_real(const char *path)
{
	if (!path || !*path) {
		errno = ENOENT;
		return NULL;
	}
	sg_buf out;
	sg_buf_init(&out);
	if (S_walk_start(&out, path) != 0) {
		sg_buf_dispose(&out);
		return NULL;
	}
	/* rest holds the parts still to walk; a link's target is put in
	 * front of what follows it. */
	char *rest = sg_xstrdup(path);
	size_t pos = 0;
	int links = 0;
	for (;;) {
		while (rest[pos] == '/')
			pos++;
		if (!rest[pos])
			break;
		size_t n = strcspn(rest + pos, "/");
		const char *part = rest + pos;
		pos += n;
		if (n == 1 && part[0] == '.')
			continue;
		if (n == 2 && part[0] == '.' && part[1] == '.') {
			/* out holds no links, so its parent is where ".." leads;
			 * after a part that does not exist yet too, as the folders
			 * are made on the way when the output is written. */
			S_pop(&out);
			continue;
		}
		size_t before = out.len;
		S_push(&out, part, n);
		struct stat st;
		if (lstat(out.data, &st) != 0 || !S_ISLNK(st.st_mode))
			continue; /* a folder, a file, or not there (yet): as written */
		char *target = links < S_MAX_LINKS ? S_readlink(out.data) : NULL;
		if (!target) {
			if (links >= S_MAX_LINKS)
				errno = ELOOP;
			free(rest);
			sg_buf_dispose(&out);
			return NULL;
		}
		links++;
		sg_buf_truncate(&out, before);
		if (target[0] == '/')
			sg_buf_truncate(&out, 1);
		rest = S_splice(target, rest, pos);
		pos = 0;
	}
	free(rest);
	return sg_buf_detach(&out);
}

bool sg_outguard_within(const char *a, const char *b)
{
	size_t n = strlen(b);
	if (n == 1 && b[0] == '/')
		return true;
	return strncmp(a, b, n) == 0 && (a[n] == '\0' || a[n] == '/');
}

/* ---------------------------------------------------------------- the guard */

void sg_outguard_init(sg_outguard *g)
{
	memset(g, 0, sizeof *g);
}

void sg_outguard_dispose(sg_outguard *g)
{
	for (size_t i = 0; i < g->count; i++) {
		free(g->items[i].real);
		free(g->items[i].shown);
	}
	free(g->items);
	memset(g, 0, sizeof *g);
}

static void S_add(sg_outguard *g, const char *path, const char *what, bool folder)
{
	char *real = sg_outguard_real(path);
	if (!real)
		return; /* cannot be resolved, so cannot be read either */
	if (g->count == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 8;
		g->items = sg_xrealloc(g->items, g->cap * sizeof *g->items);
	}
	sg_outguard_item *it = &g->items[g->count++];
	memset(it, 0, sizeof *it);
	it->real = real;
	it->shown = sg_xstrdup(path);
	it->what = what;
	it->folder = folder;
	struct stat st;
	if (stat(real, &st) == 0) {
		it->have_id = true;
		it->dev = (uint64_t)st.st_dev;
		it->ino = (uint64_t)st.st_ino;
	}
}

void sg_outguard_input(sg_outguard *g, const char *path, const char *what)
{
	S_add(g, path, what, false);
}

void sg_outguard_folder(sg_outguard *g, const char *path, const char *what)
{
	S_add(g, path, what, true);
}

/* ---------------------------------------------------------------- reads */

typedef struct S_read {
	uint64_t dev, ino;
	char *path;
} S_read;

static atomic_bool S_tracking;
static pthread_mutex_t S_reads_lock = PTHREAD_MUTEX_INITIALIZER;
static S_read *S_reads;
static size_t S_read_count, S_read_cap;

void sg_outguard_track_reads(bool on)
{
	pthread_mutex_lock(&S_reads_lock);
	atomic_store(&S_tracking, on);
	if (!on) {
		for (size_t i = 0; i < S_read_count; i++)
			free(S_reads[i].path);
		free(S_reads);
		S_reads = NULL;
		S_read_count = S_read_cap = 0;
	}
	pthread_mutex_unlock(&S_reads_lock);
}

void sg_outguard_note_read(int fd, const char *path)
{
	if (!atomic_load_explicit(&S_tracking, memory_order_relaxed))
		return;
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0)
		return;
	pthread_mutex_lock(&S_reads_lock);
	bool known = false;
	for (size_t i = 0; i < S_read_count && !known; i++)
		known = S_reads[i].dev == (uint64_t)st.st_dev && S_reads[i].ino == (uint64_t)st.st_ino;
	if (!known && atomic_load(&S_tracking)) {
		if (S_read_count == S_read_cap) {
			S_read_cap = S_read_cap ? S_read_cap * 2 : 32;
			S_reads = sg_xrealloc(S_reads, S_read_cap * sizeof *S_reads);
		}
		S_reads[S_read_count++] =
			(S_read){(uint64_t)st.st_dev, (uint64_t)st.st_ino, sg_xstrdup(path)};
	}
	pthread_mutex_unlock(&S_reads_lock);
}

/* The path a recorded read of (dev, ino) was made as (heap), or NULL. */
static char *S_read_as(uint64_t dev, uint64_t ino)
{
	char *found = NULL;
	pthread_mutex_lock(&S_reads_lock);
	for (size_t i = 0; i < S_read_count && !found; i++)
		if (S_reads[i].dev == dev && S_reads[i].ino == ino)
			found = sg_xstrdup(S_reads[i].path);
	pthread_mutex_unlock(&S_reads_lock);
	return found;
}

/* ---------------------------------------------------------------- checks */

static char *S_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *S_printf(const char *fmt, ...)
{
	sg_buf b;
	sg_buf_init(&b);
	va_list ap;
	va_start(ap, fmt);
	sg_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return sg_buf_detach(&b);
}

int sg_outguard_check(const sg_outguard *g, const char *path, bool folder, char **why)
{
	*why = NULL;
	char *real = sg_outguard_real(path);
	if (!real) {
		*why = S_printf("cannot tell where this path leads: %s", strerror(errno));
		return -1;
	}
	struct stat st;
	bool exists = stat(real, &st) == 0;
	/* Files first: "this is the document" says more than "this lies in
	 * the content folder". */
	for (size_t i = 0; i < g->count && !*why; i++) {
		const sg_outguard_item *it = &g->items[i];
		if (it->folder)
			continue;
		bool same = strcmp(real, it->real) == 0 ||
			    (exists && it->have_id && it->dev == (uint64_t)st.st_dev &&
			     it->ino == (uint64_t)st.st_ino);
		if (same)
			*why = S_printf("this is an input of the run (%s %s): choose another %s",
					it->what, it->shown, folder ? "folder" : "file");
	}
	if (!*why && exists && !S_ISDIR(st.st_mode)) {
		char *as = S_read_as((uint64_t)st.st_dev, (uint64_t)st.st_ino);
		if (as)
			*why = S_printf("this is an input of the run (read by this run as %s): "
					"choose another file",
					as);
		free(as);
	}
	for (size_t i = 0; i < g->count && !*why; i++) {
		const sg_outguard_item *it = &g->items[i];
		if (!it->folder)
			continue;
		bool inside = sg_outguard_within(real, it->real);
		bool holds = folder && sg_outguard_within(it->real, real);
		bool same = inside && strcmp(real, it->real) == 0;
		if (folder && (inside || holds))
			*why = S_printf("the output folder %s the %s folder %s: choose a folder "
					"outside it",
					same ? "is" : inside ? "is inside" : "holds", it->what,
					it->shown);
		else if (inside)
			*why = S_printf("this %s the %s folder %s, which salesgen never writes "
					"into: choose a file outside it",
					same ? "is" : "lies inside", it->what, it->shown);
	}
	free(real);
	return *why ? -1 : 0;
}

int sg_outguard_refuse(const sg_outguard *g, const char *prefix, const char *option,
		       const char *path, bool folder)
{
	char *why;
	if (sg_outguard_check(g, path, folder, &why) == 0)
		return 0;
	fprintf(stderr, "%s: %s%s%s: %s\n", prefix, option ? option : "", option ? " " : "", path,
		why);
	free(why);
	return -1;
}

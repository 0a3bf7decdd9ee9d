/*
 * watch.c - folders watched with inotify, new folders included (watch.h).
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/path.h"
#include "serve/watch.h"

/* What a change is: files written, made, removed or moved, and folders. */
#define S_MASK                                                                            \
	(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB |  \
	 IN_DELETE_SELF | IN_MOVE_SELF | IN_MODIFY)

typedef struct S_dir {
	int wd;
	char *path;
} S_dir;

/* The most changed files remembered between builds; past it, "several". */
#define S_CHANGED_MAX 8

struct sg_watch {
	int fd;
	S_dir *dirs; /* every watched folder, by watch descriptor */
	size_t count, cap;
	char *changed[S_CHANGED_MAX]; /* the files changed since the last build */
	size_t changed_count;
	bool several; /* more than S_CHANGED_MAX, a folder, or an overflow */
	bool closed;  /* the latest change ended a save (sg_watch_closed) */
};

sg_watch *sg_watch_new(void)
{
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (fd < 0)
		return NULL;
	sg_watch *w = sg_xcalloc(1, sizeof *w);
	w->fd = fd;
	return w;
}

void sg_watch_free(sg_watch *w)
{
	if (!w)
		return;
	close(w->fd);
	sg_watch_forget(w);
	for (size_t i = 0; i < w->count; i++)
		free(w->dirs[i].path);
	free(w->dirs);
	free(w);
}

int sg_watch_fd(const sg_watch *w)
{
	return w->fd;
}

bool sg_watch_ignored(const char *name)
{
	size_t n = strlen(name);
	return n == 0 || name[0] == '.' || name[n - 1] == '~' || strcmp(name, "4913") == 0 ||
	       (n > 4 && strcmp(name + n - 4, ".swp") == 0);
}

/* The folder of watch descriptor wd, or NULL. */
static const char *S_path(const sg_watch *w, int wd)
{
	for (size_t i = 0; i < w->count; i++)
		if (w->dirs[i].wd == wd)
			return w->dirs[i].path;
	return NULL;
}

/* Watches dir (not what is under it); records it once. */
static int S_add(sg_watch *w, const char *dir)
{
	int wd = inotify_add_watch(w->fd, dir, S_MASK | IN_ONLYDIR | IN_DONT_FOLLOW);
	if (wd < 0)
		return -1;
	if (S_path(w, wd))
		return 0;
	if (w->count == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 16;
		w->dirs = sg_xrealloc(w->dirs, w->cap * sizeof *w->dirs);
	}
	w->dirs[w->count++] = (S_dir){wd, sg_xstrdup(dir)};
	return 0;
}

int sg_watch_add_tree(sg_watch *w, const char *dir)
{
	if (S_add(w, dir) != 0)
		return -1;
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	for (struct dirent *e; (e = readdir(d));) {
		if (e->d_type != DT_DIR || sg_watch_ignored(e->d_name))
			continue;
		char *sub = sg_path_join(dir, e->d_name);
		sg_watch_add_tree(w, sub);
		free(sub);
	}
	closedir(d);
	return 0;
}

void sg_watch_forget(sg_watch *w)
{
	for (size_t i = 0; i < w->changed_count; i++)
		free(w->changed[i]);
	w->changed_count = 0;
	w->several = false;
}

/* Remembers that the file path changed (path is taken). */
static void S_remember(sg_watch *w, char *path)
{
	for (size_t i = 0; i < w->changed_count; i++)
		if (strcmp(w->changed[i], path) == 0) {
			free(path);
			return;
		}
	if (w->changed_count == S_CHANGED_MAX) {
		w->several = true;
		free(path);
		return;
	}
	w->changed[w->changed_count++] = path;
}

const char *sg_watch_changed(sg_watch *w)
{
	if (w->several)
		return NULL;
	const char *one = NULL;
	struct stat st;
	for (size_t i = 0; i < w->changed_count; i++) {
		if (lstat(w->changed[i], &st) != 0)
			continue; /* gone again: a temporary file */
		if (one || !S_ISREG(st.st_mode))
			return NULL;
		one = w->changed[i];
	}
	return one;
}

/* One event: counts as a change unless its name is ignored; a folder made
 * or moved in is watched, with what it already holds. */
static int S_event(sg_watch *w, const struct inotify_event *ev)
{
	if (ev->mask & IN_Q_OVERFLOW)
		return -1;
	if (ev->mask & IN_IGNORED)
		return 0;
	if (ev->len && sg_watch_ignored(ev->name))
		return 0;
	const char *dir = S_path(w, ev->wd);
	if (!dir || !ev->len || (ev->mask & IN_ISDIR))
		w->several = true;
	else
		S_remember(w, sg_path_join(dir, ev->name));
	/* A file closed after writing, renamed into place or removed is the last
	 * step of a save; an attribute change follows a save (vim) or comes
	 * amid one (sed -i's temporary file), so it says nothing either way. */
	if (ev->mask & (IN_CLOSE_WRITE | IN_MOVED_TO | IN_DELETE))
		w->closed = true;
	else if (!(ev->mask & IN_ATTRIB))
		w->closed = false;
	if (dir && ev->len && (ev->mask & IN_ISDIR) && (ev->mask & (IN_CREATE | IN_MOVED_TO))) {
		char *sub = sg_path_join(dir, ev->name);
		sg_watch_add_tree(w, sub);
		free(sub);
	}
	return 1;
}

bool sg_watch_closed(const sg_watch *w)
{
	return w->closed;
}

int sg_watch_read(sg_watch *w)
{
	char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
	int changes = 0;
	for (;;) {
		ssize_t n = read(w->fd, buf, sizeof buf);
		if (n <= 0)
			return n < 0 && errno != EAGAIN && errno != EINTR ? -1 : changes;
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (const struct inotify_event *)p;
			int rc = S_event(w, ev);
			if (rc < 0) {
				changes = -1;
				w->several = true;
			}
			else if (changes >= 0)
				changes += rc;
			p += sizeof *ev + ev->len;
		}
	}
}

/*
 * watch.h - watching folders, and the folders made inside them later, for
 * changes (Linux inotify).
 *
 * The serve loop polls sg_watch_fd() and calls sg_watch_read() when it is
 * readable. Names that editors use for their own files (dot files such as
 * ".x.xml.swp", backups ending in "~", vim's "4913") and folders whose name
 * starts with a dot (.git) are not changes of the content.
 */
#ifndef SG_SERVE_WATCH_H
#define SG_SERVE_WATCH_H

#include <stdbool.h>

typedef struct sg_watch sg_watch;

/* A watcher with nothing watched, or NULL (errno set) when inotify cannot
 * be used. Free with sg_watch_free(). */
sg_watch *sg_watch_new(void);
void sg_watch_free(sg_watch *w);

/* Watches dir and every folder under it. Returns 0, or -1 (errno set) when
 * dir itself cannot be watched; a folder under it that cannot be is left. */
int sg_watch_add_tree(sg_watch *w, const char *dir);

/* The descriptor to poll for reading. */
int sg_watch_fd(const sg_watch *w);

/* Reads the events waiting (never blocks), watches folders that were made
 * or moved in, and returns how many events were changes of the content;
 * -1 when the watch itself broke (the queue overflowed: the caller should
 * take everything as changed). */
int sg_watch_read(sg_watch *w);

/* Whether the latest change read ended a save: a file closed after
 * writing, renamed into place or removed (an attribute change after it
 * does not count against it). */
bool sg_watch_closed(const sg_watch *w);

/* The one file that changed since sg_watch_forget() (a path under a
 * watched folder, valid until the next call on w), or NULL when none did,
 * or several, or a folder. Files that are gone again by now (an editor's
 * temporary file, renamed over the one it saves) do not count. */
const char *sg_watch_changed(sg_watch *w);
void sg_watch_forget(sg_watch *w);

/* Whether name, a file or folder name, is one an editor keeps for itself. */
bool sg_watch_ignored(const char *name);

#endif

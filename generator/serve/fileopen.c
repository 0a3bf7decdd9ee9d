/*
 * fileopen.c - open a file under a folder, following no link (fileopen.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "serve/fileopen.h"

/* The longest path served: request paths are bounded well below it. */
#define S_PATH_MAX 4096

/* Opens one part under dirfd, never through a link. */
static int S_open_part(int dirfd, const char *name, int flags)
{
	int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | flags);
	return fd < 0 ? -errno : fd;
}

/* The status of fd as sg_serve_open() returns it: fd itself for a regular
 * file, else the error (fd closed). */
static int S_check(int fd, struct stat *st)
{
	if (fstat(fd, st) != 0) {
		int err = errno;
		close(fd);
		return -err;
	}
	if (S_ISREG(st->st_mode)) {
		/* Reads block again: O_NONBLOCK only kept a FIFO from
		 * stalling the open. */
		int fl = fcntl(fd, F_GETFL);
		if (fl >= 0)
			fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
		return fd;
	}
	close(fd);
	return S_ISDIR(st->st_mode) ? -EISDIR : -EACCES;
}

int sg_serve_open(int rootfd, const char *rel, struct stat *st)
{
	char path[S_PATH_MAX];
	size_t n = strlen(rel);
	if (n == 0)
		return -EISDIR;
	if (n >= sizeof path)
		return -ENAMETOOLONG;
	memcpy(path, rel, n + 1);
	int dir = dup(rootfd);
	if (dir < 0)
		return -errno;
	char *part = path;
	for (char *slash; (slash = strchr(part, '/')); part = slash + 1) {
		*slash = 0;
		int next = S_open_part(dir, part, O_DIRECTORY);
		close(dir);
		if (next < 0)
			return next == -ENOTDIR ? -ENOENT : next;
		dir = next;
	}
	int fd = S_open_part(dir, part, 0);
	close(dir);
	return fd < 0 ? fd : S_check(fd, st);
}

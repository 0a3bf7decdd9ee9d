/*
 * outdir.c - safe, atomic writes inside the output folder (see outdir.h).
 */
#include "engine/outdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/fs.h"

#define S_DIR_FLAGS (O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)

static atomic_uint S_tmp_counter;

void sg_stat_key_from(sg_stat_key *k, const struct stat *st)
{
	k->size = (uint64_t)st->st_size;
	k->mtime_sec = (int64_t)st->st_mtim.tv_sec;
	k->mtime_nsec = (int64_t)st->st_mtim.tv_nsec;
	k->ino = (uint64_t)st->st_ino;
}

bool sg_outdir_path_ok(const char *rel, const char **why)
{
	if (!rel || !*rel) {
		*why = "empty output path";
		return false;
	}
	if (rel[0] == '/') {
		*why = "output path is absolute";
		return false;
	}
	if (strlen(rel) > 1024) {
		*why = "output path is too long";
		return false;
	}
	const char *s = rel;
	bool first = true;
	for (;;) {
		const char *slash = strchr(s, '/');
		size_t n = slash ? (size_t)(slash - s) : strlen(s);
		if (n == 0) {
			*why = "output path has an empty part";
			return false;
		}
		if ((n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.')) {
			*why = "output path has a '.' or '..' part";
			return false;
		}
		if (first && n == strlen(SG_STATE_DIR) && memcmp(s, SG_STATE_DIR, n) == 0) {
			*why = "output path is inside " SG_STATE_DIR "/";
			return false;
		}
		for (size_t i = 0; i < n; i++)
			if ((unsigned char)s[i] < 0x20 || s[i] == '\\') {
				*why = "output path has a control character or a backslash";
				return false;
			}
		first = false;
		if (!slash)
			break;
		s = slash + 1;
	}
	return true;
}

/* Opens folder name inside dirfd without following a link, creating it when
 * create is set. Returns the fd or -1 with errno (ELOOP/ENOTDIR for a
 * link or a file in the way). */
static int S_open_dir(int dirfd, const char *name, bool create)
{
	int fd = openat(dirfd, name, S_DIR_FLAGS);
	if (fd < 0 && errno == ENOENT && create) {
		if (mkdirat(dirfd, name, 0777) != 0 && errno != EEXIST)
			return -1;
		fd = openat(dirfd, name, S_DIR_FLAGS);
	}
	return fd;
}

/* Walks the folders of rel (all parts but the last) from the output folder.
 * Returns the fd of the last folder and points *base at the file name, or
 * -1 with *why set. */
struct sg_outdir_last {
	pthread_mutex_t lock;
	char *dir; /* rel up to its last '/', or NULL */
	int fd;
};

/* Forgets the kept folder: it may be gone (sg_outdir_remove()). */
static void S_last_forget(const sg_outdir *o)
{
	if (!o->last)
		return;
	pthread_mutex_lock(&o->last->lock);
	if (o->last->fd >= 0)
		close(o->last->fd);
	o->last->fd = -1;
	free(o->last->dir);
	o->last->dir = NULL;
	pthread_mutex_unlock(&o->last->lock);
}

static int S_parent(const sg_outdir *o, const char *rel, bool create, const char **base,
		    const char **why)
{
	int fd = dup(o->fd);
	if (fd < 0) {
		*why = strerror(errno);
		return -1;
	}
	const char *s = rel;
	for (;;) {
		const char *slash = strchr(s, '/');
		if (!slash)
			break;
		char *part = sg_xstrndup(s, (size_t)(slash - s));
		int next = S_open_dir(fd, part, create);
		int err = errno;
		free(part);
		close(fd);
		if (next < 0) {
			*why = err == ELOOP || err == ENOTDIR
				       ? "a folder on the way is a symbolic link or a file: not "
					 "following it"
				       : strerror(err);
			errno = err;
			return -1;
		}
		fd = next;
		s = slash + 1;
	}
	*base = s;
	return fd;
}

/* Removes every file of the temporary folder: leftovers of a killed build. */
static void S_sweep(int dirfd)
{
	int fd = dup(dirfd);
	if (fd < 0)
		return;
	DIR *dh = fdopendir(fd);
	if (!dh) {
		close(fd);
		return;
	}
	struct dirent *e;
	while ((e = readdir(dh)) != NULL)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			unlinkat(dirfd, e->d_name, 0);
	closedir(dh);
}

/* The error of an output folder that cannot be used: which file or folder
 * of its state (rel) and why, from errno (EACCES, EROFS, ...). */
static void S_open_error(const sg_outdir *o, const char *rel, int err, sg_diags *d)
{
	const char *why = err == ELOOP ? "it is a symbolic link: not following it"
			  : err == ENOTDIR ? "it is a symbolic link or a file, not a folder"
			  : err == EISDIR ? "it is a folder, not a file"
					  : strerror(err);
	sg_error(d, sg_pos_make(o->path, 0, 0), "cannot write the output folder: %s/%s: %s",
		 o->path, rel, why);
}

int sg_outdir_open(sg_outdir *o, const char *path, sg_shard shard, sg_diags *d)
{
	o->path = path;
	o->fd = o->state_fd = o->tmp_fd = o->lock_fd = -1;
	o->last = NULL;
	if (sg_mkdir_p(path) != 0 || (o->fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		sg_error(d, sg_pos_make(path, 0, 0), "cannot create the output folder: %s",
			 strerror(errno));
		return -1;
	}
	char tmp[48];
	sg_shard_file(shard, "tmp", tmp, sizeof tmp);
	char *tmp_rel = sg_path_join(SG_STATE_DIR, tmp);
	o->state_fd = S_open_dir(o->fd, SG_STATE_DIR, true);
	if (o->state_fd < 0)
		S_open_error(o, SG_STATE_DIR, errno, d);
	else if ((o->tmp_fd = S_open_dir(o->state_fd, tmp, true)) < 0)
		S_open_error(o, tmp_rel, errno, d);
	free(tmp_rel);
	if (o->tmp_fd < 0) {
		sg_outdir_close(o);
		return -1;
	}
	/* Two builds of one shard at once would sweep each other's temporary
	 * files: the second one stops. The lock goes with the last process
	 * holding the file open (the workers inherit it). */
	char lock[48];
	sg_shard_file(shard, "lock", lock, sizeof lock);
	o->lock_fd = openat(o->state_fd, lock, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (o->lock_fd < 0) {
		char *rel = sg_path_join(SG_STATE_DIR, lock);
		S_open_error(o, rel, errno, d);
		free(rel);
		sg_outdir_close(o);
		return -1;
	}
	if (flock(o->lock_fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno == EWOULDBLOCK)
			sg_error(d, sg_pos_make(path, 0, 0),
				 "another salesgen build is writing this output folder (the same "
				 "shard): wait for it to finish");
		else
			sg_error(d, sg_pos_make(path, 0, 0), "cannot lock the output folder: %s",
				 strerror(errno));
		sg_outdir_close(o);
		return -1;
	}
	S_sweep(o->tmp_fd);
	o->last = sg_xcalloc(1, sizeof *o->last);
	pthread_mutex_init(&o->last->lock, NULL);
	o->last->fd = -1;
	return 0;
}

void sg_outdir_close(sg_outdir *o)
{
	if (o->lock_fd >= 0)
		close(o->lock_fd);
	if (o->tmp_fd >= 0)
		close(o->tmp_fd);
	if (o->state_fd >= 0)
		close(o->state_fd);
	if (o->fd >= 0)
		close(o->fd);
	o->fd = o->state_fd = o->tmp_fd = o->lock_fd = -1;
	if (o->last) {
		S_last_forget(o);
		pthread_mutex_destroy(&o->last->lock);
		free(o->last);
		o->last = NULL;
	}
}

static int S_write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

static int S_put_fd(void *sink, const void *data, size_t len)
{
	return S_write_all(*(const int *)sink, data, len);
}

/* The bytes of S_write_rename(): one piece. */
typedef struct S_bytes {
	const void *data;
	size_t len;
} S_bytes;

static int S_fill_bytes(void *arg, sg_sink_fn put, void *sink)
{
	const S_bytes *b = arg;
	return put(sink, b->data, b->len);
}

static int S_stream_rename(int tmpdir, int dirfd, const char *base, sg_fill_fn fill, void *arg);

/* Writes data to a new temporary file in tmpdir and renames it to base in
 * dirfd. Returns 0, or -1 with errno (EXDEV: the folders are on different
 * file systems). */
static int S_write_rename(int tmpdir, int dirfd, const char *base, const void *data,
			  size_t len)
{
	S_bytes b = {data, len};
	return S_stream_rename(tmpdir, dirfd, base, S_fill_bytes, &b);
}

/* The same, the bytes made by fill as they are written. */
static int S_stream_rename(int tmpdir, int dirfd, const char *base, sg_fill_fn fill, void *arg)
{
	char name[96];
	snprintf(name, sizeof name, ".sg-%ld-%u.tmp", (long)getpid(),
		 atomic_fetch_add(&S_tmp_counter, 1));
	int fd = openat(tmpdir, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	errno = 0;
	int rc = fill(arg, S_put_fd, &fd) == 0 ? 0 : -1;
	if (rc != 0 && errno == 0)
		errno = EIO;
	/* The umask must not make outputs unreadable to the web server. */
	if (rc == 0)
		rc = fchmod(fd, 0644);
	int err = errno;
	if (close(fd) != 0 && rc == 0) {
		rc = -1;
		err = errno;
	}
	if (rc == 0 && renameat(tmpdir, name, dirfd, base) != 0) {
		rc = -1;
		err = errno;
	}
	if (rc != 0) {
		unlinkat(tmpdir, name, 0);
		errno = err;
	}
	return rc;
}

int sg_outdir_write(const sg_outdir *o, const char *rel, const void *data, size_t len,
		    const char **why)
{
	if (!sg_outdir_path_ok(rel, why))
		return -1;
	const char *base;
	int dirfd = S_parent(o, rel, true, &base, why);
	if (dirfd < 0)
		return -1;
	struct stat st;
	int rc = -1;
	if (fstatat(dirfd, base, &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISREG(st.st_mode)) {
		*why = S_ISLNK(st.st_mode) ? "the output is a symbolic link: not following it"
					   : "the output exists and is not a plain file";
		goto done;
	}
	rc = S_write_rename(o->tmp_fd, dirfd, base, data, len);
	if (rc != 0 && errno == EXDEV)
		rc = S_write_rename(dirfd, dirfd, base, data, len);
	if (rc != 0)
		*why = strerror(errno);
done:
	close(dirfd);
	return rc;
}

/* The folder of an existing rel, for reading or removing: rel's spelling
 * checked, then its folders opened without creating any (S_parent).
 * Returns the folder's fd and points *base at the file name, or -1 with
 * errno set (EINVAL: a path that is refused). */
static int S_existing_parent(const sg_outdir *o, const char *rel, const char **base)
{
	const char *why;
	if (!sg_outdir_path_ok(rel, &why)) {
		errno = EINVAL;
		return -1;
	}
	return S_parent(o, rel, false, base, &why);
}

/* Opens rel for reading: a regular file reached without links. */
static int S_open_file(const sg_outdir *o, const char *rel, struct stat *st)
{
	const char *base;
	int dirfd = S_existing_parent(o, rel, &base);
	if (dirfd < 0)
		return -1;
	int fd = openat(dirfd, base, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	close(dirfd);
	if (fd < 0)
		return -1;
	if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode)) {
		close(fd);
		return -1;
	}
	return fd;
}

int sg_outdir_stat(const sg_outdir *o, const char *rel, sg_stat_key *k)
{
	const char *base;
	const char *why;
	if (!sg_outdir_path_ok(rel, &why)) {
		errno = EINVAL;
		return -1;
	}
	const char *slash = strrchr(rel, '/');
	size_t n = slash ? (size_t)(slash - rel) : 0;
	struct stat st;
	int rc;
	sg_outdir_last *last = o->last;
	if (last)
		pthread_mutex_lock(&last->lock);
	if (last && last->dir && strlen(last->dir) == n && strncmp(last->dir, rel, n) == 0) {
		rc = fstatat(last->fd, slash ? slash + 1 : rel, &st, AT_SYMLINK_NOFOLLOW);
	} else {
		int dirfd = S_parent(o, rel, false, &base, &why);
		if (dirfd < 0) {
			if (last)
				pthread_mutex_unlock(&last->lock);
			return -1;
		}
		rc = fstatat(dirfd, base, &st, AT_SYMLINK_NOFOLLOW);
		if (last) {
			if (last->fd >= 0)
				close(last->fd);
			free(last->dir);
			last->dir = sg_xstrndup(rel, n);
			last->fd = dirfd;
		} else {
			close(dirfd);
		}
	}
	if (last)
		pthread_mutex_unlock(&last->lock);
	if (rc != 0 || !S_ISREG(st.st_mode))
		return -1;
	sg_stat_key_from(k, &st);
	return 0;
}

int sg_outdir_hash(const sg_outdir *o, const char *rel, char hash[SG_SHA256_HEX],
		   sg_stat_key *k)
{
	struct stat st;
	int fd = S_open_file(o, rel, &st);
	if (fd < 0)
		return -1;
	sg_stat_key_from(k, &st);
	sg_sha256 s;
	sg_sha256_init(&s);
	char buf[65536];
	int rc = 0;
	for (;;) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			rc = n < 0 ? -1 : 0;
			break;
		}
		sg_sha256_update(&s, buf, (size_t)n);
	}
	close(fd);
	uint8_t digest[SG_SHA256_LEN];
	sg_sha256_final(&s, digest);
	sg_sha256_to_hex(digest, hash);
	return rc;
}

int sg_outdir_remove(const sg_outdir *o, const char *rel)
{
	S_last_forget(o);
	const char *why, *base;
	int dirfd = S_existing_parent(o, rel, &base);
	if (dirfd < 0)
		return -1;
	struct stat st;
	int rc = fstatat(dirfd, base, &st, AT_SYMLINK_NOFOLLOW);
	if (rc == 0 && !S_ISREG(st.st_mode)) {
		errno = EPERM;
		rc = -1;
	}
	if (rc == 0)
		rc = unlinkat(dirfd, base, 0);
	close(dirfd);
	if (rc != 0)
		return -1;
	/* Then the folders that became empty, deepest first; rmdir fails on
	 * the first one that still holds something, which ends the walk. */
	char *dir = sg_xstrdup(rel);
	for (char *slash = strrchr(dir, '/'); slash; slash = strrchr(dir, '/')) {
		*slash = '\0';
		int pfd;
		const char *last = strrchr(dir, '/');
		if (last) {
			pfd = S_parent(o, dir, false, &base, &why);
		} else {
			pfd = dup(o->fd);
			base = dir;
		}
		if (pfd < 0)
			break;
		int r = unlinkat(pfd, base, AT_REMOVEDIR);
		close(pfd);
		if (r != 0)
			break;
	}
	free(dir);
	return 0;
}

int sg_outdir_mkdir(const sg_outdir *o, const char *rel, const char **why)
{
	if (!sg_outdir_path_ok(rel, why))
		return -1;
	size_t n = strlen(rel);
	char *p = sg_xmalloc(n + 3);
	snprintf(p, n + 3, "%s/x", rel);
	const char *base;
	int fd = S_parent(o, p, true, &base, why);
	free(p);
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

int sg_outdir_state_read(const sg_outdir *o, const char *name, sg_buf *out)
{
	sg_buf_clear(out);
	int fd = openat(o->state_fd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 1 : -1;
	int rc = sg_outdir_read_fd(fd, out);
	close(fd);
	return rc;
}

int sg_outdir_state_map(const sg_outdir *o, const char *name, const char **text, size_t *len)
{
	*text = NULL;
	*len = 0;
	int fd = openat(o->state_fd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 1 : -1;
	struct stat st;
	int rc = 0;
	if (fstat(fd, &st) != 0) {
		rc = -1;
	} else if (!S_ISREG(st.st_mode) || (uint64_t)st.st_size > SIZE_MAX / 2) {
		errno = EINVAL;
		rc = -1;
	} else if (st.st_size > 0) {
		void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (p == MAP_FAILED) {
			rc = -1;
		} else {
			*text = p;
			*len = (size_t)st.st_size;
		}
	}
	int saved = errno;
	close(fd);
	errno = saved;
	return rc;
}

int sg_outdir_state_remove(const sg_outdir *o, const char *name)
{
	return unlinkat(o->state_fd, name, 0) == 0 || errno == ENOENT ? 0 : -1;
}

int sg_outdir_read_fd(int fd, sg_buf *out)
{
	/* Read straight into a buffer of the file's size: the manifest and the
	 * records are tens of megabytes, which a buffer doubling as it fills
	 * copied and zeroed again and again. */
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
		sg_buf_grow(out, (size_t)st.st_size);
	for (;;) {
		if (out->cap - out->len < 2)
			sg_buf_grow(out, 65536);
		ssize_t n = read(fd, out->data + out->len, out->cap - out->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			return 0;
		out->len += (size_t)n;
		out->data[out->len] = '\0';
	}
}

int sg_outdir_state_write(const sg_outdir *o, const char *name, const void *data, size_t len)
{
	return S_write_rename(o->tmp_fd, o->state_fd, name, data, len);
}

int sg_outdir_state_stream(const sg_outdir *o, const char *name, sg_fill_fn fill, void *arg)
{
	return S_stream_rename(o->tmp_fd, o->state_fd, name, fill, arg);
}

int sg_outdir_read(const sg_outdir *o, const char *rel, sg_buf *out)
{
	struct stat st;
	int fd = S_open_file(o, rel, &st);
	if (fd < 0)
		return -1;
	char buf[65536];
	int rc = 0;
	for (;;) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			rc = n < 0 ? -1 : 0;
			break;
		}
		sg_buf_put(out, buf, (size_t)n);
	}
	close(fd);
	return rc;
}

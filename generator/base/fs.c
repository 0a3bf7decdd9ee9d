#include "base/fs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/confine.h"

int sg_file_read(const char *path, size_t cap, sg_buf *out, sg_diags *d)
{
	/* One reading loop for every file: base/confine.c. */
	return sg_confine_read(NULL, NULL, path, cap, out, d);
}

int sg_mkdir_p(const char *path)
{
	char *p = sg_xstrdup(path);
	int rc = 0;
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			rc = -1;
			break;
		}
		*s = '/';
	}
	if (rc == 0 && mkdir(p, 0777) != 0 && errno != EEXIST)
		rc = -1;
	if (rc == 0 && !sg_dir_exists(p)) {
		errno = ENOTDIR;
		rc = -1;
	}
	free(p);
	return rc;
}

int sg_file_write_atomic(const char *path, const void *data, size_t len)
{
	char *dir = sg_xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (slash) {
		*slash = '\0';
		if (*dir && sg_mkdir_p(dir) != 0) {
			free(dir);
			return -1;
		}
	}
	/* The temporary name does not grow with the file's: a name near the
	 * file system's limit must still have room for its temporary file. */
	size_t n = strlen(path) + 32;
	char *tmp = sg_xmalloc(n);
	snprintf(tmp, n, "%s%s.sg.tmp.XXXXXX", slash ? (*dir ? dir : "") : "", slash ? "/" : "");
	free(dir);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		free(tmp);
		return -1;
	}
	const char *p = data;
	size_t left = len;
	while (left) {
		ssize_t w = write(fd, p, left);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		p += w;
		left -= (size_t)w;
	}
	if (fchmod(fd, 0644) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) != 0)
		goto fail;
	free(tmp);
	return 0;
fail:;
	int saved = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	errno = saved;
	return -1;
}

bool sg_file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

bool sg_dir_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int S_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t sg_dir_list(const char *dir, const char *suffix, char ***out)
{
	*out = NULL;
	DIR *dh = opendir(dir);
	if (!dh)
		return 0;
	size_t n = 0, cap = 0;
	char **list = NULL;
	size_t slen = strlen(suffix);
	struct dirent *e;
	while ((e = readdir(dh)) != NULL) {
		const char *name = e->d_name;
		size_t len = strlen(name);
		if (name[0] == '.' || len < slen || strcmp(name + len - slen, suffix) != 0)
			continue;
		char *full = sg_path_join(dir, name);
		/* The entry's type when the file system gives it (a regular file is
		 * one without a stat: tens of thousands of customer files are
		 * listed several times a build); a link or an unknown type is
		 * followed. */
		if (e->d_type != DT_REG && !sg_file_exists(full)) {
			free(full);
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			list = sg_xrealloc(list, cap * sizeof *list);
		}
		list[n++] = full;
	}
	closedir(dh);
	if (n)
		qsort(list, n, sizeof *list, S_cmp);
	*out = list;
	return n;
}

void sg_path_list_free(char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

bool sg_id_is_safe(const char *id, const char **why)
{
	static const char *reserved[] = {"con", "prn", "aux", "nul", "com1", "com2", "com3",
					 "com4", "com5", "com6", "com7", "com8", "com9", "lpt1",
					 "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8",
					 "lpt9"};
	const char *dummy;
	if (!why)
		why = &dummy;
	size_t n = strlen(id);
	if (n == 0) {
		*why = "is empty";
		return false;
	}
	if (n > 64) {
		*why = "is longer than 64 characters";
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		char c = id[i];
		int ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
			 c == '.';
		if (!ok) {
			*why = "may use only lower-case letters a-z, digits, '-', '_' and '.'";
			return false;
		}
	}
	if (!((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= '0' && id[0] <= '9'))) {
		*why = "must start with a letter or a digit";
		return false;
	}
	if (strstr(id, "..")) {
		*why = "must not contain \"..\"";
		return false;
	}
	if (id[n - 1] == '.') {
		*why = "must not end with '.'";
		return false;
	}
	char stem[8];
	size_t sl = strcspn(id, ".");
	if (sl < sizeof stem) {
		memcpy(stem, id, sl);
		stem[sl] = '\0';
		for (size_t i = 0; i < sizeof reserved / sizeof *reserved; i++) {
			if (strcmp(stem, reserved[i]) == 0) {
				*why = "is a name reserved by Windows";
				return false;
			}
		}
	}
	return true;
}

/*
 * fuzz_support.c - scratch files for the loaders, which read paths rather
 * than buffers.
 */
#include "fuzz_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/fs.h"

#define S_MAX_PATHS 16

static char *S_dir;
static char *S_paths[S_MAX_PATHS];
static size_t S_path_count;

/* Removes the files handed out and the folders between them and S_dir,
 * deepest first; nothing else can be in the folder. */
static void S_cleanup(void)
{
	for (size_t i = S_path_count; i-- > 0;) {
		unlink(S_paths[i]);
		char *slash;
		while ((slash = strrchr(S_paths[i], '/')) && (size_t)(slash - S_paths[i]) >
								    strlen(S_dir)) {
			*slash = '\0';
			rmdir(S_paths[i]);
		}
		free(S_paths[i]);
	}
	S_path_count = 0;
	if (S_dir) {
		rmdir(S_dir);
		free(S_dir);
		S_dir = NULL;
	}
}

const char *sgf_tmpdir(void)
{
	if (S_dir)
		return S_dir;
	const char *base = getenv("TMPDIR");
	char *tmpl = sg_path_join(base && *base ? base : "/tmp", "sg-fuzz-XXXXXX");
	if (!mkdtemp(tmpl)) {
		perror("fuzz: mkdtemp");
		abort();
	}
	S_dir = tmpl;
	atexit(S_cleanup);
	return S_dir;
}

const char *sgf_tmppath(const char *rel)
{
	for (size_t i = 0; i < S_path_count; i++) {
		const char *tail = S_paths[i] + strlen(sgf_tmpdir()) + 1;
		if (strcmp(tail, rel) == 0)
			return S_paths[i];
	}
	if (S_path_count == S_MAX_PATHS)
		abort();
	char *path = sg_path_join(sgf_tmpdir(), rel);
	char *slash = strrchr(path, '/');
	*slash = '\0';
	if (sg_mkdir_p(path) < 0) {
		perror("fuzz: mkdir");
		abort();
	}
	*slash = '/';
	S_paths[S_path_count++] = path;
	return path;
}

void sgf_write(const char *path, const uint8_t *data, size_t size)
{
	FILE *f = fopen(path, "wb");
	if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
		perror(path);
		abort();
	}
}

char *sgf_content(const char *rel)
{
	char *dir = sg_path_join(SG_SOURCE_DIR, "tests/data/content");
	char *path = sg_path_join(dir, rel);
	free(dir);
	return path;
}

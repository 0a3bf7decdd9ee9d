/* Unit tests of generator/base/confine.c: opening and reading files that must
 * stay inside a folder, through every kind of path and link. */
#include "support.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/confine.h"
#include "base/diag.h"
#include "base/fs.h"

/* A work folder for one test: W/root (the root) and W/outside. */
static const char *W;
static char S_root[512];

static char *S_at(const char *rel)
{
	return sg_path_join(W, rel);
}

static void S_put(const char *rel, const char *text)
{
	char *p = S_at(rel);
	assert_int_equal(sg_file_write_atomic(p, text, strlen(text)), 0);
	free(p);
}

static void S_link(const char *target, const char *rel)
{
	char *p = S_at(rel);
	assert_int_equal(symlink(target, p), 0);
	free(p);
}

static int S_setup(void **state)
{
	(void)state;
	W = sg_test_tmpdir("sgconfine");
	assert_non_null(W);
	snprintf(S_root, sizeof S_root, "%s/root", W);
	S_put("root/top.txt", "top");
	S_put("root/a/b/c.txt", "deep");
	S_put("outside/secret.txt", "SECRET");
	S_put("outside/dir/secret.txt", "SECRET2");
	return 0;
}

/* What reading path inside the root gives: its text, or NULL with the open's
 * errno in *err and the link that led out in *link (free it). */
static char *S_read(const char *path, int *err, char **link)
{
	*err = 0;
	int fd = sg_confine_open(S_root, path, link);
	if (fd < 0) {
		*err = errno;
		return NULL;
	}
	sg_buf b;
	sg_buf_init(&b);
	if (sg_confine_read_fd(fd, 1 << 20, &b, NULL) != 0) {
		*err = errno;
		sg_buf_dispose(&b);
		return NULL;
	}
	return sg_buf_detach(&b);
}

/* The text at root/rel, which must be readable. */
static void S_reads(const char *rel, const char *want)
{
	char *p = sg_path_join(S_root, rel);
	int err;
	char *link = NULL;
	char *got = S_read(p, &err, &link);
	if (!got)
		fail_msg("%s: %s", rel, strerror(err));
	assert_string_equal(got, want);
	assert_null(link);
	free(got);
	free(p);
}

/* root/rel must be refused as outside; want_link is the link to blame
 * (relative to the root), or NULL. */
static void S_outside(const char *rel, const char *want_link)
{
	char *p = sg_path_join(S_root, rel);
	int err;
	char *link = NULL;
	char *got = S_read(p, &err, &link);
	if (got)
		fail_msg("%s was read: %s", rel, got);
	assert_int_equal(err, EXDEV);
	if (want_link) {
		char *want = sg_path_join(S_root, want_link);
		assert_non_null(link);
		assert_string_equal(link, want);
		free(want);
	} else {
		assert_null(link);
	}
	free(link);
	free(p);
}

static void test_plain_paths(void **state)
{
	(void)state;
	S_reads("top.txt", "top");
	S_reads("a/b/c.txt", "deep");
	S_reads("a//b/./c.txt", "deep");
	S_reads("a/b/../../top.txt", "top"); /* ".." that stays inside */
	int err;
	char *link;
	char *p = S_at("root/no-such.txt");
	assert_null(S_read(p, &err, &link));
	assert_int_equal(err, ENOENT);
	free(p);
	p = S_at("root/top.txt/x"); /* a file is not a folder */
	assert_null(S_read(p, &err, &link));
	assert_int_equal(err, ENOTDIR);
	free(p);
	/* The root itself, or any folder in it, opens as a folder. */
	int fd = sg_confine_open(S_root, S_root, NULL);
	assert_true(fd >= 0);
	struct stat st;
	assert_int_equal(fstat(fd, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	close(fd);
	/* A root spelt with trailing slashes is the same root. */
	char root_slash[600];
	snprintf(root_slash, sizeof root_slash, "%s//", S_root);
	p = S_at("root/a/b/c.txt");
	fd = sg_confine_open(root_slash, p, NULL);
	assert_true(fd >= 0);
	close(fd);
	free(p);
	/* A folder whose name only starts like the root's is not inside it. */
	S_put("root2/x.txt", "x");
	p = S_at("root2/x.txt");
	assert_int_equal(sg_confine_open(S_root, p, NULL), -1);
	assert_int_equal(errno, EXDEV);
	free(p);
}

static void test_dotdot_out(void **state)
{
	(void)state;
	S_outside("../outside/secret.txt", NULL);
	S_outside("a/../../outside/secret.txt", NULL);
	S_outside("a/b/../../../outside/secret.txt", NULL);
	/* Out and back in is out: the walk never leaves the root. */
	S_outside("../root/top.txt", NULL);
}

static void test_links_inside(void **state)
{
	(void)state;
	S_link("top.txt", "root/same.txt");
	S_link("../../top.txt", "root/a/b/up.txt");
	S_link("a/b", "root/ab");
	S_link("../../a", "root/a/b/loopish"); /* a folder link, walked into */
	S_link("same.txt", "root/chain.txt");
	char abs[700];
	snprintf(abs, sizeof abs, "%s/a/b/c.txt", S_root);
	S_link(abs, "root/abs.txt"); /* absolute, spelt from the root */
	S_reads("same.txt", "top");
	S_reads("a/b/up.txt", "top");
	S_reads("ab/c.txt", "deep");
	S_reads("ab/up.txt", "top"); /* the link's ".." is from where it is: a/b */
	S_reads("a/b/loopish/b/c.txt", "deep");
	S_reads("chain.txt", "top");
	S_reads("abs.txt", "deep");
	/* ".." after a folder link goes back from the folder it led to. */
	S_reads("ab/../b/c.txt", "deep");
}

static void test_links_outside(void **state)
{
	(void)state;
	char abs[700];
	snprintf(abs, sizeof abs, "%s/outside/secret.txt", W);
	S_link(abs, "root/abs-out.txt");
	S_link("../outside/secret.txt", "root/rel-out.txt");
	S_link("../../../outside/secret.txt", "root/a/b/deep-out.txt");
	char dir[700];
	snprintf(dir, sizeof dir, "%s/outside/dir", W);
	S_link(dir, "root/a/dir-out");
	S_link("rel-out.txt", "root/via.txt");
	S_link("..", "root/parent");
	S_outside("abs-out.txt", "abs-out.txt");
	S_outside("rel-out.txt", "rel-out.txt");
	S_outside("a/b/deep-out.txt", "a/b/deep-out.txt");
	S_outside("a/dir-out/secret.txt", "a/dir-out"); /* the folder on the way */
	S_outside("via.txt", "rel-out.txt");            /* the link that led out */
	S_outside("parent/outside/secret.txt", "parent");
	/* A path spelt otherwise is placed by its folder's real path. */
	char *p = S_at("root/a/dir-out/secret.txt");
	char *rel = sg_path_join(S_root, "a/../a/dir-out/secret.txt");
	int err;
	char *link = NULL;
	assert_null(S_read(rel, &err, &link));
	assert_int_equal(err, EXDEV);
	free(link);
	free(rel);
	free(p);
}

/* What sg_confine_open_in() gives for name in root/a/b (opened inside the
 * root): its text, or NULL with errno in *err and the link blamed in *link. */
static char *S_read_in(int dir, const char *name, int *err, char **link)
{
	char rel[256];
	snprintf(rel, sizeof rel, "a/b/%s", name);
	char *path = sg_path_join(S_root, rel);
	*err = 0;
	int fd = sg_confine_open_in(dir, S_root, path, name, link);
	free(path);
	if (fd < 0) {
		*err = errno;
		return NULL;
	}
	sg_buf b;
	sg_buf_init(&b);
	assert_int_equal(sg_confine_read_fd(fd, 1 << 20, &b, NULL), 0);
	return sg_buf_detach(&b);
}

/* A file opened from its folder's descriptor: a plain name is read, a
 * missing one fails as open() does, and a name that is a symbolic link
 * follows the walk's rules: read when it stays inside the root, refused
 * with the link blamed when it leads out. */
static void test_open_in_folder(void **state)
{
	(void)state;
	S_link("c.txt", "root/a/b/same.txt");
	S_link("../../top.txt", "root/a/b/up.txt");
	S_link("../../../outside/secret.txt", "root/a/b/out.txt");
	char *dpath = sg_path_join(S_root, "a/b");
	int dir = sg_confine_open(S_root, dpath, NULL);
	free(dpath);
	assert_true(dir >= 0);
	int err;
	char *link = NULL, *got = S_read_in(dir, "c.txt", &err, &link);
	assert_string_equal(got, "deep");
	free(got);
	assert_null(S_read_in(dir, "none.txt", &err, &link));
	assert_int_equal(err, ENOENT);
	got = S_read_in(dir, "same.txt", &err, &link);
	assert_string_equal(got, "deep");
	free(got);
	got = S_read_in(dir, "up.txt", &err, &link);
	assert_string_equal(got, "top");
	free(got);
	assert_null(S_read_in(dir, "out.txt", &err, &link));
	assert_int_equal(err, EXDEV);
	char *want = sg_path_join(S_root, "a/b/out.txt");
	assert_non_null(link);
	assert_string_equal(link, want);
	free(want);
	free(link);
	close(dir);
}

/* A path that does not start with the root as written is placed by the real
 * path of its folder, and then walked like any other. */
static void test_spelt_otherwise(void **state)
{
	(void)state;
	S_link("root", "rootlink");
	char *p = S_at("rootlink/a/b/c.txt");
	int err;
	char *link = NULL;
	char *got = S_read(p, &err, &link);
	assert_non_null(got);
	assert_string_equal(got, "deep");
	free(got);
	free(p);
	p = S_at("rootlink/../outside/secret.txt");
	assert_null(S_read(p, &err, &link));
	assert_int_equal(err, EXDEV);
	free(p);
	S_link("../outside/secret.txt", "root/evil.txt");
	p = S_at("rootlink/evil.txt");
	assert_null(S_read(p, &err, &link));
	assert_int_equal(err, EXDEV);
	char *want = sg_path_join(S_root, "evil.txt");
	assert_string_equal(link, want);
	free(want);
	free(link);
	free(p);
}

static void test_loops_and_odd_files(void **state)
{
	(void)state;
	S_link("loop2", "root/loop1");
	S_link("loop1", "root/loop2");
	int err;
	char *link = NULL;
	char *p = S_at("root/loop1");
	assert_null(S_read(p, &err, &link));
	assert_int_equal(err, ELOOP);
	free(p);
	/* A FIFO opens without blocking, and is refused as not a regular file. */
	p = S_at("root/fifo");
	assert_int_equal(mkfifo(p, 0600), 0);
	assert_null(S_read(p, &err, &link));
	assert_int_equal(err, EINVAL);
	free(p);
	/* The cap. */
	p = S_at("root/top.txt");
	int fd = sg_confine_open(S_root, p, NULL);
	assert_true(fd >= 0);
	sg_buf b;
	sg_buf_init(&b);
	long long size = 0;
	assert_int_equal(sg_confine_read_fd(fd, 2, &b, &size), -1);
	assert_int_equal(errno, EFBIG);
	assert_int_equal(size, 3);
	sg_buf_dispose(&b);
	free(p);
	/* No root: the path is opened as it is, links followed. */
	S_link("../outside/secret.txt", "root/rel-out.txt");
	p = S_at("root/rel-out.txt");
	fd = sg_confine_open(NULL, p, &link);
	assert_true(fd >= 0);
	assert_null(link);
	close(fd);
	free(p);
}

static void test_messages(void **state)
{
	(void)state;
	S_link("../outside/secret.txt", "root/evil.txt");
	char dir[700];
	snprintf(dir, sizeof dir, "%s/outside/dir", W);
	S_link(dir, "root/folder");
	sg_diags d;
	sg_diags_init(&d);
	sg_buf b;
	sg_buf_init(&b);
	char *evil = sg_path_join(S_root, "evil.txt");
	char *in_folder = sg_path_join(S_root, "folder/secret.txt");
	char *folder = sg_path_join(S_root, "folder");
	char *up = sg_path_join(S_root, "../outside/secret.txt");
	char *top = sg_path_join(S_root, "top.txt");
	assert_int_equal(sg_confine_read(S_root, SG_CONFINE_CONTENT, evil, 100, &b, &d), -1);
	assert_int_equal(sg_confine_read(S_root, SG_CONFINE_THEME, in_folder, 100, &b, &d), -1);
	assert_int_equal(sg_confine_read(S_root, SG_CONFINE_CONTENT, up, 100, &b, &d), -1);
	assert_int_equal(sg_confine_read(S_root, SG_CONFINE_CONTENT, top, 2, &b, &d), -1);
	assert_int_equal(b.len, 0);
	assert_int_equal(d.count, 4);
	assert_string_equal(d.items[0].path, evil);
	assert_string_equal(d.items[0].message,
			    "a symbolic link that leads outside the content folder: not read");
	char want[1200];
	snprintf(want, sizeof want,
		 "%s is a symbolic link that leads outside the theme folder: not read", folder);
	assert_string_equal(d.items[1].message, want);
	assert_string_equal(d.items[2].message, "outside the content folder: not read");
	assert_string_equal(d.items[3].message,
			    "file is 3 bytes, over the 2-byte limit for content files");
	assert_int_equal(sg_confine_read(S_root, SG_CONFINE_CONTENT, top, 100, &b, &d), 0);
	assert_string_equal(b.data, "top");

	/* With a subject, as for an image a document refers to. */
	sg_confine_error(&d, sg_pos_make("doc.md", 12, 0), "image '../x.png'", SG_CONFINE_CONTENT,
			 NULL);
	sg_confine_error(&d, sg_pos_make("doc.md", 13, 0), "image 'i.png'", SG_CONFINE_CONTENT,
			 "content/images/i.png");
	assert_string_equal(d.items[4].message, "image '../x.png' is outside the content folder");
	assert_string_equal(d.items[5].message,
			    "image 'i.png' is outside the content folder (content/images/i.png is "
			    "a symbolic link that leads out of it)");
	free(evil);
	free(in_folder);
	free(folder);
	free(up);
	free(top);
	sg_buf_dispose(&b);
	sg_diags_dispose(&d);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_plain_paths, S_setup),
		cmocka_unit_test_setup(test_dotdot_out, S_setup),
		cmocka_unit_test_setup(test_links_inside, S_setup),
		cmocka_unit_test_setup(test_links_outside, S_setup),
		cmocka_unit_test_setup(test_open_in_folder, S_setup),
		cmocka_unit_test_setup(test_spelt_otherwise, S_setup),
		cmocka_unit_test_setup(test_loops_and_odd_files, S_setup),
		cmocka_unit_test_setup(test_messages, S_setup),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}

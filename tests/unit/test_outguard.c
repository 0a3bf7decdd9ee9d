/*
 * test_outguard.c - outputs never touch inputs: paths resolved though they
 * do not exist yet, inputs found through links (symbolic and hard), folders
 * that hold or contain the output, and files recorded as read.
 */
#include "support.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/fs.h"
#include "base/outguard.h"

/* The test folder, resolved (TMPDIR may itself be a link). */
static char *S_root;

static char *S_at(const char *rel)
{
	return sg_path_join(S_root, rel);
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
	const char *t = sg_test_tmpdir("sg-outguard");
	assert_non_null(t);
	S_root = realpath(t, NULL);
	assert_non_null(S_root);
	S_put("content/site.xml", "<site/>\n");
	S_put("content/playbooks/x.md", "# x\n");
	S_put("themes/default/pdf.yaml", "page: a4\n");
	S_put("notes/doc.md", "# doc\n");
	S_put("notes/pic.png", "not really\n");
	char *a = S_at("notes/doc.md"), *b = S_at("hard.pdf");
	assert_int_equal(link(a, b), 0);
	free(a);
	free(b);
	S_link("notes/doc.md", "soft.pdf");
	S_link("content/playbooks/new.pdf", "dangling.pdf");
	S_link("content", "content-link");
	S_link("loop-b", "loop-a");
	S_link("loop-a", "loop-b");
	char *abs = S_at("content/playbooks");
	S_link(abs, "abs-link");
	free(abs);
	return 0;
}

static int S_teardown(void **state)
{
	(void)state;
	free(S_root);
	return 0;
}

/* sg_outguard_real(root/rel) is root/want (want NULL: root itself). */
static void S_real_is(const char *rel, const char *want)
{
	char *p = S_at(rel);
	char *r = sg_outguard_real(p);
	char *w = want ? S_at(want) : sg_xstrdup(S_root);
	assert_non_null(r);
	assert_string_equal(r, w);
	free(r);
	free(w);
	free(p);
}

static void test_real(void **state)
{
	(void)state;
	S_real_is("content/./playbooks/../playbooks/x.md", "content/playbooks/x.md");
	/* Parts that do not exist yet are taken as written ... */
	S_real_is("out/new/x.pdf", "out/new/x.pdf");
	/* ... and ".." after them is where the folders made on the way lead. */
	S_real_is("no-such/../content/y.pdf", "content/y.pdf");
	S_real_is("content-link/playbooks/x.md", "content/playbooks/x.md");
	S_real_is("abs-link/z.pdf", "content/playbooks/z.pdf");
	S_real_is("abs-link/../site.xml", "content/site.xml");
	/* A link at the end, also one that points where nothing is yet. */
	S_real_is("soft.pdf", "notes/doc.md");
	S_real_is("dangling.pdf", "content/playbooks/new.pdf");
	S_real_is("content/", "content");
	S_real_is(".", NULL);
	/* A loop of links is an error, not a hang. */
	char *p = S_at("loop-a/x.pdf");
	errno = 0;
	assert_null(sg_outguard_real(p));
	assert_int_equal(errno, ELOOP);
	free(p);
	/* A relative path starts at the current folder. */
	char *cwd = getcwd(NULL, 0);
	assert_int_equal(chdir(S_root), 0);
	char *r = sg_outguard_real("notes/../content-link/x.pdf");
	char *w = S_at("content/x.pdf");
	assert_string_equal(r, w);
	free(r);
	free(w);
	assert_int_equal(chdir(cwd), 0);
	free(cwd);
	r = sg_outguard_real("/");
	assert_string_equal(r, "/");
	free(r);
}

static void test_within(void **state)
{
	(void)state;
	assert_true(sg_outguard_within("/a/b", "/a"));
	assert_true(sg_outguard_within("/a", "/a"));
	assert_false(sg_outguard_within("/ab", "/a"));
	assert_false(sg_outguard_within("/a", "/a/b"));
	assert_true(sg_outguard_within("/x", "/"));
}

/* check(path) refuses it, and the reason holds part. */
static void S_refused(const sg_outguard *g, const char *rel, bool folder, const char *part)
{
	char *p = S_at(rel), *why;
	assert_int_equal(sg_outguard_check(g, p, folder, &why), -1);
	assert_non_null(why);
	if (!strstr(why, part))
		fail_msg("%s: '%s' does not say '%s'", rel, why, part);
	free(why);
	free(p);
}

static void S_allowed(const sg_outguard *g, const char *rel, bool folder)
{
	char *p = S_at(rel), *why;
	int rc = sg_outguard_check(g, p, folder, &why);
	if (rc != 0)
		fail_msg("%s refused: %s", rel, why);
	assert_null(why);
	free(p);
}

static void test_check(void **state)
{
	(void)state;
	sg_outguard g;
	sg_outguard_init(&g);
	char *doc = S_at("notes/doc.md"), *content = S_at("content"),
	     *theme = S_at("themes/default");
	sg_outguard_input(&g, doc, "the document");
	sg_outguard_folder(&g, content, "content");
	sg_outguard_folder(&g, theme, "theme");

	/* The input itself, by any spelling or link. */
	S_refused(&g, "notes/doc.md", false, "this is an input of the run (the document ");
	S_refused(&g, "notes/../notes/./doc.md", false, "this is an input of the run");
	S_refused(&g, "soft.pdf", false, "this is an input of the run");
	S_refused(&g, "hard.pdf", false, "this is an input of the run");
	/* Inside a folder that is read, existing or not. */
	S_refused(&g, "content/playbooks/x.md", false, "lies inside the content folder ");
	S_refused(&g, "content/playbooks/new/x.pdf", false, "lies inside the content folder");
	S_refused(&g, "no-such/../content/x.pdf", false, "lies inside the content folder");
	S_refused(&g, "content-link/x.pdf", false, "lies inside the content folder");
	S_refused(&g, "dangling.pdf", false, "lies inside the content folder");
	S_refused(&g, "themes/default/x.pdf", false, "lies inside the theme folder ");
	S_refused(&g, "content", false, "this is the content folder");
	/* Output folders: neither inside nor around a folder that is read. */
	S_refused(&g, "content", true, "the output folder is the content folder");
	S_refused(&g, "content/out", true, "the output folder is inside the content folder");
	S_refused(&g, "themes", true, "the output folder holds the theme folder");
	S_refused(&g, ".", true, "the output folder holds the content folder");
	/* Elsewhere is fine: next to the document, a new folder. */
	S_allowed(&g, "notes/doc.pdf", false);
	S_allowed(&g, "out", true);
	S_allowed(&g, "out/new/x.pdf", false);
	S_allowed(&g, "notes/pic.png", false); /* not read (yet) */

	/* The refusal printed by sg_outguard_refuse starts with its prefix. */
	char *p = S_at("content/y.pdf");
	assert_int_equal(sg_outguard_refuse(&g, "salesgen test", "-o", p, false), -1);
	assert_int_equal(sg_outguard_refuse(&g, "salesgen test", NULL, doc, false), -1);
	free(p);

	sg_outguard_dispose(&g);
	free(doc);
	free(content);
	free(theme);
}

/* Files read while tracking are inputs: found by inode, whatever the name
 * they were read by; forgotten when tracking stops. */
static void test_reads(void **state)
{
	(void)state;
	sg_outguard g;
	sg_outguard_init(&g);
	sg_diags d;
	sg_diags_init(&d);
	sg_buf b;
	sg_buf_init(&b);
	char *pic = S_at("notes/pic.png");

	assert_int_equal(sg_file_read(pic, 1024, &b, &d), 0);
	S_allowed(&g, "notes/pic.png", false); /* read before tracking */
	sg_outguard_track_reads(true);
	assert_int_equal(sg_file_read(pic, 1024, &b, &d), 0);
	S_refused(&g, "notes/pic.png", false, "this is an input of the run (read by this run as ");
	S_refused(&g, "notes/../notes/pic.png", false, "pic.png");
	sg_outguard_track_reads(false);
	S_allowed(&g, "notes/pic.png", false);

	free(pic);
	sg_buf_dispose(&b);
	sg_diags_dispose(&d);
	sg_outguard_dispose(&g);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real),
		cmocka_unit_test(test_within),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_reads),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, S_setup, S_teardown);
}

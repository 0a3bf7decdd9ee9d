/* Unit tests of generator/layout/image_ref.c: the images a document refers
 * to are read once, inside the content folder, and their bytes kept. */
#include "support.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/diag.h"
#include "base/fs.h"
#include "layout/image.h"
#include "layout/layout.h"
#include "layout/style.h"
#include "load/mdparse.h"

/* The header of a 40 x 30 PNG: all the layout reads. */
static const unsigned char S_png[33] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
					0, 0, 0, 13, 'I', 'H', 'D', 'R',
					0, 0, 0, 40, 0, 0, 0, 30, 8, 6, 0, 0, 0};

static const char *W;
static char S_root[512];

static char *S_at(const char *rel)
{
	return sg_path_join(W, rel);
}

static void S_put(const char *rel, const void *data, size_t len)
{
	char *p = S_at(rel);
	assert_int_equal(sg_file_write_atomic(p, data, len), 0);
	free(p);
}

static int S_setup(void **state)
{
	(void)state;
	W = sg_test_tmpdir("sgimage");
	assert_non_null(W);
	snprintf(S_root, sizeof S_root, "%s/content", W);
	S_put("content/images/a.png", S_png, sizeof S_png);
	S_put("content/playbooks/p.md", "", 0);
	S_put("content/images/text.png", "hello", 5);
	S_put("outside/x.png", S_png, sizeof S_png);
	char *link = S_at("content/images/evil.png");
	assert_int_equal(symlink("../../outside/x.png", link), 0);
	free(link);
	link = S_at("content/images/same.png");
	assert_int_equal(symlink("a.png", link), 0);
	free(link);
	return 0;
}

static void test_layout_image(void **state)
{
	(void)state;
	sg_layout l;
	sg_layout_init(&l);
	char *link = NULL;
	const char *why;
	char *a = S_at("content/images/a.png");
	assert_int_equal(sg_layout_image(&l, S_root, a, &link, &why), 0);
	assert_null(link);
	assert_int_equal(l.images[0].len, sizeof S_png);
	assert_memory_equal(l.images[0].data, S_png, sizeof S_png);
	assert_int_equal(l.images[0].width, 40);
	/* The bytes are those read: the file changing later changes nothing. */
	S_put("content/images/a.png", "changed", 7);
	assert_memory_equal(l.images[0].data, S_png, sizeof S_png);
	S_put("content/images/a.png", S_png, sizeof S_png);

	char *same = S_at("content/images/same.png");
	assert_int_equal(sg_layout_image(&l, S_root, same, &link, &why), 1);

	char *evil = S_at("content/images/evil.png");
	assert_int_equal(sg_layout_image(&l, S_root, evil, &link, &why), -1);
	assert_int_equal(errno, EXDEV);
	assert_string_equal(link, evil);
	free(link);
	link = NULL;
	/* Without a root (a file named on the command line) it is read. */
	assert_int_equal(sg_layout_image(&l, NULL, evil, &link, &why), 2);

	char *up = S_at("content/playbooks/../../outside/x.png");
	assert_int_equal(sg_layout_image(&l, S_root, up, &link, &why), -1);
	assert_int_equal(errno, EXDEV);
	assert_null(link);

	char *none = S_at("content/images/none.png");
	assert_int_equal(sg_layout_image(&l, S_root, none, &link, &why), -1);
	assert_int_equal(errno, ENOENT);
	assert_null(why);

	char *text = S_at("content/images/text.png");
	assert_int_equal(sg_layout_image(&l, S_root, text, &link, &why), -1);
	assert_string_equal(why, "not a PNG or JPEG image");
	assert_int_equal(l.nimages, 3);
	free(a);
	free(same);
	free(evil);
	free(up);
	free(none);
	free(text);
	sg_layout_dispose(&l);
}

/* Lays out md as content/playbooks/p.md; returns the number of errors and
 * leaves them in d. */
static size_t S_layout(const char *md, sg_diags *d)
{
	sg_style s;
	sg_style_init(&s);
	const sg_fontset *fs = sg_fontset_get(NULL, NULL, sg_pos_make(NULL, 0, 0), d);
	assert_non_null(fs);
	sg_mdtree *root = sg_mdparse(md, strlen(md), 1);
	sg_layout l;
	sg_layout_init(&l);
	sg_layout_opts o = {0};
	o.style = &s;
	o.fs = fs;
	o.lang = "en";
	o.path = "content/playbooks/p.md";
	char *base = S_at("content/playbooks");
	o.base_dir = base;
	o.content_dir = S_root;
	sg_layout_markdown(&l, root->root, &o, d);
	sg_layout_dispose(&l);
	sg_mdtree_free(root);
	sg_style_dispose(&s);
	free(base);
	return sg_diags_errors(d);
}

static void test_markdown_images(void **state)
{
	(void)state;
	sg_diags d;
	sg_diags_init(&d);
	/* Next to the document, then in the content folder; a link inside. */
	assert_int_equal(S_layout("![a](../images/a.png) ![b](images/same.png)\n", &d), 0);
	const char *md = "![x](../../outside/x.png)\n\n" /* line 1 */
			 "![e](../images/evil.png)\n\n"  /* 3 */
			 "![s](/etc/x.png)\n\n"          /* 5 */
			 "![n](../images/none.png)\n";   /* 7 */
	assert_int_equal(S_layout(md, &d), 4);
	assert_int_equal(d.items[0].line, 1);
	assert_string_equal(d.items[0].message,
			    "image '../../outside/x.png' is outside the content folder");
	char want[1024];
	snprintf(want, sizeof want,
		 "image '../images/evil.png' is outside the content folder (%s/images/evil.png is "
		 "a symbolic link that leads out of it)",
		 S_root);
	assert_int_equal(d.items[1].line, 3);
	assert_string_equal(d.items[1].message, want);
	assert_string_equal(d.items[2].message, "image '/etc/x.png' is outside the content folder");
	assert_string_equal(d.items[3].message,
			    "image '../images/none.png' not found next to the document or in the "
			    "content folder");
	sg_diags_dispose(&d);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_layout_image, S_setup),
		cmocka_unit_test_setup(test_markdown_images, S_setup),
	};
	int rc = sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
	sg_font_cache_clear();
	return rc;
}

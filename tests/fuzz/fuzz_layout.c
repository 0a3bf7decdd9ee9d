/*
 * fuzz_layout.c - a Markdown body laid out into pages, as for a PDF.
 *
 * The input is a document body. It is parsed with sg_mdparse() into the
 * document model and laid out with sg_layout_markdown() in the default PDF style and fonts,
 * with the tests' content folder (tests/data/content) for images
 * (`images/logo.png` is found); no PDF is written. This is the path of every
 * inline (emphasis, strong, strikethrough, links, code, images among text)
 * and every block the PDFs set.
 *
 * The layout runs on a thread with a stack of 256 KB rather than the usual
 * 8 MB: a walk that recurses once per level of the input's nesting then
 * overflows at a few thousand levels, which fit in run.sh's -max_len, where
 * on the main thread it would take a document of hundreds of kilobytes.
 * (The recursive inline walk did: 60,000 nested "*a " crashed salesgen.)
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "fuzz_support.h"
#include "layout/font.h"
#include "layout/layout.h"
#include "layout/style.h"
#include "load/mdparse.h"

#define S_STACK (256u * 1024)

static sg_style S_style;
static const sg_fontset *S_fs, *S_mono;
static char *S_content;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	sg_style_init(&S_style);
	sg_diags d;
	sg_diags_init(&d);
	S_fs = sg_fontset_get(NULL, NULL, sg_pos_make(NULL, 0, 0), &d);
	S_mono = sg_fontset_get("DejaVu Sans Mono", NULL, sg_pos_make(NULL, 0, 0), &d);
	if (!S_fs || !S_mono) {
		sg_diags_print(&d, stderr);
		abort();
	}
	sg_diags_dispose(&d);
	S_content = sgf_content("");
	return 0;
}

typedef struct S_job {
	const char *text;
	size_t len;
} S_job;

static void *S_layout(void *arg)
{
	const S_job *job = arg;
	sg_mdtree *t = sg_mdparse(job->text, job->len, 1);
	sg_diags d;
	sg_diags_init(&d);
	sg_layout l;
	sg_layout_init(&l);
	sg_layout_opts o = {0};
	o.style = &S_style;
	o.fs = S_fs;
	o.heading_fs = S_fs;
	o.mono_fs = S_mono;
	o.lang = job->len % 2 ? "en" : "zh-CN";
	o.path = "x.md";
	o.content_dir = S_content;
	int rc = sg_layout_markdown(&l, t->root, &o, &d);
	if (rc < 0 && sg_diags_errors(&d) == 0)
		abort(); /* a failure must say why */
	sg_layout_dispose(&l);
	sg_diags_dispose(&d);
	sg_mdtree_free(t);
	return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A copy of exactly size bytes, so ASan sees any read past the end. */
	char *text = malloc(size ? size : 1);
	if (size)
		memcpy(text, data, size);
	S_job job = {text, size};
	pthread_attr_t attr;
	pthread_t t;
	if (pthread_attr_init(&attr) != 0 || pthread_attr_setstacksize(&attr, S_STACK) != 0 ||
	    pthread_create(&t, &attr, S_layout, &job) != 0 || pthread_join(t, NULL) != 0)
		abort();
	pthread_attr_destroy(&attr);
	free(text);
	return 0;
}

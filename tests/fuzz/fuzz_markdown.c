/*
 * fuzz_markdown.c - Markdown parsing and the walk every renderer does.
 *
 * The input is a document body. It is parsed with sg_markdown_parse() (the
 * first line number taken from the input's length, so line arithmetic is
 * exercised away from 1), then walked the way the renderers walk it: the
 * kind, lines and task state of every node, the plain text of every block,
 * then the whole document's text and its first heading.
 *
 * Run with -max_len (run.sh uses 16384): cmark-gfm 0.29 has inputs whose
 * parse time grows faster than their length, see README.md.
 */
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "fuzz_support.h"
#include "load/markdown.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A copy of exactly size bytes, so ASan sees any read past the end. */
	char *text = malloc(size ? size : 1);
	if (size)
		memcpy(text, data, size);
	int first_line = 1 + (int)(size % 7);
	cmark_node *root = sg_markdown_parse(text, size, first_line);

	sg_arena a;
	sg_buf out;
	sg_arena_init(&a);
	sg_buf_init(&out);
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		sg_md_kind k = sg_markdown_kind(n);
		int line = sg_markdown_line(n), end = sg_markdown_end_line(n);
		if (line && (line < first_line || (end && end < line)))
			abort(); /* a line before the body or an end before the start */
		bool checked;
		if (sg_markdown_task(n, &checked) && k != SG_MD_ITEM)
			abort();
		if (k == SG_MD_PARAGRAPH || k == SG_MD_HEADING || k == SG_MD_TABLE_CELL) {
			sg_buf_clear(&out);
			sg_markdown_text_buf(n, &out);
		}
	}
	cmark_iter_free(it);
	(void)sg_markdown_text(root, &a);
	(void)sg_markdown_first_heading_text(root, &a);

	sg_buf_dispose(&out);
	sg_arena_dispose(&a);
	sg_markdown_free(root);
	free(text);
	return 0;
}

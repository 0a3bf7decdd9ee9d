/*
 * fuzz_markdown.c - Markdown parsing into the document model, and the walk
 * every renderer does.
 *
 * The input is a document body. It is parsed with sg_mdparse() (the first
 * line number taken from the input's length, so line arithmetic is
 * exercised away from 1): cmark-gfm's parse, the autolink and CJK emphasis
 * passes, and the tree turned into the document model. The tree is then
 * checked link by link (every child's parent, its siblings both ways, first
 * and last children, no child under a leaf) and walked the way the renderers
 * walk it: the kind, lines and task state of every node, the plain text of
 * every block, a walk that skips each image's description, then the whole
 * document's text, its first heading and its dump.
 *
 * Run with -max_len (run.sh uses 16384): cmark-gfm 0.29 has inputs whose
 * parse time grows faster than their length, see README.md.
 */
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "fuzz_support.h"
#include "load/mdparse.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	return 0;
}

/* The links around n agree with each other. */
static void S_check_links(const sg_mdnode *n)
{
	const sg_mdnode *prev = NULL;
	for (const sg_mdnode *c = sg_mdnode_first_child(n); c; c = sg_mdnode_next(c)) {
		if (sg_mdnode_parent(c) != n || sg_mdnode_prev(c) != prev)
			abort();
		prev = c;
	}
	if (sg_mdnode_last_child(n) != prev)
		abort();
	if (prev && sg_md_kind_is_leaf(sg_mdnode_kind(n)))
		abort(); /* the walk would never enter it */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A copy of exactly size bytes, so ASan sees any read past the end. */
	char *text = malloc(size ? size : 1);
	if (size)
		memcpy(text, data, size);
	int first_line = 1 + (int)(size % 7);
	sg_mdtree *t = sg_mdparse(text, size, first_line);

	sg_arena a;
	sg_buf out;
	sg_arena_init(&a);
	sg_buf_init(&out);
	size_t enters = 0, exits = 0, containers = 0;
	sg_mditer it;
	sg_mditer_init(&it, t->root);
	sg_md_event ev;
	while ((ev = sg_mditer_next(&it)) != SG_MD_DONE) {
		const sg_mdnode *n = sg_mditer_node(&it);
		sg_md_kind k = sg_mdnode_kind(n);
		if (ev == SG_MD_EXIT) {
			exits++;
			continue;
		}
		enters++;
		containers += !sg_md_kind_is_leaf(k);
		if (k == SG_MD_OTHER || k == SG_MD_CHART)
			abort(); /* the parser makes neither */
		S_check_links(n);
		int line = sg_mdnode_line(n), end = sg_mdnode_end_line(n);
		if (line && (line < first_line || (end && end < line)))
			abort(); /* a line before the body or an end before the start */
		bool checked;
		if (sg_mdnode_task(n, &checked) && k != SG_MD_ITEM)
			abort();
		if ((k == SG_MD_LINK || k == SG_MD_IMAGE) && (!sg_mdnode_url(n) || !sg_mdnode_title(n)))
			abort();
		if (k == SG_MD_TABLE && sg_mdnode_table_columns(n) && !sg_mdnode_table_alignments(n))
			abort();
		if (k == SG_MD_PARAGRAPH || k == SG_MD_HEADING || k == SG_MD_TABLE_CELL) {
			sg_buf_clear(&out);
			sg_mdnode_text_buf(n, &out);
		}
	}
	if (exits != containers)
		abort(); /* every container entered is left */
	/* A walk that skips what is under images, as the renderers do. */
	size_t skipped = 0;
	sg_mditer_init(&it, t->root);
	while ((ev = sg_mditer_next(&it)) != SG_MD_DONE)
		if (ev == SG_MD_ENTER && sg_mdnode_kind(sg_mditer_node(&it)) == SG_MD_IMAGE) {
			sg_mditer_skip(&it);
			skipped++;
		}
	(void)enters;
	(void)skipped;
	(void)sg_mdnode_text(t->root, &a);
	(void)sg_mdtree_first_heading_text(t->root, &a);
	sg_buf_clear(&out);
	sg_mdnode_dump(t->root, SG_MDDUMP_LINES | SG_MDDUMP_MERGE, &out);

	sg_buf_dispose(&out);
	sg_arena_dispose(&a);
	sg_mdtree_free(t);
	free(text);
	return 0;
}

/*
 * fuzz_frontmatter.c - YAML front matter and Markdown document loading.
 *
 * The input is one Markdown file. It goes through sg_frontmatter_split()
 * and sg_frontmatter_parse() as a buffer (the result written out as JSON,
 * which walks every value), then through sg_doc_load() as the file
 * x.md, with a document kind taken from the input's length so every kind's
 * defaults are reached.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/json.h"
#include "fuzz_support.h"
#include "load/frontmatter.h"
#include "model/doc.h"

static const char *S_path;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	S_path = sgf_tmppath("x.md");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sg_arena a;
	sg_diags d;
	sg_buf out;
	sg_arena_init(&a);
	sg_diags_init(&d);
	sg_buf_init(&out);

	/* A copy of exactly size bytes, so ASan sees any read past the end. */
	char *text = malloc(size ? size : 1);
	if (size)
		memcpy(text, data, size);
	size_t body_off;
	int body_line;
	const char *yaml;
	size_t yaml_len;
	if (sg_frontmatter_split(text, size, &body_off, &body_line, &yaml, &yaml_len)) {
		sg_value *v = sg_frontmatter_parse(&a, yaml, yaml_len, "x.md", 2, &d);
		if (v)
			sg_json_write(v, 2, &out);
	}
	if (body_off > size || (size_t)body_line > size + 1)
		abort(); /* the body must lie inside the text */
	free(text);

	sgf_write(S_path, data, size);
	static const sg_doc_kind kinds[] = {SG_DOC_PLAYBOOK, SG_DOC_CASE, SG_DOC_PROPOSAL,
					    SG_DOC_REPORT};
	sg_doc *doc = sg_doc_load(&a, S_path, kinds[size % 4], NULL, &d);
	if (doc)
		sg_json_write(doc->front, 0, &out);
	sg_doc_dispose(doc);
	for (size_t i = 0; i < d.count; i++) {
		char line[512];
		sg_diag_format(&d.items[i], false, line, sizeof line);
	}

	sg_buf_dispose(&out);
	sg_diags_dispose(&d);
	sg_arena_dispose(&a);
	return 0;
}

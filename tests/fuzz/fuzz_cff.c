/*
 * fuzz_cff.c - a CFF table, read and subset as the PDF writer does with a
 * font's.
 *
 * The input is the bytes of a CFF table. sg_cff_read() reads it (Top DICT,
 * CharStrings count, charset); when that succeeds and the font is
 * CID-keyed, sg_cff_subset() makes a subset of its first glyphs and its
 * last (pdf_cff_subset.c, pdf_cff_charstring.c: every INDEX, DICT,
 * FDSelect, Private DICT and charstring with its subroutines on the way).
 * A subset that is made must read back as CID-keyed, with .notdef and each
 * glyph asked for, each with its CID, and every charstring in it must
 * flatten to itself (no hint or call left); anything else aborts.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_support.h"
#include "render/pdf/pdf_cff.h"
#include "render/pdf/pdf_cff_int.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	return 0;
}

/* The CharStrings INDEX of a subset, found through its Top DICT. */
static void S_check_charstrings(const uint8_t *p, size_t len, uint32_t glyphs)
{
	sg_cff_index names, tops, cs;
	size_t at, n, pos = 0;
	long o_cs = -1;
	sg_cff_dict_op op;
	if (!sg_cff_index_read(p, len, p[2], &names) ||
	    !sg_cff_index_read(p, len, names.end, &tops) ||
	    !sg_cff_index_item(p, len, &tops, 0, &at, &n))
		abort();
	while (sg_cff_dict_next(p + at, n, &pos, &op) > 0)
		if (op.op == 17)
			o_cs = op.args[0];
	if (o_cs < 0 || !sg_cff_index_read(p, len, (size_t)o_cs, &cs) || cs.count != glyphs)
		abort();
	sg_cff_index none = {0};
	sg_cff_subrs empty;
	sg_cff_subrs_init(&empty, p, len, &none);
	sg_buf again;
	sg_buf_init(&again);
	for (uint32_t g = 0; g < cs.count; g++) {
		if (!sg_cff_index_item(p, len, &cs, g, &at, &n))
			abort();
		sg_buf_clear(&again);
		if (sg_cff_charstring_flatten(&again, p + at, n, &empty, &empty) < 0 ||
		    again.len != n || memcmp(again.data, p + at, n) != 0)
			abort();
	}
	sg_buf_dispose(&again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A copy of exactly size bytes, so ASan sees any read past the end. */
	uint8_t *copy = malloc(size ? size : 1);
	if (size)
		memcpy(copy, data, size);
	sg_cff_info ci;
	if (sg_cff_read(&ci, copy, size) < 0) {
		free(copy);
		return 0;
	}
	uint32_t gids[9];
	size_t n = 0;
	for (uint32_t g = 0; g < ci.glyphs && g < 8; g++)
		gids[n++] = g;
	gids[n++] = ci.glyphs - 1;
	sg_buf out;
	sg_buf_init(&out);
	if (sg_cff_subset(&out, copy, size, &ci, gids, n) == 0) {
		/* .notdef, then the distinct glyphs asked for. */
		uint32_t want = ci.glyphs < 9 ? ci.glyphs : 9;
		sg_cff_info si;
		if (!ci.cid_keyed || sg_cff_read(&si, (const uint8_t *)out.data, out.len) < 0 ||
		    !si.cid_keyed || si.glyphs != want)
			abort();
		for (size_t i = 0; i < n; i++) {
			int64_t cid = sg_cff_cid(&ci, gids[i]);
			uint32_t g = 0;
			while (g < si.glyphs && sg_cff_cid(&si, g) != cid)
				g++;
			if (g == si.glyphs)
				abort();
		}
		S_check_charstrings((const uint8_t *)out.data, out.len, si.glyphs);
		sg_cff_info_dispose(&si);
	} else if (out.len != 0) {
		abort(); /* a refusal leaves out as it was */
	}
	sg_buf_dispose(&out);
	sg_cff_info_dispose(&ci);
	free(copy);
	return 0;
}

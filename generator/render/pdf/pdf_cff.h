/*
 * pdf_cff.h - the two facts pdf_embed.c needs from a CFF font program:
 * whether it is CID-keyed, and which CID each glyph has.
 *
 * A CID-keyed CFF (Noto Sans/Serif CJK, Source Han) gives every glyph a CID
 * in its charset; in a PDF the content shows CIDs, and the reader finds the
 * glyph through that charset. HarfBuzz keeps each glyph's CID when it
 * subsets such a font (see pdf_embed.h), so the CIDs of the source font are
 * the codes a document shows, whatever glyph numbers the subset ends up
 * with. This reads them: the Top DICT's ROS, charset and CharStrings, and
 * the charset in its three formats.
 *
 * It also makes the subsets of CID-keyed fonts (sg_cff_subset, written in
 * pdf_cff_subset.c and pdf_cff_charstring.c): HarfBuzz's subsetter is
 * slower and keeps hints and subroutines a PDF has no use for.
 */
#ifndef SG_RENDER_PDF_PDF_CFF_H
#define SG_RENDER_PDF_PDF_CFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

typedef struct sg_cff_range {
	uint32_t gid;  /* first glyph */
	uint32_t cid;  /* its CID; the range's glyphs have consecutive CIDs */
	uint32_t n;    /* glyphs in the range */
} sg_cff_range;

typedef struct sg_cff_info {
	bool cid_keyed;      /* the Top DICT has ROS */
	uint32_t glyphs;     /* CharStrings count */
	sg_cff_range *ranges; /* CID-keyed: the charset, by glyph; heap */
	size_t nranges;
} sg_cff_info;

/* Reads the CFF table data[0..len). Returns 0 with *out filled (free with
 * sg_cff_info_dispose), or -1 when it is not a CFF table this understands
 * (out then empty). */
int sg_cff_read(sg_cff_info *out, const uint8_t *data, size_t len);
void sg_cff_info_dispose(sg_cff_info *ci);

/* The CID of glyph gid; for a font that is not CID-keyed the glyph number
 * itself. -1 when gid is not a glyph of the font. */
int64_t sg_cff_cid(const sg_cff_info *ci, uint32_t gid);

/* Appends to out a CID-keyed CFF table holding .notdef and the glyphs
 * gids[0..n) (glyph numbers of the source; any order, repeats allowed) of
 * the CID-keyed CFF table data[0..len), ci being what sg_cff_read found in
 * it. Each glyph keeps its CID; the subset's glyphs are numbered in the
 * order of their CIDs. Charstrings lose their hints and subroutine calls,
 * the font its subroutines (see pdf_cff_subset.c). Returns 0, or -1 with
 * out as it was when the table is not CID-keyed, is malformed, or uses
 * what this does not handle (the caller then has HarfBuzz make the
 * subset). */
int sg_cff_subset(sg_buf *out, const uint8_t *data, size_t len, const sg_cff_info *ci,
		  const uint32_t *gids, size_t n);

/* The flattened charstrings of one CFF table, kept between its subsets: a
 * build makes hundreds of subsets of one face, nearly all of the same
 * glyphs. Safe to share between threads (it has its own lock). */
typedef struct sg_cff_cache sg_cff_cache;

/* A cache for a table of glyphs glyphs (sg_cff_info.glyphs); free with
 * sg_cff_cache_free(). */
sg_cff_cache *sg_cff_cache_new(uint32_t glyphs);
void sg_cff_cache_free(sg_cff_cache *c);

/* sg_cff_subset, taking each charstring from cache when a subset of the
 * same table data (the same bytes: the caller keeps one cache per table)
 * flattened it before, and keeping those it flattens; cache NULL: none.
 * The bytes are those sg_cff_subset makes. */
int sg_cff_subset_cached(sg_buf *out, const uint8_t *data, size_t len, const sg_cff_info *ci,
			 const uint32_t *gids, size_t n, sg_cff_cache *cache);

#endif

/*
 * pdf_deflate.c - the zlib levels of the PDF's streams (pdf_objects.c
 * compresses every stream at sg_pdf_deflate_level(), or at
 * SG_PDF_DEFLATE_TEXT_LEVEL when it is PDF text; pdf_ximage.c its images at
 * SG_PDF_DEFLATE_IMAGE_LEVEL).
 *
 * Font programs (most of a file) barely compress at any level: the Noto CJK
 * subsets of a sample proposal lose 14.7% at level 1, 15.4% at level 9,
 * and level 6 takes 30% more time than level 1 for 0.9% of them. So they
 * stay at level 1.
 *
 * PDF text compresses well and repays a higher level. On bench/pdf's
 * doc0001.md (5 pages) the page content, object streams and ToUnicode maps
 * take 21.9 KB at level 1, 18.8 KB at level 6, 18.5 KB at level 9. Level 6
 * costs 4 million instructions more per document than level 1 (6% of its
 * 67 million, counted with callgrind); level 9 more again, and far more on
 * repetitive text such as a long table, so 6. Z_FILTERED saves 2.6% more on page content but loses
 * 17% on ToUnicode maps: the default strategy for all.
 *
 * The output is plain zlib at any level, and as deterministic: the same
 * input gives the same bytes.
 */
#include "render/pdf/pdf_deflate.h"

#include <zlib.h>

int sg_pdf_deflate_level(void)
{
	return SG_PDF_DEFLATE_LEVEL;
}

int sg_pdf_deflate(sg_buf *out, const void *data, size_t len, int level)
{
	uLong bound = compressBound((uLong)len);
	sg_buf_grow(out, bound);
	uLongf got = bound;
	if (compress2((Bytef *)out->data + out->len, &got, data, (uLong)len, level) != Z_OK)
		return -1;
	out->len += got;
	out->data[out->len] = '\0';
	return 0;
}

/*
 * pdf_deflate.c - the zlib level of the PDF's streams (pdf_objects.c compresses
 * every stream at it).
 *
 * Measured on a 5-page Chinese document: zlib's default level 6 spent 4.5 ms
 * of a 10 ms document, level 1 1.6 ms, for a file 9% larger (font programs
 * barely compress at any level). The output is plain zlib either way, and
 * as deterministic: the same input gives the same bytes.
 */
#include "render/pdf/pdf_deflate.h"

int sg_pdf_deflate_level(void)
{
	return SG_PDF_DEFLATE_LEVEL;
}

/*
 * pdf_deflate.c - the zlib level libhpdf compresses PDF streams at.
 *
 * libhpdf 2.3.0 compresses every stream (font programs, page contents, maps)
 * with deflateInit(), that is at zlib's default level 6, and offers no way to
 * choose. Measured on a 5-page Chinese document: level 6 spends 4.5 ms of a
 * 10 ms document in zlib, level 1 1.6 ms, for a file 9% larger (font programs
 * barely compress at any level). So salesgen defines deflateInit_ itself:
 * the executable's definition takes precedence over zlib's for libhpdf's
 * calls (ELF symbol interposition), and forwards to deflateInit2_ with the
 * level below. The output is still plain zlib, and as deterministic as
 * before: the same input gives the same bytes.
 */
#include "render/pdf/pdf_deflate.h"

#include <zlib.h>

int sg_pdf_deflate_level(void)
{
	return SG_PDF_DEFLATE_LEVEL;
}

int deflateInit_(z_streamp strm, int level, const char *version, int stream_size);

int deflateInit_(z_streamp strm, int level, const char *version, int stream_size)
{
	if (level == Z_DEFAULT_COMPRESSION)
		level = SG_PDF_DEFLATE_LEVEL;
	return deflateInit2_(strm, level, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY, version,
			     stream_size);
}

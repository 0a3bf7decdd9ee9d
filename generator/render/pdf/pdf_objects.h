/*
 * pdf_objects.h - the numbered objects of a PDF file and the values written
 * into them: what every part of the writer uses to put bytes in the file.
 *
 * The writer is three layers, each using only those below it: this one
 * (pdf_objects.c: reserving, writing and packing objects, PDF syntax);
 * pdf_meta.h (pdf_meta.c: the outline and the structure tree); and
 * pdf_file.h (pdf_file.c: the file, its pages and its end), which includes
 * the other two, so that a caller needs only pdf_file.h. See pdf_file.h for
 * the design.
 */
#ifndef SG_RENDER_PDF_PDF_OBJECTS_H
#define SG_RENDER_PDF_PDF_OBJECTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

typedef struct sg_pdf_file sg_pdf_file;

typedef enum sg_pdf_page_mode {
	SG_PDF_MODE_NONE = 0,     /* the reader's default */
	SG_PDF_MODE_OUTLINES = 1, /* open with the bookmarks shown */
} sg_pdf_page_mode;

typedef struct sg_pdf_file_opts {
	int64_t date;         /* Unix seconds of CreationDate and ModDate; 0: no
			       * date is known, and none is written (a PDF
			       * must never claim 1970) */
	const char *producer; /* NULL: "salesgen VERSION" */
	bool tagged;          /* MarkInfo, structure tree, StructParents */
	bool uncompressed;    /* streams as they are (tests that read them) */
	/* The structure tree's objects (hundreds of small dictionaries) and the
	 * link annotations go into compressed object streams, and the
	 * cross-reference table becomes a stream (PDF 1.5 and later), which
	 * that needs. */
	bool object_streams;
} sg_pdf_file_opts;

/* The entries of the document information (sg_pdf_file_set_info). */
typedef enum sg_pdf_info_key {
	SG_PDF_INFO_TITLE = 0,
	SG_PDF_INFO_AUTHOR,
	SG_PDF_INFO_SUBJECT,
	SG_PDF_INFO_KEYWORDS,
	SG_PDF_INFO_CREATOR,
	SG_PDF_INFO_KEYS
} sg_pdf_info_key;

/* ---- objects --------------------------------------------------------- */

/* A new object number, to be written later with sg_pdf_file_begin() or
 * sg_pdf_file_stream(). */
uint32_t sg_pdf_file_reserve(sg_pdf_file *f);

/* Starts writing object num (reserved, not yet written) and returns the
 * buffer to append its value to, with the sg_pdf_put_* functions or
 * sg_buf_printf. End it with sg_pdf_file_end() before anything else is
 * written. */
sg_buf *sg_pdf_file_begin(sg_pdf_file *f, uint32_t num);
void sg_pdf_file_end(sg_pdf_file *f);

/* Flags of a stream. */
#define SG_PDF_STREAM_FLATE 1u /* compress with zlib (FlateDecode) */
#define SG_PDF_STREAM_TEXT 2u  /* compress it as PDF text (operators, objects,
				* CMaps), harder: see pdf_deflate.h */
#define SG_PDF_STREAM_FONT 4u  /* a font program: each byte Huffman-coded,
				* no matches (sg_pdf_deflate_literals) */

/* Writes object num as a stream of data[0..len): dict holds the entries of
 * its dictionary other than /Length and /Filter (may be NULL or ""); with
 * SG_PDF_STREAM_FLATE, SG_PDF_STREAM_TEXT or SG_PDF_STREAM_FONT (and not the uncompressed
 * option) the data is compressed at pdf_deflate's level for it. Returns 0,
 * or -1 when zlib fails (the object then stays unwritten). */
int sg_pdf_file_stream(sg_pdf_file *f, uint32_t num, const char *dict, const void *data,
		       size_t len, unsigned flags);

/* From now on, streams to compress are compressed in a thread of the
 * file's own while the caller goes on (pdf_coder.h), the large ones: for a
 * long document, on a machine with a processor to spare. The file's bytes
 * are the same. Nothing when the thread cannot start. */
void sg_pdf_file_code_aside(sg_pdf_file *f);

/* ---- pages ----------------------------------------------------------- */

/* The object number of page index (0-based), reserved on first use: links
 * and outlines may point at a page before it is added. */
uint32_t sg_pdf_file_page_ref(sg_pdf_file *f, size_t index);

/* ---- values (PDF syntax, appended to b) ------------------------------- */

/* A number with at most 4 decimals and no trailing zeros, no exponent, never
 * "-0"; NaN prints as 0 and magnitudes are capped at 1e9. */
void sg_pdf_put_num(sg_buf *b, double v);
/* A number with at most decimals (0..6) decimals, rounded. */
void sg_pdf_put_numd(sg_buf *b, double v, int decimals);
/* A name ("/Name"): bytes outside ! to ~ and the delimiters as #xx. */
void sg_pdf_put_name(sg_buf *b, const char *name);
/* A literal string: parentheses and backslashes escaped, bytes outside the
 * printable ASCII range as \ooo. */
void sg_pdf_put_string(sg_buf *b, const void *s, size_t len);
/* A hexadecimal string <...>, upper case. */
void sg_pdf_put_hex(sg_buf *b, const void *s, size_t len);
/* A text string from UTF-8: printable ASCII as a literal string, anything
 * else as UTF-16BE with a byte order mark (characters beyond the BMP as
 * surrogate pairs); malformed bytes become U+FFFD. */
void sg_pdf_put_text(sg_buf *b, const char *utf8);
/* "12 0 R". */
/* Appends the integer v in decimal (what printf's %lld gives, without
 * printf: the structure tree writes thousands). */
void sg_pdf_put_int(sg_buf *b, int64_t v);
void sg_pdf_put_ref(sg_buf *b, uint32_t num);
/* A date string (D:YYYYMMDDHHmmSSZ) of Unix seconds, in UTC. */
void sg_pdf_put_date(sg_buf *b, int64_t seconds);

#endif

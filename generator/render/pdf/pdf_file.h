/*
 * pdf_file.h - a PDF 1.7 file written by salesgen itself, object by object.
 *
 * Design note. A file is a run of numbered indirect objects followed by a
 * cross-reference table that gives the byte offset of each. The writer puts
 * every object into the output buffer as soon as it is complete and keeps
 * only its offset, so a document of 900 pages never holds its pages twice.
 * An object that others must point at before it exists (the page tree, a
 * page a link jumps to, a font used on every page) gets its number first
 * with sg_pdf_file_reserve() and is written later; sg_pdf_file_finish()
 * refuses a file in which a reserved number was never written, so a
 * dangling reference cannot reach a reader.
 *
 * What the writer keeps until the end, because it is only known then: the
 * page tree (one /Pages node whose /Kids are the pages in order), the
 * outline, the structure tree, the document information and XMP metadata,
 * and the catalog. sg_pdf_file_finish() writes them, then the xref table
 * and the trailer.
 *
 * Reproducible bytes: nothing is read from the clock, the locale or memory
 * addresses. Dates come from the options (the caller takes them from
 * SOURCE_DATE_EPOCH or the content), numbers are printed by sg_pdf_put_num()
 * (fixed decimals, no exponent, no "-0"), and the file identifier /ID is the
 * SHA-256 of every byte before the xref table, cut to 16 bytes: two runs over
 * the same input give the same file, and different files different IDs.
 *
 * Object streams. A tagged file has an element object for every paragraph,
 * list item and table cell, some 60 bytes each as plain objects: a tenth
 * to a fifth of a proposal. With the object_streams option they, and the link
 * annotations (thousands in a report's table of links), are written into
 * /ObjStm streams, compressed, 250 to a stream, and the cross-reference
 * table is a compressed /XRef stream (which objects in object streams
 * require) whose dictionary is the trailer's.
 *
 * Tagged PDF. With the tagged option the catalog says /MarkInfo <</Marked
 * true>> and holds a structure tree made with sg_pdf_file_struct_add():
 * elements (Document, H1, P, Table, Link, ...) with a parent each, whose
 * content is marked in the pages' content streams with a marked-content id
 * (MCID) from sg_pdf_file_struct_mcid(). Each page gets /StructParents and
 * each link annotation of a Link element /StructParent, keys of one parent
 * tree that maps them back to their elements; /Tabs /S orders annotations
 * by structure.
 */
#ifndef SG_RENDER_PDF_PDF_FILE_H
#define SG_RENDER_PDF_PDF_FILE_H

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

/* A new file writing into out, which is cleared and gets the header at once.
 * out must stay alive until sg_pdf_file_free(); it is the caller's. */
sg_pdf_file *sg_pdf_file_new(sg_buf *out, const sg_pdf_file_opts *opts);
void sg_pdf_file_free(sg_pdf_file *f);

/* The options the file was made with. */
const sg_pdf_file_opts *sg_pdf_file_options(const sg_pdf_file *f);
/* Bytes written so far. */
size_t sg_pdf_file_size(const sg_pdf_file *f);

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

/* Writes object num as a stream of data[0..len): dict holds the entries of
 * its dictionary other than /Length and /Filter (may be NULL or ""); with
 * SG_PDF_STREAM_FLATE (and not the uncompressed option) the data is
 * compressed at pdf_deflate's level. Returns 0, or -1 when zlib fails (the
 * object then stays unwritten). */
int sg_pdf_file_stream(sg_pdf_file *f, uint32_t num, const char *dict, const void *data,
		       size_t len, unsigned flags);

/* An ExtGState object with these fill and stroke opacities (0..1), made once
 * per pair and shared; its object number. */
uint32_t sg_pdf_file_alpha(sg_pdf_file *f, double fill, double stroke);

/* ---- pages ----------------------------------------------------------- */

/* The object number of page index (0-based), reserved on first use: links
 * and outlines may point at a page before it is added. */
uint32_t sg_pdf_file_page_ref(sg_pdf_file *f, size_t index);

/* The kinds of a page's resources. Each is named after its object number:
 * /F12, /X30, /GS7 (sg_pdf_res_name), so a name is the same on every page. */
typedef enum sg_pdf_res_kind {
	SG_PDF_RES_FONT = 0,
	SG_PDF_RES_XOBJECT = 1,
	SG_PDF_RES_EXTGSTATE = 2,
} sg_pdf_res_kind;

typedef struct sg_pdf_res {
	sg_pdf_res_kind kind;
	uint32_t obj;
} sg_pdf_res;

/* Appends "/F12" (with the slash) for a resource to b. */
void sg_pdf_res_name(sg_buf *b, sg_pdf_res_kind kind, uint32_t obj);

/* A link annotation: a rectangle in PDF space that opens a URI or goes to
 * a place in the document. */
typedef struct sg_pdf_link {
	double x0, y0, x1, y1;
	const char *uri;  /* NULL: a destination in the document */
	size_t page;      /* the destination: page index, */
	double left, top; /* and /XYZ left top null (the reader keeps its zoom) */
	int elem;         /* tagged: its Link element, or 0 */
	const char *contents; /* UTF-8: where it leads, for readers (/Contents); NULL: none */
} sg_pdf_link;

typedef struct sg_pdf_page {
	double width, height;    /* points */
	const char *ops;         /* the content stream's operators */
	size_t len;
	const sg_pdf_res *res;   /* the resources ops names */
	size_t nres;
	const sg_pdf_link *links;
	size_t nlinks;
} sg_pdf_page;

/* Writes the next page (its index is the number of pages added before):
 * its content stream, its link annotations and the page object. Returns 0,
 * or -1 when zlib fails. */
int sg_pdf_file_page_add(sg_pdf_file *f, const sg_pdf_page *p);
size_t sg_pdf_file_page_count(const sg_pdf_file *f);

/* ---- document ------------------------------------------------------- */

typedef enum sg_pdf_info_key {
	SG_PDF_INFO_TITLE = 0,
	SG_PDF_INFO_AUTHOR,
	SG_PDF_INFO_SUBJECT,
	SG_PDF_INFO_KEYWORDS,
	SG_PDF_INFO_CREATOR,
	SG_PDF_INFO_KEYS
} sg_pdf_info_key;

/* Sets a UTF-8 entry of the document information and of the XMP metadata
 * (copied; NULL or "" removes it). The title is also what readers show in
 * the window's title bar (DisplayDocTitle). */
void sg_pdf_file_set_info(sg_pdf_file *f, sg_pdf_info_key key, const char *value);
/* The document's natural language as a BCP 47 tag ("zh-CN"); copied. */
void sg_pdf_file_set_lang(sg_pdf_file *f, const char *lang);
void sg_pdf_file_set_page_mode(sg_pdf_file *f, sg_pdf_page_mode mode);

/* Adds a bookmark titled title (UTF-8) under parent (0: the top level, else
 * an id this returned) that goes to page at /XYZ left top; open shows its
 * children. Returns its id (> 0). Items keep the order they are added in. */
int sg_pdf_file_outline_add(sg_pdf_file *f, int parent, const char *title, size_t page,
			    double left, double top, bool open);

/* ---- structure (tagged files) ---------------------------------------- */

/* Adds a structure element of type (a standard structure type: "Document",
 * "H1", "P", "L", "LI", "Table", "TR", "TH", "TD", "Figure", "Link", ...)
 * as the last child of parent (0: the structure tree's root). alt is the
 * alternate text of a Figure (NULL: none); copied. Returns its id (> 0). */
int sg_pdf_file_struct_add(sg_pdf_file *f, int parent, const char *type, const char *alt);

/* Sets the attributes (/A) of element elem: a dictionary, or an array of
 * them, as PDF syntax ("<< /O /Table /Scope /Column >>"); copied. */
void sg_pdf_file_struct_attrs(sg_pdf_file *f, int elem, const char *attrs);

/* The marked-content id with which page index draws the next part of elem:
 * the content stream wraps that part in "/TYPE <</MCID n>> BDC ... EMC"
 * (sg_pdf_content_tag). Ids count from 0 on each page. Call it before the
 * page is added. */
int sg_pdf_file_struct_mcid(sg_pdf_file *f, int elem, size_t page);

/* ---- the end --------------------------------------------------------- */

/* Writes what was kept to the end (page tree, outline, structure tree,
 * information, metadata, catalog), the xref table and the trailer. Returns
 * 0, or -1 when an object was reserved and never written, a page was
 * pointed at and never added, or zlib failed: the buffer then holds no
 * usable file. */
int sg_pdf_file_finish(sg_pdf_file *f);

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
void sg_pdf_put_ref(sg_buf *b, uint32_t num);
/* A date string (D:YYYYMMDDHHmmSSZ) of Unix seconds, in UTC. */
void sg_pdf_put_date(sg_buf *b, int64_t seconds);

#endif

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
 * by structure. An element's object number is reserved when it is made;
 * it is written as soon as the caller ends it (sg_pdf_file_struct_end),
 * else at the end, so that a document of a hundred thousand elements
 * keeps only an object number each (and one per MCID for the parent tree).
 *
 * Layers. The numbered objects and the PDF values are declared in
 * pdf_objects.h, the outline and the structure tree in pdf_meta.h; this
 * header includes both and adds the file, its pages and its end. Each layer
 * uses only those below it.
 */
#ifndef SG_RENDER_PDF_PDF_FILE_H
#define SG_RENDER_PDF_PDF_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "render/pdf/pdf_meta.h"
#include "render/pdf/pdf_objects.h"

/* A new file writing into out, which is cleared and gets the header at once.
 * out must stay alive until sg_pdf_file_free(); it is the caller's. */
sg_pdf_file *sg_pdf_file_new(sg_buf *out, const sg_pdf_file_opts *opts);
void sg_pdf_file_free(sg_pdf_file *f);

/* The options the file was made with. */
const sg_pdf_file_opts *sg_pdf_file_options(const sg_pdf_file *f);
/* Bytes written so far. */
size_t sg_pdf_file_size(sg_pdf_file *f);

/* An ExtGState object with these fill and stroke opacities (0..1), made once
 * per pair and shared; its object number. */
uint32_t sg_pdf_file_alpha(sg_pdf_file *f, double fill, double stroke);

/* ---- pages ----------------------------------------------------------- */

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

/* Sets a UTF-8 entry of the document information and of the XMP metadata
 * (copied; NULL or "" removes it). The title is also what readers show in
 * the window's title bar (DisplayDocTitle). */
void sg_pdf_file_set_info(sg_pdf_file *f, sg_pdf_info_key key, const char *value);
/* The document's natural language as a BCP 47 tag ("zh-CN"); copied. */
void sg_pdf_file_set_lang(sg_pdf_file *f, const char *lang);
void sg_pdf_file_set_page_mode(sg_pdf_file *f, sg_pdf_page_mode mode);

/* ---- the end --------------------------------------------------------- */

/* Writes what was kept to the end (page tree, outline, structure tree,
 * information, metadata, catalog), the xref table and the trailer. Returns
 * 0, or -1 when an object was reserved and never written, a page was
 * pointed at and never added, or zlib failed: the buffer then holds no
 * usable file. */
int sg_pdf_file_finish(sg_pdf_file *f);

#endif

/*
 * pdf_meta.h - the outline (bookmarks) and the structure tree of a PDF file,
 * kept until the file's end and written then (pdf_meta.c; see pdf_file.h).
 */
#ifndef SG_RENDER_PDF_PDF_META_H
#define SG_RENDER_PDF_PDF_META_H

#include <stdbool.h>
#include <stddef.h>

#include "render/pdf/pdf_objects.h"

/* ---- outline --------------------------------------------------------- */

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

/* Element elem gets no more kids (no more content, parts or link
 * annotations): it is written now and lets go of what it holds, so that a
 * document of a hundred thousand elements does not keep them all to the
 * end. Its parts need not be ended: they may be written later. What is
 * added to it afterwards is dropped, so end an element only once the pages
 * holding the last of its content and its annotations are added. Elements
 * never ended are written by sg_pdf_file_finish. */
void sg_pdf_file_struct_end(sg_pdf_file *f, int elem);

#endif

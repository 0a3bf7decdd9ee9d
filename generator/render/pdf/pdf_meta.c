/*
 * pdf_meta.c - the parts of a PDF file that are written at its end: the
 * outline (bookmarks), the structure tree of a tagged file, the document
 * information dictionary and its XMP twin (see pdf_file.h). It writes with
 * pdf_objects.c and is called by pdf_file.c.
 */
#include "render/pdf/pdf_meta.h"

#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/date.h"
#include "base/utf8.h"
#include "render/pdf/pdf_file_int.h"

/* ---- outline --------------------------------------------------------------- */

int sg_pdf_file_outline_add(sg_pdf_file *f, int parent, const char *title, size_t page,
			    double left, double top, bool open)
{
	if (parent < 0 || parent > f->noutline)
		parent = 0;
	if (f->noutline == f->outline_cap) {
		f->outline_cap = f->outline_cap ? 2 * f->outline_cap : 16;
		f->outline = sg_xrealloc(f->outline, (size_t)f->outline_cap * sizeof *f->outline);
	}
	int id = ++f->noutline;
	sg_pdf_outline_item *it = &f->outline[id - 1];
	memset(it, 0, sizeof *it);
	it->title = sg_xstrdup(title ? title : "");
	it->parent = parent;
	it->page = page;
	it->left = left;
	it->top = top;
	it->open = open;
	/* Reserved now: a page that is never added fails the finish. */
	sg_pdf_file_page_ref(f, page);
	if (parent) {
		sg_pdf_outline_item *p = &f->outline[parent - 1];
		if (p->last) {
			f->outline[p->last - 1].next = id;
			it->prev = p->last;
		} else {
			p->first = id;
		}
		p->last = id;
	} else {
		/* Top-level items chain through prev/next; the root's first and
		 * last are found when it is written. */
		for (int i = id - 1; i >= 1; i--) {
			if (f->outline[i - 1].parent == 0) {
				f->outline[i - 1].next = id;
				it->prev = i;
				break;
			}
		}
	}
	return id;
}

static void S_ref_entry(sg_buf *b, const char *key, uint32_t num)
{
	sg_buf_putc(b, ' ');
	sg_buf_puts(b, key);
	sg_buf_putc(b, ' ');
	sg_pdf_put_ref(b, num);
}

int sg_pdf_meta_outline(sg_pdf_file *f, uint32_t *root)
{
	*root = 0;
	if (f->noutline == 0)
		return 0;
	*root = sg_pdf_file_reserve(f);
	int first = 0, last = 0, visible = 0;
	for (int id = 1; id <= f->noutline; id++)
		f->outline[id - 1].obj = sg_pdf_file_reserve(f);
	/* Children have larger ids than their parents: counting from the last
	 * item back, each item's counts are complete when it is reached. */
	for (int id = f->noutline; id >= 1; id--) {
		sg_pdf_outline_item *it = &f->outline[id - 1];
		int shown = 1 + (it->open ? it->visible : 0);
		if (it->parent) {
			sg_pdf_outline_item *p = &f->outline[it->parent - 1];
			p->total += 1 + it->total;
			p->visible += shown;
		} else {
			visible += shown;
			if (!last)
				last = id;
			first = id;
		}
	}
	sg_buf *b = sg_pdf_file_begin(f, *root);
	sg_buf_puts(b, "<< /Type /Outlines");
	S_ref_entry(b, "/First", f->outline[first - 1].obj);
	S_ref_entry(b, "/Last", f->outline[last - 1].obj);
	sg_buf_printf(b, " /Count %d >>", visible);
	sg_pdf_file_end(f);
	for (int id = 1; id <= f->noutline; id++) {
		sg_pdf_outline_item *it = &f->outline[id - 1];
		b = sg_pdf_file_begin(f, it->obj);
		sg_buf_puts(b, "<< /Title ");
		sg_pdf_put_text(b, it->title);
		S_ref_entry(b, "/Parent", it->parent ? f->outline[it->parent - 1].obj : *root);
		if (it->prev)
			S_ref_entry(b, "/Prev", f->outline[it->prev - 1].obj);
		if (it->next)
			S_ref_entry(b, "/Next", f->outline[it->next - 1].obj);
		if (it->first) {
			S_ref_entry(b, "/First", f->outline[it->first - 1].obj);
			S_ref_entry(b, "/Last", f->outline[it->last - 1].obj);
			/* Positive: the open item shows that many; negative: closed. */
			sg_buf_printf(b, " /Count %d", it->open ? it->visible : -it->total);
		}
		sg_buf_printf(b, " /Dest [%u 0 R /XYZ ", sg_pdf_file_page_ref(f, it->page));
		sg_pdf_put_num(b, it->left);
		sg_buf_putc(b, ' ');
		sg_pdf_put_num(b, it->top);
		sg_buf_puts(b, " null] >>");
		sg_pdf_file_end(f);
	}
	return 0;
}

/* ---- structure tree ------------------------------------------------------ */

int sg_pdf_file_struct_add(sg_pdf_file *f, int parent, const char *type, const char *alt)
{
	if (parent < 0 || parent > f->nelems)
		parent = 0;
	/* Numbers only for a tagged file: an untagged one writes none. */
	if (!f->struct_root && f->opts.tagged)
		f->struct_root = sg_pdf_file_reserve(f);
	if (f->nelems == f->elems_cap) {
		f->elems_cap = f->elems_cap ? 2 * f->elems_cap : 64;
		f->elems = sg_xrealloc(f->elems, (size_t)f->elems_cap * sizeof *f->elems);
	}
	int id = ++f->nelems;
	sg_pdf_elem *e = sg_xcalloc(1, sizeof *e);
	e->type = sg_xstrdup(type && *type ? type : "Span");
	e->alt = alt ? sg_xstrdup(alt) : NULL;
	uint32_t obj = f->opts.tagged ? sg_pdf_file_reserve(f) : 0;
	f->elems[id - 1] = (sg_pdf_elem_ref){obj, e};
	if (parent) {
		e->parent_obj = f->elems[parent - 1].obj;
		sg_pdf_meta_kid(f, parent, (sg_pdf_kid){SG_PDF_KID_ELEM, 0, 0, obj});
	} else {
		e->parent_obj = f->struct_root;
		if (f->ntops == f->tops_cap) {
			f->tops_cap = f->tops_cap ? 2 * f->tops_cap : 4;
			f->tops = sg_xrealloc(f->tops, (size_t)f->tops_cap * sizeof *f->tops);
		}
		f->tops[f->ntops++] = obj;
	}
	return id;
}

/* Element id while it is not written yet, else NULL. */
static sg_pdf_elem *S_open(sg_pdf_file *f, int id)
{
	return id >= 1 && id <= f->nelems ? f->elems[id - 1].open : NULL;
}

void sg_pdf_file_struct_attrs(sg_pdf_file *f, int elem, const char *attrs)
{
	sg_pdf_elem *e = S_open(f, elem);
	if (!e)
		return;
	free(e->attrs);
	e->attrs = attrs && *attrs ? sg_xstrdup(attrs) : NULL;
}

void sg_pdf_meta_kid(sg_pdf_file *f, int elem, sg_pdf_kid kid)
{
	sg_pdf_elem *e = S_open(f, elem);
	if (!e)
		return;
	if (e->nkids == e->kids_cap) {
		e->kids_cap = e->kids_cap ? 2 * e->kids_cap : 2;
		e->kids = sg_xrealloc(e->kids, (size_t)e->kids_cap * sizeof *e->kids);
	}
	e->kids[e->nkids++] = kid;
}

int sg_pdf_file_struct_mcid(sg_pdf_file *f, int elem, size_t page)
{
	if (elem < 1 || elem > f->nelems)
		return -1;
	if (page >= f->nmarks) {
		size_t n = page + 1 > 2 * f->nmarks ? page + 1 : 2 * f->nmarks;
		f->marks = sg_xrealloc(f->marks, n * sizeof *f->marks);
		memset(f->marks + f->nmarks, 0, (n - f->nmarks) * sizeof *f->marks);
		f->nmarks = n;
	}
	sg_pdf_file_page_ref(f, page);
	sg_pdf_page_marks *m = &f->marks[page];
	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 16;
		m->owner = sg_xrealloc(m->owner, (size_t)m->cap * sizeof *m->owner);
	}
	int mcid = m->n;
	m->owner[m->n++] = f->elems[elem - 1].obj;
	sg_pdf_meta_kid(f, elem, (sg_pdf_kid){SG_PDF_KID_MCID, mcid, page, 0});
	return mcid;
}

/* A kid of an element whose /Pg is page pg (SIZE_MAX: none): a part of
 * that page's content is its bare MCID, as the element's page says where
 * it is; a part of another page's names its page. */
static void S_kid(sg_pdf_file *f, sg_buf *b, const sg_pdf_kid *k, size_t pg)
{
	switch (k->kind) {
	case SG_PDF_KID_ELEM:
		sg_pdf_put_ref(b, k->obj);
		break;
	case SG_PDF_KID_MCID:
		if (k->page != pg) {
			sg_buf_puts(b, "<< /Type /MCR /Pg ");
			sg_pdf_put_ref(b, sg_pdf_file_page_ref(f, k->page));
			sg_buf_puts(b, " /MCID ");
		}
		sg_pdf_put_int(b, k->mcid);
		if (k->page != pg)
			sg_buf_puts(b, " >>");
		break;
	case SG_PDF_KID_ANNOT:
		sg_buf_puts(b, "<< /Type /OBJR /Pg ");
		sg_pdf_put_ref(b, sg_pdf_file_page_ref(f, k->page));
		sg_buf_puts(b, " /Obj ");
		sg_pdf_put_ref(b, k->obj);
		sg_buf_puts(b, " >>");
		break;
	}
}

static void S_elem_free(sg_pdf_elem *e)
{
	free(e->type);
	free(e->alt);
	free(e->attrs);
	free(e->kids);
	free(e);
}

/* Writes element id, which gets no more kids, and lets go of what it
 * held. Elements are most of a tagged file's objects: each is written
 * short, without the optional /Type, and its page as /Pg when it has
 * content there, so that its parts of that page are bare MCIDs. */
static void S_write_elem(sg_pdf_file *f, int id)
{
	sg_pdf_elem *el = S_open(f, id);
	if (!el)
		return;
	if (!f->opts.tagged) {
		S_elem_free(el);
		f->elems[id - 1].open = NULL;
		return;
	}
	f->pack_at = 1;
	sg_buf *b = sg_pdf_file_begin(f, f->elems[id - 1].obj);
	sg_buf_puts(b, "<< /S ");
	sg_pdf_put_name(b, el->type);
	S_ref_entry(b, "/P", el->parent_obj);
	size_t pg = SIZE_MAX;
	for (int k = 0; k < el->nkids && pg == SIZE_MAX; k++)
		if (el->kids[k].kind == SG_PDF_KID_MCID)
			pg = el->kids[k].page;
	if (pg != SIZE_MAX)
		S_ref_entry(b, "/Pg", sg_pdf_file_page_ref(f, pg));
	if (el->alt) {
		sg_buf_puts(b, " /Alt ");
		sg_pdf_put_text(b, el->alt);
	}
	if (el->attrs) {
		sg_buf_puts(b, " /A ");
		sg_buf_puts(b, el->attrs);
	}
	if (el->nkids) {
		sg_buf_puts(b, el->nkids > 1 ? " /K [" : " /K ");
		for (int k = 0; k < el->nkids; k++) {
			if (k)
				sg_buf_putc(b, ' ');
			S_kid(f, b, &el->kids[k], pg);
		}
		if (el->nkids > 1)
			sg_buf_putc(b, ']');
	}
	sg_buf_puts(b, " >>");
	sg_pdf_file_end(f);
	f->pack_at = 0;
	S_elem_free(el);
	f->elems[id - 1].open = NULL;
}

void sg_pdf_file_struct_end(sg_pdf_file *f, int elem)
{
	S_write_elem(f, elem);
}

void sg_pdf_meta_struct_free(sg_pdf_file *f)
{
	for (int i = 0; i < f->nelems; i++)
		if (f->elems[i].open)
			S_elem_free(f->elems[i].open);
	free(f->elems);
	free(f->tops);
	for (size_t p = 0; p < f->nmarks; p++)
		free(f->marks[p].owner);
	free(f->marks);
}

/* The parent tree: for each page's key the elements of its MCIDs in order,
 * for each annotation's key its element. */
static void S_parent_tree(sg_pdf_file *f, uint32_t num)
{
	sg_buf *b = sg_pdf_file_begin(f, num);
	sg_buf_puts(b, "<< /Nums [");
	for (int key = 0; key < f->npkeys; key++) {
		const sg_pdf_pkey *pk = &f->pkeys[key];
		sg_buf_putc(b, '\n');
		sg_pdf_put_int(b, key);
		sg_buf_putc(b, ' ');
		if (pk->annot) {
			sg_pdf_put_ref(b, f->elems[pk->elem - 1].obj);
			continue;
		}
		sg_buf_putc(b, '[');
		const sg_pdf_page_marks *m = pk->page < f->nmarks ? &f->marks[pk->page] : NULL;
		for (int k = 0; m && k < m->n; k++) {
			if (k)
				sg_buf_putc(b, ' ');
			sg_pdf_put_ref(b, m->owner[k]);
		}
		sg_buf_putc(b, ']');
	}
	sg_buf_puts(b, "] >>");
	sg_pdf_file_end(f);
}

int sg_pdf_meta_structure(sg_pdf_file *f, uint32_t *root)
{
	*root = 0;
	if (!f->opts.tagged)
		return 0;
	if (!f->struct_root)
		f->struct_root = sg_pdf_file_reserve(f);
	*root = f->struct_root;
	/* The elements not ended yet (the document, whatever spans to the
	 * last page), then the root and the parent tree: all of it small
	 * dictionaries, which go into object streams if the file has them. */
	for (int e = 1; e <= f->nelems; e++)
		S_write_elem(f, e);
	uint32_t ptree = sg_pdf_file_reserve(f);
	sg_buf *b = sg_pdf_file_begin(f, *root);
	sg_buf_puts(b, "<< /Type /StructTreeRoot /K [");
	for (int i = 0; i < f->ntops; i++) {
		if (i)
			sg_buf_putc(b, ' ');
		sg_pdf_put_ref(b, f->tops[i]);
	}
	sg_buf_printf(b, "] /ParentTree %u 0 R /ParentTreeNextKey %d >>", ptree, f->npkeys);
	sg_pdf_file_end(f);
	S_parent_tree(f, ptree);
	return 0;
}

/* ---- information and XMP ------------------------------------------------ */

static const char *const S_info_keys[SG_PDF_INFO_KEYS] = {"/Title", "/Author", "/Subject",
							  "/Keywords", "/Creator"};

/* Text for XML: the five special characters as entities, characters XML 1.0
 * forbids (controls other than tab and line ends) and malformed UTF-8
 * dropped or replaced, so the packet always parses. */
static void S_xml_text(sg_buf *b, const char *s)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = sg_utf8_decode(s + i, len - i, &cp);
		if (k == 0) {
			k = 1;
			cp = 0xFFFD;
		}
		switch (cp) {
		case '&': sg_buf_puts(b, "&amp;"); break;
		case '<': sg_buf_puts(b, "&lt;"); break;
		case '>': sg_buf_puts(b, "&gt;"); break;
		case '"': sg_buf_puts(b, "&quot;"); break;
		case '\'': sg_buf_puts(b, "&apos;"); break;
		default:
			if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xFFFE ||
			    cp == 0xFFFF) {
				/* dropped */
			} else {
				char u[4];
				sg_buf_put(b, u, sg_utf8_encode(cp, u));
			}
		}
		i += k;
	}
}

static void S_iso_date(sg_buf *b, int64_t t)
{
	sg_date d;
	if (!sg_date_from_unix_checked(t, &d)) {
		t = 0;
		d = sg_date_from_unix(0);
	}
	int64_t secs = t - sg_date_to_days(d) * 86400;
	sg_buf_printf(b, "%04d-%02d-%02dT%02d:%02d:%02dZ", d.year, d.month, d.day,
		      (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
}

static void S_xmp_simple(sg_buf *b, const char *tag, const char *v)
{
	sg_buf_printf(b, "   <%s>", tag);
	S_xml_text(b, v);
	sg_buf_printf(b, "</%s>\n", tag);
}

static void S_xmp(sg_pdf_file *f, sg_buf *b)
{
	char *const *in = f->info;
	sg_buf_puts(b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
		       "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
		       " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
		       "  <rdf:Description rdf:about=\"\"\n"
		       "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
		       "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
		       "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
		       "   <dc:format>application/pdf</dc:format>\n");
	if (in[SG_PDF_INFO_TITLE]) {
		sg_buf_puts(b, "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
		S_xml_text(b, in[SG_PDF_INFO_TITLE]);
		sg_buf_puts(b, "</rdf:li></rdf:Alt></dc:title>\n");
	}
	if (in[SG_PDF_INFO_AUTHOR]) {
		sg_buf_puts(b, "   <dc:creator><rdf:Seq><rdf:li>");
		S_xml_text(b, in[SG_PDF_INFO_AUTHOR]);
		sg_buf_puts(b, "</rdf:li></rdf:Seq></dc:creator>\n");
	}
	if (in[SG_PDF_INFO_SUBJECT]) {
		sg_buf_puts(b, "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">");
		S_xml_text(b, in[SG_PDF_INFO_SUBJECT]);
		sg_buf_puts(b, "</rdf:li></rdf:Alt></dc:description>\n");
	}
	if (f->lang) {
		sg_buf_puts(b, "   <dc:language><rdf:Bag><rdf:li>");
		S_xml_text(b, f->lang);
		sg_buf_puts(b, "</rdf:li></rdf:Bag></dc:language>\n");
	}
	if (in[SG_PDF_INFO_KEYWORDS])
		S_xmp_simple(b, "pdf:Keywords", in[SG_PDF_INFO_KEYWORDS]);
	if (in[SG_PDF_INFO_CREATOR])
		S_xmp_simple(b, "xmp:CreatorTool", in[SG_PDF_INFO_CREATOR]);
	S_xmp_simple(b, "pdf:Producer", f->producer);
	const char *dates[] = {"xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"};
	for (int i = 0; i < 3 && f->opts.date != 0; i++) {
		sg_buf_printf(b, "   <%s>", dates[i]);
		S_iso_date(b, f->opts.date);
		sg_buf_printf(b, "</%s>\n", dates[i]);
	}
	sg_buf_puts(b, "  </rdf:Description>\n"
		       " </rdf:RDF>\n"
		       "</x:xmpmeta>\n"
		       "<?xpacket end=\"w\"?>");
}

int sg_pdf_meta_info(sg_pdf_file *f, uint32_t *info, uint32_t *xmp)
{
	*info = sg_pdf_file_reserve(f);
	sg_buf *b = sg_pdf_file_begin(f, *info);
	sg_buf_puts(b, "<<");
	for (int k = 0; k < SG_PDF_INFO_KEYS; k++) {
		if (!f->info[k])
			continue;
		sg_buf_printf(b, " %s ", S_info_keys[k]);
		sg_pdf_put_text(b, f->info[k]);
	}
	sg_buf_puts(b, " /Producer ");
	sg_pdf_put_text(b, f->producer);
	if (f->opts.date != 0) { /* no date known: none written, never 1970 */
		sg_buf_puts(b, " /CreationDate ");
		sg_pdf_put_date(b, f->opts.date);
		sg_buf_puts(b, " /ModDate ");
		sg_pdf_put_date(b, f->opts.date);
	}
	sg_buf_puts(b, " >>");
	sg_pdf_file_end(f);

	/* Not compressed: tools that are no PDF readers find it by its
	 * xpacket header. */
	sg_buf x;
	sg_buf_init(&x);
	S_xmp(f, &x);
	*xmp = sg_pdf_file_reserve(f);
	int rc = sg_pdf_file_stream(f, *xmp, "/Type /Metadata /Subtype /XML", x.data, x.len, 0);
	sg_buf_dispose(&x);
	return rc;
}

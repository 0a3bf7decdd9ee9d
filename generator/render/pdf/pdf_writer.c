#include "render/pdf/pdf_writer.h"

#include <hpdf_conf.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "base/alloc.h"
#include "base/date.h"
#include "base/utf8.h"
#include "render/pdf/pdf_deflate.h"
#include "render/pdf/pdf_int.h"

/* ---- the document ------------------------------------------------------ */

static HPDF_Date S_hpdf_date(int64_t t)
{
	sg_date d = sg_date_from_unix(t);
	int64_t secs = t - sg_date_to_days(d) * 86400;
	HPDF_Date hd;
	memset(&hd, 0, sizeof hd);
	hd.year = d.year;
	hd.month = d.month;
	hd.day = d.day;
	hd.hour = (HPDF_INT)(secs / 3600);
	hd.minutes = (HPDF_INT)(secs / 60 % 60);
	hd.seconds = (HPDF_INT)(secs % 60);
	hd.ind = 'Z';
	return hd;
}

HPDF_Doc sg_pdf_doc_new(int64_t date)
{
	if (sg_pdf_deflate_level() < 0)
		return NULL;
	HPDF_Doc doc = HPDF_New(NULL, NULL);
	if (!doc)
		return NULL;
	HPDF_SetCompressionMode(doc, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(doc);
	HPDF_SetCurrentEncoder(doc, "UTF-8");
	HPDF_Date hd = S_hpdf_date(date);
	HPDF_SetInfoDateAttr(doc, HPDF_INFO_CREATION_DATE, hd);
	HPDF_SetInfoDateAttr(doc, HPDF_INFO_MOD_DATE, hd);
	HPDF_SetInfoAttr(doc, HPDF_INFO_PRODUCER, "salesgen " SG_VERSION);
	if (HPDF_GetError(doc) != HPDF_OK) {
		HPDF_Free(doc);
		return NULL;
	}
	return doc;
}

int sg_pdf_doc_save(HPDF_Doc doc, sg_buf *out)
{
	sg_buf_clear(out);
	if (HPDF_SaveToStream(doc) != HPDF_OK)
		return -1;
	HPDF_UINT32 size = HPDF_GetStreamSize(doc);
	sg_buf_grow(out, size);
	HPDF_UINT32 got = size;
	HPDF_STATUS st = HPDF_ReadFromStream(doc, (HPDF_BYTE *)out->data, &got);
	/* libharu reports the end of the stream as an error code. */
	if ((st != HPDF_OK && st != HPDF_STREAM_EOF) || got != size)
		return -1;
	out->len = got;
	out->data[got] = '\0';
	HPDF_ResetError(doc);
	return 0;
}

/* ---- page contents, compressed once drawn ------------------------------ */

/* libharu compresses a page's contents as it saves the document, reading
 * them through the stream's functions and writing the Filter entry of the
 * stream's dictionary then. A packed page's stream holds the compressed
 * bytes instead, made the same way: zlib set up as libharu sets it up
 * (deflateInit at the default level, which pdf_deflate.c chooses), fed the
 * same pieces (the memory stream's 4 KB buffers, which libharu reads 4 KB
 * at a time), so the same bytes. It hands them back as they are: the
 * dictionary's filter is set to none, and its write function puts back the
 * Filter entry libharu would have written, at the same place (after
 * Length, the dictionary's only other entry). The pipeline report's 900
 * pages come out identical, byte for byte. */

typedef struct S_packed {
	HPDF_BYTE *data;
	HPDF_UINT len, pos;
} S_packed;

static HPDF_STATUS S_packed_read(HPDF_Stream s, HPDF_BYTE *ptr, HPDF_UINT *size)
{
	S_packed *p = s->attr;
	HPDF_UINT n = p->len - p->pos;
	HPDF_UINT want = *size;
	if (n > want)
		n = want;
	memcpy(ptr, p->data + p->pos, n);
	p->pos += n;
	*size = n;
	return n < want ? HPDF_STREAM_EOF : HPDF_OK;
}

static HPDF_STATUS S_packed_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
	S_packed *p = s->attr;
	long at = mode == HPDF_SEEK_CUR ? (long)p->pos + pos
		  : mode == HPDF_SEEK_END ? (long)p->len - pos
					  : pos;
	if (at < 0 || at > (long)p->len)
		return HPDF_SetError(s->error, HPDF_STREAM_EOF, 0);
	p->pos = (HPDF_UINT)at;
	return HPDF_OK;
}

static HPDF_INT32 S_packed_tell(HPDF_Stream s)
{
	return (HPDF_INT32)((S_packed *)s->attr)->pos;
}

static HPDF_UINT32 S_packed_size(HPDF_Stream s)
{
	return ((S_packed *)s->attr)->len;
}

static void S_packed_free(HPDF_Stream s)
{
	S_packed *p = s->attr;
	if (p) {
		free(p->data);
		free(p);
	}
	s->attr = NULL;
}

static HPDF_STATUS S_packed_filter(HPDF_Dict dict, HPDF_Stream out)
{
	(void)dict;
	return HPDF_Stream_WriteStr(out, "/Filter [ /FlateDecode ]\012");
}

/* The page's content stream s compressed into out, read the way libharu
 * reads it as it saves (its 4 KB buffers, in order). Returns -1 when zlib
 * fails. */
static int S_deflate_stream(HPDF_Stream s, sg_buf *out)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	if (deflateInit(&z, Z_DEFAULT_COMPRESSION) != Z_OK)
		return -1;
	HPDF_UINT nbuf = HPDF_MemStream_GetBufCount(s);
	int rc = Z_OK;
	for (HPDF_UINT i = 0; i <= nbuf && rc == Z_OK; i++) {
		HPDF_UINT len = 0;
		HPDF_BYTE *in = i < nbuf ? HPDF_MemStream_GetBufPtr(s, i, &len) : NULL;
		z.next_in = in;
		z.avail_in = len;
		int flush = i < nbuf ? Z_NO_FLUSH : Z_FINISH;
		do {
			sg_buf_grow(out, 4096);
			z.next_out = (Bytef *)out->data + out->len;
			z.avail_out = (uInt)(out->cap - out->len - 1);
			rc = deflate(&z, flush);
			out->len = out->cap - 1 - z.avail_out;
		} while (rc == Z_OK && (z.avail_in > 0 || (flush == Z_FINISH && z.avail_out == 0)));
		if (rc == Z_BUF_ERROR && flush == Z_NO_FLUSH)
			rc = Z_OK; /* nothing to do for this piece */
	}
	deflateEnd(&z);
	return rc == Z_STREAM_END ? 0 : -1;
}

int sg_pdf_page_pack(HPDF_Page page)
{
	HPDF_PageAttr attr = page ? (HPDF_PageAttr)page->attr : NULL;
	HPDF_Dict contents = attr ? attr->contents : NULL;
	HPDF_Stream s = attr ? attr->stream : NULL;
	/* Only the usual case: one content stream in 4 KB buffers, compressed,
	 * nothing of the page left open for libharu to close as it saves, no
	 * Filter entry yet and no hooks of libharu's own on the dictionary. */
	if (!s || !contents || contents->stream != s || s->type != HPDF_STREAM_MEMORY ||
	    s->size == 0 || HPDF_MemStream_GetBufSize(s) != HPDF_STREAM_BUF_SIZ ||
	    contents->filter != HPDF_STREAM_FILTER_FLATE_DECODE ||
	    contents->filterParams || contents->write_fn || contents->list->count != 1 ||
	    attr->gmode != HPDF_GMODE_PAGE_DESCRIPTION || (attr->gstate && attr->gstate->prev))
		return 0;
	sg_buf out;
	sg_buf_init(&out);
	if (S_deflate_stream(s, &out) < 0) {
		sg_buf_dispose(&out);
		return -1;
	}
	S_packed *p = sg_xmalloc(sizeof *p);
	p->len = (HPDF_UINT)out.len;
	p->pos = 0;
	p->data = sg_xrealloc(sg_buf_detach(&out), p->len + 1); /* at its size */
	/* The memory stream's buffers and record go, the stream record stays
	 * (the dictionary and the page point at it). */
	HPDF_MemStreamAttr ma = s->attr;
	HPDF_MemStream_FreeData(s);
	HPDF_List_Free(ma->buf);
	HPDF_FreeMem(s->mmgr, ma);
	s->type = HPDF_STREAM_CALLBACK;
	s->attr = p;
	s->size = p->len;
	s->write_fn = NULL; /* drawing more is an error, not a lost page */
	s->read_fn = S_packed_read;
	s->seek_fn = S_packed_seek;
	s->tell_fn = S_packed_tell;
	s->size_fn = S_packed_size;
	s->free_fn = S_packed_free;
	contents->filter = HPDF_STREAM_FILTER_NONE;
	contents->write_fn = S_packed_filter;
	return 0;
}

/* ---- paragraphs onto pages ---------------------------------------------- */

static void S_warn_items(const sg_pdf_para *pp, const sg_para *p, const sg_lines *l,
			 sg_diags *d)
{
	for (size_t k = 0; k < l->nitems; k++) {
		const sg_item *it = &l->items[k];
		if (!(it->flags & (SG_ITEM_MISSING | SG_ITEM_OUTSIDE_BMP)))
			continue;
		int line, col;
		sg_utf8_line_col(p->text.data, it->src, &line, &col);
		sg_pos pos = pp->pos;
		if (pos.line > 0) {
			if (line == 1 && pos.col > 0)
				col += pos.col - 1;
			pos.line += line - 1;
			pos.col = col;
		}
		char ch[5] = {0};
		sg_utf8_encode(it->cp, ch);
		if (it->flags & SG_ITEM_OUTSIDE_BMP)
			sg_warning(d, pos,
				   "the character %s (U+%04X) is outside the Basic Multilingual "
				   "Plane, which the PDF text encoding cannot show; it is left out",
				   ch, it->cp);
		else
			sg_warning(d, pos, "no font has a glyph for %s (U+%04X); it is left out",
				   ch, it->cp);
	}
}

/* Each paragraph as a text of l, broken into lines at the body's measure;
 * what it cannot show is reported. */
static void S_set_paragraphs(sg_layout *l, const sg_fontset *fs, const sg_pdf_para *paras,
			     size_t n, const sg_pdf_options *opt, double body, sg_diags *d)
{
	double measure = SG_PDF_A4_WIDTH - 2 * SG_PDF_MARGIN_SIDE;
	sg_run_attr black = {0x000000, 0, -1};
	for (size_t i = 0; i < n; i++) {
		sg_ltext *t = sg_layout_new_text(l, fs, paras[i].pos);
		double size = paras[i].size > 0 ? paras[i].size : body;
		sg_ltext_add(t, paras[i].text, strlen(paras[i].text), paras[i].style, size, NULL,
			     black);
		sg_linebreak(&t->lines, &t->para, fs, measure, !opt->ragged);
		S_warn_items(&paras[i], &t->para, &t->lines, d);
	}
}

static HPDF_Page S_a4_page(HPDF_Doc doc)
{
	HPDF_Page page = HPDF_AddPage(doc);
	HPDF_Page_SetWidth(page, (HPDF_REAL)SG_PDF_A4_WIDTH);
	HPDF_Page_SetHeight(page, (HPDF_REAL)SG_PDF_A4_HEIGHT);
	return page;
}

/* Draws the texts of l line by line down A4 pages, a new page when the next
 * line does not fit; at least one page. */
static void S_draw_pages(HPDF_Doc doc, const sg_pdf_fonts *pf, const sg_layout *l, double body,
			 double spacing)
{
	HPDF_Page page = NULL;
	double top = SG_PDF_A4_HEIGHT - SG_PDF_MARGIN_TOP;
	double cursor = 0;
	for (size_t i = 0; i < l->ntexts; i++) {
		const sg_ltext *t = l->texts[i];
		for (size_t k = 0; k < t->lines.nlines; k++) {
			double size = t->lines.lines[k].height > 0 ? t->lines.lines[k].height : body;
			double lh = size * spacing;
			if (!page || cursor - lh < SG_PDF_MARGIN_BOTTOM - 1e-6) {
				page = S_a4_page(doc);
				cursor = top;
			}
			/* Centre the band from baseline-descender to cap height in
			 * the line's height. */
			double baseline = cursor - lh / 2 - size * 0.35;
			sg_pdf_paint_line(page, pf, t, k, SG_PDF_MARGIN_SIDE, baseline, 0);
			cursor -= lh;
		}
		cursor -= body * spacing / 2; /* paragraph spacing */
	}
	if (!page)
		S_a4_page(doc);
}

int sg_pdf_write_paragraphs(sg_buf *out, const sg_pdf_para *paras, size_t n,
			    const sg_pdf_options *opt, sg_pdf_font_stats *stats, sg_diags *d)
{
	sg_pos pos0 = n > 0 ? paras[0].pos : sg_pos_make(NULL, 0, 0);
	const sg_fontset *fs = sg_fontset_get(opt->latin_family, opt->cjk_family, pos0, d);
	if (!fs)
		return -1;
	double body = opt->body_size > 0 ? opt->body_size : 12.0;
	double spacing = opt->line_spacing > 0 ? opt->line_spacing : 1.5;
	sg_layout l;
	sg_layout_init(&l);
	sg_pdf_fonts *pf = sg_pdf_fonts_new(fs);
	sg_pdf_fonts_set_whole(pf, opt->whole_fonts);
	HPDF_Doc doc = NULL;
	int rc = -1;

	S_set_paragraphs(&l, fs, paras, n, opt, body, d);
	sg_pdf_use_layout(pf, &l);
	doc = sg_pdf_doc_new(opt->date);
	if (!doc) {
		sg_error(d, pos0, "the PDF library cannot create a document");
		goto cleanup;
	}
	if (opt->title)
		HPDF_SetInfoAttr(doc, HPDF_INFO_TITLE, opt->title);
	if (opt->author)
		HPDF_SetInfoAttr(doc, HPDF_INFO_AUTHOR, opt->author);
	if (sg_pdf_fonts_embed(pf, doc, pos0, d) < 0)
		goto cleanup;
	S_draw_pages(doc, pf, &l, body, spacing);
	if (HPDF_GetError(doc) != HPDF_OK) {
		sg_error(d, pos0, "the PDF library failed while drawing (error %04X)",
			 (unsigned)HPDF_GetError(doc));
		goto cleanup;
	}
	if (sg_pdf_doc_save(doc, out) < 0) {
		sg_error(d, pos0, "the PDF library cannot save the document (error %04X)",
			 (unsigned)HPDF_GetError(doc));
		goto cleanup;
	}
	rc = 0;
cleanup:
	if (stats)
		sg_pdf_fonts_stats(pf, stats);
	if (doc)
		HPDF_Free(doc);
	sg_pdf_fonts_free(pf);
	sg_layout_dispose(&l);
	return rc;
}

/*
 * pdf_file.c - the file: its header, its pages, and at its end the page
 * tree, the catalog, the xref table and the trailer (see pdf_file.h). The
 * top layer of the writer: it writes objects with pdf_objects.c and has
 * pdf_meta.c write the outline, the structure tree and the metadata.
 */
#include "render/pdf/pdf_file.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "base/alloc.h"
#include "base/sha256.h"
#include "render/pdf/pdf_deflate.h"
#include "render/pdf/pdf_file_int.h"

/* ---- resources --------------------------------------------------------- */

void sg_pdf_res_name(sg_buf *b, sg_pdf_res_kind kind, uint32_t obj)
{
	static const char *const prefix[] = {"/F", "/X", "/GS"};
	sg_buf_puts(b, prefix[kind]);
	sg_pdf_put_int(b, obj);
}

/* ---- the file ------------------------------------------------------------ */

sg_pdf_file *sg_pdf_file_new(sg_buf *out, const sg_pdf_file_opts *opts)
{
	sg_pdf_file *f = sg_xcalloc(1, sizeof *f);
	f->out = f->main = out;
	if (opts)
		f->opts = *opts;
	f->producer = sg_xstrdup(f->opts.producer ? f->opts.producer : "salesgen " SG_VERSION);
	f->opts.producer = f->producer;
	sg_buf_init(&f->scratch);
	for (int i = 0; i < 2; i++) {
		sg_buf_init(&f->packs[i].data);
		sg_buf_init(&f->packs[i].index);
	}
	f->packing = f->opts.object_streams;
	sg_buf_clear(out);
	/* The second line's bytes above 127 tell transfer programs the file
	 * is binary. */
	sg_buf_puts(out, "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
	f->pages_obj = sg_pdf_file_reserve(f);
	return f;
}

void sg_pdf_file_free(sg_pdf_file *f)
{
	if (!f)
		return;
	for (int i = 0; i < SG_PDF_INFO_KEYS; i++)
		free(f->info[i]);
	for (int i = 0; i < f->noutline; i++)
		free(f->outline[i].title);
	sg_pdf_meta_struct_free(f);
	free(f->outline);
	free(f->pkeys);
	free(f->alphas);
	free(f->lang);
	free(f->producer);
	free(f->offsets);
	free(f->page_objs);
	free(f->packed_in);
	free(f->packed_at);
	sg_pdf_file_aside_free(f);
	sg_buf_dispose(&f->scratch);
	for (int i = 0; i < 2; i++) {
		sg_buf_dispose(&f->packs[i].data);
		sg_buf_dispose(&f->packs[i].index);
	}
	free(f);
}

const sg_pdf_file_opts *sg_pdf_file_options(const sg_pdf_file *f)
{
	return &f->opts;
}

size_t sg_pdf_file_size(sg_pdf_file *f)
{
	sg_pdf_file_settle(f);
	return f->out->len;
}

uint32_t sg_pdf_file_alpha(sg_pdf_file *f, double fill, double stroke)
{
	/* Compared as printed: two opacities that print alike are one. */
	fill = round(fmin(fmax(fill, 0), 1) * 1000) / 1000;
	stroke = round(fmin(fmax(stroke, 0), 1) * 1000) / 1000;
	for (size_t i = 0; i < f->nalphas; i++)
		if (f->alphas[i].fill == fill && f->alphas[i].stroke == stroke)
			return f->alphas[i].obj;
	uint32_t num = sg_pdf_file_reserve(f);
	sg_buf *b = sg_pdf_file_begin(f, num);
	sg_buf_puts(b, "<< /Type /ExtGState /ca ");
	sg_pdf_put_numd(b, fill, 3);
	sg_buf_puts(b, " /CA ");
	sg_pdf_put_numd(b, stroke, 3);
	sg_buf_puts(b, " >>");
	sg_pdf_file_end(f);
	f->alphas = sg_xrealloc(f->alphas, (f->nalphas + 1) * sizeof *f->alphas);
	f->alphas[f->nalphas++] = (sg_pdf_alpha){fill, stroke, num};
	return num;
}

/* ---- pages --------------------------------------------------------------- */

size_t sg_pdf_file_page_count(const sg_pdf_file *f)
{
	return f->npages;
}

static int S_pkey(sg_pdf_file *f, bool annot, size_t page, int elem)
{
	if (f->npkeys == f->pkeys_cap) {
		f->pkeys_cap = f->pkeys_cap ? 2 * f->pkeys_cap : 16;
		f->pkeys = sg_xrealloc(f->pkeys, (size_t)f->pkeys_cap * sizeof *f->pkeys);
	}
	f->pkeys[f->npkeys] = (sg_pdf_pkey){annot, page, elem};
	return f->npkeys++;
}

static void S_dest(sg_buf *b, sg_pdf_file *f, size_t page, double left, double top)
{
	sg_buf_putc(b, '[');
	sg_pdf_put_ref(b, sg_pdf_file_page_ref(f, page));
	sg_buf_puts(b, " /XYZ ");
	sg_pdf_put_num(b, left);
	sg_buf_putc(b, ' ');
	sg_pdf_put_num(b, top);
	sg_buf_puts(b, " null]");
}

/* Writes the annotation of a link as object num (into an object stream
 * when the file has them: a report's table of links has thousands). */
static void S_link(sg_pdf_file *f, uint32_t num, const sg_pdf_link *l, size_t page)
{
	sg_buf *b = sg_pdf_file_begin(f, num);
	sg_buf_puts(b, "<< /Type /Annot /Subtype /Link /Rect [");
	sg_pdf_put_num(b, fmin(l->x0, l->x1));
	sg_buf_putc(b, ' ');
	sg_pdf_put_num(b, fmin(l->y0, l->y1));
	sg_buf_putc(b, ' ');
	sg_pdf_put_num(b, fmax(l->x0, l->x1));
	sg_buf_putc(b, ' ');
	sg_pdf_put_num(b, fmax(l->y0, l->y1));
	sg_buf_puts(b, "] /Border [0 0 0] /F 4");
	if (l->uri) {
		sg_buf_puts(b, " /A << /S /URI /URI ");
		sg_pdf_put_string(b, l->uri, strlen(l->uri));
		sg_buf_puts(b, " >>");
	} else {
		sg_buf_puts(b, " /Dest ");
		S_dest(b, f, l->page, l->left, l->top);
	}
	if (l->contents && *l->contents) {
		sg_buf_puts(b, " /Contents ");
		sg_pdf_put_text(b, l->contents);
	}
	sg_buf_puts(b, " /P ");
	sg_pdf_put_ref(b, sg_pdf_file_page_ref(f, page));
	if (f->opts.tagged && l->elem > 0 && l->elem <= f->nelems) {
		sg_buf_printf(b, " /StructParent %d", S_pkey(f, true, page, l->elem));
		sg_pdf_meta_kid(f, l->elem,
				(sg_pdf_kid){SG_PDF_KID_ANNOT, 0, page, num});
	}
	sg_buf_puts(b, " >>");
	sg_pdf_file_end(f);
}

static void S_resources(sg_buf *b, const sg_pdf_page *p)
{
	static const char *const dicts[] = {"/Font", "/XObject", "/ExtGState"};
	sg_buf_puts(b, " /Resources <<");
	for (int kind = 0; kind < 3; kind++) {
		bool any = false;
		for (size_t i = 0; i < p->nres; i++) {
			const sg_pdf_res *r = &p->res[i];
			if ((int)r->kind != kind)
				continue;
			bool dup = false;
			for (size_t j = 0; j < i && !dup; j++)
				dup = p->res[j].kind == r->kind && p->res[j].obj == r->obj;
			if (dup)
				continue;
			if (!any)
				sg_buf_printf(b, " %s <<", dicts[kind]);
			any = true;
			sg_buf_putc(b, ' ');
			sg_pdf_res_name(b, r->kind, r->obj);
			sg_buf_putc(b, ' ');
			sg_pdf_put_ref(b, r->obj);
		}
		if (any)
			sg_buf_puts(b, " >>");
	}
	sg_buf_puts(b, " >>");
}

int sg_pdf_file_page_add(sg_pdf_file *f, const sg_pdf_page *p)
{
	size_t index = f->npages;
	uint32_t page = sg_pdf_file_page_ref(f, index);
	uint32_t contents = sg_pdf_file_reserve(f);
	if (sg_pdf_file_stream(f, contents, NULL, p->ops, p->len, SG_PDF_STREAM_TEXT) < 0)
		return -1;
	uint32_t *annots = sg_xmalloc((p->nlinks ? p->nlinks : 1) * sizeof *annots);
	for (size_t i = 0; i < p->nlinks; i++) {
		annots[i] = sg_pdf_file_reserve(f);
		S_link(f, annots[i], &p->links[i], index);
	}
	sg_buf *b = sg_pdf_file_begin(f, page);
	sg_buf_puts(b, "<< /Type /Page /Parent ");
	sg_pdf_put_ref(b, f->pages_obj);
	sg_buf_puts(b, " /MediaBox [0 0 ");
	sg_pdf_put_num(b, p->width);
	sg_buf_putc(b, ' ');
	sg_pdf_put_num(b, p->height);
	sg_buf_putc(b, ']');
	S_resources(b, p);
	sg_buf_puts(b, " /Contents ");
	sg_pdf_put_ref(b, contents);
	if (p->nlinks) {
		sg_buf_puts(b, " /Annots [");
		for (size_t i = 0; i < p->nlinks; i++) {
			if (i)
				sg_buf_putc(b, ' ');
			sg_pdf_put_ref(b, annots[i]);
		}
		sg_buf_putc(b, ']');
	}
	if (f->opts.tagged)
		sg_buf_printf(b, " /StructParents %d /Tabs /S", S_pkey(f, false, index, 0));
	sg_buf_puts(b, " >>");
	sg_pdf_file_end(f);
	free(annots);
	f->npages++;
	return 0;
}

/* ---- document settings ------------------------------------------------ */

void sg_pdf_file_set_info(sg_pdf_file *f, sg_pdf_info_key key, const char *value)
{
	if ((int)key < 0 || key >= SG_PDF_INFO_KEYS)
		return;
	free(f->info[key]);
	f->info[key] = value && *value ? sg_xstrdup(value) : NULL;
}

void sg_pdf_file_set_lang(sg_pdf_file *f, const char *lang)
{
	free(f->lang);
	f->lang = lang && *lang ? sg_xstrdup(lang) : NULL;
}

void sg_pdf_file_set_page_mode(sg_pdf_file *f, sg_pdf_page_mode mode)
{
	f->mode = mode;
}

/* ---- the end --------------------------------------------------------------- */

static int S_page_tree(sg_pdf_file *f)
{
	sg_buf *b = sg_pdf_file_begin(f, f->pages_obj);
	sg_buf_puts(b, "<< /Type /Pages /Kids [");
	for (size_t i = 0; i < f->npages; i++) {
		if (i)
			sg_buf_putc(b, i % 10 ? ' ' : '\n');
		sg_pdf_put_ref(b, f->page_objs[i]);
	}
	sg_buf_printf(b, "] /Count %zu >>", f->npages);
	sg_pdf_file_end(f);
	return 0;
}

static uint32_t S_catalog(sg_pdf_file *f, uint32_t outline, uint32_t structure, uint32_t xmp)
{
	uint32_t num = sg_pdf_file_reserve(f);
	sg_buf *b = sg_pdf_file_begin(f, num);
	sg_buf_puts(b, "<< /Type /Catalog /Pages ");
	sg_pdf_put_ref(b, f->pages_obj);
	if (outline) {
		sg_buf_puts(b, " /Outlines ");
		sg_pdf_put_ref(b, outline);
	}
	if (f->mode == SG_PDF_MODE_OUTLINES)
		sg_buf_puts(b, " /PageMode /UseOutlines");
	if (f->lang) {
		sg_buf_puts(b, " /Lang ");
		sg_pdf_put_text(b, f->lang);
	}
	sg_buf_puts(b, " /ViewerPreferences << /DisplayDocTitle true >>");
	if (f->opts.tagged) {
		sg_buf_puts(b, " /MarkInfo << /Marked true >>");
		if (structure) {
			sg_buf_puts(b, " /StructTreeRoot ");
			sg_pdf_put_ref(b, structure);
		}
	}
	if (xmp) {
		sg_buf_puts(b, " /Metadata ");
		sg_pdf_put_ref(b, xmp);
	}
	sg_buf_puts(b, " >>");
	sg_pdf_file_end(f);
	return num;
}

/* Appends the 7 bytes of a cross-reference stream's row: type, field 2
 * (4 bytes), field 3 (2 bytes), big-endian (/W [1 4 2]). */
static void S_xref_row(sg_buf *b, int type, uint64_t f2, unsigned f3)
{
	unsigned char row[7] = {(unsigned char)type,	     (unsigned char)(f2 >> 24),
				(unsigned char)(f2 >> 16),   (unsigned char)(f2 >> 8),
				(unsigned char)f2,	     (unsigned char)(f3 >> 8),
				(unsigned char)f3};
	sg_buf_put(b, row, sizeof row);
}

/* The cross-reference stream that closes a file with object streams, and
 * the trailer it stands for: a row per object (free, at an offset, or
 * packed into an object stream at an index), the stream itself included.
 * Compressed, its rows are first turned into differences from the row
 * above (PNG's Up predictor): most bytes are then zeros. */
static int S_xref_stream(sg_pdf_file *f, uint32_t catalog, uint32_t info,
			 const uint8_t *digest)
{
	uint32_t num = sg_pdf_file_reserve(f);
	size_t xref = f->out->len;
	if (xref > UINT32_MAX)
		return -1;
	sg_buf rows;
	sg_buf_init(&rows);
	S_xref_row(&rows, 0, 0, 65535);
	for (uint32_t i = 1; i <= num; i++) {
		if (i == num)
			S_xref_row(&rows, 1, xref, 0);
		else if (f->offsets[i] == SG_PDF_PACKED)
			S_xref_row(&rows, 2, f->packed_in[i], f->packed_at[i]);
		else
			S_xref_row(&rows, 1, f->offsets[i], 0);
	}
	bool flate = !f->opts.uncompressed;
	sg_buf data;
	sg_buf_init(&data);
	if (flate) {
		/* Each row: the predictor's tag (2, Up), then its bytes minus
		 * those of the row above. */
		const unsigned char *r = (const unsigned char *)rows.data;
		for (size_t i = 0; i < rows.len; i += 7) {
			sg_buf_putc(&data, 2);
			for (size_t k = 0; k < 7; k++)
				sg_buf_putc(&data, (char)(r[i + k] - (i ? r[i + k - 7] : 0)));
		}
	} else {
		sg_buf_put(&data, rows.data, rows.len);
	}
	sg_buf dict;
	sg_buf_init(&dict);
	sg_buf_printf(&dict, "/Type /XRef /Size %u /W [1 4 2] /Root %u 0 R", num + 1, catalog);
	if (info)
		sg_buf_printf(&dict, " /Info %u 0 R", info);
	sg_buf_puts(&dict, " /ID [");
	sg_pdf_put_hex(&dict, digest, 16);
	sg_pdf_put_hex(&dict, digest, 16);
	sg_buf_putc(&dict, ']');
	if (flate)
		sg_buf_puts(&dict, " /DecodeParms << /Columns 7 /Predictor 12 >>");
	int rc = sg_pdf_file_stream(f, num, dict.data, data.data, data.len, SG_PDF_STREAM_FLATE);
	if (rc == 0)
		sg_buf_printf(f->out, "startxref\n%zu\n%%%%EOF\n", xref);
	sg_buf_dispose(&dict);
	sg_buf_dispose(&data);
	sg_buf_dispose(&rows);
	return rc;
}

/* The file's identifier (/ID) from its bytes so far: the SHA-256 of their
 * length, CRC-32 and Adler-32. It has to tell files apart, not to resist
 * forgery, and the SHA-256 of the whole file took a tenth of a document's
 * time (zlib's checksums take a hundredth of that). */
static void S_file_id(const sg_buf *b, uint8_t digest[SG_SHA256_LEN])
{
	uint64_t len = b->len;
	unsigned long crc = crc32_z(0, (const Bytef *)b->data, b->len);
	unsigned long adler = sg_pdf_adler32(1, b->data, b->len);
	uint8_t sums[16];
	for (int i = 0; i < 8; i++)
		sums[i] = (uint8_t)(len >> (56 - 8 * i));
	for (int i = 0; i < 4; i++) {
		sums[8 + i] = (uint8_t)(crc >> (24 - 8 * i));
		sums[12 + i] = (uint8_t)(adler >> (24 - 8 * i));
	}
	sg_sha256 h;
	sg_sha256_init(&h);
	sg_sha256_update(&h, sums, sizeof sums);
	sg_sha256_final(&h, digest);
}

int sg_pdf_file_finish(sg_pdf_file *f)
{
	if (f->open || f->npages == 0)
		return -1;
	/* A page pointed at (a link, a bookmark) that was never added. */
	for (size_t i = f->npages; i < f->npage_objs; i++)
		if (f->page_objs[i])
			return -1;
	uint32_t outline = 0, structure = 0, info = 0, xmp = 0;
	if (sg_pdf_meta_outline(f, &outline) < 0 || sg_pdf_meta_structure(f, &structure) < 0 ||
	    sg_pdf_meta_info(f, &info, &xmp) < 0 || S_page_tree(f) < 0)
		return -1;
	uint32_t catalog = S_catalog(f, outline, structure, xmp);
	/* The objects still waiting for their object stream. */
	if (sg_pdf_file_pack_flush(f) < 0)
		return -1;
	/* The stream coded aside last in its place: the cross-reference is
	 * written where the file ends, and reads every offset. */
	int settled = sg_pdf_file_settle(f);
	sg_pdf_file_aside_free(f);
	if (settled < 0)
		return -1;
	for (uint32_t i = 1; i <= f->nobjs; i++)
		if (f->offsets[i] == 0)
			return -1;

	sg_buf *b = f->out;
	uint8_t digest[SG_SHA256_LEN];
	S_file_id(b, digest);
	bool packed = false;
	for (uint32_t i = 1; i <= f->nobjs && f->packed_in && !packed; i++)
		packed = f->packed_in[i] != 0;
	if (packed)
		return S_xref_stream(f, catalog, info, digest);

	size_t xref = b->len;
	sg_buf_grow(b, 32 + 20 * ((size_t)f->nobjs + 1));
	sg_buf_printf(b, "xref\n0 %u\n0000000000 65535 f \n", f->nobjs + 1);
	for (uint32_t i = 1; i <= f->nobjs; i++)
		sg_buf_printf(b, "%010zu 00000 n \n", f->offsets[i]);
	sg_buf_printf(b, "trailer\n<< /Size %u /Root %u 0 R", f->nobjs + 1, catalog);
	if (info)
		sg_buf_printf(b, " /Info %u 0 R", info);
	sg_buf_puts(b, " /ID [");
	sg_pdf_put_hex(b, digest, 16);
	sg_pdf_put_hex(b, digest, 16);
	sg_buf_printf(b, "] >>\nstartxref\n%zu\n%%%%EOF\n", xref);
	return 0;
}

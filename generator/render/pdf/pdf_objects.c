/*
 * pdf_objects.c - PDF values, numbered objects, streams and object streams:
 * the bottom layer of the writer, which pdf_meta.c and pdf_file.c build on
 * (see pdf_objects.h).
 */
#include "render/pdf/pdf_objects.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/date.h"
#include "base/utf8.h"
#include "render/pdf/pdf_coder.h"
#include "render/pdf/pdf_deflate.h"
#include "render/pdf/pdf_file_int.h"

/* ---- values ------------------------------------------------------------ */

void sg_pdf_put_numd(sg_buf *b, double v, int decimals)
{
	static const long long scale[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	if (isnan(v))
		v = 0;
	if (v > 1e9)
		v = 1e9;
	if (v < -1e9)
		v = -1e9;
	/* Rounded to an integer count of the last decimal, so the digits do not
	 * depend on the C library's float printing or on the locale. */
	long long n = llround(v * (double)scale[decimals]);
	if (n == 0) {
		sg_buf_putc(b, '0');
		return;
	}
	if (n < 0) {
		sg_buf_putc(b, '-');
		n = -n;
	}
	/* The digits by hand: a page holds thousands of numbers, and printf
	 * took a sixth of a document's time. */
	long long ip = n / scale[decimals], fp = n % scale[decimals];
	char digits[48];
	char *end = digits + sizeof digits, *p = end;
	int d = decimals;
	while (d > 0 && fp % 10 == 0) { /* trailing zeros dropped */
		fp /= 10;
		d--;
	}
	if (d > 0) {
		for (; d > 0; d--) {
			*--p = (char)('0' + fp % 10);
			fp /= 10;
		}
		*--p = '.';
	}
	do {
		*--p = (char)('0' + ip % 10);
		ip /= 10;
	} while (ip);
	sg_buf_put(b, p, (size_t)(end - p));
}

void sg_pdf_put_num(sg_buf *b, double v)
{
	sg_pdf_put_numd(b, v, 4);
}

void sg_pdf_put_name(sg_buf *b, const char *name)
{
	sg_buf_putc(b, '/');
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if (*p < '!' || *p > '~' || strchr("()<>[]{}/%#", *p))
			sg_buf_printf(b, "#%02X", *p);
		else
			sg_buf_putc(b, *p);
	}
}

void sg_pdf_put_string(sg_buf *b, const void *s, size_t len)
{
	const unsigned char *p = s;
	sg_buf_putc(b, '(');
	for (size_t i = 0; i < len; i++) {
		if (p[i] == '(' || p[i] == ')' || p[i] == '\\') {
			sg_buf_putc(b, '\\');
			sg_buf_putc(b, p[i]);
		} else if (p[i] < 0x20 || p[i] > 0x7E) {
			sg_buf_printf(b, "\\%03o", p[i]);
		} else {
			sg_buf_putc(b, p[i]);
		}
	}
	sg_buf_putc(b, ')');
}

void sg_pdf_put_hex(sg_buf *b, const void *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = s;
	sg_buf_grow(b, 2 * len + 2);
	sg_buf_putc(b, '<');
	for (size_t i = 0; i < len; i++) {
		b->data[b->len++] = hex[p[i] >> 4];
		b->data[b->len++] = hex[p[i] & 15];
	}
	sg_buf_putc(b, '>');
}

static bool S_printable(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7E)
			return false;
	return true;
}

void sg_pdf_put_text(sg_buf *b, const char *utf8)
{
	if (S_printable(utf8)) {
		sg_pdf_put_string(b, utf8, strlen(utf8));
		return;
	}
	size_t len = strlen(utf8);
	unsigned char *u = sg_xmalloc(2 + 4 * len);
	size_t n = 0;
	u[n++] = 0xFE;
	u[n++] = 0xFF;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = sg_utf8_decode(utf8 + i, len - i, &cp);
		i += k ? k : 1;
		if (cp >= 0x10000) {
			uint32_t v = cp - 0x10000;
			uint32_t hi = 0xD800 + (v >> 10), lo = 0xDC00 + (v & 0x3FF);
			u[n++] = (unsigned char)(hi >> 8);
			u[n++] = (unsigned char)hi;
			u[n++] = (unsigned char)(lo >> 8);
			u[n++] = (unsigned char)lo;
		} else {
			u[n++] = (unsigned char)(cp >> 8);
			u[n++] = (unsigned char)cp;
		}
	}
	sg_pdf_put_hex(b, u, n);
	free(u);
}

void sg_pdf_put_int(sg_buf *b, int64_t v)
{
	char tmp[24], out[24];
	int n = 0, k = 0;
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		out[k++] = '-';
	while (n)
		out[k++] = tmp[--n];
	sg_buf_put(b, out, (size_t)k);
}

void sg_pdf_put_ref(sg_buf *b, uint32_t num)
{
	sg_pdf_put_int(b, num);
	sg_buf_put(b, " 0 R", 4);
}

void sg_pdf_put_date(sg_buf *b, int64_t t)
{
	sg_date d;
	if (!sg_date_from_unix_checked(t, &d)) {
		t = 0;
		d = sg_date_from_unix(0);
	}
	int64_t secs = t - sg_date_to_days(d) * 86400;
	sg_buf_printf(b, "(D:%04d%02d%02d%02d%02d%02dZ)", d.year, d.month, d.day,
		      (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
}

/* ---- objects ----------------------------------------------------------- */

uint32_t sg_pdf_file_reserve(sg_pdf_file *f)
{
	if ((size_t)f->nobjs + 1 >= f->cap) {
		size_t cap = f->cap ? 2 * f->cap : 64;
		f->offsets = sg_xrealloc(f->offsets, cap * sizeof *f->offsets);
		memset(f->offsets + f->cap, 0, (cap - f->cap) * sizeof *f->offsets);
		if (f->opts.object_streams) {
			f->packed_in = sg_xrealloc(f->packed_in, cap * sizeof *f->packed_in);
			f->packed_at = sg_xrealloc(f->packed_at, cap * sizeof *f->packed_at);
			memset(f->packed_in + f->cap, 0, (cap - f->cap) * sizeof *f->packed_in);
			memset(f->packed_at + f->cap, 0, (cap - f->cap) * sizeof *f->packed_at);
		}
		f->cap = cap;
	}
	return ++f->nobjs;
}

/* The objects an object stream holds at most: a reader that wants one of
 * them inflates the whole stream. */
#define S_PACK_MAX 250

/* The stream coded aside k-th from the oldest (pdf_file_int.h). */
static sg_pdf_aside *S_aside_at(sg_pdf_file *f, size_t k)
{
	return &f->asides[(f->aside_first + k) % SG_PDF_CODER_DEPTH];
}

/* Object num is written into the tail while a stream is coded aside: its
 * offset is from the tail's start until the tail joins the file. */
static void S_moved(sg_pdf_aside *a, uint32_t num)
{
	if (a->nmoved == a->moved_cap) {
		a->moved_cap = a->moved_cap ? 2 * a->moved_cap : 64;
		a->moved = sg_xrealloc(a->moved, a->moved_cap * sizeof *a->moved);
	}
	a->moved[a->nmoved++] = num;
}

sg_buf *sg_pdf_file_begin(sg_pdf_file *f, uint32_t num)
{
	assert(num >= 1 && num <= f->nobjs && f->offsets[num] == 0 && f->open == 0);
	f->open = num;
	if (f->packing) {
		sg_pdf_pack *pk = &f->packs[f->pack_at];
		if (!pk->obj)
			pk->obj = sg_pdf_file_reserve(f);
		f->offsets[num] = SG_PDF_PACKED;
		f->packed_in[num] = pk->obj;
		f->packed_at[num] = (uint16_t)pk->n;
		sg_pdf_put_int(&pk->index, num);
		sg_buf_putc(&pk->index, ' ');
		sg_pdf_put_int(&pk->index, (int64_t)pk->data.len);
		sg_buf_putc(&pk->index, ' ');
		return &pk->data;
	}
	f->offsets[num] = f->out->len;
	if (f->out != f->main)
		S_moved(S_aside_at(f, f->naside - 1), num);
	sg_pdf_put_int(f->out, num);
	sg_buf_puts(f->out, " 0 obj\n");
	return f->out;
}

static int S_pack_flush(sg_pdf_file *f, sg_pdf_pack *pk);

void sg_pdf_file_end(sg_pdf_file *f)
{
	assert(f->open != 0);
	f->open = 0;
	if (f->packing) {
		sg_pdf_pack *pk = &f->packs[f->pack_at];
		sg_buf_putc(&pk->data, '\n');
		if (++pk->n == S_PACK_MAX)
			S_pack_flush(f, pk);
		return;
	}
	sg_buf_puts(f->out, "\nendobj\n");
}

/* How a stream of these flags is coded (pdf_coder.h). */
static unsigned S_how(unsigned flags)
{
	if (flags & SG_PDF_STREAM_FONT)
		return SG_PDF_CODE_LITERALS;
	return (unsigned)(flags & SG_PDF_STREAM_TEXT ? SG_PDF_DEFLATE_TEXT_LEVEL
						      : sg_pdf_deflate_level());
}

/* Writes object num as a stream of data[0..len), coded when flate says. */
static void S_put_stream(sg_pdf_file *f, uint32_t num, const char *dict, const void *data,
			 size_t len, bool flate)
{
	/* A stream cannot go into an object stream. */
	bool packing = f->packing;
	f->packing = false;
	sg_buf *b = sg_pdf_file_begin(f, num);
	sg_buf_printf(b, "<<%s%s /Length %zu%s >>\nstream\n", dict && *dict ? " " : "",
		      dict ? dict : "", len, flate ? " /Filter /FlateDecode" : "");
	sg_buf_put(b, data, len);
	sg_buf_puts(b, "\nendstream");
	sg_pdf_file_end(f);
	f->packing = packing;
}

/* Streams shorter than this are coded in their turn even with a coder:
 * handing them over would cost about what coding them does. */
#define S_ASIDE_MIN 4096

void sg_pdf_file_code_aside(sg_pdf_file *f)
{
	if (!f->coder && !f->opts.uncompressed)
		f->coder = sg_pdf_coder_new();
}

/* The oldest stream being coded aside written into the file once coded,
 * then the objects written after it. Returns -1 when zlib failed on it: it
 * then stays unwritten, and the file cannot be finished. */
static int S_settle_one(sg_pdf_file *f)
{
	sg_pdf_aside *a = S_aside_at(f, 0);
	const sg_buf *coded;
	int rc = sg_pdf_coder_take(f->coder, &coded);
	sg_buf *out = f->out;
	f->out = f->main;
	if (rc == 0)
		S_put_stream(f, a->num, a->dict, coded->data, coded->len, true);
	size_t base = f->main->len;
	sg_buf_put(f->main, a->tail.data, a->tail.len);
	for (size_t i = 0; i < a->nmoved; i++)
		f->offsets[a->moved[i]] += base;
	a->num = 0;
	a->nmoved = 0;
	free(a->dict);
	a->dict = NULL;
	sg_buf_clear(&a->tail);
	f->aside_first = (f->aside_first + 1) % SG_PDF_CODER_DEPTH;
	f->naside--;
	/* Objects go on into the newest stream's tail, or into the file. */
	f->out = f->naside ? out : f->main;
	return rc;
}

/* Every stream coded aside in its place. */
static int S_settle(sg_pdf_file *f)
{
	int rc = 0;
	while (f->naside)
		if (S_settle_one(f) < 0)
			rc = -1;
	return rc;
}

/* Hands the stream to the coder: what is written until the next one goes
 * into its tail. The streams already coded join the file; when the coder
 * holds as many as it can, the oldest is waited for. */
static int S_aside(sg_pdf_file *f, uint32_t num, const char *dict, const void *data, size_t len,
		   unsigned flags)
{
	int rc = 0;
	if (f->naside == SG_PDF_CODER_DEPTH && S_settle_one(f) < 0)
		rc = -1;
	sg_pdf_coder_start(f->coder, S_how(flags), data, len);
	sg_pdf_aside *a = S_aside_at(f, f->naside++);
	a->num = num;
	a->dict = dict && *dict ? sg_xstrdup(dict) : NULL;
	f->out = &a->tail;
	while (f->naside > 1 && sg_pdf_coder_ready(f->coder))
		if (S_settle_one(f) < 0)
			rc = -1;
	return rc;
}

int sg_pdf_file_stream(sg_pdf_file *f, uint32_t num, const char *dict, const void *data,
		       size_t len, unsigned flags)
{
	bool flate = (flags & (SG_PDF_STREAM_FLATE | SG_PDF_STREAM_TEXT | SG_PDF_STREAM_FONT)) &&
		     !f->opts.uncompressed;
	if (flate && f->coder && len >= S_ASIDE_MIN)
		return S_aside(f, num, dict, data, len, flags);
	if (flate) {
		if (sg_pdf_code(&f->scratch, S_how(flags), data, len) < 0)
			return -1;
		data = f->scratch.data;
		len = f->scratch.len;
	}
	/* Behind the streams being coded, if any: in the newest one's tail. */
	S_put_stream(f, num, dict, data, len, flate);
	return 0;
}

int sg_pdf_file_settle(sg_pdf_file *f)
{
	return S_settle(f);
}

void sg_pdf_file_aside_free(sg_pdf_file *f)
{
	sg_pdf_coder_free(f->coder);
	f->coder = NULL;
	for (size_t i = 0; i < SG_PDF_CODER_DEPTH; i++) {
		sg_pdf_aside *a = &f->asides[i];
		free(a->dict);
		free(a->moved);
		sg_buf_dispose(&a->tail);
		memset(a, 0, sizeof *a);
	}
	f->aside_first = f->naside = 0;
}

/* Writes the objects packed so far as an object stream: the pairs of
 * object number and offset, then the objects. -1 when zlib fails; the
 * objects are then lost, and the finish fails (their stream is unwritten). */
static int S_pack_flush(sg_pdf_file *f, sg_pdf_pack *pk)
{
	if (pk->n == 0)
		return 0;
	size_t first = pk->index.len;
	sg_buf_put(&pk->index, pk->data.data, pk->data.len);
	char dict[64];
	snprintf(dict, sizeof dict, "/Type /ObjStm /N %u /First %zu", pk->n, first);
	bool packing = f->packing;
	f->packing = false;
	int rc = sg_pdf_file_stream(f, pk->obj, dict, pk->index.data, pk->index.len,
				    SG_PDF_STREAM_TEXT);
	f->packing = packing;
	sg_buf_clear(&pk->data);
	sg_buf_clear(&pk->index);
	pk->n = 0;
	pk->obj = 0;
	return rc;
}

int sg_pdf_file_pack_flush(sg_pdf_file *f)
{
	int rc = S_pack_flush(f, &f->packs[0]);
	return S_pack_flush(f, &f->packs[1]) < 0 ? -1 : rc;
}

/* ---- pages ------------------------------------------------------------- */

uint32_t sg_pdf_file_page_ref(sg_pdf_file *f, size_t index)
{
	if (index >= f->npage_objs) {
		size_t n = index + 1 > 2 * f->npage_objs ? index + 1 : 2 * f->npage_objs;
		f->page_objs = sg_xrealloc(f->page_objs, n * sizeof *f->page_objs);
		memset(f->page_objs + f->npage_objs, 0, (n - f->npage_objs) * sizeof *f->page_objs);
		f->npage_objs = n;
	}
	if (!f->page_objs[index])
		f->page_objs[index] = sg_pdf_file_reserve(f);
	return f->page_objs[index];
}

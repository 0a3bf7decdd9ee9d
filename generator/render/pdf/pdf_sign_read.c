/*
 * pdf_sign_read.c - reading back what the writer made, for the signature's
 * incremental update (see pdf_sign_int.h): the last cross-reference section
 * (a table or an /XRef stream), its trailer, and any object's text, plain
 * or inside an /ObjStm stream.
 */
#include "render/pdf/pdf_sign_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "base/alloc.h"

/* The last occurrence of needle in data[0..len), or NULL. */
static const char *S_rfind(const char *data, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = len >= n ? len - n + 1 : 0; i-- > 0;)
		if (memcmp(data + i, needle, n) == 0)
			return data + i;
	return NULL;
}

const char *sg_pdf_sign_find(const char *from, const char *to, const char *needle)
{
	size_t n = strlen(needle);
	for (const char *p = from; p + n <= to; p++)
		if (memcmp(p, needle, n) == 0)
			return p;
	return NULL;
}

int sg_pdf_sign_key_num(const char *from, const char *to, const char *key, size_t *out)
{
	const char *p = sg_pdf_sign_find(from, to, key);
	if (!p)
		return -1;
	p += strlen(key);
	while (p < to && (*p == ' ' || *p == '\n' || *p == '\r'))
		p++;
	if (p >= to || *p < '0' || *p > '9')
		return -1;
	size_t v = 0;
	while (p < to && *p >= '0' && *p <= '9') {
		if (v > (SIZE_MAX - 9) / 10)
			return -1;
		v = v * 10 + (size_t)(*p++ - '0');
	}
	*out = v;
	return 0;
}

/* Inflates data into out. Returns 0 or -1. */
static int S_inflate(const char *data, size_t len, sg_buf *out)
{
	z_stream z = {0};
	if (inflateInit(&z) != Z_OK)
		return -1;
	z.next_in = (Bytef *)data;
	z.avail_in = (uInt)len;
	int rc;
	do {
		sg_buf_grow(out, 65536);
		z.next_out = (Bytef *)out->data + out->len;
		z.avail_out = 65536;
		rc = inflate(&z, Z_NO_FLUSH);
		out->len = (size_t)((char *)z.next_out - out->data);
	} while (rc == Z_OK);
	inflateEnd(&z);
	if (out->data)
		out->data[out->len] = '\0';
	return rc == Z_STREAM_END ? 0 : -1;
}

/* The stream of the object whose dictionary starts at dict (inside
 * r->data): its decoded bytes into out, its dictionary's end in *dict_end. */
static int S_stream(const sg_pdf_reader *r, const char *dict, const char **dict_end, sg_buf *out)
{
	const char *end = r->data + r->len;
	const char *s = sg_pdf_sign_find(dict, end, ">>\nstream\n");
	size_t len;
	if (!s || sg_pdf_sign_key_num(dict, s, "/Length", &len) != 0)
		return -1;
	*dict_end = s;
	s += strlen(">>\nstream\n");
	if (len > (size_t)(end - s))
		return -1;
	if (sg_pdf_sign_find(dict, *dict_end, "/FlateDecode"))
		return S_inflate(s, len, out);
	sg_buf_put(out, s, len);
	return 0;
}

/* The rows of an /XRef stream (/W [1 4 2], as the writer makes them). */
static int S_xref_stream(sg_pdf_reader *r, const char *obj)
{
	const char *dict_end;
	sg_buf rows;
	sg_buf_init(&rows);
	if (S_stream(r, obj, &dict_end, &rows) != 0 ||
	    !sg_pdf_sign_find(obj, dict_end, "/W [1 4 2]") ||
	    sg_pdf_sign_find(obj, dict_end, "/Index") || sg_pdf_sign_find(obj, dict_end, "/Prev")) {
		sg_buf_dispose(&rows);
		return -1;
	}
	bool up = sg_pdf_sign_find(obj, dict_end, "/Predictor 12") != NULL;
	size_t width = up ? 8 : 7, n = rows.len / width;
	unsigned char *u = (unsigned char *)rows.data, prev[7] = {0};
	r->count = n;
	r->type = sg_xcalloc(n + 1, 1);
	r->f2 = sg_xcalloc(n + 1, sizeof *r->f2);
	r->f3 = sg_xcalloc(n + 1, sizeof *r->f3);
	for (size_t i = 0; i < n; i++) {
		unsigned char row[7];
		for (int k = 0; k < 7; k++) {
			row[k] = up ? (unsigned char)(u[i * width + 1 + k] + prev[k]) : u[i * width + k];
			prev[k] = row[k];
		}
		r->type[i] = row[0];
		r->f2[i] = ((size_t)row[1] << 24) | ((size_t)row[2] << 16) | ((size_t)row[3] << 8) |
			   row[4];
		r->f3[i] = (size_t)row[5] << 8 | row[6];
	}
	r->trailer = obj;
	r->trailer_end = dict_end;
	r->stream = true;
	sg_buf_dispose(&rows);
	return 0;
}

/* The rows of a cross-reference table with one subsection from 0. */
static int S_xref_table(sg_pdf_reader *r, const char *p)
{
	const char *end = r->data + r->len;
	size_t first, n;
	p += strlen("xref\n");
	if (sg_pdf_sign_key_num(p, end, "", &first) != 0 || first != 0)
		return -1;
	p = memchr(p, ' ', (size_t)(end - p));
	if (!p || sg_pdf_sign_key_num(p, end, "", &n) != 0)
		return -1;
	p = memchr(p, '\n', (size_t)(end - p));
	if (!p || n > (size_t)(end - p) / 20)
		return -1;
	p++;
	r->count = n;
	r->type = sg_xcalloc(n + 1, 1);
	r->f2 = sg_xcalloc(n + 1, sizeof *r->f2);
	r->f3 = sg_xcalloc(n + 1, sizeof *r->f3);
	for (size_t i = 0; i < n; i++, p += 20) {
		r->type[i] = p[17] == 'n' ? 1 : 0;
		r->f2[i] = strtoul(p, NULL, 10);
	}
	const char *t = sg_pdf_sign_find(p, end, "trailer");
	if (!t)
		return -1;
	r->trailer = t;
	r->trailer_end = sg_pdf_sign_find(t, end, "startxref");
	return r->trailer_end ? 0 : -1;
}

int sg_pdf_reader_open(sg_pdf_reader *r, const char *data, size_t len)
{
	memset(r, 0, sizeof *r);
	r->data = data;
	r->len = len;
	const char *sx = S_rfind(data, len, "startxref");
	if (!sx || sg_pdf_sign_key_num(sx, data + len, "startxref", &r->xref) != 0 ||
	    r->xref >= len)
		return -1;
	const char *at = data + r->xref;
	int rc = strncmp(at, "xref\n", 5) == 0 ? S_xref_table(r, at) : S_xref_stream(r, at);
	if (rc != 0 || sg_pdf_sign_key_num(r->trailer, r->trailer_end, "/Root", &r->root) != 0 ||
	    sg_pdf_sign_key_num(r->trailer, r->trailer_end, "/Size", &r->size) != 0 ||
	    r->root >= r->count || r->size != r->count)
		return -1;
	return 0;
}

void sg_pdf_reader_dispose(sg_pdf_reader *r)
{
	free(r->type);
	free(r->f2);
	free(r->f3);
}

/* The text of the plain object at offset at: after "N 0 obj\n", up to
 * "\nendobj". */
static int S_plain(const sg_pdf_reader *r, size_t num, size_t at, sg_buf *out)
{
	const char *end = r->data + r->len, *p = r->data + at;
	char head[32];
	snprintf(head, sizeof head, "%zu 0 obj\n", num);
	size_t hn = strlen(head);
	if (at >= r->len || (size_t)(end - p) < hn || memcmp(p, head, hn) != 0)
		return -1;
	const char *e = sg_pdf_sign_find(p + hn, end, "\nendobj");
	if (!e)
		return -1;
	sg_buf_put(out, p + hn, (size_t)(e - p - hn));
	return 0;
}

int sg_pdf_reader_object(const sg_pdf_reader *r, size_t num, sg_buf *out)
{
	sg_buf_clear(out);
	if (num == 0 || num >= r->count)
		return -1;
	if (r->type[num] == 1)
		return S_plain(r, num, r->f2[num], out);
	if (r->type[num] != 2)
		return -1;
	size_t stm = r->f2[num], index = r->f3[num];
	if (stm >= r->count || r->type[stm] != 1)
		return -1;
	char head[32];
	snprintf(head, sizeof head, "%zu 0 obj\n", stm);
	const char *obj = r->data + r->f2[stm];
	if (r->f2[stm] >= r->len || strncmp(obj, head, strlen(head)) != 0)
		return -1;
	const char *dict_end;
	sg_buf s;
	sg_buf_init(&s);
	size_t n, first;
	int rc = -1;
	if (S_stream(r, obj, &dict_end, &s) != 0 || sg_pdf_sign_key_num(obj, dict_end, "/N", &n) != 0 ||
	    sg_pdf_sign_key_num(obj, dict_end, "/First", &first) != 0 || index >= n ||
	    first > s.len)
		goto done;
	/* The pairs "num offset" before /First: the index-th and the next. */
	const char *p = s.data, *hend = s.data + first;
	size_t off = 0, next = s.len - first, v;
	for (size_t i = 0; i <= index + 1 && i < n; i++) {
		while (p < hend && (*p == ' ' || *p == '\n'))
			p++;
		if (sg_pdf_sign_key_num(p, hend, "", &v) != 0)
			goto done;
		p = memchr(p, ' ', (size_t)(hend - p));
		if (!p || sg_pdf_sign_key_num(p, hend, "", &v) != 0)
			goto done;
		if (i == index)
			off = v;
		else if (i == index + 1)
			next = v;
		p++;
		while (p < hend && *p >= '0' && *p <= '9')
			p++;
	}
	if (off > next || next > s.len - first)
		goto done;
	sg_buf_put(out, s.data + first + off, next - off);
	rc = 0;
done:
	sg_buf_dispose(&s);
	return rc;
}

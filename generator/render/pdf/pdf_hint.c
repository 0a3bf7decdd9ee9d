/*
 * pdf_hint.c - a long body's count as bytes, and back (see pdf_hint.h).
 */
#include "render/pdf/pdf_hint.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/sha256.h"

#define S_MAGIC "salesgen-pdf-count 1\n"

/* ---------------------------------------------------------------- writing */

static void S_put_uv(sg_buf *b, uint64_t v)
{
	uint8_t o[10];
	size_t n = 0;
	do {
		o[n] = (uint8_t)(v & 0x7f);
		v >>= 7;
		if (v)
			o[n] |= 0x80;
		n++;
	} while (v);
	sg_buf_put(b, o, n);
}

/* A signed difference, zigzag: small either way is short. */
static void S_put_sv(sg_buf *b, int64_t v)
{
	S_put_uv(b, v < 0 ? ((uint64_t)(-(v + 1)) << 1) | 1 : (uint64_t)v << 1);
}

static void S_put_str(sg_buf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	S_put_uv(b, n);
	sg_buf_put(b, s ? s : "", n);
}

static void S_put_double(sg_buf *b, double v)
{
	uint64_t bits;
	memcpy(&bits, &v, sizeof bits);
	uint8_t o[8];
	for (int i = 0; i < 8; i++)
		o[i] = (uint8_t)(bits >> (8 * i));
	sg_buf_put(b, o, sizeof o);
}

void sg_pdf_hint_write(sg_buf *out, const sg_layout *l, const int *last, size_t nlast)
{
	size_t start = out->len;
	sg_buf_puts(out, S_MAGIC);
	S_put_uv(out, l->npages);
	S_put_uv(out, l->nheadings);
	for (size_t i = 0; i < l->nheadings; i++) {
		const sg_heading *h = &l->headings[i];
		S_put_uv(out, (uint64_t)h->level);
		S_put_uv(out, (uint64_t)h->page);
		S_put_double(out, h->y);
		S_put_str(out, h->text);
		S_put_str(out, h->anchor);
	}
	S_put_uv(out, l->nnodes);
	int prev = -1;
	for (size_t i = 0; i < l->nnodes; i++) {
		int page = i < nlast ? last[i] : -1;
		sg_buf_putc(out, l->nodes[i].role);
		S_put_uv(out, (uint64_t)((int64_t)i + 1 - l->nodes[i].parent));
		S_put_sv(out, (int64_t)page - prev);
		prev = page;
	}
	uint8_t digest[SG_SHA256_LEN];
	sg_sha256 s;
	sg_sha256_init(&s);
	sg_sha256_update(&s, out->data + start, out->len - start);
	sg_sha256_final(&s, digest);
	sg_buf_put(out, digest, sizeof digest);
}

/* ---------------------------------------------------------------- reading */

/* The bytes being read; ok false once anything did not read. */
typedef struct S_in {
	const uint8_t *p, *end;
	bool ok;
} S_in;

static uint64_t S_uv(S_in *in)
{
	uint64_t v = 0;
	for (int shift = 0; in->ok && shift < 64; shift += 7) {
		if (in->p == in->end)
			break;
		uint8_t c = *in->p++;
		v |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80))
			return v;
	}
	in->ok = false;
	return 0;
}

/* An unsigned value of at most max. */
static uint64_t S_uv_max(S_in *in, uint64_t max)
{
	uint64_t v = S_uv(in);
	if (v > max)
		in->ok = false;
	return in->ok ? v : 0;
}

static int64_t S_sv(S_in *in)
{
	uint64_t v = S_uv(in);
	return v & 1 ? -(int64_t)(v >> 1) - 1 : (int64_t)(v >> 1);
}

static double S_double(S_in *in)
{
	if (in->end - in->p < 8) {
		in->ok = false;
		return 0;
	}
	uint64_t bits = 0;
	for (int i = 0; i < 8; i++)
		bits |= (uint64_t)in->p[i] << (8 * i);
	in->p += 8;
	double v;
	memcpy(&v, &bits, sizeof v);
	if (!isfinite(v))
		in->ok = false;
	return v;
}

/* A string without NUL, copied into a. */
static const char *S_str(S_in *in, sg_arena *a)
{
	uint64_t n = S_uv_max(in, (uint64_t)(in->end - in->p));
	if (!in->ok || memchr(in->p, 0, n)) {
		in->ok = false;
		return "";
	}
	const char *s = sg_arena_strndup(a, (const char *)in->p, n);
	in->p += n;
	return s;
}

static void S_headings(S_in *in, sg_pdf_hint *h)
{
	/* Each takes 12 bytes or more: a count past what is left is not one. */
	h->nheads = S_uv_max(in, (uint64_t)(in->end - in->p) / 12);
	h->heads = sg_arena_alloc(&h->arena, (h->nheads ? h->nheads : 1) * sizeof *h->heads);
	for (size_t i = 0; in->ok && i < h->nheads; i++) {
		sg_heading *x = &h->heads[i];
		x->level = (int)S_uv_max(in, 6);
		x->page = (int)S_uv_max(in, (uint64_t)h->pages - 1);
		x->y = S_double(in);
		x->text = S_str(in, &h->arena);
		x->anchor = S_str(in, &h->arena);
		if (x->level < 1)
			in->ok = false;
	}
}

static void S_nodes(S_in *in, sg_pdf_hint *h)
{
	/* Each takes 3 bytes or more. */
	h->nnodes = S_uv_max(in, (uint64_t)(in->end - in->p) / 3);
	if (!in->ok)
		return;
	h->roles = sg_xmalloc(h->nnodes + 1);
	h->parents = sg_xmalloc((h->nnodes + 1) * sizeof *h->parents);
	h->last = sg_xmalloc((h->nnodes + 1) * sizeof *h->last);
	int64_t prev = -1;
	for (size_t i = 0; in->ok && i < h->nnodes; i++) {
		h->roles[i] = in->p < in->end ? *in->p++ : SG_ROLE_COUNT;
		if (h->roles[i] >= SG_ROLE_COUNT)
			in->ok = false;
		h->parents[i] = (int)(i + 1 - S_uv_max(in, i + 1));
		prev += S_sv(in);
		if (prev < -1 || prev >= h->pages)
			in->ok = false;
		h->last[i] = (int)prev;
	}
}

int sg_pdf_hint_read(sg_pdf_hint *h, const void *data, size_t len)
{
	memset(h, 0, sizeof *h);
	sg_arena_init(&h->arena);
	size_t magic = sizeof S_MAGIC - 1;
	if (!data || len < magic + SG_SHA256_LEN || memcmp(data, S_MAGIC, magic) != 0)
		return -1;
	uint8_t digest[SG_SHA256_LEN];
	sg_sha256 s;
	sg_sha256_init(&s);
	sg_sha256_update(&s, data, len - SG_SHA256_LEN);
	sg_sha256_final(&s, digest);
	const uint8_t *bytes = data;
	if (memcmp(digest, bytes + len - SG_SHA256_LEN, SG_SHA256_LEN) != 0)
		return -1;
	S_in in = {bytes + magic, bytes + len - SG_SHA256_LEN, true};
	h->pages = (int)S_uv_max(&in, INT_MAX / 2);
	if (h->pages < 1)
		return -1;
	S_headings(&in, h);
	S_nodes(&in, h);
	return in.ok && in.p == in.end ? 0 : -1;
}

void sg_pdf_hint_dispose(sg_pdf_hint *h)
{
	free(h->roles);
	free(h->parents);
	free(h->last);
	sg_arena_dispose(&h->arena);
	memset(h, 0, sizeof *h);
}

/*
 * pdf_cff.c - a CFF table's ROS, glyph count and charset (see pdf_cff.h;
 * the format is Adobe Technical Note #5176).
 */
#include "render/pdf/pdf_cff.h"

#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"

typedef struct S_rd {
	const uint8_t *p;
	size_t len;
} S_rd;

static bool S_u16(const S_rd *r, size_t at, uint32_t *v)
{
	if (at > r->len || r->len - at < 2)
		return false;
	*v = (uint32_t)r->p[at] << 8 | r->p[at + 1];
	return true;
}

static bool S_off(const S_rd *r, size_t at, unsigned size, uint32_t *v)
{
	if (size < 1 || size > 4 || at > r->len || r->len - at < size)
		return false;
	*v = 0;
	for (unsigned i = 0; i < size; i++)
		*v = *v << 8 | r->p[at + i];
	return true;
}

/* An INDEX at at: its count, the data of item 0 (*first, *first_len) and
 * the offset just after it (*end). */
static bool S_index(const S_rd *r, size_t at, uint32_t *count, size_t *first, size_t *first_len,
		    size_t *end)
{
	if (!S_u16(r, at, count))
		return false;
	if (*count == 0) {
		*first = *first_len = 0;
		*end = at + 2;
		return true;
	}
	if (at + 2 >= r->len)
		return false;
	unsigned osz = r->p[at + 2];
	size_t offs = at + 3;
	size_t data = offs + ((size_t)*count + 1) * osz - 1; /* offsets count from 1 */
	uint32_t o0, o1, olast;
	if (!S_off(r, offs, osz, &o0) || !S_off(r, offs + osz, osz, &o1) ||
	    !S_off(r, offs + (size_t)*count * osz, osz, &olast))
		return false;
	if (o0 < 1 || o1 < o0 || olast < o1 || data + olast > r->len)
		return false;
	*first = data + o0;
	*first_len = o1 - o0;
	*end = data + olast;
	return true;
}

/* The Top DICT's operators this needs. */
typedef struct S_top {
	bool ros;
	long charset;     /* -1: none given */
	long charstrings; /* -1: none */
} S_top;

static bool S_dict(const uint8_t *d, size_t len, S_top *top)
{
	long ops[48];
	int n = 0;
	size_t i = 0;
	top->ros = false;
	top->charset = top->charstrings = -1;
	while (i < len) {
		uint8_t b0 = d[i];
		long v;
		if (b0 >= 32 && b0 <= 246) {
			v = b0 - 139;
			i += 1;
		} else if (b0 >= 247 && b0 <= 250) {
			if (i + 1 >= len)
				return false;
			v = (b0 - 247) * 256 + d[i + 1] + 108;
			i += 2;
		} else if (b0 >= 251 && b0 <= 254) {
			if (i + 1 >= len)
				return false;
			v = -(b0 - 251) * 256 - d[i + 1] - 108;
			i += 2;
		} else if (b0 == 28) {
			if (i + 2 >= len)
				return false;
			v = (int16_t)(d[i + 1] << 8 | d[i + 2]);
			i += 3;
		} else if (b0 == 29) {
			if (i + 4 >= len)
				return false;
			v = (int32_t)((uint32_t)d[i + 1] << 24 | (uint32_t)d[i + 2] << 16 |
				      (uint32_t)d[i + 3] << 8 | d[i + 4]);
			i += 5;
		} else if (b0 == 30) {
			/* A real: nibbles up to 0xF; its value is never needed. */
			i++;
			while (i < len && (d[i] & 0x0F) != 0x0F && (d[i] >> 4) != 0x0F)
				i++;
			i++;
			v = 0;
		} else {
			/* An operator. */
			int op = b0;
			if (b0 == 12) {
				if (i + 1 >= len)
					return false;
				op = 1200 + d[i + 1];
				i += 2;
			} else {
				i += 1;
			}
			if (op == 1230)
				top->ros = true;
			else if (op == 15 && n >= 1)
				top->charset = ops[n - 1];
			else if (op == 17 && n >= 1)
				top->charstrings = ops[n - 1];
			n = 0;
			continue;
		}
		if (n < 48)
			ops[n++] = v;
	}
	return true;
}

static void S_push(sg_cff_info *ci, size_t *cap, uint32_t gid, uint32_t cid, uint32_t n)
{
	if (ci->nranges == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		ci->ranges = sg_xrealloc(ci->ranges, *cap * sizeof *ci->ranges);
	}
	/* Glyph by glyph entries (format 0) merge into runs. */
	if (ci->nranges) {
		sg_cff_range *l = &ci->ranges[ci->nranges - 1];
		if (l->gid + l->n == gid && l->cid + l->n == cid) {
			l->n += n;
			return;
		}
	}
	ci->ranges[ci->nranges++] = (sg_cff_range){gid, cid, n};
}

static bool S_charset(const S_rd *r, size_t at, sg_cff_info *ci)
{
	size_t cap = 0;
	if (at >= r->len)
		return false;
	unsigned fmt = r->p[at];
	S_push(ci, &cap, 0, 0, 1); /* .notdef */
	uint32_t gid = 1;
	size_t p = at + 1;
	while (gid < ci->glyphs) {
		uint32_t first, left;
		if (fmt == 0) {
			if (!S_u16(r, p, &first))
				return false;
			left = 0;
			p += 2;
		} else if (fmt == 1) {
			if (!S_u16(r, p, &first) || p + 2 >= r->len)
				return false;
			left = r->p[p + 2];
			p += 3;
		} else if (fmt == 2) {
			if (!S_u16(r, p, &first) || !S_u16(r, p + 2, &left))
				return false;
			p += 4;
		} else {
			return false;
		}
		uint32_t n = left + 1;
		if (n > ci->glyphs - gid)
			n = ci->glyphs - gid;
		S_push(ci, &cap, gid, first, n);
		gid += n;
	}
	return true;
}

int sg_cff_read(sg_cff_info *out, const uint8_t *data, size_t len)
{
	memset(out, 0, sizeof *out);
	S_rd r = {data, len};
	if (len < 4 || data[0] != 1)
		return -1;
	uint32_t count;
	size_t first, flen, end;
	/* Name INDEX, then the Top DICT INDEX. */
	if (!S_index(&r, data[2], &count, &first, &flen, &end) || count < 1)
		return -1;
	if (!S_index(&r, end, &count, &first, &flen, &end) || count < 1)
		return -1;
	S_top top;
	if (!S_dict(data + first, flen, &top) || top.charstrings <= 0 ||
	    (size_t)top.charstrings >= len)
		return -1;
	size_t cs_first, cs_len, cs_end;
	if (!S_index(&r, (size_t)top.charstrings, &out->glyphs, &cs_first, &cs_len, &cs_end) ||
	    out->glyphs == 0)
		return -1;
	out->cid_keyed = top.ros;
	if (!top.ros)
		return 0;
	/* A CID-keyed font always gives its charset by offset (0 to 2 name
	 * the predefined Latin charsets). */
	if (top.charset <= 2 || (size_t)top.charset >= len ||
	    !S_charset(&r, (size_t)top.charset, out)) {
		sg_cff_info_dispose(out);
		return -1;
	}
	return 0;
}

void sg_cff_info_dispose(sg_cff_info *ci)
{
	free(ci->ranges);
	memset(ci, 0, sizeof *ci);
}

int64_t sg_cff_cid(const sg_cff_info *ci, uint32_t gid)
{
	if (gid >= ci->glyphs)
		return -1;
	if (!ci->cid_keyed)
		return gid;
	size_t lo = 0, hi = ci->nranges;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const sg_cff_range *m = &ci->ranges[mid];
		if (gid < m->gid)
			hi = mid;
		else if (gid >= m->gid + m->n)
			lo = mid + 1;
		else
			return (int64_t)m->cid + (gid - m->gid);
	}
	return -1;
}

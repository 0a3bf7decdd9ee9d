/*
 * pdf_cff.c - reading a CFF table: INDEXes, DICTs, the Top DICT's ROS and
 * the charset (see pdf_cff.h and pdf_cff_int.h; the format is Adobe
 * Technical Note #5176).
 */
#include "render/pdf/pdf_cff.h"

#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "render/pdf/pdf_cff_int.h"

/* ---- INDEX and DICT ------------------------------------------------------- */

static bool S_u16(const uint8_t *p, size_t len, size_t at, uint32_t *v)
{
	if (at > len || len - at < 2)
		return false;
	*v = (uint32_t)p[at] << 8 | p[at + 1];
	return true;
}

/* An offset of size bytes (1 to 4) at at. */
static bool S_off(const uint8_t *p, size_t len, size_t at, unsigned size, uint32_t *v)
{
	if (at > len || len - at < size)
		return false;
	*v = 0;
	for (unsigned i = 0; i < size; i++)
		*v = *v << 8 | p[at + i];
	return true;
}

bool sg_cff_index_read(const uint8_t *p, size_t len, size_t at, sg_cff_index *out)
{
	memset(out, 0, sizeof *out);
	if (!S_u16(p, len, at, &out->count))
		return false;
	if (out->count == 0) {
		out->end = at + 2;
		return true;
	}
	if (at + 2 >= len)
		return false;
	out->offsize = p[at + 2];
	if (out->offsize < 1 || out->offsize > 4)
		return false;
	out->offs = at + 3;
	/* The offsets run (count + 1) * offsize bytes; the data follows, and
	 * offsets count from its byte before. Neither sum can overflow: count
	 * is below 65,536 and offsize below 5. */
	size_t arr = ((size_t)out->count + 1) * out->offsize;
	if (arr > len - out->offs)
		return false;
	out->data = out->offs + arr - 1;
	uint32_t first, last;
	if (!S_off(p, len, out->offs, out->offsize, &first) ||
	    !S_off(p, len, out->offs + (size_t)out->count * out->offsize, out->offsize, &last))
		return false;
	if (first != 1 || last < first || last > len - out->data)
		return false;
	out->end = out->data + last;
	return true;
}

bool sg_cff_index_item(const uint8_t *p, size_t len, const sg_cff_index *ix, uint32_t i,
		       size_t *at, size_t *n)
{
	uint32_t a, b;
	if (i >= ix->count || !S_off(p, len, ix->offs + (size_t)i * ix->offsize, ix->offsize, &a) ||
	    !S_off(p, len, ix->offs + ((size_t)i + 1) * ix->offsize, ix->offsize, &b))
		return false;
	if (a < 1 || b < a || ix->data + b > ix->end)
		return false;
	*at = ix->data + a;
	*n = b - a;
	return true;
}

int sg_cff_dict_next(const uint8_t *d, size_t len, size_t *pos, sg_cff_dict_op *op)
{
	size_t i = *pos;
	op->start = i;
	op->nargs = 0;
	if (i >= len)
		return 0;
	while (i < len) {
		uint8_t b0 = d[i];
		int32_t v;
		bool real = false;
		if (b0 >= 32 && b0 <= 246) {
			v = b0 - 139;
			i += 1;
		} else if (b0 >= 247 && b0 <= 254) {
			if (len - i < 2)
				return -1;
			v = (b0 - (b0 <= 250 ? 247 : 251)) * 256 + d[i + 1] + 108;
			if (b0 >= 251)
				v = -v;
			i += 2;
		} else if (b0 == 28) {
			if (len - i < 3)
				return -1;
			v = (int16_t)(d[i + 1] << 8 | d[i + 2]);
			i += 3;
		} else if (b0 == 29) {
			if (len - i < 5)
				return -1;
			v = (int32_t)((uint32_t)d[i + 1] << 24 | (uint32_t)d[i + 2] << 16 |
				      (uint32_t)d[i + 3] << 8 | d[i + 4]);
			i += 5;
		} else if (b0 == 30) {
			/* A real: nibbles up to the one that is 0xF. Its value is
			 * never needed, only where it ends. */
			i++;
			for (;;) {
				if (i >= len)
					return -1;
				uint8_t nb = d[i++];
				if ((nb >> 4) == 0xF || (nb & 0xF) == 0xF)
					break;
			}
			v = 0;
			real = true;
		} else if (b0 <= 21) {
			if (b0 == 12) {
				if (len - i < 2)
					return -1;
				op->op = 1200 + d[i + 1];
				i += 2;
			} else {
				op->op = b0;
				i += 1;
			}
			op->end = i;
			*pos = i;
			return 1;
		} else {
			return -1; /* 22-27, 31, 255: reserved */
		}
		if (op->nargs == SG_CFF_DICT_ARGS)
			return -1;
		op->real[op->nargs] = real;
		op->args[op->nargs++] = v;
	}
	return -1; /* operands with no operator */
}

void sg_cff_put_int(sg_buf *b, int32_t v, bool fixed)
{
	uint8_t t[5];
	size_t n;
	if (fixed || v < -32768 || v > 32767) {
		t[0] = 29;
		t[1] = (uint8_t)((uint32_t)v >> 24);
		t[2] = (uint8_t)((uint32_t)v >> 16);
		t[3] = (uint8_t)((uint32_t)v >> 8);
		t[4] = (uint8_t)v;
		n = 5;
	} else if (v >= -107 && v <= 107) {
		t[0] = (uint8_t)(v + 139);
		n = 1;
	} else if (v >= 108 && v <= 1131) {
		t[0] = (uint8_t)((v - 108) / 256 + 247);
		t[1] = (uint8_t)((v - 108) % 256);
		n = 2;
	} else if (v <= -108 && v >= -1131) {
		t[0] = (uint8_t)((-v - 108) / 256 + 251);
		t[1] = (uint8_t)((-v - 108) % 256);
		n = 2;
	} else {
		t[0] = 28;
		t[1] = (uint8_t)((uint32_t)v >> 8);
		t[2] = (uint8_t)v;
		n = 3;
	}
	sg_buf_put(b, t, n);
}

void sg_cff_put_op(sg_buf *b, int op)
{
	if (op >= 1200) {
		sg_buf_putc(b, 12);
		sg_buf_putc(b, op - 1200);
	} else {
		sg_buf_putc(b, op);
	}
}

void sg_cff_patch_int(sg_buf *b, size_t at, int32_t v)
{
	uint8_t *t = (uint8_t *)b->data + at;
	t[1] = (uint8_t)((uint32_t)v >> 24);
	t[2] = (uint8_t)((uint32_t)v >> 16);
	t[3] = (uint8_t)((uint32_t)v >> 8);
	t[4] = (uint8_t)v;
}

/* ---- the charset ---------------------------------------------------------- */

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

static bool S_charset(const uint8_t *p, size_t len, size_t at, sg_cff_info *ci)
{
	size_t cap = 0;
	if (at >= len)
		return false;
	unsigned fmt = p[at];
	S_push(ci, &cap, 0, 0, 1); /* .notdef */
	uint32_t gid = 1;
	size_t q = at + 1;
	while (gid < ci->glyphs) {
		uint32_t first, left;
		if (fmt == 0) {
			if (!S_u16(p, len, q, &first))
				return false;
			left = 0;
			q += 2;
		} else if (fmt == 1) {
			if (!S_u16(p, len, q, &first) || q + 2 >= len)
				return false;
			left = p[q + 2];
			q += 3;
		} else if (fmt == 2) {
			if (!S_u16(p, len, q, &first) || !S_u16(p, len, q + 2, &left))
				return false;
			q += 4;
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

/* The Top DICT's operators this needs. */
typedef struct S_top {
	bool ros;
	long charset;     /* -1: none given */
	long charstrings; /* -1: none */
} S_top;

static bool S_top_read(const uint8_t *d, size_t len, S_top *top)
{
	top->ros = false;
	top->charset = top->charstrings = -1;
	sg_cff_dict_op op;
	size_t pos = 0;
	int rc;
	while ((rc = sg_cff_dict_next(d, len, &pos, &op)) > 0) {
		if (op.op == 1230)
			top->ros = true;
		else if (op.op == 15 && op.nargs >= 1)
			top->charset = op.args[op.nargs - 1];
		else if (op.op == 17 && op.nargs >= 1)
			top->charstrings = op.args[op.nargs - 1];
	}
	return rc == 0;
}

int sg_cff_read(sg_cff_info *out, const uint8_t *data, size_t len)
{
	memset(out, 0, sizeof *out);
	if (len < 4 || data[0] != 1)
		return -1;
	sg_cff_index names, tops, cs;
	size_t at, n;
	/* Name INDEX, then the Top DICT INDEX. */
	if (!sg_cff_index_read(data, len, data[2], &names) || names.count < 1 ||
	    !sg_cff_index_read(data, len, names.end, &tops) ||
	    !sg_cff_index_item(data, len, &tops, 0, &at, &n))
		return -1;
	S_top top;
	if (!S_top_read(data + at, n, &top) || top.charstrings <= 0 ||
	    (size_t)top.charstrings >= len)
		return -1;
	if (!sg_cff_index_read(data, len, (size_t)top.charstrings, &cs) || cs.count == 0)
		return -1;
	out->glyphs = cs.count;
	out->cid_keyed = top.ros;
	if (!top.ros)
		return 0;
	/* A CID-keyed font always gives its charset by offset (0 to 2 name
	 * the predefined Latin charsets). */
	if (top.charset <= 2 || (size_t)top.charset >= len ||
	    !S_charset(data, len, (size_t)top.charset, out)) {
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

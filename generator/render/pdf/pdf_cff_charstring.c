/*
 * pdf_cff_charstring.c - a Type 2 charstring flattened: subroutine calls
 * replaced by what they call, hints left out (Adobe Technical Note #5177).
 *
 * Design note. A subset of a few hundred glyphs needs little of what a CJK
 * font shares between its 65,000: its global and local subroutines are
 * mostly bodies of glyphs left out, and its stem hints only help a
 * rasteriser at small pixel sizes on screen, which PDF viewers mostly
 * ignore. Measured with fontTools on 554 characters of Noto Serif CJK SC,
 * the CFF table deflated: 137.8 KB as it is, 101.4 KB without hints and
 * subroutines. So each glyph's charstring is rewritten on its own.
 *
 * The rewrite runs the charstring without drawing anything. Operands are
 * kept as their encoded bytes on an operand stack, since a subroutine may
 * push operands that an operator after its return takes, or take operands
 * pushed before the call. Each path operator is written out with the
 * operands it takes, byte for byte as the font has them. The callsubr and
 * callgsubr operators take their subroutine's number off the stack and
 * run it in place. Hint operators are dropped with their operands, but
 * counted: the stems declared so far decide how many mask bytes follow a
 * hintmask or cntrmask, and those bytes are skipped.
 *
 * The width. The first stack-clearing operator of a charstring (a stem,
 * a mask, a moveto, endchar) may take one extra operand before its own:
 * the glyph's advance width. When that operator is a hint, dropped, its
 * width is kept and written before the operands of the first operator
 * that stays (a moveto or endchar), where it means the same.
 *
 * Limits, as the specification sets them (Appendix B of #5177): 48
 * operands, subroutine calls nested 10 deep, 65,535 bytes of charstring.
 * One more of ours bounds the work: a charstring whose run, calls
 * included, passes 1 MB of operators and operands is refused, as calls
 * nested 10 deep could otherwise make a short font take exponential time.
 * The arithmetic and storage operators of the first Type 2 fonts (add,
 * put, ifelse, random ...) and endchar's seac form are refused too: CID-
 * keyed fonts have no use for them, and a refusal sends the font to
 * HarfBuzz's subsetter instead (pdf_embed.c).
 */
#include "render/pdf/pdf_cff_int.h"

#include <string.h>

enum {
	S_MAX_ARGS = 48,
	S_MAX_DEPTH = 10,
	S_MAX_LEN = 65535,
	S_MAX_WORK = 1 << 20,
};

/* Type 2 operators (one byte; 12 x as 1200 + x). */
enum {
	OP_HSTEM = 1,
	OP_VSTEM = 3,
	OP_VMOVETO = 4,
	OP_RLINETO = 5,
	OP_HLINETO = 6,
	OP_VLINETO = 7,
	OP_RRCURVETO = 8,
	OP_CALLSUBR = 10,
	OP_RETURN = 11,
	OP_ESCAPE = 12,
	OP_ENDCHAR = 14,
	OP_HSTEMHM = 18,
	OP_HINTMASK = 19,
	OP_CNTRMASK = 20,
	OP_RMOVETO = 21,
	OP_HMOVETO = 22,
	OP_VSTEMHM = 23,
	OP_RCURVELINE = 24,
	OP_RLINECURVE = 25,
	OP_VVCURVETO = 26,
	OP_HHCURVETO = 27,
	OP_SHORTINT = 28,
	OP_CALLGSUBR = 29,
	OP_VHCURVETO = 30,
	OP_HVCURVETO = 31,
	OP_DOTSECTION = 1200,
	OP_HFLEX = 1234,
	OP_FLEX = 1235,
	OP_HFLEX1 = 1236,
	OP_FLEX1 = 1237,
};

/* An operand: where its bytes are, and its value in 16.16 fixed point
 * (a subroutine number must be a whole one). */
typedef struct S_arg {
	const uint8_t *p;
	uint8_t n;
	int32_t v16;
} S_arg;

typedef struct S_run {
	sg_buf *out;
	size_t start; /* where this charstring starts in out */
	const sg_cff_subrs *global, *local;
	S_arg stack[S_MAX_ARGS];
	int nargs;
	unsigned stems;   /* stems declared so far: the mask bytes */
	bool cleared;     /* the first stack-clearing operator has run */
	bool moved;       /* a moveto has run: a path may follow */
	S_arg width;      /* width taken from a dropped hint; n 0: none */
	bool ended;       /* endchar has run */
	size_t work;      /* bytes run, calls included */
} S_run;

/* Writes operands [from, nargs) and the operator op, preceded by a width
 * kept from a dropped hint, and clears the stack. Operands are one to five
 * bytes: copied byte by byte into room made once. */
static int S_emit(S_run *r, int from, int op)
{
	size_t need = r->width.n + 2;
	for (int i = from; i < r->nargs; i++)
		need += r->stack[i].n;
	sg_buf_grow(r->out, need);
	uint8_t *w = (uint8_t *)r->out->data + r->out->len;
	for (unsigned k = 0; k < r->width.n; k++)
		*w++ = r->width.p[k];
	r->width.n = 0;
	for (int i = from; i < r->nargs; i++)
		for (unsigned k = 0; k < r->stack[i].n; k++)
			*w++ = r->stack[i].p[k];
	if (op >= 1200) {
		*w++ = OP_ESCAPE;
		*w++ = (uint8_t)(op - 1200);
	} else {
		*w++ = (uint8_t)op;
	}
	r->out->len = (size_t)(w - (uint8_t *)r->out->data);
	*w = '\0';
	r->nargs = 0;
	return r->out->len - r->start > S_MAX_LEN ? -1 : 0;
}

/* The first stack-clearing operator: when it has one operand more than
 * it takes (want, or an even count for stems when want is -1), the first
 * is the width. Returns the index of the first operand that is not. */
static int S_first_clear(S_run *r, int want, bool keep_width)
{
	if (r->cleared)
		return 0;
	r->cleared = true;
	bool has = want < 0 ? (r->nargs & 1) != 0 : r->nargs == want + 1;
	if (!has)
		return 0;
	if (keep_width)
		r->width = r->stack[0];
	return 1;
}

static int S_run_cs(S_run *r, const uint8_t *p, size_t n, int depth);

static int S_call(S_run *r, const sg_cff_subrs *s, int depth)
{
	if (r->nargs < 1 || depth >= S_MAX_DEPTH || !s || s->ix.count == 0)
		return -1;
	S_arg a = r->stack[--r->nargs];
	if (a.v16 & 0xFFFF)
		return -1;
	int64_t i = (int64_t)(a.v16 / 65536) + s->bias;
	size_t at, len;
	if (i < 0 || i >= (int64_t)s->ix.count ||
	    !sg_cff_index_item(s->p, s->len, &s->ix, (uint32_t)i, &at, &len))
		return -1;
	return S_run_cs(r, s->p + at, len, depth + 1);
}

/* Pushes the operand at p[*i] (p[0..n) a charstring or subroutine) and
 * moves *i past it. */
static int S_operand(S_run *r, const uint8_t *p, size_t n, size_t *i)
{
	uint8_t b0 = p[*i];
	size_t left = n - *i;
	S_arg a = {p + *i, 1, 0};
	if (b0 == OP_SHORTINT) {
		if (left < 3)
			return -1;
		a.v16 = (int32_t)(int16_t)(a.p[1] << 8 | a.p[2]) * 65536;
		a.n = 3;
	} else if (b0 <= 246) {
		a.v16 = (int32_t)(b0 - 139) * 65536;
	} else if (b0 <= 254) {
		if (left < 2)
			return -1;
		int32_t v = (b0 - (b0 <= 250 ? 247 : 251)) * 256 + a.p[1] + 108;
		a.v16 = (b0 <= 250 ? v : -v) * 65536;
		a.n = 2;
	} else { /* 255: a 16.16 fixed-point number */
		if (left < 5)
			return -1;
		uint32_t u = (uint32_t)a.p[1] << 24 | (uint32_t)a.p[2] << 16 |
			     (uint32_t)a.p[3] << 8 | a.p[4];
		a.v16 = (int32_t)u;
		a.n = 5;
	}
	if (r->nargs == S_MAX_ARGS)
		return -1;
	r->stack[r->nargs++] = a;
	*i += a.n;
	return 0;
}

/* A hint operator (a stem, a mask, dotsection): dropped with its
 * operands, its stems counted, and a mask's bytes (at *i of the n bytes
 * being run) skipped. */
static int S_hint(S_run *r, int op, size_t n, size_t *i)
{
	if (op == OP_DOTSECTION) {
		r->nargs = 0;
		return 0;
	}
	/* Operands before a mask are vertical stems (vstemhm). */
	int from = S_first_clear(r, -1, true);
	r->stems += (unsigned)(r->nargs - from) / 2;
	r->nargs = 0;
	if (op == OP_HINTMASK || op == OP_CNTRMASK) {
		size_t bytes = (r->stems + 7) / 8;
		if (n - *i < bytes)
			return -1;
		*i += bytes;
	}
	return 0;
}

static bool S_is_path(int op)
{
	switch (op) {
	case OP_RLINETO:
	case OP_HLINETO:
	case OP_VLINETO:
	case OP_RRCURVETO:
	case OP_RCURVELINE:
	case OP_RLINECURVE:
	case OP_VVCURVETO:
	case OP_HHCURVETO:
	case OP_VHCURVETO:
	case OP_HVCURVETO:
	case OP_HFLEX:
	case OP_FLEX:
	case OP_HFLEX1:
	case OP_FLEX1:
		return true;
	default:
		return false;
	}
}

/* Runs operator op, its operands on the stack (a mask's bytes at *i of
 * the n bytes being run). Returns 1 where the charstring or subroutine
 * ends (return, endchar), 0 to go on, -1 when refused. */
static int S_operator(S_run *r, int op, size_t n, size_t *i, int depth)
{
	switch (op) {
	case OP_HSTEM:
	case OP_VSTEM:
	case OP_HSTEMHM:
	case OP_VSTEMHM:
	case OP_HINTMASK:
	case OP_CNTRMASK:
	case OP_DOTSECTION:
		return S_hint(r, op, n, i);
	case OP_RMOVETO:
	case OP_HMOVETO:
	case OP_VMOVETO:
		/* The width, if any, stays in place: written with the rest. */
		S_first_clear(r, op == OP_RMOVETO ? 2 : 1, false);
		if (S_emit(r, 0, op) < 0)
			return -1;
		r->moved = true;
		return 0;
	case OP_ENDCHAR: {
		int from = S_first_clear(r, 0, false);
		/* Four operands (five with a width): seac, an accented
		 * character of the Standard Encoding. */
		if (r->nargs - from != 0 || S_emit(r, 0, op) < 0)
			return -1;
		r->ended = true;
		return 1;
	}
	case OP_CALLSUBR:
	case OP_CALLGSUBR:
		if (S_call(r, op == OP_CALLSUBR ? r->local : r->global, depth) < 0)
			return -1;
		return r->ended ? 1 : 0;
	case OP_RETURN:
		return depth > 0 ? 1 : -1;
	default:
		/* Reserved operators, arithmetic and storage are refused; a
		 * path starts with a moveto. */
		if (!S_is_path(op) || !r->moved || S_emit(r, 0, op) < 0)
			return -1;
		return 0;
	}
}

/* Runs p[0..n) (the charstring at depth 0, a subroutine deeper). Returns
 * 0 at its end, its return or endchar (r->ended), -1 when refused. */
static int S_run_cs(S_run *r, const uint8_t *p, size_t n, int depth)
{
	size_t i = 0;
	while (i < n) {
		uint8_t b0 = p[i];
		if (++r->work > S_MAX_WORK)
			return -1;
		if (b0 >= 32 || b0 == OP_SHORTINT) {
			if (S_operand(r, p, n, &i) < 0)
				return -1;
			continue;
		}
		int op = b0;
		i++;
		if (b0 == OP_ESCAPE) {
			if (i >= n)
				return -1;
			op = 1200 + p[i++];
		}
		int rc = S_operator(r, op, n, &i, depth);
		if (rc != 0)
			return rc < 0 ? -1 : 0;
	}
	/* A subroutine may end without return; a charstring ends with
	 * endchar. */
	return depth > 0 ? 0 : -1;
}

void sg_cff_subrs_init(sg_cff_subrs *s, const uint8_t *p, size_t len, const sg_cff_index *ix)
{
	s->p = p;
	s->len = len;
	s->ix = *ix;
	s->bias = ix->count < 1240 ? 107 : ix->count < 33900 ? 1131 : 32768;
}

int sg_cff_charstring_flatten(sg_buf *out, const uint8_t *cs, size_t n,
			      const sg_cff_subrs *global, const sg_cff_subrs *local)
{
	S_run r;
	memset(&r, 0, sizeof r);
	r.out = out;
	r.global = global;
	r.local = local;
	r.start = out->len;
	return S_run_cs(&r, cs, n, 0);
}

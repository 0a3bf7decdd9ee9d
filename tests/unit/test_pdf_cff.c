/*
 * test_pdf_cff.c - reading CFF tables and the subsetter of CID-keyed CFF
 * fonts (render/pdf/pdf_cff.c, pdf_cff_charstring.c, pdf_cff_subset.c).
 *
 * Charstrings are written here in a small assembly, numbers and operator
 * names separated by spaces ("10 20 rmoveto 30 hlineto endchar"; "x:A0"
 * is the raw byte 0xA0, "f:1.5" a 16.16 fixed-point number), so a case
 * reads as the charstring it runs and the one it must give back.
 * Subroutine numbers are given as the charstring has them, biased: with
 * fewer than 1,240 subroutines, -107 calls the first.
 *
 * The cases on whole fonts need Debian's fonts-noto-cjk; a case whose font
 * is missing says so and is skipped. The malformed-input cases start from
 * a subset HarfBuzz makes of Noto Sans CJK SC Bold with its hints and
 * subroutines kept, so that every part of the reader and of the flattener
 * has something to read, and cut or change it byte by byte: under ASan a
 * read out of bounds fails them.
 */
#include "support.h"

#include <hb-subset.h>
#include <hb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "render/pdf/pdf_cff.h"
#include "render/pdf/pdf_cff_int.h"

#define S_NOTO_SERIF "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
#define S_NOTO_SANS_BOLD "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
#define S_SC 2 /* the Simplified Chinese face of the Noto CJK collections */

/* ---- the charstring assembly --------------------------------------------- */

static const struct {
	const char *name;
	int op;
} S_ops[] = {
	{"hstem", 1},	    {"reserved2", 2},  {"vstem", 3},	   {"vmoveto", 4},
	{"rlineto", 5},	    {"hlineto", 6},    {"vlineto", 7},	   {"rrcurveto", 8},
	{"callsubr", 10},   {"return", 11},    {"endchar", 14},	   {"hstemhm", 18},
	{"hintmask", 19},   {"cntrmask", 20},  {"rmoveto", 21},	   {"hmoveto", 22},
	{"vstemhm", 23},    {"rcurveline", 24}, {"rlinecurve", 25}, {"vvcurveto", 26},
	{"hhcurveto", 27},  {"callgsubr", 29}, {"vhcurveto", 30},  {"hvcurveto", 31},
	{"dotsection", 1200}, {"add", 1210},   {"hflex", 1234},	   {"flex", 1235},
};

static void S_num(sg_buf *b, long v)
{
	if (v >= -107 && v <= 107) {
		sg_buf_putc(b, (int)(v + 139));
	} else if (v >= 108 && v <= 1131) {
		sg_buf_putc(b, (int)((v - 108) / 256 + 247));
		sg_buf_putc(b, (int)((v - 108) % 256));
	} else if (v <= -108 && v >= -1131) {
		sg_buf_putc(b, (int)((-v - 108) / 256 + 251));
		sg_buf_putc(b, (int)((-v - 108) % 256));
	} else {
		sg_buf_putc(b, 28);
		sg_buf_putc(b, (int)((v >> 8) & 0xFF));
		sg_buf_putc(b, (int)(v & 0xFF));
	}
}

/* Appends the charstring written in src. */
static void S_asm(sg_buf *b, const char *src)
{
	char tok[32];
	int k;
	while (sscanf(src, " %31s%n", tok, &k) == 1) {
		src += k;
		if (strncmp(tok, "x:", 2) == 0) {
			sg_buf_putc(b, (int)strtol(tok + 2, NULL, 16));
		} else if (strncmp(tok, "f:", 2) == 0) {
			int32_t v = (int32_t)(strtod(tok + 2, NULL) * 65536);
			sg_buf_putc(b, 255);
			for (int i = 3; i >= 0; i--)
				sg_buf_putc(b, (int)(((uint32_t)v >> (8 * i)) & 0xFF));
		} else if ((tok[0] >= '0' && tok[0] <= '9') || tok[0] == '-') {
			S_num(b, strtol(tok, NULL, 10));
		} else {
			size_t i = 0;
			while (i < sizeof S_ops / sizeof *S_ops && strcmp(S_ops[i].name, tok) != 0)
				i++;
			assert_true(i < sizeof S_ops / sizeof *S_ops);
			if (S_ops[i].op >= 1200) {
				sg_buf_putc(b, 12);
				sg_buf_putc(b, S_ops[i].op - 1200);
			} else {
				sg_buf_putc(b, S_ops[i].op);
			}
		}
	}
}

/* An INDEX of the charstrings srcs[0..n), with its subroutine bias. */
static void S_subrs(sg_buf *b, sg_cff_subrs *s, const char *const *srcs, size_t n)
{
	sg_buf items;
	sg_buf_init(&items);
	uint32_t *ends = malloc((n + 1) * sizeof *ends);
	for (size_t i = 0; i < n; i++) {
		S_asm(&items, srcs[i]);
		ends[i] = (uint32_t)items.len;
	}
	sg_buf_clear(b);
	sg_buf_putc(b, (int)(n >> 8));
	sg_buf_putc(b, (int)(n & 0xFF));
	if (n) {
		sg_buf_putc(b, 4); /* four-byte offsets */
		for (size_t i = 0; i <= n; i++) {
			uint32_t o = (i ? ends[i - 1] : 0) + 1;
			for (int k = 3; k >= 0; k--)
				sg_buf_putc(b, (int)((o >> (8 * k)) & 0xFF));
		}
		sg_buf_put(b, items.data, items.len);
	}
	sg_cff_index ix;
	assert_true(sg_cff_index_read((const uint8_t *)b->data, b->len, 0, &ix));
	sg_cff_subrs_init(s, (const uint8_t *)b->data, b->len, &ix);
	free(ends);
	sg_buf_dispose(&items);
}

typedef struct S_fx {
	sg_buf gbuf, lbuf;
	sg_cff_subrs global, local;
} S_fx;

static void S_fx_init(S_fx *fx, const char *const *gsubrs, size_t ng, const char *const *lsubrs,
		      size_t nl)
{
	sg_buf_init(&fx->gbuf);
	sg_buf_init(&fx->lbuf);
	S_subrs(&fx->gbuf, &fx->global, gsubrs, ng);
	S_subrs(&fx->lbuf, &fx->local, lsubrs, nl);
}

static void S_fx_dispose(S_fx *fx)
{
	sg_buf_dispose(&fx->gbuf);
	sg_buf_dispose(&fx->lbuf);
}

/* Flattens the charstring src; returns flatten's result and, when 0,
 * checks that it gives the charstring want. */
static int S_flat(const S_fx *fx, const char *src, const char *want)
{
	sg_buf in, out, w;
	sg_buf_init(&in);
	sg_buf_init(&out);
	sg_buf_init(&w);
	S_asm(&in, src);
	int rc = sg_cff_charstring_flatten(&out, (const uint8_t *)in.data, in.len, &fx->global,
					   &fx->local);
	if (rc == 0 && want) {
		S_asm(&w, want);
		if (out.len != w.len || memcmp(out.data, w.data, w.len) != 0) {
			print_message("flattening \"%s\" gave %zu bytes, not those of \"%s\"\n",
				      src, out.len, want);
			fail();
		}
	}
	sg_buf_dispose(&in);
	sg_buf_dispose(&out);
	sg_buf_dispose(&w);
	return rc;
}

/* ---- flattening ------------------------------------------------------------ */

static void test_flatten_plain(void **state)
{
	(void)state;
	S_fx fx;
	S_fx_init(&fx, NULL, 0, NULL, 0);
	/* Nothing to drop: the same bytes, whatever the number forms, every
	 * path operator. */
	const char *plain = "500 10 20 rmoveto 300 hlineto 1000 -2000 rlineto 5 vlineto "
			    "1 2 3 4 5 6 rrcurveto 1 2 3 4 5 6 7 8 rcurveline "
			    "1 2 3 4 5 6 7 8 rlinecurve 1 2 3 4 vvcurveto 1 2 3 4 hhcurveto "
			    "1 2 3 4 vhcurveto 1 2 3 4 hvcurveto 1 2 3 4 5 6 7 hflex "
			    "f:1.5 2 3 4 5 6 7 8 9 10 11 12 13 flex 9 vmoveto endchar";
	assert_int_equal(S_flat(&fx, plain, plain), 0);
	/* No width: the default width of the Private DICT applies. */
	assert_int_equal(S_flat(&fx, "10 hmoveto 20 vlineto endchar",
				"10 hmoveto 20 vlineto endchar"),
			 0);
	/* An empty glyph: endchar alone, or its width and endchar. */
	assert_int_equal(S_flat(&fx, "endchar", "endchar"), 0);
	assert_int_equal(S_flat(&fx, "250 endchar", "250 endchar"), 0);
	S_fx_dispose(&fx);
}

static void test_flatten_hints(void **state)
{
	(void)state;
	S_fx fx;
	S_fx_init(&fx, NULL, 0, NULL, 0);
	/* A width before the stems moves to the moveto. */
	assert_int_equal(S_flat(&fx, "600 10 20 30 40 hstem 5 15 vstem 1 2 rmoveto endchar",
				"600 1 2 rmoveto endchar"),
			 0);
	/* No width: an even number of stem operands. */
	assert_int_equal(S_flat(&fx, "10 20 hstem 3 hmoveto endchar", "3 hmoveto endchar"), 0);
	/* Nine stems (four hstemhm, five implicit vstemhm before the mask)
	 * make two mask bytes; the bytes that follow are operators again.
	 * Had one mask byte been skipped, x:1E would read as a vhcurveto. */
	assert_int_equal(S_flat(&fx,
				"700 1 2 3 4 5 6 7 8 hstemhm 1 2 3 4 5 6 7 8 9 10 hintmask "
				"x:FF x:1E 5 6 rmoveto 7 hlineto cntrmask x:00 x:80 8 vlineto "
				"endchar",
				"700 5 6 rmoveto 7 hlineto 8 vlineto endchar"),
			 0);
	/* Eight stems: one mask byte. */
	assert_int_equal(S_flat(&fx,
				"1 2 3 4 5 6 7 8 hstem 1 2 3 4 5 6 7 8 vstemhm hintmask x:FF "
				"5 6 rmoveto endchar",
				"5 6 rmoveto endchar"),
			 0);
	/* A width on the mask's implicit stems; a glyph of hints alone. */
	assert_int_equal(S_flat(&fx, "900 1 2 hintmask x:80 endchar", "900 endchar"), 0);
	assert_int_equal(S_flat(&fx, "300 1 2 hstemhm endchar", "300 endchar"), 0);
	/* dotsection is dropped. */
	assert_int_equal(S_flat(&fx, "1 1 rmoveto dotsection 2 hlineto endchar",
				"1 1 rmoveto 2 hlineto endchar"),
			 0);
	S_fx_dispose(&fx);
}

static void test_flatten_subrs(void **state)
{
	(void)state;
	/* Global 0 ends the glyph; global 1 is a stem and a line. Local 0
	 * pushes operands for an operator after its return; local 1 takes
	 * operands pushed before the call; local 2 declares a stem, which the
	 * mask after its return counts; local 3 ends in a mask of one byte. */
	static const char *const g[] = {"100 hlineto endchar", "1 2 hstem 10 vlineto return"};
	static const char *const l[] = {"30 40 return", "rlineto return", "8 9 vstemhm return",
					"hintmask x:FF"};
	S_fx fx;
	S_fx_init(&fx, g, 2, l, 4);
	assert_int_equal(S_flat(&fx, "1 1 rmoveto -107 callsubr rlineto -107 callgsubr",
				"1 1 rmoveto 30 40 rlineto 100 hlineto endchar"),
			 0);
	assert_int_equal(S_flat(&fx, "1 1 rmoveto 5 6 -106 callsubr -106 callgsubr endchar",
				"1 1 rmoveto 5 6 rlineto 10 vlineto endchar"),
			 0);
	/* Eight stems before the mask: six in the charstring, one in local
	 * 2, one in global 1. One mask byte. */
	assert_int_equal(S_flat(&fx,
				"1 2 3 4 5 6 7 8 9 10 11 12 hstemhm -105 callsubr 0 0 rmoveto -106 "
				"callgsubr hintmask x:FF 1 hlineto endchar",
				"0 0 rmoveto 10 vlineto 1 hlineto endchar"),
			 0);
	/* Local 3's mask is whole for eight stems, cut short for nine. */
	assert_int_equal(S_flat(&fx,
				"1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 hstem -104 callsubr 0 0 "
				"rmoveto endchar",
				"0 0 rmoveto endchar"),
			 0);
	assert_int_equal(S_flat(&fx,
				"1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 hstem -104 callsubr "
				"0 0 rmoveto endchar",
				NULL),
			 -1);
	/* A subroutine's number out of range, not whole, or missing. */
	assert_int_equal(S_flat(&fx, "1 1 rmoveto -103 callsubr endchar", NULL), -1);
	assert_int_equal(S_flat(&fx, "1 1 rmoveto -108 callsubr endchar", NULL), -1);
	assert_int_equal(S_flat(&fx, "1 1 rmoveto f:-106.5 callsubr endchar", NULL), -1);
	assert_int_equal(S_flat(&fx, "callsubr endchar", NULL), -1);
	S_fx_dispose(&fx);
}

static void test_flatten_refused(void **state)
{
	(void)state;
	S_fx fx;
	S_fx_init(&fx, NULL, 0, NULL, 0);
	/* No endchar; return outside a subroutine; a path before a moveto. */
	assert_int_equal(S_flat(&fx, "1 1 rmoveto 2 hlineto", NULL), -1);
	assert_int_equal(S_flat(&fx, "1 1 rmoveto return", NULL), -1);
	assert_int_equal(S_flat(&fx, "2 hlineto endchar", NULL), -1);
	assert_int_equal(S_flat(&fx, "1 2 hstem 2 hlineto endchar", NULL), -1);
	/* seac, arithmetic, a reserved operator. */
	assert_int_equal(S_flat(&fx, "0 0 65 97 endchar", NULL), -1);
	assert_int_equal(S_flat(&fx, "300 0 0 65 97 endchar", NULL), -1);
	assert_int_equal(S_flat(&fx, "1 1 rmoveto 1 2 add hlineto endchar", NULL), -1);
	assert_int_equal(S_flat(&fx, "1 1 rmoveto reserved2 endchar", NULL), -1);
	/* Numbers cut short: shortint, two-byte, fixed; an escape alone. */
	assert_int_equal(S_flat(&fx, "1 1 rmoveto x:1C x:01", NULL), -1);
	assert_int_equal(S_flat(&fx, "1 1 rmoveto x:F7", NULL), -1);
	assert_int_equal(S_flat(&fx, "1 1 rmoveto x:FF x:00 x:01", NULL), -1);
	assert_int_equal(S_flat(&fx, "1 1 rmoveto x:0C", NULL), -1);
	/* 48 operands are allowed, 49 are not. */
	sg_buf s;
	sg_buf_init(&s);
	sg_buf_puts(&s, "0 0 rmoveto");
	for (int i = 0; i < 48; i++)
		sg_buf_puts(&s, " 1");
	sg_buf_puts(&s, " rlineto endchar");
	assert_int_equal(S_flat(&fx, s.data, s.data), 0);
	sg_buf_clear(&s);
	sg_buf_puts(&s, "0 0 rmoveto");
	for (int i = 0; i < 49; i++)
		sg_buf_puts(&s, " 1");
	sg_buf_puts(&s, " rlineto endchar");
	assert_int_equal(S_flat(&fx, s.data, NULL), -1);
	sg_buf_dispose(&s);
	S_fx_dispose(&fx);
}

static void test_flatten_limits(void **state)
{
	(void)state;
	/* Local i calls local i + 1; local 11 draws a line. From the
	 * charstring, calling local 11 - d nests d + 1 calls deep. */
	const char *chain[12];
	char bufs[12][32];
	for (int i = 0; i < 11; i++) {
		snprintf(bufs[i], sizeof bufs[i], "%d callsubr return", i + 1 - 107);
		chain[i] = bufs[i];
	}
	chain[11] = "5 hlineto return";
	S_fx fx;
	S_fx_init(&fx, NULL, 0, chain, 12);
	char cs[64];
	snprintf(cs, sizeof cs, "0 0 rmoveto %d callsubr endchar", 2 - 107); /* 10 deep */
	assert_int_equal(S_flat(&fx, cs, "0 0 rmoveto 5 hlineto endchar"), 0);
	snprintf(cs, sizeof cs, "0 0 rmoveto %d callsubr endchar", 1 - 107); /* 11 deep */
	assert_int_equal(S_flat(&fx, cs, NULL), -1);
	S_fx_dispose(&fx);

	/* A subroutine calling itself. */
	static const char *const self[] = {"-107 callsubr return"};
	S_fx_init(&fx, NULL, 0, self, 1);
	assert_int_equal(S_flat(&fx, "0 0 rmoveto -107 callsubr endchar", NULL), -1);
	S_fx_dispose(&fx);

	/* Each level calls the next eight times, ten levels deep: 8^9 calls
	 * of a subroutine that draws nothing. Refused when the work passes
	 * its bound, in a moment. */
	const char *fan[10];
	char fbufs[9][128];
	for (int i = 0; i < 9; i++) {
		fbufs[i][0] = '\0';
		for (int k = 0; k < 8; k++)
			snprintf(fbufs[i] + strlen(fbufs[i]), sizeof fbufs[i] - strlen(fbufs[i]),
				 "%d callsubr ", i + 1 - 107);
		strcat(fbufs[i], "return");
		fan[i] = fbufs[i];
	}
	fan[9] = "return";
	S_fx_init(&fx, NULL, 0, fan, 10);
	assert_int_equal(S_flat(&fx, "0 0 rmoveto -107 callsubr endchar", NULL), -1);
	S_fx_dispose(&fx);

	/* A subroutine drawing 40 lines (200 bytes), called twice by another:
	 * 200 calls of that make 80,000 bytes, past the 65,535 a charstring
	 * may have; 100 calls make 40,000. */
	sg_buf big;
	sg_buf_init(&big);
	for (int i = 0; i < 40; i++)
		sg_buf_puts(&big, "1000 1000 rlineto ");
	sg_buf_puts(&big, "return");
	static const char *twice = "-106 callsubr -106 callsubr return";
	const char *grow[2] = {twice, big.data};
	S_fx_init(&fx, NULL, 0, grow, 2);
	sg_buf cs2;
	sg_buf_init(&cs2);
	sg_buf_puts(&cs2, "0 0 rmoveto");
	for (int i = 0; i < 200; i++)
		sg_buf_puts(&cs2, " -107 callsubr");
	sg_buf_puts(&cs2, " endchar");
	assert_int_equal(S_flat(&fx, cs2.data, NULL), -1);
	sg_buf_clear(&cs2);
	sg_buf_puts(&cs2, "0 0 rmoveto");
	for (int i = 0; i < 100; i++)
		sg_buf_puts(&cs2, " -107 callsubr");
	sg_buf_puts(&cs2, " endchar");
	assert_int_equal(S_flat(&fx, cs2.data, NULL), 0);
	sg_buf_dispose(&cs2);
	sg_buf_dispose(&big);
	S_fx_dispose(&fx);
}

/* ---- INDEX and DICT --------------------------------------------------------- */

static void test_index_and_dict(void **state)
{
	(void)state;
	sg_cff_index ix;
	size_t at, n;
	/* Two items "ab" and "c", one-byte offsets. */
	const uint8_t good[] = {0, 2, 1, 1, 3, 4, 'a', 'b', 'c'};
	assert_true(sg_cff_index_read(good, sizeof good, 0, &ix));
	assert_int_equal(ix.count, 2);
	assert_int_equal(ix.end, sizeof good);
	assert_true(sg_cff_index_item(good, sizeof good, &ix, 1, &at, &n));
	assert_int_equal(at, 8);
	assert_int_equal(n, 1);
	assert_false(sg_cff_index_item(good, sizeof good, &ix, 2, &at, &n));
	/* Cut short, an offset size of 0 or 5, a first offset that is not 1,
	 * a last offset past the end. */
	for (size_t len = 0; len < sizeof good; len++)
		assert_false(sg_cff_index_read(good, len, 0, &ix));
	const uint8_t os0[] = {0, 1, 0, 1, 2, 'a'}, os5[] = {0, 1, 5, 1, 2, 'a'};
	const uint8_t first2[] = {0, 1, 1, 2, 3, 'a', 'b'}, past[] = {0, 1, 1, 1, 9, 'a'};
	assert_false(sg_cff_index_read(os0, sizeof os0, 0, &ix));
	assert_false(sg_cff_index_read(os5, sizeof os5, 0, &ix));
	assert_false(sg_cff_index_read(first2, sizeof first2, 0, &ix));
	assert_false(sg_cff_index_read(past, sizeof past, 0, &ix));
	/* Offsets out of order between the first and the last. */
	const uint8_t order[] = {0, 2, 1, 1, 4, 3, 'a', 'b'};
	assert_true(sg_cff_index_read(order, sizeof order, 0, &ix));
	assert_false(sg_cff_index_item(order, sizeof order, &ix, 1, &at, &n));
	/* An empty INDEX is its count alone. */
	const uint8_t empty[] = {0, 0};
	assert_true(sg_cff_index_read(empty, sizeof empty, 0, &ix));
	assert_int_equal(ix.end, 2);

	/* A DICT: ROS (two SIDs and 0), CharStrings at 1000 (two bytes), a
	 * real, a 32-bit integer. */
	const uint8_t dict[] = {248, 27, 248, 28, 139, 12, 30, 250, 124, 17,
				30,  0x1A, 0x5F, 12, 3, 29, 0, 1, 0, 0, 15};
	sg_cff_dict_op op;
	size_t pos = 0;
	assert_int_equal(sg_cff_dict_next(dict, sizeof dict, &pos, &op), 1);
	assert_int_equal(op.op, 1230);
	assert_int_equal(op.nargs, 3);
	assert_int_equal(op.args[0], 391);
	assert_int_equal(op.args[1], 392);
	assert_int_equal(op.args[2], 0);
	assert_int_equal(sg_cff_dict_next(dict, sizeof dict, &pos, &op), 1);
	assert_int_equal(op.op, 17);
	assert_int_equal(op.args[0], 1000);
	assert_int_equal(sg_cff_dict_next(dict, sizeof dict, &pos, &op), 1);
	assert_int_equal(op.op, 1203);
	assert_true(op.real[0]);
	assert_int_equal(sg_cff_dict_next(dict, sizeof dict, &pos, &op), 1);
	assert_int_equal(op.op, 15);
	assert_int_equal(op.args[0], 65536);
	assert_int_equal(sg_cff_dict_next(dict, sizeof dict, &pos, &op), 0);
	/* Every cut of it is refused or ends at an entry. */
	for (size_t len = 1; len < sizeof dict; len++) {
		pos = 0;
		int rc;
		while ((rc = sg_cff_dict_next(dict, len, &pos, &op)) > 0)
			;
		assert_true(rc == -1 || pos == len);
	}
	/* A reserved byte; 49 operands. */
	const uint8_t reserved[] = {139, 22};
	pos = 0;
	assert_int_equal(sg_cff_dict_next(reserved, sizeof reserved, &pos, &op), -1);
	uint8_t many[50];
	memset(many, 139, 49);
	many[49] = 6;
	pos = 0;
	assert_int_equal(sg_cff_dict_next(many, sizeof many, &pos, &op), -1);
	pos = 1;
	assert_int_equal(sg_cff_dict_next(many, sizeof many, &pos, &op), 1);

	/* Integers written back in their shortest forms, or fixed. */
	sg_buf b;
	sg_buf_init(&b);
	const int32_t vals[] = {0, 107, -107, 108, 1131, -1131, 1132, -32768, 32768, -40000};
	const size_t sizes[] = {1, 1, 1, 2, 2, 2, 3, 3, 5, 5};
	for (size_t i = 0; i < sizeof vals / sizeof *vals; i++) {
		sg_buf_clear(&b);
		sg_cff_put_int(&b, vals[i], false);
		sg_cff_put_op(&b, 17);
		assert_int_equal(b.len, sizes[i] + 1);
		pos = 0;
		assert_int_equal(sg_cff_dict_next((const uint8_t *)b.data, b.len, &pos, &op), 1);
		assert_int_equal(op.args[0], vals[i]);
	}
	sg_buf_clear(&b);
	sg_cff_put_int(&b, 5, true);
	sg_cff_patch_int(&b, 0, 123456);
	sg_cff_put_op(&b, 1236);
	assert_int_equal(b.len, 7);
	pos = 0;
	assert_int_equal(sg_cff_dict_next((const uint8_t *)b.data, b.len, &pos, &op), 1);
	assert_int_equal(op.op, 1236);
	assert_int_equal(op.args[0], 123456);
	sg_buf_dispose(&b);
}

/* ---- whole fonts ------------------------------------------------------------ */

typedef struct S_font {
	hb_blob_t *file;
	hb_face_t *face;
	hb_font_t *font;
	hb_blob_t *cff;
	const uint8_t *data;
	size_t len;
} S_font;

static bool S_font_open(S_font *f, const char *path)
{
	if (access(path, R_OK) != 0) {
		print_message("skipped: %s is not installed (Debian fonts-noto-cjk)\n", path);
		return false;
	}
	f->file = hb_blob_create_from_file(path);
	f->face = hb_face_create(f->file, S_SC);
	f->font = hb_font_create(f->face);
	f->cff = hb_face_reference_table(f->face, HB_TAG('C', 'F', 'F', ' '));
	unsigned len = 0;
	f->data = (const uint8_t *)hb_blob_get_data(f->cff, &len);
	f->len = len;
	assert_true(len > 0);
	return true;
}

static void S_font_close(S_font *f)
{
	hb_blob_destroy(f->cff);
	hb_font_destroy(f->font);
	hb_face_destroy(f->face);
	hb_blob_destroy(f->file);
}

/* The glyphs of the characters of UTF-8 s (BMP only), into gids. */
static size_t S_gids(const S_font *f, const char *s, uint32_t *gids)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		uint32_t cp;
		if (*p < 0x80) {
			cp = *p++;
		} else if (*p < 0xE0) {
			cp = (uint32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
			p += 2;
		} else {
			cp = (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 |
			     (p[2] & 0x3F);
			p += 3;
		}
		hb_codepoint_t g;
		assert_true(hb_font_get_nominal_glyph(f->font, cp, &g));
		gids[n++] = g;
	}
	return n;
}

/* The parts of a subset a reader needs, found the way a reader finds them;
 * checks there are no subroutines, no Subrs in any Private DICT and that
 * each charstring flattens to itself (so it has no hints and no calls). */
static void S_check_subset(const uint8_t *p, size_t len, uint32_t glyphs)
{
	sg_cff_index names, tops, strings, gsubrs, cs, fdarray;
	size_t at, n;
	assert_int_equal(p[0], 1);
	assert_true(sg_cff_index_read(p, len, p[2], &names));
	assert_true(sg_cff_index_read(p, len, names.end, &tops));
	assert_true(sg_cff_index_read(p, len, tops.end, &strings));
	assert_true(sg_cff_index_read(p, len, strings.end, &gsubrs));
	assert_int_equal(gsubrs.count, 0);
	assert_true(sg_cff_index_item(p, len, &tops, 0, &at, &n));
	sg_cff_dict_op op;
	size_t pos = 0;
	long o_cs = -1, o_fda = -1, o_fds = -1;
	assert_int_equal(sg_cff_dict_next(p + at, n, &pos, &op), 1);
	assert_int_equal(op.op, 1230); /* ROS first */
	int rc;
	while ((rc = sg_cff_dict_next(p + at, n, &pos, &op)) > 0) {
		assert_true(op.op != 13 && op.op != 14 && op.op != 1235); /* no UniqueID, XUID */
		if (op.op == 17)
			o_cs = op.args[0];
		else if (op.op == 1236)
			o_fda = op.args[0];
		else if (op.op == 1237)
			o_fds = op.args[0];
	}
	assert_int_equal(rc, 0);
	assert_true(o_cs > 0 && o_fda > 0 && o_fds > 0);
	assert_int_equal(p[o_fds], 3);
	assert_true(sg_cff_index_read(p, len, (size_t)o_cs, &cs));
	assert_int_equal(cs.count, glyphs);
	assert_true(sg_cff_index_read(p, len, (size_t)o_fda, &fdarray));
	assert_true(fdarray.count >= 1);
	for (uint32_t i = 0; i < fdarray.count; i++) {
		assert_true(sg_cff_index_item(p, len, &fdarray, i, &at, &n));
		long psize = -1, poff = -1;
		pos = 0;
		while ((rc = sg_cff_dict_next(p + at, n, &pos, &op)) > 0)
			if (op.op == 18) {
				psize = op.args[0];
				poff = op.args[1];
			}
		assert_true(psize > 0 && poff > 0 && (size_t)(poff + psize) <= len);
		pos = 0;
		while ((rc = sg_cff_dict_next(p + poff, (size_t)psize, &pos, &op)) > 0)
			assert_int_not_equal(op.op, 19); /* Subrs */
		assert_int_equal(rc, 0);
	}
	sg_cff_index none = {0};
	sg_cff_subrs empty;
	sg_cff_subrs_init(&empty, p, len, &none);
	sg_buf again;
	sg_buf_init(&again);
	for (uint32_t g = 0; g < cs.count; g++) {
		assert_true(sg_cff_index_item(p, len, &cs, g, &at, &n));
		sg_buf_clear(&again);
		assert_int_equal(sg_cff_charstring_flatten(&again, p + at, n, &empty, &empty), 0);
		assert_int_equal(again.len, n);
		assert_memory_equal(again.data, p + at, n);
	}
	sg_buf_dispose(&again);
}

/* A subset made with the charstring cache is the subset made without it,
 * whether the cache holds the glyphs (a second document) or some of them. */
static void test_subset_cached(void **state)
{
	(void)state;
	S_font f;
	if (!S_font_open(&f, S_NOTO_SERIF))
		skip();
	sg_cff_info ci;
	assert_int_equal(sg_cff_read(&ci, f.data, f.len), 0);
	uint32_t a[16], b[16];
	size_t na = S_gids(&f, "王明。A", a), nb = S_gids(&f, "明天见B", b);
	sg_cff_cache *cache = sg_cff_cache_new(ci.glyphs);
	const uint32_t *sets[4] = {a, b, a, b};
	size_t ns[4] = {na, nb, na, nb};
	for (int k = 0; k < 4; k++) {
		sg_buf plain, cached;
		sg_buf_init(&plain);
		sg_buf_init(&cached);
		assert_int_equal(sg_cff_subset(&plain, f.data, f.len, &ci, sets[k], ns[k]), 0);
		assert_int_equal(
		    sg_cff_subset_cached(&cached, f.data, f.len, &ci, sets[k], ns[k], cache), 0);
		assert_int_equal(cached.len, plain.len);
		assert_memory_equal(cached.data, plain.data, plain.len);
		sg_buf_dispose(&plain);
		sg_buf_dispose(&cached);
	}
	/* A glyph beyond the font is refused with the cache too. */
	sg_buf out;
	sg_buf_init(&out);
	uint32_t beyond[2] = {a[0], ci.glyphs};
	assert_int_equal(sg_cff_subset_cached(&out, f.data, f.len, &ci, beyond, 2, cache), -1);
	assert_int_equal(out.len, 0);
	sg_buf_dispose(&out);
	sg_cff_cache_free(cache);
	sg_cff_info_dispose(&ci);
	S_font_close(&f);
}

static void test_subset_noto(void **state)
{
	(void)state;
	S_font f;
	if (!S_font_open(&f, S_NOTO_SERIF))
		skip();
	sg_cff_info ci;
	assert_int_equal(sg_cff_read(&ci, f.data, f.len), 0);
	assert_true(ci.cid_keyed);
	uint32_t gids[16];
	size_t n = S_gids(&f, "王明。A", gids);
	sg_buf out;
	sg_buf_init(&out);
	sg_buf_puts(&out, "kept");
	assert_int_equal(sg_cff_subset(&out, f.data, f.len, &ci, gids, n), 0);
	assert_memory_equal(out.data, "kept", 4);
	const uint8_t *sub = (const uint8_t *)out.data + 4;
	size_t sublen = out.len - 4;
	/* .notdef and the four glyphs in CID order, each with its CID. */
	sg_cff_info si;
	assert_int_equal(sg_cff_read(&si, sub, sublen), 0);
	assert_true(si.cid_keyed);
	assert_int_equal(si.glyphs, 5);
	const uint32_t want[5] = {0, 34, 1405, 20246, 26208};
	for (uint32_t g = 0; g < 5; g++)
		assert_int_equal(sg_cff_cid(&si, g), want[g]);
	sg_cff_info_dispose(&si);
	S_check_subset(sub, sublen, 5);

	/* The same glyphs in another order, repeated, with .notdef: the same
	 * bytes. */
	uint32_t shuffled[10] = {gids[3], gids[0], 0, gids[2], gids[3], gids[1], gids[0]};
	sg_buf again;
	sg_buf_init(&again);
	assert_int_equal(sg_cff_subset(&again, f.data, f.len, &ci, shuffled, 7), 0);
	assert_int_equal(again.len, sublen);
	assert_memory_equal(again.data, sub, sublen);

	/* A glyph the font does not have. */
	sg_buf_clear(&again);
	uint32_t beyond[2] = {gids[0], ci.glyphs};
	assert_int_equal(sg_cff_subset(&again, f.data, f.len, &ci, beyond, 2), -1);
	assert_int_equal(again.len, 0);
	/* .notdef alone. */
	assert_int_equal(sg_cff_subset(&again, f.data, f.len, &ci, NULL, 0), 0);
	S_check_subset((const uint8_t *)again.data, again.len, 1);

	sg_buf_dispose(&again);
	sg_buf_dispose(&out);
	sg_cff_info_dispose(&ci);
	S_font_close(&f);
}

/* Every glyph of a face of each family, each once: none refused. */
static void test_subset_every_glyph(void **state)
{
	(void)state;
	const char *paths[2] = {S_NOTO_SERIF, S_NOTO_SANS_BOLD};
	for (int k = 0; k < 2; k++) {
		S_font f;
		if (!S_font_open(&f, paths[k]))
			skip();
		sg_cff_info ci;
		assert_int_equal(sg_cff_read(&ci, f.data, f.len), 0);
		uint32_t *all = malloc(ci.glyphs * sizeof *all);
		for (uint32_t g = 0; g < ci.glyphs; g++)
			all[g] = g;
		sg_buf out;
		sg_buf_init(&out);
		assert_int_equal(sg_cff_subset(&out, f.data, f.len, &ci, all, ci.glyphs), 0);
		sg_cff_info si;
		assert_int_equal(sg_cff_read(&si, (const uint8_t *)out.data, out.len), 0);
		assert_int_equal(si.glyphs, ci.glyphs);
		for (uint32_t g = 0; g < ci.glyphs; g += 97)
			assert_int_equal(sg_cff_cid(&si, g), sg_cff_cid(&ci, g));
		sg_cff_info_dispose(&si);
		sg_buf_dispose(&out);
		free(all);
		sg_cff_info_dispose(&ci);
		S_font_close(&f);
	}
}

/* A subset of Noto Sans CJK SC Bold as HarfBuzz makes it by default, hints
 * and subroutines kept: the seed of the malformed-input cases (and of
 * tests/fuzz/corpus/cff/). */
static bool S_seed(sg_buf *out)
{
	S_font f;
	if (!S_font_open(&f, S_NOTO_SANS_BOLD))
		return false;
	uint32_t gids[16];
	size_t n = S_gids(&f, "粗体标题A", gids);
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	hb_set_t *gs = hb_subset_input_glyph_set(in);
	for (size_t i = 0; i < n; i++)
		hb_set_add(gs, gids[i]);
	hb_face_t *sub = hb_subset_or_fail(f.face, in);
	assert_non_null(sub);
	hb_blob_t *b = hb_face_reference_table(sub, HB_TAG('C', 'F', 'F', ' '));
	unsigned len = 0;
	const char *d = hb_blob_get_data(b, &len);
	sg_buf_put(out, d, len);
	hb_blob_destroy(b);
	hb_face_destroy(sub);
	hb_subset_input_destroy(in);
	S_font_close(&f);
	return true;
}

/* Reads data[0..len) and subsets it to its first glyphs; whatever the
 * result, a subset made is read back. */
static int S_try(const uint8_t *data, size_t len)
{
	sg_cff_info ci;
	if (sg_cff_read(&ci, data, len) < 0)
		return -1;
	uint32_t gids[8];
	size_t n = ci.glyphs < 8 ? ci.glyphs : 8;
	for (size_t i = 0; i < n; i++)
		gids[i] = (uint32_t)i;
	sg_buf out;
	sg_buf_init(&out);
	int rc = sg_cff_subset(&out, data, len, &ci, gids, n);
	if (rc == 0) {
		sg_cff_info si;
		if (sg_cff_read(&si, (const uint8_t *)out.data, out.len) == 0)
			sg_cff_info_dispose(&si);
		else
			rc = -2;
	}
	sg_buf_dispose(&out);
	sg_cff_info_dispose(&ci);
	return rc;
}

static void test_subset_malformed(void **state)
{
	(void)state;
	sg_buf seed;
	sg_buf_init(&seed);
	if (!S_seed(&seed))
		skip();
	const uint8_t *p = (const uint8_t *)seed.data;
	/* The seed itself: its subroutines and hints go. */
	assert_int_equal(S_try(p, seed.len), 0);
	/* Every cut: refused, or a subset that reads back. */
	int made = 0;
	for (size_t len = 0; len < seed.len; len++) {
		int rc = S_try(p, len);
		assert_true(rc == 0 || rc == -1);
		made += rc == 0;
	}
	/* Each byte changed three ways. */
	uint8_t *copy = malloc(seed.len);
	static const int how[3] = {0x00, 0xFF, 0x80};
	for (size_t i = 0; i < seed.len; i++)
		for (int k = 0; k < 3; k++) {
			memcpy(copy, p, seed.len);
			copy[i] = k == 2 ? (uint8_t)(copy[i] ^ how[k]) : (uint8_t)how[k];
			int rc = S_try(copy, seed.len);
			assert_true(rc == 0 || rc == -1);
		}
	free(copy);
	print_message("seed of %zu bytes; %d of its cuts still make a subset\n", seed.len, made);
	sg_buf_dispose(&seed);
}

/* A CFF that is not CID-keyed is not this subsetter's. */
static void test_subset_name_keyed(void **state)
{
	(void)state;
	hb_blob_t *file = hb_blob_create_from_file(SG_TEST_DATA "/fonts/name-keyed.otf");
	hb_face_t *face = hb_face_create(file, 0);
	hb_blob_t *cff = hb_face_reference_table(face, HB_TAG('C', 'F', 'F', ' '));
	unsigned len = 0;
	const uint8_t *d = (const uint8_t *)hb_blob_get_data(cff, &len);
	assert_true(len > 0);
	sg_cff_info ci;
	assert_int_equal(sg_cff_read(&ci, d, len), 0);
	assert_false(ci.cid_keyed);
	uint32_t gids[2] = {1, 2};
	sg_buf out;
	sg_buf_init(&out);
	assert_int_equal(sg_cff_subset(&out, d, len, &ci, gids, 2), -1);
	assert_int_equal(out.len, 0);
	sg_buf_dispose(&out);
	sg_cff_info_dispose(&ci);
	hb_blob_destroy(cff);
	hb_face_destroy(face);
	hb_blob_destroy(file);
}

/* Writes the seed of tests/fuzz/corpus/cff/ when asked:
 * test_pdf_cff --write-seed FILE. */
static int S_write_seed(const char *path)
{
	sg_buf seed;
	sg_buf_init(&seed);
	if (!S_seed(&seed))
		return 1;
	FILE *fp = fopen(path, "wb");
	int rc = fp && fwrite(seed.data, 1, seed.len, fp) == seed.len && fclose(fp) == 0 ? 0 : 1;
	sg_buf_dispose(&seed);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--write-seed") == 0)
		return S_write_seed(argv[2]);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flatten_plain),
		cmocka_unit_test(test_flatten_hints),
		cmocka_unit_test(test_flatten_subrs),
		cmocka_unit_test(test_flatten_refused),
		cmocka_unit_test(test_flatten_limits),
		cmocka_unit_test(test_index_and_dict),
		cmocka_unit_test(test_subset_noto),
		cmocka_unit_test(test_subset_cached),
		cmocka_unit_test(test_subset_every_glyph),
		cmocka_unit_test(test_subset_malformed),
		cmocka_unit_test(test_subset_name_keyed),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}

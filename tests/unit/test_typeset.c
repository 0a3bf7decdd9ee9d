/*
 * test_typeset.c - golden layouts of the typesetting rules, one per rule:
 * punctuation compression of adjacent marks, the line-start and line-end
 * rules (kinsoku), the quarter em between Han and Latin text with and
 * without a typed space, no last line of one Han character, no letter-spaced
 * line when a phone number does not fit, a number kept with its unit,
 * hyphenated English, and Chinese emphasis in Kai or in dots.
 *
 * Each document is a short Markdown paragraph laid out by sg_layout_markdown
 * at 12 pt in WenQuanYi Micro Hei (every Han character and full-width mark
 * 12 pt wide), DejaVu Sans and LXGW WenKai, so the numbers are easy to
 * read. The dump (tests/data/layout/README says it in full) lists every
 * glyph of every line with its x, its advance and the gap to the next
 * glyph: a compressed mark shows a gap of -6.00 (the half em it gives up),
 * the quarter em a gap of +3.00, the face each glyph is set in, and the
 * dots of emphasis. Golden files: tests/data/layout/rule-*.txt; run with
 * SG_UPDATE_GOLDEN=1 to rewrite them after a deliberate change, and read
 * the diff before committing it.
 *
 * Each test fails with its rule switched off: what was switched off to see
 * it (by hand, in a scratch build) is said above each test as "Off".
 *
 * Beside the golden files, a sweep (test_sweep) breaks the paragraphs of
 * tests/data/typeset/rules-zh.md at every measure from 6 to 40 ems, ragged
 * and justified, and checks what a reader would see at any of them: no
 * Latin word or number split without a hyphen when it fits the measure, no
 * line in a paragraph's middle left short when what follows it would have
 * fitted, no letter-spaced line.
 */
#include "support.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "layout/layout.h"
#include "layout/linebreak.h"
#include "layout/style.h"
#include "load/mdparse.h"

#define S_X 50.0 /* the body's left edge */

/* The first word of a face's family, enough to tell the faces apart, and
 * its style unless it is the regular one ("DejaVu Oblique"). */
static void S_face(sg_buf *b, const sg_font_slot *slot)
{
	const char *f = slot && slot->face ? sg_font_face_family(slot->face) : "?";
	size_t n = strcspn(f, " ,");
	sg_buf_printf(b, "%.*s", (int)n, f);
	const char *st = slot && slot->face ? sg_font_face_style(slot->face) : NULL;
	if (st && *st && strcmp(st, "Regular") != 0 && strcmp(st, "Book") != 0)
		sg_buf_printf(b, " %.*s", (int)strcspn(st, ","), st);
}

static bool S_row(const sg_item *it)
{
	return !(it->flags & (SG_ITEM_SPACE | SG_ITEM_OBJECT));
}

/* Line li of text t, drawn from x0 in a body measure points wide, as rows
 * of glyphs (README). */
static void S_dump_line(sg_buf *b, const sg_ltext *t, size_t li, double x0, double measure)
{
	const sg_line *ln = &t->lines.lines[li];
	const sg_item *it = t->lines.items;
	sg_buf_printf(b, "line %zu  indent %.2f  width %.2f of %.2f%s\n", li + 1, x0 - S_X,
		      ln->width, measure - (x0 - S_X), ln->hard ? "  (last)" : "");
	bool typed = false;
	for (size_t k = ln->first; k < ln->end; k++) {
		if (!S_row(&it[k])) {
			typed = (it[k].flags & SG_ITEM_SPACE) != 0;
			continue;
		}
		size_t next = k + 1;
		while (next < ln->end && !S_row(&it[next]))
			next++;
		char u[8] = {0};
		sg_utf8_encode(it[k].cp, u);
		sg_buf_printf(b, "%7.2f %6.2f ", it[k].x, it[k].advance);
		double gap = next < ln->end ? it[next].x - it[k].x - it[k].advance : 0;
		if (fabs(gap) < 0.005)
			gap = 0; /* not -0.00 */
		if (next < ln->end)
			sg_buf_printf(b, "%+7.2f", gap);
		else
			sg_buf_puts(b, "       ");
		const sg_fontset *fs = sg_text_run_fontset(&t->para.runs[it[k].run], t->fs);
		const sg_font_slot *slot = sg_fontset_slot(fs, it[k].slot);
		sg_buf_printf(b, "  %s  ", u);
		S_face(b, slot);
		if (slot->emphasis_dots && sg_cjk_kind_of(it[k].cp) == SG_CJK_HAN)
			sg_buf_puts(b, " dot");
		if (slot->synthetic_slant)
			sg_buf_puts(b, " slanted");
		if (it[k].flags & SG_ITEM_HYPHEN)
			sg_buf_puts(b, " hyphen");
		if (typed)
			sg_buf_puts(b, " (typed space before)");
		sg_buf_putc(b, '\n');
		typed = false;
	}
}

/* The dump of Markdown md laid out at measure points wide in language lang,
 * with punctuation punct and Chinese emphasis emph; about: what the file
 * shows, its first line. */
static char *S_set(const char *about, const char *md, const char *lang, double measure,
		   int punct, sg_font_emphasis emph)
{
	sg_style s;
	sg_style_init(&s);
	s.punct = punct;
	sg_diags d;
	sg_diags_init(&d);
	sg_fontset_spec spec = {"DejaVu Sans", "WenQuanYi Micro Hei", "LXGW WenKai", emph,
				sg_pos_make(NULL, 0, 0), sg_pos_make(NULL, 0, 0),
				sg_pos_make(NULL, 0, 0)};
	const sg_fontset *fs = sg_fontset_get_spec(&spec, &d);
	const sg_fontset *mono =
		sg_fontset_get("DejaVu Sans Mono", NULL, sg_pos_make(NULL, 0, 0), &d);
	assert_non_null(fs);
	assert_non_null(mono);
	sg_layout l;
	sg_layout_init(&l);
	sg_layout_opts o = {0};
	o.style = &s;
	o.fs = fs;
	o.mono_fs = mono;
	o.lang = lang;
	o.path = "t.md";
	o.x = S_X;
	o.y = 50;
	o.width = measure;
	o.height = 600;
	sg_mdtree *tree = sg_mdparse(md, strlen(md), 1);
	assert_int_equal(sg_layout_markdown(&l, tree->root, &o, &d), 0);
	sg_buf b;
	sg_buf_init(&b);
	sg_buf_printf(&b, "# %s\n# measure %.2f (%.1f em), %s\n", about, measure, measure / 12,
		      lang);
	sg_ltext_scratch sc;
	sg_ltext_scratch_init(&sc);
	for (size_t p = 0; p < l.npages; p++)
		for (size_t i = 0; i < l.pages[p].n; i++) {
			const sg_box *bx = &l.pages[p].boxes[i];
			if (bx->kind == SG_BOX_TEXT)
				S_dump_line(&b, sg_ltext_open(bx->text, &sc), bx->line, bx->x,
					    measure);
		}
	sg_ltext_scratch_dispose(&sc);
	sg_mdtree_free(tree);
	sg_layout_dispose(&l);
	sg_diags_dispose(&d);
	sg_style_dispose(&s);
	return sg_buf_detach(&b);
}

static void S_golden(const char *name, char *got)
{
	char path[512];
	snprintf(path, sizeof path, "%s/layout/%s.txt", SG_TEST_DATA, name);
	if (getenv("SG_UPDATE_GOLDEN")) {
		FILE *fp = fopen(path, "w");
		assert_non_null(fp);
		fputs(got, fp);
		fclose(fp);
		free(got);
		return;
	}
	size_t len;
	char *want = sg_test_read_file(path, &len);
	if (!want)
		fail_msg("missing golden file %s (run with SG_UPDATE_GOLDEN=1)", path);
	if (strcmp(want, got) != 0) {
		fprintf(stderr, "--- %s differs; got:\n%s", path, got);
		free(want);
		free(got);
		fail_msg("layout differs from %s", path);
	}
	free(want);
	free(got);
}

#define ZH "zh-CN"
#define MAIN SG_PUNCT_MAINLAND

/* Of two adjacent full-width marks one is set half width: 。“ 》、 、《 》”
 * ”。 each show a gap of -6.00 after the first, and ）， -4.59 (the blank
 * that WenQuanYi's bracket leaves beside its ink). Off: punctuation: none
 * (SG_PUNCT_NONE), every gap 0.00. */
static void test_punct_pairs(void **state)
{
	(void)state;
	S_golden("rule-punct-pairs",
		 S_set("adjacent marks: one of two is set half width (a gap of -6.00, or its blank)",
		       "合同（含税），已签。“见《附件》、《清单》”。\n", ZH, 300, MAIN,
		       SG_FONT_EMPH_KAI));
}

/* A line never starts with a closing mark nor ends with an opening one:
 * at ten characters a line (eight on the first, indented), the comma after
 * 八 would start line 2 and the 《 after 九 end it; instead 八 goes down
 * with its comma (line 1 is left short) and 九 with its 《. Off:
 * sg_linebreak_is_closing and sg_linebreak_is_opening (lines.c) false. */
static void test_kinsoku(void **state)
{
	(void)state;
	S_golden("rule-kinsoku",
		 S_set("line-start and line-end rules: no line starts with ， nor ends with 《",
		       "一二三四五六七八，一二三四五六七八九《附件》。\n", ZH, 120, MAIN,
		       SG_FONT_EMPH_KAI));
}

/* A quarter em (+3.00 at 12 pt) between Han and a Latin letter or digit,
 * whether the source has a space there (2016 年, Q3 上线) or not (2026年,
 * Q3上线). Off: S_AUTOSPACE 0 in lineset.c. */
static void test_autospace(void **state)
{
	(void)state;
	S_golden("rule-autospace",
		 S_set("a quarter em (+3.00) between Han and Latin, typed space or not",
		       "2026年与2016 年，Q3上线和Q3 上线。\n", ZH, 300, MAIN, SG_FONT_EMPH_KAI));
}

/* A paragraph's last line holds at least two Han characters: set thirteen
 * a line, 道。 alone would end it; line 3 gives up 知 and is set a little
 * short (155.88 of 156) so that 知道。 ends the paragraph. Off:
 * S_last_lines of linerules.c not called, and the last line is 道。. */
static void test_last_line(void **state)
{
	(void)state;
	S_golden("rule-last-line",
		 S_set("no last line of one Han character",
		       "我们的存储全部加密，传输全程使用加密通道，数据只存放在境内机房，管理员都知道。\n",
		       ZH, 156, MAIN, SG_FONT_EMPH_KAI));
}

/* A phone number that does not fit at a line's end goes to the next line,
 * and the line it leaves is set a little short (155.88 of 162) rather than
 * letter-spaced: its Han characters +1.08 (0.09 em) apart, no more (a
 * tenth of an em and copied text reads them as spaces). Off:
 * SG_LINEBREAK_MAX_RATIO (lines.h) 100. */
static void test_no_letterspacing(void **state)
{
	(void)state;
	S_golden("rule-no-letterspacing",
		 S_set("no letter-spaced line when a phone number does not fit",
		       "请联系大客户经理张伟，电话 138-0013-5566，或者发邮件给他。\n", ZH, 186,
		       MAIN,
		       SG_FONT_EMPH_KAI));
}

/* A number stays with its unit and its currency: line 3 ends with 年费为
 * and CNY 86,400 starts line 4 whole (no break between CNY and 86,400,
 * nor between 700 and 名 on line 2). Off: S_numbers of linerules.c not
 * called. */
static void test_number_unit(void **state)
{
	(void)state;
	S_golden("rule-number-unit",
		 S_set("a number kept with its unit and its currency",
		       "我们为贵公司的 700 名员工提供邮件服务，年费为 CNY 86,400，另有一次性迁移费用。\n",
		       ZH, 108, MAIN, SG_FONT_EMPH_KAI));
}

/* English in an English document is hyphenated where that sets it better:
 * lines 1 and 2 end with a hyphen that is not in the source. Off:
 * sg_para.hyphenate false for every paragraph (blocks.c). */
static void test_hyphenation(void **state)
{
	(void)state;
	S_golden("rule-hyphenation",
		 S_set("English hyphenated (a hyphen item ends a line)",
		       "The administration of international telecommunications requires "
		       "extraordinary coordination.\n",
		       "en", 170, MAIN, SG_FONT_EMPH_KAI));
}

/* *Emphasis* in Chinese is never slanted: in Kai (LXGW) by default, its
 * Latin letters in the Latin family's italic (DejaVu Oblique). Off: the
 * Kai slot replaced by the regular CJK face (S_resolve_emphasis, font.c). */
static void test_emphasis_kai(void **state)
{
	(void)state;
	S_golden("rule-emphasis-kai", S_set("Chinese emphasis in Kai (emphasis_cjk: kai)",
					    "这是*重点*内容，*Q3* 也是。\n", ZH, 300, MAIN,
					    SG_FONT_EMPH_KAI));
}

/* With emphasis_cjk: dots, upright with a dot under each Han character.
 * Off: the slots' emphasis_dots not set (S_resolve_emphasis, font.c). */
static void test_emphasis_dots(void **state)
{
	(void)state;
	S_golden("rule-emphasis-dots", S_set("Chinese emphasis in dots (emphasis_cjk: dots)",
					     "这是*重点*内容，*Q3* 也是。\n", ZH, 300, MAIN,
					     SG_FONT_EMPH_DOTS));
}

/* A Latin word set whole at 8 ems: CNY 13,315.20 and CNY 86,400 start lines
 * 2 and 4 (a line of 合计 alone before the first: the amount does not fit
 * after it on the indented first line), never "CN" / "Y 86,400" nor
 * "CNY 1" / "3,315.20". Off: S_tokens (linerules.c) measuring every token
 * against the indented first line, as it did: a group that does not fit
 * there is split anywhere, C / NY among the places. */
static void test_latin_word(void **state)
{
	(void)state;
	S_golden("rule-latin-word",
		 S_set("a Latin word or a number that fits a line is never split",
		       "合计 CNY 13,315.20；其中人工按每月 CNY 86,400 计，共 700 人、12 个月。\n", ZH,
		       96, MAIN, SG_FONT_EMPH_KAI));
}

/* A paragraph whose lines cannot all be filled (a number and its unit
 * that fit after no line's Chinese) leaves three lines a little short
 * (77 of 108, 106 and 104 of 132), not a first line of 我们 alone (25 of
 * 108) in the paragraph's middle, as it did. Off: S_EMPTY_WEIGHT 0 in
 * totalfit.c (only the number of lines left short counts), and line 1
 * is 我 alone. */
static void test_short_line(void **state)
{
	(void)state;
	S_golden("rule-short-line",
		 S_set("no nearly empty line in a paragraph's middle",
		       "我们为贵公司的 700 名员工提供邮件服务，年费为 CNY 86,400。\n", ZH, 132,
		       MAIN, SG_FONT_EMPH_KAI));
}

/* Ragged text (a table cell, a heading) breaks greedily, but a line that
 * the last free break would leave less than 60% full ends at a dear break
 * further on (inside the address): at 10 ems, 邮 | 箱 zhang.wei@ rather
 * than a line of 箱 alone. Off: S_GREEDY_SHORT 0 in lineset.c. */
static void test_ragged_short(void **state)
{
	(void)state;
	const char *text = "如有任何问题，请联系云邮科技有限公司大客户经理张伟：电话 138-0013-5566，"
			   "邮箱 zhang.wei@cloudmail.example.com，或者访问 "
			   "https://support.cloudmail.example.com/migration/checklist 查看完整的迁移清单。";
	sg_diags d;
	sg_diags_init(&d);
	sg_fontset_spec spec = {"DejaVu Sans", "WenQuanYi Micro Hei", "LXGW WenKai",
				SG_FONT_EMPH_KAI, sg_pos_make(NULL, 0, 0),
				sg_pos_make(NULL, 0, 0), sg_pos_make(NULL, 0, 0)};
	const sg_fontset *fs = sg_fontset_get_spec(&spec, &d);
	assert_non_null(fs);
	sg_para p;
	sg_para_init(&p);
	sg_para_add(&p, text, strlen(text), SG_FONT_REGULAR, 12);
	sg_lines l;
	sg_lines_init(&l);
	sg_linebreak(&l, &p, fs, 120, false);
	for (size_t i = 0; i + 1 < l.nlines; i++)
		if (l.lines[i].width < 0.6 * 120) {
			sg_buf b;
			sg_buf_init(&b);
			sg_lines_text(&l, i, &b);
			fail_msg("line %zu is %.0f of 120 points: \"%s\"", i + 1, l.lines[i].width,
				 b.data);
		}
	sg_lines_dispose(&l);
	sg_para_dispose(&p);
	sg_diags_dispose(&d);
}

/* ---- the sweep ---------------------------------------------------------- */

static bool S_latin(uint32_t c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static bool S_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

/* Whether item k belongs to the word or number of the items around it: a
 * letter or digit, or the point or comma between two digits (86,400). */
static bool S_in_word(const sg_lines *l, size_t k)
{
	const sg_item *it = l->items;
	if (S_latin(it[k].cp))
		return true;
	return (it[k].cp == '.' || it[k].cp == ',') && k > 0 && k + 1 < l->nitems &&
	       S_digit(it[k - 1].cp) && S_digit(it[k + 1].cp);
}

/* How wide the word holding items a and a + 1 is, with the half em of a
 * closing mark after it (，: it cannot start a line, so it goes with the
 * word). */
static double S_word_width(const sg_lines *l, size_t a)
{
	size_t s = a, e = a + 1;
	while (s > 0 && S_in_word(l, s - 1))
		s--;
	while (e < l->nitems && S_in_word(l, e))
		e++;
	double w = 0;
	for (size_t k = s; k < e; k++)
		w += l->items[k].advance;
	if (e < l->nitems && sg_linebreak_is_closing(l->items[e].cp))
		w += l->items[e].advance / 2;
	return w;
}

static int S_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The median gap between adjacent Han characters on line i, in ems; 0
 * when there are none. */
static double S_median_gap(const sg_lines *l, size_t i, double em)
{
	const sg_line *ln = &l->lines[i];
	const sg_item *it = l->items;
	size_t n = 0;
	double *gaps = malloc((ln->end - ln->first + 1) * sizeof *gaps);
	for (size_t k = ln->first; k + 1 < ln->end; k++)
		if (sg_cjk_kind_of(it[k].cp) == SG_CJK_HAN &&
		    sg_cjk_kind_of(it[k + 1].cp) == SG_CJK_HAN)
			gaps[n++] = it[k + 1].x - it[k].x - it[k].advance;
	double m = 0;
	if (n > 0) {
		qsort(gaps, n, sizeof *gaps, S_cmp_double);
		m = gaps[n / 2] / em;
	}
	free(gaps);
	return m;
}

/* How wide the first unbreakable piece of line i + 1 is, as set (to the
 * first item after which UAX #14 and our rules allow a break); a piece
 * that line i + 1 does not hold whole (a long token broken inside) counts
 * as too wide for any line. */
static double S_first_piece(const sg_lines *l, size_t i)
{
	const sg_line *next = &l->lines[i + 1];
	const sg_item *it = l->items;
	size_t c = next->first;
	while (c < next->end && it[c].brk == SG_BREAK_NONE)
		c++;
	if (c >= next->end)
		return 1e9;
	return it[c].x + it[c].advance - it[next->first].x;
}

/* The faults of paragraph text broken at measure points (the first line
 * indent points shorter), appended to b as lines; returns how many. */
static int S_faults(sg_buf *b, sg_lines *l, const sg_para *p, const sg_fontset *fs,
		    int para, double measure, double indent, bool justify)
{
	const double em = 12;
	int faults = 0;
	sg_linebreak_indent(l, p, fs, measure, indent, justify);
	for (size_t i = 0; i < l->nlines; i++) {
		const sg_line *ln = &l->lines[i];
		double room = measure - (i == 0 ? indent : 0);
		char why[96] = "";
		if (!ln->hard && i + 1 < l->nlines && ln->width < 0.6 * room) {
			/* Short, and needlessly: the next line's first piece
			 * fits after it, and the next line would not be left
			 * as short without it (or is the last). */
			const sg_line *nx = &l->lines[i + 1];
			double piece = S_first_piece(l, i) + em / 4;
			if (ln->width + piece <= room &&
			    (nx->hard || nx->width - piece >= 0.6 * measure))
				snprintf(why, sizeof why, "short (%.0f%%) before what fits",
					 100 * ln->width / room);
		}
		double gap = S_median_gap(l, i, em);
		if (gap > 0.15)
			snprintf(why, sizeof why, "letter-spaced (%.2f em)", gap);
		if (i + 1 < l->nlines && ln->end > ln->first && ln->end == l->lines[i + 1].first) {
			size_t a = ln->end - 1;
			if (!(l->items[a].flags & SG_ITEM_HYPHEN) && S_in_word(l, a) &&
			    S_in_word(l, a + 1) && S_word_width(l, a) <= room)
				snprintf(why, sizeof why, "a word split");
		}
		if (!why[0])
			continue;
		faults++;
		sg_buf_printf(b, "paragraph %d at %.0f em %s, line %zu: %s: \"", para,
			      measure / em, justify ? "justified" : "ragged", i + 1, why);
		sg_lines_text(l, i, b);
		sg_buf_puts(b, "\"\n");
	}
	return faults;
}

/* The paragraphs of tests/data/typeset/rules-zh.md (its body: no front
 * matter, no headings) and the two of the golden files above, broken at
 * every measure from 6 to 40 ems in WenQuanYi Micro Hei and DejaVu Sans at
 * 12 pt, ragged and justified (with a Chinese paragraph's indent of two
 * ems). Off: either fix of test_latin_word or test_short_line, and this
 * lists the faults (C / NY, 1 / 3,315.20, 我们 alone, 如有 alone, 者访
 * alone ...). */
static void test_sweep(void **state)
{
	(void)state;
	char path[512];
	snprintf(path, sizeof path, "%s/typeset/rules-zh.md", SG_TEST_DATA);
	size_t len;
	char *md = sg_test_read_file(path, &len);
	assert_non_null(md);
	sg_diags d;
	sg_diags_init(&d);
	sg_fontset_spec spec = {"DejaVu Sans", "WenQuanYi Micro Hei", "LXGW WenKai",
				SG_FONT_EMPH_KAI, sg_pos_make(NULL, 0, 0),
				sg_pos_make(NULL, 0, 0), sg_pos_make(NULL, 0, 0)};
	const sg_fontset *fs = sg_fontset_get_spec(&spec, &d);
	assert_non_null(fs);
	sg_buf paras; /* one paragraph a line */
	sg_buf_init(&paras);
	sg_buf_puts(&paras, "我们为贵公司的 700 名员工提供邮件服务，年费为 CNY 86,400。\n"
			    "合计 CNY 13,315.20；其中人工按每月 CNY 86,400 计，共 700 人、12 个月。\n");
	int dashes = 0;
	for (char *line = md; line && *line;) {
		char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);
		if (n >= 3 && strncmp(line, "---", 3) == 0)
			dashes++;
		else if (dashes >= 2 && n > 0 && line[0] != '#')
			sg_buf_printf(&paras, "%.*s\n", (int)n, line);
		line = nl ? nl + 1 : NULL;
	}
	sg_buf faults;
	sg_buf_init(&faults);
	int nfaults = 0;
	sg_lines l;
	sg_lines_init(&l);
	sg_para p;
	sg_para_init(&p);
	int para = 0;
	for (char *line = paras.data; *line; para++) {
		char *nl = strchr(line, '\n');
		sg_para_clear(&p);
		sg_para_add(&p, line, (size_t)(nl - line), SG_FONT_REGULAR, 12);
		for (int em = 6; em <= 40; em++)
			for (int justify = 0; justify < 2; justify++)
				nfaults += S_faults(&faults, &l, &p, fs, para + 1, em * 12.0,
						    justify ? 24 : 0, justify);
		line = nl + 1;
	}
	sg_para_dispose(&p);
	sg_lines_dispose(&l);
	if (nfaults > 0)
		fprintf(stderr, "%s", faults.data);
	sg_buf_dispose(&faults);
	sg_buf_dispose(&paras);
	sg_diags_dispose(&d);
	free(md);
	assert_int_equal(nfaults, 0);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_punct_pairs),	 cmocka_unit_test(test_kinsoku),
		cmocka_unit_test(test_autospace),	 cmocka_unit_test(test_last_line),
		cmocka_unit_test(test_no_letterspacing), cmocka_unit_test(test_number_unit),
		cmocka_unit_test(test_hyphenation),	 cmocka_unit_test(test_emphasis_kai),
		cmocka_unit_test(test_emphasis_dots),	 cmocka_unit_test(test_latin_word),
		cmocka_unit_test(test_short_line),	 cmocka_unit_test(test_ragged_short),
		cmocka_unit_test(test_sweep),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}

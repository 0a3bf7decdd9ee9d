/*
 * test_font.c - font lookup (TrueType and CFF families, faces of
 * collections), the face chosen per character (beyond the BMP too, never a
 * slanted one for Chinese), the fallback chain, widths.
 *
 * Needs the Debian fonts salesgen uses: fonts-dejavu, fonts-wqy-microhei,
 * fonts-noto-cjk, fonts-lxgw-wenkai, and fonts-hanazono, whose HanaMinA and
 * HanaMinB cover CJK Extension B.
 */
#include "support.h"

#include <math.h>
#include <pthread.h>
#include <string.h>

#include "base/utf8.h"
#include "layout/font.h"

static const sg_fontset *S_defaults(void)
{
	sg_diags d;
	sg_diags_init(&d);
	const sg_fontset *fs = sg_fontset_get(NULL, NULL, sg_pos_make("theme", 1, 1), &d);
	assert_non_null(fs);
	assert_int_equal(d.count, 0);
	sg_diags_dispose(&d);
	return fs;
}

static bool S_ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static uint32_t S_cp(const char *utf8)
{
	uint32_t cp;
	sg_utf8_decode(utf8, strlen(utf8), &cp);
	return cp;
}

static void test_default_faces(void **state)
{
	(void)state;
	const sg_fontset *fs = S_defaults();
	const sg_font_slot *r = sg_fontset_slot(fs, sg_font_slot_index(SG_FONT_LATIN, SG_FONT_REGULAR));
	const sg_font_slot *b = sg_fontset_slot(fs, sg_font_slot_index(SG_FONT_LATIN, SG_FONT_BOLD));
	const sg_font_slot *i = sg_fontset_slot(fs, sg_font_slot_index(SG_FONT_LATIN, SG_FONT_ITALIC));
	const sg_font_slot *bi =
		sg_fontset_slot(fs, sg_font_slot_index(SG_FONT_LATIN, SG_FONT_BOLD_ITALIC));
	assert_string_equal(sg_font_face_family(r->face), "DejaVu Sans");
	/* The plain face, not Condensed or ExtraLight. */
	assert_true(S_ends_with(sg_font_face_path(r->face), "/DejaVuSans.ttf"));
	assert_true(S_ends_with(sg_font_face_path(b->face), "/DejaVuSans-Bold.ttf"));
	assert_true(S_ends_with(sg_font_face_path(i->face), "/DejaVuSans-Oblique.ttf"));
	assert_true(S_ends_with(sg_font_face_path(bi->face), "/DejaVuSans-BoldOblique.ttf"));
	assert_false(b->synthetic_bold || i->synthetic_slant || bi->synthetic_bold ||
		     bi->synthetic_slant);

	/* WenQuanYi Micro Hei has one face: its bold is synthetic. Chinese
	 * emphasis of this set is in dots: upright, never slanted. */
	const sg_font_slot *cr = sg_fontset_slot(fs, sg_font_slot_index(SG_FONT_CJK, SG_FONT_REGULAR));
	const sg_font_slot *cb = sg_fontset_slot(fs, sg_font_slot_index(SG_FONT_CJK, SG_FONT_BOLD));
	const sg_font_slot *ci = sg_fontset_slot(fs, sg_font_slot_index(SG_FONT_CJK, SG_FONT_ITALIC));
	const sg_font_slot *cbi =
		sg_fontset_slot(fs, sg_font_slot_index(SG_FONT_CJK, SG_FONT_BOLD_ITALIC));
	assert_string_equal(sg_font_face_family(cr->face), "WenQuanYi Micro Hei");
	assert_true(S_ends_with(sg_font_face_path(cr->face), "wqy-microhei.ttc"));
	assert_true(sg_font_face_glyph_count(cr->face) > 40000);
	assert_false(cr->synthetic_bold || cr->synthetic_slant);
	assert_ptr_equal(cb->face, cr->face);
	assert_true(cb->synthetic_bold && !cb->synthetic_slant);
	assert_ptr_equal(ci->face, cr->face);
	assert_true(ci->emphasis_dots && !ci->synthetic_slant && !ci->synthetic_bold);
	assert_ptr_equal(cbi->face, cr->face);
	assert_true(cbi->emphasis_dots && cbi->synthetic_bold && !cbi->synthetic_slant);
	assert_false(cr->emphasis_dots || cb->emphasis_dots);
	assert_string_equal(cb->family, "WenQuanYi Micro Hei");

	/* Cached: the same set and the same parsed faces come back. */
	assert_ptr_equal(S_defaults(), fs);
}

static void test_serif_family(void **state)
{
	(void)state;
	sg_diags d;
	sg_diags_init(&d);
	const sg_fontset *fs = sg_fontset_get(SG_FONT_DEFAULT_SERIF, NULL, sg_pos_make("t", 1, 1), &d);
	assert_non_null(fs);
	const sg_font_slot *i = sg_fontset_slot(fs, sg_font_slot_index(SG_FONT_LATIN, SG_FONT_ITALIC));
	assert_true(S_ends_with(sg_font_face_path(i->face), "/DejaVuSerif-Italic.ttf"));
	assert_false(i->synthetic_slant);
	/* The CJK faces are shared with the default set: parsed once. */
	const sg_fontset *def = S_defaults();
	assert_ptr_equal(sg_fontset_slot(fs, 4)->face, sg_fontset_slot(def, 4)->face);
	sg_diags_dispose(&d);
}

static void test_unknown_family(void **state)
{
	(void)state;
	sg_diags d;
	sg_diags_init(&d);
	const sg_fontset *fs =
		sg_fontset_get("No Such Family 42", NULL, sg_pos_make("themes/x/theme.yaml", 3, 7), &d);
	assert_null(fs);
	assert_int_equal(sg_diags_errors(&d), 1);
	assert_string_equal(d.items[0].path, "themes/x/theme.yaml");
	assert_int_equal(d.items[0].line, 3);
	assert_non_null(strstr(d.items[0].message, "No Such Family 42"));
	assert_non_null(strstr(d.items[0].message, "not installed"));
	sg_diags_dispose(&d);
}

static void test_choose_face(void **state)
{
	(void)state;
	const sg_fontset *fs = S_defaults();
	int latin = sg_font_slot_index(SG_FONT_LATIN, SG_FONT_REGULAR);
	int cjk = sg_font_slot_index(SG_FONT_CJK, SG_FONT_REGULAR);
	bool missing = true;
	assert_int_equal(sg_fontset_choose(fs, 'A', SG_FONT_REGULAR, &missing), latin);
	assert_false(missing);
	assert_int_equal(sg_fontset_choose(fs, ' ', SG_FONT_REGULAR, NULL), latin);
	assert_int_equal(sg_fontset_choose(fs, S_cp("中"), SG_FONT_REGULAR, NULL), cjk);
	assert_int_equal(sg_fontset_choose(fs, S_cp("，"), SG_FONT_REGULAR, NULL), cjk);
	assert_int_equal(sg_fontset_choose(fs, S_cp("。"), SG_FONT_REGULAR, NULL), cjk);
	assert_int_equal(sg_fontset_choose(fs, S_cp("カ"), SG_FONT_REGULAR, NULL), cjk);
	assert_int_equal(sg_fontset_choose(fs, S_cp("Ａ"), SG_FONT_REGULAR, NULL), cjk);
	assert_int_equal(sg_fontset_choose(fs, S_cp("中"), SG_FONT_BOLD, NULL),
			 sg_font_slot_index(SG_FONT_CJK, SG_FONT_BOLD));
	assert_int_equal(sg_fontset_choose(fs, 'e', SG_FONT_ITALIC, NULL),
			 sg_font_slot_index(SG_FONT_LATIN, SG_FONT_ITALIC));
	/* Ⅺ-style enclosed numbers: DejaVu Sans lacks ⑪, WenQuanYi has it. */
	assert_false(sg_font_prefers_cjk(0x246A));
	assert_int_equal(sg_fontset_choose(fs, 0x246A, SG_FONT_REGULAR, &missing), cjk);
	assert_false(missing);
	/* Neither font has a private-use character. */
	assert_int_equal(sg_fontset_choose(fs, 0xE123, SG_FONT_REGULAR, &missing), latin);
	assert_true(missing);
}

static void test_widths(void **state)
{
	(void)state;
	const sg_fontset *fs = S_defaults();
	/* DejaVu Sans: "A" advances 1401 of 2048 units; WenQuanYi's Han are 1 em. */
	assert_true(fabs(sg_fontset_measure(fs, "A", 1, SG_FONT_REGULAR, 12) - 1401.0 * 12 / 2048) <
		    1e-9);
	assert_true(fabs(sg_fontset_measure(fs, "中", 3, SG_FONT_REGULAR, 12) - 12.0) < 1e-9);
	assert_true(fabs(sg_fontset_measure(fs, "报告", 6, SG_FONT_REGULAR, 10.5) - 21.0) < 1e-9);
	const char *mixed = "中A中";
	double w = sg_fontset_measure(fs, mixed, strlen(mixed), SG_FONT_REGULAR, 12);
	assert_true(fabs(w - (24.0 + 1401.0 * 12 / 2048)) < 1e-9);
	/* Bold Latin is wider than regular; synthetic bold CJK is not. */
	assert_true(sg_fontset_measure(fs, "Sales", 5, SG_FONT_BOLD, 12) >
		    sg_fontset_measure(fs, "Sales", 5, SG_FONT_REGULAR, 12));
	assert_true(fabs(sg_fontset_measure(fs, "中", 3, SG_FONT_BOLD, 12) - 12.0) < 1e-9);
	assert_true(sg_fontset_measure(fs, "", 0, SG_FONT_REGULAR, 12) == 0);
}

/* Characters beyond the BMP are chosen and measured like any other: Han
 * characters of Extension B in a CJK family that has them (HanaMinA), set
 * full width. (Where neither family has one: test_fallback_chain.) */
static void test_beyond_bmp(void **state)
{
	(void)state;
	sg_diags d;
	sg_diags_init(&d);
	const sg_fontset *fs = sg_fontset_get(NULL, "HanaMinA", sg_pos_make("theme", 1, 1), &d);
	assert_non_null(fs);
	int cjk = sg_font_slot_index(SG_FONT_CJK, SG_FONT_REGULAR);
	const char *const extb[] = {"\xF0\xA0\x80\x80", "\xF0\xAA\x9A\xA5"}; /* U+20000, U+2A6A5 */
	for (int i = 0; i < 2; i++) {
		bool missing = true;
		uint32_t cp = S_cp(extb[i]);
		assert_true(cp > 0xFFFF);
		assert_int_equal(sg_fontset_choose(fs, cp, SG_FONT_REGULAR, &missing), cjk);
		assert_false(missing);
		assert_true(fabs(sg_fontset_advance(fs, cjk, cp, 12) - 12.0) < 1e-9);
	}
	double ab = sg_fontset_advance(fs, 0, 'A', 12) + sg_fontset_advance(fs, 0, 'B', 12);
	assert_true(ab > 0);
	assert_true(fabs(sg_fontset_measure(fs, "A\xF0\xA0\x80\x80" "B", 6, SG_FONT_REGULAR, 12) -
			 (ab + 12.0)) < 1e-9);
	sg_diags_dispose(&d);
}

/* The default theme's families: Noto Serif CJK SC, an OpenType/CFF
 * collection, its Simplified Chinese face picked by name, with a real bold;
 * Chinese emphasis in LXGW WenKai (TrueType) and its bold; Noto CJK has no
 * italic, so Latin italic is slanted, Chinese never. */
static void test_cff_collection(void **state)
{
	(void)state;
	sg_diags d;
	sg_diags_init(&d);
	sg_fontset_spec spec = {"Noto Serif CJK SC", "Noto Serif CJK SC", NULL, SG_FONT_EMPH_KAI,
				sg_pos_make("pdf.yaml", 2, 3), sg_pos_make("pdf.yaml", 3, 3),
				sg_pos_make("pdf.yaml", 4, 3)};
	const sg_fontset *fs = sg_fontset_get_spec(&spec, &d);
	assert_non_null(fs);
	assert_int_equal(d.count, 0);
	const sg_font_slot *r = sg_fontset_slot(fs, sg_font_slot_index(SG_FONT_CJK, SG_FONT_REGULAR));
	const sg_font_slot *b = sg_fontset_slot(fs, sg_font_slot_index(SG_FONT_CJK, SG_FONT_BOLD));
	const sg_font_slot *i = sg_fontset_slot(fs, sg_font_slot_index(SG_FONT_CJK, SG_FONT_ITALIC));
	const sg_font_slot *bi =
		sg_fontset_slot(fs, sg_font_slot_index(SG_FONT_CJK, SG_FONT_BOLD_ITALIC));
	const sg_font_slot *li =
		sg_fontset_slot(fs, sg_font_slot_index(SG_FONT_LATIN, SG_FONT_ITALIC));
	assert_true(S_ends_with(sg_font_face_path(r->face), "/NotoSerifCJK-Regular.ttc"));
	assert_true(S_ends_with(sg_font_face_path(b->face), "/NotoSerifCJK-Bold.ttc"));
	assert_false(b->synthetic_bold);
	/* The SC face of the collection: its own name table says so. */
	const sg_font_face *sc = sg_font_face_load(sg_font_face_path(r->face),
						   sg_font_face_index(r->face));
	assert_ptr_equal(sc, r->face);
	assert_string_equal(sg_font_face_family(r->face), "Noto Serif CJK SC");
	assert_true(sg_font_face_has_glyph(r->face, S_cp("\xE5\x9B\xBD"))); /* 国 */
	assert_true(sg_font_face_upem(r->face) == 1000);
	/* Emphasis: Kai, upright, its real bold. */
	assert_true(S_ends_with(sg_font_face_path(i->face), "/LXGWWenKai-Regular.ttf"));
	assert_true(S_ends_with(sg_font_face_path(bi->face), "/LXGWWenKai-Bold.ttf"));
	assert_false(i->synthetic_slant || bi->synthetic_slant || bi->synthetic_bold);
	assert_string_equal(i->family, SG_FONT_DEFAULT_KAI);
	assert_true(li->synthetic_slant);
	assert_ptr_equal(li->face, r->face);
	/* 中 in italic: the Kai slot; a Latin letter: the slanted one. */
	assert_int_equal(sg_fontset_choose(fs, S_cp("中"), SG_FONT_ITALIC, NULL),
			 sg_font_slot_index(SG_FONT_CJK, SG_FONT_ITALIC));
	assert_int_equal(sg_fontset_choose(fs, 'e', SG_FONT_ITALIC, NULL),
			 sg_font_slot_index(SG_FONT_LATIN, SG_FONT_ITALIC));
	sg_diags_dispose(&d);
}

/* Noto CJK draws the curly quotes and the ellipsis full width, as Chinese
 * text wants them; in its Latin slots they take the proportional forms, so
 * English reads "customer’s", not "customer’ s". Layout and renderer share
 * the glyph (sg_font_slot_glyph). */
static void test_latin_forms(void **state)
{
	(void)state;
	sg_diags d;
	sg_diags_init(&d);
	sg_fontset_spec spec = {"Noto Serif CJK SC", "Noto Serif CJK SC", NULL, SG_FONT_EMPH_KAI,
				sg_pos_make("pdf.yaml", 2, 3), sg_pos_make("pdf.yaml", 3, 3),
				sg_pos_make("pdf.yaml", 4, 3)};
	const sg_fontset *fs = sg_fontset_get_spec(&spec, &d);
	assert_non_null(fs);
	int latin = sg_font_slot_index(SG_FONT_LATIN, SG_FONT_REGULAR);
	int cjk = sg_font_slot_index(SG_FONT_CJK, SG_FONT_REGULAR);
	const uint32_t cps[] = {0x2018, 0x2019, 0x201C, 0x201D, 0x2026};
	for (size_t k = 0; k < sizeof cps / sizeof *cps; k++) {
		assert_true(sg_fontset_advance(fs, cjk, cps[k], 10) > 9.9);
		assert_true(sg_fontset_advance(fs, latin, cps[k], 10) < 9.5);
		assert_int_not_equal(sg_font_slot_glyph(sg_fontset_slot(fs, latin), cps[k]),
				     sg_font_slot_glyph(sg_fontset_slot(fs, cjk), cps[k]));
	}
	assert_true(sg_fontset_advance(fs, latin, 0x2019, 10) < 3);
	/* Letters keep their one glyph; a Latin face has no other forms. */
	assert_int_equal(sg_font_slot_glyph(sg_fontset_slot(fs, latin), 'e'),
			 sg_font_slot_glyph(sg_fontset_slot(fs, cjk), 'e'));
	const sg_fontset *dv = sg_fontset_get("DejaVu Sans", NULL, sg_pos_make("t", 1, 1), &d);
	assert_non_null(dv);
	assert_int_equal(sg_fontset_slot(dv, latin)->latin_form[1], 0);
	assert_int_equal(d.count, 0);
	sg_diags_dispose(&d);
}

/* A character of Chinese text is never given a slanted slot: with a "Kai"
 * family that has no Han characters (DejaVu Sans), 中 in italic falls back
 * to the upright CJK face, not to the Latin family's slanted one, although
 * that one (the same Noto face) has it. */
static void test_never_slanted(void **state)
{
	(void)state;
	sg_diags d;
	sg_diags_init(&d);
	sg_fontset_spec spec = {0};
	spec.latin = spec.cjk = "Noto Sans CJK SC";
	spec.kai = "DejaVu Sans";
	spec.emphasis = SG_FONT_EMPH_KAI;
	const sg_fontset *fs = sg_fontset_get_spec(&spec, &d);
	assert_non_null(fs);
	for (int style = SG_FONT_ITALIC; style <= SG_FONT_BOLD_ITALIC; style++) {
		int slot = sg_fontset_choose(fs, S_cp("中"), (sg_font_style)style, NULL);
		assert_int_equal(slot,
				 sg_font_slot_index(SG_FONT_CJK, (sg_font_style)(style & SG_FONT_BOLD)));
		assert_false(sg_fontset_slot(fs, slot)->synthetic_slant);
		/* A curly quote in Chinese text (the caller says CJK) too. */
		slot = sg_fontset_choose_in(fs, 0x201C, (sg_font_style)style, SG_FONT_CJK, NULL);
		assert_false(sg_fontset_slot(fs, slot)->synthetic_slant);
	}
	sg_diags_dispose(&d);
}

/* Characters the set's families lack are looked for along the fallback
 * chain: fonts-hanazono has CJK Extension B. They get a slot of their own
 * (upright, no family), are not missing and measure as the fallback font
 * says. What no installed font has is missing and measures one em (the box
 * drawn in its place); an invisible character takes no room and is not
 * missing. */
static void test_fallback_chain(void **state)
{
	(void)state;
	const sg_fontset *fs = S_defaults();
	const char *const extb[] = {"\xF0\xA0\x80\x80", "\xF0\xAA\x9A\xA5"}; /* 𠀀 𪚥 */
	int first = -1;
	for (int i = 0; i < 2; i++) {
		bool missing = true;
		uint32_t cp = S_cp(extb[i]);
		int slot = sg_fontset_choose(fs, cp, SG_FONT_BOLD, &missing);
		assert_false(missing);
		assert_true(slot >= SG_FONT_SLOTS && slot < SG_FONT_SLOTS + SG_FONT_FALLBACKS);
		const sg_font_slot *s = sg_fontset_slot(fs, slot);
		assert_null(s->family);
		assert_false(s->synthetic_bold || s->synthetic_slant || s->emphasis_dots);
		assert_true(sg_font_face_has_glyph(s->face, cp));
		assert_non_null(strstr(sg_font_face_family(s->face), "HanaMin"));
		assert_true(fabs(sg_fontset_advance(fs, slot, cp, 12) - 12.0) < 1e-9);
		if (first < 0)
			first = slot;
	}
	/* One face, one slot, whichever character asked first. */
	assert_int_equal(sg_fontset_choose(fs, S_cp(extb[1]), SG_FONT_REGULAR, NULL), first);
	assert_true(fabs(sg_fontset_measure(fs, "A\xF0\xA0\x80\x80" "B", 6, SG_FONT_REGULAR, 12) -
			 (sg_fontset_measure(fs, "AB", 2, SG_FONT_REGULAR, 12) + 12.0)) < 1e-9);

	/* U+30000 (Extension G) and a private-use character: in no font. */
	const uint32_t none[] = {0x30000, 0xE123};
	for (int i = 0; i < 2; i++) {
		bool missing = false;
		int slot = sg_fontset_choose(fs, none[i], SG_FONT_REGULAR, &missing);
		assert_true(missing);
		assert_true(slot < SG_FONT_SLOTS);
		assert_true(fabs(sg_fontset_advance(fs, slot, none[i], 10.5) - 10.5) < 1e-9);
	}
	/* A zero-width space, a variation selector, a control: nothing. */
	const uint32_t invisible[] = {0x200B, 0xFE0F, 0x0001};
	for (int i = 0; i < 3; i++) {
		bool missing = true;
		int slot = sg_fontset_choose(fs, invisible[i], SG_FONT_REGULAR, &missing);
		assert_false(missing);
		assert_false(sg_font_char_visible(invisible[i]));
		assert_true(sg_fontset_advance(fs, slot, invisible[i], 12) == 0);
	}
	assert_true(sg_font_char_visible(0x30000));
}

typedef struct S_thread_arg {
	const sg_fontset *fs;
	double width;
} S_thread_arg;

static void *S_thread(void *p)
{
	S_thread_arg *a = p;
	sg_diags d;
	sg_diags_init(&d);
	a->fs = sg_fontset_get("DejaVu Sans Mono", NULL, sg_pos_make("t", 1, 1), &d);
	sg_diags_dispose(&d);
	const char *text = "销售报告 Sales report 第三季度";
	for (int i = 0; i < 200 && a->fs; i++)
		a->width = sg_fontset_measure(a->fs, text, strlen(text), SG_FONT_REGULAR, 12);
	return NULL;
}

static void test_threads(void **state)
{
	(void)state;
	pthread_t t[4];
	S_thread_arg args[4];
	memset(args, 0, sizeof args);
	for (int i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, S_thread, &args[i]);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	for (int i = 0; i < 4; i++) {
		assert_non_null(args[i].fs);
		assert_ptr_equal(args[i].fs, args[0].fs);
		assert_true(args[i].width == args[0].width);
	}
	assert_true(args[0].width > 0);
}

static int S_teardown(void **state)
{
	(void)state;
	sg_font_cache_clear();
	return 0;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_faces), cmocka_unit_test(test_serif_family),
		cmocka_unit_test(test_unknown_family), cmocka_unit_test(test_choose_face),
		cmocka_unit_test(test_widths),        cmocka_unit_test(test_beyond_bmp),
		cmocka_unit_test(test_threads),       cmocka_unit_test(test_cff_collection),
		cmocka_unit_test(test_never_slanted), cmocka_unit_test(test_fallback_chain),
		cmocka_unit_test(test_latin_forms),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, S_teardown);
}

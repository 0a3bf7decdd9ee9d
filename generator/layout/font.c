#include "layout/font.h"

#include <fontconfig/fontconfig.h>
#include <hb-ot.h>
#include <hb.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/utf8.h"
#include "layout/font_hb.h"

struct sg_font_face {
	char *path;
	unsigned index; /* face within a collection */
	char *family;
	char *style;
	hb_blob_t *blob; /* the mapped file */
	hb_face_t *face;
	hb_font_t *font; /* unscaled: advances come back in font units */
	unsigned upem;
	unsigned glyphs;
	/* What a later stage derives from the face once (sg_font_face_extra):
	 * made under S_lock, freed by sg_font_cache_clear. */
	void *extra;
	void (*extra_free)(void *);
	/* Per BMP character, what the cmap and hmtx say of it, looked up on
	 * first use (S_lookup): a layout asks for the same few hundred
	 * characters thousands of times a document, and each HarfBuzz lookup
	 * goes through its font functions and the cmap's segments. */
	_Atomic uint64_t *bmp;
	sg_font_face *next; /* the cache list */
};

/* An entry of sg_font_face.bmp: 0 not looked up yet; else S_KNOWN, with
 * S_HAS and the glyph in bits 0-31 and its advance in bits 32-47 when the
 * face has a glyph for the character. */
#define S_KNOWN ((uint64_t)1 << 63)
#define S_HAS ((uint64_t)1 << 62)

/* What f's cmap says of cp: true with its glyph in *gid (which may be 0),
 * or false; and the glyph's advance in *adv when adv is given. Safe from
 * several threads: two that look one character up at once store the same
 * entry. */
static bool S_lookup(const sg_font_face *f, uint32_t cp, hb_codepoint_t *gid, hb_position_t *adv)
{
	uint64_t v = cp < 0x10000 ? atomic_load_explicit(&f->bmp[cp], memory_order_relaxed) : 0;
	if (!v) {
		hb_codepoint_t g = 0;
		bool has = hb_font_get_nominal_glyph(f->font, cp, &g);
		hb_position_t a = has ? hb_font_get_glyph_h_advance(f->font, g) : 0;
		if (cp >= 0x10000 || a < 0 || a > 0xFFFF) {
			*gid = has ? g : 0;
			if (adv)
				*adv = a;
			return has;
		}
		v = S_KNOWN | (has ? S_HAS | (uint64_t)a << 32 | g : 0);
		atomic_store_explicit(&((sg_font_face *)f)->bmp[cp], v, memory_order_relaxed);
	}
	*gid = (hb_codepoint_t)(v & 0xFFFFFFFF);
	if (adv)
		*adv = (hb_position_t)(v >> 32 & 0xFFFF);
	return (v & S_HAS) != 0;
}

/* The fallback chain of a CJK family: the fonts fontconfig ranks for it and
 * for Chinese, in that order, those the PDF writer can embed. Made on the
 * first character a set of that family lacks. */
typedef struct S_fallback {
	char *file;
	int index;
	FcCharSet *chars; /* what fontconfig says the face covers */
} S_fallback;

typedef struct S_chain {
	char *family;
	S_fallback *fonts;
	size_t n;
	struct S_chain *next;
} S_chain;

struct sg_fontset {
	char *latin_family; /* the names asked for: the cache key */
	char *cjk_family;
	char *kai_family; /* NULL: emphasis in dots */
	sg_font_slot slots[SG_FONT_SLOTS + SG_FONT_FALLBACKS];
	/* Fallback slots in use: written under S_lock, each slot filled before
	 * its number is handed out. */
	size_t nfallback;
	const S_chain *chain; /* NULL until a character is missing */
	sg_fontset *next;
};

/* One lock for both caches and for fontconfig, whose calls are not all safe to
 * make from several threads at once. Lookups happen once per family, so the
 * lock is never contended in practice. */
static pthread_mutex_t S_lock = PTHREAD_MUTEX_INITIALIZER;
static sg_font_face *S_faces;
static sg_fontset *S_sets;
static S_chain *S_chains;
static bool S_fc_ready;
static unsigned S_generation; /* sg_font_cache_clear() calls */

/* ---- faces ----------------------------------------------------------- */

static char *S_name_string(hb_face_t *face, hb_ot_name_id_t id)
{
	char tmp[256];
	unsigned len = sizeof tmp;
	unsigned got = hb_ot_name_get_utf8(face, id, hb_language_from_string("en", -1), &len, tmp);
	if (got == 0)
		return sg_xstrdup("");
	return sg_xstrdup(tmp);
}

/* Called with S_lock held. */
static sg_font_face *S_face_locked(const char *path, unsigned index, const char *family,
				   const char *style)
{
	for (sg_font_face *f = S_faces; f; f = f->next)
		if (f->index == index && strcmp(f->path, path) == 0)
			return f;

	hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
	if (!blob)
		return NULL;
	hb_face_t *face = hb_face_create(blob, index);
	if (hb_face_get_glyph_count(face) == 0) {
		hb_face_destroy(face);
		hb_blob_destroy(blob);
		return NULL;
	}
	hb_face_make_immutable(face);
	sg_font_face *f = sg_xcalloc(1, sizeof *f);
	f->path = sg_xstrdup(path);
	f->index = index;
	f->blob = blob;
	f->face = face;
	f->font = hb_font_create(face);
	hb_font_make_immutable(f->font);
	f->bmp = sg_xcalloc(0x10000, sizeof *f->bmp);
	f->upem = hb_face_get_upem(face);
	f->glyphs = hb_face_get_glyph_count(face);
	f->family = family ? sg_xstrdup(family) : S_name_string(face, HB_OT_NAME_ID_FONT_FAMILY);
	f->style = style ? sg_xstrdup(style) : S_name_string(face, HB_OT_NAME_ID_FONT_SUBFAMILY);
	f->next = S_faces;
	S_faces = f;
	return f;
}

const sg_font_face *sg_font_face_load(const char *path, unsigned index)
{
	pthread_mutex_lock(&S_lock);
	sg_font_face *f = S_face_locked(path, index, NULL, NULL);
	pthread_mutex_unlock(&S_lock);
	return f;
}

const char *sg_font_face_path(const sg_font_face *f) { return f->path; }
unsigned sg_font_face_index(const sg_font_face *f) { return f->index; }
const char *sg_font_face_family(const sg_font_face *f) { return f->family; }
const char *sg_font_face_style(const sg_font_face *f) { return f->style; }
unsigned sg_font_face_glyph_count(const sg_font_face *f) { return f->glyphs; }
unsigned sg_font_face_upem(const sg_font_face *f) { return f->upem; }
hb_font_t *sg_font_face_hb_font(const sg_font_face *f) { return f->font; }

void *sg_font_face_extra(const sg_font_face *cf, void *(*make)(const sg_font_face *),
			 void (*destroy)(void *))
{
	sg_font_face *f = (sg_font_face *)cf;
	pthread_mutex_lock(&S_lock);
	if (!f->extra) {
		f->extra = make(cf);
		f->extra_free = destroy;
	}
	void *x = f->extra;
	pthread_mutex_unlock(&S_lock);
	return x;
}

bool sg_font_face_has_glyph(const sg_font_face *f, uint32_t cp)
{
	hb_codepoint_t gid;
	return S_lookup(f, cp, &gid, NULL) && gid != 0;
}

double sg_font_face_advance(const sg_font_face *f, uint32_t cp, double size)
{
	hb_codepoint_t gid;
	hb_position_t adv;
	if (!S_lookup(f, cp, &gid, &adv) || gid == 0)
		return 0;
	return (double)adv * size / (double)f->upem;
}

/* ---- fontconfig ------------------------------------------------------ */

typedef struct S_cand {
	char *file;
	int index;
	int weight;
	int slant;
	int width;
	char *family;
	char *style;
} S_cand;

static char *S_fc_string(FcPattern *p, const char *object)
{
	FcChar8 *s = NULL;
	if (FcPatternGetString(p, object, 0, &s) != FcResultMatch || !s)
		return sg_xstrdup("");
	return sg_xstrdup((const char *)s);
}

static int S_fc_int(FcPattern *p, const char *object, int dflt)
{
	int v;
	if (FcPatternGetInteger(p, object, 0, &v) != FcResultMatch)
		return dflt;
	return v;
}

/* Whether the PDF writer can embed a face fontconfig lists: TrueType or CFF
 * outlines (not Type 1, bitmaps or colour bitmaps), a face of its file
 * rather than a named instance of a variable font. */
static bool S_embeddable(FcPattern *p)
{
	FcChar8 *format = NULL;
	FcBool b;
	int index = 0;
	if (FcPatternGetString(p, FC_FONTFORMAT, 0, &format) != FcResultMatch || !format ||
	    (strcmp((const char *)format, "TrueType") != 0 &&
	     strcmp((const char *)format, "CFF") != 0))
		return false;
	if (FcPatternGetBool(p, FC_OUTLINE, 0, &b) == FcResultMatch && !b)
		return false;
	if (FcPatternGetBool(p, FC_COLOR, 0, &b) == FcResultMatch && b)
		return false;
	if (FcPatternGetBool(p, FC_VARIABLE, 0, &b) == FcResultMatch && b)
		return false;
	if (FcPatternGetInteger(p, FC_INDEX, 0, &index) == FcResultMatch && (index >> 16) != 0)
		return false;
	return true;
}

/* The faces of family the PDF writer can embed (S_embeddable), into *out
 * (heap, free with S_cands_free); *all, when not NULL, counts every face of
 * the family. Called with S_lock held. Returns the count. */
static size_t S_list_family(const char *family, size_t *all, S_cand **out)
{
	FcPattern *pat = FcPatternCreate();
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
	FcObjectSet *os = FcObjectSetBuild(FC_FILE, FC_INDEX, FC_WEIGHT, FC_SLANT, FC_WIDTH,
					   FC_FAMILY, FC_STYLE, FC_FONTFORMAT, FC_OUTLINE,
					   FC_COLOR, FC_VARIABLE, (char *)NULL);
	FcFontSet *set = FcFontList(NULL, pat, os);
	FcObjectSetDestroy(os);
	FcPatternDestroy(pat);
	size_t total = set ? (size_t)set->nfont : 0, n = 0;
	S_cand *c = sg_xcalloc(total ? total : 1, sizeof *c);
	for (size_t i = 0; i < total; i++) {
		FcPattern *p = set->fonts[i];
		if (!S_embeddable(p))
			continue;
		c[n].file = S_fc_string(p, FC_FILE);
		c[n].index = S_fc_int(p, FC_INDEX, 0);
		c[n].weight = S_fc_int(p, FC_WEIGHT, FC_WEIGHT_REGULAR);
		c[n].slant = S_fc_int(p, FC_SLANT, FC_SLANT_ROMAN);
		c[n].width = S_fc_int(p, FC_WIDTH, FC_WIDTH_NORMAL);
		c[n].family = S_fc_string(p, FC_FAMILY);
		c[n].style = S_fc_string(p, FC_STYLE);
		n++;
	}
	if (set)
		FcFontSetDestroy(set);
	if (all)
		*all = total;
	*out = c;
	return n;
}

static void S_cands_free(S_cand *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(c[i].file);
		free(c[i].family);
		free(c[i].style);
	}
	free(c);
}

/* The best face for a style: bold means at least demibold, italic means any
 * slant. Closest weight to the usual one wins, normal width preferred; ties go
 * to the smaller file name so the choice does not depend on fontconfig's
 * listing order. NULL when the family has no face of that kind. */
static const S_cand *S_best(const S_cand *c, size_t n, bool bold, bool italic)
{
	const S_cand *best = NULL;
	long best_score = 0;
	for (size_t i = 0; i < n; i++) {
		bool is_bold = c[i].weight >= FC_WEIGHT_DEMIBOLD;
		bool is_italic = c[i].slant != FC_SLANT_ROMAN;
		if (is_bold != bold || is_italic != italic)
			continue;
		int want = bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR;
		long score = labs((long)(c[i].weight - want)) + 4 * labs((long)(c[i].width - 100));
		int cmp = best ? strcmp(c[i].file, best->file) : 0;
		if (!best || score < best_score ||
		    (score == best_score && (cmp < 0 || (cmp == 0 && c[i].index < best->index)))) {
			best = &c[i];
			best_score = score;
		}
	}
	return best;
}

static sg_font_face *S_cand_face(const S_cand *c)
{
	return S_face_locked(c->file, (unsigned)c->index, c->family, c->style);
}

/* Fills the four slots of one family (regular, bold, italic, bold italic),
 * each naming family (which must outlive them). Called with S_lock held. */
static int S_resolve_family(sg_font_slot *slots, const char *family, sg_pos pos, sg_diags *d)
{
	S_cand *c = NULL;
	size_t all = 0;
	size_t n = S_list_family(family, &all, &c);
	if (n == 0) {
		if (all > 0)
			sg_error(d, pos,
				 "font family \"%s\" has neither TrueType nor CFF outlines "
				 "(.ttf, .otf, .ttc, .otc), which the PDF writer embeds",
				 family);
		else
			sg_error(d, pos, "font family \"%s\" is not installed (fc-list lists the "
					 "installed families)",
				 family);
		S_cands_free(c, n);
		return -1;
	}

	const S_cand *r = S_best(c, n, false, false);
	const S_cand *b = S_best(c, n, true, false);
	const S_cand *i = S_best(c, n, false, true);
	const S_cand *bi = S_best(c, n, true, true);
	if (!r) /* a family of only bold or italic faces: use what there is */
		r = b ? b : i ? i : bi;

	sg_font_slot *sr = &slots[SG_FONT_REGULAR], *sb = &slots[SG_FONT_BOLD];
	sg_font_slot *si = &slots[SG_FONT_ITALIC], *sbi = &slots[SG_FONT_BOLD_ITALIC];
	memset(slots, 0, 4 * sizeof *slots);
	sr->face = S_cand_face(r);
	sb->face = b ? S_cand_face(b) : sr->face;
	sb->synthetic_bold = !b;
	si->face = i ? S_cand_face(i) : sr->face;
	si->synthetic_slant = !i;
	if (bi) {
		sbi->face = S_cand_face(bi);
	} else if (b) {
		sbi->face = sb->face;
		sbi->synthetic_slant = true;
	} else if (i) {
		sbi->face = si->face;
		sbi->synthetic_bold = true;
	} else {
		sbi->face = sr->face;
		sbi->synthetic_bold = sbi->synthetic_slant = true;
	}
	S_cands_free(c, n);
	for (int k = 0; k < 4; k++) {
		slots[k].family = family;
		if (!slots[k].face) {
			sg_error(d, pos, "font family \"%s\": cannot read its font file", family);
			return -1;
		}
	}
	return 0;
}

/* The characters of sg_font_slot.latin_form, in its order. */
static const uint32_t S_latin_form_cp[SG_FONT_LATIN_FORMS] = {0x2018, 0x2019, 0x201C, 0x201D,
								0x2026};

/* The Latin forms of the four slots of fs's Latin family (see
 * sg_font_slot_glyph): each character shaped alone as English text with the
 * `pwid` feature (proportional widths). A Latin face has no such feature and
 * keeps its nominal glyphs. Called with S_lock held. */
static void S_latin_forms(sg_font_slot *slots)
{
	hb_buffer_t *buf = hb_buffer_create();
	hb_feature_t pwid;
	hb_feature_from_string("pwid", -1, &pwid);
	for (int k = 0; k < 4; k++) {
		hb_font_t *font = slots[k].face->font;
		for (int i = 0; i < SG_FONT_LATIN_FORMS; i++) {
			uint32_t cp = S_latin_form_cp[i];
			hb_codepoint_t nominal = 0;
			slots[k].latin_form[i] = 0;
			if (!hb_font_get_nominal_glyph(font, cp, &nominal) || nominal == 0)
				continue;
			hb_buffer_clear_contents(buf);
			hb_buffer_add_codepoints(buf, &cp, 1, 0, 1);
			hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
			hb_buffer_set_script(buf, HB_SCRIPT_LATIN);
			hb_buffer_set_language(buf, hb_language_from_string("en", -1));
			hb_shape(font, buf, &pwid, 1);
			unsigned n = 0;
			const hb_glyph_info_t *g = hb_buffer_get_glyph_infos(buf, &n);
			if (n == 1 && g[0].codepoint != 0 && g[0].codepoint != nominal)
				slots[k].latin_form[i] = g[0].codepoint;
		}
	}
	hb_buffer_destroy(buf);
}

uint32_t sg_font_slot_glyph(const sg_font_slot *slot, uint32_t cp)
{
	for (int i = 0; i < SG_FONT_LATIN_FORMS; i++)
		if (cp == S_latin_form_cp[i] && slot->latin_form[i])
			return slot->latin_form[i];
	hb_codepoint_t gid = 0;
	if (!S_lookup(slot->face, cp, &gid, NULL))
		return 0;
	return gid;
}

/* The CJK italic slots of fs, which are never slanted: the Kai family's
 * regular and bold (emphasis in Kai), or the upright CJK faces flagged for
 * dots. Called with S_lock held. */
static int S_resolve_emphasis(sg_fontset *fs, sg_pos kai_pos, sg_diags *d)
{
	sg_font_slot *cjk = &fs->slots[4];
	if (!fs->kai_family) {
		cjk[SG_FONT_ITALIC] = cjk[SG_FONT_REGULAR];
		cjk[SG_FONT_BOLD_ITALIC] = cjk[SG_FONT_BOLD];
		cjk[SG_FONT_ITALIC].emphasis_dots = cjk[SG_FONT_BOLD_ITALIC].emphasis_dots = true;
		return 0;
	}
	sg_font_slot kai[4];
	if (S_resolve_family(kai, fs->kai_family, kai_pos, d) < 0)
		return -1;
	cjk[SG_FONT_ITALIC] = kai[SG_FONT_REGULAR];
	cjk[SG_FONT_BOLD_ITALIC] = kai[SG_FONT_BOLD];
	return 0;
}

static bool S_same_name(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

const sg_fontset *sg_fontset_get_spec(const sg_fontset_spec *spec, sg_diags *d)
{
	const char *latin = spec->latin && *spec->latin ? spec->latin : SG_FONT_DEFAULT_SANS;
	const char *cjk = spec->cjk && *spec->cjk ? spec->cjk : SG_FONT_DEFAULT_CJK;
	const char *kai = NULL;
	if (spec->emphasis == SG_FONT_EMPH_KAI)
		kai = spec->kai && *spec->kai ? spec->kai : SG_FONT_DEFAULT_KAI;

	sg_fontset *fs = NULL;
	pthread_mutex_lock(&S_lock);
	for (fs = S_sets; fs; fs = fs->next)
		if (strcmp(fs->latin_family, latin) == 0 && strcmp(fs->cjk_family, cjk) == 0 &&
		    S_same_name(fs->kai_family, kai))
			goto done;

	if (!S_fc_ready) {
		if (!FcInit()) {
			sg_error(d, spec->latin_at, "fontconfig cannot be initialised");
			goto done;
		}
		S_fc_ready = true;
	}
	fs = sg_xcalloc(1, sizeof *fs);
	fs->latin_family = sg_xstrdup(latin);
	fs->cjk_family = sg_xstrdup(cjk);
	fs->kai_family = kai ? sg_xstrdup(kai) : NULL;
	/* Every family is looked up, so that a theme hears of each one that is
	 * not installed at once. */
	int rc = S_resolve_family(&fs->slots[0], fs->latin_family, spec->latin_at, d);
	if (rc == 0)
		S_latin_forms(fs->slots);
	if (S_resolve_family(&fs->slots[4], fs->cjk_family, spec->cjk_at, d) < 0)
		rc = -1;
	else if (S_resolve_emphasis(fs, spec->kai_at, d) < 0)
		rc = -1;
	if (rc < 0) {
		free(fs->latin_family);
		free(fs->cjk_family);
		free(fs->kai_family);
		free(fs);
		fs = NULL;
		goto done;
	}
	fs->next = S_sets;
	S_sets = fs;
done:
	pthread_mutex_unlock(&S_lock);
	return fs;
}

const sg_fontset *sg_fontset_get(const char *latin_family, const char *cjk_family, sg_pos pos,
				 sg_diags *d)
{
	return sg_fontset_get_at(latin_family, pos, cjk_family, pos, d);
}

const sg_fontset *sg_fontset_get_at(const char *latin_family, sg_pos latin_pos,
				    const char *cjk_family, sg_pos cjk_pos, sg_diags *d)
{
	sg_fontset_spec spec = {latin_family, cjk_family, NULL, SG_FONT_EMPH_DOTS,
				latin_pos,    cjk_pos,	  cjk_pos};
	return sg_fontset_get_spec(&spec, d);
}

const sg_font_slot *sg_fontset_slot(const sg_fontset *fs, int slot)
{
	return &fs->slots[slot];
}

/* ---- the fallback chain ------------------------------------------------ */

/* The chain of CJK family family, made on first use. Called with S_lock
 * held. */
static const S_chain *S_chain_locked(const char *family)
{
	for (S_chain *c = S_chains; c; c = c->next)
		if (strcmp(c->family, family) == 0)
			return c;
	S_chain *c = sg_xcalloc(1, sizeof *c);
	c->family = sg_xstrdup(family);
	c->next = S_chains;
	S_chains = c;

	FcPattern *pat = FcPatternCreate();
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
	FcPatternAddString(pat, FC_LANG, (const FcChar8 *)"zh-cn");
	FcConfigSubstitute(NULL, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	FcResult res;
	FcFontSet *set = FcFontSort(NULL, pat, FcFalse, NULL, &res);
	FcPatternDestroy(pat);
	if (!set)
		return c;
	c->fonts = sg_xcalloc((size_t)set->nfont + 1, sizeof *c->fonts);
	for (int i = 0; i < set->nfont; i++) {
		FcPattern *p = set->fonts[i];
		FcCharSet *cs = NULL;
		if (!S_embeddable(p) || FcPatternGetCharSet(p, FC_CHARSET, 0, &cs) != FcResultMatch)
			continue;
		S_fallback *f = &c->fonts[c->n++];
		f->file = S_fc_string(p, FC_FILE);
		f->index = S_fc_int(p, FC_INDEX, 0);
		f->chars = FcCharSetCopy(cs);
	}
	FcFontSetDestroy(set);
	return c;
}

/* The fallback slot of fs that draws cp, added when needed; -1 when no
 * font of the chain has it (or fs has no fallback slot left). */
static int S_fallback_slot(const sg_fontset *cfs, uint32_t cp)
{
	/* The set is shared: only its fallback slots change, under the lock. */
	sg_fontset *fs = (sg_fontset *)cfs;
	int slot = -1;
	pthread_mutex_lock(&S_lock);
	for (size_t k = 0; k < fs->nfallback; k++) {
		if (sg_font_face_has_glyph(fs->slots[SG_FONT_SLOTS + k].face, cp)) {
			slot = SG_FONT_SLOTS + (int)k;
			goto done;
		}
	}
	if (!S_fc_ready)
		goto done;
	if (!fs->chain)
		fs->chain = S_chain_locked(fs->cjk_family);
	for (size_t i = 0; i < fs->chain->n && fs->nfallback < SG_FONT_FALLBACKS; i++) {
		const S_fallback *f = &fs->chain->fonts[i];
		if (!FcCharSetHasChar(f->chars, cp))
			continue;
		sg_font_face *face = S_face_locked(f->file, (unsigned)f->index, NULL, NULL);
		if (!face || !sg_font_face_has_glyph(face, cp))
			continue;
		sg_font_slot *s = &fs->slots[SG_FONT_SLOTS + fs->nfallback];
		*s = (sg_font_slot){.face = face};
		slot = SG_FONT_SLOTS + (int)fs->nfallback++;
		break;
	}
done:
	pthread_mutex_unlock(&S_lock);
	return slot;
}

/* ---- choosing and measuring ------------------------------------------ */

bool sg_font_prefers_cjk(uint32_t cp)
{
	return sg_utf8_is_cjk(cp) != 0;
}

bool sg_font_char_visible(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return false;
	switch (cp) {
	case 0x00AD: case 0x034F: case 0x061C: case 0x115F: case 0x1160: case 0x17B4:
	case 0x17B5: case 0x2028: case 0x2029: case 0x3164: case 0xFEFF: case 0xFFA0:
		return false;
	default:
		break;
	}
	return !((cp >= 0x180B && cp <= 0x180F) || (cp >= 0x200B && cp <= 0x200F) ||
		 (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) ||
		 (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xFFF0 && cp <= 0xFFF8) ||
		 (cp >= 0x1BCA0 && cp <= 0x1BCA3) || (cp >= 0x1D173 && cp <= 0x1D17A) ||
		 (cp >= 0xE0000 && cp <= 0xE0FFF));
}

int sg_fontset_choose(const sg_fontset *fs, uint32_t cp, sg_font_style style, bool *missing)
{
	sg_font_script pref = sg_font_prefers_cjk(cp) ? SG_FONT_CJK : SG_FONT_LATIN;
	return sg_fontset_choose_in(fs, cp, style, pref, missing);
}

int sg_fontset_choose_in(const sg_fontset *fs, uint32_t cp, sg_font_style style,
			 sg_font_script pref, bool *missing)
{
	sg_font_script other = pref == SG_FONT_CJK ? SG_FONT_LATIN : SG_FONT_CJK;
	/* Chinese text is never slanted: its characters skip slanted slots
	 * for the upright ones of the same weight. */
	bool chinese = pref == SG_FONT_CJK || sg_font_prefers_cjk(cp);
	sg_font_style upright = (sg_font_style)(style & ~SG_FONT_ITALIC);
	int order[4] = {sg_font_slot_index(pref, style), sg_font_slot_index(other, style),
			sg_font_slot_index(pref, upright), sg_font_slot_index(other, upright)};
	int n = style == upright ? 2 : 4;
	if (missing)
		*missing = false;
	for (int k = 0; k < n; k++) {
		const sg_font_slot *s = &fs->slots[order[k]];
		if (chinese && s->synthetic_slant)
			continue;
		if (sg_font_face_has_glyph(s->face, cp))
			return order[k];
	}
	if (!sg_font_char_visible(cp))
		return order[0];
	int slot = S_fallback_slot(fs, cp);
	if (slot >= 0)
		return slot;
	if (missing)
		*missing = true;
	return order[0];
}

double sg_fontset_advance(const sg_fontset *fs, int slot, uint32_t cp, double size)
{
	const sg_font_slot *s = &fs->slots[slot];
	uint32_t gid = sg_font_slot_glyph(s, cp);
	if (gid == 0)
		return sg_font_char_visible(cp) ? size : 0;
	const sg_font_face *f = s->face;
	hb_codepoint_t nominal;
	hb_position_t adv;
	if (!S_lookup(f, cp, &nominal, &adv) || nominal != gid)
		adv = hb_font_get_glyph_h_advance(f->font, gid); /* a Latin form */
	return (double)adv * size / (double)f->upem;
}

double sg_fontset_measure(const sg_fontset *fs, const char *s, size_t len, sg_font_style style,
			  double size)
{
	double w = 0;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = sg_utf8_decode(s + i, len - i, &cp);
		i += n ? n : 1;
		int slot = sg_fontset_choose(fs, cp, style, NULL);
		w += sg_fontset_advance(fs, slot, cp, size);
	}
	return w;
}

unsigned sg_font_cache_generation(void)
{
	return __atomic_load_n(&S_generation, __ATOMIC_ACQUIRE);
}

void sg_font_cache_clear(void)
{
	pthread_mutex_lock(&S_lock);
	__atomic_add_fetch(&S_generation, 1, __ATOMIC_RELEASE);
	while (S_sets) {
		sg_fontset *next = S_sets->next;
		free(S_sets->latin_family);
		free(S_sets->cjk_family);
		free(S_sets->kai_family);
		free(S_sets);
		S_sets = next;
	}
	while (S_chains) {
		S_chain *next = S_chains->next;
		for (size_t i = 0; i < S_chains->n; i++) {
			free(S_chains->fonts[i].file);
			FcCharSetDestroy(S_chains->fonts[i].chars);
		}
		free(S_chains->fonts);
		free(S_chains->family);
		free(S_chains);
		S_chains = next;
	}
	while (S_faces) {
		sg_font_face *next = S_faces->next;
		if (S_faces->extra && S_faces->extra_free)
			S_faces->extra_free(S_faces->extra);
		free((void *)S_faces->bmp);
		hb_font_destroy(S_faces->font);
		hb_face_destroy(S_faces->face);
		hb_blob_destroy(S_faces->blob);
		free(S_faces->path);
		free(S_faces->family);
		free(S_faces->style);
		free(S_faces);
		S_faces = next;
	}
	if (S_fc_ready) {
		FcFini();
		S_fc_ready = false;
	}
	pthread_mutex_unlock(&S_lock);
}

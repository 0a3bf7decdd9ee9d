#include "layout/font.h"

#include <fontconfig/fontconfig.h>
#include <hb-ot.h>
#include <hb.h>
#include <pthread.h>
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
	sg_font_face *next; /* the cache list */
};

struct sg_fontset {
	char *latin_family; /* the names asked for: the cache key */
	char *cjk_family;
	sg_font_slot slots[SG_FONT_SLOTS];
	sg_fontset *next;
};

/* One lock for both caches and for fontconfig, whose calls are not all safe to
 * make from several threads at once. Lookups happen once per family, so the
 * lock is never contended in practice. */
static pthread_mutex_t S_lock = PTHREAD_MUTEX_INITIALIZER;
static sg_font_face *S_faces;
static sg_fontset *S_sets;
static bool S_fc_ready;

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

bool sg_font_face_has_glyph(const sg_font_face *f, uint32_t cp)
{
	hb_codepoint_t gid;
	return hb_font_get_nominal_glyph(f->font, cp, &gid) && gid != 0;
}

double sg_font_face_advance(const sg_font_face *f, uint32_t cp, double size)
{
	hb_codepoint_t gid;
	if (!hb_font_get_nominal_glyph(f->font, cp, &gid) || gid == 0)
		return 0;
	return (double)hb_font_get_glyph_h_advance(f->font, gid) * size / (double)f->upem;
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

/* The faces of family; with truetype_only, only those with TrueType outlines.
 * Called with S_lock held. Returns the count, *out heap (free with
 * S_cands_free). */
static size_t S_list_family(const char *family, bool truetype_only, S_cand **out)
{
	FcPattern *pat = FcPatternCreate();
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
	if (truetype_only)
		FcPatternAddString(pat, FC_FONTFORMAT, (const FcChar8 *)"TrueType");
	FcObjectSet *os = FcObjectSetBuild(FC_FILE, FC_INDEX, FC_WEIGHT, FC_SLANT, FC_WIDTH,
					   FC_FAMILY, FC_STYLE, (char *)NULL);
	FcFontSet *set = FcFontList(NULL, pat, os);
	FcObjectSetDestroy(os);
	FcPatternDestroy(pat);
	size_t n = set ? (size_t)set->nfont : 0;
	S_cand *c = sg_xcalloc(n ? n : 1, sizeof *c);
	for (size_t i = 0; i < n; i++) {
		FcPattern *p = set->fonts[i];
		c[i].file = S_fc_string(p, FC_FILE);
		c[i].index = S_fc_int(p, FC_INDEX, 0) & 0xFFFF; /* high bits: named instance */
		c[i].weight = S_fc_int(p, FC_WEIGHT, FC_WEIGHT_REGULAR);
		c[i].slant = S_fc_int(p, FC_SLANT, FC_SLANT_ROMAN);
		c[i].width = S_fc_int(p, FC_WIDTH, FC_WIDTH_NORMAL);
		c[i].family = S_fc_string(p, FC_FAMILY);
		c[i].style = S_fc_string(p, FC_STYLE);
	}
	if (set)
		FcFontSetDestroy(set);
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

/* Fills the four slots of one script. Called with S_lock held. */
static int S_resolve_family(sg_font_slot *slots, const char *family, sg_pos pos, sg_diags *d)
{
	S_cand *c = NULL;
	size_t n = S_list_family(family, true, &c);
	if (n == 0) {
		S_cand *any = NULL;
		size_t nany = S_list_family(family, false, &any);
		S_cands_free(any, nany);
		if (nany > 0)
			sg_error(d, pos,
				 "font family \"%s\" has no TrueType outlines (.ttf or .ttc), "
				 "which the font lookup needs",
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
		if (!slots[k].face) {
			sg_error(d, pos, "font family \"%s\": cannot read its font file", family);
			return -1;
		}
	}
	return 0;
}

const sg_fontset *sg_fontset_get(const char *latin_family, const char *cjk_family, sg_pos pos,
				 sg_diags *d)
{
	return sg_fontset_get_at(latin_family, pos, cjk_family, pos, d);
}

const sg_fontset *sg_fontset_get_at(const char *latin_family, sg_pos latin_pos,
				    const char *cjk_family, sg_pos cjk_pos, sg_diags *d)
{
	if (!latin_family || !*latin_family)
		latin_family = SG_FONT_DEFAULT_SANS;
	if (!cjk_family || !*cjk_family)
		cjk_family = SG_FONT_DEFAULT_CJK;

	sg_fontset *fs = NULL;
	pthread_mutex_lock(&S_lock);
	for (fs = S_sets; fs; fs = fs->next)
		if (strcmp(fs->latin_family, latin_family) == 0 &&
		    strcmp(fs->cjk_family, cjk_family) == 0)
			goto done;

	if (!S_fc_ready) {
		if (!FcInit()) {
			sg_error(d, latin_pos, "fontconfig cannot be initialised");
			goto done;
		}
		S_fc_ready = true;
	}
	fs = sg_xcalloc(1, sizeof *fs);
	if (S_resolve_family(&fs->slots[0], latin_family, latin_pos, d) < 0 ||
	    S_resolve_family(&fs->slots[4], cjk_family, cjk_pos, d) < 0) {
		free(fs);
		fs = NULL;
		goto done;
	}
	fs->latin_family = sg_xstrdup(latin_family);
	fs->cjk_family = sg_xstrdup(cjk_family);
	fs->next = S_sets;
	S_sets = fs;
done:
	pthread_mutex_unlock(&S_lock);
	return fs;
}

const sg_font_slot *sg_fontset_slot(const sg_fontset *fs, int slot)
{
	return &fs->slots[slot];
}

/* ---- choosing and measuring ------------------------------------------ */

bool sg_font_prefers_cjk(uint32_t cp)
{
	return sg_utf8_is_cjk(cp) != 0;
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
	int a = sg_font_slot_index(pref, style);
	int b = sg_font_slot_index(other, style);
	if (missing)
		*missing = false;
	if (sg_font_face_has_glyph(fs->slots[a].face, cp))
		return a;
	if (sg_font_face_has_glyph(fs->slots[b].face, cp))
		return b;
	if (missing)
		*missing = true;
	return a;
}

double sg_fontset_advance(const sg_fontset *fs, int slot, uint32_t cp, double size)
{
	return sg_font_face_advance(fs->slots[slot].face, cp, size);
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

void sg_font_cache_clear(void)
{
	pthread_mutex_lock(&S_lock);
	while (S_sets) {
		sg_fontset *next = S_sets->next;
		free(S_sets->latin_family);
		free(S_sets->cjk_family);
		free(S_sets);
		S_sets = next;
	}
	while (S_faces) {
		sg_font_face *next = S_faces->next;
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

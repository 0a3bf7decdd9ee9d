/*
 * glyph_sheet.c - proves every glyph is drawn: a sheet of characters, and a
 * checker that compares the rendered sheet with the fonts' own outlines.
 *
 *   pdf_glyph_sheet write OUT.pdf CHARS.txt [--family NAME] [--bold] [--swap]
 *   pdf_glyph_sheet check CHARS.txt DPI [--family NAME] [--bold] PAGE.pgm...
 *
 * write sets every character of CHARS.txt (UTF-8; white space ignored) in a
 * grid cell of its own, 20 pt, through the same fonts, subsets and content
 * streams the PDF renderer uses (render/pdf/pdf_font.h): in the font set of
 * family NAME for both Latin and CJK (a theme's family, TrueType or CFF),
 * else the default set, in its bold with --bold, each character in the face
 * the layout would choose, a fallback font's for what the family lacks (the
 * list of faces used is printed); check must be given the same family and
 * style. --swap shows each
 * character with the glyph that follows its own in the font, the way a
 * wrong glyph map would draw, so that the check can be seen to fail. check
 * takes the pages as pdftoppm
 * renders them (-gray, PGM) and draws each character again, straight from the
 * source font file: the outline from HarfBuzz, filled with the non-zero rule
 * at 4x4 samples per pixel, at the very position the sheet put it. A cell
 * fails when its ink differs from the reference by more than the tolerances
 * below, so a character drawn blank, or missing a component, or replaced by
 * another glyph, is caught. Exit status 1 lists the failures.
 */
#include <hb.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/fs.h"
#include "base/utf8.h"
#include "layout/font.h"
#include "layout/font_hb.h"
#include "render/pdf/pdf_content.h"
#include "render/pdf/pdf_file.h"
#include "render/pdf/pdf_font.h"
#include "render/pdf/pdf_writer.h"

#define GLYPH 20.0  /* points */
#define CELL 26.0   /* points */
#define MARGIN 36.0 /* points */
#define SS 4        /* samples per pixel, each way */

/* A cell passes when its rendered ink is within these bounds of the
 * reference ink and the pixel-by-pixel difference is small. */
#define INK_MIN 0.85
#define INK_MAX 1.15
/* The pixel difference allowed, relative to the ink. Poppler hints DejaVu's
 * Latin glyphs (its stems snap to the pixel grid, thin glyphs such as "i" and
 * "'" move most), which costs up to 0.29 at 144 dpi; the unhinted CJK glyphs
 * match to within 0.06. */
#define DIFF_MAX_LATIN 0.45
#define DIFF_MAX_CJK 0.15

static int S_cols(void) { return (int)((SG_PDF_A4_WIDTH - 2 * MARGIN) / CELL); }
static int S_rows(void) { return (int)((SG_PDF_A4_HEIGHT - 2 * MARGIN) / CELL); }

/* Where character k goes: its page, its cell's top-left corner and its
 * origin on the baseline, in PDF points (y up). */
typedef struct S_place {
	int page;
	double cell_x, cell_top;
	double x, y;
} S_place;

static S_place S_where(size_t k, double advance)
{
	int per_page = S_cols() * S_rows();
	S_place p;
	p.page = (int)(k / (size_t)per_page);
	int in = (int)(k % (size_t)per_page);
	p.cell_x = MARGIN + (in % S_cols()) * CELL;
	p.cell_top = SG_PDF_A4_HEIGHT - MARGIN - (in / S_cols()) * CELL;
	p.x = p.cell_x + (CELL - advance) / 2;
	p.y = p.cell_top - 21.0;
	return p;
}

static size_t S_read_chars(const char *path, uint32_t **out)
{
	sg_buf b;
	sg_diags d;
	sg_buf_init(&b);
	sg_diags_init(&d);
	if (sg_file_read(path, SG_FILE_CAP_DEFAULT, &b, &d) < 0) {
		sg_diags_print(&d, stderr);
		exit(2);
	}
	uint32_t *cps = malloc((b.len + 1) * sizeof *cps);
	size_t n = 0, i = 0;
	while (i < b.len) {
		uint32_t cp;
		size_t m = sg_utf8_decode(b.data + i, b.len - i, &cp);
		i += m ? m : 1;
		if (cp > ' ')
			cps[n++] = cp;
	}
	sg_buf_dispose(&b);
	sg_diags_dispose(&d);
	*out = cps;
	return n;
}

/* The font set and style of the sheet (--family, --bold). */
typedef struct S_opts {
	const char *family; /* NULL: the default set */
	sg_font_style style;
	bool swap;
} S_opts;

static const sg_fontset *S_fonts(const S_opts *o)
{
	sg_diags d;
	sg_diags_init(&d);
	const sg_fontset *fs =
		sg_fontset_get(o->family, o->family, sg_pos_make("glyph sheet", 0, 0), &d);
	sg_diags_print(&d, stderr);
	sg_diags_dispose(&d);
	if (!fs)
		exit(2);
	return fs;
}

/* ---- write ------------------------------------------------------------- */

/* Adds the page c holds to f, and empties c. */
static int S_page_out(sg_pdf_file *f, sg_pdf_content *c)
{
	sg_pdf_page page = {SG_PDF_A4_WIDTH, SG_PDF_A4_HEIGHT, NULL, 0, NULL, 0, NULL, 0};
	sg_pdf_content_page(c, &page);
	int rc = sg_pdf_file_page_add(f, &page);
	sg_pdf_content_reset(c);
	return rc;
}

static int S_write(const char *out_path, const char *chars_path, const S_opts *o)
{
	const sg_fontset *fs = S_fonts(o);
	bool swap = o->swap;
	const sg_font_face *used[SG_FONT_SLOTS + SG_FONT_FALLBACKS];
	size_t nused = 0;
	uint32_t *cps;
	size_t n = S_read_chars(chars_path, &cps);
	sg_diags d;
	sg_diags_init(&d);
	sg_pos pos = sg_pos_make(chars_path, 0, 0);
	sg_buf out;
	sg_buf_init(&out);
	sg_pdf_file *f = sg_pdf_file_new(&out, NULL);
	sg_pdf_fonts *fonts = sg_pdf_fonts_new(f);
	sg_pdf_content c;
	sg_pdf_content_init(&c);
	int page_no = -1, rc = 0;
	for (size_t k = 0; k < n && rc == 0; k++) {
		int slot = sg_fontset_choose(fs, cps[k], o->style, NULL);
		const sg_font_face *face = sg_fontset_slot(fs, slot)->face;
		S_place p = S_where(k, sg_fontset_advance(fs, slot, cps[k], GLYPH));
		size_t u = 0;
		while (u < nused && used[u] != face)
			u++;
		if (u == nused)
			used[nused++] = face;
		if (p.page != page_no) {
			if (page_no >= 0)
				rc = S_page_out(f, &c);
			page_no = p.page;
		}
		sg_pdf_font *font = sg_pdf_fonts_get(fonts, face, pos, &d);
		if (!font) {
			rc = -1;
			break;
		}
		/* The glyph the slot draws (the Latin form of a quote in a Latin
		 * slot of a CJK face), as the renderer shows it. */
		hb_codepoint_t gid = sg_font_slot_glyph(sg_fontset_slot(fs, slot), cps[k]);
		if (gid == 0)
			continue; /* no font has it: the check reports the cell */
		char utf8[4];
		uint16_t code = sg_pdf_font_glyph(font, swap ? gid + 1 : gid, utf8,
						  sg_utf8_encode(cps[k], utf8));
		sg_pdf_content_begin_text(&c);
		sg_pdf_content_font(&c, sg_pdf_font_obj(font), GLYPH);
		sg_pdf_content_text_matrix(&c, 1, 0, 0, 1, p.x, p.y);
		sg_pdf_content_show(&c, &code, 1);
		sg_pdf_content_end_text(&c);
	}
	if (rc == 0)
		rc = S_page_out(f, &c);
	if (rc == 0)
		rc = sg_pdf_fonts_write(fonts, pos, &d);
	if (rc == 0)
		rc = sg_pdf_file_finish(f);
	sg_diags_print(&d, stderr);
	if (rc < 0 || sg_file_write_atomic(out_path, out.data, out.len) < 0) {
		fprintf(stderr, "cannot write %s\n", out_path);
		return 2;
	}
	sg_pdf_font_stats st;
	sg_pdf_fonts_stats(fonts, &st);
	printf("%zu characters, %d fonts, %zu bytes of subset fonts, PDF %zu bytes; "
	       "subsets %.1f ms\n",
	       n, st.faces, st.font_bytes, out.len, st.subset_ms);
	for (size_t u = 0; u < nused; u++)
		printf("face: %s (%s, %s:%u)\n", sg_font_face_family(used[u]),
		       sg_font_face_style(used[u]), sg_font_face_path(used[u]),
		       sg_font_face_index(used[u]));
	sg_pdf_fonts_free(fonts);
	sg_pdf_file_free(f);
	sg_pdf_content_dispose(&c);
	sg_buf_dispose(&out);
	sg_diags_dispose(&d);
	free(cps);
	sg_font_cache_clear();
	return 0;
}

/* ---- the reference rasteriser ------------------------------------------ */

typedef struct S_edge {
	double x0, y0, x1, y1;
} S_edge;

typedef struct S_path {
	S_edge *e;
	size_t n, cap;
	double cx, cy;           /* current point, pixels */
	double ox, oy, scale;    /* font units to pixels: (ox + gx*scale, oy - gy*scale) */
	double sx, sy;           /* start of the contour */
} S_path;

static void S_line(S_path *p, double x, double y)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 256;
		p->e = realloc(p->e, p->cap * sizeof *p->e);
	}
	p->e[p->n++] = (S_edge){p->cx, p->cy, x, y};
	p->cx = x;
	p->cy = y;
}

#define PX(p, gx) ((p)->ox + (gx) * (p)->scale)
#define PY(p, gy) ((p)->oy - (gy) * (p)->scale)

static void S_move_to(hb_draw_funcs_t *f, void *data, hb_draw_state_t *st, float x, float y,
		      void *u)
{
	(void)f, (void)st, (void)u;
	S_path *p = data;
	p->cx = p->sx = PX(p, x);
	p->cy = p->sy = PY(p, y);
}

static void S_line_to(hb_draw_funcs_t *f, void *data, hb_draw_state_t *st, float x, float y,
		      void *u)
{
	(void)f, (void)st, (void)u;
	S_path *p = data;
	S_line(p, PX(p, x), PY(p, y));
}

static void S_quad_to(hb_draw_funcs_t *f, void *data, hb_draw_state_t *st, float cx, float cy,
		      float x, float y, void *u)
{
	(void)f, (void)u;
	S_path *p = data;
	double x0 = PX(p, st->current_x), y0 = PY(p, st->current_y);
	double x1 = PX(p, cx), y1 = PY(p, cy), x2 = PX(p, x), y2 = PY(p, y);
	for (int i = 1; i <= 16; i++) {
		double t = i / 16.0, u1 = 1 - t;
		S_line(p, u1 * u1 * x0 + 2 * u1 * t * x1 + t * t * x2,
		       u1 * u1 * y0 + 2 * u1 * t * y1 + t * t * y2);
	}
}

static void S_cubic_to(hb_draw_funcs_t *f, void *data, hb_draw_state_t *st, float c1x,
		       float c1y, float c2x, float c2y, float x, float y, void *u)
{
	(void)f, (void)u;
	S_path *p = data;
	double x0 = PX(p, st->current_x), y0 = PY(p, st->current_y);
	double x1 = PX(p, c1x), y1 = PY(p, c1y), x2 = PX(p, c2x), y2 = PY(p, c2y);
	double x3 = PX(p, x), y3 = PY(p, y);
	for (int i = 1; i <= 16; i++) {
		double t = i / 16.0, v = 1 - t;
		S_line(p, v * v * v * x0 + 3 * v * v * t * x1 + 3 * v * t * t * x2 + t * t * t * x3,
		       v * v * v * y0 + 3 * v * v * t * y1 + 3 * v * t * t * y2 + t * t * t * y3);
	}
}

static void S_close(hb_draw_funcs_t *f, void *data, hb_draw_state_t *st, void *u)
{
	(void)f, (void)st, (void)u;
	S_path *p = data;
	if (p->cx != p->sx || p->cy != p->sy)
		S_line(p, p->sx, p->sy);
}

typedef struct S_cross {
	double x;
	int dir;
} S_cross;

static int S_cmp_cross(const void *a, const void *b)
{
	double d = ((const S_cross *)a)->x - ((const S_cross *)b)->x;
	return d < 0 ? -1 : d > 0;
}

/* Fills cov[w*h] (0..1) with the coverage of the path over pixels whose
 * top-left is (px0, py0). */
static void S_fill(const S_path *p, int px0, int py0, int w, int h, double *cov)
{
	memset(cov, 0, (size_t)w * (size_t)h * sizeof *cov);
	S_cross *xs = malloc((p->n + 1) * sizeof *xs);
	for (int sy = 0; sy < h * SS; sy++) {
		double y = py0 + (sy + 0.5) / SS;
		size_t nx = 0;
		for (size_t i = 0; i < p->n; i++) {
			const S_edge *e = &p->e[i];
			if (e->y0 == e->y1)
				continue;
			double lo = e->y0 < e->y1 ? e->y0 : e->y1;
			double hi = e->y0 < e->y1 ? e->y1 : e->y0;
			if (y < lo || y >= hi)
				continue;
			double t = (y - e->y0) / (e->y1 - e->y0);
			xs[nx].x = e->x0 + t * (e->x1 - e->x0);
			xs[nx].dir = e->y1 > e->y0 ? 1 : -1;
			nx++;
		}
		qsort(xs, nx, sizeof *xs, S_cmp_cross);
		int wind = 0;
		for (size_t i = 0; i + 1 < nx; i++) {
			wind += xs[i].dir;
			if (wind == 0)
				continue;
			/* samples whose centre lies in [xs[i].x, xs[i+1].x) */
			int a = (int)ceil((xs[i].x - px0) * SS - 0.5);
			int b = (int)ceil((xs[i + 1].x - px0) * SS - 0.5);
			if (a < 0)
				a = 0;
			if (b > w * SS)
				b = w * SS;
			for (int sx = a; sx < b; sx++)
				cov[(sy / SS) * w + sx / SS] += 1.0 / (SS * SS);
		}
	}
	free(xs);
}

/* ---- check -------------------------------------------------------------- */

typedef struct S_pgm {
	int w, h;
	unsigned char *px;
} S_pgm;

static int S_read_pgm(const char *path, S_pgm *out)
{
	FILE *fp = fopen(path, "rb");
	int maxv;
	if (!fp || fscanf(fp, "P5 %d %d %d", &out->w, &out->h, &maxv) != 3 || maxv != 255) {
		fprintf(stderr, "%s: not an 8-bit PGM\n", path);
		return -1;
	}
	fgetc(fp);
	out->px = malloc((size_t)out->w * (size_t)out->h);
	size_t got = fread(out->px, 1, (size_t)out->w * (size_t)out->h, fp);
	fclose(fp);
	return got == (size_t)out->w * (size_t)out->h ? 0 : -1;
}

static int S_check(const char *chars_path, double dpi, const S_opts *o, char **pages, int npages)
{
	const sg_fontset *fs = S_fonts(o);
	uint32_t *cps;
	size_t n = S_read_chars(chars_path, &cps);
	double s = dpi / 72.0;
	S_pgm *pg = calloc((size_t)npages, sizeof *pg);
	for (int i = 0; i < npages; i++)
		if (S_read_pgm(pages[i], &pg[i]) < 0)
			return 2;

	hb_draw_funcs_t *df = hb_draw_funcs_create();
	hb_draw_funcs_set_move_to_func(df, S_move_to, NULL, NULL);
	hb_draw_funcs_set_line_to_func(df, S_line_to, NULL, NULL);
	hb_draw_funcs_set_quadratic_to_func(df, S_quad_to, NULL, NULL);
	hb_draw_funcs_set_cubic_to_func(df, S_cubic_to, NULL, NULL);
	hb_draw_funcs_set_close_path_func(df, S_close, NULL, NULL);

	int cw = (int)ceil(CELL * s) + 1;
	double *cov = malloc((size_t)(cw + 2) * (size_t)(cw + 2) * sizeof *cov);
	size_t failed = 0, checked = 0;
	double worst_ink = 1, worst_diff[2] = {0, 0};
	S_path path = {0};
	for (size_t k = 0; k < n; k++) {
		int slot = sg_fontset_choose(fs, cps[k], o->style, NULL);
		const sg_font_face *face = sg_fontset_slot(fs, slot)->face;
		S_place p = S_where(k, sg_fontset_advance(fs, slot, cps[k], GLYPH));
		if (p.page >= npages) {
			fprintf(stderr, "page %d of the sheet was not rendered\n", p.page + 1);
			return 2;
		}
		const S_pgm *img = &pg[p.page];
		int px0 = (int)floor(p.cell_x * s), py0 = (int)floor((SG_PDF_A4_HEIGHT - p.cell_top) * s);
		int w = cw, h = cw;
		if (px0 + w > img->w)
			w = img->w - px0;
		if (py0 + h > img->h)
			h = img->h - py0;

		hb_font_t *font = sg_font_face_hb_font(face);
		hb_codepoint_t gid = sg_font_slot_glyph(sg_fontset_slot(fs, slot), cps[k]);
		path.n = 0;
		path.scale = GLYPH / sg_font_face_upem(face) * s;
		path.ox = p.x * s;
		path.oy = (SG_PDF_A4_HEIGHT - p.y) * s;
		hb_font_get_glyph_shape(font, gid, df, &path);
		/* The reference gets a one-pixel border: the comparison allows a
		 * shift of up to a pixel each way, because poppler grid-fits hinted
		 * Latin glyphs (DejaVu's stems move by up to a pixel) while the
		 * reference is unhinted. A lost component or a wrong glyph
		 * changes far more than that. */
		int rw = w + 2, rh = h + 2;
		S_fill(&path, px0 - 1, py0 - 1, rw, rh, cov);
		double ref = 0, ink = 0, diff = 1e30;
		for (int y = 0; y < rh; y++)
			for (int x = 0; x < rw; x++)
				ref += cov[y * rw + x] > 1 ? 1 : cov[y * rw + x];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				ink += (255 - img->px[(size_t)(py0 + y) * (size_t)img->w +
						      (size_t)(px0 + x)]) /
				       255.0;
		for (int dy = 0; dy <= 2; dy++) {
			for (int dx = 0; dx <= 2; dx++) {
				double dd = 0;
				for (int y = 0; y < h; y++) {
					for (int x = 0; x < w; x++) {
						double c = cov[(y + dy) * rw + x + dx];
						double dark = (255 - img->px[(size_t)(py0 + y) *
										     (size_t)img->w +
									     (size_t)(px0 + x)]) /
							      255.0;
						dd += fabs((c > 1 ? 1 : c) - dark);
					}
				}
				if (dd < diff)
					diff = dd;
			}
		}
		if (ref < 1)
			continue; /* nothing to compare */
		checked++;
		double ratio = ink / ref, rel = diff / ref;
		if (fabs(ratio - 1) > fabs(worst_ink - 1))
			worst_ink = ratio;
		int cjk = slot >= 4;
		if (rel > worst_diff[cjk])
			worst_diff[cjk] = rel;
		if (ratio < INK_MIN || ratio > INK_MAX || rel > (cjk ? DIFF_MAX_CJK : DIFF_MAX_LATIN)) {
			char ch[5] = {0};
			sg_utf8_encode(cps[k], ch);
			if (failed < 30)
				printf("FAIL %s U+%04X page %d: ink %.2f of the font's, "
				       "difference %.2f\n",
				       ch, cps[k], p.page + 1, ratio, rel);
			failed++;
		}
	}
	printf("%zu of %zu characters drawn as the font draws them (worst ink ratio %.3f, "
	       "worst difference %.3f Latin, %.3f CJK)\n",
	       checked - failed, checked, worst_ink, worst_diff[0], worst_diff[1]);
	free(path.e);
	free(cov);
	hb_draw_funcs_destroy(df);
	for (int i = 0; i < npages; i++)
		free(pg[i].px);
	free(pg);
	free(cps);
	sg_font_cache_clear();
	return failed > 0 || checked == 0 ? 1 : 0;
}

/* Reads the options at argv[*i...] into o; false on an unknown one. */
static bool S_options(int argc, char **argv, int *i, S_opts *o)
{
	for (; *i < argc && strncmp(argv[*i], "--", 2) == 0; (*i)++) {
		if (strcmp(argv[*i], "--swap") == 0)
			o->swap = true;
		else if (strcmp(argv[*i], "--bold") == 0)
			o->style = SG_FONT_BOLD;
		else if (strcmp(argv[*i], "--family") == 0 && *i + 1 < argc)
			o->family = argv[++*i];
		else
			return false;
	}
	return true;
}

int main(int argc, char **argv)
{
	S_opts o = {NULL, SG_FONT_REGULAR, false};
	int i = 4;
	if (argc >= 4 && strcmp(argv[1], "write") == 0 && S_options(argc, argv, &i, &o) &&
	    i == argc)
		return S_write(argv[2], argv[3], &o);
	if (argc >= 5 && strcmp(argv[1], "check") == 0 && S_options(argc, argv, &i, &o) &&
	    !o.swap && i < argc)
		return S_check(argv[2], atof(argv[3]), &o, argv + i, argc - i);
	fprintf(stderr, "usage: pdf_glyph_sheet write OUT.pdf CHARS.txt [--family NAME] [--bold] "
			"[--swap]\n"
			"       pdf_glyph_sheet check CHARS.txt DPI [--family NAME] [--bold] "
			"PAGE.pgm...\n");
	return 2;
}

/*
 * pdf_file_sample.c - a sample PDF made with salesgen's own PDF writer
 * (render/pdf/pdf_file.h, pdf_content.h, pdf_embed.h, pdf_ximage.h), for
 * tests/e2e/pdf_file.sh, and the cost of embedding a CFF and a TrueType
 * subset.
 *
 * usage:
 *   pdf_file_sample write OUT.pdf BOXES SERIF SANS_BOLD LATIN EXTB [--break]
 *       Each font is FILE:INDEX. Writes a tagged two-page PDF 1.7 and, into
 *       BOXES, one line per character drawn: "U+XXXX page x0 y0 x1 y1", the
 *       box (points, PDF space) its ink must fall in. --break shows every
 *       王 (U+738B) with the code of the space, the way a glyph whose
 *       outline is lost draws: the check of the ink must find it blank.
 *   pdf_file_sample grid OUT.pdf BOXES FONT CHARS [--harfbuzz] [--break C]
 *       Sets every character of the UTF-8 file CHARS (white space left
 *       out) that FONT has in a cell of its own, 20 pt in cells of 26 pt,
 *       into an uncompressed PDF, and writes into BOXES one line per cell,
 *       as write does. A CID-keyed CFF face is subset by pdf_cff_subset.c,
 *       or with --harfbuzz by HarfBuzz, so that e2e/pdf_cff_subset.sh can
 *       compare the two renderings. --break changes one operand of the
 *       outline of character C in the embedded subset, after the first
 *       moveto, the way a broken charstring would, and prints "broke CID
 *       N": the comparison must find that cell.
 *   pdf_file_sample bench CFF_FONT TRUETYPE_FONT COUNT ROUNDS [CHARS]
 *       Embeds a subset of COUNT characters both faces have, ROUNDS times
 *       each, and prints the processor time and bytes of each path: the
 *       CFF face subset by pdf_cff_subset.c and by HarfBuzz, the TrueType
 *       face by HarfBuzz. The characters are the first COUNT of the UTF-8
 *       file CHARS, or Han characters spread over the block.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/utf8.h"
#include "layout/font.h"
#include "layout/font_hb.h"
#include "render/pdf/pdf_cff.h"
#include "render/pdf/pdf_cff_int.h"
#include "render/pdf/pdf_content.h"
#include "render/pdf/pdf_embed.h"
#include "render/pdf/pdf_file.h"
#include "render/pdf/pdf_ximage.h"

static const sg_font_face *S_face(const char *spec)
{
	char *path = sg_xstrdup(spec);
	char *colon = strrchr(path, ':');
	unsigned index = 0;
	if (colon) {
		*colon = '\0';
		index = (unsigned)atoi(colon + 1);
	}
	const sg_font_face *f = sg_font_face_load(path, index);
	if (!f)
		fprintf(stderr, "cannot load the font %s\n", spec);
	free(path);
	return f;
}

/* A chain of fonts: each character in the first that has it. */
typedef struct S_chain {
	sg_pdf_font **fonts;
	const sg_font_face **faces;
	int n;
} S_chain;

/* Draws UTF-8 text at (x, y) in size, run by run, and notes each drawn
 * character's box in boxes. Returns the x after it. */
static bool S_break;

static double S_line(sg_pdf_content *c, const S_chain *ch, const char *s, double x, double y,
		     double size, int page, FILE *boxes)
{
	size_t len = strlen(s);
	uint16_t *codes = sg_xmalloc((len + 1) * sizeof *codes);
	sg_pdf_content_begin_text(c);
	size_t i = 0;
	while (i < len) {
		/* One run: the characters of one font. */
		int fi = -1;
		size_t n = 0;
		double x0 = x;
		while (i < len) {
			uint32_t cp;
			size_t k = sg_utf8_decode(s + i, len - i, &cp);
			if (k == 0)
				k = 1;
			int which = -1;
			for (int j = 0; j < ch->n && which < 0; j++)
				if (sg_font_face_has_glyph(ch->faces[j], cp))
					which = j;
			if (which < 0) {
				i += k;
				continue;
			}
			if (fi >= 0 && which != fi)
				break;
			fi = which;
			/* "fi" as the Latin font's ligature glyph, standing for both
			 * letters: ToUnicode must give them back. */
			uint16_t code;
			uint32_t next = 0;
			hb_codepoint_t lig = 0;
			if (i + k < len)
				sg_utf8_decode(s + i + k, len - i - k, &next);
			if (cp == 'f' && next == 'i' &&
			    hb_font_get_nominal_glyph(sg_font_face_hb_font(ch->faces[fi]), 0xFB01,
						      &lig) &&
			    lig != 0) {
				code = sg_pdf_font_glyph(ch->fonts[fi], lig, "fi", 2);
				k += 1;
			} else {
				sg_pdf_font_char(ch->fonts[fi], cp, &code);
			}
			double w = sg_pdf_font_width(ch->fonts[fi], code) * size / 1000;
			if (S_break && cp == 0x738B)
				sg_pdf_font_char(ch->fonts[fi], ' ', &code);
			if (cp != ' ')
				fprintf(boxes, "U+%04X %d %.2f %.2f %.2f %.2f\n", cp, page, x + w * 0.1,
					y - size * 0.1, x + w * 0.9, y + size * 0.8);
			codes[n++] = code;
			x += w;
			i += k;
		}
		if (fi >= 0 && n > 0) {
			sg_pdf_content_font(c, sg_pdf_font_obj(ch->fonts[fi]), size);
			sg_pdf_content_text_matrix(c, 1, 0, 0, 1, x0, y);
			sg_pdf_content_show(c, codes, n);
		}
	}
	sg_pdf_content_end_text(c);
	free(codes);
	return x;
}

static int S_write(int argc, char **argv)
{
	if (argc == 9 && strcmp(argv[8], "--break") == 0)
		S_break = true;
	else if (argc != 8) {
		fprintf(stderr, "usage: pdf_file_sample write OUT.pdf BOXES SERIF SANS_BOLD LATIN EXTB "
				"[--break]\n");
		return 2;
	}
	const sg_font_face *faces[4];
	for (int i = 0; i < 4; i++)
		if (!(faces[i] = S_face(argv[4 + i])))
			return 1;
	FILE *boxes = fopen(argv[3], "w");
	if (!boxes) {
		perror(argv[3]);
		return 1;
	}
	sg_buf out;
	sg_buf_init(&out);
	sg_pdf_file_opts o = {.date = 1767225600, .tagged = true}; /* 2026-01-01 */
	sg_pdf_file *f = sg_pdf_file_new(&out, &o);
	sg_pdf_file_set_info(f, SG_PDF_INFO_TITLE, "样例 Sample & <Test>");
	sg_pdf_file_set_info(f, SG_PDF_INFO_AUTHOR, "王𪚥明");
	sg_pdf_file_set_lang(f, "zh-CN");
	sg_pdf_file_set_page_mode(f, SG_PDF_MODE_OUTLINES);
	sg_pdf_font *fonts[4];
	char why[256];
	for (int i = 0; i < 4; i++) {
		fonts[i] = sg_pdf_font_new(f, faces[i], why, sizeof why);
		if (!fonts[i]) {
			fprintf(stderr, "%s: %s\n", argv[4 + i], why);
			return 1;
		}
	}
	const double W = 595.276, H = 841.89;
	sg_pdf_content c;
	sg_pdf_content_init(&c);
	int doc = sg_pdf_file_struct_add(f, 0, "Document", NULL);

	/* Page 1: a heading, paragraphs in each face, a footer artifact. */
	S_chain serif = {&fonts[0], &faces[0], 1};
	S_chain sans = {&fonts[1], &faces[1], 1};
	sg_pdf_font *lf[3] = {fonts[2], fonts[3], fonts[0]};
	const sg_font_face *lfa[3] = {faces[2], faces[3], faces[0]};
	S_chain mixed = {lf, lfa, 3};
	sg_pdf_font *latin1[1] = {fonts[2]};
	S_chain latin = {latin1, &faces[2], 1};

	int h1 = sg_pdf_file_struct_add(f, doc, "H1", NULL);
	sg_pdf_content_tag(&c, "H1", sg_pdf_file_struct_mcid(f, h1, 0));
	sg_pdf_content_fill_color(&c, 0x1F3A5F);
	S_line(&c, &sans, "粗体标题：黑体加粗", 72, H - 100, 28, 1, boxes);
	sg_pdf_content_end_marked(&c);
	sg_pdf_content_fill_gray(&c, 0);
	const char *paras[][2] = {
		{"s", "王明：中文排版，汉字与标点。"},
		{"s", "宋体正文：天地玄黄，宇宙洪荒。"},
		{"l", "Hello, World: office files 1.7"},
		{"m", "A𠀀B 王𪚥明"},
	};
	double y = H - 160;
	for (size_t i = 0; i < sizeof paras / sizeof *paras; i++) {
		int p = sg_pdf_file_struct_add(f, doc, "P", NULL);
		sg_pdf_content_tag(&c, "P", sg_pdf_file_struct_mcid(f, p, 0));
		const S_chain *ch = paras[i][0][0] == 's' ? &serif
				    : paras[i][0][0] == 'l' ? &latin
							    : &mixed;
		S_line(&c, ch, paras[i][1], 72, y, 20, 1, boxes);
		sg_pdf_content_end_marked(&c);
		y -= 40;
	}
	/* A rule and a dashed frame, as the renderer draws them. */
	sg_pdf_content_artifact(&c, "Layout");
	sg_pdf_content_stroke_color(&c, 0x888888);
	sg_pdf_content_line_width(&c, 0.5);
	sg_pdf_content_move_to(&c, 72, y);
	sg_pdf_content_line_to(&c, W - 72, y);
	sg_pdf_content_stroke(&c);
	double dots[2] = {1, 3};
	sg_pdf_content_line_cap(&c, 1);
	sg_pdf_content_dash(&c, dots, 2, 0);
	sg_pdf_content_rect(&c, 72, y - 60, 200, 40);
	sg_pdf_content_stroke(&c);
	sg_pdf_content_dash(&c, NULL, 0, 0);
	sg_pdf_content_line_cap(&c, 0);
	sg_pdf_content_end_marked(&c);
	/* A link to page 2 and one to a web page. */
	int link = sg_pdf_file_struct_add(f, doc, "Link", NULL);
	sg_pdf_content_tag(&c, "Link", sg_pdf_file_struct_mcid(f, link, 0));
	double lx = S_line(&c, &serif, "见第二页", 72, y - 100, 14, 1, boxes);
	sg_pdf_content_end_marked(&c);
	sg_pdf_content_artifact(&c, "Pagination");
	S_line(&c, &serif, "第 1 页", W / 2 - 20, 40, 10, 1, boxes);
	sg_pdf_content_end_marked(&c);
	sg_pdf_link links[2] = {
		{72, y - 104, lx, y - 86, NULL, 1, 0, H - 72, link, NULL},
		{72, 30, 200, 50, "https://example.com/a(b)", 0, 0, 0, 0, NULL},
	};
	sg_pdf_page pg = {W, H, NULL, 0, NULL, 0, links, 2};
	sg_pdf_content_page(&c, &pg);
	if (sg_pdf_file_page_add(f, &pg) < 0)
		return 1;

	/* Page 2: an image with alpha, half transparent text. */
	sg_pdf_content_reset(&c);
	enum { IW = 64, IH = 48 };
	unsigned char *rgb = sg_xmalloc(IW * IH * 3), *alpha = sg_xmalloc(IW * IH);
	for (int r = 0; r < IH; r++)
		for (int k = 0; k < IW; k++) {
			rgb[3 * (r * IW + k)] = (unsigned char)(k * 4);
			rgb[3 * (r * IW + k) + 1] = (unsigned char)(r * 5);
			rgb[3 * (r * IW + k) + 2] = 128;
			alpha[r * IW + k] = (unsigned char)(255 - k * 2);
		}
	sg_image_pixels px = {IW, IH, 3, rgb, alpha};
	uint32_t im;
	if (sg_pdf_ximage_pixels(f, &px, NULL, &im) < 0)
		return 1;
	free(rgb);
	free(alpha);
	int fig = sg_pdf_file_struct_add(f, doc, "Figure", "一幅渐变图");
	sg_pdf_content_tag(&c, "Figure", sg_pdf_file_struct_mcid(f, fig, 1));
	sg_pdf_content_image(&c, im, 72, H - 300, 256, 192);
	sg_pdf_content_end_marked(&c);
	int p2 = sg_pdf_file_struct_add(f, doc, "P", NULL);
	sg_pdf_content_tag(&c, "P", sg_pdf_file_struct_mcid(f, p2, 1));
	S_line(&c, &serif, "第二页的正文。", 72, H - 340, 20, 2, boxes);
	sg_pdf_content_end_marked(&c);
	sg_pdf_content_artifact(&c, NULL);
	sg_pdf_content_save(&c);
	sg_pdf_content_gstate(&c, sg_pdf_file_alpha(f, 0.16, 0.16));
	sg_pdf_content_fill_color(&c, 0xCC0000);
	sg_pdf_content_rect(&c, 300, 100, 200, 100);
	sg_pdf_content_fill(&c);
	sg_pdf_content_restore(&c);
	sg_pdf_content_end_marked(&c);
	sg_pdf_page pg2 = {W, H, NULL, 0, NULL, 0, NULL, 0};
	sg_pdf_content_page(&c, &pg2);
	if (sg_pdf_file_page_add(f, &pg2) < 0)
		return 1;

	int o1 = sg_pdf_file_outline_add(f, 0, "粗体标题", 0, 0, H - 72, true);
	sg_pdf_file_outline_add(f, o1, "A𠀀B 王𪚥明", 0, 0, H - 300, false);
	sg_pdf_file_outline_add(f, 0, "第二页", 1, 0, H - 72, true);

	sg_diags d;
	sg_diags_init(&d);
	int rc = 0;
	for (int i = 0; i < 4; i++)
		if (sg_pdf_font_write(fonts[i], sg_pos_make(NULL, 0, 0), &d) < 0)
			rc = 1;
	if (rc == 0 && sg_pdf_file_finish(f) < 0) {
		fprintf(stderr, "the file cannot be finished\n");
		rc = 1;
	}
	sg_diags_print(&d, stderr);
	if (rc == 0) {
		FILE *fp = fopen(argv[2], "wb");
		if (!fp || fwrite(out.data, 1, out.len, fp) != out.len || fclose(fp) != 0) {
			perror(argv[2]);
			rc = 1;
		}
	}
	fclose(boxes);
	for (int i = 0; i < 4; i++)
		sg_pdf_font_free(fonts[i]);
	sg_pdf_content_dispose(&c);
	sg_pdf_file_free(f);
	sg_buf_dispose(&out);
	sg_diags_dispose(&d);
	sg_font_cache_clear();
	return rc;
}

/* ---- grid ------------------------------------------------------------------ */

/* The whole of file path into b; false (with a message) when it cannot be
 * read. */
static bool S_slurp(const char *path, sg_buf *b)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		perror(path);
		return false;
	}
	char tmp[4096];
	size_t k;
	while ((k = fread(tmp, 1, sizeof tmp, fp)) > 0)
		sg_buf_put(b, tmp, k);
	fclose(fp);
	return true;
}

/* Changes, in the CFF program of the uncompressed PDF pdf, the first
 * one- or two-byte operand after the first moveto of the glyph with CID
 * cid by 40 units. */
static int S_break_glyph(sg_buf *pdf, uint16_t cid)
{
	static const char key[] = "/Subtype /CIDFontType0C /Length ";
	char *at = strstr(pdf->data, key);
	if (!at)
		return -1;
	size_t len = strtoul(at + strlen(key), NULL, 10);
	char *st = strstr(at, "stream\n");
	if (!st)
		return -1;
	uint8_t *p = (uint8_t *)st + 7;
	sg_cff_info ci;
	if (sg_cff_read(&ci, p, len) < 0)
		return -1;
	uint32_t g = 0;
	while (g < ci.glyphs && sg_cff_cid(&ci, g) != cid)
		g++;
	sg_cff_info_dispose(&ci);
	/* The CharStrings INDEX, from the Top DICT. */
	sg_cff_index names, tops, cs;
	size_t top, top_len, cat, clen, pos = 0;
	long o_cs = -1;
	sg_cff_dict_op op;
	if (!sg_cff_index_read(p, len, p[2], &names) ||
	    !sg_cff_index_read(p, len, names.end, &tops) ||
	    !sg_cff_index_item(p, len, &tops, 0, &top, &top_len))
		return -1;
	while (sg_cff_dict_next(p + top, top_len, &pos, &op) > 0)
		if (op.op == 17)
			o_cs = op.args[0];
	if (o_cs < 0 || !sg_cff_index_read(p, len, (size_t)o_cs, &cs) ||
	    !sg_cff_index_item(p, len, &cs, g, &cat, &clen))
		return -1;
	/* 40 units: a visible shift of the rest of the contour that stays
	 * inside the glyph's cell. */
	bool moved = false;
	for (size_t i = cat; i < cat + clen;) {
		uint8_t b = p[i];
		if (b >= 32 && b <= 246) {
			if (moved) {
				p[i] = (uint8_t)(b + 40 <= 246 ? b + 40 : b - 40);
				return 0;
			}
			i += 1;
		} else if (b >= 247 && b != 255) {
			if (moved) {
				p[i + 1] = (uint8_t)(p[i + 1] + 40 <= 255 ? p[i + 1] + 40 : p[i + 1] - 40);
				return 0;
			}
			i += 2;
		} else if (b == 255) {
			i += 5;
		} else if (b == 28) {
			i += 3;
		} else {
			moved = moved || b == 21 || b == 22 || b == 4;
			i += b == 12 ? 2 : 1;
		}
	}
	return -1;
}

static int S_grid(int argc, char **argv)
{
	bool harfbuzz = false;
	uint32_t broken = 0;
	for (int i = 6; i < argc; i++) {
		if (strcmp(argv[i], "--harfbuzz") == 0) {
			harfbuzz = true;
		} else if (strcmp(argv[i], "--break") == 0 && i + 1 < argc) {
			i++;
			if (sg_utf8_decode(argv[i], strlen(argv[i]), &broken) == 0)
				broken = 0;
		} else {
			argc = 0;
		}
	}
	if (argc < 6) {
		fprintf(stderr, "usage: pdf_file_sample grid OUT.pdf BOXES FONT CHARS [--harfbuzz] "
				"[--break C]\n");
		return 2;
	}
	const sg_font_face *face = S_face(argv[4]);
	sg_buf chars;
	sg_buf_init(&chars);
	if (!face || !S_slurp(argv[5], &chars))
		return 1;
	FILE *boxes = fopen(argv[3], "w");
	if (!boxes) {
		perror(argv[3]);
		return 1;
	}
	enum { COLS = 20, ROWS = 29 };
	const double W = 595.276, H = 841.89, CELL = 26, SIZE = 20, MARGIN = 36;
	sg_buf out;
	sg_buf_init(&out);
	sg_pdf_file_opts o = {.date = 1767225600, .uncompressed = true};
	sg_pdf_file *f = sg_pdf_file_new(&out, &o);
	char why[256];
	sg_pdf_font *pf = sg_pdf_font_new(f, face, why, sizeof why);
	if (!pf) {
		fprintf(stderr, "%s: %s\n", argv[4], why);
		return 1;
	}
	if (harfbuzz)
		sg_pdf_font_use_harfbuzz(pf);
	sg_pdf_content c;
	sg_pdf_content_init(&c);
	int rc = 0, cell = 0, page = 1;
	uint16_t broken_code = 0;
	for (size_t i = 0; i <= chars.len && rc == 0;) {
		uint32_t cp = 0;
		size_t k = i < chars.len ? sg_utf8_decode(chars.data + i, chars.len - i, &cp) : 0;
		i += k ? k : 1;
		uint16_t code;
		bool last = i > chars.len;
		if (!last && (cp <= ' ' || !sg_pdf_font_char(pf, cp, &code)))
			continue;
		if (!last) {
			int col = cell % COLS, row = cell / COLS;
			double x = MARGIN + col * CELL, y = H - MARGIN - (row + 1) * CELL;
			sg_pdf_content_begin_text(&c);
			sg_pdf_content_font(&c, sg_pdf_font_obj(pf), SIZE);
			sg_pdf_content_text_matrix(&c, 1, 0, 0, 1, x + (CELL - SIZE) / 2, y + 6);
			sg_pdf_content_show(&c, &code, 1);
			sg_pdf_content_end_text(&c);
			fprintf(boxes, "U+%04X %d %.2f %.2f %.2f %.2f\n", cp, page, x, y, x + CELL,
				y + CELL);
			if (cp == broken)
				broken_code = code;
			cell++;
		}
		if ((last && cell > 0) || cell == COLS * ROWS) {
			sg_pdf_page pg = {W, H, NULL, 0, NULL, 0, NULL, 0};
			sg_pdf_content_page(&c, &pg);
			if (sg_pdf_file_page_add(f, &pg) < 0)
				rc = 1;
			sg_pdf_content_reset(&c);
			cell = 0;
			page++;
		}
	}
	sg_diags d;
	sg_diags_init(&d);
	if (rc == 0 && (sg_pdf_font_write(pf, sg_pos_make(NULL, 0, 0), &d) < 0 ||
			sg_pdf_file_finish(f) < 0))
		rc = 1;
	sg_diags_print(&d, stderr);
	sg_pdf_font_info info;
	sg_pdf_font_info_get(pf, &info);
	if (rc == 0 && sg_pdf_font_is_cff(pf) && info.own_cff == harfbuzz) {
		fprintf(stderr, "the subset was not made by %s\n",
			harfbuzz ? "HarfBuzz" : "pdf_cff_subset.c");
		rc = 1;
	}
	if (rc == 0 && broken) {
		if (!broken_code || S_break_glyph(&out, broken_code) < 0) {
			fprintf(stderr, "cannot break the glyph of U+%04X\n", broken);
			rc = 1;
		} else {
			printf("broke CID %u\n", broken_code);
		}
	}
	if (rc == 0) {
		FILE *fp = fopen(argv[2], "wb");
		if (!fp || fwrite(out.data, 1, out.len, fp) != out.len || fclose(fp) != 0) {
			perror(argv[2]);
			rc = 1;
		}
	}
	fclose(boxes);
	sg_pdf_font_free(pf);
	sg_pdf_content_dispose(&c);
	sg_pdf_file_free(f);
	sg_buf_dispose(&out);
	sg_buf_dispose(&chars);
	sg_diags_dispose(&d);
	sg_font_cache_clear();
	return rc;
}

/* ---- bench ------------------------------------------------------------------ */

/* Processor time: the machine may be busy with other work. */
static double S_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Up to count characters both faces have: from the UTF-8 file path, or
 * Han characters spread over the block. */
static int S_bench_chars(const sg_font_face *const faces[2], const char *path, uint32_t *cps,
			 int count)
{
	int n = 0;
	if (!path) {
		for (uint32_t cp = 0x4E00; cp < 0x9FA6 && n < count; cp += 7)
			if (sg_font_face_has_glyph(faces[0], cp) && sg_font_face_has_glyph(faces[1], cp))
				cps[n++] = cp;
		return n;
	}
	sg_buf b;
	sg_buf_init(&b);
	if (!S_slurp(path, &b))
		return -1;
	for (size_t i = 0; i < b.len && n < count;) {
		uint32_t cp;
		size_t m = sg_utf8_decode(b.data + i, b.len - i, &cp);
		i += m ? m : 1;
		if (m && cp > ' ' && sg_font_face_has_glyph(faces[0], cp) &&
		    sg_font_face_has_glyph(faces[1], cp))
			cps[n++] = cp;
	}
	sg_buf_dispose(&b);
	return n;
}

static int S_bench(int argc, char **argv)
{
	if (argc != 6 && argc != 7) {
		fprintf(stderr, "usage: pdf_file_sample bench CFF_FONT TRUETYPE_FONT COUNT ROUNDS "
				"[CHARS]\n");
		return 2;
	}
	const sg_font_face *faces[2] = {S_face(argv[2]), S_face(argv[3])};
	if (!faces[0] || !faces[1])
		return 1;
	int count = atoi(argv[4]), rounds = atoi(argv[5]);
	uint32_t *cps = sg_xmalloc((size_t)(count > 0 ? count : 1) * sizeof *cps);
	int n = S_bench_chars(faces, argc == 7 ? argv[6] : NULL, cps, count);
	if (n < 0)
		return 1;
	static const char *const names[3] = {"CFF (own subsetter)", "CFF (HarfBuzz)", "TrueType"};
	for (int k = 0; k < 3; k++) {
		const sg_font_face *face = faces[k == 2];
		double best = 1e30, total = 0, first = 0;
		sg_pdf_font_info info = {0};
		for (int r = 0; r < rounds; r++) {
			sg_buf out;
			sg_buf_init(&out);
			sg_pdf_file *f = sg_pdf_file_new(&out, NULL);
			double t0 = S_ms();
			char why[128];
			sg_pdf_font *pf = sg_pdf_font_new(f, face, why, sizeof why);
			if (!pf) {
				fprintf(stderr, "%s\n", why);
				return 1;
			}
			if (k == 1)
				sg_pdf_font_use_harfbuzz(pf);
			for (int i = 0; i < n; i++) {
				uint16_t code;
				sg_pdf_font_char(pf, cps[i], &code);
			}
			sg_diags d;
			sg_diags_init(&d);
			if (sg_pdf_font_write(pf, sg_pos_make(NULL, 0, 0), &d) < 0) {
				sg_diags_print(&d, stderr);
				return 1;
			}
			double ms = S_ms() - t0;
			if (r == 0)
				first = ms;
			total += ms;
			if (ms < best)
				best = ms;
			sg_pdf_font_info_get(pf, &info);
			sg_diags_dispose(&d);
			sg_pdf_font_free(pf);
			sg_pdf_file_free(f);
			sg_buf_dispose(&out);
		}
		if (k == 0 && !info.own_cff)
			fprintf(stderr, "the CFF face was not subset by pdf_cff_subset.c\n");
		printf("%-20s %s: %d characters, %zu glyphs; font program %zu bytes, in the file "
		       "%zu bytes (compressed, all objects); %.2f ms best, %.2f ms mean of %d, "
		       "%.2f ms the first time\n",
		       names[k], argv[2 + (k == 2)], n, info.glyphs, info.program_bytes,
		       info.file_bytes, best, total / rounds, rounds, first);
	}
	free(cps);
	sg_font_cache_clear();
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "write") == 0)
		return S_write(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "grid") == 0)
		return S_grid(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "bench") == 0)
		return S_bench(argc, argv);
	fprintf(stderr, "usage: pdf_file_sample write|grid|bench ...\n");
	return 2;
}

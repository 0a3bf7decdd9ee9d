/*
 * pdf_style.c - a theme's pdf.yaml read into the layout's style: the keys it
 * may set, their kinds, and where each problem is.
 */
#include "render/pdf/pdf_style.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/confine.h"
#include "base/fs.h"
#include "base/resource.h"
#include "layout/linebreak.h"
#include "load/frontmatter.h"

extern const sg_resource sg_theme_default_files[];

/* ---------------------------------------------------------------- keys */

typedef enum { S_LEN, S_NUM, S_INT, S_COLOR, S_BOOL, S_STR, S_EMPH, S_PUNCT } S_kind;

typedef struct S_key {
	const char *path;
	S_kind kind;
	size_t off;
} S_key;

#define K(p, k, f) {p, k, offsetof(sg_style, f)}

static const S_key S_keys[] = {
	K("page.width", S_LEN, page_width),
	K("page.height", S_LEN, page_height),
	K("page.margins.top", S_LEN, margin_top),
	K("page.margins.bottom", S_LEN, margin_bottom),
	K("page.margins.left", S_LEN, margin_left),
	K("page.margins.right", S_LEN, margin_right),
	K("page.header_offset", S_LEN, header_offset),
	K("page.footer_offset", S_LEN, footer_offset),
	K("fonts.latin", S_STR, font_latin),
	K("fonts.cjk", S_STR, font_cjk),
	K("fonts.heading_latin", S_STR, font_heading_latin),
	K("fonts.heading_cjk", S_STR, font_heading_cjk),
	K("fonts.mono", S_STR, font_mono),
	K("fonts.table_latin", S_STR, font_table_latin),
	K("fonts.table_cjk", S_STR, font_table_cjk),
	K("fonts.kai", S_STR, font_kai),
	K("emphasis_cjk", S_EMPH, emphasis_cjk),
	K("paragraph.indent_zh", S_NUM, indent_zh),
	K("paragraph.gap_en", S_NUM, para_gap_en),
	K("list.indent", S_LEN, list_indent),
	K("quote.indent", S_LEN, quote_indent),
	K("quote.bar", S_COLOR, quote_bar),
	K("quote.text", S_COLOR, quote_text),
	K("table.pad_x", S_LEN, table_pad_x),
	K("table.pad_y", S_LEN, table_pad_y),
	K("table.head_bg", S_COLOR, table_head_bg),
	K("table.rule", S_COLOR, table_rule),
	K("colors.accent", S_COLOR, accent),
	K("colors.rule", S_COLOR, rule),
	K("colors.muted", S_COLOR, muted),
	K("colors.link", S_COLOR, link),
	K("colors.code_bg", S_COLOR, code_bg),
	K("colors.watermark", S_COLOR, watermark),
	K("contents.depth", S_INT, toc_depth),
	K("contents.min_headings", S_INT, toc_min),
	K("cover.logo", S_STR, logo),
	K("cover.title_size", S_LEN, cover_title_size),
	K("cover.subtitle_size", S_LEN, cover_subtitle_size),
	K("punctuation", S_PUNCT, punct),
};

static const struct {
	const char *name;
	size_t off;
} S_blocks[] = {
	{"body", offsetof(sg_style, body)},       {"h1", offsetof(sg_style, h[0])},
	{"h2", offsetof(sg_style, h[1])},         {"h3", offsetof(sg_style, h[2])},
	{"h4", offsetof(sg_style, h[3])},         {"h5", offsetof(sg_style, h[4])},
	{"h6", offsetof(sg_style, h[5])},         {"code", offsetof(sg_style, code)},
	{"table", offsetof(sg_style, table)},     {"header", offsetof(sg_style, header)},
	{"contents", offsetof(sg_style, toc)},    {"caption", offsetof(sg_style, caption)},
};

static bool S_color(const char *str, uint32_t *out)
{
	if (str[0] != '#' || strlen(str) != 7)
		return false;
	char *end;
	unsigned long v = strtoul(str + 1, &end, 16);
	if (*end)
		return false;
	*out = (uint32_t)v;
	return true;
}

typedef struct S_ctx {
	sg_style *s;
	const char *path;
	sg_diags *d;
	int errors;
} S_ctx;

static void S_bad(S_ctx *c, const sg_value *v, const char *key, const char *what)
{
	sg_error(c->d, sg_pos_make(c->path, v->line, v->col), "'%s' must be %s", key, what);
	c->errors++;
}

static const char *S_scalar(const sg_value *v, char *tmp, size_t n)
{
	if (v->kind == SG_VAL_STR)
		return v->u.str.s;
	if (v->kind == SG_VAL_INT) {
		snprintf(tmp, n, "%lld", (long long)v->u.i);
		return tmp;
	}
	return NULL;
}

/* A font family records where it was named (sg_style.font_*_at). */
static void S_font_at(S_ctx *c, size_t off, const sg_value *v)
{
	static const struct {
		size_t font, at;
	} fonts[] = {
		{offsetof(sg_style, font_latin), offsetof(sg_style, font_latin_at)},
		{offsetof(sg_style, font_cjk), offsetof(sg_style, font_cjk_at)},
		{offsetof(sg_style, font_heading_latin), offsetof(sg_style, font_heading_latin_at)},
		{offsetof(sg_style, font_heading_cjk), offsetof(sg_style, font_heading_cjk_at)},
		{offsetof(sg_style, font_mono), offsetof(sg_style, font_mono_at)},
		{offsetof(sg_style, font_table_latin), offsetof(sg_style, font_table_latin_at)},
		{offsetof(sg_style, font_table_cjk), offsetof(sg_style, font_table_cjk_at)},
		{offsetof(sg_style, font_kai), offsetof(sg_style, font_kai_at)},
	};
	for (size_t i = 0; i < sizeof fonts / sizeof *fonts; i++)
		if (fonts[i].font == off)
			*(sg_pos *)((char *)c->s + fonts[i].at) = sg_pos_make(c->path, v->line, v->col);
}

static void S_set(S_ctx *c, const S_key *k, const char *key, const sg_value *v)
{
	char tmp[32];
	const char *str = S_scalar(v, tmp, sizeof tmp);
	char *field = (char *)c->s + k->off;
	double num;
	uint32_t col;
	switch (k->kind) {
	case S_LEN:
		if (!str || !sg_style_parse_length(str, &num))
			return S_bad(c, v, key, "a length such as 12pt, 2.54cm or 20mm");
		*(double *)field = num;
		return;
	case S_NUM: {
		char *end;
		num = str ? strtod(str, &end) : 0;
		if (!str || *end || num < 0 || num > 1000)
			return S_bad(c, v, key, "a number");
		*(double *)field = num;
		return;
	}
	case S_INT:
		if (v->kind != SG_VAL_INT || v->u.i < 0 || v->u.i > 1000)
			return S_bad(c, v, key, "a whole number");
		*(int *)field = (int)v->u.i;
		return;
	case S_COLOR:
		if (!str || !S_color(str, &col))
			return S_bad(c, v, key, "a colour written #RRGGBB");
		*(uint32_t *)field = col;
		return;
	case S_BOOL:
		if (v->kind != SG_VAL_BOOL)
			return S_bad(c, v, key, "true or false");
		*(bool *)field = v->u.b;
		return;
	case S_STR:
		if (v->kind != SG_VAL_STR || v->u.str.len == 0)
			return S_bad(c, v, key, "a non-empty string");
		*(const char **)field = sg_arena_strdup(&c->s->arena, v->u.str.s);
		S_font_at(c, k->off, v);
		return;
	case S_EMPH:
		if (str && strcmp(str, "kai") == 0)
			*(sg_font_emphasis *)field = SG_FONT_EMPH_KAI;
		else if (str && strcmp(str, "dots") == 0)
			*(sg_font_emphasis *)field = SG_FONT_EMPH_DOTS;
		else
			return S_bad(c, v, key, "kai or dots");
		c->s->emphasis_cjk_at = sg_pos_make(c->path, v->line, v->col);
		return;
	case S_PUNCT:
		if (str && strcmp(str, "mainland") == 0)
			*(int *)field = SG_PUNCT_MAINLAND;
		else if (str && strcmp(str, "none") == 0)
			*(int *)field = SG_PUNCT_NONE;
		else
			S_bad(c, v, key, "mainland or none");
		return;
	}
}

static bool S_block_key(S_ctx *c, const char *key, const sg_value *v)
{
	const char *dot = strchr(key, '.');
	if (!dot)
		return false;
	for (size_t i = 0; i < sizeof S_blocks / sizeof *S_blocks; i++) {
		size_t n = strlen(S_blocks[i].name);
		if ((size_t)(dot - key) != n || strncmp(key, S_blocks[i].name, n) != 0)
			continue;
		size_t base = S_blocks[i].off;
		const char *f = dot + 1;
		S_key k = {key, S_LEN, 0};
		if (strcmp(f, "size") == 0)
			k.off = base + offsetof(sg_block_style, size);
		else if (strcmp(f, "before") == 0)
			k.off = base + offsetof(sg_block_style, before);
		else if (strcmp(f, "after") == 0)
			k.off = base + offsetof(sg_block_style, after);
		else if (strcmp(f, "leading") == 0)
			k = (S_key){key, S_NUM, base + offsetof(sg_block_style, leading)};
		else if (strcmp(f, "color") == 0)
			k = (S_key){key, S_COLOR, base + offsetof(sg_block_style, color)};
		else if (strcmp(f, "bold") == 0)
			k = (S_key){key, S_BOOL, base + offsetof(sg_block_style, bold)};
		else
			return false;
		S_set(c, &k, key, v);
		return true;
	}
	return false;
}

static void S_walk(S_ctx *c, const sg_value *map, const char *prefix)
{
	for (const sg_value *v = map->u.items.first; v; v = v->next) {
		char key[160];
		snprintf(key, sizeof key, "%s%s%s", prefix, *prefix ? "." : "", v->key);
		if (strcmp(key, "labels") == 0) {
			if (v->kind != SG_VAL_MAP) {
				S_bad(c, v, key, "a map of languages");
				continue;
			}
			/* The value tree lives in the arena the YAML was parsed in,
			 * which is the style's own. */
			c->s->labels = (sg_value *)v;
			continue;
		}
		if (v->kind == SG_VAL_MAP) {
			S_walk(c, v, key);
			continue;
		}
		if (S_block_key(c, key, v))
			continue;
		const S_key *k = NULL;
		for (size_t i = 0; i < sizeof S_keys / sizeof *S_keys; i++)
			if (strcmp(S_keys[i].path, key) == 0)
				k = &S_keys[i];
		if (!k) {
			sg_error(c->d, sg_pos_make(c->path, v->line, v->col),
				 "unknown PDF style key '%s'", key);
			c->errors++;
			continue;
		}
		S_set(c, k, key, v);
	}
}

int sg_pdf_style_load_yaml(sg_style *s, const char *text, size_t len, const char *path,
			   sg_diags *d)
{
	sg_value *root = sg_frontmatter_parse(&s->arena, text, len, path, 1, d);
	if (!root)
		return -1;
	S_ctx c = {s, path, d, 0};
	S_walk(&c, root, "");
	if (s->toc_depth < 1 || s->toc_depth > 6)
		s->toc_depth = 2;
	return c.errors ? -1 : 0;
}

/* ---------------------------------------------------------------- themes */

int sg_pdf_style_load(sg_style *out, const char *dir, sg_diags *d)
{
	sg_style_init(out);
	if (dir) {
		char *path = sg_path_join(dir, "pdf.yaml");
		if (sg_file_exists(path)) {
			sg_buf b;
			sg_buf_init(&b);
			int rc = sg_confine_read(dir, SG_CONFINE_THEME, path, 1024 * 1024, &b, d);
			if (rc == 0) {
				/* The path must outlive the diagnostics' positions:
				 * keep it in the style's arena. */
				const char *p = sg_arena_strdup(&out->arena, path);
				rc = sg_pdf_style_load_yaml(out, b.data, b.len, p, d);
			}
			sg_buf_dispose(&b);
			free(path);
			return rc;
		}
		free(path);
	}
	const sg_resource *r = sg_resource_find(sg_theme_default_files, "pdf.yaml");
	if (!r)
		return 0;
	return sg_pdf_style_load_yaml(out, (const char *)r->data, r->len,
				      "(built-in theme)/pdf.yaml", d);
}


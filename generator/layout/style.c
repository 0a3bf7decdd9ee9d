#include "layout/style.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/frontmatter.h"

#define S_CM (72.0 / 2.54)

static sg_block_style S_block(double size, double leading, double before, double after,
			      uint32_t color, bool bold)
{
	sg_block_style b = {size, leading, before, after, color, bold};
	return b;
}

void sg_style_init(sg_style *s)
{
	memset(s, 0, sizeof *s);
	sg_arena_init(&s->arena);
	s->page_width = 21.0 * S_CM;
	s->page_height = 29.7 * S_CM;
	s->margin_top = s->margin_bottom = 2.54 * S_CM;
	s->margin_left = s->margin_right = 3.17 * S_CM;
	s->header_offset = 0.9 * S_CM;
	s->footer_offset = 1.1 * S_CM;
	s->font_latin = "DejaVu Sans";
	s->font_cjk = "WenQuanYi Micro Hei";
	s->font_heading_latin = "DejaVu Sans";
	s->font_heading_cjk = "WenQuanYi Micro Hei";
	s->font_mono = "DejaVu Sans Mono";

	uint32_t ink = 0x222222, navy = 0x1F3A5F;
	s->body = S_block(12, 1.5, 0, 0, ink, false);
	s->h[0] = S_block(18, 1.3, 20, 10, navy, true);
	s->h[1] = S_block(15, 1.3, 16, 8, navy, true);
	s->h[2] = S_block(13, 1.3, 12, 6, navy, true);
	s->h[3] = S_block(12, 1.3, 10, 4, ink, true);
	s->h[4] = S_block(12, 1.3, 8, 4, ink, true);
	s->h[5] = S_block(12, 1.3, 8, 4, ink, false);
	s->code = S_block(9.5, 1.35, 6, 8, 0x1E2A36, false);
	s->table = S_block(10.5, 1.35, 6, 10, ink, false);
	s->header = S_block(9, 1.2, 0, 0, 0x6B7480, false);
	s->toc = S_block(12, 1.9, 0, 0, ink, false);
	s->caption = S_block(9, 1.3, 3, 8, 0x6B7480, false);

	s->indent_zh = 2;
	s->para_gap_en = 0.5;
	s->list_indent = 21;
	s->quote_indent = 15;
	s->table_pad_x = 6;
	s->table_pad_y = 4;
	s->accent = navy;
	s->rule = 0xB8C2CC;
	s->muted = 0x6B7480;
	s->link = 0x1F5FA8;
	s->code_bg = 0xF3F5F7;
	s->quote_bar = 0xC5D0DC;
	s->quote_text = 0x4A5560;
	s->table_head_bg = 0xE8EDF3;
	s->table_rule = 0x8795A3;
	s->watermark = 0xD9534F;
	s->toc_depth = 2;
	s->toc_min = 4;
	s->cover_title_size = 26;
	s->cover_subtitle_size = 14;
	s->labels = sg_value_map(&s->arena);
}

void sg_style_dispose(sg_style *s)
{
	sg_arena_dispose(&s->arena);
	memset(s, 0, sizeof *s);
}

bool sg_style_parse_length(const char *str, double *out)
{
	char *end;
	double v = strtod(str, &end);
	if (end == str || v != v)
		return false;
	while (*end == ' ')
		end++;
	double unit = 1;
	if (*end == '\0' || strcmp(end, "pt") == 0)
		unit = 1;
	else if (strcmp(end, "cm") == 0)
		unit = S_CM;
	else if (strcmp(end, "mm") == 0)
		unit = S_CM / 10;
	else if (strcmp(end, "in") == 0)
		unit = 72;
	else
		return false;
	*out = v * unit;
	return v >= 0 && v < 100000;
}

/* ---------------------------------------------------------------- keys */

typedef enum { S_LEN, S_NUM, S_INT, S_COLOR, S_BOOL, S_STR } S_kind;

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

int sg_style_load_yaml(sg_style *s, const char *text, size_t len, const char *path, sg_diags *d)
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

bool sg_style_lang_is_zh(const char *lang)
{
	return lang && (lang[0] == 'z' || lang[0] == 'Z') && (lang[1] == 'h' || lang[1] == 'H') &&
	       (lang[2] == '\0' || lang[2] == '-' || lang[2] == '_');
}

static const char *S_label_in(const sg_value *labels, const char *lang, const char *key)
{
	const sg_value *m = sg_map_get(labels, lang);
	const sg_value *v = m ? sg_map_get(m, key) : NULL;
	return v && v->kind == SG_VAL_STR ? v->u.str.s : NULL;
}

const char *sg_style_label(const sg_style *s, const char *lang, const char *key,
			   const char *fallback)
{
	const char *r = NULL;
	if (lang)
		r = S_label_in(s->labels, lang, key);
	if (!r && sg_style_lang_is_zh(lang)) {
		r = S_label_in(s->labels, "zh-CN", key);
		if (!r)
			r = S_label_in(s->labels, "zh", key);
	}
	if (!r)
		r = S_label_in(s->labels, "en", key);
	return r ? r : fallback;
}

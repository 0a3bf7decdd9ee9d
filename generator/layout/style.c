#include "layout/style.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	/* Noto CJK's own Latin letters match its Han characters in weight and
	 * size, so the Latin families are the CJK ones. */
	s->font_latin = "Noto Serif CJK SC";
	s->font_cjk = "Noto Serif CJK SC";
	s->font_heading_latin = "Noto Sans CJK SC";
	s->font_heading_cjk = "Noto Sans CJK SC";
	s->font_table_latin = "Noto Sans CJK SC";
	s->font_table_cjk = "Noto Sans CJK SC";
	s->font_mono = "DejaVu Sans Mono";
	s->font_kai = SG_FONT_DEFAULT_KAI;
	s->emphasis_cjk = SG_FONT_EMPH_KAI;

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

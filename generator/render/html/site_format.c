/*
 * site_format.c - how the site writes money, shares, dates, day counts and
 * tag slugs.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cost/money.h"
#include "render/html/site_int.h"

const char *sg_site_money(sg_arena *a, sg_fen fen, const char *currency)
{
	sg_buf b;
	sg_buf_init(&b);
	bool cny = !currency || strcmp(currency, "CNY") == 0;
	/* The minus sign (U+2212), before the currency sign. */
	if (fen < 0) {
		sg_buf_puts(&b, "\xE2\x88\x92");
		fen = -fen;
	}
	if (cny)
		sg_buf_puts(&b, "¥");
	sg_money_format(&b, fen);
	if (!cny)
		sg_buf_printf(&b, " %s", currency);
	const char *s = sg_arena_strdup(a, b.data);
	sg_buf_dispose(&b);
	return s;
}

const char *sg_site_percent(sg_arena *a, sg_ppm share)
{
	/* share in millionths -> percent with up to four decimals, trailing
	 * zeros dropped: 850000 -> "85%", 825000 -> "82.5%". */
	int64_t whole = share / 10000, frac = share % 10000;
	if (frac == 0)
		return sg_arena_printf(a, "%lld%%", (long long)whole);
	char digits[8];
	snprintf(digits, sizeof digits, "%04lld", (long long)frac);
	for (int i = 3; i > 0 && digits[i] == '0'; i--)
		digits[i] = '\0';
	return sg_arena_printf(a, "%lld.%s%%", (long long)whole, digits);
}

const char *sg_site_date(sg_arena *a, sg_date d)
{
	if (!sg_date_is_set(d))
		return NULL;
	char iso[16];
	sg_date_iso(d, iso);
	return sg_arena_strdup(a, iso);
}


const char *sg_site_str(const sg_site_ctx *x, const char *lang, const char *key)
{
	return sg_theme_string(x->theme, lang, key);
}

/* Replaces "{n}" in pattern with n. */
static const char *S_fill(sg_arena *a, const char *pattern, int64_t n)
{
	const char *at = strstr(pattern, "{n}");
	if (!at)
		return pattern;
	return sg_arena_printf(a, "%.*s%lld%s", (int)(at - pattern), pattern, (long long)n, at + 3);
}

const char *sg_site_days(sg_site_ctx *x, const char *lang, sg_date when, sg_date from)
{
	if (!sg_date_is_set(when) || !sg_date_is_set(from))
		return NULL;
	int64_t n = sg_date_to_days(when) - sg_date_to_days(from);
	if (n == 0)
		return sg_site_str(x, lang, "time.today");
	if (n == 1)
		return sg_site_str(x, lang, "time.tomorrow");
	if (n == -1)
		return sg_site_str(x, lang, "time.yesterday");
	if (n > 0)
		return S_fill(&x->a, sg_site_str(x, lang, "time.in_days"), n);
	return S_fill(&x->a, sg_site_str(x, lang, "time.days_ago"), -n);
}

const char *sg_site_tag_slug(sg_arena *a, const char *tag)
{
	bool ascii = *tag != '\0';
	for (const char *p = tag; *p; p++) {
		unsigned char ch = (unsigned char)*p;
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		      ch == ' ' || ch == '-' || ch == '_'))
			ascii = false;
	}
	sg_buf b;
	sg_buf_init(&b);
	if (ascii) {
		for (const char *p = tag; *p; p++) {
			char ch = *p;
			if (ch == ' ' || ch == '_' || ch == '-') {
				if (b.len && b.data[b.len - 1] != '-')
					sg_buf_putc(&b, '-');
			} else {
				sg_buf_putc(&b, ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
			}
		}
		while (b.len && b.data[b.len - 1] == '-')
			sg_buf_truncate(&b, b.len - 1);
		if (b.len > 48)
			sg_buf_truncate(&b, 48);
		/* tags/index.html is the list of tags. */
		if (strcmp(b.data, "index") == 0)
			sg_buf_clear(&b);
	}
	if (b.len == 0) {
		/* FNV-1a: stable across runs and machines, so tag URLs do not move. */
		uint32_t h = 2166136261u;
		for (const unsigned char *p = (const unsigned char *)tag; *p; p++) {
			h ^= *p;
			h *= 16777619u;
		}
		sg_buf_printf(&b, "t-%08x", (unsigned)h);
	}
	const char *s = sg_arena_strdup(a, b.data);
	sg_buf_dispose(&b);
	return s;
}

const char *sg_site_fill(sg_site_ctx *x, const char *pattern, const char *const *pairs, size_t n)
{
	sg_buf b;
	sg_buf_init(&b);
	for (const char *p = pattern; *p;) {
		bool done = false;
		if (*p == '{')
			for (size_t i = 0; i < n; i++) {
				const char *key = pairs[2 * i];
				size_t kl = strlen(key);
				if (strncmp(p + 1, key, kl) == 0 && p[1 + kl] == '}') {
					sg_buf_puts(&b, pairs[2 * i + 1] ? pairs[2 * i + 1] : "");
					p += kl + 2;
					done = true;
					break;
				}
			}
		if (!done)
			sg_buf_putc(&b, *p++);
	}
	const char *s = sg_arena_strdup(&x->a, b.data);
	sg_buf_dispose(&b);
	return s;
}

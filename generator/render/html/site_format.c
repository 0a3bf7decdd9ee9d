/*
 * site_format.c - how the site writes money, shares, dates, day counts, tag
 * slugs and strings inside its scripts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cost/money.h"
#include "document/proposal.h"
#include "render/html/site_int.h"

const char *sg_site_money(sg_arena *a, sg_fen fen, const char *currency, const char *lang)
{
	sg_buf b;
	sg_buf_init(&b);
	if (!currency || strcmp(currency, "CNY") == 0) {
		sg_fmt_money(&b, fen, lang);
	} else {
		/* The minus sign (U+2212), then the figure and the code. */
		if (fen < 0) {
			sg_buf_puts(&b, "\xE2\x88\x92");
			fen = -fen;
		}
		sg_money_group(&b, fen, false);
		sg_buf_printf(&b, " %s", currency);
	}
	const char *s = sg_arena_strdup(a, b.data);
	sg_buf_dispose(&b);
	return s;
}

const char *sg_site_discount(sg_arena *a, sg_ppm paid, const char *lang)
{
	sg_buf b;
	sg_buf_init(&b);
	if (sg_proposal_lang_zh(lang)) {
		sg_fmt_zhe(&b, paid);
	} else {
		sg_fmt_percent_off(&b, paid);
		sg_buf_puts(&b, " off");
	}
	const char *s = sg_arena_strdup(a, b.data);
	sg_buf_dispose(&b);
	return s;
}

const char *sg_site_count(sg_arena *a, int64_t n)
{
	sg_buf b;
	sg_buf_init(&b);
	sg_fmt_count(&b, n);
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

/* Whether byte ch may stand in a tag's file name and in a link to it as it
 * is: not a control, space or ASCII character that a file system or a URL
 * path gives a meaning to (or refuses). UTF-8 bytes may; links
 * percent-encode them (sg_site_path_url()). */
static bool S_slug_byte(unsigned char ch)
{
	return ch >= 0x80 || (ch > ' ' && ch != 0x7F && !strchr("/\\:*?\"<>|#%&'`^{}[];=+,!$@~.", ch));
}

const char *sg_site_tag_slug(sg_arena *a, const char *tag)
{
	sg_buf b;
	sg_buf_init(&b);
	/* Words of letters and digits joined by '-', ASCII letters lower case:
	 * "Objection handling" is objection-handling, 海外 邮件 is 海外-邮件. */
	for (const char *p = tag; *p; p++) {
		unsigned char ch = (unsigned char)*p;
		if (!S_slug_byte(ch) || ch == '-' || ch == '_') {
			if (b.len && b.data[b.len - 1] != '-')
				sg_buf_putc(&b, '-');
		} else {
			sg_buf_putc(&b, (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch));
		}
	}
	while (b.len && b.data[b.len - 1] == '-')
		sg_buf_truncate(&b, b.len - 1);
	/* At most 48 bytes, cut between characters. */
	if (b.len > 48) {
		size_t n = 48;
		while (n > 0 && ((unsigned char)b.data[n] & 0xC0) == 0x80)
			n--;
		sg_buf_truncate(&b, n);
		while (b.len && b.data[b.len - 1] == '-')
			sg_buf_truncate(&b, b.len - 1);
	}
	/* tags/index.html is the list of tags. */
	if (b.len && strcmp(b.data, "index") == 0)
		sg_buf_clear(&b);
	if (b.len == 0) {
		/* Nothing of the tag can name a file ("---", "/"): a hash, stable
		 * across runs and machines (FNV-1a), so its URL does not move. */
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

const char *sg_site_path_url(sg_arena *a, const char *path)
{
	sg_buf b;
	sg_buf_init(&b);
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (*p >= 0x80 || *p <= ' ' || *p == '%' || *p == '"' || *p == '#' || *p == '?')
			sg_buf_printf(&b, "%%%02X", *p);
		else
			sg_buf_putc(&b, (char)*p);
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

void sg_site_js_string(sg_buf *out, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	if (!s) {
		sg_buf_puts(out, "null");
		return;
	}
	sg_buf_putc(out, '"');
	const char *run = s;
	for (const char *p = s;; p++) {
		unsigned char c = (unsigned char)*p;
		/* Plain bytes are copied in runs; these are the ones JSON escapes,
		 * plus "</" (it would end an inline script) and U+2028/U+2029
		 * (line ends to JavaScript engines before ES2019). */
		bool plain = c >= 0x20 && c != '"' && c != '\\' && !(c == '<' && p[1] == '/') &&
			     !(c == 0xE2 && (unsigned char)p[1] == 0x80 &&
			       ((unsigned char)p[2] == 0xA8 || (unsigned char)p[2] == 0xA9));
		if (plain)
			continue;
		if (p > run)
			sg_buf_put(out, run, (size_t)(p - run));
		if (!c)
			break;
		switch (c) {
		case '"': sg_buf_puts(out, "\\\""); break;
		case '\\': sg_buf_puts(out, "\\\\"); break;
		case '\n': sg_buf_puts(out, "\\n"); break;
		case '\r': sg_buf_puts(out, "\\r"); break;
		case '\t': sg_buf_puts(out, "\\t"); break;
		case '<':
			sg_buf_puts(out, "<\\/");
			p++;
			break;
		case 0xE2:
			sg_buf_puts(out, (unsigned char)p[2] == 0xA8 ? "\\u2028" : "\\u2029");
			p += 2;
			break;
		default: {
			char esc[7] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0};
			sg_buf_puts(out, esc);
		}
		}
		run = p + 1;
	}
	sg_buf_putc(out, '"');
}

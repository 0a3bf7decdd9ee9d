/* Unit tests of the HTML site: the formats of site_format.c (money, shares,
 * dates, day counts, tag slugs, placeholders), theme loading (a missing
 * template, a bad template with its file and line, symbolic links skipped),
 * and the search index (Chinese text found, script-safe strings, linear time
 * on pathological Markdown), plus the plan's pages and deps. */
#include "support.h"

#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/alloc.h"
#include "base/fs.h"
#include "base/utf8.h"
#include "cost/evaluation.h"
#include "model/content.h"
#include "render/html/site_int.h"
#include "render/html/theme.h"

/* ---------------------------------------------------------------- helpers */

/* A fresh folder under TMPDIR (static storage). */
static const char *S_tmpdir(void)
{
	static char dir[256];
	snprintf(dir, sizeof dir, "%s/sgsite.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	assert_non_null(mkdtemp(dir));
	return dir;
}

/* Writes dir/rel (parents made). */
static void S_put(const char *dir, const char *rel, const char *text)
{
	char *path = sg_path_join(dir, rel);
	assert_int_equal(sg_file_write_atomic(path, text, strlen(text)), 0);
	free(path);
}

/* Copies a file of the test data (tests/data) to dir/rel. */
static void S_copy(const char *dir, const char *rel, const char *from)
{
	char src[1024];
	snprintf(src, sizeof src, "%s/%s", SG_TEST_DATA, from);
	size_t n;
	char *text = sg_test_read_file(src, &n);
	assert_non_null(text);
	S_put(dir, rel, text);
	free(text);
}

static bool S_has_error_at(const sg_diags *d, const char *path_end, int line)
{
	for (size_t i = 0; i < d->count; i++) {
		const char *p = d->items[i].path;
		size_t n = p ? strlen(p) : 0, m = strlen(path_end);
		if (d->items[i].severity == SG_ERROR && n >= m && strcmp(p + n - m, path_end) == 0 &&
		    (line == 0 || d->items[i].line == line))
			return true;
	}
	return false;
}

/* A sg_site_ctx on the built-in theme, for the formats that need strings. */
typedef struct fixture {
	sg_theme *theme;
	sg_site_opts o;
	sg_site_ctx x;
	sg_diags d;
} fixture;

static int S_setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	sg_diags_init(&f->d);
	assert_int_equal(sg_theme_load(&f->theme, NULL, &f->d), 0);
	f->x.theme = f->theme;
	f->x.o = &f->o;
	f->x.d = &f->d;
	sg_arena_init(&f->x.a);
	*state = f;
	return 0;
}

static int S_teardown(void **state)
{
	fixture *f = *state;
	sg_arena_dispose(&f->x.a);
	sg_theme_free(f->theme);
	sg_diags_dispose(&f->d);
	free(f);
	return 0;
}

/* ---------------------------------------------------------------- formats */

/* Money, discounts and counts as the documents of the page's language write
 * them: no .00 on whole yuan, CNY in English, 折 in Chinese. */
static void test_money(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	assert_string_equal(sg_site_money(&a, 10200000, "CNY", "zh-CN"), "¥102,000");
	assert_string_equal(sg_site_money(&a, 10200000, NULL, "zh-CN"), "¥102,000");
	assert_string_equal(sg_site_money(&a, 10200000, "CNY", "en"), "CNY 102,000");
	assert_string_equal(sg_site_money(&a, 1331520, "CNY", "zh-CN"), "¥13,315.20");
	assert_string_equal(sg_site_money(&a, -150, "CNY", "zh-CN"), "−¥1.50");
	assert_string_equal(sg_site_money(&a, -3522400, "CNY", "zh-CN"), "−¥35,224");
	assert_string_equal(sg_site_money(&a, 0, "CNY", "zh-CN"), "¥0");
	assert_string_equal(sg_site_money(&a, 123456789, "USD", "en"), "1,234,567.89 USD");
	assert_string_equal(sg_site_money(&a, 100000000, "USD", "en"), "1,000,000 USD");
	assert_string_equal(sg_site_discount(&a, 850000, "zh-CN"), "8.5折");
	assert_string_equal(sg_site_discount(&a, 785714, "zh-CN"), "7.86折");
	assert_string_equal(sg_site_discount(&a, 850000, "en"), "15% off");
	assert_string_equal(sg_site_discount(&a, 785714, "en"), "21.43% off");
	assert_string_equal(sg_site_count(&a, 1300), "1,300");
	sg_arena_dispose(&a);
}

static void test_percent(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	assert_string_equal(sg_site_percent(&a, 850000), "85%");
	assert_string_equal(sg_site_percent(&a, 825000), "82.5%");
	assert_string_equal(sg_site_percent(&a, 1000000), "100%");
	assert_string_equal(sg_site_percent(&a, 0), "0%");
	assert_string_equal(sg_site_percent(&a, 123456), "12.3456%");
	assert_string_equal(sg_site_percent(&a, 130000), "13%");
	assert_string_equal(sg_site_percent(&a, 60), "0.006%");
	sg_arena_dispose(&a);
}

static void test_date(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	assert_string_equal(sg_site_date(&a, (sg_date){2026, 11, 20}), "2026-11-20");
	assert_string_equal(sg_site_date(&a, (sg_date){2024, 2, 29}), "2024-02-29");
	assert_null(sg_site_date(&a, (sg_date){0, 0, 0}));
	sg_arena_dispose(&a);
}

static void test_days(void **state)
{
	fixture *f = *state;
	sg_site_ctx *x = &f->x;
	sg_date from = {2026, 11, 20};
	assert_string_equal(sg_site_days(x, "en", (sg_date){2026, 12, 31}, from), "in 41 days");
	assert_string_equal(sg_site_days(x, "zh-CN", (sg_date){2026, 12, 31}, from), "41 天后");
	assert_string_equal(sg_site_days(x, "zh-CN", (sg_date){2026, 8, 14}, from), "98 天前");
	assert_string_equal(sg_site_days(x, "en", (sg_date){2026, 8, 14}, from), "98 days ago");
	/* across a leap day and a year */
	assert_string_equal(sg_site_days(x, "en", (sg_date){2028, 3, 1}, (sg_date){2028, 2, 28}),
			    "in 2 days");
	assert_string_equal(sg_site_days(x, "en", (sg_date){2027, 1, 1}, (sg_date){2026, 12, 31}),
			    sg_site_str(x, "en", "time.tomorrow"));
	assert_string_equal(sg_site_days(x, "en", from, from), sg_site_str(x, "en", "time.today"));
	assert_string_equal(sg_site_days(x, "en", (sg_date){2026, 11, 19}, from),
			    sg_site_str(x, "en", "time.yesterday"));
	assert_string_not_equal(sg_site_str(x, "en", "time.today"), "time.today");
	assert_null(sg_site_days(x, "en", (sg_date){0, 0, 0}, from));
	assert_null(sg_site_days(x, "en", from, (sg_date){0, 0, 0}));
}

static void test_tag_slug(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	assert_string_equal(sg_site_tag_slug(&a, "Pricing"), "pricing");
	assert_string_equal(sg_site_tag_slug(&a, "Objection  handling_tips-"), "objection-handling-tips");
	assert_string_equal(sg_site_tag_slug(&a, "--x--"), "x");
	/* Any other language as it is, so that the address reads as the tag:
	 * words joined by '-', what a file name or a URL cannot hold left out. */
	assert_string_equal(sg_site_tag_slug(&a, "价格"), "价格");
	assert_string_equal(sg_site_tag_slug(&a, "RBL 黑名单"), "rbl-黑名单");
	assert_string_equal(sg_site_tag_slug(&a, "a/b"), "a-b");
	assert_string_equal(sg_site_tag_slug(&a, "合规?#%"), "合规");
	assert_string_equal(sg_site_tag_slug(&a, ".hidden"), "hidden");
	/* Nothing left: a stable hash, the same on every run. */
	const char *h = sg_site_tag_slug(&a, "---");
	assert_int_equal(strlen(h), 10);
	assert_memory_equal(h, "t-", 2);
	assert_string_equal(h, sg_site_tag_slug(&a, "---"));
	assert_string_not_equal(h, sg_site_tag_slug(&a, "///"));
	assert_memory_equal(sg_site_tag_slug(&a, ""), "t-", 2);
	/* Links percent-encode the UTF-8 (and what else a path cannot hold). */
	assert_string_equal(sg_site_path_url(&a, "tags/价格.html"),
			    "tags/%E4%BB%B7%E6%A0%BC.html");
	assert_string_equal(sg_site_path_url(&a, "tags/pricing.html"), "tags/pricing.html");
	/* Cut at 48 bytes between characters: 16 Chinese characters. */
	char zh[100] = "";
	for (int i = 0; i < 20; i++)
		strcat(zh, "价");
	assert_int_equal(strlen(sg_site_tag_slug(&a, zh)), 48);
	/* "index" would take the place of the list of tags. */
	assert_memory_equal(sg_site_tag_slug(&a, "Index"), "t-", 2);
	/* long tags are cut */
	char longtag[100];
	memset(longtag, 'a', 99);
	longtag[99] = '\0';
	assert_int_equal(strlen(sg_site_tag_slug(&a, longtag)), 48);
	sg_arena_dispose(&a);
}

static void test_fill(void **state)
{
	fixture *f = *state;
	sg_site_ctx *x = &f->x;
	const char *pairs[] = {"line", "¥100.00", "gap", "¥5.00", "none", NULL};
	assert_string_equal(sg_site_fill(x, "under {line} by {gap}", pairs, 3),
			    "under ¥100.00 by ¥5.00");
	assert_string_equal(sg_site_fill(x, "{gap}{gap}", pairs, 3), "¥5.00¥5.00");
	assert_string_equal(sg_site_fill(x, "[{none}]", pairs, 3), "[]");
	/* unknown keys and lone braces stay as they are */
	assert_string_equal(sg_site_fill(x, "{what} {line", pairs, 3), "{what} {line");
	assert_string_equal(sg_site_fill(x, "{lin}{linex}", pairs, 3), "{lin}{linex}");
	assert_string_equal(sg_site_fill(x, "", pairs, 3), "");
}

/* ---------------------------------------------------------------- themes */

/* A small but complete theme in dir. */
static void S_theme(const char *dir)
{
	S_put(dir, "layout.html", "<html lang=\"{{lang}}\">{{{content}}}</html>\n");
	S_put(dir, "pages/home.html", "<h1>{{page.title}}</h1>\n{{> card}}\n");
	S_put(dir, "partials/card.html", "<p>card</p>\n");
	S_put(dir, "strings/en.yaml", "home:\n  title: Home\n");
	S_put(dir, "static/assets/site.css", "body{}\n");
}

static void test_theme_ok(void **state)
{
	(void)state;
	const char *dir = S_tmpdir();
	S_theme(dir);
	sg_diags d;
	sg_diags_init(&d);
	sg_theme *t;
	assert_int_equal(sg_theme_load(&t, dir, &d), 0);
	assert_int_equal(d.count, 0);
	assert_non_null(sg_theme_template(t, "layout"));
	assert_non_null(sg_theme_template(t, "pages/home"));
	assert_null(sg_theme_template(t, "pages/account"));
	assert_string_equal(sg_theme_string(t, "zh-CN", "home.title"), "Home"); /* en fallback */
	assert_string_equal(sg_theme_string(t, "en", "no.such"), "no.such");
	assert_int_equal(sg_theme_file_count(t), 1);
	assert_string_equal(sg_theme_file_at(t, 0)->name, "assets/site.css");
	assert_non_null(sg_theme_source(t, "partials/card.html"));
	assert_int_equal(sg_theme_source_count(t), 5);
	sg_theme_free(t);
	sg_diags_dispose(&d);
}

static void test_theme_missing_layout(void **state)
{
	(void)state;
	const char *dir = S_tmpdir();
	S_put(dir, "pages/home.html", "<h1>x</h1>\n");
	sg_diags d;
	sg_diags_init(&d);
	sg_theme *t;
	assert_int_equal(sg_theme_load(&t, dir, &d), -1);
	assert_null(t);
	assert_true(sg_diags_errors(&d) > 0);
	assert_non_null(strstr(d.items[0].message, "layout.html"));
	sg_diags_dispose(&d);

	/* A folder that is not there. */
	sg_diags_init(&d);
	char *none = sg_path_join(dir, "nothing");
	assert_int_equal(sg_theme_load(&t, none, &d), -1);
	assert_null(t);
	assert_true(S_has_error_at(&d, "/nothing", 0));
	free(none);
	sg_diags_dispose(&d);
}

/* A theme without the template of one kind of page: that page fails with a
 * message naming the template; the rest of the site is built. */
static void test_theme_missing_page(void **state)
{
	(void)state;
	const char *dir = S_tmpdir();
	char *theme = sg_path_join(dir, "theme");
	char *content = sg_path_join(dir, "content");
	S_theme(theme);
	S_copy(content, "site.xml", "content/site.xml");
	S_copy(content, "catalog.xml", "content/catalog.xml");
	S_put(content, "playbooks/a.md", "---\ntitle: A\n---\n# A\n\ntext\n");
	sg_diags d;
	sg_diags_init(&d);
	sg_content *c = sg_content_load(content, &d);
	sg_evals *evals = sg_evals_new(c, (sg_date){0}, 1);
	sg_site_opts o = {.theme_dir = theme};
	sg_site_plan *p;
	assert_int_equal(sg_site_plan_new(&p, c, &o, &d), 0);
	bool home = false, book = false;
	for (size_t i = 0; i < sg_site_page_count(p); i++) {
		const sg_site_page *pg = sg_site_page_at(p, i);
		sg_diags pd;
		sg_diags_init(&pd);
		sg_buf b;
		sg_buf_init(&b);
		int rc = sg_site_page_render(p, i, &b, &pd);
		if (strcmp(pg->path, "index.html") == 0) {
			home = true;
			assert_int_equal(rc, 0);
			assert_non_null(strstr(b.data, "<p>card</p>"));
		} else if (strcmp(pg->path, "playbooks/a.html") == 0) {
			book = true;
			assert_int_equal(rc, -1);
			assert_non_null(strstr(pd.items[0].message, "pages/playbook.html"));
		}
		sg_buf_dispose(&b);
		sg_diags_dispose(&pd);
	}
	assert_true(home && book);
	sg_site_plan_free(p);
	sg_evals_free(evals);
	sg_content_free(c);
	sg_diags_dispose(&d);
	free(theme);
	free(content);
}

static void test_theme_bad_template(void **state)
{
	(void)state;
	const char *dir = S_tmpdir();
	S_theme(dir);
	S_put(dir, "pages/tag.html", "<ul>\n{{#items}}\n<li>{{name}</li>\n");
	sg_diags d;
	sg_diags_init(&d);
	sg_theme *t;
	assert_int_equal(sg_theme_load(&t, dir, &d), -1);
	assert_null(t);
	assert_true(S_has_error_at(&d, "/pages/tag.html", 3) || S_has_error_at(&d, "/pages/tag.html", 2));
	sg_diags_dispose(&d);

	/* Bad YAML strings: their file and line. */
	const char *dir2 = S_tmpdir();
	S_theme(dir2);
	S_put(dir2, "strings/zh-CN.yaml", "a: 1\nb: [unclosed\n");
	sg_diags_init(&d);
	assert_int_equal(sg_theme_load(&t, dir2, &d), -1);
	assert_true(S_has_error_at(&d, "/strings/zh-CN.yaml", 0));
	sg_diags_dispose(&d);

	/* sg_theme_load_files keeps the files of a broken theme. */
	sg_diags_init(&d);
	assert_int_equal(sg_theme_load_files(&t, dir, &d), -1);
	assert_non_null(t);
	assert_int_equal(sg_theme_file_count(t), 1);
	sg_theme_free(t);
	sg_diags_dispose(&d);
}

static void test_theme_symlinks(void **state)
{
	(void)state;
	char outside[256]; /* S_tmpdir's buffer is reused by the next call */
	snprintf(outside, sizeof outside, "%s", S_tmpdir());
	S_put(outside, "secret.html", "SECRET {{x}}\n");
	S_put(outside, "evil.html", "{{#\n");
	const char *dir = S_tmpdir();
	S_theme(dir);
	char *link = sg_path_join(dir, "static/secret.html");
	char *target = sg_path_join(outside, "secret.html");
	assert_int_equal(symlink(target, link), 0);
	char *plink = sg_path_join(dir, "pages/evil.html");
	char *ptarget = sg_path_join(outside, "evil.html");
	assert_int_equal(symlink(ptarget, plink), 0);
	char *dlink = sg_path_join(dir, "static/out");
	assert_int_equal(symlink(outside, dlink), 0);
	/* Links that stay inside the theme are read as their files; a link to
	 * a folder is not walked. */
	char *inside = sg_path_join(dir, "partials/same.html");
	assert_int_equal(symlink("card.html", inside), 0);
	char *uplink = sg_path_join(dir, "static/assets/up");
	assert_int_equal(symlink("../..", uplink), 0);
	sg_diags d;
	sg_diags_init(&d);
	sg_theme *t;
	/* The links that lead out are errors at the links; their files are
	 * never read (the broken template behind one would be a second error),
	 * and the rest of the theme is kept. */
	assert_int_equal(sg_theme_load_files(&t, dir, &d), -1);
	assert_non_null(t);
	assert_int_equal(sg_diags_errors(&d), 3);
	for (size_t i = 0; i < d.count; i++)
		assert_non_null(strstr(d.items[i].message, "leads outside the theme folder: not read"));
	assert_true(S_has_error_at(&d, "/static/secret.html", 0));
	assert_true(S_has_error_at(&d, "/pages/evil.html", 0));
	assert_true(S_has_error_at(&d, "/static/out", 0));
	assert_null(sg_theme_template(t, "pages/evil"));
	assert_non_null(sg_theme_template(t, "pages/home"));
	assert_int_equal(sg_theme_file_count(t), 1);
	assert_null(sg_theme_source(t, "static/secret.html"));
	assert_null(sg_theme_source(t, "static/out/secret.html"));
	const sg_theme_file *same = sg_theme_source(t, "partials/same.html");
	assert_non_null(same);
	assert_string_equal(same->data, "<p>card</p>\n");
	sg_theme_free(t);
	sg_diags_dispose(&d);
	/* sg_theme_load refuses such a theme. */
	sg_diags_init(&d);
	assert_int_equal(sg_theme_load(&t, dir, &d), -1);
	assert_null(t);
	sg_diags_dispose(&d);
	free(link);
	free(target);
	free(plink);
	free(ptarget);
	free(dlink);
	free(inside);
	free(uplink);
}

/* ---------------------------------------------------------------- images */

/* Images in a page's Markdown whose URL leads outside the content folder fail
 * the page, at their line; missing images and remote ones are the browser's. */
static void test_markdown_images(void **state)
{
	fixture *f = *state;
	char root[256];
	snprintf(root, sizeof root, "%s", S_tmpdir());
	char outside[256];
	snprintf(outside, sizeof outside, "%s", S_tmpdir());
	S_put(root, "images/a.png", "png");
	S_put(root, "playbooks/p.md", "");
	S_put(outside, "x.png", "SECRET");
	char *target = sg_path_join(outside, "x.png");
	char *link = sg_path_join(root, "images/evil.png");
	assert_int_equal(symlink(target, link), 0);
	sg_content c;
	memset(&c, 0, sizeof c);
	c.dir = root;
	f->x.c = &c;
	char *doc = sg_path_join(root, "playbooks/p.md");
	const char *md = "![a](../images/a.png)\n\n"   /* line 1: fine */
			 "![m](../images/missing.png)\n\n" /* 3: not there: the browser's */
			 "![r](https://x.example/a.png)\n\n"
			 "![h](//x.example/a.png)\n\n"
			 "![u](../../up.png)\n\n"           /* 9 */
			 "![e](%2e%2e/%2E%2E/up.png)\n\n"   /* 11 */
			 "![b](..\\\\..\\\\up.png)\n\n" /* 13: Markdown for ..\..\up.png */
			 "![s](/etc/x.png)\n\n"             /* 15 */
			 "![l](../images/evil.png?v=1)\n";   /* 17 */
	f->x.failed = false;
	sg_site_markdown(&f->x, doc, md, strlen(md), 1, NULL, 0, NULL, NULL, NULL);
	assert_true(f->x.failed);
	assert_int_equal(sg_diags_errors(&f->d), 5);
	static const int lines[] = {9, 11, 13, 15, 17};
	for (size_t i = 0; i < 5; i++) {
		assert_true(S_has_error_at(&f->d, "/playbooks/p.md", lines[i]));
		assert_non_null(strstr(f->d.items[i].message, "is outside the content folder"));
	}
	char want[800];
	snprintf(want, sizeof want,
		 "image '../images/evil.png?v=1' is outside the content folder (%s is a symbolic "
		 "link that leads out of it)",
		 link);
	assert_string_equal(f->d.items[4].message, want);
	/* Without a file to start from (generated Markdown), nothing is looked up. */
	sg_site_markdown(&f->x, NULL, md, strlen(md), 1, NULL, 0, NULL, NULL, NULL);
	assert_int_equal(sg_diags_errors(&f->d), 5);
	f->x.c = NULL;
	free(doc);
	free(link);
	free(target);
}

/* ---------------------------------------------------------------- search */

static void test_search_text(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	sg_value *h = sg_value_list(&a);
	const char *md = "# 标题\n\n第一段，**重点**和 _强调_ 以及 `code`。\n\n"
			 "## 二、价格 ##\n\n- [链接](https://x.example/a_b) 与 ![图](i.png)\n"
			 "- [x] 已完成 snake_case\n> 引用 &amp; &#x4E2D;\n\n"
			 "| 列一 | 列二 |\n|---|:-:|\n| 甲 | 乙 |\n\n"
			 "设置标题\n---\n\n```\n<raw> **kept**\n```\n<div class=\"x\">块</div>\n"
			 "[ref]: https://x.example\n";
	const char *t = sg_site_search_text(&a, md, strlen(md), "标题", h);
	assert_null(strstr(t, "标题\n第一段")); /* the title is dropped */
	assert_non_null(strstr(t, "第一段，重点和 强调 以及 code。"));
	assert_non_null(strstr(t, "二、价格\n"));
	assert_non_null(strstr(t, "链接 与 图"));
	assert_null(strstr(t, "https://x.example"));
	assert_null(strstr(t, "i.png"));
	assert_non_null(strstr(t, "已完成 snake_case"));
	assert_non_null(strstr(t, "引用 & 中"));
	assert_non_null(strstr(t, "列一"));
	assert_null(strstr(t, "---"));
	assert_non_null(strstr(t, "<raw> **kept**"));
	assert_non_null(strstr(t, "块"));
	assert_null(strstr(t, "<div"));
	assert_int_equal(h->u.items.count, 2);
	assert_string_equal(h->u.items.first->u.str.s, "二、价格");
	assert_string_equal(h->u.items.first->next->u.str.s, "设置标题");
	/* A title that is not the first block stays. */
	const char *md2 = "intro\n\n# 标题\n";
	sg_value *h2 = sg_value_list(&a);
	assert_non_null(strstr(sg_site_search_text(&a, md2, strlen(md2), "标题", h2), "标题"));
	assert_int_equal(h2->u.items.count, 1);
	assert_string_equal(sg_site_search_text(&a, NULL, 0, NULL, NULL), "");
	sg_arena_dispose(&a);
}

/* The inputs that make cmark-gfm 0.29 take seconds cost the search text a
 * few reads per byte: it must stay linear. The scan counts the bytes it
 * reads (sg_site_search_steps); a scan that went back over a line for every
 * mark on it would read each byte thousands of times here. */
static void test_search_text_linear(void **state)
{
	(void)state;
	static const char *const units[] = {"![[]()", "](", "[", "<a", "&#", "*_", "|", "> - "};
	for (size_t u = 0; u < sizeof units / sizeof *units; u++) {
		sg_buf b;
		sg_buf_init(&b);
		for (int i = 0; i < 80000; i++)
			sg_buf_puts(&b, units[u]);
		sg_arena a;
		sg_arena_init(&a);
		size_t before = sg_site_search_steps();
		sg_site_search_text(&a, b.data, b.len, NULL, sg_value_list(&a));
		size_t steps = sg_site_search_steps() - before;
		print_message("'%s' x 80000: %zu bytes, %zu steps\n", units[u], b.len, steps);
		if (steps > 8 * b.len)
			fail_msg("'%s' x 80000 (%zu bytes): %zu steps", units[u], b.len, steps);
		sg_arena_dispose(&a);
		sg_buf_dispose(&b);
	}
}

static void test_js_string(void **state)
{
	(void)state;
	sg_buf b;
	sg_buf_init(&b);
	sg_site_js_string(&b, "a</script><b>\"q\"\\\n\xe2\x80\xa8x\xe2\x80\xa9y中文");
	assert_string_equal(b.data, "\"a<\\/script><b>\\\"q\\\"\\\\\\n\\u2028x\\u2029y中文\"");
	sg_buf_clear(&b);
	sg_site_js_string(&b, NULL);
	assert_string_equal(b.data, "null");
	sg_buf_clear(&b);
	sg_site_js_string(&b, "</");
	assert_string_equal(b.data, "\"<\\/\"");
	sg_buf_dispose(&b);
}

/* The search files of plan p (the manifest, the term shards, the page
 * lists), rendered and joined, in b; their number in *n. */
static void S_search_files(sg_site_plan *p, sg_buf *b, size_t *n, sg_diags *d)
{
	*n = 0;
	for (size_t i = 0; i < sg_site_page_count(p); i++) {
		const sg_site_page *pg = sg_site_page_at(p, i);
		if (!pg->search)
			continue;
		size_t from = b->len;
		assert_int_equal(sg_site_page_render(p, i, b, d), 0);
		/* Each a statement that ends the script: nothing after it. */
		assert_true(b->len - from > 4);
		assert_true(memcmp(b->data + b->len - 3, "];\n", 3) == 0 ||
			    memcmp(b->data + b->len - 4, "]};\n", 4) == 0);
		(*n)++;
	}
	sg_buf_putc(b, '\0');
}

/* A whole site's search index from content holding Chinese, </script> and
 * U+2028: every page is in it, its Chinese words are terms (characters and
 * pairs), a Chinese title's pinyin initials are a term, nothing in it could
 * end the script or break a string, and it is the same bytes when made
 * again. */
static void test_search_index(void **state)
{
	(void)state;
	const char *dir = S_tmpdir();
	S_copy(dir, "site.xml", "content/site.xml");
	S_copy(dir, "catalog.xml", "content/catalog.xml");
	S_copy(dir, "customers/hengtong-logistics.xml", "content/customers/hengtong-logistics.xml");
	S_put(dir, "playbooks/a.md",
	      "---\ntitle: 报价流程\nsummary: 先问预算</script>\n---\n# 报价流程\n\n"
	      "## 第一步\n\n客户说太贵时，先确认预算范围。\xe2\x80\xa8另起一行。\n\n"
	      "<script>alert(1)</script>\n");
	S_put(dir, "playbooks/b.md", "---\ntitle: Pricing\n---\nPlain English text.\n");
	sg_diags d;
	sg_diags_init(&d);
	sg_content *c = sg_content_load(dir, &d);
	sg_evals *evals = sg_evals_new(c, (sg_date){0}, 1);
	assert_int_equal(sg_diags_errors(&d), 0);
	sg_site_opts o = {0};
	sg_site_plan *p;
	assert_int_equal(sg_site_plan_new(&p, c, &o, &d), 0);
	sg_buf b;
	sg_buf_init(&b);
	size_t files;
	S_search_files(p, &b, &files, &d);
	assert_int_equal(files, 3); /* a small site: the manifest, t0, d0 */
	const char *js = b.data;
	assert_non_null(strstr(js, "window.SG_SEARCH = {\"version\":1,"));
	assert_non_null(strstr(js, "[\"t0\"] = ["));
	assert_non_null(strstr(js, "\"t\":\"报价流程\""));
	assert_non_null(strstr(js, "\n\"报价\",\""));  /* a pair */
	assert_non_null(strstr(js, "\n\"预\",\""));    /* a character */
	assert_non_null(strstr(js, "\n\"预算\",\""));  /* from the text */
	assert_non_null(strstr(js, "\n\"第一\",\""));  /* from a heading */
	assert_non_null(strstr(js, "\n\"bjlc\",\"")); /* 报价流程's initials */
	assert_non_null(strstr(js, "\n\"pricing\",\""));
	assert_null(strstr(js, "\n\"Pricing\",\"")); /* words in lower case */
	assert_non_null(strstr(js, "\"t\":\"Pricing\""));
	assert_non_null(strstr(js, "accounts/hengtong-logistics.html"));
	assert_non_null(strstr(js, "\"u\":\"prices.html\""));
	assert_null(strstr(js, "</"));
	assert_null(strstr(js, "\xe2\x80\xa8"));
	assert_non_null(strstr(js, "<\\/script>"));

	/* The same bytes from a second plan. */
	sg_site_plan *p2;
	assert_int_equal(sg_site_plan_new(&p2, c, &o, &d), 0);
	sg_site_search_prepare(p2);
	sg_buf b2;
	sg_buf_init(&b2);
	S_search_files(p2, &b2, &files, &d);
	assert_int_equal(b2.len, b.len);
	assert_memory_equal(b2.data, b.data, b.len);
	sg_buf_dispose(&b2);
	sg_site_plan_free(p2);
	sg_buf_dispose(&b);

	/* Every page written to a folder, the index among them. */
	char *out = sg_path_join(dir, "out");
	assert_int_equal(sg_site_write_all(p, out, &d), 0);
	const char *written[] = {"search-index.js", "search/t0.js", "search/d0.js",
				 "playbooks/a.html"};
	for (size_t i = 0; i < sizeof written / sizeof *written; i++) {
		char *f = sg_path_join(out, written[i]);
		assert_true(sg_file_exists(f));
		free(f);
	}
	free(out);
	sg_site_plan_free(p);
	sg_evals_free(evals);
	sg_content_free(c);
	sg_diags_dispose(&d);
}

/* Terms, joined by '|'. */
static void S_term(void *ctx, const char *term, size_t len)
{
	sg_buf *b = ctx;
	sg_buf_put(b, term, len);
	sg_buf_putc(b, '|');
}

static const char *S_terms(sg_buf *b, const char *s, bool pinyin)
{
	sg_buf_clear(b);
	sg_site_search_terms(s, strlen(s), pinyin, S_term, b);
	sg_buf_putc(b, '\0');
	return b->data;
}

/* Words in lower case, Han characters and their pairs (n-grams, so that a
 * query finds a substring), the pinyin initials of a run and their tails
 * in titles only, a long word cut at a character. */
static void test_search_terms(void **state)
{
	(void)state;
	sg_buf b;
	sg_buf_init(&b);
	assert_string_equal(S_terms(&b, "Hello, 解决方案 V2!", false),
			    "hello|解|决|解决|方|决方|案|方案|v2|");
	assert_string_equal(S_terms(&b, "Hello, 解决方案 V2!", true),
			    "hello|解|决|解决|方|决方|案|方案|jjfa|jfa|fa|v2|");
	/* Punctuation breaks a run: no pair across it, initials per run. */
	assert_string_equal(S_terms(&b, "报价，流程", true), "报|价|报价|bj|流|程|流程|lc|");
	/* One character has no initials of its own; kana are n-grams too. */
	assert_string_equal(S_terms(&b, "案 カナ", true), "案|カ|ナ|カナ|");
	assert_string_equal(S_terms(&b, "Ünïcode café", false), "Ünïcode|café|");
	char longword[64];
	memset(longword, 'A', 40);
	longword[40] = '\0';
	S_terms(&b, longword, false);
	assert_int_equal(strlen(b.data), 33); /* 32 letters and '|' */
	assert_string_equal(S_terms(&b, "", true), "");
	assert_string_equal(S_terms(&b, "\xff\xfe 中", true), "中|"); /* bad UTF-8 skipped */
	sg_buf_dispose(&b);
}

/* The pinyin table made from Unihan at build time. */
static void test_pinyin_initial(void **state)
{
	(void)state;
	const char *han = "解决方案恒通物流啊嗯";
	const char *want = "jjfahtwlan";
	for (size_t i = 0, k = 0; han[i]; k++) {
		uint32_t cp;
		i += sg_utf8_decode(han + i, strlen(han + i), &cp);
		assert_int_equal(sg_site_pinyin_initial(cp), want[k]);
	}
	assert_int_equal(sg_site_pinyin_initial('a'), 0);
	assert_int_equal(sg_site_pinyin_initial(0x3400), 'q'); /* Extension A: 㐀 qiū */
	assert_int_equal(sg_site_pinyin_initial(0x20000), 0);  /* past the table */
}

/* Terms cut into shards of about equal size, in order; the number of
 * shards planned from the text. */
static void test_search_shard(void **state)
{
	(void)state;
	assert_int_equal(sg_site_search_shard(0, 100, 4), 0);
	assert_int_equal(sg_site_search_shard(24, 100, 4), 0);
	assert_int_equal(sg_site_search_shard(25, 100, 4), 1);
	assert_int_equal(sg_site_search_shard(99, 100, 4), 3);
	assert_int_equal(sg_site_search_shard(100, 100, 4), 3);
	assert_int_equal(sg_site_search_shard(50, 100, 1), 0);
	assert_int_equal(sg_site_search_shard(0, 0, 8), 0);
	/* Never back: a later term is in the same shard or a later one. */
	for (uint64_t before = 0, last = 0; before < 1000; before += 7) {
		size_t k = sg_site_search_shard(before, 1000, 16);
		assert_true(k >= last && k < 16);
		last = k;
	}
	assert_int_equal(sg_site_search_term_shards(0), 1);
	assert_int_equal(sg_site_search_term_shards(100000), 1);
	size_t prev = 1;
	for (uint64_t text = 1000000; text < 100000000000ull; text *= 3) {
		size_t n = sg_site_search_term_shards(text);
		assert_true(n >= prev && n <= SG_SEARCH_SHARDS_MAX && (n & (n - 1)) == 0);
		prev = n;
	}
	assert_int_equal(sg_site_search_term_shards(100000000000ull), SG_SEARCH_SHARDS_MAX);
}

/* Postings: a page's fields (title 4, heading 2, text 1, the ranking's
 * weights) after the gap from the page before; the pages of a term in
 * their order; a term in two fields of one page is one posting. */
static void test_search_postings(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	sg_search_index *ix = sg_search_index_new(1, 1);
	sg_value *heads = sg_value_list(&a);
	sg_list_push(heads, sg_value_str(&a, "Zebra care"));
	sg_site_entry e0 = {"a.html", "Zebra", "k", "en", NULL, "a zebra"};
	sg_site_entry e1 = {"b.html", "Other", "k", "en", NULL, "one zebra"};
	sg_site_entry e2 = {"c.html", "Third", "k", "en", heads, "nothing"};
	sg_search_index_add(ix, &e0);
	sg_search_index_add(ix, &e1);
	sg_search_index_add(ix, &e2);
	sg_search_index_finish(ix);
	assert_int_equal(sg_search_index_file_count(ix), 3);
	const sg_buf *t = sg_search_index_file(ix, 1);
	char *s = sg_xasprintf("%.*s", (int)t->len, t->data);
	/* page 0: gap 1, title and text: 8 + 5 = 13 'n'; page 1: gap 1, text:
	 * 9 'j'; page 2: gap 1, heading: 10 'k'. */
	assert_non_null(strstr(s, "\n\"zebra\",\"njk\""));
	/* Page 2 alone: a gap of 3 from "before page 0", title: 28, '8'. */
	assert_non_null(strstr(s, "\"third\",\"8\""));
	free(s);
	const sg_buf *m = sg_search_index_file(ix, 0);
	s = sg_xasprintf("%.*s", (int)m->len, m->data);
	assert_non_null(strstr(s, "\"docs\":3,"));
	free(s);
	sg_search_index_free(ix);
	sg_arena_dispose(&a);
}

typedef struct deps {
	char names[160][128];
	size_t n;
	bool date;
} deps;

static void S_dep(void *ctx, const sg_site_dep *dep)
{
	deps *ds = ctx;
	if (dep->kind == SG_SITE_DEP_BUILD_DATE)
		ds->date = true;
	if (ds->n < 160)
		snprintf(ds->names[ds->n++], 128, "%s", dep->name);
}

static bool S_dep_has(const deps *ds, const char *name)
{
	for (size_t i = 0; i < ds->n; i++)
		if (strcmp(ds->names[i], name) == 0)
			return true;
	return false;
}

static void test_plan_deps(void **state)
{
	(void)state;
	const char *dir = S_tmpdir();
	S_copy(dir, "site.xml", "content/site.xml");
	S_copy(dir, "catalog.xml", "content/catalog.xml");
	S_copy(dir, "customers/hengtong-logistics.xml", "content/customers/hengtong-logistics.xml");
	S_copy(dir, "customers/huajun-auto.xml", "content/customers/huajun-auto.xml");
	S_put(dir, "playbooks/a.md", "---\ntitle: A\norder: 1\ntags: [x]\n---\ntext\n");
	S_put(dir, "playbooks/b.md", "---\ntitle: B\norder: 2\n---\ntext\n");
	S_put(dir, "playbooks/index.md", "---\ntitle: I\n---\ntext\n");
	sg_diags d;
	sg_diags_init(&d);
	sg_content *c = sg_content_load(dir, &d);
	sg_evals *evals = sg_evals_new(c, (sg_date){0}, 1);
	sg_site_opts o = {.today = {2026, 11, 20}};
	sg_site_plan *p;
	assert_int_equal(sg_site_plan_new(&p, c, &o, &d), 0);
	/* index.md would replace the list: left out, with a warning. */
	bool warned = false;
	for (size_t i = 0; i < d.count; i++)
		warned |= strstr(d.items[i].message, "index") != NULL;
	assert_true(warned);
	for (size_t i = 0; i < sg_site_page_count(p); i++) {
		const sg_site_page *pg = sg_site_page_at(p, i);
		if (i > 0)
			assert_true(strcmp(sg_site_page_at(p, i - 1)->path, pg->path) < 0);
		deps ds = {0};
		sg_site_page_deps(p, i, S_dep, &ds);
		if (strcmp(pg->path, "accounts/huajun-auto.html") == 0) {
			assert_string_equal(pg->group, "huajun-auto");
			assert_string_equal(pg->kind, "page");
			assert_true(S_dep_has(&ds, "customers/huajun-auto.xml"));
			assert_false(S_dep_has(&ds, "customers/hengtong-logistics.xml"));
			assert_true(S_dep_has(&ds, "catalog.xml") && S_dep_has(&ds, "site.xml"));
			assert_true(S_dep_has(&ds, "theme:pages/account.html"));
			assert_true(ds.date);
		} else if (strcmp(pg->path, "playbooks/a.html") == 0) {
			assert_true(S_dep_has(&ds, "playbooks/a.md"));
			assert_false(S_dep_has(&ds, "playbooks/b.md"));
			assert_true(S_dep_has(&ds, "site:nav:playbooks/a.html"));
			assert_true(S_dep_has(&ds, "theme:partials/pager.html"));
			assert_false(S_dep_has(&ds, "theme:pages/account.html"));
			assert_false(S_dep_has(&ds, "catalog.xml"));
		} else if (strcmp(pg->path, "pipeline/solution-confirmation.html") == 0) {
			assert_true(S_dep_has(&ds, "customers/huajun-auto.xml"));
			assert_true(S_dep_has(&ds, "customers/hengtong-logistics.xml"));
		} else if (strncmp(pg->path, "search/t", 8) == 0) {
			/* A shard names the index's pages as one value. */
			assert_true(S_dep_has(&ds, "site:search"));
			assert_false(S_dep_has(&ds, "customers/huajun-auto.xml"));
		} else if (strncmp(pg->path, "search/d", 8) == 0) {
			/* A page list, its own pages. */
			assert_true(S_dep_has(&ds, "site:search:d0"));
			assert_false(S_dep_has(&ds, "site:search"));
		} else if (strcmp(pg->path, "assets/site.css") == 0) {
			assert_string_equal(pg->kind, "asset");
			assert_int_equal(ds.n, 1);
			assert_string_equal(ds.names[0], "theme:static/assets/site.css");
		} else if (strcmp(pg->path, "playbooks/index.html") == 0) {
			assert_true(S_dep_has(&ds, "site:docs"));
		}
	}
	sg_site_plan_free(p);
	sg_evals_free(evals);
	sg_content_free(c);
	sg_diags_dispose(&d);
}

/* The page of the plan at path, or SIZE_MAX. */
static size_t S_page_index(const sg_site_plan *p, const char *path)
{
	for (size_t i = 0; i < sg_site_page_count(p); i++)
		if (strcmp(sg_site_page_at(p, i)->path, path) == 0)
			return i;
	return SIZE_MAX;
}

static char *S_render_page(const sg_site_plan *p, const char *path)
{
	size_t i = S_page_index(p, path);
	assert_true(i != SIZE_MAX);
	sg_buf b;
	sg_buf_init(&b);
	sg_diags d;
	sg_diags_init(&d);
	assert_int_equal(sg_site_page_render(p, i, &b, &d), 0);
	sg_diags_dispose(&d);
	sg_buf_putc(&b, '\0');
	return b.data;
}

static size_t S_count(const char *s, const char *what)
{
	size_t n = 0;
	for (const char *q = strstr(s, what); q; q = strstr(q + 1, what))
		n++;
	return n;
}

/* Lists of more than SG_SITE_LIST_PAGE documents are split into pages
 * that link to their neighbours; the home page shows the first few of each
 * list with a link to the whole. */
static void test_list_pages(void **state)
{
	(void)state;
	assert_int_equal(sg_site_list_pages(0), 1);
	assert_int_equal(sg_site_list_pages(100), 1);
	assert_int_equal(sg_site_list_pages(101), 2);
	sg_arena a;
	sg_arena_init(&a);
	assert_string_equal(sg_site_list_path(&a, "playbooks/index.html", 0), "playbooks/index.html");
	assert_string_equal(sg_site_list_path(&a, "playbooks/index.html", 2), "playbooks/page/3.html");
	assert_string_equal(sg_site_list_path(&a, "tags/q4.html", 1), "tags/q4/page/2.html");
	sg_arena_dispose(&a);

	const char *dir = S_tmpdir();
	S_copy(dir, "site.xml", "content/site.xml");
	S_copy(dir, "catalog.xml", "content/catalog.xml");
	/* 1,205 playbooks tagged x (13 pages), the first 61 with a tag of their
	 * own as well (61 tags of one document, more than the home page shows). */
	for (int i = 0; i < 1205; i++) {
		char rel[64], text[128];
		snprintf(rel, sizeof rel, "playbooks/p%04d.md", i);
		if (i < 61)
			snprintf(text, sizeof text, "---\ntitle: P%d\norder: %d\ntags: [x, t%02d]\n---\ntext\n",
				 i, i, i);
		else
			snprintf(text, sizeof text, "---\ntitle: P%d\norder: %d\ntags: [x]\n---\ntext\n", i, i);
		S_put(dir, rel, text);
	}
	sg_diags d;
	sg_diags_init(&d);
	sg_content *c = sg_content_load(dir, &d);
	sg_evals *evals = sg_evals_new(c, (sg_date){0}, 1);
	sg_site_opts o = {.today = {2026, 11, 20}};
	sg_site_plan *p;
	assert_int_equal(sg_site_plan_new(&p, c, &o, &d), 0);
	assert_true(S_page_index(p, "playbooks/page/13.html") != SIZE_MAX);
	assert_true(S_page_index(p, "playbooks/page/14.html") == SIZE_MAX);
	assert_true(S_page_index(p, "playbooks/page/1.html") == SIZE_MAX);
	assert_true(S_page_index(p, "tags/x/page/13.html") != SIZE_MAX);
	assert_true(S_page_index(p, "tags/t00/page/2.html") == SIZE_MAX);

	/* The first page: 100 cards, links to 1 2 3 ... 13, no "previous". */
	char *html = S_render_page(p, "playbooks/index.html");
	assert_int_equal(S_count(html, "<li class=\"card\">"), 100);
	assert_non_null(strstr(html, "aria-current=\"page\">1<"));
	assert_non_null(strstr(html, "href=\"../playbooks/page/3.html\">3<"));
	assert_null(strstr(html, "href=\"../playbooks/page/4.html\">4<"));
	assert_non_null(strstr(html, "href=\"../playbooks/page/13.html\">13<"));
	assert_null(strstr(html, "rel=\"prev\""));
	assert_non_null(strstr(html, "href=\"../playbooks/page/2.html\" rel=\"next\""));
	free(html);
	/* Page 7: its neighbours two each side, the ends, a gap either side. */
	html = S_render_page(p, "playbooks/page/7.html");
	assert_int_equal(S_count(html, "<li class=\"card\">"), 100);
	assert_non_null(strstr(html, "P600<"));
	assert_null(strstr(html, "P599<"));
	assert_non_null(strstr(html, "aria-current=\"page\">7<"));
	assert_int_equal(S_count(html, "class=\"pg-gap\""), 2);
	assert_non_null(strstr(html, "href=\"../../playbooks/index.html\">1<"));
	assert_non_null(strstr(html, ">5<") && strstr(html, ">9<"));
	assert_null(strstr(html, "page/4.html\">4<"));
	assert_null(strstr(html, "page/10.html\">10<"));
	assert_non_null(strstr(html, "href=\"../../playbooks/page/6.html\" rel=\"prev\""));
	free(html);
	/* The last: five cards, no "next". */
	html = S_render_page(p, "playbooks/page/13.html");
	assert_int_equal(S_count(html, "<li class=\"card\">"), 5);
	assert_null(strstr(html, "rel=\"next\""));
	free(html);
	/* A tag's pages, in a folder of their own. */
	html = S_render_page(p, "tags/x/page/2.html");
	assert_int_equal(S_count(html, "<li class=\"card\">"), 100);
	assert_non_null(strstr(html, "href=\"../../../tags/x.html\">1<"));
	free(html);
	/* Home: 12 playbooks of 1,205 and a link to all; 60 of the 62 tags, the
	 * most used (x) among them. */
	html = S_render_page(p, "index.html");
	assert_non_null(strstr(html, "href=\"playbooks/p0011.html\""));
	assert_null(strstr(html, "href=\"playbooks/p0012.html\""));
	assert_non_null(strstr(html, "<a class=\"more\" href=\"playbooks/index.html\""));
	assert_non_null(strstr(html, ">1205<"));
	assert_non_null(strstr(html, "href=\"tags/x.html\""));
	assert_int_equal(S_count(html, "class=\"tag\" href=\"tags/"), 60);
	assert_non_null(strstr(html, "<a class=\"more\" href=\"tags/index.html\""));
	free(html);
	sg_site_plan_free(p);
	sg_evals_free(evals);
	sg_content_free(c);
	sg_diags_dispose(&d);
}

/* text with every from replaced by to (heap). */
static char *S_replace(const char *text, const char *from, const char *to)
{
	sg_buf b;
	sg_buf_init(&b);
	for (const char *q; (q = strstr(text, from)) != NULL; text = q + strlen(from))
		sg_buf_printf(&b, "%.*s%s", (int)(q - text), text, to);
	sg_buf_puts(&b, text);
	return b.data;
}

/* The sample's hengtong-logistics.xml as customer number i (id cNNN,
 * proposal YM-2026-1NNN), at stage (NULL: no project stage at all), written
 * to dir. */
static void S_customer_as(const char *dir, const char *tpl, int i, const char *stage)
{
	char id[32], number[32];
	snprintf(id, sizeof id, "id=\"c%03d\"", i);
	snprintf(number, sizeof number, "YM-2026-1%03d", i);
	char *t1 = S_replace(tpl, "id=\"hengtong-logistics\"", id);
	char *t2 = S_replace(t1, "YM-2026-0031", number);
	const char *open = "<project stage=\"solution-confirmation\">";
	char *text;
	if (stage) {
		char with[96];
		snprintf(with, sizeof with, "<project stage=\"%s\">", stage);
		text = S_replace(t2, open, with);
	} else {
		/* The whole element out. */
		char *pj = strstr(t2, open), *end = strstr(t2, "</project>\n");
		assert_true(pj && end);
		text = sg_xasprintf("%.*s%s", (int)(pj - t2), t2, end + strlen("</project>\n"));
	}
	char rel[64];
	snprintf(rel, sizeof rel, "customers/c%03d.xml", i);
	S_put(dir, rel, text);
	free(text);
	free(t2);
	free(t1);
}

/* The deps of the plan's page at path. */
static void S_deps_of(const sg_site_plan *p, const char *path, deps *ds)
{
	size_t i = S_page_index(p, path);
	assert_true(i != SIZE_MAX);
	memset(ds, 0, sizeof *ds);
	sg_site_page_deps(p, i, S_dep, ds);
}

/* The pipeline is a summary per stage and a list per stage, 100 rows a
 * page by id; a list page reads the files of its own rows only, and the
 * summary, the home page and the search index's manifest none (values of
 * what they show), nor a page list of the index more than its own pages, so
 * that one edit rebuilds the page that holds the customer and not every
 * page that lists customers. */
static void test_pipeline_pages(void **state)
{
	(void)state;
	const char *dir = S_tmpdir();
	S_copy(dir, "site.xml", "content/site.xml");
	S_copy(dir, "catalog.xml", "content/catalog.xml");
	char src[1024];
	snprintf(src, sizeof src, "%s/content/customers/hengtong-logistics.xml", SG_TEST_DATA);
	size_t n;
	char *tpl = sg_test_read_file(src, &n);
	assert_non_null(tpl);
	/* 250 customers: 5 at bidding-negotiation, 3 without a stage, 242 at
	 * solution-confirmation (3 pages). */
	for (int i = 0; i < 250; i++) {
		S_customer_as(dir, tpl, i,
			      i >= 10 && i < 15 ? "bidding-negotiation"
			      : i >= 20 && i < 23 ? NULL
						 : "solution-confirmation");
	}
	free(tpl);
	sg_diags d;
	sg_diags_init(&d);
	sg_content *c = sg_content_load(dir, &d);
	assert_int_equal(sg_diags_errors(&d), 0);
	sg_evals *evals = sg_evals_new(c, (sg_date){0}, 1);
	sg_site_opts o = {.today = {2026, 11, 20}};
	sg_site_plan *p;
	assert_int_equal(sg_site_plan_new(&p, c, &o, &d), 0);
	assert_true(S_page_index(p, "pipeline/solution-confirmation/page/3.html") != SIZE_MAX);
	assert_true(S_page_index(p, "pipeline/solution-confirmation/page/4.html") == SIZE_MAX);
	assert_true(S_page_index(p, "pipeline/bidding-negotiation/page/2.html") == SIZE_MAX);
	/* A stage without customers has its (empty) page; no stage, a list
	 * that no stage id can name. */
	assert_true(S_page_index(p, "pipeline/technical-promotion.html") != SIZE_MAX);
	assert_true(S_page_index(p, "pipeline/_none.html") != SIZE_MAX);

	/* The summary: the count of each stage, linked to its list; no row per
	 * customer. */
	char *html = S_render_page(p, "pipeline.html");
	assert_non_null(strstr(html, "<a href=\"pipeline/solution-confirmation.html\">"));
	assert_non_null(strstr(html, "<a href=\"pipeline/_none.html\">"));
	assert_non_null(strstr(html, "<td class=\"num\">242</td>"));
	assert_non_null(strstr(html, "<td class=\"num\">250</td>"));
	assert_null(strstr(html, "accounts/c000.html"));
	free(html);
	/* Page 2 of a stage: rows 101-200 by id (c108-c207: c010-c014 and
	 * c020-c022 are elsewhere), linked from two folders down, and the
	 * pager. */
	html = S_render_page(p, "pipeline/solution-confirmation/page/2.html");
	assert_int_equal(S_count(html, "<tr>"), 101);
	assert_null(strstr(html, "accounts/c107.html"));
	assert_non_null(strstr(html, "href=\"../../../accounts/c108.html\""));
	assert_non_null(strstr(html, "accounts/c207.html"));
	assert_null(strstr(html, "accounts/c208.html"));
	assert_null(strstr(html, "accounts/c012.html"));
	assert_non_null(strstr(html, "aria-current=\"page\">2<"));
	assert_non_null(strstr(html, "href=\"../../../pipeline/solution-confirmation.html\" rel=\"prev\""));
	assert_non_null(strstr(html, "href=\"../../../pipeline/solution-confirmation/page/3.html\" rel=\"next\""));
	assert_true(strstr(html, "c108.html") < strstr(html, "c109.html"));
	free(html);
	html = S_render_page(p, "pipeline/bidding-negotiation.html");
	assert_int_equal(S_count(html, "<tr>"), 6);
	assert_null(strstr(html, "class=\"pagination\""));
	free(html);

	/* Home: the next renewals, the earliest first, and the latest events,
	 * the latest first, of every customer; on a tie of dates by id (all
	 * 250 have the same dates): renewals of c000 to c007, events of c249
	 * down to c242. */
	html = S_render_page(p, "index.html");
	char *ren = strstr(html, "id=\"h-renewals\""), *ev = strstr(html, "id=\"h-events\"");
	char *end = strstr(html, "id=\"h-playbooks\"");
	assert_true(ren && ev && end && ren < ev && ev < end);
	*end = '\0';
	assert_int_equal(S_count(ev, "accounts/c"), 8);
	assert_true(strstr(ev, "accounts/c249.html") < strstr(ev, "accounts/c248.html"));
	assert_non_null(strstr(ev, "accounts/c242.html"));
	assert_null(strstr(ev, "accounts/c241.html"));
	*ev = '\0';
	assert_int_equal(S_count(ren, "accounts/c"), 8);
	assert_true(strstr(ren, "accounts/c000.html") < strstr(ren, "accounts/c001.html"));
	assert_non_null(strstr(ren, "accounts/c007.html"));
	assert_null(strstr(ren, "accounts/c008.html"));
	free(html);

	deps ds;
	S_deps_of(p, "pipeline/solution-confirmation/page/2.html", &ds);
	assert_true(S_dep_has(&ds, "customers/c108.xml") && S_dep_has(&ds, "customers/c207.xml"));
	assert_false(S_dep_has(&ds, "customers/c107.xml") || S_dep_has(&ds, "customers/c208.xml"));
	assert_true(S_dep_has(&ds, "site:pipeline:pipeline/solution-confirmation/page/2.html"));
	assert_true(S_dep_has(&ds, "catalog.xml") && ds.date);
	const char *wide[] = {"pipeline.html", "index.html", "search-index.js"};
	for (size_t k = 0; k < 3; k++) {
		S_deps_of(p, wide[k], &ds);
		for (size_t i = 0; i < ds.n; i++)
			assert_true(strncmp(ds.names[i], "customers/", 10) != 0);
	}
	S_deps_of(p, "pipeline.html", &ds);
	assert_true(S_dep_has(&ds, "site:pipeline"));
	S_deps_of(p, "index.html", &ds);
	assert_true(S_dep_has(&ds, "site:home"));
	S_deps_of(p, "search-index.js", &ds);
	assert_true(S_dep_has(&ds, "site:search"));
	sg_site_plan_free(p);

	/* The search index's page lists: an edit of one page's text changes
	 * the whole index's digest and that of its own page list only. */
	sg_arena a;
	sg_arena_init(&a);
	const sg_customer *list[250];
	assert_int_equal(c->customer_count, 250);
	for (size_t i = 0; i < 250; i++)
		list[i] = c->customers[i];
	sg_site_ctx x = {.customers = list, .customer_count = 250};
	const char **before, **after;
	const char *all = sg_site_search_digest(&a, &x, 8, &before);
	sg_customer edited = *list[40];
	edited.notes = "another note";
	list[40] = &edited;
	assert_string_not_equal(sg_site_search_digest(&a, &x, 8, &after), all);
	for (size_t k = 0; k < 8; k++)
		if (k == 40 / SG_SEARCH_CHUNK)
			assert_string_not_equal(before[k], after[k]);
		else
			assert_string_equal(before[k], after[k]);
	sg_arena_dispose(&a);
	sg_evals_free(evals);
	sg_content_free(c);
	sg_diags_dispose(&d);
}

/* A small pipeline shows its customers on the summary, a table per stage,
 * and the summary then reads their files; one customer more than
 * SG_SITE_PIPELINE_INLINE and it shows the figures only. */
static void test_pipeline_inline(void **state)
{
	(void)state;
	for (int round = 0; round < 2; round++) {
		int n = round ? SG_SITE_PIPELINE_INLINE + 1 : 9;
		const char *dir = S_tmpdir();
		S_copy(dir, "site.xml", "content/site.xml");
		S_copy(dir, "catalog.xml", "content/catalog.xml");
		char src[1024];
		snprintf(src, sizeof src, "%s/content/customers/hengtong-logistics.xml",
			 SG_TEST_DATA);
		size_t len;
		char *tpl = sg_test_read_file(src, &len);
		assert_non_null(tpl);
		/* c000-c002 at bidding-negotiation, c003 without a stage, the
		 * rest at solution-confirmation. */
		for (int i = 0; i < n; i++)
			S_customer_as(dir, tpl, i,
				      i < 3 ? "bidding-negotiation" : i == 3 ? NULL
									: "solution-confirmation");
		free(tpl);
		sg_diags d;
		sg_diags_init(&d);
		sg_content *c = sg_content_load(dir, &d);
		assert_int_equal(sg_diags_errors(&d), 0);
		sg_evals *evals = sg_evals_new(c, (sg_date){0}, 1);
		sg_site_opts o = {.today = {2026, 11, 20}};
		sg_site_plan *p;
		assert_int_equal(sg_site_plan_new(&p, c, &o, &d), 0);
		char *html = S_render_page(p, "pipeline.html");
		deps ds;
		S_deps_of(p, "pipeline.html", &ds);
		if (round == 0) {
			/* A table per stage with customers, in the stages'
			 * order (solution confirmation is 4, bidding 5), headed
			 * by a link to the stage's list. */
			assert_int_equal(S_count(html, "<table class=\"data sortable\">"), 3);
			char *bid = strstr(html, "id=\"stage-bidding-negotiation\"");
			char *sol = strstr(html, "id=\"stage-solution-confirmation\"");
			char *none = strstr(html, "id=\"stage-_none\"");
			assert_true(bid && sol && none && sol < bid && bid < none);
			assert_null(strstr(html, "id=\"stage-technical-promotion\""));
			assert_true(strstr(sol, "href=\"accounts/c004.html\"") < bid);
			assert_true(strstr(bid, "href=\"accounts/c000.html\"") < none);
			assert_non_null(strstr(none, "href=\"accounts/c003.html\""));
			assert_int_equal(S_count(html, "href=\"accounts/c"), 9);
			assert_true(S_dep_has(&ds, "customers/c000.xml") &&
				    S_dep_has(&ds, "customers/c008.xml") && ds.date);
		} else {
			assert_null(strstr(html, "accounts/c0"));
			assert_null(strstr(html, "<table class=\"data sortable\">"));
			for (size_t i = 0; i < ds.n; i++)
				assert_true(strncmp(ds.names[i], "customers/", 10) != 0);
		}
		assert_true(S_dep_has(&ds, "site:pipeline"));
		free(html);
		sg_site_plan_free(p);
		sg_evals_free(evals);
		sg_content_free(c);
		sg_diags_dispose(&d);
	}
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_money),
		cmocka_unit_test(test_percent),
		cmocka_unit_test(test_date),
		cmocka_unit_test_setup_teardown(test_days, S_setup, S_teardown),
		cmocka_unit_test(test_tag_slug),
		cmocka_unit_test_setup_teardown(test_fill, S_setup, S_teardown),
		cmocka_unit_test(test_theme_ok),
		cmocka_unit_test(test_theme_missing_layout),
		cmocka_unit_test(test_theme_missing_page),
		cmocka_unit_test(test_theme_bad_template),
		cmocka_unit_test(test_theme_symlinks),
		cmocka_unit_test_setup_teardown(test_markdown_images, S_setup, S_teardown),
		cmocka_unit_test(test_search_text),
		cmocka_unit_test(test_search_text_linear),
		cmocka_unit_test(test_js_string),
		cmocka_unit_test(test_search_index),
		cmocka_unit_test(test_search_terms),
		cmocka_unit_test(test_pinyin_initial),
		cmocka_unit_test(test_search_shard),
		cmocka_unit_test(test_search_postings),
		cmocka_unit_test(test_plan_deps),
		cmocka_unit_test(test_list_pages),
		cmocka_unit_test(test_pipeline_pages),
		cmocka_unit_test(test_pipeline_inline),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}

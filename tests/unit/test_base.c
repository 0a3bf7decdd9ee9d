/* Unit tests of generator/base: buffers, arena, values and JSON, numbers,
 * dates, UTF-8, diagnostics, ids and files. */
#include "support.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/diag.h"
#include "base/alloc.h"
#include "base/fs.h"
#include "base/json.h"
#include "base/num.h"
#include "base/strpool.h"
#include "base/utf8.h"
#include "base/value.h"

static void test_buf(void **state)
{
	(void)state;
	sg_buf b;
	sg_buf_init(&b);
	assert_string_equal(b.data, "");
	sg_buf_puts(&b, "价格");
	sg_buf_printf(&b, " %d", 95000);
	assert_string_equal(b.data, "价格 95000");
	sg_buf_truncate(&b, 6);
	sg_buf_put_u64(&b, 0);
	sg_buf_putc(&b, ' ');
	sg_buf_put_u64(&b, UINT64_MAX);
	assert_string_equal(b.data, "价格0 18446744073709551615");
	sg_buf_truncate(&b, 6);
	assert_string_equal(b.data, "价格");
	for (int i = 0; i < 10000; i++)
		sg_buf_putc(&b, 'x');
	assert_int_equal(b.len, 10006);
	char *s = sg_buf_detach(&b);
	assert_int_equal(strlen(s), 10006);
	assert_int_equal(b.len, 0);
	free(s);
	sg_buf_dispose(&b);
}

static void test_arena(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	char *big = sg_arena_alloc(&a, 1 << 20); /* a block of its own */
	memset(big, 1, 1 << 20);
	for (int i = 0; i < 10000; i++) {
		int *p = sg_arena_alloc(&a, sizeof(int) * 3);
		assert_int_equal(((uintptr_t)p) % 16, 0);
		assert_int_equal(p[0] | p[1] | p[2], 0);
	}
	assert_string_equal(sg_arena_printf(&a, "%s-%03d", "YM", 7), "YM-007");
	sg_arena_dispose(&a);
}

/* One copy of each string, NUL-terminated, packed; long ones, many ones
 * (the table grows) and the same bytes of another length are other
 * strings. */
static void test_strpool(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	sg_strpool *p = sg_strpool_new(&a);
	const char *x = sg_strpool_intern(p, "approver, decision-maker", 8);
	assert_string_equal(x, "approver");
	assert_ptr_equal(sg_strpool_intern(p, "approver", 8), x);
	assert_ptr_not_equal(sg_strpool_intern(p, "approve", 7), x);
	assert_string_equal(sg_strpool_intern(p, "", 0), "");
	/* Packed: two short strings are not 16 bytes apart. */
	const char *y = sg_strpool_intern(p, "ab", 2), *z = sg_strpool_intern(p, "cd", 2);
	assert_int_equal(z - y, 3);
	char *big = malloc(10000);
	memset(big, 'q', 10000);
	const char *b1 = sg_strpool_intern(p, big, 10000);
	assert_int_equal(strlen(b1), 10000);
	assert_ptr_equal(sg_strpool_intern(p, big, 10000), b1);
	free(big);
	char word[32];
	const char *first[5000];
	for (int i = 0; i < 5000; i++) {
		snprintf(word, sizeof word, "w%d", i);
		first[i] = sg_strpool_intern(p, word, strlen(word));
	}
	for (int i = 0; i < 5000; i++) {
		snprintf(word, sizeof word, "w%d", i);
		assert_ptr_equal(sg_strpool_intern(p, word, strlen(word)), first[i]);
		assert_string_equal(first[i], word);
	}
	assert_ptr_equal(sg_strpool_intern(p, "approver", 8), x);
	/* Full: a new string is copied each time, the old ones still found. */
	for (int i = 0; i < 70000; i++) {
		snprintf(word, sizeof word, "v%d", i);
		sg_strpool_intern(p, word, strlen(word));
	}
	const char *v1 = sg_strpool_intern(p, "new", 3), *v2 = sg_strpool_intern(p, "new", 3);
	assert_string_equal(v1, "new");
	assert_string_equal(v2, "new");
	assert_ptr_not_equal(v1, v2);
	assert_ptr_equal(sg_strpool_intern(p, "approver", 8), x);
	assert_ptr_equal(sg_strpool_intern(p, "w4999", 5), first[4999]);
	sg_strpool_free(p);
	/* The strings outlive the pool. */
	assert_string_equal(x, "approver");
	sg_arena_dispose(&a);
}

static void test_value_json(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	sg_value *root = sg_value_map(&a);
	sg_map_set(&a, root, "currency", sg_value_str(&a, "CNY"));
	sg_value *offer = sg_map_set(&a, root, "offer", sg_value_map(&a));
	sg_map_set(&a, offer, "annual", sg_value_dec(&a, 9950050, 2));
	sg_map_set(&a, offer, "discount", sg_value_dec(&a, 1000000, 6));
	sg_map_set(&a, offer, "share", sg_value_dec(&a, 825000, 6));
	sg_map_set(&a, offer, "whole", sg_value_dec(&a, 9900000, 2));
	sg_map_set(&a, offer, "approval", sg_value_null(&a));
	sg_value *list = sg_map_set(&a, root, "tags", sg_value_list(&a));
	sg_list_push(list, sg_value_str(&a, "引号\"与\n换行"));
	sg_list_push(list, sg_value_bool(&a, true));
	sg_map_set(&a, root, "currency", sg_value_str(&a, "USD")); /* replaced in place */

	sg_buf out;
	sg_buf_init(&out);
	sg_json_write(root, 0, &out);
	assert_string_equal(out.data,
			    "{\"currency\":\"USD\",\"offer\":{\"annual\":99500.5,\"discount\":1.0,"
			    "\"share\":0.825,\"whole\":99000,\"approval\":null},"
			    "\"tags\":[\"引号\\\"与\\n换行\",true]}");
	assert_ptr_equal(sg_value_path(root, "offer.annual"), sg_map_get(offer, "annual"));
	assert_null(sg_value_path(root, "offer.missing"));
	assert_false(sg_value_truthy(sg_value_path(root, "offer.approval")));
	assert_true(sg_value_truthy(list));
	sg_buf_dispose(&out);
	sg_arena_dispose(&a);
}

static void test_num(void **state)
{
	(void)state;
	int64_t v;
	const char *why = NULL;
	assert_true(sg_parse_fixed("950.5", 2, false, &v, &why));
	assert_int_equal(v, 95050);
	assert_true(sg_parse_fixed(" 0.85 ", 6, false, &v, &why));
	assert_int_equal(v, 850000);
	assert_true(sg_parse_fixed("1.500", 2, false, &v, &why)); /* trailing zeros are fine */
	assert_int_equal(v, 150);
	assert_false(sg_parse_fixed("1.505", 2, false, &v, &why));
	assert_string_equal(why, "has more than 2 decimals");
	assert_false(sg_parse_fixed("12,000", 2, false, &v, &why));
	assert_non_null(strstr(why, "thousands separator"));
	assert_false(sg_parse_fixed("-3", 2, false, &v, &why));
	assert_string_equal(why, "must not be negative");
	assert_true(sg_parse_fixed("-3", 2, true, &v, &why));
	assert_int_equal(v, -300);
	assert_false(sg_parse_fixed("NaN", 2, false, &v, &why));
	assert_string_equal(why, "is not a finite number");
	assert_false(sg_parse_fixed("1e5", 2, false, &v, &why));
	assert_false(sg_parse_fixed("１２０００", 2, false, &v, &why));
	assert_non_null(strstr(why, "full-width"));
	assert_false(sg_parse_fixed("92233720368547758.08", 2, false, &v, &why));
	assert_string_equal(why, "is too large");
	assert_true(sg_parse_fixed("92233720368547758.07", 2, false, &v, &why));
	assert_int_equal(v, INT64_MAX);
	assert_false(sg_parse_fixed("", 2, false, &v, &why));
	assert_false(sg_parse_fixed(".5", 2, false, &v, &why));
	assert_false(sg_parse_fixed("5.", 2, false, &v, &why));
	assert_false(sg_parse_int("2.5", false, &v, &why));
	assert_string_equal(why, "must be a whole number");

	bool b;
	assert_true(sg_parse_bool("true", &b, &why) && b);
	assert_true(sg_parse_bool("no", &b, &why) && !b);
	assert_false(sg_parse_bool("maybe", &b, &why));

	/* Half away from zero. */
	assert_true(sg_muldiv_round(1, 1, 2, &v));
	assert_int_equal(v, 1);
	assert_true(sg_muldiv_round(10000000, 1, 3, &v));
	assert_int_equal(v, 3333333);
	assert_true(sg_muldiv_round(-5, 1, 2, &v));
	assert_int_equal(v, -3);
	assert_false(sg_muldiv_round(INT64_MAX, 4, 2, &v));
}

static void test_date(void **state)
{
	(void)state;
	sg_date d;
	assert_true(sg_date_parse("2026-11-22", &d));
	char iso[11];
	sg_date e;
	assert_true(sg_date_add_days_checked(d, 40, &e));
	sg_date_iso(e, iso);
	assert_string_equal(iso, "2027-01-01");
	assert_true(sg_date_parse("2024-02-29", &d));
	assert_false(sg_date_parse("2026-02-29", &d));
	assert_false(sg_date_parse("2026-13-01", &d));
	assert_false(sg_date_parse("2026-1-01", &d));
	assert_int_equal(sg_date_to_days((sg_date){1970, 1, 1}), 0);
	e = sg_date_from_unix(1795305600); /* 2026-11-22T00:00:00Z */
	sg_date_iso(e, iso);
	assert_string_equal(iso, "2026-11-22");
	assert_int_equal(sg_date_cmp((sg_date){2026, 1, 2}, (sg_date){2025, 12, 31}), 1);
}

/* Day arithmetic is checked: a day that cannot be written YYYY-MM-DD is
 * refused rather than wrapped (9999-12-31 + 30 used to print as nothing). */
static void test_date_checked(void **state)
{
	(void)state;
	sg_date d, out = {0, 0, 0};
	char iso[11];
	assert_true(sg_date_parse("9999-12-31", &d));
	assert_false(sg_date_add_days_checked(d, 30, &out));
	assert_false(sg_date_add_days_checked(d, 1, &out));
	assert_int_equal(out.year, 0);
	assert_true(sg_date_add_days_checked(d, 0, &out));
	assert_true(sg_date_add_days_checked(d, -365, &out));
	sg_date_iso(out, iso);
	assert_string_equal(iso, "9998-12-31");
	assert_false(sg_date_add_days_checked(d, INT64_MAX, &out));
	assert_false(sg_date_add_days_checked(d, INT64_MIN, &out));
	/* Leap days: 2028-02-29 + 365 is 2029-02-28; 2100 is not a leap year. */
	assert_true(sg_date_parse("2028-02-29", &d));
	assert_true(sg_date_add_days_checked(d, 365, &out));
	sg_date_iso(out, iso);
	assert_string_equal(iso, "2029-02-28");
	assert_false(sg_date_parse("2100-02-29", &d));
	assert_true(sg_date_parse("1900-01-01", &d));
	assert_false(sg_date_add_days_checked(d, -1, &out));
	assert_false(sg_date_parse("0001-01-01", &d));
	assert_false(sg_date_add_days_checked((sg_date){0, 0, 0}, 1, &out));
	assert_true(sg_date_from_unix_checked(1795305600, &out));
	assert_false(sg_date_from_unix_checked(INT64_MAX, &out));
	assert_false(sg_date_from_unix_checked(INT64_MIN, &out));
	assert_false(sg_date_from_unix_checked(253402300800, &out)); /* 10000-01-01 */
	assert_true(sg_date_from_unix_checked(253402300799, &out)); /* 9999-12-31 */
	sg_date_iso(out, iso);
	assert_string_equal(iso, "9999-12-31");
}

/* Runs fmt with a NULL string in a child process: a debug build must stop
 * there (abort), a release build must print want, never "(null)". */
static void S_printf_null_child(int use_arena, const char *want)
{
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (!freopen("/dev/null", "w", stderr))
			_exit(4);
		const char *volatile none = NULL;
		const char *got;
		sg_buf b;
		sg_buf_init(&b);
		sg_arena a;
		sg_arena_init(&a);
		if (use_arena) {
			got = sg_arena_printf(&a, "本方案专为%s编制|%5.2f|%-4d|%lld|%zu|%.*s|%%|%08x|%s",
					      none, 1.5, 3, 4LL, (size_t)5, 2, "abc", 255u, "ok");
		} else {
			sg_buf_printf(&b, "本方案专为%s编制|%5.2f|%-4d|%lld|%zu|%.*s|%%|%08x|%s", none,
				      1.5, 3, 4LL, (size_t)5, 2, "abc", 255u, "ok");
			got = b.data;
		}
		_exit(strstr(got, "(null)") ? 2 : strcmp(got, want) == 0 ? 0 : 3);
	}
	int st = 0;
	assert_int_equal(waitpid(pid, &st, 0), pid);
#ifdef NDEBUG
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
#else
	assert_true(WIFSIGNALED(st));
	assert_int_equal(WTERMSIG(st), SIGABRT);
#endif
}

/* No formatter ever prints "(null)": the proposal of a customer whose name
 * was blank said "本方案专为(null)编制" on every page. */
static void test_printf_null(void **state)
{
	(void)state;
	const char *want = "本方案专为编制| 1.50|3   |4|5|ab|%|000000ff|ok";
	S_printf_null_child(0, want);
	S_printf_null_child(1, want);
	/* Found without formatting: which %s is NULL, skipping other kinds. */
	sg_buf b;
	sg_buf_init(&b);
	sg_buf_printf(&b, "%s %d %.*s %%", "a", 1, 1, "bc");
	assert_string_equal(b.data, "a 1 b %");
	sg_buf_dispose(&b);
}

static int S_null_arg(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int k = sg_fmt_null_arg(fmt, ap);
	va_end(ap);
	return k;
}

static void test_fmt_null_arg(void **state)
{
	(void)state;
	const char *volatile none = NULL;
	assert_int_equal(S_null_arg("%s %s", "a", "b"), 0);
	assert_int_equal(S_null_arg("%s %s", "a", none), 2);
	assert_int_equal(S_null_arg("%d %lld %zu %f %s", 1, 2LL, (size_t)3, 4.0, none), 5);
	assert_int_equal(S_null_arg("%*d %.*s %s", 3, 1, 2, "xy", none), 3);
	assert_int_equal(S_null_arg("100%% %s", none), 1);
	assert_int_equal(S_null_arg("%08x %p %s", 1u, (void *)0, none), 3);
}

static void test_utf8(void **state)
{
	(void)state;
	const char *s = "ab\n价格\xff";
	assert_int_equal(sg_utf8_validate(s, strlen(s)), 9);
	int line, col;
	sg_utf8_line_col(s, 9, &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 3);
	assert_int_equal(sg_utf8_validate("\xed\xa0\x80", 3), 0); /* surrogate */
	assert_int_equal(sg_utf8_validate("\xc0\xaf", 2), 0);     /* overlong */
	assert_int_equal(sg_utf8_validate("𠀋", 4), SG_UTF8_OK);
	char enc[4];
	assert_int_equal(sg_utf8_encode(0x2000B, enc), 4);
	uint32_t cp;
	assert_int_equal(sg_utf8_decode(enc, 4, &cp), 4);
	assert_int_equal(cp, 0x2000B);
	assert_true(sg_utf8_is_cjk(0x4EF7));
	assert_true(sg_utf8_is_cjk(0xFF0C)); /* full-width comma */
	assert_false(sg_utf8_is_cjk('A'));
}

static void test_diags(void **state)
{
	(void)state;
	sg_diags d;
	sg_diags_init(&d);
	sg_error(&d, sg_pos_make("b.xml", 3, 0), "second file");
	sg_warning(&d, sg_pos_make("a.xml", 9, 2), "later line");
	sg_error(&d, sg_pos_make("a.xml", 2, 0), "earlier line");
	sg_error(&d, sg_pos_make(NULL, 0, 0), "no file");
	sg_diags_sort(&d);
	char line[256];
	sg_diag_format(&d.items[0], false, line, sizeof line);
	assert_string_equal(line, "salesgen: error: no file");
	sg_diag_format(&d.items[1], false, line, sizeof line);
	assert_string_equal(line, "a.xml:2: error: earlier line");
	sg_diag_format(&d.items[2], false, line, sizeof line);
	assert_string_equal(line, "a.xml:9:2: warning: later line");
	assert_int_equal(sg_diags_errors(&d), 3);
	d.warnings_are_errors = true;
	assert_int_equal(sg_diags_errors(&d), 4);
	sg_diag_format(&d.items[2], true, line, sizeof line);
	assert_string_equal(line, "a.xml:9:2: error: later line");
	sg_diags_dispose(&d);

	/* A problem met by several outputs is printed once. */
	sg_diags_init(&d);
	for (int i = 0; i < 3; i++) {
		sg_error(&d, sg_pos_make("t.md", 4, 2), "unclosed tag");
		sg_error(&d, sg_pos_make("t.md", 4, 2), "another problem");
	}
	sg_diags_sort(&d);
	assert_int_equal(d.count, 2);
	assert_string_equal(d.items[0].message, "another problem");
	sg_diags_dispose(&d);
}

static void test_ids(void **state)
{
	(void)state;
	const char *why;
	assert_true(sg_id_is_safe("hengtong-logistics", &why));
	assert_true(sg_id_is_safe("a1.b_c", &why));
	assert_false(sg_id_is_safe("../etc", &why));
	assert_false(sg_id_is_safe("a/b", &why));
	assert_false(sg_id_is_safe("a..b", &why));
	assert_false(sg_id_is_safe("Upper", &why));
	assert_false(sg_id_is_safe("con", &why));
	assert_false(sg_id_is_safe("nul.txt", &why));
	assert_false(sg_id_is_safe("", &why));
	assert_false(sg_id_is_safe("-x", &why));
	assert_false(sg_id_is_safe("客户", &why));
}

static void test_files(void **state)
{
	(void)state;
	const char *p = sg_test_write_temp(0, "f.txt", "hello");
	assert_non_null(p);
	sg_diags d;
	sg_diags_init(&d);
	sg_buf b;
	sg_buf_init(&b);
	assert_int_equal(sg_file_read(p, 100, &b, &d), 0);
	assert_string_equal(b.data, "hello");
	assert_int_equal(sg_file_read(p, 4, &b, &d), -1); /* over the cap */
	assert_int_equal(d.count, 1);
	assert_non_null(strstr(d.items[0].message, "limit"));

	char *dir = sg_xstrdup(p);
	*strrchr(dir, '/') = '\0';
	char *out = sg_path_join(dir, "x/y/z.json");
	assert_int_equal(sg_file_write_atomic(out, "{}", 2), 0);
	assert_int_equal(sg_file_read(out, 100, &b, &d), 0);
	assert_string_equal(b.data, "{}");
	char **list;
	char *sub = sg_path_join(dir, "x/y");
	size_t n = sg_dir_list(sub, ".json", &list);
	assert_int_equal(n, 1);
	sg_path_list_free(list, n);
	char *stem = sg_path_stem("a/b/hengtong.xml");
	assert_string_equal(stem, "hengtong");
	free(stem);
	free(sub);
	free(out);
	free(dir);
	sg_buf_dispose(&b);
	sg_diags_dispose(&d);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf),   cmocka_unit_test(test_arena),
		cmocka_unit_test(test_strpool),
		cmocka_unit_test(test_value_json), cmocka_unit_test(test_num),
		cmocka_unit_test(test_date), cmocka_unit_test(test_date_checked),
		cmocka_unit_test(test_printf_null), cmocka_unit_test(test_fmt_null_arg),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_diags), cmocka_unit_test(test_ids),
		cmocka_unit_test(test_files),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}

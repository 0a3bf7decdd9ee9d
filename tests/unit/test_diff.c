/* Unit tests of diff/: sentences cut and compared (sentences.c), and two
 * content folders compared (compare.c): figures old -> new, the approval
 * line, a catalog change traced to the customers it moves and no other.
 * The content is tests/data/content/, copied and edited in a temporary
 * folder. */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/fs.h"
#include "diff/diff.h"
#include "diff/diff_format.h"
#include "diff/sentences.h"

#define FIXTURE SG_TEST_DATA "/content"

/* ---------------------------------------------------------------- split */

static size_t S_split(const char *text, sg_arena *a, const char ***out)
{
	return sg_sentences_split(text, strlen(text), a, out);
}

static void test_split_chinese(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	const char **s;
	size_t n = S_split("年费为 ¥102,000。可节省 ¥1,500！\n  为何不呢？”好的", &a, &s);
	assert_int_equal(n, 4);
	assert_string_equal(s[0], "年费为 ¥102,000。");
	assert_string_equal(s[1], "可节省 ¥1,500！");
	assert_string_equal(s[2], "为何不呢？”");
	assert_string_equal(s[3], "好的");
	sg_arena_dispose(&a);
}

/* A full stop followed by a digit or letter (1,000.50, e.g.) is no end. */
static void test_split_latin(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	const char **s;
	size_t n = S_split("It costs CNY 13,315.20 a year. Really?\" Yes!\n\n8.5折 | ¥99,000", &a,
			   &s);
	assert_int_equal(n, 4);
	assert_string_equal(s[0], "It costs CNY 13,315.20 a year.");
	assert_string_equal(s[1], "Really?\"");
	assert_string_equal(s[2], "Yes!");
	assert_string_equal(s[3], "8.5折 | ¥99,000");
	assert_int_equal(S_split("  \n \n", &a, &s), 0);
	sg_arena_dispose(&a);
}

/* ---------------------------------------------------------------- diff */

/* The edits as "-a +b ..." for a compact comparison. */
static char *S_edits(const char *const *a, size_t na, const char *const *b, size_t nb)
{
	sg_arena ar;
	sg_arena_init(&ar);
	sg_sentence_edit *e;
	size_t n = sg_sentences_diff(a, na, b, nb, &ar, &e);
	sg_buf out;
	sg_buf_init(&out);
	for (size_t i = 0; i < n; i++)
		sg_buf_printf(&out, "%s%c%s", i ? " " : "", e[i].op == SG_SENTENCE_ADDED ? '+' : '-',
			      e[i].text);
	sg_arena_dispose(&ar);
	return sg_buf_detach(&out);
}

static void test_diff_lcs(void **state)
{
	(void)state;
	const char *a[] = {"A", "B", "C", "D", "E"};
	const char *b[] = {"A", "X", "C", "E", "F"};
	char *s = S_edits(a, 5, b, 5);
	assert_string_equal(s, "-B +X -D +F");
	free(s);
	s = S_edits(a, 5, a, 5);
	assert_string_equal(s, "");
	free(s);
	/* Moved: one side of the LCS keeps it, the other shows it moving. */
	const char *c[] = {"E", "A", "B", "C", "D"};
	s = S_edits(a, 5, c, 5);
	assert_string_equal(s, "+E -E");
	free(s);
	s = S_edits(a, 0, a, 2);
	assert_string_equal(s, "+A +B");
	free(s);
	s = S_edits(a, 3, NULL, 0);
	assert_string_equal(s, "-A -B -C");
	free(s);
}

/* ---------------------------------------------------------------- folders */

/* A copy of the fixture in a new temporary folder. */
static const char *S_copy(const char *prefix)
{
	const char *dir = sg_test_tmpdir(prefix);
	assert_non_null(dir);
	char *cmd = sg_xasprintf("cp -R '%s/.' '%s'", FIXTURE, dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	return dir;
}

/* Replaces the first from in dir/rel by to. */
static void S_edit(const char *dir, const char *rel, const char *from, const char *to)
{
	char *path = sg_path_join(dir, rel);
	char *text = sg_test_read_file(path, NULL);
	assert_non_null(text);
	char *at = strstr(text, from);
	assert_non_null(at);
	char *edited = sg_xasprintf("%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
	assert_int_equal(sg_file_write_atomic(path, edited, strlen(edited)), 0);
	free(edited);
	free(text);
	free(path);
}

static const sg_diff_customer *S_customer(const sg_diff *df, const char *id)
{
	for (size_t i = 0; i < df->customer_count; i++)
		if (strcmp(df->customers[i].id, id) == 0)
			return &df->customers[i];
	return NULL;
}

static const sg_diff_figure *S_figure(const sg_diff_customer *c, sg_diff_figure_id id)
{
	for (size_t i = 0; i < c->figure_count; i++)
		if (c->figures[i].id == id)
			return &c->figures[i];
	return NULL;
}

static void test_same_content(void **state)
{
	(void)state;
	sg_diff_opts o = {0};
	sg_diff *df = sg_diff_compare(FIXTURE, FIXTURE, &o);
	assert_int_equal(df->customer_count, 0);
	assert_int_equal(df->file_count, 0);
	assert_int_equal(df->compared, 5);
	sg_diff_free(df);
}

/* A discount raised past the tiers: the figures old -> new, and the
 * approval it now needs, which the file does not record. */
static void test_discount_approval(void **state)
{
	(void)state;
	const char *to = S_copy("diff-discount");
	S_edit(to, "customers/hengtong-logistics.xml", "discount=\"0.85\"", "discount=\"0.62\"");
	sg_diff_opts o = {0};
	sg_diff *df = sg_diff_compare(FIXTURE, to, &o);
	assert_int_equal(df->customer_count, 1);
	const sg_diff_customer *c = S_customer(df, "hengtong-logistics");
	assert_non_null(c);
	assert_int_equal(c->status, SG_DIFF_CHANGED);
	assert_true(c->customer_file_changed);
	const sg_diff_figure *f = S_figure(c, SG_DIFF_OFFER_ANNUAL);
	assert_non_null(f);
	assert_int_equal(f->from.v, 10200000); /* 1,000 x ¥120 x 0.85 */
	assert_int_equal(f->to.v, 7440000);
	f = S_figure(c, SG_DIFF_DISCOUNT);
	assert_non_null(f);
	assert_int_equal(f->from.v, 850000);
	assert_int_equal(f->to.v, 620000);
	assert_null(S_figure(c, SG_DIFF_SELF_ANNUAL)); /* self-hosting costs the same */
	assert_true(c->approval_changed);
	assert_string_equal(c->approval_to.need, "branch-manager");
	assert_true(sg_diff_customer_unapproved(c));
	assert_int_equal(sg_diff_unapproved(df), 1);
	sg_buf line;
	sg_buf_init(&line);
	sg_diff_fmt_approval(&line, c);
	assert_string_equal(line.data, "discount 15 % → 38 %: now needs branch-manager; recorded: "
				       "account-manager, branch-marketing-director (not covered: "
				       "needs branch-manager)");
	sg_buf_dispose(&line);
	assert_true(c->text_count > 0);
	sg_diff_free(df);
}

/* A catalog price change lists every customer whose figures it moves,
 * and no other: the business edition's four, not the bundle's one, whose
 * edition is renamed in the same edit (its words change, its figures do
 * not). */
static void test_catalog_traced(void **state)
{
	(void)state;
	const char *to = S_copy("diff-catalog");
	S_edit(to, "catalog.xml", "unit-price=\"120\"", "unit-price=\"130\"");
	S_edit(to, "catalog.xml", "<name>商务宽带 100M</name>", "<name>商务宽带 100M 光纤</name>");
	sg_diff_opts o = {0};
	sg_diff *df = sg_diff_compare(FIXTURE, to, &o);
	assert_int_equal(df->file_count, 1);
	const sg_diff_file *file = &df->files[0];
	assert_string_equal(file->path, "catalog.xml");
	assert_int_equal(file->status, SG_DIFF_FILE_CHANGED);
	const char *moved[] = {"donghai-business-school", "harbourline-trading",
			       "hengtong-logistics", "huajun-auto"};
	assert_int_equal(file->customer_count, 4);
	for (size_t i = 0; i < 4; i++)
		assert_string_equal(file->customers[i], moved[i]);
	const sg_diff_customer *c = S_customer(df, "jinxiu-apparel");
	assert_non_null(c);
	assert_int_equal(c->figure_count, 0);
	assert_true(c->text_count > 0);
	c = S_customer(df, "harbourline-trading");
	assert_non_null(c);
	assert_false(c->customer_file_changed);
	const sg_diff_figure *f = S_figure(c, SG_DIFF_OFFER_ANNUAL);
	assert_non_null(f);
	assert_int_equal(f->to.v - f->from.v, 300 * 1000 * 85 / 100); /* 300 x ¥10 x 0.85 */
	sg_diff_free(df);

	/* A price no customer pays moves none. */
	const char *to2 = S_copy("diff-catalog2");
	S_edit(to2, "catalog.xml", "unit-price=\"180\"", "unit-price=\"190\"");
	df = sg_diff_compare(FIXTURE, to2, &o);
	assert_int_equal(df->file_count, 1);
	assert_int_equal(df->files[0].customer_count, 0);
	assert_int_equal(df->customer_count, 0);
	sg_diff_free(df);
}

/* A customer added and one removed: their outputs gained and lost. */
static void test_added_removed(void **state)
{
	(void)state;
	const char *to = S_copy("diff-added");
	char *from_path = sg_path_join(to, "customers/harbourline-trading.xml");
	char *to_path = sg_path_join(to, "customers/harbour-two.xml");
	assert_int_equal(rename(from_path, to_path), 0);
	free(from_path);
	free(to_path);
	S_edit(to, "customers/harbour-two.xml", "id=\"harbourline-trading\"", "id=\"harbour-two\"");
	sg_diff_opts o = {0};
	sg_diff *df = sg_diff_compare(FIXTURE, to, &o);
	const sg_diff_customer *gone = S_customer(df, "harbourline-trading");
	const sg_diff_customer *added = S_customer(df, "harbour-two");
	assert_non_null(gone);
	assert_non_null(added);
	assert_int_equal(gone->status, SG_DIFF_REMOVED);
	assert_int_equal(added->status, SG_DIFF_ADDED);
	assert_int_equal(added->added_count, 3);
	assert_string_equal(added->outputs_added[1], "proposals/harbour-two.pdf");
	assert_int_equal(gone->removed_count, 3);
	assert_int_equal(df->compared, 6);
	sg_diff_free(df);
}

/* A Markdown comment fits what GitHub takes (65,536 characters) however
 * many customers change, offers lacking an approval first, and says what
 * it left out. */
static void test_markdown_cut(void **state)
{
	(void)state;
	enum { N = 3000 };
	sg_diff df;
	memset(&df, 0, sizeof df);
	sg_arena_init(&df.arena);
	sg_sentence_edit edits[] = {{SG_SENTENCE_REMOVED, "年费为 ¥102,000。"},
				    {SG_SENTENCE_ADDED, "年费为 ¥108,000。"}};
	df.customers = sg_arena_alloc(&df.arena, N * sizeof *df.customers);
	df.customer_count = df.compared = N;
	for (size_t i = 0; i < N; i++) {
		sg_diff_customer *c = &df.customers[i];
		c->id = sg_arena_printf(&df.arena, "customer-%04zu", i);
		c->name = "某某公司";
		c->text = edits;
		c->text_count = 2;
		c->approval_to.offer = true;
		c->approval_to.discount = 620000;
		c->approval_to.need = "branch-manager";
		c->approval_to.missing = i == N - 1; /* the last lacks an approval */
		c->approval_to.missing_role = "branch-manager";
	}
	sg_diff_labels l = {"HEAD~1", "HEAD"};
	sg_buf out;
	sg_buf_init(&out);
	sg_diff_write_markdown(&out, &df, &l);
	assert_true(out.len <= 60000);
	assert_non_null(strstr(out.data, "more customers: the text or JSON"));
	assert_non_null(strstr(out.data, "left out to keep this comment"));
	/* The one lacking an approval heads the table and the details. */
	const char *row = strstr(out.data, "| customer-2999 |");
	assert_non_null(row);
	assert_true(row < strstr(out.data, "| customer-0000 |"));
	assert_non_null(strstr(out.data, "<b>customer-2999</b>"));
	sg_buf_dispose(&out);
	sg_arena_dispose(&df.arena);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_chinese),
		cmocka_unit_test(test_split_latin),
		cmocka_unit_test(test_diff_lcs),
		cmocka_unit_test(test_same_content),
		cmocka_unit_test(test_discount_approval),
		cmocka_unit_test(test_catalog_traced),
		cmocka_unit_test(test_added_removed),
		cmocka_unit_test(test_markdown_cut),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}

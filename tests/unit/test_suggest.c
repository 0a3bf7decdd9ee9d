/*
 * test_suggest.c - the edit distance and the near-miss rule behind
 * "did you mean ...?" (load/suggest.c).
 */
#include "support.h"

#include <string.h>

#include "load/suggest.h"

static void test_distance(void **state)
{
	(void)state;
	assert_int_equal(sg_suggest_distance("", ""), 0);
	assert_int_equal(sg_suggest_distance("abc", "abc"), 0);
	assert_int_equal(sg_suggest_distance("", "abc"), 3);
	assert_int_equal(sg_suggest_distance("hardwre", "hardware"), 1);  /* insertion */
	assert_int_equal(sg_suggest_distance("hardwarre", "hardware"), 1); /* deletion */
	assert_int_equal(sg_suggest_distance("hardwere", "hardware"), 1);  /* substitution */
	assert_int_equal(sg_suggest_distance("hadrware", "hardware"), 1);  /* adjacent swap */
	assert_int_equal(sg_suggest_distance("kitten", "sitting"), 3);
	/* Restricted form: "ca" -> "abc" is 3, not 2 as unrestricted would give. */
	assert_int_equal(sg_suggest_distance("ca", "abc"), 3);
	char long_word[80];
	memset(long_word, 'a', sizeof long_word - 1);
	long_word[sizeof long_word - 1] = '\0';
	assert_true(sg_suggest_distance(long_word, "a") > 2);
}

static void test_best(void **state)
{
	(void)state;
	const char *const elems[] = {"hardware", "software", "electricity", "staff", "renewal"};
	assert_string_equal(sg_suggest_best("hardwre", elems, 5), "hardware");
	assert_string_equal(sg_suggest_best("sofware", elems, 5), "software");
	assert_string_equal(sg_suggest_best("stafff", elems, 5), "staff");
	/* Too far: more than 2 edits. */
	assert_null(sg_suggest_best("hw", elems, 5));
	assert_null(sg_suggest_best("printer", elems, 5));
	/* Not less than half the word: "staf" -> "staff" is 1 edit of 4 (fine),
	 * but "sta" -> "staff" is 2 edits of 3 (not). */
	assert_string_equal(sg_suggest_best("staf", elems, 5), "staff");
	assert_null(sg_suggest_best("sta", elems, 5));
	/* A word of the list suggests nothing. */
	assert_null(sg_suggest_best("staff", elems, 5));
	assert_null(sg_suggest_best("", elems, 5));
	/* Ties go to the first candidate. */
	const char *const ab[] = {"cab", "cad"};
	assert_string_equal(sg_suggest_best("caz", ab, 2), "cab");
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_distance),
		cmocka_unit_test(test_best),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}

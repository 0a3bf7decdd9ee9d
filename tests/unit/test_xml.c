/*
 * test_xml.c - secure XML reading (load/xml.c): no external entities, no
 * entity bombs, UTF-8 and size checks with positions, libxml2 errors routed to
 * the diagnostics, schema validation with lines, and the small accessors.
 */
#include "support.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "load/xml.h"

#define MARKER "SG-SECRET-MARKER-7f3a91"

/* True when some diagnostic has this line and a message containing text. */
static bool S_has(const sg_diags *d, int line, const char *text)
{
	for (size_t i = 0; i < d->count; i++)
		if ((line < 0 || d->items[i].line == line) && strstr(d->items[i].message, text))
			return true;
	return false;
}

static void S_dump(const sg_diags *d)
{
	sg_diags_print(d, stdout);
}

/* No diagnostic message may mention text. */
static void S_assert_nowhere(const sg_diags *d, const char *text)
{
	for (size_t i = 0; i < d->count; i++)
		assert_null(strstr(d->items[i].message, text));
}

/* The serialised document (when any) must not contain text either. */
static void S_assert_doc_lacks(xmlDocPtr doc, const char *text)
{
	if (!doc)
		return;
	xmlChar *out = NULL;
	int len = 0;
	xmlDocDumpMemory(doc, &out, &len);
	assert_non_null(out);
	assert_null(strstr((const char *)out, text));
	xmlFree(out);
}

static void test_reads_with_lines(void **state)
{
	(void)state;
	const char *p = sg_test_write_temp(0, "ok.xml",
					   "<?xml version=\"1.0\"?>\n"
					   "<root a=\"1\">\n"
					   "  <item id=\"x\">  hello  </item>\n"
					   "  <other/>\n"
					   "  <item id=\"y\"><![CDATA[ <b>raw</b> ]]></item>\n"
					   "</root>\n");
	sg_diags d;
	sg_diags_init(&d);
	xmlDocPtr doc = sg_xml_read(p, 1 << 20, &d);
	S_dump(&d);
	assert_non_null(doc);
	assert_int_equal(d.count, 0);

	sg_arena a;
	sg_arena_init(&a);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	assert_string_equal(sg_xml_attr(&a, root, "a"), "1");
	assert_null(sg_xml_attr(&a, root, "missing"));
	xmlNodePtr item = sg_xml_child(root, "item");
	assert_non_null(item);
	assert_int_equal(sg_xml_pos(p, item).line, 3);
	assert_string_equal(sg_xml_text(&a, item), "hello");
	assert_string_equal(sg_xml_text_raw(&a, item), "  hello  ");
	xmlNodePtr second = sg_xml_next(item, "item");
	assert_non_null(second);
	assert_int_equal(sg_xml_pos(p, second).line, 5);
	assert_string_equal(sg_xml_attr(&a, second, "id"), "y");
	assert_string_equal(sg_xml_text_raw(&a, second), " <b>raw</b> ");
	assert_string_equal(sg_xml_text(&a, second), "<b>raw</b>");
	assert_null(sg_xml_next(second, "item"));
	assert_null(sg_xml_child(root, "nothing"));
	assert_string_equal(sg_xml_text(&a, NULL), "");
	sg_arena_dispose(&a);
	xmlFreeDoc(doc);
	sg_diags_dispose(&d);
}

/* An external entity pointing at a file we made: the file's marker must not
 * appear in the document or in any message, whichever way the entity is
 * declared or referenced. */
static void test_external_entities_never_read(void **state)
{
	(void)state;
	const char *secret = sg_test_write_temp(1, "secret.txt", MARKER "\n");
	assert_non_null(secret);
	char secret_path[512];
	snprintf(secret_path, sizeof secret_path, "%s", secret);

	const char *forms[] = {
		/* a general external entity */
		"<?xml version=\"1.0\"?>\n<!DOCTYPE r [\n<!ENTITY x SYSTEM \"file://%s\">\n]>\n"
		"<r>&x;</r>\n",
		/* an external DTD */
		"<?xml version=\"1.0\"?>\n<!DOCTYPE r SYSTEM \"file://%s\">\n<r/>\n",
		/* an external parameter entity used inside the internal subset */
		"<?xml version=\"1.0\"?>\n<!DOCTYPE r [\n<!ENTITY %% p SYSTEM \"file://%s\">\n%%p;\n]>\n"
		"<r/>\n",
		/* the entity used in an attribute value */
		"<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"%s\">]>\n<r a=\"&x;\"/>\n",
	};
	for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
		char text[2048];
		snprintf(text, sizeof text, forms[i], secret_path);
		const char *p = sg_test_write_temp(2, "xxe.xml", text);
		sg_diags d;
		sg_diags_init(&d);
		xmlDocPtr doc = sg_xml_read(p, 1 << 20, &d);
		S_dump(&d);
		assert_null(doc);
		assert_true(S_has(&d, 2, "DOCTYPE and entity declarations are not allowed"));
		S_assert_nowhere(&d, MARKER);
		sg_diags_dispose(&d);
	}
}

/* Even the parser's own output of a DOCTYPE-free document that merely names
 * an undeclared entity carries no file content. */
static void test_undeclared_entity(void **state)
{
	(void)state;
	const char *p = sg_test_write_temp(2, "undeclared.xml", "<r>\n&nope;</r>\n");
	sg_diags d;
	sg_diags_init(&d);
	xmlDocPtr doc = sg_xml_read(p, 1 << 20, &d);
	S_dump(&d);
	S_assert_doc_lacks(doc, MARKER);
	assert_null(doc);
	assert_true(S_has(&d, 2, "nope"));
	sg_diags_dispose(&d);
}

static void test_billion_laughs_bounded(void **state)
{
	(void)state;
	sg_buf b;
	sg_buf_init(&b);
	sg_buf_puts(&b, "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n");
	sg_buf_puts(&b, " <!ENTITY lol \"lol\">\n");
	for (int i = 1; i <= 9; i++) {
		sg_buf_printf(&b, " <!ENTITY lol%d \"", i);
		for (int k = 0; k < 10; k++) {
			if (i == 1)
				sg_buf_puts(&b, "&lol;");
			else
				sg_buf_printf(&b, "&lol%d;", i - 1);
		}
		sg_buf_puts(&b, "\">\n");
	}
	sg_buf_puts(&b, "]>\n<lolz a=\"&lol9;\">&lol9;</lolz>\n");
	const char *p = sg_test_write_temp(2, "lol.xml", b.data);
	sg_buf_dispose(&b);

	sg_diags d;
	sg_diags_init(&d);
	xmlDocPtr doc = sg_xml_read(p, 1 << 20, &d);
	S_dump(&d);
	assert_null(doc);
	/* Bounded because the parser stops at the DOCTYPE: one error, on its
	 * line, and none from the declarations after it or the body (an
	 * expansion would end in libxml2's amplification or size errors). */
	assert_int_equal(d.count, 1);
	assert_true(S_has(&d, 2, "DOCTYPE and entity declarations are not allowed"));
	sg_diags_dispose(&d);
}

static void test_invalid_utf8_position(void **state)
{
	(void)state;
	const char *p = sg_test_write_temp(2, "bad.xml", "<r>\n  <a>ok</a>\n  <b>中\xff</b>\n</r>\n");
	sg_diags d;
	sg_diags_init(&d);
	assert_null(sg_xml_read(p, 1 << 20, &d));
	S_dump(&d);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].line, 3);
	assert_int_equal(d.items[0].col, 7); /* code points: 2 spaces, <b>, 中 */
	assert_non_null(strstr(d.items[0].message, "invalid UTF-8"));
	sg_diags_dispose(&d);
}

static void test_bom_and_crlf(void **state)
{
	(void)state;
	const char *p = sg_test_write_temp(2, "bom.xml",
					   "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
					   "<r>\r\n"
					   "  <a>一</a>\r\n"
					   "\r\n"
					   "  <b>二</b>\r\n"
					   "</r>\r\n");
	sg_diags d;
	sg_diags_init(&d);
	xmlDocPtr doc = sg_xml_read(p, 1 << 20, &d);
	S_dump(&d);
	assert_non_null(doc);
	assert_int_equal(d.count, 0);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	assert_string_equal((const char *)root->name, "r");
	xmlNodePtr b = sg_xml_child(root, "b");
	assert_int_equal(sg_xml_pos(p, b).line, 5);
	sg_arena a;
	sg_arena_init(&a);
	assert_string_equal(sg_xml_text(&a, b), "二");
	sg_arena_dispose(&a);
	xmlFreeDoc(doc);

	/* A CRLF file with an error reports the error's own line. */
	p = sg_test_write_temp(2, "crlf-bad.xml", "<r>\r\n<a>\r\n<b>\r\n</a>\r\n</r>\r\n");
	doc = sg_xml_read(p, 1 << 20, &d);
	S_dump(&d);
	assert_null(doc);
	assert_true(d.count >= 1);
	assert_int_equal(d.items[0].line, 4);
	sg_diags_dispose(&d);
}

/* A declaration that names another encoding does not garble UTF-8 bytes. */
static void test_encoding_declaration_ignored(void **state)
{
	(void)state;
	const char *p = sg_test_write_temp(2, "gbk.xml",
					   "<?xml version=\"1.0\" encoding=\"GBK\"?>\n<r>物流</r>\n");
	sg_diags d;
	sg_diags_init(&d);
	xmlDocPtr doc = sg_xml_read(p, 1 << 20, &d);
	S_dump(&d);
	assert_non_null(doc);
	sg_arena a;
	sg_arena_init(&a);
	assert_string_equal(sg_xml_text(&a, xmlDocGetRootElement(doc)), "物流");
	sg_arena_dispose(&a);
	xmlFreeDoc(doc);
	sg_diags_dispose(&d);
}

static void test_size_cap(void **state)
{
	(void)state;
	sg_buf b;
	sg_buf_init(&b);
	sg_buf_puts(&b, "<r>");
	for (int i = 0; i < 200; i++)
		sg_buf_puts(&b, "<a>0123456789</a>\n");
	sg_buf_puts(&b, "</r>\n");
	const char *p = sg_test_write_temp(2, "big.xml", b.data);
	size_t len = b.len;
	sg_buf_dispose(&b);

	sg_diags d;
	sg_diags_init(&d);
	assert_null(sg_xml_read(p, 1024, &d));
	assert_int_equal(d.count, 1);
	assert_non_null(strstr(d.items[0].message, "limit"));
	sg_diags_dispose(&d);

	sg_diags_init(&d);
	xmlDocPtr doc = sg_xml_read(p, len, &d);
	assert_non_null(doc);
	xmlFreeDoc(doc);
	sg_diags_dispose(&d);
}

static void test_malformed_errors_have_positions(void **state)
{
	(void)state;
	const char *p = sg_test_write_temp(2, "broken.xml", "<r>\n  <a x=\"1\">\n  </b>\n</r>\n");
	sg_diags d;
	sg_diags_init(&d);
	assert_null(sg_xml_read(p, 1 << 20, &d));
	S_dump(&d);
	assert_true(d.count >= 1);
	assert_int_equal(d.items[0].line, 3);
	assert_true(d.items[0].col > 0);
	assert_string_equal(d.items[0].path, p);
	for (size_t i = 0; i < d.count; i++) {
		size_t n = strlen(d.items[i].message);
		assert_true(n > 0);
		assert_int_not_equal(d.items[i].message[n - 1], '\n');
	}
	sg_diags_dispose(&d);

	/* Missing and empty files are reported, not crashed on. */
	sg_diags_init(&d);
	assert_null(sg_xml_read(SG_TEST_DATA "/no/such/file.xml", 1 << 20, &d));
	assert_int_equal(d.count, 1);
	p = sg_test_write_temp(2, "empty.xml", "");
	assert_null(sg_xml_read(p, 1 << 20, &d));
	assert_int_equal(d.count, 2);
	assert_int_equal(d.items[1].line, 1);
	sg_diags_dispose(&d);
}

static void test_schema_valid_samples(void **state)
{
	(void)state;
	const char *files[][2] = {
		{SG_TEST_DATA "/content/catalog.xml", "catalog.rng"},
		{SG_TEST_DATA "/content/site.xml", "site.rng"},
	};
	for (size_t i = 0; i < 2; i++) {
		sg_diags d;
		sg_diags_init(&d);
		xmlDocPtr doc = sg_xml_read(files[i][0], 1 << 22, &d);
		assert_non_null(doc);
		int rc = sg_xml_validate(doc, files[i][1], files[i][0], &d);
		S_dump(&d);
		assert_int_equal(rc, 0);
		assert_int_equal(d.count, 0);
		xmlFreeDoc(doc);
		sg_diags_dispose(&d);
	}
}

static void test_schema_violations_have_lines(void **state)
{
	(void)state;
	const char *p = sg_test_write_temp(2, "bad-site.xml",
					   "<site lang=\"zh-CN\">\n"
					   "  <vendor><name>甲</name></vendor>\n"
					   "  <reps>\n"
					   "    <rep id=\"a\" name=\"甲\" colour=\"red\"/>\n"
					   "  </reps>\n"
					   "  <stages>\n"
					   "    <stage id=\"s\"><name>一</name><oops/></stage>\n"
					   "  </stages>\n"
					   "</site>\n");
	sg_diags d;
	sg_diags_init(&d);
	xmlDocPtr doc = sg_xml_read(p, 1 << 20, &d);
	assert_non_null(doc);
	assert_int_equal(sg_xml_validate(doc, "site.rng", p, &d), -1);
	S_dump(&d);
	assert_true(S_has(&d, 4, "colour"));
	assert_true(S_has(&d, 7, "<stage> has no element <oops> (allowed here: <name>, <milestone>, <item>)"));
	for (size_t i = 0; i < d.count; i++) {
		size_t n = strlen(d.items[i].message);
		assert_int_not_equal(d.items[i].message[n - 1], '\n');
		assert_string_equal(d.items[i].path, p);
	}
	xmlFreeDoc(doc);
	sg_diags_dispose(&d);

	/* A value outside a closed list. */
	p = sg_test_write_temp(2, "bad-lang.xml",
			       "<site lang=\"fr\">\n  <vendor><name>甲</name></vendor>\n</site>\n");
	sg_diags_init(&d);
	doc = sg_xml_read(p, 1 << 20, &d);
	assert_non_null(doc);
	assert_int_equal(sg_xml_validate(doc, "site.rng", p, &d), -1);
	S_dump(&d);
	assert_true(S_has(&d, 1, "lang"));
	xmlFreeDoc(doc);
	sg_diags_dispose(&d);

	/* An unknown schema is a clear error, not a crash. */
	sg_diags_init(&d);
	doc = sg_xml_read(p, 1 << 20, &d);
	assert_int_equal(sg_xml_validate(doc, "nothing.rng", p, &d), -1);
	assert_true(S_has(&d, -1, "nothing.rng"));
	xmlFreeDoc(doc);
	sg_diags_dispose(&d);
}

/* libxml2's own words for closed lists and attributes ("Error validating
 * value", "Element x failed to validate attributes", often with no line) are
 * replaced by messages that name the value, the allowed words and the line. */
static void test_schema_messages_are_readable(void **state)
{
	(void)state;
	const char *p = sg_test_write_temp(2, "words.xml",
					   "<catalog currency=\"CNY\">\n"
					   "  <product id=\"m\" kind=\"x\">\n"
					   "    <name>邮箱</name>\n"
					   "    <edition id=\"a\" unit-price=\"1\" period=\"week\"><name>甲</name></edition>\n"
					   "    <edition id=\"b\" period=\"year\"><name>乙</name></edition>\n"
					   "  </product>\n"
					   "</catalog>\n");
	sg_diags d;
	sg_diags_init(&d);
	xmlDocPtr doc = sg_xml_read(p, 1 << 20, &d);
	assert_non_null(doc);
	assert_int_equal(sg_xml_validate(doc, "catalog.rng", p, &d), -1);
	S_dump(&d);
	assert_true(S_has(&d, 4, "'week' is not one of the allowed values: year, month"));
	assert_true(S_has(&d, 5, "<edition> lacks the required attribute unit-price"));
	for (size_t i = 0; i < d.count; i++) {
		assert_true(d.items[i].line > 0);
		assert_null(strstr(d.items[i].message, "failed to validate"));
	}
	xmlFreeDoc(doc);
	sg_diags_dispose(&d);
}

/* What the schema says of an element out of place: the required element
 * missing before it, one out of order, or one the parent does not have with
 * the elements allowed there and a near miss; near misses for attributes
 * and closed-list words too. */
static void test_schema_says_what_is_missing(void **state)
{
	(void)state;
	const char *p = sg_test_write_temp(2, "order.xml",
					   "<customer id=\"x\" asof=\"2026-01-01\" kind=\"compny\">\n"
					   "  <short-name>甲</short-name>\n"
					   "  <industry>law</industry>\n"
					   "  <mailboxes>5</mailboxes>\n"
					   "  <employees>6</employees>\n"
					   "  <self-hosted>\n"
					   "    <hardwre name=\"a\" amount=\"1\"/>\n"
					   "  </self-hosted>\n"
					   "</customer>\n");
	sg_diags d;
	sg_diags_init(&d);
	xmlDocPtr doc = sg_xml_read(p, 1 << 20, &d);
	assert_non_null(doc);
	assert_int_equal(sg_xml_validate(doc, "customer.rng", p, &d), -1);
	S_dump(&d);
	assert_true(S_has(&d, 2, "<customer> needs <name> before <short-name>"));
	S_assert_nowhere(&d, "not expected here");
	xmlFreeDoc(doc);
	sg_diags_dispose(&d);

	p = sg_test_write_temp(2, "attrs.xml",
			       "<customer id=\"x\" kind=\"compny\">\n"
			       "  <name>甲</name>\n"
			       "  <industry>logistic</industry>\n"
			       "</customer>\n");
	sg_diags_init(&d);
	doc = sg_xml_read(p, 1 << 20, &d);
	assert_int_equal(sg_xml_validate(doc, "customer.rng", p, &d), -1);
	S_dump(&d);
	assert_true(S_has(&d, 1, "'compny' is not one of the allowed values: company, law-firm"));
	assert_true(S_has(&d, 1, "did you mean 'company'?"));
	assert_true(S_has(&d, 3, "did you mean 'logistics'?"));
	xmlFreeDoc(doc);
	sg_diags_dispose(&d);

	p = sg_test_write_temp(2, "attrs2.xml", "<customer id=\"x\" asof=\"2026-01-01\">\n"
						"  <name>甲</name><industry>law</industry>\n"
						"</customer>\n");
	sg_diags_init(&d);
	doc = sg_xml_read(p, 1 << 20, &d);
	assert_int_equal(sg_xml_validate(doc, "customer.rng", p, &d), -1);
	S_dump(&d);
	assert_true(S_has(&d, 1, "asof; did you mean as-of?"));
	xmlFreeDoc(doc);
	sg_diags_dispose(&d);

	p = sg_test_write_temp(2, "order2.xml",
			       "<customer id=\"x\">\n"
			       "  <name>甲</name>\n"
			       "  <industry>law</industry>\n"
			       "  <mailboxes>5</mailboxes>\n"
			       "  <employees>6</employees>\n"
			       "</customer>\n");
	sg_diags_init(&d);
	doc = sg_xml_read(p, 1 << 20, &d);
	assert_int_equal(sg_xml_validate(doc, "customer.rng", p, &d), -1);
	S_dump(&d);
	assert_true(S_has(&d, 5, "<employees> is out of order: in <customer> it comes before "
				 "<mailboxes>"));
	xmlFreeDoc(doc);
	sg_diags_dispose(&d);

	p = sg_test_write_temp(2, "order3.xml",
			       "<customer id=\"x\">\n"
			       "  <name>甲</name>\n"
			       "  <industry>law</industry>\n"
			       "  <self-hosted>\n"
			       "    <hardwre name=\"a\" amount=\"1\"/>\n"
			       "  </self-hosted>\n"
			       "</customer>\n");
	sg_diags_init(&d);
	doc = sg_xml_read(p, 1 << 20, &d);
	assert_int_equal(sg_xml_validate(doc, "customer.rng", p, &d), -1);
	S_dump(&d);
	assert_true(S_has(&d, 5, "<self-hosted> has no element <hardwre>; did you mean "
				 "<hardware>? (allowed here: <hardware>, <software>, "
				 "<electricity>, <staff>, <renewal>)"));
	S_assert_nowhere(&d, "not expected here");
	xmlFreeDoc(doc);
	sg_diags_dispose(&d);

	/* <feature> of an FFAB holds text; <feature> of a product holds <name>:
	 * the message follows the element's own place in the schema. */
	p = sg_test_write_temp(2, "ffab.xml",
			       "<catalog currency=\"CNY\">\n"
			       "  <product id=\"m\" kind=\"x\">\n"
			       "    <name>邮箱</name>\n"
			       "    <feature id=\"f\"><name>甲</name>\n"
			       "      <ffab><feature>a<name>b</name></feature><function>c</function>"
			       "<advantage>d</advantage><benefit>e</benefit></ffab>\n"
			       "    </feature>\n"
			       "    <edition id=\"a\" unit-price=\"1\" period=\"year\"><name>甲</name>"
			       "</edition>\n"
			       "  </product>\n"
			       "</catalog>\n");
	sg_diags_init(&d);
	doc = sg_xml_read(p, 1 << 20, &d);
	assert_int_equal(sg_xml_validate(doc, "catalog.rng", p, &d), -1);
	S_dump(&d);
	assert_true(S_has(&d, 5, "<feature> has no element <name> (it holds text only)"));
	xmlFreeDoc(doc);
	sg_diags_dispose(&d);

	/* Nothing after the last child, yet a required one is still due:
	 * libxml2 says "Expecting an element , got nothing". */
	p = sg_test_write_temp(2, "end.xml", "<customer id=\"x\">\n"
					     "  <name>甲</name>\n"
					     "</customer>\n");
	sg_diags_init(&d);
	doc = sg_xml_read(p, 1 << 20, &d);
	assert_int_equal(sg_xml_validate(doc, "customer.rng", p, &d), -1);
	S_dump(&d);
	assert_true(S_has(&d, 1, "<customer> needs <industry> after <name>"));
	S_assert_nowhere(&d, "Expecting");
	xmlFreeDoc(doc);
	sg_diags_dispose(&d);
}

/* Several threads parse and validate at once; each one's problems land in its
 * own list and nowhere else. */
typedef struct S_job {
	int n;
	char path[512];
	size_t errors;
	bool own_only;
} S_job;

static void *S_worker(void *arg)
{
	S_job *job = arg;
	job->own_only = true;
	for (int round = 0; round < 40; round++) {
		sg_diags d;
		sg_diags_init(&d);
		xmlDocPtr doc = sg_xml_read(job->path, 1 << 20, &d);
		if (doc) {
			sg_xml_validate(doc, "site.rng", job->path, &d);
			xmlFreeDoc(doc);
		}
		job->errors += d.count;
		/* The first problem is on the job's own bad line (3 + n). */
		if (d.count == 0 || d.items[0].line != job->n + 3)
			job->own_only = false;
		for (size_t i = 0; i < d.count; i++)
			if (!d.items[i].path || strcmp(d.items[i].path, job->path) != 0)
				job->own_only = false;
		sg_diags_dispose(&d);
	}
	return NULL;
}

static void test_threads_keep_errors_apart(void **state)
{
	(void)state;
	enum { N = 4 };
	S_job jobs[N];
	pthread_t th[N];
	for (int i = 0; i < N; i++) {
		memset(&jobs[i], 0, sizeof jobs[i]);
		jobs[i].n = i;
		sg_buf b;
		sg_buf_init(&b);
		sg_buf_puts(&b, "<site>\n<vendor><name>v</name></vendor>\n");
		for (int k = 0; k < i; k++)
			sg_buf_puts(&b, "\n");
		/* odd jobs: a schema error; even jobs: a well-formedness error */
		if (i % 2)
			sg_buf_puts(&b, "<bogus/>\n</site>\n");
		else
			sg_buf_puts(&b, "<reps></rep>\n</site>\n");
		char name[32];
		snprintf(name, sizeof name, "thread%d.xml", i);
		snprintf(jobs[i].path, sizeof jobs[i].path, "%s",
			 sg_test_write_temp(3, name, b.data));
		sg_buf_dispose(&b);
	}
	for (int i = 0; i < N; i++)
		assert_int_equal(pthread_create(&th[i], NULL, S_worker, &jobs[i]), 0);
	for (int i = 0; i < N; i++)
		pthread_join(th[i], NULL);
	for (int i = 0; i < N; i++) {
		assert_true(jobs[i].errors >= 40);
		assert_true(jobs[i].own_only);
	}
}

/* The choices a schema allows, read from the schema for `salesgen new`:
 * an attribute's, an element's text through its <ref>, none for free text
 * or a name the schema lacks. */
static void test_schema_values(void **state)
{
	(void)state;
	char *kinds = sg_xml_schema_values("customer.rng", "customer", "kind");
	assert_non_null(kinds);
	assert_string_equal(kinds, "company, law-firm, school, hospital, bank, government, other");
	free(kinds);
	char *industries = sg_xml_schema_values("customer.rng", "industry", NULL);
	assert_non_null(industries);
	assert_non_null(strstr(industries, "logistics, foreign-trade"));
	assert_non_null(strstr(industries, ", real-estate, other"));
	free(industries);
	assert_null(sg_xml_schema_values("customer.rng", "name", NULL));
	assert_null(sg_xml_schema_values("customer.rng", "no-such-element", NULL));
	assert_null(sg_xml_schema_values("no-such.rng", "customer", "kind"));
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reads_with_lines),
		cmocka_unit_test(test_external_entities_never_read),
		cmocka_unit_test(test_undeclared_entity),
		cmocka_unit_test(test_billion_laughs_bounded),
		cmocka_unit_test(test_invalid_utf8_position),
		cmocka_unit_test(test_bom_and_crlf),
		cmocka_unit_test(test_encoding_declaration_ignored),
		cmocka_unit_test(test_size_cap),
		cmocka_unit_test(test_malformed_errors_have_positions),
		cmocka_unit_test(test_schema_valid_samples),
		cmocka_unit_test(test_schema_violations_have_lines),
		cmocka_unit_test(test_schema_messages_are_readable),
		cmocka_unit_test(test_schema_says_what_is_missing),
		cmocka_unit_test(test_threads_keep_errors_apart),
		cmocka_unit_test(test_schema_values),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}

/*
 * test_customer_record.c - customer records (model/customer_record.h): a
 * record gives back the customer the file gives; a pack or record that is
 * not intact is ignored and the file parsed; a changed file, language or
 * name is another key; and a load with records gives the same model as one
 * without.
 */
#include "support.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/sha256.h"
#include "model/content.h"
#include "model/customer.h"
#include "model/customer_record.h"

#define CONTENT SG_TEST_DATA "/content"
#define SAMPLE CONTENT "/customers/hengtong-logistics.xml"

/* The sample customer, read and encoded. */
static sg_customer *read_sample(sg_arena *a, sg_buf *body)
{
	sg_diags d;
	sg_diags_init(&d);
	bool clean;
	sg_customer *c = sg_customer_read_in(a, CONTENT, SAMPLE, "zh-CN", &d, &clean);
	assert_non_null(c);
	assert_true(clean);
	assert_int_equal(d.count, 0);
	sg_diags_dispose(&d);
	sg_buf_init(body);
	assert_int_equal(sg_customer_record_encode(c, body), 0);
	return c;
}

static void assert_pos_equal(sg_pos a, sg_pos b, const char *path)
{
	assert_int_equal(a.line, b.line);
	assert_int_equal(a.col, b.col);
	assert_true((a.path == NULL) == (b.path == NULL));
	if (a.path)
		assert_string_equal(a.path, path);
}

static void test_round_trip(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	sg_buf body;
	sg_customer *c = read_sample(&a, &body);
	const char *moved = "elsewhere/customers/hengtong-logistics.xml";
	sg_customer *r = sg_customer_record_decode(body.data, body.len, &a, NULL, moved);
	assert_non_null(r);
	assert_string_equal(r->path, moved);
	assert_string_equal(r->id, c->id);
	assert_string_equal(r->name, c->name);
	assert_string_equal(r->lang, c->lang);
	assert_int_equal(r->employees, c->employees);
	assert_int_equal(r->offer.users, c->offer.users);
	assert_int_equal(r->offer.discount, c->offer.discount);
	assert_string_equal(r->offer.product_id, c->offer.product_id);
	assert_int_equal(r->contact_count, c->contact_count);
	assert_string_equal(r->contacts[0].name, c->contacts[0].name);
	assert_int_equal(r->hardware_count, c->hardware_count);
	assert_int_equal(r->hardware[0].amount, c->hardware[0].amount);
	assert_int_equal(r->done_count, c->done_count);
	assert_true(r->notes == NULL || strcmp(r->notes, c->notes) == 0);
	assert_pos_equal(r->pos, c->pos, moved);
	assert_pos_equal(r->offer.number_pos, c->offer.number_pos, moved);
	assert_pos_equal(r->contacts[0].pos, c->contacts[0].pos, moved);
	assert_null(r->owner); /* resolved on every load, not recorded */
	assert_null(r->offer.product);
	/* The record of the decoded customer is the same bytes. */
	sg_buf again;
	sg_buf_init(&again);
	assert_int_equal(sg_customer_record_encode(r, &again), 0);
	assert_int_equal(again.len, body.len);
	assert_memory_equal(again.data, body.data, body.len);
	sg_buf_dispose(&again);
	sg_buf_dispose(&body);
	sg_arena_dispose(&a);
}

/* Numbers at the ends of their ranges come back (they are written in as
 * many bytes as they need: zigzagged when signed). */
static void test_numbers(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	sg_buf body;
	sg_customer *c = read_sample(&a, &body);
	size_t small = body.len;
	c->employees = INT64_MAX;
	c->mailboxes = INT64_MIN;
	c->branches = -1;
	c->offer.valid_days = INT_MIN;
	c->as_of.year = INT_MAX;
	c->pos.col = 0;
	sg_buf_clear(&body);
	assert_int_equal(sg_customer_record_encode(c, &body), 0);
	assert_true(body.len > small);
	sg_customer *r = sg_customer_record_decode(body.data, body.len, &a, NULL, c->path);
	assert_non_null(r);
	assert_true(r->employees == INT64_MAX);
	assert_true(r->mailboxes == INT64_MIN);
	assert_true(r->branches == -1);
	assert_int_equal(r->offer.valid_days, INT_MIN);
	assert_int_equal(r->as_of.year, INT_MAX);
	assert_int_equal(r->pos.col, 0);
	sg_buf_dispose(&body);
	sg_arena_dispose(&a);
}

/* A copy is the customer its record gives back: the same fields and the
 * same record, its strings copied out of the parse's arena (which may be
 * freed) and interned, so two copies share theirs. */
static void test_copy(void **state)
{
	(void)state;
	sg_arena scratch, a;
	sg_arena_init(&scratch);
	sg_arena_init(&a);
	sg_buf body;
	sg_customer *c = read_sample(&scratch, &body);
	sg_strpool *pool = sg_strpool_new(&a);
	const char *path = "customers/x.xml";
	sg_customer *one = sg_customer_record_copy(c, &a, pool, path);
	sg_customer *two = sg_customer_record_copy(c, &a, pool, path);
	assert_non_null(one);
	assert_non_null(two);
	assert_ptr_equal(one->path, path);
	assert_ptr_equal(one->pos.path, path);
	assert_string_equal(one->name, c->name);
	assert_ptr_equal(one->name, two->name);
	assert_ptr_equal(one->contacts[0].role, two->contacts[0].role);
	assert_ptr_not_equal(one->contacts, two->contacts);
	assert_string_equal(one->notes, c->notes);
	sg_arena_dispose(&scratch);
	sg_strpool_free(pool);
	sg_buf again;
	sg_buf_init(&again);
	assert_int_equal(sg_customer_record_encode(one, &again), 0);
	assert_int_equal(again.len, body.len);
	assert_memory_equal(again.data, body.data, body.len);
	sg_buf_dispose(&again);
	sg_buf_dispose(&body);
	sg_arena_dispose(&a);
}

/* Every cut and every changed byte of a body decodes to NULL or to a
 * customer (never a crash: ASan/UBSan builds run this too); cuts always
 * to NULL. */
static void test_corrupt_body(void **state)
{
	(void)state;
	sg_arena a;
	sg_arena_init(&a);
	sg_buf body;
	read_sample(&a, &body);
	for (size_t n = 0; n < body.len; n++)
		assert_null(sg_customer_record_decode(body.data, n, &a, NULL, "x.xml"));
	char *copy = malloc(body.len);
	for (size_t i = 0; i < body.len; i += 7) {
		memcpy(copy, body.data, body.len);
		copy[i] ^= 0x5a;
		(void)sg_customer_record_decode(copy, body.len, &a, NULL, "x.xml");
	}
	/* A word of a pack's table, in a body on its own (which has none). */
	const unsigned char word[] = {2};
	assert_null(sg_customer_record_decode(word, sizeof word, &a, NULL, "x.xml"));
	/* A number that runs past 64 bits. */
	unsigned char big[12];
	memset(big, 0xff, sizeof big);
	big[11] = 0;
	assert_null(sg_customer_record_decode(big, sizeof big, &a, NULL, "x.xml"));
	/* A length that claims more than there is. */
	memcpy(copy, body.data, body.len);
	memset(copy, 0xff, 4);
	assert_null(sg_customer_record_decode(copy, body.len, &a, NULL, "x.xml"));
	free(copy);
	sg_buf_dispose(&body);
	sg_arena_dispose(&a);
}

/* A pack of one record under key. */
static void make_pack(const uint8_t key[SG_SHA256_LEN], sg_buf *pack)
{
	sg_arena a;
	sg_arena_init(&a);
	sg_buf body;
	sg_customer *c = read_sample(&a, &body);
	sg_customer_records *r = sg_customer_records_new(NULL, 0);
	assert_non_null(r);
	sg_customer_records_begin(r, 1);
	sg_customer_records_put(r, 0, key, c);
	sg_buf_init(pack);
	assert_true(sg_customer_records_write(r, pack));
	sg_customer_records_free(r);
	sg_buf_dispose(&body);
	sg_arena_dispose(&a);
}

static void test_pack(void **state)
{
	(void)state;
	uint8_t key[SG_SHA256_LEN], other[SG_SHA256_LEN];
	memset(key, 1, sizeof key);
	memset(other, 2, sizeof other);
	sg_buf pack;
	make_pack(key, &pack);
	sg_arena a;
	sg_arena_init(&a);

	sg_customer_records *r = sg_customer_records_new(pack.data, pack.len);
	assert_int_equal(sg_customer_records_count(r), 1);
	sg_customer_records_begin(r, 2);
	assert_null(sg_customer_records_get(r, 0, other, &a, NULL, "x.xml"));
	sg_customer *c = sg_customer_records_get(r, 1, key, &a, NULL, "x.xml");
	assert_non_null(c);
	assert_string_equal(c->id, "hengtong-logistics");
	size_t reused, fresh;
	sg_customer_records_stats(r, &reused, &fresh);
	assert_int_equal(reused, 1);
	assert_int_equal(fresh, 0);
	/* The load is over: the old pack is gone, nothing more is found, and
	 * the next pack is made from the customer decoded. */
	sg_customer_records_loaded(r);
	assert_null(sg_customer_records_get(r, 0, key, &a, NULL, "x.xml"));
	assert_int_equal(sg_customer_records_count(r), 1);
	/* The same record used again: nothing to write, and the same bytes. */
	sg_buf next;
	sg_buf_init(&next);
	assert_false(sg_customer_records_write(r, &next));
	assert_int_equal(next.len, pack.len);
	assert_memory_equal(next.data, pack.data, pack.len);
	sg_customer_records_free(r);

	/* Not used: the next pack differs (it drops the record). */
	r = sg_customer_records_new(pack.data, pack.len);
	sg_customer_records_begin(r, 1);
	assert_true(sg_customer_records_write(r, &next));
	sg_customer_records_free(r);

	/* Any byte changed, or the pack cut short: no record at all. */
	for (size_t i = 0; i < pack.len; i += 97) {
		char *copy = malloc(pack.len);
		memcpy(copy, pack.data, pack.len);
		copy[i] ^= 1;
		r = sg_customer_records_new(copy, pack.len);
		assert_int_equal(sg_customer_records_count(r), 0);
		sg_customer_records_begin(r, 1);
		assert_null(sg_customer_records_get(r, 0, key, &a, NULL, "x.xml"));
		sg_customer_records_free(r);
		r = sg_customer_records_new(copy, i);
		assert_int_equal(sg_customer_records_count(r), 0);
		sg_customer_records_free(r);
		free(copy);
	}
	sg_buf_dispose(&next);
	sg_buf_dispose(&pack);
	sg_arena_dispose(&a);
}

/* What a stream handed on: its pieces, and when to refuse one. */
typedef struct sink {
	sg_buf bytes;
	size_t pieces, largest;
	size_t fail_at; /* refuse this piece (1: the first); 0: none */
} sink;

static int put_piece(void *arg, const void *data, size_t len)
{
	sink *k = arg;
	if (++k->pieces == k->fail_at)
		return -1;
	assert_true(k->fail_at == 0 || k->pieces < k->fail_at);
	sg_buf_put(&k->bytes, data, len);
	if (len > k->largest)
		k->largest = len;
	return 0;
}

/* The pack streamed in pieces (sg_customer_records_stream) is the bytes of
 * the pack made whole, and a pack the records take back; a sink that
 * refuses a piece stops it. */
static void test_stream(void **state)
{
	(void)state;
	enum { N = 1000 };
	sg_arena a;
	sg_arena_init(&a);
	sg_buf body;
	sg_customer *c = read_sample(&a, &body);
	sg_customer_records *r = sg_customer_records_new(NULL, 0);
	sg_customer_records_begin(r, N + 1);
	uint8_t key[SG_SHA256_LEN] = {0};
	for (unsigned i = 0; i < N; i++) {
		key[0] = (uint8_t)i, key[1] = (uint8_t)(i >> 8);
		sg_customer_records_put(r, i + (i >= N / 2), key, c); /* slot N/2 left empty */
	}
	assert_true(sg_customer_records_changed(r));
	sg_buf whole;
	sg_buf_init(&whole);
	assert_true(sg_customer_records_write(r, &whole));
	sink k = {.fail_at = 0};
	sg_buf_init(&k.bytes);
	assert_int_equal(sg_customer_records_stream(r, put_piece, &k), 0);
	assert_true(whole.len > 3 * 65536); /* N bodies of the sample: pieces of 64 KB */
	assert_true(k.pieces > 3);
	assert_true(k.largest < 65536 + 4 * body.len);
	assert_int_equal(k.bytes.len, whole.len);
	assert_memory_equal(k.bytes.data, whole.data, whole.len);
	sg_customer_records_free(r);

	r = sg_customer_records_new(k.bytes.data, k.bytes.len);
	assert_int_equal(sg_customer_records_count(r), N);
	sg_customer_records_begin(r, 1);
	key[0] = 7, key[1] = 0;
	sg_customer *back = sg_customer_records_get(r, 0, key, &a, NULL, "x.xml");
	assert_non_null(back);
	assert_string_equal(back->id, c->id);
	sg_customer_records_free(r);

	/* A sink that fails: the stream stops there and says so. */
	r = sg_customer_records_new(NULL, 0);
	sg_customer_records_begin(r, N);
	for (unsigned i = 0; i < N; i++) {
		key[0] = (uint8_t)i, key[1] = (uint8_t)(i >> 8);
		sg_customer_records_put(r, i, key, c);
	}
	sink bad = {.fail_at = 2};
	sg_buf_init(&bad.bytes);
	assert_int_equal(sg_customer_records_stream(r, put_piece, &bad), -1);
	assert_int_equal(bad.pieces, 2);
	sg_customer_records_free(r);
	sg_buf_dispose(&bad.bytes);
	sg_buf_dispose(&k.bytes);
	sg_buf_dispose(&whole);
	sg_buf_dispose(&body);
	sg_arena_dispose(&a);
}

/* Records after one edit of 16 customers: the delta holds the one made, the
 * pack is kept; the next load finds records in both; a delta past an eighth
 * of the pack, or a pack mostly unused, means the pack written whole. */
static void test_delta(void **state)
{
	(void)state;
	enum { N = 16 };
	sg_arena a;
	sg_arena_init(&a);
	sg_buf body;
	sg_customer *c = read_sample(&a, &body);
	uint8_t key[SG_SHA256_LEN] = {0};
	sg_customer_records *r = sg_customer_records_new(NULL, 0);
	sg_customer_records_begin(r, N);
	for (unsigned i = 0; i < N; i++) {
		key[0] = (uint8_t)i;
		sg_customer_records_put(r, i, key, c);
	}
	assert_int_equal(sg_customer_records_plan(r), SG_RECORDS_WHOLE); /* no pack yet */
	sg_buf pack;
	sg_buf_init(&pack);
	sg_customer_records_write(r, &pack);
	sg_customer_records_free(r);

	/* Customer 3 edited (key 100 instead of 3). */
	r = sg_customer_records_new(pack.data, pack.len);
	sg_customer_records_begin(r, N);
	for (unsigned i = 0; i < N; i++) {
		key[0] = (uint8_t)(i == 3 ? 100 : i);
		if (i == 3)
			sg_customer_records_put(r, i, key, c);
		else
			assert_non_null(sg_customer_records_get(r, i, key, &a, NULL, "x.xml"));
	}
	sg_customer_records_loaded(r);
	assert_int_equal(sg_customer_records_plan(r), SG_RECORDS_DELTA);
	sink k = {.fail_at = 0};
	sg_buf_init(&k.bytes);
	assert_int_equal(sg_customer_records_stream_delta(r, put_piece, &k), 0);
	assert_true(k.bytes.len < pack.len / 4);
	sg_customer_records_free(r);
	sg_buf delta;
	sg_buf_init(&delta);
	sg_buf_put(&delta, k.bytes.data, k.bytes.len);

	/* The next load: 15 records from the pack, one from the delta, none
	 * made: nothing to write. */
	sg_buf copy;
	sg_buf_init(&copy);
	sg_buf_put(&copy, delta.data, delta.len);
	r = sg_customer_records_new(pack.data, pack.len);
	sg_customer_records_take_delta(r, &copy);
	assert_int_equal(sg_customer_records_count(r), N + 1);
	sg_customer_records_begin(r, N);
	for (unsigned i = 0; i < N; i++) {
		key[0] = (uint8_t)(i == 3 ? 100 : i);
		assert_non_null(sg_customer_records_get(r, i, key, &a, NULL, "x.xml"));
	}
	size_t reused, fresh;
	sg_customer_records_stats(r, &reused, &fresh);
	assert_int_equal(reused, N);
	assert_int_equal(fresh, 0);
	assert_int_equal(sg_customer_records_plan(r), SG_RECORDS_KEEP);
	assert_false(sg_customer_records_changed(r));
	sg_customer_records_free(r);

	/* Two edits more: three records past the pack, over an eighth of 16. */
	sg_buf_put(&copy, delta.data, delta.len);
	r = sg_customer_records_new(pack.data, pack.len);
	sg_customer_records_take_delta(r, &copy);
	sg_customer_records_begin(r, N);
	for (unsigned i = 0; i < N; i++) {
		key[0] = (uint8_t)(i == 3 ? 100 : i == 5 ? 105 : i == 6 ? 106 : i);
		if (i == 5 || i == 6)
			sg_customer_records_put(r, i, key, c);
		else
			assert_non_null(sg_customer_records_get(r, i, key, &a, NULL, "x.xml"));
	}
	assert_int_equal(sg_customer_records_plan(r), SG_RECORDS_WHOLE);
	sg_customer_records_free(r);

	/* A delta of another pack's program, or broken: ignored. */
	delta.data[delta.len / 2] ^= 1;
	sg_buf_put(&copy, delta.data, delta.len);
	r = sg_customer_records_new(pack.data, pack.len);
	sg_customer_records_take_delta(r, &copy);
	assert_int_equal(sg_customer_records_count(r), N);
	sg_customer_records_free(r);

	/* Half the pack unused (customers removed): written whole. */
	r = sg_customer_records_new(pack.data, pack.len);
	sg_customer_records_begin(r, N / 2 - 1);
	for (unsigned i = 0; i < N / 2 - 1; i++) {
		key[0] = (uint8_t)i;
		assert_non_null(sg_customer_records_get(r, i, key, &a, NULL, "x.xml"));
	}
	assert_int_equal(sg_customer_records_plan(r), SG_RECORDS_WHOLE);
	sg_customer_records_free(r);

	sg_buf_dispose(&copy);
	sg_buf_dispose(&delta);
	sg_buf_dispose(&k.bytes);
	sg_buf_dispose(&pack);
	sg_buf_dispose(&body);
	sg_arena_dispose(&a);
}

static void test_key(void **state)
{
	(void)state;
	sg_customer_records *r = sg_customer_records_new(NULL, 0);
	const char *h1 = "1111111111111111111111111111111111111111111111111111111111111111";
	const char *h2 = "2111111111111111111111111111111111111111111111111111111111111111";
	uint8_t k[5][SG_SHA256_LEN];
	sg_customer_record_key(r, "customers/a.xml", h1, "zh-CN", k[0]);
	sg_customer_record_key(r, "customers/a.xml", h2, "zh-CN", k[1]); /* the file changed */
	sg_customer_record_key(r, "customers/b.xml", h1, "zh-CN", k[2]); /* renamed */
	sg_customer_record_key(r, "customers/a.xml", h1, "en", k[3]);    /* the site's language */
	sg_customer_record_key(r, "customers/a.xml", h1, NULL, k[4]);
	for (int i = 0; i < 5; i++)
		for (int j = i + 1; j < 5; j++)
			assert_memory_not_equal(k[i], k[j], SG_SHA256_LEN);
	uint8_t again[SG_SHA256_LEN];
	sg_customer_record_key(r, "customers/a.xml", h1, "zh-CN", again);
	assert_memory_equal(again, k[0], SG_SHA256_LEN);
	sg_customer_records_free(r);
}

/* ---------------------------------------------------------------- loads */

/* A copy of the tests' content folder. */
static const char *copy_content(void)
{
	const char *dir = sg_test_tmpdir("rec");
	assert_non_null(dir);
	char cmd[4096];
	snprintf(cmd, sizeof cmd, "cp -R '%s/.' '%s/'", CONTENT, dir);
	assert_int_equal(system(cmd), 0);
	return dir;
}

/* Loads dir with the records of pack (updated to the next pack); returns
 * the records used and made through *reused and *fresh, and a summary of
 * the model (ids, names, users, positions, owners) in sum. */
static void load(const char *dir, sg_buf *pack, size_t *reused, size_t *fresh, sg_buf *sum)
{
	sg_diags d;
	sg_diags_init(&d);
	sg_customer_records *r = sg_customer_records_new(pack->data, pack->len);
	sg_content *c = sg_content_load_records(dir, 2, NULL, r, &d);
	sg_customer_records_stats(r, reused, fresh);
	sg_buf_clear(sum);
	for (size_t i = 0; i < c->customer_count; i++) {
		const sg_customer *cu = c->customers[i];
		sg_buf_printf(sum, "%s %s %s %lld %d:%d %s %s %zu\n", cu->id, cu->name, cu->path,
			      (long long)cu->offer.users, cu->offer.pos.line, cu->offer.pos.col,
			      cu->owner ? cu->owner->id : "-",
			      cu->offer.edition ? cu->offer.edition->id : "-", cu->contact_count);
	}
	sg_diags_print(&d, stderr);
	sg_buf_printf(sum, "%zu messages\n", d.count);
	(void)sg_customer_records_write(r, pack);
	sg_content_free(c);
	sg_customer_records_free(r);
	sg_diags_dispose(&d);
}

static void edit(const char *dir, const char *file, const char *from, const char *to)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/customers/%s", dir, file);
	size_t n;
	char *text = sg_test_read_file(path, &n);
	assert_non_null(text);
	char *hit = strstr(text, from);
	assert_non_null(hit);
	FILE *f = fopen(path, "wb");
	fwrite(text, 1, (size_t)(hit - text), f);
	fputs(to, f);
	fputs(hit + strlen(from), f);
	fclose(f);
	free(text);
}

static void test_load(void **state)
{
	(void)state;
	const char *dir = copy_content();
	sg_buf pack, first, sum;
	sg_buf_init(&pack);
	sg_buf_init(&first);
	sg_buf_init(&sum);
	size_t reused, fresh;
	load(dir, &pack, &reused, &fresh, &first);
	assert_int_equal(reused, 0);
	assert_true(fresh >= 5);
	size_t all = fresh;

	/* Again: every customer from its record, the same model. */
	load(dir, &pack, &reused, &fresh, &sum);
	assert_int_equal(reused, all);
	assert_int_equal(fresh, 0);
	assert_string_equal(sum.data, first.data);

	/* One file changed: only it is parsed. */
	edit(dir, "hengtong-logistics.xml", " users=\"", " users=\"1");
	load(dir, &pack, &reused, &fresh, &sum);
	assert_int_equal(reused, all - 1);
	assert_int_equal(fresh, 1);
	assert_string_not_equal(sum.data, first.data);
	sg_buf edited;
	sg_buf_init(&edited);
	sg_buf_put(&edited, sum.data, sum.len);
	/* The same with no records at all. */
	sg_buf none;
	sg_buf_init(&none);
	load(dir, &none, &reused, &fresh, &sum);
	assert_string_equal(sum.data, edited.data);

	/* A corrupt pack: every file parsed, the model the same. */
	pack.data[pack.len / 2] ^= 1;
	load(dir, &pack, &reused, &fresh, &sum);
	assert_int_equal(reused, 0);
	assert_int_equal(fresh, all);
	assert_string_equal(sum.data, edited.data);

	/* A changed dependency: the site's language is in every key. */
	char site[4096];
	snprintf(site, sizeof site, "%s/site.xml", dir);
	size_t n;
	char *text = sg_test_read_file(site, &n);
	char *hit = strstr(text, "lang=\"zh-CN\"");
	assert_non_null(hit);
	memcpy(hit, "lang=\"en\"   ", strlen("lang=\"zh-CN\""));
	FILE *f = fopen(site, "wb");
	fwrite(text, 1, n, f);
	fclose(f);
	free(text);
	load(dir, &pack, &reused, &fresh, &sum);
	assert_int_equal(reused, 0);
	assert_int_equal(fresh, all);

	sg_buf_dispose(&none);
	sg_buf_dispose(&edited);
	sg_buf_dispose(&sum);
	sg_buf_dispose(&first);
	sg_buf_dispose(&pack);
}

/* A file with a message is never recorded: its messages must come again
 * on every load. */
static void test_messages_not_recorded(void **state)
{
	(void)state;
	const char *dir = copy_content();
	edit(dir, "hengtong-logistics.xml", "<offer ", "<offer bogus=\"1\" ");
	sg_buf pack, sum;
	sg_buf_init(&pack);
	sg_buf_init(&sum);
	size_t reused, fresh;
	load(dir, &pack, &reused, &fresh, &sum);
	size_t all = fresh;
	load(dir, &pack, &reused, &fresh, &sum);
	assert_int_equal(reused, all);
	assert_int_equal(fresh, 0);
	assert_non_null(strstr(sum.data, "messages"));
	assert_null(strstr(sum.data, "\n0 messages"));
	sg_buf_dispose(&sum);
	sg_buf_dispose(&pack);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_copy),
		cmocka_unit_test(test_corrupt_body),
		cmocka_unit_test(test_pack),
		cmocka_unit_test(test_stream),
		cmocka_unit_test(test_delta),
		cmocka_unit_test(test_key),
		cmocka_unit_test(test_load),
		cmocka_unit_test(test_messages_not_recorded),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}

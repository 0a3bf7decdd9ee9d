/*
 * customer_record.c - customer records and their pack (customer_record.h).
 *
 * One walk over an sg_customer (S_customer) writes, measures and reads a
 * body, so the three cannot drift apart: each field goes through S_str,
 * S_i64, S_pos ... which append it when encoding (or only count its bytes)
 * and take it back, checked, when decoding. Numbers are variable-length
 * (seven bits a byte, low first; signed ones zigzagged, so -1 is one byte):
 * most counts, lines and amounts take one to three bytes. Strings are 0
 * (NULL), twice their length + 1 and their bytes, or, in a pack, twice the
 * index + 1 of one of its words (S_str); a decoded string is copied into
 * the arena, through a string pool when one is given. Arrays are a count + 1
 * (0: a NULL pointer) and their elements. Positions are whether they have a
 * path (only ever the customer's own file) and the line and column.
 */
#include "model/customer_record.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/progid.h"
#include "base/strpool.h"

/* A field added to these structs must be added to the walk below: these
 * sizes are a reminder (on the 64-bit platforms salesgen is built for). */
#if UINTPTR_MAX == UINT64_MAX
_Static_assert(sizeof(sg_customer) == 840, "a customer field was added: record it below");
_Static_assert(sizeof(sg_offer) == 216, "an offer field was added: record it below");
_Static_assert(sizeof(sg_contact) == 72 && sizeof(sg_sent) == 72 && sizeof(sg_purchase) == 48,
	       "a field was added: record it below");
#endif

typedef struct S_io {
	bool decode;
	bool bad;          /* the body does not decode, or c cannot be recorded */
	sg_buf *out;       /* encoding; NULL: only counting */
	size_t counted;    /* encoding: the body's bytes so far */
	const unsigned char *p, *end; /* decoding */
	sg_arena *a;
	sg_strpool *pool;  /* decoding: where strings go (NULL: copied into a) */
	const char *path;  /* the customer's path: the only one positions name */
	struct S_words *words; /* encoding a pack's body: its table of words */
	const struct S_word *table; /* decoding a pack's body: the same */
	size_t table_count;
} S_io;

static void S_put(S_io *io, const void *v, size_t n)
{
	io->counted += n;
	if (io->out)
		sg_buf_put(io->out, v, n);
}

/* An unsigned number, seven bits a byte, low first; the top bit of a byte
 * says that another follows. Returns v (encoding) or the number read. */
static uint64_t S_var(S_io *io, uint64_t v)
{
	if (!io->decode) {
		unsigned char b[10];
		size_t n = 0;
		do {
			b[n] = (unsigned char)(v & 0x7f);
			v >>= 7;
			if (v)
				b[n] |= 0x80;
			n++;
		} while (v);
		S_put(io, b, n);
		return 0;
	}
	uint64_t x = 0;
	for (unsigned shift = 0;; shift += 7) {
		/* Ten bytes hold 64 bits; the tenth may add only the top one. */
		if (io->bad || io->p == io->end || shift > 63 || (shift == 63 && *io->p > 1)) {
			io->bad = true;
			return 0;
		}
		unsigned char b = *io->p++;
		x |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			return x;
	}
}

/* A count or a length: at most UINT32_MAX. */
static uint32_t S_u32(S_io *io, uint32_t v)
{
	uint64_t x = S_var(io, v);
	if (!io->decode)
		return v;
	if (x > UINT32_MAX)
		io->bad = true;
	return io->bad ? 0 : (uint32_t)x;
}

static void S_i64(S_io *io, int64_t *v)
{
	uint64_t u = (uint64_t)*v;
	uint64_t z = (u << 1) ^ (*v < 0 ? UINT64_MAX : 0); /* zigzag: 0, -1, 1, -2 ... */
	z = S_var(io, z);
	if (io->decode)
		*v = (int64_t)(z >> 1) ^ -(int64_t)(z & 1);
}

static void S_int(S_io *io, int *v)
{
	int64_t x = *v;
	S_i64(io, &x);
	if (x < INT_MIN || x > INT_MAX)
		io->bad = true, x = 0;
	if (io->decode)
		*v = (int)x;
}

static void S_bool(S_io *io, bool *v)
{
	uint64_t x = S_var(io, *v ? 1 : 0);
	if (io->decode) {
		if (x > 1)
			io->bad = true;
		*v = x == 1;
	}
}

/* An enumeration stored in an int, 0 to max. */
#define S_ENUM(io, field, max)                                  \
	do {                                                    \
		int x_ = (int)(field);                          \
		S_int(io, &x_);                                 \
		if (x_ < 0 || x_ > (max))                       \
			(io)->bad = true, x_ = 0;               \
		if ((io)->decode)                               \
			(field) = x_;                           \
	} while (0)

/* ---------------------------------------------------------------- words */

/* Strings of at most this many bytes are written once in a pack, in its
 * table of WORDS, and named by their index in its bodies: the roles,
 * attitudes, stages, checklist items, product, rep and contact names that
 * repeat from one customer to the next. Longer strings (the texts) are
 * written where they are, as they are in a body on its own. */
#define S_WORD_MAX 64

typedef struct S_word {
	const char *s;
	uint32_t len, hash;
} S_word;

/* A pack's words as they are met, each once. */
typedef struct S_words {
	S_word *list; /* in index order */
	size_t count, cap;
	uint32_t *table; /* open addressing: list index + 1, 0 empty */
	size_t size;     /* a power of two */
} S_words;

static void S_words_dispose(S_words *w)
{
	free(w->list);
	free(w->table);
}

static void S_words_rehash(S_words *w, size_t size)
{
	free(w->table);
	w->table = sg_xcalloc(size, sizeof *w->table);
	w->size = size;
	for (size_t i = 0; i < w->count; i++) {
		size_t h = w->list[i].hash & (size - 1);
		while (w->table[h])
			h = (h + 1) & (size - 1);
		w->table[h] = (uint32_t)i + 1;
	}
}

/* The index of word s (len bytes), which is added when new. */
static uint32_t S_word_index(S_words *w, const char *s, uint32_t len)
{
	uint32_t hash = sg_str_hash(s, len);
	if (!w->size)
		S_words_rehash(w, 1024);
	size_t h = hash & (w->size - 1);
	for (; w->table[h]; h = (h + 1) & (w->size - 1)) {
		const S_word *e = &w->list[w->table[h] - 1];
		if (e->hash == hash && e->len == len && memcmp(e->s, s, len) == 0)
			return w->table[h] - 1;
	}
	if (w->count == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 1024;
		w->list = sg_xrealloc(w->list, w->cap * sizeof *w->list);
	}
	w->list[w->count] = (S_word){s, len, hash};
	w->table[h] = (uint32_t)++w->count;
	if (w->count * 4 > w->size * 3)
		S_words_rehash(w, w->size * 2);
	return (uint32_t)w->count - 1;
}

/* A string: 0 for NULL, 2 * length + 1 and its bytes, or 2 * (index + 1)
 * for a word of the pack's table. */
static void S_str(S_io *io, const char **s)
{
	if (!io->decode) {
		size_t len = *s ? strlen(*s) : 0;
		if (len >= UINT32_MAX / 2)
			io->bad = true;
		if (!*s || io->bad)
			S_var(io, 0);
		else if (io->words && len <= S_WORD_MAX)
			S_var(io, 2 * ((uint64_t)S_word_index(io->words, *s, (uint32_t)len) + 1));
		else {
			S_var(io, 2 * (uint64_t)len + 1);
			S_put(io, *s, len);
		}
		return;
	}
	uint64_t v = S_var(io, 0);
	*s = NULL;
	if (!v || io->bad)
		return;
	const char *from;
	size_t len;
	if (v & 1) {
		len = (size_t)(v / 2);
		if ((size_t)(io->end - io->p) < len || memchr(io->p, '\0', len) != NULL) {
			io->bad = true;
			return;
		}
		from = (const char *)io->p;
		io->p += len;
	} else if (v / 2 - 1 < io->table_count) {
		from = io->table[v / 2 - 1].s; /* checked when the pack was indexed */
		len = io->table[v / 2 - 1].len;
	} else {
		io->bad = true;
		return;
	}
	*s = io->pool ? sg_strpool_intern(io->pool, from, len) : sg_arena_strndup(io->a, from, len);
}

static void S_date(S_io *io, sg_date *d)
{
	S_int(io, &d->year);
	S_int(io, &d->month);
	S_int(io, &d->day);
}

static void S_pos(S_io *io, sg_pos *pos)
{
	bool has = pos->path != NULL;
	if (!io->decode && has && strcmp(pos->path, io->path) != 0)
		io->bad = true; /* a position in another file: not recorded */
	S_bool(io, &has);
	if (io->decode)
		pos->path = has ? io->path : NULL;
	S_int(io, &pos->line);
	S_int(io, &pos->col);
}

/* An array's count (and whether its pointer is NULL); on decoding, the
 * array itself, zeroed, in the arena. Returns false when there is none. */
static bool S_array(S_io *io, void **p, size_t *count, size_t size)
{
	uint32_t n = io->decode ? 0 : *p ? (uint32_t)*count + 1 : 0;
	if (!io->decode && *p && *count >= UINT32_MAX - 1)
		io->bad = true;
	n = S_u32(io, n);
	if (!io->decode)
		return *p != NULL;
	*p = NULL;
	*count = 0;
	/* Every element takes at least a byte: a count past the end is a lie. */
	if (!n || io->bad || n - 1 > (size_t)(io->end - io->p)) {
		if (n && !io->bad)
			io->bad = true;
		return false;
	}
	*count = n - 1;
	*p = sg_arena_alloc(io->a, (n - 1 ? n - 1 : 1) * size);
	return true;
}

#define S_ARRAY(io, ptr, count) S_array(io, (void **)&(ptr), &(count), sizeof *(ptr))

static void S_strs(S_io *io, const char ***list, size_t *count)
{
	if (S_array(io, (void **)list, count, sizeof **list))
		for (size_t i = 0; i < *count && !io->bad; i++)
			S_str(io, &(*list)[i]);
}

static void S_purchases(S_io *io, sg_purchase **list, size_t *count)
{
	if (!S_array(io, (void **)list, count, sizeof **list))
		return;
	for (size_t i = 0; i < *count && !io->bad; i++) {
		sg_purchase *p = &(*list)[i];
		S_str(io, &p->name);
		S_i64(io, &p->amount);
		S_int(io, &p->years);
		S_date(io, &p->bought);
		S_pos(io, &p->pos);
	}
}

static void S_offer(S_io *io, sg_offer *o)
{
	S_bool(io, &o->given);
	S_str(io, &o->product_id);
	S_str(io, &o->edition_id);
	/* product and edition: resolved on every load */
	S_i64(io, &o->users);
	S_i64(io, &o->discount);
	S_date(io, &o->date);
	S_int(io, &o->valid_days);
	S_date(io, &o->valid_until);
	S_bool(io, &o->budget_sensitive);
	S_str(io, &o->number);
	S_str(io, &o->template_name);
	if (S_ARRAY(io, o->fees, o->fee_count))
		for (size_t i = 0; i < o->fee_count && !io->bad; i++) {
			S_str(io, &o->fees[i].name);
			S_i64(io, &o->fees[i].amount);
			S_pos(io, &o->fees[i].pos);
		}
	if (S_ARRAY(io, o->approvals, o->approval_count))
		for (size_t i = 0; i < o->approval_count && !io->bad; i++) {
			sg_approval *ap = &o->approvals[i];
			S_str(io, &ap->role);
			S_str(io, &ap->name);
			S_date(io, &ap->date);
			S_pos(io, &ap->pos);
		}
	S_pos(io, &o->pos);
	S_pos(io, &o->product_pos);
	S_pos(io, &o->edition_pos);
	S_pos(io, &o->number_pos);
	S_pos(io, &o->template_pos);
}

static void S_people(S_io *io, sg_customer *c)
{
	if (S_ARRAY(io, c->contacts, c->contact_count))
		for (size_t i = 0; i < c->contact_count && !io->bad; i++) {
			sg_contact *p = &c->contacts[i];
			S_str(io, &p->name);
			S_str(io, &p->title);
			S_str(io, &p->role);
			S_str(io, &p->attitude);
			S_bool(io, &p->coach);
			S_str(io, &p->phone);
			S_str(io, &p->email);
			S_pos(io, &p->pos);
		}
	if (S_ARRAY(io, c->events, c->event_count))
		for (size_t i = 0; i < c->event_count && !io->bad; i++) {
			sg_event *ev = &c->events[i];
			S_date(io, &ev->date);
			S_str(io, &ev->kind);
			S_str(io, &ev->text);
			S_pos(io, &ev->pos);
		}
	S_strs(io, &c->strengths, &c->strength_count);
	S_strs(io, &c->weaknesses, &c->weakness_count);
	if (S_ARRAY(io, c->actions, c->action_count))
		for (size_t i = 0; i < c->action_count && !io->bad; i++) {
			sg_action *ac = &c->actions[i];
			S_str(io, &ac->task);
			S_str(io, &ac->owner);
			S_str(io, &ac->checkpoint);
			S_date(io, &ac->date);
			S_pos(io, &ac->pos);
		}
}

static void S_self_hosted(S_io *io, sg_customer *c)
{
	S_purchases(io, &c->hardware, &c->hardware_count);
	S_purchases(io, &c->software, &c->software_count);
	sg_electricity *el = &c->electricity;
	S_bool(io, &el->given);
	S_bool(io, &el->as_annual);
	S_i64(io, &el->annual);
	S_i64(io, &el->watts);
	S_i64(io, &el->price_per_kwh);
	S_pos(io, &el->pos);
	if (S_ARRAY(io, c->staff, c->staff_count))
		for (size_t i = 0; i < c->staff_count && !io->bad; i++) {
			S_str(io, &c->staff[i].role);
			S_i64(io, &c->staff[i].monthly_salary);
			S_i64(io, &c->staff[i].share);
			S_pos(io, &c->staff[i].pos);
		}
	if (S_ARRAY(io, c->renewals, c->renewal_count))
		for (size_t i = 0; i < c->renewal_count && !io->bad; i++) {
			sg_renewal *r = &c->renewals[i];
			S_ENUM(io, r->kind, SG_RENEWAL_OTHER);
			S_str(io, &r->name);
			S_i64(io, &r->amount);
			S_date(io, &r->due);
			S_pos(io, &r->pos);
		}
}

static void S_traits(S_io *io, sg_traits *t)
{
	S_ENUM(io, t->security_sensitivity, SG_LEVEL_HIGH);
	S_ENUM(io, t->leadership, SG_LEAD_CONSERVATIVE);
	S_ENUM(io, t->connectivity_needs, SG_LEVEL_HIGH);
	S_ENUM(io, t->external_mail, SG_EXT_SMALLER);
	S_ENUM(io, t->it_staff, SG_IT_STRONG);
	S_ENUM(io, t->collaboration_needs, SG_LEVEL_HIGH);
	S_ENUM(io, t->budget, SG_BUDGET_AMPLE);
	S_bool(io, &t->given);
	S_pos(io, &t->pos);
}

static void S_project(S_io *io, sg_customer *c)
{
	S_str(io, &c->lifecycle);
	S_str(io, &c->relationship);
	S_str(io, &c->stage_id);
	/* stage: resolved on every load */
	S_strs(io, &c->done, &c->done_count);
	bool has = c->done_pos != NULL;
	S_bool(io, &has);
	if (io->decode) {
		c->done_pos = has ? sg_arena_alloc(io->a, (c->done_count ? c->done_count : 1) *
								  sizeof *c->done_pos)
				  : NULL;
	}
	for (size_t i = 0; has && i < c->done_count && !io->bad; i++)
		S_pos(io, &c->done_pos[i]);
	S_pos(io, &c->stage_pos);
}

static void S_sent(S_io *io, sg_customer *c)
{
	if (!S_ARRAY(io, c->sent, c->sent_count))
		return;
	for (size_t i = 0; i < c->sent_count && !io->bad; i++) {
		sg_sent *s = &c->sent[i];
		S_str(io, &s->number);
		S_date(io, &s->date);
		S_str(io, &s->sha256);
		S_str(io, &s->file);
		S_pos(io, &s->pos);
		S_pos(io, &s->file_pos);
	}
}

/* The whole customer, field by field in the order of model.h. */
static void S_customer(S_io *io, sg_customer *c)
{
	S_str(io, &c->id);
	S_str(io, &c->lang);
	S_date(io, &c->as_of);
	S_str(io, &c->name);
	S_str(io, &c->short_name);
	S_pos(io, &c->name_pos);
	S_pos(io, &c->short_name_pos);
	S_str(io, &c->industry);
	S_ENUM(io, c->kind, SG_ORG_KIND_COUNT - 1);
	S_i64(io, &c->employees);
	S_i64(io, &c->mailboxes);
	S_i64(io, &c->branches);
	S_str(io, &c->address);
	S_str(io, &c->owner_id);
	/* owner: resolved on every load */
	S_pos(io, &c->owner_pos);
	S_bool(io, &c->current.given);
	S_str(io, &c->current.product);
	S_str(io, &c->current.version);
	S_int(io, &c->current.year_built);
	S_bool(io, &c->current.licensed);
	S_pos(io, &c->current.pos);
	S_strs(io, &c->concerns, &c->concern_count);
	S_pos(io, &c->concerns_pos);
	S_self_hosted(io, c);
	S_traits(io, &c->traits);
	S_project(io, c);
	S_people(io, c);
	S_offer(io, &c->offer);
	S_sent(io, c);
	S_str(io, &c->notes);
	S_pos(io, &c->notes_pos);
	S_pos(io, &c->pos);
	/* eval: set by the cost stage after the load */
}

/* Encodes c into out (NULL: counts only), its short strings as words of
 * words (NULL: none); the body's length, or -1 when c cannot be recorded
 * (out then unchanged). */
static long long S_encode(const sg_customer *c, sg_buf *out, S_words *words)
{
	size_t start = out ? out->len : 0;
	S_io io = {.decode = false, .out = out, .path = c->path, .words = words};
	if (!c->path)
		return -1;
	/* The walk takes pointers, but encoding writes through none of them. */
	sg_customer copy = *c;
	S_customer(&io, &copy);
	if (io.bad || io.counted >= UINT32_MAX) {
		if (out)
			sg_buf_truncate(out, start);
		return -1;
	}
	return (long long)io.counted;
}

int sg_customer_record_encode(const sg_customer *c, sg_buf *out)
{
	return S_encode(c, out, NULL) < 0 ? -1 : 0;
}

/* Decodes a body whose words are those of table. */
static sg_customer *S_decode(const void *body, size_t len, sg_arena *a, sg_strpool *pool,
			     const char *path, const S_word *table, size_t table_count)
{
	sg_customer *c = sg_arena_alloc(a, sizeof *c);
	c->path = path;
	S_io io = {.decode = true, .p = body, .end = (const unsigned char *)body + len, .a = a,
		   .pool = pool, .path = c->path, .table = table, .table_count = table_count};
	S_customer(&io, c);
	if (io.bad || io.p != io.end || !c->id)
		return NULL; /* what was allocated stays in the arena, unused */
	return c;
}

sg_customer *sg_customer_record_decode(const void *body, size_t len, sg_arena *a,
				       sg_strpool *pool, const char *path)
{
	return S_decode(body, len, a, pool, path, NULL, 0);
}

sg_customer *sg_customer_record_copy(const sg_customer *c, sg_arena *a, sg_strpool *pool,
				     const char *path)
{
	sg_buf body;
	sg_buf_init(&body);
	sg_customer *copy = NULL;
	if (S_encode(c, &body, NULL) >= 0)
		copy = sg_customer_record_decode(body.data, body.len, a, pool, path);
	sg_buf_dispose(&body);
	return copy;
}

/* ---------------------------------------------------------------- the pack */

static const char S_magic[8] = {'S', 'G', 'C', 'U', 'S', 'T', 'R', '2'};
#define S_HEAD (8 + SG_SHA256_LEN + 8)
#define S_ENTRY_HEAD (SG_SHA256_LEN + 4)

typedef struct S_entry {
	const unsigned char *key; /* SG_SHA256_LEN bytes */
	const unsigned char *body;
	uint32_t len;
} S_entry;

/* A pack read: its bytes and what indexes them, until the load is over. */
typedef struct S_pack {
	unsigned char *bytes; /* heap */
	S_word *words;        /* its table of words, into bytes */
	size_t word_count;
	S_entry *entries;
	size_t count;  /* records it held; stays after the load */
	size_t *table; /* open addressing: entry index + 1, 0 empty */
	size_t table_size;
} S_pack;

/* Where a slot's customer came from. */
enum { S_FROM_BASE, S_FROM_DELTA, S_FROM_FILE };

/* A slot of the next pack: the customer of an old record decoded, or of a
 * file parsed anew. Its body is made again when a pack is written, so
 * that the old packs need not be kept for the length of a build. */
typedef struct S_slot {
	unsigned char key[SG_SHA256_LEN];
	const sg_customer *cu;
	bool used;
	unsigned char from; /* S_FROM_* */
} S_slot;

struct sg_customer_records {
	uint8_t program[SG_SHA256_LEN];
	S_pack base;  /* the pack */
	S_pack delta; /* the records written beside it since (_stream_delta) */
	S_slot *slots;
	size_t slot_count;
};

static size_t S_key_hash(const unsigned char *key)
{
	size_t h;
	memcpy(&h, key, sizeof h); /* a SHA-256: any of its bytes will do */
	return h;
}

/* Reads the pack's count words from *q (moved past them): false when they
 * are not there whole, or one is longer than a word or holds a NUL. */
static bool S_index_words(S_pack *k, const unsigned char **q, const unsigned char *end,
			  uint32_t count)
{
	/* Every word takes at least a byte: a count past the end is a lie. */
	if (count > (size_t)(end - *q))
		return false;
	S_word *w = sg_xmalloc((count ? count : 1) * sizeof *w);
	S_io io = {.decode = true, .p = *q, .end = end};
	for (uint32_t i = 0; i < count; i++) {
		uint32_t len = S_u32(&io, 0);
		if (io.bad || len > S_WORD_MAX || (size_t)(end - io.p) < len ||
		    memchr(io.p, '\0', len) != NULL) {
			free(w);
			return false;
		}
		w[i] = (S_word){(const char *)io.p, len, 0};
		io.p += len;
	}
	k->words = w;
	k->word_count = count;
	*q = io.p;
	return true;
}

/* Checks the pack of program in k->bytes (len bytes) and indexes its
 * entries; a pack that is not intact leaves k with none. */
static void S_index(S_pack *k, const uint8_t *program, size_t len)
{
	const unsigned char *p = k->bytes;
	if (len < S_HEAD + SG_SHA256_LEN || memcmp(p, S_magic, 8) != 0 ||
	    memcmp(p + 8, program, SG_SHA256_LEN) != 0)
		return;
	uint8_t sum[SG_SHA256_LEN];
	sg_sha256 s;
	sg_sha256_init(&s);
	sg_sha256_update(&s, p, len - SG_SHA256_LEN);
	sg_sha256_final(&s, sum);
	if (memcmp(sum, p + len - SG_SHA256_LEN, SG_SHA256_LEN) != 0)
		return;
	uint32_t n, nw;
	memcpy(&n, p + 8 + SG_SHA256_LEN, 4);
	memcpy(&nw, p + 12 + SG_SHA256_LEN, 4);
	const unsigned char *q = p + S_HEAD, *end = p + len - SG_SHA256_LEN;
	if (!S_index_words(k, &q, end, nw) || n > (size_t)(end - q) / S_ENTRY_HEAD)
		return;
	S_entry *e = sg_xmalloc((n ? n : 1) * sizeof *e);
	for (uint32_t i = 0; i < n; i++) {
		if ((size_t)(end - q) < S_ENTRY_HEAD) {
			free(e);
			return;
		}
		e[i].key = q;
		memcpy(&e[i].len, q + SG_SHA256_LEN, 4);
		q += S_ENTRY_HEAD;
		if ((size_t)(end - q) < e[i].len) {
			free(e);
			return;
		}
		e[i].body = q;
		q += e[i].len;
	}
	if (q != end) {
		free(e);
		return;
	}
	k->entries = e;
	k->count = n;
	k->table_size = 16;
	while (k->table_size < 2 * (size_t)n)
		k->table_size *= 2;
	k->table = sg_xcalloc(k->table_size, sizeof *k->table);
	for (size_t i = 0; i < n; i++) {
		size_t h = S_key_hash(e[i].key) & (k->table_size - 1);
		while (k->table[h])
			h = (h + 1) & (k->table_size - 1);
		k->table[h] = i + 1;
	}
}

/* Frees a large block without raising glibc's threshold for giving large
 * blocks mappings of their own: freeing a mapped block raises it to the
 * block's size (up to 32 MB), and the large buffers a build allocates
 * next (the manifest's, as it grows) then come from the heap and leave it
 * fragmented: 25 MiB more at the peak of a no-change build of 10,000
 * customers (bench/README.md, "The loaded model"). A block shrunk first
 * is freed small; elsewhere this is only a realloc more. */
static void S_free_large(void *p)
{
	if (p)
		free(sg_xrealloc(p, 1));
}

/* Frees what indexes k; its count stays. */
static void S_pack_loaded(S_pack *k)
{
	S_free_large(k->table);
	S_free_large(k->entries);
	free(k->words);
	S_free_large(k->bytes);
	size_t count = k->count;
	memset(k, 0, sizeof *k);
	k->count = count;
}

/* k takes pack's bytes (pack is left empty) and indexes them. */
static void S_pack_take(S_pack *k, const uint8_t *program, sg_buf *pack)
{
	size_t len = pack->len;
	if (len) {
		k->bytes = (unsigned char *)sg_buf_detach(pack);
		S_index(k, program, len);
		if (!k->entries) /* refused: nothing to keep it for */
			S_pack_loaded(k);
	}
	sg_buf_dispose(pack);
}

sg_customer_records *sg_customer_records_take(sg_buf *pack)
{
	uint8_t program[SG_SHA256_LEN];
	if (sg_program_id(program) != 0) {
		sg_buf_dispose(pack);
		return NULL;
	}
	sg_customer_records *r = sg_xcalloc(1, sizeof *r);
	memcpy(r->program, program, SG_SHA256_LEN);
	S_pack_take(&r->base, r->program, pack);
	return r;
}

void sg_customer_records_take_delta(sg_customer_records *r, sg_buf *delta)
{
	if (!r || r->delta.bytes || r->delta.count) {
		sg_buf_dispose(delta);
		return;
	}
	S_pack_take(&r->delta, r->program, delta);
}

sg_customer_records *sg_customer_records_new(const void *pack, size_t len)
{
	sg_buf copy;
	sg_buf_init(&copy);
	if (pack && len) {
		sg_buf_reserve(&copy, len);
		sg_buf_put(&copy, pack, len);
	}
	return sg_customer_records_take(&copy);
}

void sg_customer_records_loaded(sg_customer_records *r)
{
	if (!r)
		return;
	S_pack_loaded(&r->base);
	S_pack_loaded(&r->delta);
}

void sg_customer_records_free(sg_customer_records *r)
{
	if (!r)
		return;
	sg_customer_records_loaded(r);
	free(r->slots);
	free(r);
}

size_t sg_customer_records_count(const sg_customer_records *r)
{
	return r ? r->base.count + r->delta.count : 0;
}

void sg_customer_record_key(const sg_customer_records *r, const char *rel, const char *file_hex,
			    const char *default_lang, uint8_t key[SG_SHA256_LEN])
{
	static const char what[] = "salesgen customer record 2";
	sg_sha256 s;
	sg_sha256_init(&s);
	sg_sha256_update(&s, what, sizeof what);
	sg_sha256_update(&s, r->program, SG_SHA256_LEN);
	sg_sha256_update(&s, rel, strlen(rel) + 1);
	sg_sha256_update(&s, file_hex, strlen(file_hex) + 1);
	if (default_lang)
		sg_sha256_update(&s, default_lang, strlen(default_lang) + 1);
	else
		sg_sha256_update(&s, "", 0);
	sg_sha256_final(&s, key);
}

void sg_customer_records_begin(sg_customer_records *r, size_t n)
{
	free(r->slots);
	r->slots = sg_xcalloc(n ? n : 1, sizeof *r->slots);
	r->slot_count = n;
}

/* The entry of k recorded under key, or NULL. */
static const S_entry *S_find(const S_pack *k, const uint8_t key[SG_SHA256_LEN])
{
	if (!k->table)
		return NULL;
	size_t h = S_key_hash(key) & (k->table_size - 1);
	for (; k->table[h]; h = (h + 1) & (k->table_size - 1)) {
		const S_entry *e = &k->entries[k->table[h] - 1];
		if (memcmp(e->key, key, SG_SHA256_LEN) == 0)
			return e;
	}
	return NULL;
}

sg_customer *sg_customer_records_get(sg_customer_records *r, size_t slot,
				     const uint8_t key[SG_SHA256_LEN], sg_arena *a,
				     sg_strpool *pool, const char *path)
{
	if (slot >= r->slot_count)
		return NULL;
	/* The delta first: a record there is the newer (though one key
	 * recorded in both gives the same customer). */
	const S_pack *k = &r->delta;
	const S_entry *e = S_find(k, key);
	if (!e)
		e = S_find(k = &r->base, key);
	if (!e)
		return NULL;
	sg_customer *c = S_decode(e->body, e->len, a, pool, path, k->words, k->word_count);
	if (!c)
		return NULL;
	S_slot *s = &r->slots[slot];
	memcpy(s->key, key, SG_SHA256_LEN);
	s->cu = c;
	s->used = true;
	s->from = k == &r->base ? S_FROM_BASE : S_FROM_DELTA;
	return c;
}

void sg_customer_records_put(sg_customer_records *r, size_t slot,
			     const uint8_t key[SG_SHA256_LEN], const sg_customer *c)
{
	if (slot >= r->slot_count || S_encode(c, NULL, NULL) < 0)
		return;
	S_slot *s = &r->slots[slot];
	memcpy(s->key, key, SG_SHA256_LEN);
	s->cu = c;
	s->used = true;
	s->from = S_FROM_FILE;
}

/* The slots used, by where their customer came from. */
static void S_count(const sg_customer_records *r, size_t n[3])
{
	n[0] = n[1] = n[2] = 0;
	for (size_t i = 0; r && i < r->slot_count; i++)
		if (r->slots[i].used)
			n[r->slots[i].from]++;
}

void sg_customer_records_stats(const sg_customer_records *r, size_t *reused, size_t *fresh)
{
	size_t n[3];
	S_count(r, n);
	*reused = n[S_FROM_BASE] + n[S_FROM_DELTA];
	*fresh = n[S_FROM_FILE];
}

sg_records_write sg_customer_records_plan(const sg_customer_records *r)
{
	size_t n[3];
	S_count(r, n);
	/* The pack written again whole costs an encoding of every customer
	 * (0.1 s at 10,000): only when the delta would grow past an eighth of
	 * it, or half of it went unused (customers removed, or edited). Until
	 * then its unused records are kept: a record is true for its key
	 * whenever it is read. */
	size_t base = r->base.count, delta = n[S_FROM_DELTA] + n[S_FROM_FILE];
	bool base_used = 2 * n[S_FROM_BASE] >= base;
	if (base_used && n[S_FROM_FILE] == 0 && n[S_FROM_DELTA] == r->delta.count)
		return SG_RECORDS_KEEP;
	if (base > 0 && base_used && 8 * delta <= base)
		return SG_RECORDS_DELTA;
	return SG_RECORDS_WHOLE;
}

bool sg_customer_records_changed(const sg_customer_records *r)
{
	return sg_customer_records_plan(r) != SG_RECORDS_KEEP;
}

/* A pack being streamed: its bytes gather in chunk, hashed for the
 * checksum as they are handed on. */
typedef struct S_stream {
	sg_buf chunk;
	sg_sha256 sum;
	sg_sink_fn put;
	void *sink;
	int rc;
} S_stream;

#define S_CHUNK ((size_t)64 * 1024)

/* Hands on the chunk when it holds S_CHUNK bytes, or always when all. */
static void S_flush(S_stream *w, bool all)
{
	if (w->rc != 0 || (!all && w->chunk.len < S_CHUNK) || !w->chunk.len)
		return;
	sg_sha256_update(&w->sum, w->chunk.data, w->chunk.len);
	w->rc = w->put(w->sink, w->chunk.data, w->chunk.len) == 0 ? 0 : -1;
	sg_buf_clear(&w->chunk);
}

/* Whether slot s goes into the pack written: every record used, or for a
 * delta those the base does not hold. */
static bool S_writes(const S_slot *s, bool delta)
{
	return s->used && !(delta && s->from == S_FROM_BASE);
}

/* A pack of the slots S_writes() takes, handed to put(sink, ...). */
static int S_stream_pack(const sg_customer_records *r, bool delta, sg_sink_fn put, void *sink)
{
	uint32_t n = 0;
	/* The words first: a body names them by index, so the table, written
	 * before the bodies, must hold every one. */
	S_words words = {0};
	for (size_t i = 0; i < r->slot_count; i++)
		if (S_writes(&r->slots[i], delta)) {
			(void)S_encode(r->slots[i].cu, NULL, &words);
			n++;
		}
	uint32_t nw = (uint32_t)words.count;
	S_stream w = {.put = put, .sink = sink};
	sg_buf_init(&w.chunk);
	sg_buf_reserve(&w.chunk, S_CHUNK + 4096);
	sg_sha256_init(&w.sum);
	sg_buf_put(&w.chunk, S_magic, 8);
	sg_buf_put(&w.chunk, r->program, SG_SHA256_LEN);
	sg_buf_put(&w.chunk, &n, 4);
	sg_buf_put(&w.chunk, &nw, 4);
	S_io head = {.decode = false, .out = &w.chunk};
	for (size_t i = 0; i < words.count && w.rc == 0; i++) {
		S_u32(&head, words.list[i].len);
		S_put(&head, words.list[i].s, words.list[i].len);
		S_flush(&w, false);
	}
	for (size_t i = 0; i < r->slot_count && w.rc == 0; i++) {
		const S_slot *s = &r->slots[i];
		if (!S_writes(s, delta))
			continue;
		sg_buf_put(&w.chunk, s->key, SG_SHA256_LEN);
		size_t at = w.chunk.len;
		uint32_t len = 0;
		sg_buf_put(&w.chunk, &len, 4);
		len = (uint32_t)S_encode(s->cu, &w.chunk, &words);
		memcpy(w.chunk.data + at, &len, 4);
		S_flush(&w, false);
	}
	S_words_dispose(&words);
	S_flush(&w, true);
	uint8_t sum[SG_SHA256_LEN];
	sg_sha256_final(&w.sum, sum);
	if (w.rc == 0 && put(sink, sum, SG_SHA256_LEN) != 0)
		w.rc = -1;
	sg_buf_dispose(&w.chunk);
	return w.rc;
}

int sg_customer_records_stream(const sg_customer_records *r, sg_sink_fn put, void *sink)
{
	return S_stream_pack(r, false, put, sink);
}

int sg_customer_records_stream_delta(const sg_customer_records *r, sg_sink_fn put, void *sink)
{
	return S_stream_pack(r, true, put, sink);
}

static int S_put_buf(void *sink, const void *data, size_t len)
{
	sg_buf_put(sink, data, len);
	return 0;
}

bool sg_customer_records_write(const sg_customer_records *r, sg_buf *out)
{
	sg_buf_clear(out);
	(void)sg_customer_records_stream(r, S_put_buf, out);
	/* The same records in the same order make the same bytes. */
	return sg_customer_records_changed(r);
}

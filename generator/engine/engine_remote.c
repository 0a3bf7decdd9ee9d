/*
 * engine_remote.c - the shared cache (remote_cache.h) in a run: what it
 * has is taken before anything is built, each output found there checked
 * against its hash before it is written; with --cache-write the outputs
 * built are stored as they end, their bytes before their records. A cache
 * that is down, slow or wrong costs time, never the build: it is said once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/sha256.h"
#include "engine/engine_int.h"

/* Says once, on stderr, that the shared cache failed. Not a diagnostic: a
 * cache never fails a build, not even under --strict. */
static void S_remote_warn(sg_engine *e)
{
	if (e->remote_warned || sg_remote_cache_up(e->remote))
		return;
	e->remote_warned = true;
	fprintf(stderr, "salesgen build: warning: %s\n", sg_remote_cache_error(e->remote));
}

/* t's action key into t->cache_key. */
static void S_action_key(sg_engine *e, sg_target *t)
{
	sg_remote_cache_input *in = sg_xcalloc(t->input_count + 1, sizeof *in);
	for (size_t i = 0; i < t->input_count; i++) {
		const sg_eng_input *it = &e->inputs[t->inputs[i]];
		in[i] = (sg_remote_cache_input){it->name, it->hash};
	}
	if (!t->cache_key)
		t->cache_key = sg_xmalloc(SG_SHA256_HEX);
	sg_remote_cache_key(e->version, t->kind, t->path, in, t->input_count, t->cache_key);
	free(in);
}

/* Targets looked up or stored together: their requests run up to 16 at
 * once (sg_remote_cache_run()); the window bounds the outputs' bytes held
 * at a time. */
#define S_WINDOW 64

/* Whether ac (the answer to t's record lookup) is a record of t: when not,
 * says so and t is built. r is initialised either way. */
static bool S_record_ok(sg_target *t, const sg_buf *ac, sg_remote_cache_record *r)
{
	if (sg_remote_cache_record_decode(ac->data, ac->len, r) == 0 && strcmp(r->path, t->path) == 0)
		return true;
	t->cache = "bad";
	fprintf(stderr, "salesgen build: warning: %s: the shared cache's record of it is "
		"not one salesgen wrote; building it\n", t->path);
	return false;
}

/* Writes t from the cache's bytes cas, found for its record r: 1 when the
 * output was written from them, 0 when t is to be built (refused bytes, or
 * a warning under --strict). t0: when its lookup started. */
static int S_take_cached(sg_engine *e, sg_target *t, const sg_remote_cache_record *r,
			 const sg_buf *cas, double t0)
{
	sg_diags kept;
	sg_diags_init(&kept);
	if (!sg_remote_cache_verify(r, cas->data, cas->len) ||
	    sg_remote_cache_diags_read(r->diags.data, r->diags.len, &kept) != 0) {
		t->cache = "bad";
		fprintf(stderr, "salesgen build: warning: %s: the shared cache's bytes of it do not "
			"have the SHA-256 and size its record gives; building it\n", t->path);
		sg_diags_dispose(&kept);
		return 0;
	}
	/* Under --strict a warning fails the output: build it here, so that
	 * it fails the way it would. */
	if (e->o.strict && sg_diags_count(&kept, SG_WARNING)) {
		sg_diags_dispose(&kept);
		return 0;
	}
	const char *why;
	if (sg_outdir_write(&e->out, t->path, cas->data, cas->len, &why) != 0) {
		/* Building it here will meet the same problem and say it. */
		sg_diags_dispose(&kept);
		return 0;
	}
	sg_diags_take(&t->diags, &kept);
	sg_diags_dispose(&kept);
	t->cache = "cache";
	t->bytes = cas->len;
	t->seconds = sg_eng_now() - t0;
	sg_stat_key k;
	if (sg_outdir_stat(&e->out, t->path, &k) == 0) {
		char *key = sg_xasprintf("out:%s", t->path);
		sg_stat_cache_put(e->cache, key, &k, r->hash);
		free(key);
	}
	sg_eng_record(t, r->hash);
	e->summary.cached++;
	return 1;
}

/* The targets t[0..n) (at most S_WINDOW) looked up together: their records
 * in one batch, then the bytes of those with a record in another; each
 * taken writes its output and gets taken[i] true. */
static void S_fetch_window(sg_engine *e, sg_target **t, size_t n, bool *taken)
{
	sg_buf ac[S_WINDOW], cas[S_WINDOW];
	sg_remote_cache_record r[S_WINDOW];
	sg_remote_cache_req q[S_WINDOW];
	bool have[S_WINDOW];
	size_t at[S_WINDOW]; /* the target of each bytes request */
	double t0 = sg_eng_now();
	for (size_t i = 0; i < n; i++) {
		sg_buf_init(&ac[i]);
		sg_buf_init(&cas[i]);
		S_action_key(e, t[i]);
		q[i] = (sg_remote_cache_req){.ns = "ac", .key = t[i]->cache_key, .out = &ac[i]};
		taken[i] = have[i] = false;
	}
	sg_remote_cache_run(e->remote, q, n);
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		if (q[i].result != 1)
			continue;
		have[i] = S_record_ok(t[i], &ac[i], &r[i]);
		if (!have[i]) {
			sg_buf_dispose(&r[i].diags);
			continue;
		}
		at[m] = i;
		m++;
	}
	for (size_t j = 0; j < m; j++)
		q[j] = (sg_remote_cache_req){.ns = "cas", .key = r[at[j]].hash, .out = &cas[at[j]]};
	if (m)
		sg_remote_cache_run(e->remote, q, m);
	for (size_t j = 0; j < m; j++) {
		size_t i = at[j];
		if (q[j].result == 1)
			taken[i] = S_take_cached(e, t[i], &r[i], &cas[i], t0) == 1;
		sg_buf_dispose(&r[i].diags);
	}
	for (size_t i = 0; i < n; i++) {
		sg_buf_dispose(&ac[i]);
		sg_buf_dispose(&cas[i]);
	}
}

/* Before building: every target of e->build[0..*n) that the shared cache
 * has is written from it and leaves the list. */
void sg_eng_fetch(sg_engine *e, size_t *n)
{
	if (!e->remote)
		return;
	for (size_t i = 0; i < *n; i++)
		e->build[i]->cache = "built";
	size_t kept = 0;
	for (size_t i = 0; i < *n; i += S_WINDOW) {
		size_t w = *n - i < S_WINDOW ? *n - i : S_WINDOW;
		bool taken[S_WINDOW] = {false};
		if (sg_remote_cache_up(e->remote))
			S_fetch_window(e, e->build + i, w, taken);
		S_remote_warn(e);
		for (size_t j = 0; j < w; j++)
			if (!taken[j])
				e->build[kept++] = e->build[i + j];
	}
	*n = kept;
}

/* Outputs waiting to be stored, sent S_WINDOW at a time. */
typedef struct sg_eng_stores {
	sg_target *t[S_WINDOW];
	sg_buf bytes[S_WINDOW], rec[S_WINDOW];
	char hash[S_WINDOW][SG_SHA256_HEX];
	size_t n;
} S_stores;

struct sg_eng_stores *sg_eng_stores_new(void)
{
	return sg_xcalloc(1, sizeof(S_stores));
}


/* Sends the waiting outputs: all their bytes in one batch, then the records
 * of those whose bytes were stored, so a record is never there without its
 * bytes. */
static void S_stores_flush(sg_engine *e, S_stores *w)
{
	sg_remote_cache_req q[S_WINDOW];
	size_t at[S_WINDOW], m = 0;
	if (w->n && sg_remote_cache_up(e->remote)) {
		for (size_t i = 0; i < w->n; i++)
			q[i] = (sg_remote_cache_req){.ns = "cas", .key = w->hash[i],
						     .data = w->bytes[i].data ? (const void *)w->bytes[i].data : "",
						     .len = w->bytes[i].len};
		sg_remote_cache_run(e->remote, q, w->n);
		for (size_t i = 0; i < w->n; i++)
			if (q[i].result == 0)
				at[m++] = i;
		for (size_t j = 0; j < m; j++)
			q[j] = (sg_remote_cache_req){.ns = "ac", .key = w->t[at[j]]->cache_key,
						     .data = w->rec[at[j]].data, .len = w->rec[at[j]].len};
		if (m)
			sg_remote_cache_run(e->remote, q, m);
		for (size_t j = 0; j < m; j++)
			if (q[j].result == 0)
				w->t[at[j]]->cache = "stored";
		S_remote_warn(e);
	}
	for (size_t i = 0; i < w->n; i++) {
		sg_buf_dispose(&w->bytes[i]);
		sg_buf_dispose(&w->rec[i]);
	}
	w->n = 0;
}

/* After building t (ok): queues its bytes and record for the shared cache,
 * with --cache-write, when its producer gave no error; a full queue is
 * sent. */
void sg_eng_store(sg_engine *e, sg_target *t, const sg_job_result *r)
{
	S_stores *w = e->stores;
	if (!e->remote || !e->o.cache_write || !sg_remote_cache_up(e->remote) ||
	    !t->cache_key || !t->cache_key[0])
		return;
	size_t i = w->n;
	sg_buf_init(&w->bytes[i]);
	sg_buf_init(&w->rec[i]);
	/* The bytes as written, read back: the job may have run in another
	 * process. A file changed since is not stored. */
	if (sg_outdir_read(&e->out, t->path, &w->bytes[i]) == 0 && w->bytes[i].len == r->bytes &&
	    (sg_sha256_hex(w->bytes[i].data, w->bytes[i].len, w->hash[i]),
	     strcmp(w->hash[i], r->hash) == 0)) {
		sg_remote_cache_record_encode(t->path, r->hash, r->bytes, &r->d, &w->rec[i]);
		w->t[i] = t;
		w->n++;
	} else {
		sg_buf_dispose(&w->bytes[i]);
		sg_buf_dispose(&w->rec[i]);
	}
	if (w->n == S_WINDOW)
		S_stores_flush(e, w);
}

void sg_eng_stores_end(sg_engine *e)
{
	S_stores_flush(e, e->stores);
	free(e->stores);
	e->stores = NULL;
}

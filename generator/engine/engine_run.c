/*
 * engine_run.c - the plan and the run of the build engine (see engine.h).
 *
 * The run in five steps:
 *   1. SELECT: --only, --customer and --shard pick the targets of this run.
 *   2. PLAN: every input of a selected target is hashed (once per input; the
 *      stat cache skips files whose size, mtime and inode did not change),
 *      and the target is compared with its manifest record: built when an
 *      input differs or the output is missing or no longer has the hash
 *      salesgen wrote; unchanged otherwise. A target with an input the
 *      content loader found an error in fails here, before any work.
 *   3. BUILD: the targets to build go to the job pool (jobs.h), the heaviest
 *      first (sg_target_weight()), then by path; each job produces, writes
 *      atomically, and hashes its bytes. The heaviest targets are planned
 *      first and handed to the pool at once: they build while the others
 *      are planned (without a shared cache, whose outputs are fetched
 *      before anything is built).
 *   4. REMOVE: manifest records in this run's scope whose target is gone
 *      are deleted when the file is still what salesgen wrote; this and the
 *      caller's own work (sg_engine_while_building()) are done while the
 *      jobs run, each job's result taken as it ends (S_job_done()).
 *   5. RECORD: the new manifest (records outside the scope kept as they
 *      were), or only its changes, and the stat cache are written
 *      (engine_state.c, which also reads them).
 */
#include <assert.h>
#include <errno.h>
#include <stdatomic.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/confine.h"
#include "base/fs.h"
#include "base/sha256.h"
#include "engine/engine_int.h"

/* An input file modified this recently is not trusted to the stat cache: a
 * second change within the file system's timestamp resolution would keep
 * the same key. */
#define S_RACY_SECONDS 2

/* ---------------------------------------------------------------- selection */

static bool S_kind_in(const char *only, const char *kind)
{
	static const struct {
		const char *only, *kind;
	} map[] = {
		{"costs", "cost"},     {"proposals", "proposal"}, {"reports", "report"},
		{"site", "site"},      {"site", "page"},          {"site", "asset"},
		{"playbooks", "playbook"}, {"quotes", "quote"},
	};
	for (size_t i = 0; i < sizeof map / sizeof *map; i++)
		if (strcmp(map[i].only, only) == 0 && strcmp(map[i].kind, kind) == 0)
			return true;
	return false;
}

bool sg_engine_selects(const sg_engine *e, const char *kind)
{
	return !e->only || S_kind_in(e->only, kind);
}

/* True when an output of this kind, group and path is this run's business. */
static bool S_in_scope(const sg_engine *e, const char *path, const char *kind, const char *group)
{
	if (e->only && !S_kind_in(e->only, kind))
		return false;
	if (e->customer && (!group || strcmp(group, e->customer) != 0))
		return false;
	return sg_shard_has(e->o.shard, path);
}

bool sg_engine_selects_output(const sg_engine *e, const char *path, const char *kind,
			      const char *group)
{
	return S_in_scope(e, path, kind, group);
}

static int S_target_cmp(const void *a, const void *b)
{
	return strcmp((*(sg_target *const *)a)->path, (*(sg_target *const *)b)->path);
}

static int S_index_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* A target's inputs in the order they were first named, each once. */
static void S_unique_inputs(sg_target *t)
{
	if (t->input_count < 2)
		return;
	qsort(t->inputs, t->input_count, sizeof *t->inputs, S_index_cmp);
	uint32_t n = 1;
	for (uint32_t i = 1; i < t->input_count; i++)
		if (t->inputs[i] != t->inputs[n - 1])
			t->inputs[n++] = t->inputs[i];
	t->input_count = n;
}

/* The targets in path order, each input of each named once. Two targets
 * with one path are a programmer error. */
static void S_sort_targets(sg_engine *e)
{
	if (e->count > 1)
		qsort(e->targets, e->count, sizeof *e->targets, S_target_cmp);
	for (size_t i = 1; i < e->count; i++)
		if (strcmp(e->targets[i - 1]->path, e->targets[i]->path) == 0) {
			fprintf(stderr, "salesgen: internal error: two targets write %s\n",
				e->targets[i]->path);
			abort();
		}
	for (size_t i = 0; i < e->count; i++) {
		S_unique_inputs(e->targets[i]);
		e->targets[i]->at = (uint32_t)i;
	}
}

static int S_name_cmp(const void *a, const void *b)
{
	return strcmp((*(sg_eng_input *const *)a)->name, (*(sg_eng_input *const *)b)->name);
}

/* Each input's place among them sorted by name: the order of a manifest
 * record's lines. */
static void S_rank_inputs(sg_engine *e)
{
	size_t n = e->input_count;
	sg_eng_input **sorted = sg_xmalloc((n ? n : 1) * sizeof *sorted);
	for (size_t i = 0; i < n; i++)
		sorted[i] = &e->inputs[i];
	if (n > 1)
		qsort(sorted, n, sizeof *sorted, S_name_cmp);
	e->by_rank = sg_xmalloc((n ? n : 1) * sizeof *e->by_rank);
	for (size_t r = 0; r < n; r++) {
		e->by_rank[r] = (size_t)(sorted[r] - e->inputs);
		sorted[r]->rank = r;
	}
	free(sorted);
}

/* ---------------------------------------------------------------- hashing */

static bool S_content_error(const sg_engine *e, const char *path)
{
	const sg_diags *d = e->content_diags;
	for (size_t i = 0; d && i < d->count; i++) {
		const sg_diag *it = &d->items[i];
		bool counts = it->severity == SG_ERROR ||
			      (it->severity == SG_WARNING && (d->warnings_are_errors || e->o.strict));
		if (counts && it->path && strcmp(it->path, path) == 0)
			return true;
	}
	return false;
}

/* Whether the file of stat st was last changed more than S_RACY_SECONDS
 * ago, to the nanosecond: whole seconds made the window up to a second
 * longer, and a file edited just before one build was hashed again by the
 * next one too. */
static bool S_settled(const struct stat *st)
{
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	int64_t age_ns = ((int64_t)now.tv_sec - (int64_t)st->st_mtim.tv_sec) * 1000000000 +
			 ((int64_t)now.tv_nsec - (int64_t)st->st_mtim.tv_nsec);
	return age_ns > (int64_t)S_RACY_SECONDS * 1000000000;
}

/* The hash of the regular file open on fd (st its stat), named key in the
 * stat cache: the cache's when the file kept its size, mtime and inode,
 * else read (and counted). A file changed in the last seconds is
 * remembered for this run only. Closes fd. Returns 0, or -1 with errno set. */
static int S_hash_fd(sg_engine *e, const char *key, int fd, const char *path,
		     const struct stat *st, char out[SG_SHA256_HEX])
{
	sg_stat_key k;
	sg_stat_key_from(&k, st);
	const char *cached = sg_stat_cache_get(e->cache, key, &k);
	if (!cached)
		cached = sg_stat_cache_get(e->fresh, key, &k);
	if (cached) {
		if (fd >= 0)
			close(fd);
		memcpy(out, cached, SG_SHA256_HEX);
		return 0;
	}
	e->hashed++;
	if ((fd >= 0 ? sg_sha256_fd(fd, out) : sg_sha256_file(path, out)) != 0)
		return -1;
	sg_stat_cache_put(S_settled(st) ? e->cache : e->fresh, key, &k,
			  out);
	return 0;
}

/* key: the stat cache's name of path (prefix and path). The plan's
 * thread only: e->key is made once, not a buffer per file. */
static void S_key(sg_buf *key, const char *prefix, const char *path)
{
	sg_buf_clear(key);
	sg_buf_puts(key, prefix);
	sg_buf_puts(key, path);
}

static void S_hash_input(sg_engine *e, sg_eng_input *in)
{
	if (in->hashed)
		return;
	in->hashed = true;
	if (!in->path) {
		sg_sha256_hex(in->value, in->value_len, in->hash);
		return;
	}
	in->has_error = !in->tolerant && S_content_error(e, in->path);
	S_key(&e->key, "in:", in->path);
	/* Opened inside the content folder and hashed by the loader already
	 * (sg_engine_memo()): the output is made from what it read. */
	/* The caches under memo_lock: the longest outputs are built while the
	 * plan goes on, and in threads a producer may hash through the memo. */
	const char *seen = NULL;
	if (in->root) {
		pthread_mutex_lock(&e->memo_lock);
		if (!(seen = sg_stat_cache_marked(e->cache, e->key.data)))
			seen = sg_stat_cache_marked(e->fresh, e->key.data);
		if (seen)
			memcpy(in->hash, seen, SG_SHA256_HEX);
		pthread_mutex_unlock(&e->memo_lock);
	}
	if (seen)
		return;
	/* A content file is opened inside the content folder (base/confine.h):
	 * one that leads out of it is never read, not even to be hashed. */
	struct stat st;
	int fd = in->root ? sg_confine_open(in->root, in->path, &in->link) : -1;
	in->outside = in->root && fd < 0 && errno == EXDEV;
	bool found = in->root ? fd >= 0 && fstat(fd, &st) == 0 : stat(in->path, &st) == 0;
	if (!found || !S_ISREG(st.st_mode)) {
		if (fd >= 0)
			close(fd);
		/* A file that only lists what there is (a customer in the
		 * pipeline) does not fail the output: its loader said why. */
		in->missing = !(in->outside && in->tolerant);
		memset(in->hash, '0', SG_SHA256_HEX - 1);
		in->hash[SG_SHA256_HEX - 1] = '\0';
		return;
	}
	pthread_mutex_lock(&e->memo_lock);
	int rc = S_hash_fd(e, e->key.data, fd, in->path, &st, in->hash);
	pthread_mutex_unlock(&e->memo_lock);
	if (rc != 0)
		in->missing = true;
}

/* Hashes in (S_hash_input()) and makes its manifest line. */
static void S_hash_input_line(sg_engine *e, sg_eng_input *in)
{
	if (in->hashed)
		return;
	S_hash_input(e, in);
	sg_buf line;
	sg_buf_init(&line);
	sg_manifest_input_line(&line, in->name, in->hash);
	in->line_len = line.len;
	in->line = line.data;
}

/* sg_engine_memo()'s function: the loader's files share the inputs' keys,
 * so a sent proposal the loader checked is not read again by the plan. */
static int S_memo_fd(void *ctx, const char *path, int fd, char out[SG_SHA256_HEX])
{
	sg_engine *e = ctx;
	struct stat st;
	if (fstat(fd, &st) != 0) {
		int err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	if (!S_ISREG(st.st_mode))
		return sg_sha256_fd(fd, out);
	char *key = sg_xasprintf("in:%s", path);
	pthread_mutex_lock(&e->memo_lock);
	int rc = S_hash_fd(e, key, fd, path, &st, out);
	int err = errno;
	if (rc == 0) {
		/* Its record now holds this hash, in the cache or, changed
		 * too recently, in fresh (S_hash_fd()). */
		sg_stat_key k;
		sg_stat_key_from(&k, &st);
		if (!sg_stat_cache_mark(e->cache, key, &k))
			(void)sg_stat_cache_mark(e->fresh, key, &k);
	}
	pthread_mutex_unlock(&e->memo_lock);
	free(key);
	errno = err;
	return rc;
}

void sg_engine_memo(sg_engine *e, sg_sha256_memo *out)
{
	out->fd = S_memo_fd;
	out->ctx = e;
}

/* ---------------------------------------------------------------- plan */

static void S_fail_from_content(sg_engine *e, sg_target *t, const sg_eng_input *in)
{
	t->status = SG_STATUS_FAILED;
	/* The loader's messages are printed once, with the others; the report
	 * shows them again for this output. */
	const sg_diags *d = e->content_diags;
	for (size_t i = 0; d && i < d->count; i++) {
		const sg_diag *it = &d->items[i];
		if (it->path && strcmp(it->path, in->path) == 0 && it->severity != SG_NOTE)
			sg_diag_add(&t->diags, it->severity, sg_pos_make(it->path, it->line, it->col),
				    "%s", it->message);
	}
	if (t->diags.count == 0)
		sg_error(&t->diags, sg_pos_make(in->path, 0, 0), "has errors");
}

/* Hashes t's inputs. Returns false after failing t when one of them has an
 * error the content loader found, or cannot be read. */
static bool S_inputs_ok(sg_engine *e, sg_target *t)
{
	for (size_t i = 0; i < t->input_count; i++) {
		sg_eng_input *in = &e->inputs[t->inputs[i]];
		S_hash_input_line(e, in);
		if (in->has_error) {
			S_fail_from_content(e, t, in);
			return false;
		}
		if (in->missing) {
			t->status = SG_STATUS_FAILED;
			if (in->outside)
				sg_confine_error(&t->diags, sg_pos_make(in->path, 0, 0), NULL,
						 SG_CONFINE_CONTENT, in->link);
			else
				sg_error(&t->diags, sg_pos_make(in->path, 0, 0),
					 "cannot read this input of %s", t->path);
			return false;
		}
	}
	return true;
}

/* ---------------------------------------------------------------- outputs' stats */

/* The outputs' stats, taken in a thread of their own while the plan hashes
 * and compares the inputs of the targets before them: a stat per output is
 * half of a one-edit build's planning at 10,000 customers (50,421 outputs),
 * and the second core is idle until the workers start. */
typedef struct sg_eng_stats {
	sg_engine *e;
	sg_stat_key *keys;
	unsigned char *found; /* 1: keys[i] is target i's output's stat */
	atomic_size_t done;   /* keys[0, done) are taken */
	atomic_bool stop;     /* the plan is done: the thread stops */
	pthread_t thread;
	bool started;
} sg_eng_stats;

static void *S_stats_run(void *arg)
{
	sg_eng_stats *s = arg;
	sg_engine *e = s->e;
	for (size_t i = 0; i < e->count && !atomic_load_explicit(&s->stop, memory_order_relaxed); i++) {
		const sg_target *t = e->targets[i];
		s->found[i] = S_in_scope(e, t->path, t->kind, t->group) &&
			      sg_outdir_stat(&e->out, t->path, &s->keys[i]) == 0;
		atomic_store_explicit(&s->done, i + 1, memory_order_release);
	}
	return NULL;
}

/* Starts the thread (none for --clean, which compares nothing, nor for a
 * single output); without it each stat is taken when needed. */
static void S_stats_start(sg_eng_stats *s, sg_engine *e)
{
	memset(s, 0, sizeof *s);
	s->e = e;
	atomic_init(&s->done, 0);
	atomic_init(&s->stop, false);
	if (e->o.clean || e->count < 2)
		return;
	s->keys = sg_xmalloc(e->count * sizeof *s->keys);
	s->found = sg_xmalloc(e->count);
	s->started = pthread_create(&s->thread, NULL, S_stats_run, s) == 0;
}

static void S_stats_end(sg_eng_stats *s)
{
	/* A thread the plan overtook (a busy machine) stops where it is. */
	atomic_store_explicit(&s->stop, true, memory_order_relaxed);
	if (s->started)
		pthread_join(s->thread, NULL);
	free(s->keys);
	free(s->found);
}

/* The stat of target i's output t: the thread's when it got that far, else
 * taken here (never waited for: on a busy machine the thread may not run
 * at all). Returns 0, or -1 when it is missing or not a plain file. */
static int S_output_stat(sg_engine *e, size_t i, const sg_target *t, sg_stat_key *k)
{
	sg_eng_stats *s = e->stats;
	if (s && s->started && atomic_load_explicit(&s->done, memory_order_acquire) > i) {
		*k = s->keys[i];
		return s->found[i] ? 0 : -1;
	}
	return sg_outdir_stat(&e->out, t->path, k);
}

/* The SHA-256 of target i's output t as it is on disk (the stat cache's
 * when the file did not change since). False when it is missing or cannot
 * be read. */
static bool S_output_hash(sg_engine *e, size_t i, const sg_target *t, char hash[SG_SHA256_HEX])
{
	const char *path = t->path;
	sg_stat_key k;
	if (S_output_stat(e, i, t, &k) != 0)
		return false;
	S_key(&e->key, "out:", path);
	/* The cache under memo_lock, as in S_hash_input(). */
	pthread_mutex_lock(&e->memo_lock);
	const char *cached = sg_stat_cache_get(e->cache, e->key.data, &k);
	bool found = cached != NULL;
	if (cached)
		memcpy(hash, cached, SG_SHA256_HEX);
	pthread_mutex_unlock(&e->memo_lock);
	if (!found) {
		found = sg_outdir_hash(&e->out, path, hash, &k) == 0;
		pthread_mutex_lock(&e->memo_lock);
		e->hashed++;
		if (found)
			sg_stat_cache_put(e->cache, e->key.data, &k, hash);
		pthread_mutex_unlock(&e->memo_lock);
	}
	return found;
}

/* Whether m's lines, as read, are the lines of t's hashed inputs in name
 * order: then they are its inputs with the same hashes. A memcmp() per
 * input, where looking each up by name in the record was a fifth of a
 * one-edit build's planning. */
static bool S_same_lines(sg_engine *e, const sg_target *t, const sg_manifest_entry *m)
{
	size_t n = t->input_count;
	if (!m->lines || m->input_count != n)
		return false;
	sg_eng_order_inputs(e, t);
	size_t at = 0;
	for (size_t i = 0; i < n; i++) {
		const sg_eng_input *in = &e->inputs[e->by_rank[e->order[i]]];
		if (in->line_len > m->lines_len - at || memcmp(m->lines + at, in->line, in->line_len))
			return false;
		at += in->line_len;
	}
	return at == m->lines_len;
}

/* Why t is built when each of its inputs is in its record m with the same
 * hash, but m has more: "no longer an input: " and the first of m's that t
 * does not name (a theme file left out, a listing that lost a file), kept
 * in t. */
static const char *S_why_removed(sg_engine *e, sg_target *t, const sg_manifest_entry *m)
{
	/* t's inputs marked, not searched for each of m's: the pipeline
	 * report that lost a customer has ten thousand of each. */
	unsigned char *named = sg_xcalloc(e->input_count ? e->input_count : 1, 1);
	for (size_t k = 0; k < t->input_count; k++)
		named[t->inputs[k]] = 1;
	const sg_manifest_input *in = sg_manifest_inputs(m);
	const char *why = "an input was removed";
	for (size_t i = 0; in && i < m->input_count; i++) {
		size_t at = sg_name_index_find(&e->names, in[i].name, sg_eng_input_name, e->inputs);
		if (!at || !named[at - 1]) {
			free(t->why_text);
			t->why_text = sg_xasprintf("no longer an input: %s", in[i].name);
			why = t->why_text;
			break;
		}
	}
	free(named);
	return why;
}

/* Why t, target i, whose inputs are hashed, is to be built, given its
 * record m in the old manifest (NULL: none); NULL when the record says
 * that its inputs and its output are as they were. */
static const char *S_why_build(sg_engine *e, size_t i, sg_target *t, const sg_manifest_entry *m)
{
	if (e->o.clean)
		return "--clean";
	if (!m)
		return "new";
	if (m->input_count == 0)
		return "failed before";
	if (!S_same_lines(e, t, m)) {
		for (size_t k = 0; k < t->input_count; k++) {
			const sg_eng_input *in = &e->inputs[t->inputs[k]];
			const char *h = sg_manifest_input_hash(m, in->name);
			if (!h || strcmp(h, in->hash) != 0)
				return in->name;
		}
		if (m->input_count != t->input_count)
			return S_why_removed(e, t, m);
	}
	char hash[SG_SHA256_HEX];
	if (!S_output_hash(e, i, t, hash))
		return "missing";
	if (strcmp(hash, m->hash) != 0)
		return "changed by hand";
	return NULL;
}

/* Decides whether t, target i, is built; sets t->status and t->why. */
static void S_plan(sg_engine *e, size_t i, sg_target *t, const sg_manifest_entry *rec)
{
	const char *why;
	if (!sg_outdir_path_ok(t->path, &why)) {
		t->status = SG_STATUS_FAILED;
		sg_error(&t->diags, sg_pos_make(t->source ? t->source : t->path, 0, 0),
			 "cannot build %s: %s", t->path, why);
		return;
	}
	if (!S_inputs_ok(e, t))
		return;
	const sg_manifest_entry *m = e->o.clean ? NULL : rec;
	t->why = S_why_build(e, i, t, m);
	if (t->why) {
		t->status = SG_STATUS_BUILT;
	} else {
		t->status = SG_STATUS_UNCHANGED;
		t->bytes = m->size;
	}
}

/* A target's weight (sg_target_weight()): given, else 1 and a unit per
 * file it lists. */
static double S_weight(const sg_target *t)
{
	return t->weight > 0 ? t->weight : 1.0 + (double)t->listed;
}

static int S_build_cmp(const void *a, const void *b)
{
	const sg_target *p = *(sg_target *const *)a, *q = *(sg_target *const *)b;
	double wp = S_weight(p), wq = S_weight(q);
	if (wp != wq)
		return wp > wq ? -1 : 1;
	return strcmp(p->path, q->path);
}

/* The order the jobs start in: heaviest first, then by path (of
 * e->build[from, n); those before started already, heavier still). The
 * pool hands jobs out in this order, so an output that takes as long as
 * hundreds of others (one that lists every customer) starts at once, beside
 * them; last, it would run alone while the other workers sat idle. The
 * results do not depend on it: the manifest and the results are by path. */
static void S_order_build(sg_engine *e, size_t from, size_t n)
{
	if (n > from + 1)
		qsort(e->build + from, n - from, sizeof *e->build, S_build_cmp);
}

/* Tells each target of e->build[from, n) that it is to be built
 * (sg_target_on_build()). */
static void S_on_build(sg_engine *e, size_t from, size_t n)
{
	for (size_t i = from; i < n; i++)
		if (e->build[i]->on_build)
			e->build[i]->on_build(e->build[i]->arg);
}

/* Step 1: each target's record in the old manifest (both sorted by path:
 * walked side by side, not searched) and whether it is selected. Returns
 * the selected targets heavier than an ordinary output (weight above 1:
 * those that list many files), heaviest first (heap), and their number in
 * *nheavy. */
static sg_target **S_select(sg_engine *e, sg_manifest *old, size_t *nheavy)
{
	sg_target **heavy = sg_xmalloc((e->count ? e->count : 1) * sizeof *heavy);
	*nheavy = 0;
	sg_manifest_find(old, "");
	for (size_t i = 0, k = 0; i < e->count; i++) {
		sg_target *t = e->targets[i];
		int c = 1;
		while (k < old->count && (c = strcmp(old->entries[k].path, t->path)) < 0)
			k++;
		t->rec = k < old->count && c == 0 ? &old->entries[k] : NULL;
		t->selected = S_in_scope(e, t->path, t->kind, t->group);
		if (!t->selected)
			t->status = SG_STATUS_SKIPPED;
		else if (S_weight(t) > 1)
			heavy[(*nheavy)++] = t;
	}
	if (*nheavy > 1)
		qsort(heavy, *nheavy, sizeof *heavy, S_build_cmp);
	return heavy;
}

/* Hands e->build[i], planned first, to the pool at once: it is built while
 * the others are planned. Before the outputs' stats thread starts, so that
 * a worker forked now inherits no lock that thread holds. Its on_build may
 * change what the workers forked for the ones before it have: its job goes
 * to a worker forked after it. A job whose target has no on_build reads
 * only what was there when the targets were sorted: any worker runs it. */
static void S_start_early(sg_engine *e, sg_jobs_pool *pool, size_t i)
{
	sg_target *t = e->build[i];
	if (t->on_build) {
		if (e->early)
			sg_jobs_renew(pool);
		t->on_build(t->arg);
	}
	sg_jobs_submit(pool, t->at, !t->on_build);
	e->early = i + 1;
}

/* How many targets are planned between two looks at the workers' results
 * (sg_jobs_poll()): a worker done with one early job takes the next. */
#define S_POLL_EVERY 256

/* Steps 1 and 2: selects and plans every target. The heavy ones first
 * (S_select()): with a pool, each to build is handed to it as soon as it is
 * planned (e->build[0, e->early)), so that the longest outputs start while
 * the other targets are planned, in path order. Returns how many are to be
 * built (e->build: the early ones, then the others by path). */
static size_t S_select_and_plan(sg_engine *e, sg_manifest *old, sg_jobs_pool *pool)
{
	size_t nbuild = 0, nheavy;
	e->build = sg_xcalloc(e->count ? e->count : 1, sizeof *e->build);
	sg_target **heavy = S_select(e, old, &nheavy);
	for (size_t h = 0; h < nheavy; h++) {
		sg_target *t = heavy[h];
		/* No outputs' stats thread yet: its index is not used. */
		S_plan(e, SIZE_MAX, t, t->rec);
		if (t->status == SG_STATUS_BUILT)
			e->build[nbuild++] = t;
		if (pool && t->status == SG_STATUS_BUILT)
			S_start_early(e, pool, nbuild - 1);
	}
	free(heavy);
	sg_eng_stats stats;
	S_stats_start(&stats, e);
	e->stats = &stats;
	for (size_t i = 0; i < e->count; i++) {
		sg_target *t = e->targets[i];
		if (!t->selected || S_weight(t) > 1)
			continue;
		S_plan(e, i, t, t->rec);
		/* The old text before t's record is behind the plan (the heavy
		 * targets' records were read before this walk). */
		if (t->rec && t->rec->lines)
			sg_manifest_release(old, t->rec->lines);
		if (t->status == SG_STATUS_BUILT)
			e->build[nbuild++] = t;
		if (e->early && i % S_POLL_EVERY == 0)
			sg_jobs_poll(pool);
	}
	S_stats_end(&stats);
	e->stats = NULL;
	return nbuild;
}

/* ---------------------------------------------------------------- build */

/* A job is a target's index in e->targets, sorted before any worker is
 * forked: a worker forked while the plan goes on finds there every target,
 * where e->build is filled as the plan goes. */
static void S_job_run(void *ctx, size_t i, sg_job_result *r)
{
	sg_engine *e = ctx;
	sg_target *t = e->targets[i];
	double t0 = sg_eng_now();
	r->d.warnings_are_errors = e->o.strict;
	sg_buf kept, keep;
	sg_buf_init(&kept);
	sg_buf_init(&keep);
	sg_eng_kept_read(e, t, &kept);
	sg_produce p = {
		.path = t->path,
		.kind = t->kind,
		.source = t->source,
		.arg = t->arg,
		.build_date = e->build_date,
		.d = &r->d,
		.kept = kept.data,
		.kept_len = kept.len,
		.keep = t->keeps ? &keep : NULL,
	};
	sg_pos where = sg_pos_make(t->source ? t->source : t->path, 0, 0);
	const char *why;
	int rc;
	sg_buf out;
	sg_buf_init(&out);
	rc = t->fn(&p, &out);
	sg_buf_dispose(&kept);
	if (rc == 0 && sg_diags_errors(&r->d) == 0) {
		if (sg_outdir_write(&e->out, t->path, out.data, out.len, &why) != 0) {
			sg_error(&r->d, sg_pos_make(t->path, 0, 0), "cannot write %s/%s: %s",
				 e->out_dir, t->path, why);
			rc = -1;
		} else {
			sg_sha256_hex(out.data, out.len, r->hash);
			r->bytes = out.len;
			if (sg_outdir_stat(&e->out, t->path, &r->key) != 0)
				memset(&r->key, 0, sizeof r->key);
			sg_eng_kept_write(e, t, &keep);
		}
	}
	sg_buf_dispose(&keep);
	sg_buf_dispose(&out);
	if (rc != 0 && sg_diags_errors(&r->d) == 0)
		sg_error(&r->d, where, "building %s failed", t->path);
	r->ok = rc == 0 && sg_diags_errors(&r->d) == 0;
	r->seconds = sg_eng_now() - t0;
}

static void S_job_budget(void *ctx, size_t i, double *seconds, size_t *bytes)
{
	sg_engine *e = ctx;
	const sg_target *t = e->targets[i];
	*seconds = t->budget_time > 0 ? t->budget_time : e->o.budget_time;
	*bytes = t->budget_memory > 0 ? t->budget_memory : e->o.budget_memory;
	if (*seconds > 0)
		*seconds += (double)t->listed * SG_BUDGET_TIME_PER_LISTED;
	if (*bytes > 0)
		*bytes += t->listed * SG_BUDGET_MEMORY_PER_LISTED;
}

static void S_job_name(void *ctx, size_t i, const char **path, const char **source)
{
	sg_engine *e = ctx;
	*path = e->targets[i]->path;
	*source = e->targets[i]->source;
}

static void S_job_progress(void *ctx, size_t done, size_t total)
{
	sg_engine *e = ctx;
	sg_progress_update(&e->progress, done, total);
}

static bool S_processes(const sg_engine *e)
{
	switch (e->o.mode) {
	case SG_JOBS_THREADS:
		return false;
	case SG_JOBS_PROCESSES:
		return true;
	case SG_JOBS_AUTO:
	default:
		return e->o.budget_time > 0 || e->o.budget_memory > 0;
	}
}

/* What job i brought back, taken as it ends (sg_jobs.done): t's hash for
 * its record and its stat in the cache, or t's failure; and its problems,
 * which t keeps for the report and the messages. */
static void S_job_done(void *ctx, size_t i, sg_job_result *r)
{
	sg_engine *e = ctx;
	sg_target *t = e->targets[i];
	t->seconds = r->seconds;
	if (r->ok) {
		t->bytes = r->bytes;
		if (r->key.ino) {
			char *key = sg_xasprintf("out:%s", t->path);
			/* The other jobs still run: a producer may hash through
			 * the memo (sg_engine_memo()), which puts in the cache. */
			pthread_mutex_lock(&e->memo_lock);
			sg_stat_cache_put(e->cache, key, &r->key, r->hash);
			pthread_mutex_unlock(&e->memo_lock);
			free(key);
		}
		sg_eng_record(t, r->hash);
		sg_eng_store(e, t, r);
	} else {
		t->status = SG_STATUS_FAILED;
	}
	sg_diags_take(&t->diags, &r->d);
}

static sg_jobs S_jobs(sg_engine *e)
{
	return (sg_jobs){
		.jobs = e->o.jobs,
		.processes = S_processes(e),
		.run = S_job_run,
		.budget = S_job_budget,
		.name = S_job_name,
		.progress = S_job_progress,
		.done = S_job_done,
		.ctx = e,
	};
}

/* Step 3: hands e->build[e->early, n) to the pool (the others are in it
 * already), after which before(e) does what does not need the outputs,
 * and takes the results as they end (S_job_done()). */
static void S_build(sg_engine *e, sg_jobs_pool *pool, size_t n, void (*before)(sg_engine *),
		    sg_diags *d)
{
	/* Workers forked before the on_build calls of the targets planned
	 * since have an old copy of what they made: those targets' jobs go to
	 * workers forked from here on. */
	if (e->early && n > e->early)
		sg_jobs_renew(pool);
	for (size_t i = e->early; i < n; i++)
		sg_jobs_submit(pool, e->build[i]->at, !e->build[i]->on_build);
	before(e);
	/* The rate counts from here: planning is not building. */
	sg_progress_start(&e->progress, stderr, e->o.progress_tty, e->o.verbosity);
	if (sg_jobs_finish(pool) != 0) {
		/* Every job failed, each without a word: say why once. */
		sg_error(d, sg_pos_make(e->out_dir, 0, 0), "cannot start the workers: %s",
			 strerror(errno));
	}
	sg_progress_end(&e->progress);
	sg_eng_stores_end(e);
}

/* ---------------------------------------------------------------- old outputs */

static sg_eng_gone *S_add_gone(sg_engine *e, const sg_manifest_entry *m, sg_target_status st)
{
	if (e->gone_count == e->gone_cap) {
		e->gone_cap = e->gone_cap ? e->gone_cap * 2 : 16;
		e->gone = sg_xrealloc(e->gone, e->gone_cap * sizeof *e->gone);
	}
	sg_eng_gone *g = &e->gone[e->gone_count++];
	g->path = sg_xstrdup(m->path);
	g->kind = sg_xstrdup(m->kind);
	g->group = m->group ? sg_xstrdup(m->group) : NULL;
	g->status = st;
	sg_diags_init(&g->diags);
	g->diags.warnings_are_errors = e->o.strict;
	return g;
}

/* Removes (or keeps) an output whose target is gone. The file is deleted
 * only when its bytes, read now, still have the hash the manifest records:
 * the manifest and the stat cache are files in the output folder that a
 * restored CI cache or a hand can change, and a record alone (or a cached
 * hash for the file's size, time and inode) must never be enough to delete
 * a file salesgen did not write. m is st->old's record at. */
static void S_remove(sg_engine *e, size_t at, const sg_manifest_entry *m)
{
	sg_stat_key k;
	if (sg_outdir_stat(&e->out, m->path, &k) != 0)
		return; /* already gone: forget it */
	char hash[SG_SHA256_HEX];
	if (sg_outdir_hash(&e->out, m->path, hash, &k) != 0 || strcmp(hash, m->hash) != 0) {
		sg_eng_gone *g = S_add_gone(e, m, SG_STATUS_KEPT);
		char *shown = sg_path_join(e->out_dir, m->path);
		sg_warning(&g->diags, sg_pos_make(shown, 0, 0),
			   "not removed: salesgen's records name it as an output whose source is "
			   "gone, but its bytes are not what salesgen wrote (changed by hand, or "
			   "the records are not salesgen's)");
		free(shown);
		return;
	}
	if (sg_outdir_remove(&e->out, m->path) != 0) {
		sg_eng_gone *g = S_add_gone(e, m, SG_STATUS_FAILED);
		sg_error(&g->diags, sg_pos_make(m->path, 0, 0), "cannot remove this old output: %s",
			 strerror(errno));
		e->st.keep[at] = SG_ENG_KEEP_BARE;
		return;
	}
	S_add_gone(e, m, SG_STATUS_REMOVED);
}

/* Step 4: the outputs of the old manifest whose target is gone, removed
 * when in this run's scope, else kept in the records (st->keep). The
 * targets are sorted by path, and so is the old manifest once searched.
 * The records of the targets are written from the targets themselves. */
static void S_remove_gone(sg_engine *e, sg_eng_state *st)
{
	sg_manifest *old = &st->old;
	sg_manifest_find(old, "");
	st->keep = sg_xcalloc(old->count ? old->count : 1, 1);
	for (size_t i = 0, k = 0; i < old->count; i++) {
		const sg_manifest_entry *m = &old->entries[i];
		while (k < e->count && strcmp(e->targets[k]->path, m->path) < 0)
			k++;
		if (k < e->count && strcmp(e->targets[k]->path, m->path) == 0)
			continue;
		if (S_in_scope(e, m->path, m->kind, m->group))
			S_remove(e, i, m);
		else
			st->keep[i] = SG_ENG_KEEP_ALL;
	}
}

/* ---------------------------------------------------------------- results */

static int S_row_cmp(const void *a, const void *b)
{
	return strcmp(((const sg_eng_row *)a)->path, ((const sg_eng_row *)b)->path);
}

/* t's problems into d, but for the loader's own messages about t's inputs:
 * content_diags has them already. */
static void S_report_target(const sg_engine *e, const sg_target *t, sg_diags *d)
{
	for (size_t j = 0; j < t->diags.count; j++) {
		const sg_diag *it = &t->diags.items[j];
		bool from_content = false;
		for (size_t k = 0; k < t->input_count && !from_content; k++) {
			const sg_eng_input *in = &e->inputs[t->inputs[k]];
			from_content = in->has_error && it->path && in->path &&
				       strcmp(it->path, in->path) == 0;
		}
		if (!from_content)
			sg_diag_add(d, it->severity, sg_pos_make(it->path, it->line, it->col), "%s",
				    it->message);
	}
}

/* The results (e->rows, sorted by path) and the summary's counts; every
 * problem into d, in the order of the targets and then the gone outputs. */
static void S_results(sg_engine *e, sg_diags *d)
{
	e->rows = sg_xcalloc(e->count + e->gone_count + 1, sizeof *e->rows);
	sg_summary *s = &e->summary;
	for (size_t i = 0; i < e->count; i++) {
		sg_target *t = e->targets[i];
		e->rows[e->row_count++] = (sg_eng_row){t->path, t, NULL};
		S_report_target(e, t, d);
		switch (t->status) {
		case SG_STATUS_BUILT: s->built++; break;
		case SG_STATUS_UNCHANGED: s->unchanged++; break;
		case SG_STATUS_FAILED: s->failed++; break;
		default: s->skipped++; break;
		}
	}
	for (size_t i = 0; i < e->gone_count; i++) {
		sg_eng_gone *g = &e->gone[i];
		e->rows[e->row_count++] = (sg_eng_row){g->path, NULL, g};
		for (size_t j = 0; j < g->diags.count; j++) {
			const sg_diag *it = &g->diags.items[j];
			sg_diag_add(d, it->severity, sg_pos_make(it->path, it->line, it->col), "%s",
				    it->message);
		}
		if (g->status == SG_STATUS_REMOVED)
			s->removed++;
		else if (g->status == SG_STATUS_KEPT)
			s->kept++;
		else
			s->failed++;
	}
	if (e->row_count > 1)
		qsort(e->rows, e->row_count, sizeof *e->rows, S_row_cmp);
}

/* ---------------------------------------------------------------- run */

/* While the jobs run: step 4 and the caller's sg_engine_while_building(). */
static void S_while_building(sg_engine *e)
{
	S_remove_gone(e, &e->st);
	if (e->while_building)
		e->while_building(e->while_arg, e);
}

int sg_engine_run(sg_engine *e, const sg_diags *content_diags, sg_diags *d)
{
	assert(!e->ran);
	e->ran = true;
	double t0 = sg_eng_now();
	e->content_diags = content_diags;
	if (sg_engine_open(e, d) != 0)
		return 2;
	sg_eng_state *st = &e->st;
	S_sort_targets(e);
	S_rank_inputs(e);
	/* The results are taken as the jobs end (S_job_done()), from the
	 * planning on: where the shared cache's stores go is there first. */
	e->stores = sg_eng_stores_new();
	sg_jobs jobs = S_jobs(e);
	sg_jobs_pool *pool = sg_jobs_start(&jobs, e->count);
	/* With a shared cache, what it has is fetched before anything is
	 * built: nothing starts before the plan ends. */
	size_t nbuild = S_select_and_plan(e, &st->old, e->remote ? NULL : pool);
	sg_eng_fetch(e, &nbuild);
	S_order_build(e, e->early, nbuild);
	S_on_build(e, e->early, nbuild);
	S_build(e, pool, nbuild, S_while_building, d);
	sg_eng_write_state(e, st, d);
	S_results(e, d);
	sg_summary *s = &e->summary;
	s->seconds = sg_eng_now() - t0;
	s->jobs = e->o.jobs;
	s->processes = S_processes(e);
	s->hashed = e->hashed;
	return s->failed ? 1 : 0;
}

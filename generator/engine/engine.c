/*
 * engine.c - targets, their inputs, and the results (see engine.h); the
 * plan and the run are in engine_run.c.
 */
#include "engine/engine.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/fs.h"
#include "engine/engine_int.h"

/* ---------------------------------------------------------------- set-up */

static char *S_dup(const char *s)
{
	return s ? sg_xstrdup(s) : NULL;
}

sg_engine *sg_engine_new(const sg_engine_opts *o)
{
	sg_engine *e = sg_xcalloc(1, sizeof *e);
	e->o = *o;
	e->out_dir = S_dup(o->out_dir ? o->out_dir : "output");
	e->content_dir = S_dup(o->content_dir ? o->content_dir : "content");
	e->only = S_dup(o->only);
	e->customer = S_dup(o->customer);
	e->o.out_dir = e->out_dir;
	e->o.content_dir = e->content_dir;
	e->o.only = e->only;
	e->o.customer = e->customer;
	e->cache_url = S_dup(o->cache_url);
	e->cache_header = S_dup(o->cache_header);
	e->o.cache_url = e->cache_url;
	e->o.cache_header = e->cache_header;
	if (e->o.jobs <= 0)
		e->o.jobs = sg_jobs_cores();
	e->build_date = o->build_date;
	snprintf(e->version, sizeof e->version, "salesgen %s", SG_VERSION);
	e->out.fd = e->out.state_fd = e->out.tmp_fd = e->out.lock_fd = -1;
	sg_arena_init(&e->strings);
	e->pool = sg_strpool_new(&e->strings);
	e->cache = sg_stat_cache_new();
	e->fresh = sg_stat_cache_new();
	sg_buf_init(&e->key);
	pthread_mutex_init(&e->memo_lock, NULL);
	sg_manifest_init(&e->st.old);
	return e;
}

void sg_engine_free(sg_engine *e)
{
	if (!e)
		return;
	sg_eng_open_end(e, NULL);
	for (size_t i = 0; i < e->count; i++) {
		sg_target *t = e->targets[i];
		free(t->path);
		free(t->inputs);
		free(t->cache_key);
		free(t->why_text);
		sg_diags_dispose(&t->diags);
		free(t);
	}
	free(e->targets);
	sg_strpool_free(e->pool);
	sg_arena_dispose(&e->strings);
	for (size_t i = 0; i < e->input_count; i++) {
		free(e->inputs[i].name);
		free(e->inputs[i].path);
		free(e->inputs[i].link);
		free(e->inputs[i].value);
		free(e->inputs[i].line);
	}
	free(e->inputs);
	free(e->by_rank);
	free(e->order);
	sg_name_index_dispose(&e->names);
	for (size_t i = 0; i < e->gone_count; i++) {
		free((char *)e->gone[i].path);
		free((char *)e->gone[i].kind);
		free((char *)e->gone[i].group);
		sg_diags_dispose(&e->gone[i].diags);
	}
	free(e->gone);
	free(e->rows);
	free(e->result_names);
	free(e->build);
	sg_stat_cache_free(e->cache);
	sg_stat_cache_free(e->fresh);
	sg_buf_dispose(&e->key);
	sg_remote_cache_free(e->remote);
	free(e->cache_url);
	free(e->cache_header);
	sg_manifest_dispose(&e->st.old);
	free(e->st.base);
	free(e->st.keep);
	free(e->st.manifest_path);
	pthread_mutex_destroy(&e->memo_lock);
	sg_outdir_close(&e->out);
	free(e->out_dir);
	free(e->content_dir);
	free(e->only);
	free(e->customer);
	free(e);
}

sg_date sg_engine_build_date(const sg_engine *e)
{
	return e->build_date;
}

/* ---------------------------------------------------------------- targets */

static sg_eng_input *S_intern(sg_engine *e, sg_target *t, const char *name, bool *fresh);

/* A packed copy of s (NULL: NULL), or *last when that is s; *last is then
 * the copy. A group or source is that of the target before it or new: a
 * table of them would cost more than the copies it saves. */
static const char *S_packed(sg_engine *e, const char *s, const char **last)
{
	if (!s)
		return NULL;
	if (!*last || strcmp(*last, s) != 0)
		*last = sg_strpool_copy(e->pool, s, strlen(s));
	return *last;
}

static sg_target *S_add(sg_engine *e, const char *kind, const char *path)
{
	sg_target *t = sg_xcalloc(1, sizeof *t);
	t->engine = e;
	t->kind = sg_strpool_intern(e->pool, kind, strlen(kind));
	t->path = sg_xstrdup(path);
	sg_diags_init(&t->diags);
	t->diags.warnings_are_errors = e->o.strict;
	if (e->count == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 64;
		e->targets = sg_xrealloc(e->targets, e->cap * sizeof *e->targets);
	}
	e->targets[e->count++] = t;
	/* Every output depends on the program that made it: its version, and
	 * its own bytes, so a rebuilt salesgen rebuilds everything. */
	sg_target_input_value(t, ":salesgen-version", e->version, strlen(e->version));
	if (e->exe_readable == 0)
		e->exe_readable = access("/proc/self/exe", R_OK) == 0 ? 1 : -1;
	if (e->exe_readable > 0)
		sg_target_input_file(t, ":salesgen-binary", "/proc/self/exe");
	return t;
}

sg_target *sg_engine_add(sg_engine *e, const char *kind, const char *path, sg_produce_fn fn,
			 void *arg)
{
	sg_target *t = S_add(e, kind, path);
	t->fn = fn;
	t->arg = arg;
	return t;
}

void sg_target_group(sg_target *t, const char *group)
{
	t->group = S_packed(t->engine, group, &t->engine->last_group);
}

void sg_target_source(sg_target *t, const char *path)
{
	t->source = S_packed(t->engine, path, &t->engine->last_source);
}

void sg_target_budget(sg_target *t, double seconds, size_t bytes)
{
	t->budget_time = seconds;
	t->budget_memory = bytes;
}

void sg_target_keeps(sg_target *t)
{
	t->keeps = true;
}

void sg_target_weight(sg_target *t, double weight)
{
	t->weight = weight > 0 ? weight : 0;
}

void sg_engine_while_building(sg_engine *e, void (*fn)(void *arg, sg_engine *e), void *arg)
{
	e->while_building = fn;
	e->while_arg = arg;
}

void sg_target_on_build(sg_target *t, void (*fn)(void *arg))
{
	t->on_build = fn;
}

const char *sg_eng_input_name(const void *items, size_t i)
{
	return ((const sg_eng_input *)items)[i].name;
}

/* The input called name, added (empty) when *fresh, and named by t. Engines
 * are built by one thread, so no lock. */
static sg_eng_input *S_intern(sg_engine *e, sg_target *t, const char *name, bool *fresh)
{
	size_t *slot =
		sg_name_index_slot(&e->names, name, e->input_count, sg_eng_input_name, e->inputs);
	*fresh = !*slot;
	if (*fresh) {
		if (e->input_count == e->input_cap) {
			e->input_cap = e->input_cap ? e->input_cap * 2 : 64;
			e->inputs = sg_xrealloc(e->inputs, e->input_cap * sizeof *e->inputs);
		}
		sg_eng_input *in = &e->inputs[e->input_count];
		memset(in, 0, sizeof *in);
		in->name = sg_xstrdup(name);
		*slot = ++e->input_count;
	}
	size_t idx = *slot - 1;
	/* The same input given twice is dropped before planning
	 * (sg_engine_run): a search here would be quadratic for the targets
	 * with an input per customer. */
	if (t->input_count == t->input_cap) {
		t->input_cap = t->input_cap ? t->input_cap * 2 : 4;
		t->inputs = sg_xrealloc(t->inputs, t->input_cap * sizeof *t->inputs);
	}
	t->inputs[t->input_count++] = (uint32_t)idx;
	return &e->inputs[idx];
}

void sg_target_input_file(sg_target *t, const char *name, const char *path)
{
	bool fresh;
	sg_eng_input *in = S_intern(t->engine, t, name, &fresh);
	if (fresh)
		in->path = sg_xstrdup(path);
}

void sg_target_input_content(sg_target *t, const char *rel)
{
	sg_engine *e = t->engine;
	bool fresh;
	sg_eng_input *in = S_intern(e, t, rel, &fresh);
	if (fresh) {
		in->path = sg_path_join(e->content_dir, rel);
		in->root = e->content_dir;
	}
}

void sg_target_input_listed(sg_target *t, const char *rel)
{
	sg_engine *e = t->engine;
	size_t n = strlen(rel) + 6;
	char *name = sg_xmalloc(n);
	snprintf(name, n, "list:%s", rel);
	t->listed++;
	bool fresh;
	sg_eng_input *in = S_intern(e, t, name, &fresh);
	if (fresh) {
		in->path = sg_path_join(e->content_dir, rel);
		in->root = e->content_dir;
		in->tolerant = true;
	}
	free(name);
}

void sg_target_input_value(sg_target *t, const char *name, const void *data, size_t len)
{
	bool fresh;
	sg_eng_input *in = S_intern(t->engine, t, name, &fresh);
	if (fresh) {
		in->value = sg_xmalloc(len ? len : 1);
		memcpy(in->value, data, len);
		in->value_len = len;
	}
}

void sg_target_input_build_date(sg_target *t)
{
	sg_engine *e = t->engine;
	char iso[16] = "none";
	if (sg_date_is_set(e->build_date))
		sg_date_iso(e->build_date, iso);
	sg_target_input_value(t, ":build-date", iso, strlen(iso));
}

/* ---------------------------------------------------------------- results */

const char *sg_target_status_name(sg_target_status s)
{
	static const char *const names[] = {
		[SG_STATUS_SKIPPED] = "skipped", [SG_STATUS_UNCHANGED] = "unchanged",
		[SG_STATUS_BUILT] = "built",     [SG_STATUS_FAILED] = "failed",
		[SG_STATUS_REMOVED] = "removed", [SG_STATUS_KEPT] = "kept",
	};
	return (unsigned)s < sizeof names / sizeof *names ? names[s] : "?";
}

size_t sg_engine_result_count(const sg_engine *e)
{
	return e->row_count;
}

void sg_engine_result(const sg_engine *e, size_t i, sg_result *out)
{
	memset(out, 0, sizeof *out);
	const sg_eng_row *row = &e->rows[i];
	if (row->g) {
		out->path = row->g->path;
		out->kind = row->g->kind;
		out->group = row->g->group;
		out->status = row->g->status;
		out->diags = &row->g->diags;
		return;
	}
	sg_target *t = row->t;
	/* The engine is the caller's, const; the names are scratch. */
	sg_engine *w = (sg_engine *)e;
	if (t->input_count > w->result_names_cap) {
		w->result_names_cap = t->input_count;
		w->result_names = sg_xrealloc(w->result_names, t->input_count * sizeof *w->result_names);
	}
	for (size_t k = 0; k < t->input_count; k++)
		w->result_names[k] = e->inputs[t->inputs[k]].name;
	out->path = t->path;
	out->kind = t->kind;
	out->group = t->group;
	out->status = t->status;
	out->inputs = w->result_names;
	out->input_count = t->input_count;
	out->seconds = t->seconds;
	out->bytes = (size_t)t->bytes;
	out->diags = &t->diags;
	out->why = t->status == SG_STATUS_BUILT ? t->why : NULL;
	out->cache = t->status == SG_STATUS_BUILT ? t->cache : NULL;
}

void sg_engine_summary(const sg_engine *e, sg_summary *out)
{
	*out = e->summary;
}

void sg_engine_count(sg_engine *e, const char *name, size_t n)
{
	sg_summary *s = &e->summary;
	for (size_t i = 0; i < s->count_count; i++) {
		if (strcmp(s->counts[i].name, name) == 0) {
			s->counts[i].n = n;
			return;
		}
	}
	if (s->count_count < SG_SUMMARY_COUNTS)
		s->counts[s->count_count++] = (sg_summary_count){name, n};
}

double sg_eng_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The value of a hex digit (of a SHA-256 the engine made: lowercase). */
static unsigned S_hexval(char c)
{
	return c <= '9' ? (unsigned)(c - '0') : (unsigned)(c - 'a' + 10);
}

/* t was built (or taken from the shared cache) with the bytes of SHA-256
 * hash (hex): its record in the next manifest (sg_eng_write_state()). */
void sg_eng_record(sg_target *t, const char *hash)
{
	for (size_t i = 0; i < SG_SHA256_LEN; i++)
		t->hash[i] = (uint8_t)(S_hexval(hash[2 * i]) << 4 | S_hexval(hash[2 * i + 1]));
}

/*
 * engine_state.c - the engine's files in OUT/.salesgen (see engine.h and
 * manifest.h): the manifest and its changes, the stat cache, and the
 * callers' own records; read before and during the run, written at its end;
 * and the opening of the output folder that reads them (sg_engine_open(),
 * or in a thread of its own from sg_engine_open_begin()).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/fs.h"
#include "engine/engine_int.h"

/* Reads OUT/.salesgen/name into text, before the run: read only, and
 * through no symbolic link (the output folder is not checked yet: the run
 * does it, so nothing may be written here). Returns 0, or -1 when there is
 * no such plain file or it cannot be read. */
static int S_state_peek(const sg_engine *e, const char *name, sg_buf *text)
{
	sg_buf_clear(text);
	int dir = open(e->out_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dir < 0)
		return -1;
	int state = openat(dir, SG_STATE_DIR, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	close(dir);
	if (state < 0)
		return -1;
	int fd = openat(state, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	close(state);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	int rc = sg_outdir_read_fd(fd, text);
	close(fd);
	return rc;
}

void sg_engine_preload(sg_engine *e)
{
	if (e->o.clean || e->open_rc != 0 || e->preloaded)
		return;
	char name[48];
	sg_shard_file(e->o.shard, "cache", name, sizeof name);
	sg_buf text;
	sg_buf_init(&text);
	if (S_state_peek(e, name, &text) == 0) {
		pthread_mutex_lock(&e->memo_lock);
		sg_stat_cache_parse(e->cache, text.data, text.len);
		e->preloaded = true;
		pthread_mutex_unlock(&e->memo_lock);
	}
	sg_buf_dispose(&text);
}

/* A caller's state file: "x-" and a name of letters, digits and '-', so
 * that it can be none of the engine's own, and the shard's ending, so that
 * shards building into one folder write none of the same files. out holds
 * 48 bytes. */
static bool S_caller_name(const sg_engine *e, const char *name, char *out)
{
	size_t n = strlen(name);
	if (n == 0 || n > 16)
		return false;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return false;
	char prefix[24];
	snprintf(prefix, sizeof prefix, "x-%s", name);
	sg_shard_file(e->o.shard, prefix, out, 48);
	return true;
}

int sg_engine_state_load(sg_engine *e, const char *name, sg_buf *out)
{
	char file[48];
	sg_buf_clear(out);
	if (e->o.clean || !S_caller_name(e, name, file))
		return -1;
	return S_state_peek(e, file, out);
}

int sg_engine_state_save(sg_engine *e, const char *name, const void *data, size_t len)
{
	char file[48];
	if (e->opening || e->open_rc <= 0 || !S_caller_name(e, name, file)) {
		errno = EINVAL;
		return -1;
	}
	return sg_outdir_state_write(&e->out, file, data, len);
}

int sg_engine_state_stream(sg_engine *e, const char *name,
			   int (*fill)(void *arg, sg_sink_fn put, void *sink), void *arg)
{
	char file[48];
	if (e->opening || e->open_rc <= 0 || !S_caller_name(e, name, file)) {
		errno = EINVAL;
		return -1;
	}
	return sg_outdir_state_stream(&e->out, file, fill, arg);
}

/* The file that keeps what t's producer keeps: "k-" and 16 hex digits of
 * the SHA-256 of its path (a path of any length and spelling names a plain
 * file of the state folder). out holds 48 bytes. */
static void S_kept_name(const sg_target *t, char *out)
{
	char hex[SG_SHA256_HEX];
	sg_sha256_hex(t->path, strlen(t->path), hex);
	snprintf(out, 48, "k-%.16s", hex);
}

void sg_eng_kept_read(const sg_engine *e, const sg_target *t, sg_buf *out)
{
	char name[48];
	sg_buf_clear(out);
	if (!t->keeps || e->o.clean)
		return;
	S_kept_name(t, name);
	if (sg_outdir_state_read(&e->out, name, out) != 0)
		sg_buf_clear(out);
}

void sg_eng_kept_write(const sg_engine *e, const sg_target *t, const sg_buf *keep)
{
	char name[48];
	if (!t->keeps)
		return;
	S_kept_name(t, name);
	if (keep->len == 0 || sg_outdir_state_write(&e->out, name, keep->data, keep->len) != 0)
		sg_outdir_state_remove(&e->out, name);
}

int sg_engine_state_remove(sg_engine *e, const char *name)
{
	char file[48];
	if (e->opening || e->open_rc <= 0 || !S_caller_name(e, name, file)) {
		errno = EINVAL;
		return -1;
	}
	return sg_outdir_state_remove(&e->out, file);
}

/* ---------------------------------------------------------------- state files */

/* The paths of the manifest file's records, sorted (st->base). */
static void S_base_paths(sg_eng_state *st)
{
	sg_manifest *m = &st->old;
	sg_manifest_find(m, "");
	st->base = sg_xmalloc((m->count ? m->count : 1) * sizeof *st->base);
	for (size_t i = 0; i < m->count; i++)
		st->base[i] = m->entries[i].path;
	st->base_count = m->count;
}

/* Lays the manifest's changes file, if there is one, over st->old. */
static void S_read_changes(sg_engine *e, sg_eng_state *st, sg_diags *d)
{
	sg_buf text;
	sg_buf_init(&text);
	int rr = sg_outdir_state_read(&e->out, st->changes, &text);
	st->had_changes = rr <= 0;
	if (rr <= 0 && st->old.text) {
		char *dir = sg_path_join(e->out_dir, SG_STATE_DIR);
		char *path = sg_path_join(dir, st->changes);
		sg_manifest *c = sg_xmalloc(sizeof *c);
		sg_manifest_init(c);
		if (rr == 0 && sg_manifest_parse_changes(c, &text, path, d) == 0) {
			sg_manifest_overlay(&st->old, c);
		} else {
			/* The manifest alone holds true records: outputs changed
			 * since are built again. */
			sg_warning(d, sg_pos_make(path, 0, 0),
				   "not the changes of a salesgen manifest: ignored");
			sg_manifest_dispose(c);
			free(c);
		}
		free(path);
		free(dir);
	}
	sg_buf_dispose(&text);
}

/* Reads the old manifest into st->old (a file that is not a manifest is a
 * warning in d, and reads as none) with its changes laid over it and,
 * unless --clean, the stat cache into e->cache. */
void sg_eng_read_state(sg_engine *e, sg_eng_state *st, sg_diags *d)
{
	sg_shard_file(e->o.shard, "manifest", st->manifest, sizeof st->manifest);
	sg_shard_file(e->o.shard, "manifest-changes", st->changes, sizeof st->changes);
	sg_shard_file(e->o.shard, "cache", st->cache, sizeof st->cache);
	char *dir = sg_path_join(e->out_dir, SG_STATE_DIR);
	st->manifest_path = sg_path_join(dir, st->manifest);
	free(dir);
	/* Mapped, not read (sg_manifest_parse_mapped()): its pages leave the
	 * resident set behind the walks that read it (sg_manifest_release()). */
	const char *map;
	size_t map_len;
	int rr = sg_outdir_state_map(&e->out, st->manifest, &map, &map_len);
	if (rr < 0 ||
	    (rr == 0 && sg_manifest_parse_mapped(&st->old, map, map_len, st->manifest_path, d) != 0))
		sg_warning(d, sg_pos_make(st->manifest_path, 0, 0),
			   "not a salesgen manifest: every output is rebuilt and none is removed");
	S_base_paths(st);
	S_read_changes(e, st, d);
	sg_buf text;
	sg_buf_init(&text);
	sg_manifest_keep_from_workers(&st->old);
	/* Read already (sg_engine_preload()): parsing it again would put back
	 * the old records of files hashed since. */
	st->cache_read = e->preloaded;
	if (!e->o.clean && !e->preloaded && sg_outdir_state_read(&e->out, st->cache, &text) == 0) {
		sg_stat_cache_parse(e->cache, text.data, text.len);
		st->cache_read = true;
	}
	sg_buf_dispose(&text);
}

/* ---------------------------------------------------------------- the next records */

/* The next manifest's records, made as they are written from what the run
 * holds anyway, in path order: a built output's from its target (path,
 * kind, group, its hash and size, and the lines of its inputs, made once
 * per input when it was hashed), any other target's from its old record
 * (without inputs when it failed, so that it is tried again), and the old
 * records whose target is gone as st->keep says. No copy of the records
 * is made: at 100,000 customers it was some 500,000 records and every
 * input line of the lists of every customer. */
typedef struct S_next {
	sg_engine *e;
	sg_eng_state *st;
	size_t t, k;                   /* the next target and old record */
	const sg_target *built;        /* the record last given: a built target's, */
	const sg_manifest_entry *from; /* or an old record's with its inputs, */
	char hash[SG_SHA256_HEX];      /* or neither (an old record without) */
} S_next;

/* r from the old record m, with its inputs or without. */
static void S_next_old(S_next *w, sg_manifest_rec *r, const sg_manifest_entry *m,
		       bool with_inputs)
{
	*r = (sg_manifest_rec){m->path, m->kind, m->group, m->hash, m->size,
			       m->changed || (!with_inputs && m->input_count)};
	w->from = with_inputs ? m : NULL;
}

static bool S_next_rec(void *arg, sg_manifest_rec *r)
{
	S_next *w = arg;
	const sg_engine *e = w->e;
	sg_manifest *old = &w->st->old;
	w->built = NULL;
	w->from = NULL;
	for (;;) {
		const sg_target *t = w->t < e->count ? e->targets[w->t] : NULL;
		const sg_manifest_entry *m = w->k < old->count ? &old->entries[w->k] : NULL;
		if (!t && !m)
			return false;
		int c = !t ? 1 : !m ? -1 : strcmp(t->path, m->path);
		/* The text before m is behind the walk. */
		if (c >= 0 && m->lines)
			sg_manifest_release(old, m->lines);
		if (c > 0) {
			unsigned char keep = w->st->keep ? w->st->keep[w->k] : SG_ENG_KEEP_NONE;
			w->k++;
			if (keep == SG_ENG_KEEP_NONE)
				continue;
			S_next_old(w, r, m, keep == SG_ENG_KEEP_ALL);
			return true;
		}
		w->t++;
		w->k += c == 0;
		if (t->status == SG_STATUS_BUILT) {
			sg_sha256_to_hex(t->hash, w->hash);
			*r = (sg_manifest_rec){t->path, t->kind, t->group, w->hash, t->bytes, true};
			w->built = t;
			return true;
		}
		if (t->rec) {
			S_next_old(w, r, t->rec, t->status != SG_STATUS_FAILED);
			return true;
		}
	}
}

static int S_rank_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

void sg_eng_order_inputs(sg_engine *e, const sg_target *t)
{
	size_t n = t->input_count;
	if (n > e->order_cap) {
		e->order_cap = n;
		e->order = sg_xrealloc(e->order, n * sizeof *e->order);
	}
	for (size_t i = 0; i < n; i++)
		e->order[i] = e->inputs[t->inputs[i]].rank;
	if (n > 1)
		qsort(e->order, n, sizeof *e->order, S_rank_cmp);
}

/* The I lines of the record last given: a built target's inputs' lines in
 * name order (their ranks), or the old record's. */
static void S_next_lines(void *arg, sg_buf *out)
{
	S_next *w = arg;
	sg_engine *e = w->e;
	const sg_target *t = w->built;
	if (w->from)
		sg_manifest_entry_lines(w->from, out);
	if (!t)
		return;
	size_t n = t->input_count;
	sg_eng_order_inputs(e, t);
	for (size_t i = 0; i < n; i++) {
		const sg_eng_input *in = &e->inputs[e->by_rank[e->order[i]]];
		if (in->line)
			sg_buf_put(out, in->line, in->line_len);
		else
			sg_manifest_input_line(out, in->name, in->hash);
	}
}

/* A source of the next records (from the first), w its state. */
static sg_manifest_source S_next_source(sg_engine *e, sg_eng_state *st, S_next *w)
{
	*w = (S_next){.e = e, .st = st};
	return (sg_manifest_source){S_next_rec, S_next_lines, w};
}

/* Whether text is what file (as read: NULL when none) holds. */
static bool S_same_text(const sg_buf *text, const char *file, size_t len)
{
	return file && text->len == len && memcmp(text->data, file, len) == 0;
}

/* A manifest streamed against the text of the file (sg_manifest_stream()):
 * stops at the first byte that differs. */
typedef struct S_cmp {
	const char *text;
	size_t len, at;
	sg_manifest *m; /* whose text it is */
} S_cmp;

static int S_put_cmp(void *sink, const void *data, size_t len)
{
	S_cmp *c = sink;
	if (len > c->len - c->at || memcmp(c->text + c->at, data, len) != 0)
		return -1;
	c->at += len;
	sg_manifest_release(c->m, c->text + c->at);
	return 0;
}

/* Whether the next records' text is what the old manifest's file (NULL:
 * none) holds, without making it whole. */
static bool S_same_stream(sg_engine *e, sg_eng_state *st)
{
	const char *file = st->old.text;
	size_t len = st->old.text_len;
	S_cmp c = {file, len, 0, &st->old};
	S_next w;
	sg_manifest_source src = S_next_source(e, st, &w);
	return file && sg_manifest_stream_source(&src, S_put_cmp, &c) == 0 && c.at == len;
}

static int S_fill_manifest(void *arg, sg_sink_fn put, void *sink)
{
	S_next w;
	sg_manifest_source src = S_next_source(arg, &((sg_engine *)arg)->st, &w);
	return sg_manifest_stream_source(&src, put, sink);
}

static int S_fill_cache(void *arg, sg_sink_fn put, void *sink)
{
	return sg_stat_cache_stream(arg, put, sink);
}

/* Writes the next records whole, when that is not what the manifest file
 * holds, and then removes the changes file. They are compared with the
 * file, then written, as they are made: never held whole (some 5.6 KB a
 * customer in a full build). */
static void S_write_whole(sg_engine *e, sg_eng_state *st, sg_diags *d)
{
	if (!st->had_changes && S_same_stream(e, st))
		return;
	if (sg_outdir_state_stream(&e->out, st->manifest, S_fill_manifest, e) != 0)
		sg_error(d, sg_pos_make(st->manifest_path, 0, 0), "cannot write the manifest: %s",
			 strerror(errno));
	else if (st->had_changes && sg_outdir_state_remove(&e->out, st->changes) != 0)
		sg_error(d, sg_pos_make(st->manifest_path, 0, 0),
			 "cannot remove the manifest's old changes (%s): %s", st->changes,
			 strerror(errno));
}

/* Writes the next records: only their changes from the manifest file (a
 * few records after one edit, where the manifest is tens of megabytes), or,
 * once the changes outgrow a quarter of it, the whole manifest, and then
 * no changes file. Each only when it is not already what its file holds. */
static void S_write_manifest(sg_engine *e, sg_eng_state *st, sg_diags *d)
{
	const sg_manifest *old = &st->old, *changes = old->overlay;
	if (!old->text) {
		S_write_whole(e, st, d);
		return;
	}
	sg_buf text;
	sg_buf_init(&text);
	S_next w;
	sg_manifest_source src = S_next_source(e, st, &w);
	if (!sg_manifest_changes_source(&src, st->base, st->base_count, &text, old->text_len / 4)) {
		sg_buf_dispose(&text);
		S_write_whole(e, st, d);
		return;
	}
	/* No changes file, and no change: the manifest is the records. */
	const char *nl = memchr(text.data, '\n', text.len);
	bool none = nl && (size_t)(nl - text.data) + 1 == text.len;
	bool same = changes ? S_same_text(&text, changes->text, changes->text_len)
			    : !st->had_changes && none;
	if (!same && sg_outdir_state_write(&e->out, st->changes, text.data, text.len) != 0)
		sg_error(d, sg_pos_make(st->manifest_path, 0, 0), "cannot write the manifest: %s",
			 strerror(errno));
	sg_buf_dispose(&text);
}

/* Step 5: writes the new manifest (or its changes) and the stat cache,
 * each only when it changed, and disposes of st. The old manifest goes
 * last: the records kept are its own. */
void sg_eng_write_state(sg_engine *e, sg_eng_state *st, sg_diags *d)
{
	S_write_manifest(e, st, d);
	/* The targets point at their old records: none is read after this. */
	for (size_t i = 0; i < e->count; i++)
		e->targets[i]->rec = NULL;
	sg_manifest_dispose(&st->old);
	free(st->base);
	st->base = NULL;
	free(st->keep);
	st->keep = NULL;
	if (st->cache_read && !sg_stat_cache_changed(e->cache))
		return;
	/* Streamed to the file: not held whole. */
	(void)sg_outdir_state_stream(&e->out, st->cache, S_fill_cache, e->cache);
}

/* ---------------------------------------------------------------- opening */

/* Opens and locks the output folder and reads its state (the manifest and
 * the stat cache), once. */
static void S_open(sg_engine *e, sg_diags *d)
{
	if (e->open_rc == 0) {
		if (sg_outdir_open(&e->out, e->out_dir, e->o.shard, d) != 0) {
			e->open_rc = -1;
		} else {
			e->open_rc = 1;
			if (e->o.cache_url && e->o.cache_url[0])
				e->remote = sg_remote_cache_new(e->o.cache_url, e->o.cache_header);
			pthread_mutex_lock(&e->memo_lock);
			sg_eng_read_state(e, &e->st, d);
			pthread_mutex_unlock(&e->memo_lock);
		}
	}
}

static void *S_opener(void *arg)
{
	sg_engine *e = arg;
	S_open(e, &e->open_d);
	return NULL;
}

void sg_engine_open_begin(sg_engine *e)
{
	if (e->open_rc != 0 || e->opening)
		return;
	sg_diags_init(&e->open_d);
	e->opening = pthread_create(&e->opener, NULL, S_opener, e) == 0;
	if (!e->opening)
		sg_diags_dispose(&e->open_d);
}

void sg_eng_open_end(sg_engine *e, sg_diags *d)
{
	if (!e->opening)
		return;
	pthread_join(e->opener, NULL);
	e->opening = false;
	if (d)
		sg_diags_take(d, &e->open_d);
	sg_diags_dispose(&e->open_d);
}

int sg_engine_open(sg_engine *e, sg_diags *d)
{
	sg_eng_open_end(e, d);
	S_open(e, d);
	return e->open_rc > 0 ? 0 : 2;
}

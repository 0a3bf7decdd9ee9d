/*
 * compare.c - two sides compared (diff.h): customer by customer, then the
 * files outside customers/ traced to what they move.
 */
#include "diff/diff_int.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/fs.h"
#include "base/path.h"

#include <sys/stat.h>

/* ---------------------------------------------------------------- figures */

static const struct {
	const char *key, *label;
	sg_diff_unit unit;
} S_figures[SG_DIFF_FIGURE_COUNT] = {
	[SG_DIFF_SELF_ANNUAL] = {"self_hosted.annual", "self-hosted, a year", SG_DIFF_MONEY},
	[SG_DIFF_SELF_ANNUAL_NO_LABOUR] = {"self_hosted.annual_without_labour",
					   "self-hosted, a year, without labour", SG_DIFF_MONEY},
	[SG_DIFF_SELF_FIVE_YEAR] = {"self_hosted.five_year", "self-hosted, five years",
				    SG_DIFF_MONEY},
	[SG_DIFF_SELF_FIVE_YEAR_NO_LABOUR] = {"self_hosted.five_year_without_labour",
					      "self-hosted, five years, without labour",
					      SG_DIFF_MONEY},
	[SG_DIFF_OFFER_ANNUAL] = {"offer.annual", "offer, a year", SG_DIFF_MONEY},
	[SG_DIFF_DISCOUNT] = {"offer.discount", "discount", SG_DIFF_SHARE},
	[SG_DIFF_ONE_TIME] = {"offer.one_time", "one-time fees", SG_DIFF_MONEY},
	[SG_DIFF_SAVINGS_ANNUAL] = {"savings.annual", "savings, a year", SG_DIFF_MONEY},
	[SG_DIFF_SAVINGS_ANNUAL_NO_LABOUR] = {"savings.annual_without_labour",
					      "savings, a year, without labour", SG_DIFF_MONEY},
	[SG_DIFF_SAVINGS_FIVE_YEAR] = {"savings.five_year", "savings, five years",
				       SG_DIFF_MONEY},
	[SG_DIFF_SAVINGS_FIVE_YEAR_NO_LABOUR] = {"savings.five_year_without_labour",
						 "savings, five years, without labour",
						 SG_DIFF_MONEY},
	[SG_DIFF_PRICE_LINE] = {"offer.price_line", "price-line offer, a year", SG_DIFF_MONEY},
	[SG_DIFF_VALID_UNTIL] = {"offer.valid_until", "valid until", SG_DIFF_DATE},
};

const char *sg_diff_figure_key(sg_diff_figure_id id)
{
	return S_figures[id].key;
}

const char *sg_diff_figure_label(sg_diff_figure_id id)
{
	return S_figures[id].label;
}

sg_diff_unit sg_diff_figure_unit(sg_diff_figure_id id)
{
	return S_figures[id].unit;
}

/* ---------------------------------------------------------------- helpers */

static const char *S_dup(sg_diff *df, const char *s)
{
	return s ? sg_arena_strdup(&df->arena, s) : NULL;
}

static bool S_same_str(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* Copies edits into df's arena, their text with them. */
static sg_sentence_edit *S_edits_copy(sg_diff *df, const sg_sentence_edit *e, size_t n)
{
	if (!n)
		return NULL;
	sg_sentence_edit *out = sg_arena_alloc(&df->arena, n * sizeof *out);
	for (size_t i = 0; i < n; i++)
		out[i] = (sg_sentence_edit){e[i].op, S_dup(df, e[i].text)};
	return out;
}

static const char **S_strs_copy(sg_diff *df, const char *const *v, size_t n)
{
	const char **out = sg_arena_alloc(&df->arena, (n + 1) * sizeof *out);
	for (size_t i = 0; i < n; i++)
		out[i] = S_dup(df, v[i]);
	return out;
}

static sg_diff_approval_side S_approval_copy(sg_diff *df, const sg_diff_approval_side *a)
{
	sg_diff_approval_side c = *a;
	c.need = S_dup(df, a->need);
	c.missing_role = S_dup(df, a->missing_role);
	c.recorded = S_strs_copy(df, a->recorded, a->recorded_count);
	return c;
}

/* Whether two files hold the same bytes; one that cannot be read (too
 * large, not a regular file, gone) differs. */
static bool S_same_file(const char *a, const char *b)
{
	/* A file of a revision linked to the same blob of another (see
	 * diff/revision.c) is the same without reading it. */
	struct stat sa, sb;
	if (stat(a, &sa) == 0 && stat(b, &sb) == 0) {
		if (sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino)
			return true;
		if (S_ISREG(sa.st_mode) && S_ISREG(sb.st_mode) && sa.st_size != sb.st_size)
			return false;
	}
	sg_buf x, y;
	sg_buf_init(&x);
	sg_buf_init(&y);
	sg_diags d;
	sg_diags_init(&d);
	int ra = sg_file_read(a, (size_t)1 << 30, &x, &d);
	int rb = sg_file_read(b, (size_t)1 << 30, &y, &d);
	bool same = ra == 0 && rb == 0 && x.len == y.len && memcmp(x.data, y.data, x.len) == 0;
	sg_diags_dispose(&d);
	sg_buf_dispose(&x);
	sg_buf_dispose(&y);
	return same;
}

static bool S_same_rel(const char *a, const char *b, const char *rel)
{
	char *pa = sg_path_join(a, rel), *pb = sg_path_join(b, rel);
	bool same = S_same_file(pa, pb);
	free(pa);
	free(pb);
	return same;
}

/* ---------------------------------------------------------------- customers */

static int S_cmp_str(const void *a, const void *b);

/* A comparison under way. */
typedef struct S_ctx {
	sg_diff *df;
	const sg_diff_opts *o;
	const char *from_dir, *to_dir;
	sg_diff_side from, to;
	sg_diff_changed changed; /* the files that differ, before loading */
	bool shared_changed;     /* a file every proposal may read changed */
	bool binary_changed;     /* one that is not a text (an image, a PDF) */
	sg_diff_customer *items; /* heap while growing */
	size_t count, cap;
} S_ctx;

/* The figures of f and t that differ, into c. */
static void S_figures_diff(S_ctx *x, sg_diff_customer *c, const sg_diff_view *f,
			   const sg_diff_view *t)
{
	sg_diff_figure tmp[SG_DIFF_FIGURE_COUNT];
	size_t n = 0;
	for (int i = 0; i < SG_DIFF_FIGURE_COUNT; i++) {
		sg_diff_value a = f->fig[i], b = t->fig[i];
		if (a.set != b.set || (a.set && a.v != b.v))
			tmp[n++] = (sg_diff_figure){(sg_diff_figure_id)i, a, b};
	}
	c->figure_count = n;
	c->figures = n ? sg_arena_alloc(&x->df->arena, n * sizeof *c->figures) : NULL;
	if (n)
		memcpy(c->figures, tmp, n * sizeof *tmp);
}

static bool S_approval_differs(const sg_diff_approval_side *a, const sg_diff_approval_side *b)
{
	return a->offer != b->offer || !S_same_str(a->need, b->need) ||
	       a->missing != b->missing || !S_same_str(a->missing_role, b->missing_role);
}

/* The outputs of a customer with view v ("costs/ID.json" ...), in heap. */
static size_t S_outputs(const sg_diff_view *v, char *out[3])
{
	size_t n = 0;
	out[n++] = sg_xasprintf("costs/%s.json", v->cu->id);
	if (v->proposal)
		out[n++] = sg_xasprintf("proposals/%s.pdf", v->cu->id);
	out[n++] = sg_xasprintf("reports/review-%s.pdf", v->cu->id);
	return n;
}

/* The outputs of f (NULL: none) that t (NULL: none) lacks, into *list. */
static size_t S_outputs_minus(S_ctx *x, const sg_diff_view *f, const sg_diff_view *t,
			      const char ***list)
{
	char *a[3], *b[3];
	size_t na = f ? S_outputs(f, a) : 0, nb = t ? S_outputs(t, b) : 0, n = 0;
	*list = sg_arena_alloc(&x->df->arena, 4 * sizeof **list);
	for (size_t i = 0; i < na; i++) {
		bool kept = false;
		for (size_t j = 0; j < nb; j++)
			kept = kept || strcmp(a[i], b[j]) == 0;
		if (!kept)
			(*list)[n++] = S_dup(x->df, a[i]);
	}
	for (size_t i = 0; i < na; i++)
		free(a[i]);
	for (size_t j = 0; j < nb; j++)
		free(b[j]);
	return n;
}

/* The proposal's words: the sentences f's lacks and t's adds. */
static void S_text_diff(S_ctx *x, sg_diff_customer *c, const sg_diff_view *f,
			const sg_diff_view *t)
{
	c->template_from = f && f->proposal ? S_dup(x->df, f->tpl) : NULL;
	c->template_to = t && t->proposal ? S_dup(x->df, t->tpl) : NULL;
	const sg_diff_view *bad = f && f->text_error ? f : t && t->text_error ? t : NULL;
	if (bad) {
		c->text_error = S_dup(x->df, bad->text_error);
		return;
	}
	sg_arena tmp;
	sg_arena_init(&tmp);
	sg_sentence_edit *e;
	size_t n = sg_sentences_diff(f ? f->text : NULL, f ? f->text_count : 0,
				     t ? t->text : NULL, t ? t->text_count : 0, &tmp, &e);
	c->text = S_edits_copy(x->df, e, n);
	c->text_count = n;
	sg_arena_dispose(&tmp);
}

/* The old side's record of the proposal t->sent names: the same number
 * and the same file (by its SHA-256), else NULL. */
static const sg_sent *S_sent_before(const sg_diff_view *f, const sg_sent *s)
{
	for (size_t k = 0; f && k < f->cu->sent_count; k++) {
		const sg_sent *o = &f->cu->sent[k];
		if (S_same_str(o->number, s->number) && S_same_str(o->sha256, s->sha256) && o->file)
			return o;
	}
	return NULL;
}

/* The words of the proposal of cu on side sd as of day, in sentences in
 * a; -1 when it cannot be made. */
static long S_text_on(const sg_diff_side *sd, const sg_customer *cu, sg_date day, sg_arena *a,
		      const char ***out)
{
	const char *why;
	return cu ? sg_diff_side_text(sd, cu, day, a, out, &why) : -1;
}

/* Whether the new content would make the sent proposal s of t otherwise
 * than the old one made it (*edits, in tmp, then the words that differ).
 * Making a PDF takes far longer than its words, so the words decide when
 * they can: the same words and no other file a PDF reads changed (an
 * image) make the same PDF. Returns 1 differs, 0 the same, and -1 when it
 * differed before this change too (not this change's doing). */
static int S_sent_moved(S_ctx *x, const sg_diff_view *f, const sg_diff_view *t,
			const sg_sent *before, sg_arena *tmp, sg_sentence_edit **edits,
			size_t *nedits)
{
	const sg_sent *s = t->sent;
	const char **a = NULL, **b = NULL;
	long na = before ? S_text_on(&x->from, f->cu, s->date, tmp, &a) : -1;
	long nb = S_text_on(&x->to, t->cu, s->date, tmp, &b);
	*nedits = 0;
	if (na >= 0 && nb >= 0)
		*nedits = sg_sentences_diff(a, (size_t)na, b, (size_t)nb, tmp, edits);
	if (na >= 0 && nb >= 0 && !*nedits && !x->binary_changed)
		return 0;
	void *arg = x->o->sent_arg;
	if (before && x->o->sent_same(arg, x->from.c, f->cu, before) != 1)
		return -1;
	if (before && na >= 0 && nb >= 0 && *nedits)
		return 1; /* other words than the very file sent */
	return x->o->sent_same(arg, x->to.c, t->cu, s) != 1;
}

/* A sent proposal of t that the new content would make otherwise than it
 * went out, when the old content made it as sent (or did not record it):
 * what this change does to it, not what an earlier one did. When the old
 * content makes the very file sent, its words are what was sent, and the
 * diff is from them. */
static void S_sent(S_ctx *x, sg_diff_customer *c, const sg_diff_view *f, const sg_diff_view *t)
{
	const sg_sent *s = t->sent;
	if (!s || !x->o->sent_same)
		return;
	const sg_sent *before = S_sent_before(f, s);
	sg_arena tmp;
	sg_arena_init(&tmp);
	sg_sentence_edit *e = NULL;
	size_t n;
	if (S_sent_moved(x, f, t, before, &tmp, &e, &n) == 1) {
		sg_diff_sent *out = sg_arena_alloc(&x->df->arena, sizeof *out);
		out->number = S_dup(x->df, s->number);
		out->date = s->date;
		out->file = S_dup(x->df, s->file);
		out->text_known = before != NULL;
		out->text = before ? S_edits_copy(x->df, e, n) : NULL;
		out->text_count = before ? n : 0;
		c->sent = out;
	}
	sg_arena_dispose(&tmp);
}

static sg_diff_customer *S_push(S_ctx *x)
{
	if (x->count == x->cap) {
		x->cap = x->cap ? 2 * x->cap : 16;
		x->items = sg_xrealloc(x->items, x->cap * sizeof *x->items);
	}
	sg_diff_customer *c = &x->items[x->count++];
	memset(c, 0, sizeof *c);
	return c;
}

/* A customer that loaded on one side only while its file is on both
 * (dir is the other side's folder): not added or removed, but broken
 * there, its outputs neither gained nor lost. Returns whether it is. */
static bool S_broken(S_ctx *x, sg_diff_customer *c, const char *dir)
{
	char *rel = sg_xasprintf("customers/%s.xml", c->id);
	char *path = sg_path_join(dir, rel);
	bool broken = sg_file_exists(path);
	if (broken) {
		c->text_error = sg_arena_printf(&x->df->arena,
						"%s does not load in the %s content (salesgen check "
						"says why)",
						rel, dir == x->from_dir ? "old" : "new");
		c->status = SG_DIFF_BROKEN;
		c->outputs_added = c->outputs_removed = NULL;
	}
	free(path);
	free(rel);
	return broken;
}

/* Compares the views of one customer: f or t NULL when it is only on the
 * other side. Keeps the entry when anything a reader sees changed. */
static void S_customer(S_ctx *x, const sg_diff_view *f, const sg_diff_view *t)
{
	static const sg_diff_view none;
	const sg_diff_view *any = t ? t : f;
	sg_diff_customer *c = S_push(x);
	c->id = S_dup(x->df, any->cu->id);
	c->name = S_dup(x->df, any->cu->name);
	c->status = !f ? SG_DIFF_ADDED : !t ? SG_DIFF_REMOVED : SG_DIFF_CHANGED;
	S_figures_diff(x, c, f ? f : &none, t ? t : &none);
	c->approval_from = S_approval_copy(x->df, f ? &f->ap : &none.ap);
	c->approval_to = S_approval_copy(x->df, t ? &t->ap : &none.ap);
	c->approval_changed = S_approval_differs(&c->approval_from, &c->approval_to);
	if (c->status != SG_DIFF_CHANGED && S_broken(x, c, !f ? x->from_dir : x->to_dir))
		return;
	c->added_count = S_outputs_minus(x, t, f, &c->outputs_added);
	c->removed_count = S_outputs_minus(x, f, t, &c->outputs_removed);
	if (c->status != SG_DIFF_CHANGED)
		return;
	char *rel = sg_xasprintf("customers/%s.xml", c->id);
	c->customer_file_changed =
		x->changed.customer_count &&
		bsearch(&rel, x->changed.customers, x->changed.customer_count,
			sizeof *x->changed.customers, S_cmp_str) != NULL;
	free(rel);
	if (f->proposal && t->proposal && !f->text_skipped && !t->text_skipped)
		S_text_diff(x, c, f, t);
	else
		c->template_from = S_dup(x->df, f->tpl), c->template_to = S_dup(x->df, t->tpl);
	bool changed = c->figure_count || c->approval_changed || c->text_count ||
		       c->added_count || c->removed_count ||
		       !S_same_str(c->template_from, c->template_to) ||
		       (c->text_error && c->customer_file_changed);
	/* A sent proposal can change only with its words, its figures, or a
	 * file every proposal reads (an image, the site): else it is not made
	 * again, which keeps a diff of thousands of customers quick. */
	if (changed || c->customer_file_changed || x->shared_changed)
		S_sent(x, c, f, t);
	if (!changed && !c->sent)
		x->count--;
}

/* ---------------------------------------------------------------- files */

typedef struct S_names {
	char **items;
	size_t count, cap;
} S_names;

static int S_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file under dir/rel (rel "" for dir itself), relative to dir,
 * hidden ones and those of hidden folders left out. */
static void S_walk(const char *dir, const char *rel, S_names *out)
{
	char *path = *rel ? sg_path_join(dir, rel) : sg_xstrdup(dir);
	DIR *d = opendir(path);
	for (struct dirent *e; d && (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		char *r = *rel ? sg_path_join(rel, e->d_name) : sg_xstrdup(e->d_name);
		char *full = sg_path_join(dir, r);
		struct stat st;
		if (lstat(full, &st) == 0 && S_ISDIR(st.st_mode)) {
			S_walk(dir, r, out);
			free(r);
		} else if (lstat(full, &st) == 0 && S_ISREG(st.st_mode)) {
			if (out->count == out->cap) {
				out->cap = out->cap ? 2 * out->cap : 64;
				out->items = sg_xrealloc(out->items, out->cap * sizeof *out->items);
			}
			out->items[out->count++] = r;
		} else {
			free(r);
		}
		free(full);
	}
	if (d)
		closedir(d);
	free(path);
}

static void S_names_dispose(S_names *n)
{
	for (size_t i = 0; i < n->count; i++)
		free(n->items[i]);
	free(n->items);
}

static bool S_prefix(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

/* The slug of a file rel under folder ("proposals/"), with its suffix
 * (".md") cut, in a; NULL when rel is not such a file. */
static const char *S_slug(const char *rel, const char *folder, const char *suffix, sg_arena *a)
{
	size_t fl = strlen(folder), rl = strlen(rel), sl = strlen(suffix);
	if (!S_prefix(rel, folder) || rl <= fl + sl || strcmp(rel + rl - sl, suffix) != 0 ||
	    strchr(rel + fl, '/'))
		return NULL;
	return sg_arena_strndup(a, rel + fl, rl - fl - sl);
}

/* The customers a changed file outside customers/ moves, into f. */
static void S_trace(S_ctx *x, sg_diff_file *f)
{
	sg_diff *df = x->df;
	bool figures = strcmp(f->path, "site.xml") == 0 || strcmp(f->path, "catalog.xml") == 0 ||
		       S_prefix(f->path, "products/");
	const char *tpl = S_slug(f->path, "proposals/", ".md", &df->arena);
	bool cases = S_prefix(f->path, "cases/");
	f->customers = sg_arena_alloc(&df->arena, (x->count + 1) * sizeof *f->customers);
	for (size_t i = 0; i < x->count; i++) {
		const sg_diff_customer *c = &x->items[i];
		if (c->status != SG_DIFF_CHANGED)
			continue;
		bool moved = figures ? c->figure_count || c->approval_changed
			   : tpl ? c->text_count && (S_same_str(tpl, c->template_from) ||
						     S_same_str(tpl, c->template_to))
			   : cases && c->text_count;
		if (moved)
			f->customers[f->customer_count++] = c->id;
	}
	const char *pb = S_slug(f->path, "playbooks/", ".md", &df->arena);
	const char *rep = S_slug(f->path, "reports/", ".md", &df->arena);
	f->outputs = sg_arena_alloc(&df->arena, 2 * sizeof *f->outputs);
	if (pb)
		f->outputs[f->output_count++] = sg_arena_printf(&df->arena, "playbooks/%s.pdf", pb);
	else if (rep && strcmp(rep, "review") == 0)
		f->outputs[f->output_count++] = "reports/review-*.pdf";
	else if (rep)
		f->outputs[f->output_count++] = sg_arena_printf(&df->arena, "reports/%s.pdf", rep);
}

static void S_changed_customer(sg_diff_changed *ch, const char *rel)
{
	ch->customers = sg_xrealloc(ch->customers, (ch->customer_count + 1) * sizeof(char *));
	ch->customers[ch->customer_count++] = sg_xstrdup(rel);
}

/* The files that differ, by path (both lists sorted): those outside
 * customers/ into a heap list df->files is made from once the customers
 * are known, the customers' into x->changed (sorted, as the walk is). */
static size_t S_files(S_ctx *x, sg_diff_file **out)
{
	S_names a = {0}, b = {0};
	S_walk(x->from_dir, "", &a);
	S_walk(x->to_dir, "", &b);
	if (a.count)
		qsort(a.items, a.count, sizeof *a.items, S_cmp_str);
	if (b.count)
		qsort(b.items, b.count, sizeof *b.items, S_cmp_str);
	sg_diff_file *files = sg_xcalloc(a.count + b.count + 1, sizeof *files);
	size_t n = 0, i = 0, j = 0;
	while (i < a.count || j < b.count) {
		int cmp = i == a.count ? 1 : j == b.count ? -1 : strcmp(a.items[i], b.items[j]);
		const char *rel = cmp <= 0 ? a.items[i] : b.items[j];
		sg_diff_file_status st = cmp < 0   ? SG_DIFF_FILE_REMOVED
					 : cmp > 0 ? SG_DIFF_FILE_ADDED
						   : SG_DIFF_FILE_CHANGED;
		bool differs = cmp != 0 || !S_same_rel(x->from_dir, x->to_dir, rel);
		if (differs && !S_prefix(rel, "customers/"))
			files[n++] = (sg_diff_file){.path = S_dup(x->df, rel), .status = st};
		else if (differs)
			S_changed_customer(&x->changed, rel);
		i += cmp <= 0;
		j += cmp >= 0;
	}
	S_names_dispose(&a);
	S_names_dispose(&b);
	*out = files;
	return n;
}

/* Playbooks gained or lost: their PDFs. */
static void S_playbook_outputs(S_ctx *x)
{
	sg_diff *df = x->df;
	df->outputs_added = sg_arena_alloc(&df->arena, (df->file_count + 1) * sizeof(char *));
	df->outputs_removed = sg_arena_alloc(&df->arena, (df->file_count + 1) * sizeof(char *));
	for (size_t i = 0; i < df->file_count; i++) {
		const sg_diff_file *f = &df->files[i];
		const char *pb = S_slug(f->path, "playbooks/", ".md", &df->arena);
		if (!pb || f->status == SG_DIFF_FILE_CHANGED)
			continue;
		const char *out = sg_arena_printf(&df->arena, "playbooks/%s.pdf", pb);
		if (f->status == SG_DIFF_FILE_ADDED)
			df->outputs_added[df->added_count++] = out;
		else
			df->outputs_removed[df->removed_count++] = out;
	}
}

/* Every customer of either side, merged by id (both sorted by id). */
static void S_customers(S_ctx *x)
{
	const sg_content *a = x->from.c, *b = x->to.c;
	size_t i = 0, j = 0, n = 0;
	for (; i < a->customer_count || j < b->customer_count; n++) {
		int cmp = i == a->customer_count   ? 1
			  : j == b->customer_count ? -1
						   : strcmp(a->customers[i]->id, b->customers[j]->id);
		S_customer(x, cmp <= 0 ? &x->from.views[i] : NULL,
			   cmp >= 0 ? &x->to.views[j] : NULL);
		i += cmp <= 0;
		j += cmp >= 0;
	}
	x->df->compared = n;
}

sg_diff *sg_diff_compare(const char *from, const char *to, const sg_diff_opts *o)
{
	sg_diff *df = sg_xcalloc(1, sizeof *df);
	sg_arena_init(&df->arena);
	S_ctx x = {.df = df, .o = o, .from_dir = from, .to_dir = to};
	sg_diff_file *files;
	size_t nfiles = S_files(&x, &files);
	for (size_t i = 0; i < nfiles; i++)
		if (!S_prefix(files[i].path, "playbooks/") && !S_prefix(files[i].path, "reports/"))
			x.shared_changed = true;
	x.changed.shared = x.shared_changed;
	for (size_t i = 0; i < nfiles; i++) {
		const char *dot = strrchr(files[i].path, '.');
		if (!dot || (strcmp(dot, ".md") != 0 && strcmp(dot, ".xml") != 0))
			x.binary_changed = true;
	}
	sg_diff_side_load(&x.from, from, o, &x.changed);
	sg_diff_side_load(&x.to, to, o, &x.changed);
	df->errors_from = sg_diags_errors(&x.from.d);
	df->errors_to = sg_diags_errors(&x.to.d);
	S_customers(&x);
	df->customer_count = x.count;
	df->customers = sg_arena_alloc(&df->arena, (x.count + 1) * sizeof *df->customers);
	if (x.count)
		memcpy(df->customers, x.items, x.count * sizeof *x.items);
	for (size_t i = 0; i < nfiles; i++)
		S_trace(&x, &files[i]);
	df->file_count = nfiles;
	df->files = sg_arena_alloc(&df->arena, (nfiles + 1) * sizeof *df->files);
	if (nfiles)
		memcpy(df->files, files, nfiles * sizeof *files);
	free(files);
	S_playbook_outputs(&x);
	free(x.items);
	sg_diff_side_dispose(&x.from);
	sg_diff_side_dispose(&x.to);
	for (size_t i = 0; i < x.changed.customer_count; i++)
		free(x.changed.customers[i]);
	free(x.changed.customers);
	return df;
}

void sg_diff_free(sg_diff *df)
{
	if (!df)
		return;
	sg_arena_dispose(&df->arena);
	free(df);
}

bool sg_diff_customer_unapproved(const sg_diff_customer *c)
{
	return c->status != SG_DIFF_REMOVED && c->status != SG_DIFF_BROKEN && c->approval_to.missing;
}

size_t sg_diff_unapproved(const sg_diff *df)
{
	size_t n = 0;
	for (size_t i = 0; i < df->customer_count; i++)
		n += sg_diff_customer_unapproved(&df->customers[i]);
	return n;
}

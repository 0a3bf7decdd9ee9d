/*
 * content.c - the whole content folder: load every file, then check what no
 * single file can check on its own.
 *
 * Order matters: the site comes first (its language is the default of every
 * other file, its reps and stages are what customers name), then the catalog
 * and products/, then the customers (each resolved against both), then the
 * Markdown documents. Checks across customers (ids, proposal numbers) and
 * between customers and documents (proposal templates) come last.
 *
 * A customer with any error is reported but left out of c->customers, so that
 * later stages only ever see customers whose references all resolve and whose
 * id is safe to use as an output file name.
 */
#include "model/content.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/confine.h"
#include "base/fs.h"
#include "base/sha256.h"
#include "model/cases.h"
#include "model/catalog.h"
#include "model/customer.h"
#include "model/customer_record.h"
#include "model/doc.h"
#include "model/site.h"

/* What the loader collects before it settles the final, sorted lists. */
typedef struct S_load {
	sg_content *c;
	sg_diags *d;
	const sg_sha256_memo *memo; /* the sent proposals' hashes, or NULL */
	sg_customer_records *records; /* kept between builds, or NULL */
	char **files; /* relative paths, in the arena */
	size_t file_count, file_cap;
	sg_customer **all; /* every customer that parsed, in file order */
	bool *ok;          /* parallel to all: no error so far */
	size_t all_count, all_cap;
} S_load;

/* "dir/rel" in the content's arena, and rel recorded as a file read. */
static const char *S_file(S_load *l, const char *rel)
{
	if (l->file_count == l->file_cap) {
		l->file_cap = l->file_cap ? l->file_cap * 2 : 32;
		l->files = sg_xrealloc(l->files, l->file_cap * sizeof *l->files);
	}
	l->files[l->file_count++] = sg_arena_strdup(&l->c->arena, rel);
	char *full = sg_path_join(l->c->dir, rel);
	const char *p = sg_arena_strdup(&l->c->arena, full);
	free(full);
	return p;
}

/* The names of the files in sub/ that end in suffix, sorted; free with
 * sg_path_list_free(). */
static size_t S_list(const S_load *l, const char *sub, const char *suffix, char ***names)
{
	char *dir = sg_path_join(l->c->dir, sub);
	char **paths;
	size_t n = sg_dir_list(dir, suffix, &paths);
	for (size_t i = 0; i < n; i++) {
		const char *slash = strrchr(paths[i], '/');
		char *rel = sg_path_join(sub, slash ? slash + 1 : paths[i]);
		free(paths[i]);
		paths[i] = rel;
	}
	free(dir);
	*names = paths;
	return n;
}

static bool S_exists(const S_load *l, const char *rel)
{
	char *full = sg_path_join(l->c->dir, rel);
	bool yes = sg_file_exists(full);
	free(full);
	return yes;
}

static const char *const S_doc_dirs[] = {
	[SG_DOC_PLAYBOOK] = "playbooks",
	[SG_DOC_CASE] = "cases",
	[SG_DOC_PROPOSAL] = "proposals",
	[SG_DOC_REPORT] = "reports",
	[SG_DOC_QUOTE] = "quotes",
};
#define S_DOC_KINDS (sizeof S_doc_dirs / sizeof *S_doc_dirs)

/* True when the folder holds nothing salesgen reads. */
static bool S_is_empty(const S_load *l)
{
	if (S_exists(l, "site.xml") || S_exists(l, "catalog.xml"))
		return false;
	static const char *const subs[] = {"products", "customers"};
	char **names;
	for (size_t i = 0; i < 2 + S_DOC_KINDS; i++) {
		const char *sub = i < 2 ? subs[i] : S_doc_dirs[i - 2];
		size_t n = S_list(l, sub, i < 2 ? ".xml" : ".md", &names);
		sg_path_list_free(names, n);
		if (n)
			return false;
	}
	return true;
}

/* ---------------------------------------------------------------- site and catalog */

static void S_load_site(S_load *l)
{
	if (!S_exists(l, "site.xml")) {
		char *p = sg_path_join(l->c->dir, "site.xml");
		sg_error(l->d, sg_pos_make(p, 0, 0),
			 "missing: every content folder needs a site.xml (the vendor, the reps, "
			 "proposal numbers and project stages)");
		free(p);
		return;
	}
	l->c->site = sg_site_load_in(&l->c->arena, l->c->dir, S_file(l, "site.xml"), l->d);
}

static void S_load_catalog(S_load *l, const char *lang)
{
	char **products;
	size_t n = S_list(l, "products", ".xml", &products);
	if (S_exists(l, "catalog.xml")) {
		l->c->catalog = sg_catalog_load_in(&l->c->arena, l->c->dir, S_file(l, "catalog.xml"),
						   lang, l->d);
	} else if (n == 0) {
		char *p = sg_path_join(l->c->dir, "catalog.xml");
		sg_error(l->d, sg_pos_make(p, 0, 0),
			 "missing: the content has no catalog (catalog.xml or products/*.xml with "
			 "the products, prices and approval policy)");
		free(p);
	}
	/* Products are still checked when catalog.xml is missing or broken. */
	if (n && !l->c->catalog) {
		char *p = sg_path_join(l->c->dir, "catalog.xml");
		l->c->catalog = sg_catalog_new(&l->c->arena, sg_arena_strdup(&l->c->arena, p));
		free(p);
	}
	for (size_t i = 0; i < n; i++)
		sg_catalog_add_products_in(l->c->catalog, &l->c->arena, l->c->dir,
					   S_file(l, products[i]), lang, l->d);
	sg_path_list_free(products, n);
}

/* ---------------------------------------------------------------- customers */

static void S_add_customer(S_load *l, sg_customer *cu, bool ok)
{
	if (l->all_count == l->all_cap) {
		l->all_cap = l->all_cap ? l->all_cap * 2 : 16;
		l->all = sg_xrealloc(l->all, l->all_cap * sizeof *l->all);
		l->ok = sg_xrealloc(l->ok, l->all_cap * sizeof *l->ok);
	}
	l->all[l->all_count] = cu;
	l->ok[l->all_count++] = ok;
}

/* A descriptor of the folder sub of the content folder, opened inside it,
 * for its files' sg_confine_open_in(); -1 when it is not a folder there. */
static int S_open_folder(const S_load *l, const char *sub)
{
	char *path = sg_path_join(l->c->dir, sub);
	int fd = sg_confine_open(l->c->dir, path, NULL);
	free(path);
	struct stat st;
	if (fd >= 0 && (fstat(fd, &st) != 0 || !S_ISDIR(st.st_mode))) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* Customers are many and independent: with thousands of them, reading and
 * resolving them is most of a build that has little to do, so that work runs
 * in threads. Each thread owns an arena and one sg_diags per file; the
 * results are then taken in file order, so the model and the messages are the
 * same whatever the number of threads. The site and catalog are read-only by
 * now; libxml2 parses separate documents in separate threads safely. */
typedef struct S_read {
	const char *const *paths; /* full paths, one per file */
	const char *const *rels;  /* the same relative to the content folder */
	const char *lang;
	const sg_content *c;
	const sg_sha256_memo *memo;
	sg_customer_records *records;
	int dir;               /* the customers folder, -1: none (sg_confine_open_in()) */
	size_t n, first, step; /* this thread reads first, first + step, ... */
	sg_customer **cu;      /* per file: NULL when it did not parse */
	bool *clean;
	sg_diags *d;
	sg_arena arena;
	sg_strpool *pool; /* the strings of this thread's customers, once each */
} S_read;

/* The hash of the customer file path (inside the content folder) through
 * the memo: from the build's stat cache when the file did not change. */
static int S_hash(const S_read *r, size_t i, char hex[SG_SHA256_HEX])
{
	const char *path = r->paths[i], *slash = strrchr(r->rels[i], '/');
	int fd = sg_confine_open_in(r->dir, r->c->dir, path, slash ? slash + 1 : r->rels[i], NULL);
	if (fd < 0)
		return -1;
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > SG_CUSTOMER_CAP) {
		close(fd);
		return -1;
	}
	return sg_sha256_memo_fd(r->memo, path, fd, hex);
}

/* Parses file i. The parse leaves much behind in its arena (the path
 * and its copies, strings the converters dropped, arrays rounded up), so
 * a file read without a single message is parsed into a scratch arena and
 * kept as its record gives it back (sg_customer_record_copy()): the same
 * customer, packed, its strings interned in the thread's pool. One with a
 * message is kept as parsed: its messages point into that arena. */
static sg_customer *S_parse(S_read *r, size_t i, bool *clean)
{
	sg_arena scratch;
	sg_arena_init(&scratch);
	sg_customer *cu = sg_customer_read_in(&scratch, r->c->dir, r->paths[i], r->lang, &r->d[i],
					      clean);
	sg_customer *kept = cu && r->d[i].count == 0
				    ? sg_customer_record_copy(cu, &r->arena, r->pool, r->paths[i])
				    : NULL;
	if (kept) {
		sg_arena_dispose(&scratch);
		return kept;
	}
	sg_arena_adopt(&r->arena, &scratch);
	return cu;
}

static void S_read_one(S_read *r, size_t i)
{
	bool clean = true, keyed = false;
	uint8_t key[SG_SHA256_LEN];
	sg_customer *cu = NULL;
	char hex[SG_SHA256_HEX];
	if (r->records && S_hash(r, i, hex) == 0) {
		keyed = true;
		sg_customer_record_key(r->records, r->rels[i], hex, r->lang, key);
		cu = sg_customer_records_get(r->records, i, key, &r->arena, r->pool,
					     r->paths[i]);
	}
	if (!cu) {
		cu = S_parse(r, i, &clean);
		/* Only a file read without a single message is recorded: the
		 * record cannot give the messages again. */
		if (cu && keyed && clean && r->d[i].count == 0)
			sg_customer_records_put(r->records, i, key, cu);
	}
	if (cu && sg_customer_resolve(cu, r->c->site, r->c->catalog, &r->d[i]))
		clean = false;
	r->cu[i] = cu;
	r->clean[i] = clean;
}

static void *S_read_thread(void *arg)
{
	S_read *r = arg;
	for (size_t i = r->first; i < r->n; i += r->step)
		S_read_one(r, i);
	return NULL;
}

/* Below this many customers threads are not worth starting. */
#define S_PARALLEL_MIN 64
#define S_THREADS_MAX 16

static void S_load_customers(S_load *l, const char *lang, int threads)
{
	char **names;
	size_t n = S_list(l, "customers", ".xml", &names);
	const char **paths = sg_xmalloc((n ? n : 1) * sizeof *paths);
	for (size_t i = 0; i < n; i++)
		paths[i] = S_file(l, names[i]);
	if (l->records)
		sg_customer_records_begin(l->records, n);
	sg_customer **cu = sg_xcalloc(n ? n : 1, sizeof *cu);
	bool *clean = sg_xcalloc(n ? n : 1, sizeof *clean);
	sg_diags *d = sg_xcalloc(n ? n : 1, sizeof *d);
	for (size_t i = 0; i < n; i++)
		sg_diags_init(&d[i]);

	if (threads > S_THREADS_MAX)
		threads = S_THREADS_MAX;
	if (threads < 1 || n < S_PARALLEL_MIN)
		threads = 1;
	S_read r[S_THREADS_MAX];
	pthread_t tid[S_THREADS_MAX];
	int started = 0;
	int dir = l->records ? S_open_folder(l, "customers") : -1;
	for (int t = 0; t < threads; t++) {
		r[t] = (S_read){.paths = paths,
				.rels = (const char *const *)names,
				.lang = lang,
				.c = l->c,
				.memo = l->memo,
				.records = l->records,
				.dir = dir,
				.n = n,
				.first = (size_t)t,
				.step = (size_t)threads,
				.cu = cu,
				.clean = clean,
				.d = d};
		sg_arena_init(&r[t].arena);
		r[t].pool = sg_strpool_new(&r[t].arena);
	}
	for (int t = 1; t < threads; t++) {
		if (pthread_create(&tid[t], NULL, S_read_thread, &r[t]) != 0)
			break;
		started = t;
	}
	/* Files of threads that could not start are read here. */
	for (int t = started + 1; t < threads; t++)
		S_read_thread(&r[t]);
	S_read_thread(&r[0]);
	for (int t = 1; t <= started; t++)
		pthread_join(tid[t], NULL);
	if (dir >= 0)
		close(dir);

	/* The old records are all decoded: not held for the length of a build. */
	sg_customer_records_loaded(l->records);
	for (int t = 0; t < threads; t++) {
		sg_strpool_free(r[t].pool);
		sg_arena_adopt(&l->c->arena, &r[t].arena);
	}
	for (size_t i = 0; i < n; i++) {
		sg_diags_take(l->d, &d[i]);
		sg_diags_dispose(&d[i]);
		if (cu[i])
			S_add_customer(l, cu[i], clean[i]);
	}
	free(d);
	free(clean);
	free(cu);
	free(paths);
	sg_path_list_free(names, n);
}

/* Ids and proposal numbers must be unique across customers. The later file
 * (in path order) is the one reported, with a pointer to the earlier one.
 * Sorting by (key, path order) finds them in n log n: with tens of thousands
 * of customers a pairwise walk dominated the whole load. */
typedef struct S_key {
	const char *key;
	size_t i;
} S_key;

static int S_key_cmp(const void *x, const void *y)
{
	const S_key *a = x, *b = y;
	int c = strcmp(a->key, b->key);
	if (c)
		return c;
	return a->i < b->i ? -1 : a->i > b->i;
}

static void S_check_unique_by(S_load *l, bool numbers)
{
	S_key *keys = sg_xmalloc((l->all_count ? l->all_count : 1) * sizeof *keys);
	size_t n = 0;
	for (size_t i = 0; i < l->all_count; i++) {
		const sg_customer *cu = l->all[i];
		const char *k = numbers ? cu->offer.number : cu->id;
		if (k)
			keys[n++] = (S_key){k, i};
	}
	qsort(keys, n, sizeof *keys, S_key_cmp);
	size_t first = 0;
	for (size_t k = 1; k < n; k++) {
		if (strcmp(keys[k].key, keys[first].key) != 0) {
			first = k;
			continue;
		}
		sg_customer *a = l->all[keys[k].i];
		const sg_customer *b = l->all[keys[first].i];
		if (numbers)
			sg_error(l->d, a->offer.number_pos,
				 "duplicate proposal number '%s' (also used by %s:%d)",
				 a->offer.number, b->path, b->offer.number_pos.line);
		else
			sg_error(l->d, a->pos, "duplicate customer id '%s' (also used by %s)", a->id,
				 b->path);
		l->ok[keys[k].i] = false;
	}
	free(keys);
}

static void S_check_unique(S_load *l)
{
	S_check_unique_by(l, false);
	S_check_unique_by(l, true);
}

/* An offer may name its proposal template: proposals/NAME.md must exist. */
static void S_check_templates(S_load *l)
{
	for (size_t i = 0; i < l->all_count; i++) {
		const sg_offer *o = &l->all[i]->offer;
		if (!o->given || !o->template_name)
			continue;
		const char *why;
		if (!sg_id_is_safe(o->template_name, &why)) {
			sg_error(l->d, o->template_pos, "proposal template '%s' is not a safe file name: it %s",
				 o->template_name, why);
			l->ok[i] = false;
			continue;
		}
		char *rel = sg_arena_printf(&l->c->arena, "proposals/%s.md", o->template_name);
		if (!S_exists(l, rel)) {
			sg_error(l->d, o->template_pos, "unknown proposal template '%s' (there is no %s)",
				 o->template_name, rel);
			l->ok[i] = false;
		}
	}
}

/* What the sent record s of cu is, for messages: "quotation" when its
 * number is the current offer's quotation number (the proposal's with
 * "-Q"), else "proposal". */
static const char *S_sent_what(const sg_customer *cu, const sg_sent *s)
{
	const char *n = cu->offer.number;
	size_t len = n ? strlen(n) : 0;
	if (n && s->number && strlen(s->number) == len + 2 && strncmp(s->number, n, len) == 0 &&
	    strcmp(s->number + len, "-Q") == 0)
		return "quotation";
	return "proposal";
}

/* Each sent proposal's PDF is there and still the one sent: a changed byte
 * fails the customer, whose outputs then keep what they were. */
static void S_check_sent(S_load *l)
{
	for (size_t i = 0; i < l->all_count; i++) {
		const sg_customer *cu = l->all[i];
		for (size_t k = 0; k < cu->sent_count; k++) {
			const sg_sent *s = &cu->sent[k];
			if (!s->file || !s->sha256)
				continue;
			char *path = sg_path_join(l->c->dir, s->file);
			const char *doc = S_sent_what(cu, s);
			char hex[SG_SHA256_HEX];
			/* Hashed through the descriptor the confined open checked, so
			 * that what is compared is the file inside the folder. */
			char *link = NULL;
			int fd = sg_confine_open(l->c->dir, path, &link);
			int err = errno;
			struct stat st;
			if (fd >= 0 && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))) {
				close(fd);
				fd = -1;
				err = ENOENT;
			}
			if (fd < 0 && err == EXDEV) {
				char *what = sg_arena_printf(&l->c->arena, "the sent %s %s", doc, path);
				sg_confine_error(l->d, s->file_pos, what, SG_CONFINE_CONTENT, link);
				l->ok[i] = false;
			} else if (fd < 0 && err == ENOENT) {
				sg_error(l->d, s->file_pos,
					 "the sent %s %s is missing: copy the PDF that went to the "
					 "customer there",
					 doc, path);
				l->ok[i] = false;
			} else if (fd < 0 || sg_sha256_memo_fd(l->memo, path, fd, hex) < 0) {
				sg_error(l->d, s->file_pos, "cannot read the sent %s %s: %s", doc, path,
					 strerror(fd < 0 ? err : errno));
				l->ok[i] = false;
			} else if (strcmp(hex, s->sha256) != 0) {
				sg_error(l->d, s->pos,
					 "%s is not the %s that was sent: its SHA-256 is %s, the "
					 "one recorded here %s",
					 path, doc, hex, s->sha256);
				l->ok[i] = false;
			}
			free(link);
			free(path);
		}
	}
}

static int S_customer_cmp(const void *x, const void *y)
{
	const sg_customer *a = *(sg_customer *const *)x, *b = *(sg_customer *const *)y;
	return strcmp(a->id, b->id);
}

/* The customers with no error, sorted by id, into the content's arena. */
static void S_settle_customers(S_load *l)
{
	sg_content *c = l->c;
	c->customers = sg_arena_alloc(&c->arena, (l->all_count ? l->all_count : 1) *
							 sizeof *c->customers);
	for (size_t i = 0; i < l->all_count; i++)
		if (l->ok[i] && l->all[i]->id)
			c->customers[c->customer_count++] = l->all[i];
	qsort(c->customers, c->customer_count, sizeof *c->customers, S_customer_cmp);
}

/* ---------------------------------------------------------------- documents */

static void S_load_docs(S_load *l, const char *lang)
{
	sg_content *c = l->c;
	size_t cap = 16;
	c->docs = sg_xmalloc(cap * sizeof *c->docs);
	for (size_t k = 0; k < S_DOC_KINDS; k++) {
		char **names;
		size_t n = S_list(l, S_doc_dirs[k], ".md", &names);
		for (size_t i = 0; i < n; i++) {
			sg_doc *doc = sg_doc_load_in(&c->arena, c->dir, S_file(l, names[i]),
						     (sg_doc_kind)k, lang, l->d);
			if (!doc)
				continue;
			if (doc->kind == SG_DOC_CASE && sg_case_check(doc, l->d)) {
				sg_doc_dispose(doc);
				continue;
			}
			if (c->doc_count == cap)
				c->docs = sg_xrealloc(c->docs, (cap *= 2) * sizeof *c->docs);
			c->docs[c->doc_count++] = doc;
		}
		sg_path_list_free(names, n);
	}
	/* Move the list into the arena so that sg_content_free() is one call. */
	sg_doc **docs = sg_arena_alloc(&c->arena, (c->doc_count ? c->doc_count : 1) * sizeof *docs);
	memcpy(docs, c->docs, c->doc_count * sizeof *docs);
	free(c->docs);
	c->docs = docs;
}

/* ---------------------------------------------------------------- output names */

/* strcmp with the ASCII letters folded to lower case. */
static int S_fold_cmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		int x = (unsigned char)*a, y = (unsigned char)*b;
		if (x >= 'A' && x <= 'Z')
			x += 'a' - 'A';
		if (y >= 'A' && y <= 'Z')
			y += 'a' - 'A';
		if (x != y || !x)
			return x - y;
	}
}

static int S_fold_sort(const void *x, const void *y)
{
	const char *a = *(char *const *)x, *b = *(char *const *)y;
	int c = S_fold_cmp(a, b);
	return c ? c : strcmp(a, b);
}

/* True when name has no upper-case ASCII letter. */
static bool S_lower(const char *name)
{
	for (; *name; name++)
		if (*name >= 'A' && *name <= 'Z')
			return false;
	return true;
}

/* Files of sub/ whose output names differ only in case (playbooks/
 * Decision-Chain.md and decision-chain.md give playbooks/Decision-Chain.pdf
 * and playbooks/decision-chain.pdf): on a file system that ignores case,
 * as Windows' and macOS's do by default, the two outputs are one file and
 * one would silently replace the other. Of each such group one file is
 * kept, the one in lower case if there is one (else the first by name);
 * each other file gets an error naming it, so its outputs are not built
 * while the kept file's are. */
static void S_check_case(S_load *l, const char *sub, const char *suffix)
{
	char **names;
	size_t n = S_list(l, sub, suffix, &names);
	if (n)
		qsort(names, n, sizeof *names, S_fold_sort);
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && S_fold_cmp(names[i], names[j]) == 0)
			j++;
		size_t keep = i;
		for (size_t k = i; k < j; k++)
			if (S_lower(names[k])) {
				keep = k;
				break;
			}
		char *kept = sg_path_join(l->c->dir, names[keep]);
		for (size_t k = i; k < j; k++) {
			if (k == keep)
				continue;
			char *path = sg_path_join(l->c->dir, names[k]);
			sg_error(l->d, sg_pos_make(path, 0, 0),
				 "its output names differ from those of %s only in case, so on a file "
				 "system that ignores case (Windows, macOS) they would be the same "
				 "files: not built; rename it",
				 kept);
			free(path);
		}
		free(kept);
		i = j;
	}
	sg_path_list_free(names, n);
}

/* Every folder whose file names become output names. (Customer files give
 * outputs only under a safe id, which is lower case: they cannot clash.) */
static void S_check_output_names(S_load *l)
{
	S_check_case(l, "playbooks", ".md");
	S_check_case(l, "cases", ".md");
	S_check_case(l, "images", "");
}

/* ---------------------------------------------------------------- the folder */

static int S_str_cmp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

sg_content *sg_content_load(const char *dir, sg_diags *d)
{
	return sg_content_load_threads(dir, 1, d);
}

sg_content *sg_content_load_threads(const char *dir, int threads, sg_diags *d)
{
	return sg_content_load_memo(dir, threads, NULL, d);
}

sg_content *sg_content_load_memo(const char *dir, int threads, const sg_sha256_memo *memo,
				 sg_diags *d)
{
	return sg_content_load_records(dir, threads, memo, NULL, d);
}

sg_content *sg_content_load_records(const char *dir, int threads, const sg_sha256_memo *memo,
				    sg_customer_records *records, sg_diags *d)
{
	sg_content *c = sg_xcalloc(1, sizeof *c);
	sg_arena_init(&c->arena);
	c->dir = sg_arena_strdup(&c->arena, dir);
	c->customers = sg_arena_alloc(&c->arena, sizeof *c->customers);
	c->docs = sg_arena_alloc(&c->arena, sizeof *c->docs);
	c->files = sg_arena_alloc(&c->arena, sizeof *c->files);
	S_load l = {.c = c, .d = d, .memo = memo, .records = records};

	if (!sg_dir_exists(dir)) {
		sg_error(d, sg_pos_make(c->dir, 0, 0), "content folder not found");
		return c;
	}
	if (S_is_empty(&l)) {
		sg_error(d, sg_pos_make(c->dir, 0, 0),
			 "content folder is empty: expected site.xml, catalog.xml, customers/*.xml "
			 "and Markdown documents");
		return c;
	}

	S_load_site(&l);
	const char *lang = c->site && c->site->lang ? c->site->lang : "zh-CN";
	S_load_catalog(&l, lang);
	S_load_customers(&l, lang, threads);
	S_load_docs(&l, lang);
	S_check_output_names(&l);
	S_check_unique(&l);
	S_check_templates(&l);
	S_check_sent(&l);
	S_settle_customers(&l);

	qsort(l.files, l.file_count, sizeof *l.files, S_str_cmp);
	c->files = sg_arena_alloc(&c->arena, (l.file_count ? l.file_count : 1) * sizeof *c->files);
	memcpy(c->files, l.files, l.file_count * sizeof *c->files);
	c->file_count = l.file_count;
	free(l.files);
	free(l.all);
	free(l.ok);
	return c;
}

void sg_content_free(sg_content *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->doc_count; i++)
		sg_doc_dispose(c->docs[i]);
	sg_arena_dispose(&c->arena);
	free(c);
}

sg_customer *sg_content_customer(const sg_content *c, const char *id)
{
	if (!c || !id)
		return NULL;
	size_t lo = 0, hi = c->customer_count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int cmp = strcmp(c->customers[mid]->id, id);
		if (cmp == 0)
			return c->customers[mid];
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

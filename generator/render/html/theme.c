#include "render/html/theme.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/confine.h"
#include "base/fs.h"
#include "base/resource.h"
#include "load/frontmatter.h"

/* The default theme, compiled in by cmake (sg_embed_tree in CMakeLists.txt). */
extern const sg_resource sg_theme_default_files[];

typedef struct theme_tpl {
	const char *name; /* "layout", "pages/home" */
	sg_template *tpl;
} theme_tpl;

typedef struct theme_strings {
	const char *lang;
	sg_value *map;
} theme_strings;

struct sg_theme {
	sg_arena arena;
	const char *origin;
	sg_theme_file *files; /* every file of the theme, sorted by name */
	size_t file_count;
	sg_theme_file *statics; /* the static/ ones, names without "static/" */
	size_t static_count;
	theme_tpl *tpls;
	size_t tpl_count;
	theme_strings *strings;
	size_t strings_count;
	sg_value *empty;
};

/* ---------------------------------------------------------------- reading */

typedef struct file_list {
	sg_theme_file *items;
	size_t count, cap;
} file_list;

static void S_push(file_list *l, sg_arena *a, const char *name, const char *data, size_t len)
{
	if (l->count == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->items = sg_xrealloc(l->items, l->cap * sizeof *l->items);
	}
	sg_theme_file *f = &l->items[l->count++];
	f->name = sg_arena_strdup(a, name);
	char *copy = sg_arena_alloc(a, len + 1);
	memcpy(copy, data, len);
	f->data = copy;
	f->len = len;
}

/* Reads the file at full, inside the theme folder dir, into body. Returns 1
 * when it was read, 0 when it is to be left out (a folder or something else
 * reached through a link, or a file that leads outside the theme: that one
 * an error counted in *bad), -1 on an error that fails the theme. */
static int S_read(const char *dir, const char *full, sg_buf *body, size_t *bad, sg_diags *d)
{
	sg_pos pos = sg_pos_make(full, 0, 0);
	char *link = NULL;
	int fd = sg_confine_open(dir, full, &link);
	if (fd < 0) {
		if (errno == EXDEV)
			sg_confine_error(d, pos, NULL, SG_CONFINE_THEME, link);
		else
			sg_error(d, pos, "cannot open: %s", strerror(errno));
		free(link);
		(*bad)++;
		return 0;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return 0;
	}
	long long size = -1;
	if (sg_confine_read_fd(fd, SG_THEME_FILE_CAP, body, &size) == 0)
		return 1;
	if (errno == EFBIG)
		sg_error(d, pos, "file is %lld bytes, over the %u-byte limit for theme files", size,
			 SG_THEME_FILE_CAP);
	else
		sg_error(d, pos, "read failed: %s", strerror(errno));
	return -1;
}

/* The names of the entries of dh, hidden ones left out, sorted so that the
 * theme's file order (and the site) never depends on the order the file
 * system lists entries in. An array of *n strings, all on the heap. */
static char **S_names(DIR *dh, size_t *n_out)
{
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(dh)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			names = sg_xrealloc(names, cap * sizeof *names);
		}
		names[n++] = sg_xstrdup(e->d_name);
	}
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			char *t = names[j];
			names[j] = names[j - 1];
			names[j - 1] = t;
		}
	*n_out = n;
	return names;
}

/* Walks dir/rel recursively, adding regular files. Each is read through
 * base/confine.h with the theme's folder as the root: a symbolic link that
 * stays inside the theme is read as the file it points to, and one that
 * leads out is an error at the link, counted in *bad; that file is left
 * out, so only what needs it fails. Folders reached through a link are not
 * walked (one pointing above itself would make the walk endless), and
 * hidden entries are skipped. */
static int S_walk(file_list *l, sg_arena *a, const char *dir, const char *rel, size_t *bad,
		  sg_diags *d)
{
	char *path = rel[0] ? sg_path_join(dir, rel) : sg_xstrdup(dir);
	int fd = sg_confine_open(dir, path, NULL);
	DIR *dh = fd >= 0 ? fdopendir(fd) : NULL;
	if (!dh) {
		if (fd >= 0)
			close(fd);
		sg_error(d, sg_pos_make(sg_arena_strdup(a, path), 0, 0), "cannot read theme folder");
		free(path);
		return -1;
	}
	size_t n;
	char **names = S_names(dh, &n);
	int rc = 0;
	sg_buf body;
	sg_buf_init(&body);
	for (size_t i = 0; i < n && rc == 0; i++) {
		char *sub = rel[0] ? sg_path_join(rel, names[i]) : sg_xstrdup(names[i]);
		char *full = sg_path_join(dir, sub);
		struct stat st;
		if (fstatat(dirfd(dh), names[i], &st, AT_SYMLINK_NOFOLLOW) != 0) {
			/* gone since it was listed */
		} else if (S_ISDIR(st.st_mode)) {
			rc = S_walk(l, a, dir, sub, bad, d);
		} else if (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) {
			int got = S_read(dir, full, &body, bad, d);
			if (got < 0) {
				rc = -1;
			} else if (got > 0 && l->count >= SG_THEME_MAX_FILES) {
				sg_error(d, sg_pos_make(sg_arena_strdup(a, dir), 0, 0),
					 "theme has more than %d files", SG_THEME_MAX_FILES);
				rc = -1;
			} else if (got > 0) {
				S_push(l, a, sub, body.data, body.len);
			}
		}
		free(full);
		free(sub);
	}
	closedir(dh);
	sg_buf_dispose(&body);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(path);
	return rc;
}

/* ---------------------------------------------------------------- lookup */

static const sg_theme_file *S_file(const sg_theme *t, const char *name)
{
	size_t lo = 0, hi = t->file_count;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(t->files[mid].name, name);
		if (c == 0)
			return &t->files[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static bool S_starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool S_ends(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int S_partial(void *ctx, const char *name, sg_buf *text, sg_buf *path, sg_diags *d)
{
	(void)d;
	const sg_theme *t = ctx;
	char *key = sg_xasprintf("partials/%s.html", name);
	const sg_theme_file *f = S_file(t, key);
	if (f) {
		sg_buf_put(text, f->data, f->len);
		sg_buf_printf(path, "%s/%s", t->origin, key);
	}
	free(key);
	return f ? 0 : 1;
}

static int S_compile(sg_theme *t, const sg_theme_file *f, sg_diags *d)
{
	sg_template_opts opts = {
		.mode = SG_TEMPLATE_SPEC,
		.escape = sg_escape_html,
		.partial = S_partial,
		.partial_ctx = t,
		.missing_partial_error = true,
	};
	char *path = sg_arena_printf(&t->arena, "%s/%s", t->origin, f->name);
	sg_template *tpl;
	if (sg_template_compile(&tpl, f->data, f->len, path, &opts, d) != 0)
		return -1;
	theme_tpl *slot = &t->tpls[t->tpl_count++];
	slot->name = sg_arena_strndup(&t->arena, f->name, strlen(f->name) - strlen(".html"));
	slot->tpl = tpl;
	return 0;
}

static int S_strings(sg_theme *t, const sg_theme_file *f, sg_diags *d)
{
	char *path = sg_arena_printf(&t->arena, "%s/%s", t->origin, f->name);
	sg_value *map = sg_frontmatter_parse(&t->arena, f->data, f->len, path, 1, d);
	if (!map)
		return -1;
	const char *base = f->name + strlen("strings/");
	size_t n = strlen(base) - (S_ends(base, ".yaml") ? 5 : 4);
	theme_strings *s = &t->strings[t->strings_count++];
	s->lang = sg_arena_strndup(&t->arena, base, n);
	s->map = map;
	return 0;
}

/* ---------------------------------------------------------------- load */

/* The theme's files, sorted by name, into l: dir's, walked, or the built-in
 * ones when dir is NULL. *bad counts the files left out because they lead
 * outside the theme. Returns -1 after an error in d. */
static int S_gather(sg_theme *t, const char *dir, file_list *l, size_t *bad, sg_diags *d)
{
	if (dir) {
		t->origin = sg_arena_strdup(&t->arena, dir);
		if (!sg_dir_exists(dir)) {
			sg_error(d, sg_pos_make(t->origin, 0, 0), "no such theme folder");
			return -1;
		}
		return S_walk(l, &t->arena, dir, "", bad, d);
	}
	t->origin = "(built-in default theme)";
	for (const sg_resource *r = sg_theme_default_files; r->name; r++)
		S_push(l, &t->arena, r->name, (const char *)r->data, r->len);
	/* The embedded table is in glob order; the walk's order is ours. */
	for (size_t i = 1; i < l->count; i++)
		for (size_t j = i; j > 0 && strcmp(l->items[j - 1].name, l->items[j].name) > 0; j--) {
			sg_theme_file tmp = l->items[j];
			l->items[j] = l->items[j - 1];
			l->items[j - 1] = tmp;
		}
	return 0;
}

/* Each file of t by what it is: layout.html and pages/NAME.html compiled as
 * templates, strings/LANG.yaml parsed, static/ files listed. Returns -1
 * after an error in d (every file is tried). */
static int S_sort_out(sg_theme *t, sg_diags *d)
{
	int rc = 0;
	t->tpls = sg_arena_alloc(&t->arena, (t->file_count + 1) * sizeof *t->tpls);
	t->strings = sg_arena_alloc(&t->arena, (t->file_count + 1) * sizeof *t->strings);
	t->statics = sg_arena_alloc(&t->arena, (t->file_count + 1) * sizeof *t->statics);
	for (size_t i = 0; i < t->file_count; i++) {
		const sg_theme_file *f = &t->files[i];
		if (strcmp(f->name, "layout.html") == 0 ||
		    (S_starts(f->name, "pages/") && S_ends(f->name, ".html") &&
		     !strchr(f->name + 6, '/'))) {
			if (S_compile(t, f, d) != 0)
				rc = -1;
		} else if (S_starts(f->name, "strings/") &&
			   (S_ends(f->name, ".yaml") || S_ends(f->name, ".yml"))) {
			if (S_strings(t, f, d) != 0)
				rc = -1;
		} else if (S_starts(f->name, "static/")) {
			sg_theme_file *s = &t->statics[t->static_count++];
			*s = *f;
			s->name = f->name + strlen("static/");
		}
	}
	return rc;
}

static int S_load(sg_theme **out, const char *dir, bool keep, sg_diags *d)
{
	*out = NULL;
	sg_theme *t = sg_xcalloc(1, sizeof *t);
	sg_arena_init(&t->arena);
	file_list l = {0};
	size_t bad = 0; /* files left out: they lead outside the theme */
	int rc = S_gather(t, dir, &l, &bad, d);
	bool read_ok = rc == 0;
	t->files = sg_arena_alloc(&t->arena, (l.count + 1) * sizeof *t->files);
	if (l.count)
		memcpy(t->files, l.items, l.count * sizeof *t->files);
	t->file_count = l.count;
	free(l.items);
	t->empty = sg_value_map(&t->arena);
	if (rc != 0)
		goto fail;
	rc = S_sort_out(t, d);
	if (rc == 0 && !sg_theme_template(t, "layout")) {
		sg_error(d, sg_pos_make(t->origin, 0, 0), "theme has no layout.html");
		rc = -1;
	}
	if (bad)
		rc = -1;
	if (rc != 0)
		goto fail;
	*out = t;
	return 0;
fail:
	if (keep && read_ok) {
		*out = t;
		return -1;
	}
	sg_theme_free(t);
	return -1;
}

int sg_theme_load(sg_theme **out, const char *dir, sg_diags *d)
{
	return S_load(out, dir, false, d);
}

int sg_theme_load_files(sg_theme **out, const char *dir, sg_diags *d)
{
	return S_load(out, dir, true, d);
}

void sg_theme_free(sg_theme *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->tpl_count; i++)
		sg_template_free(t->tpls[i].tpl);
	sg_arena_dispose(&t->arena);
	free(t);
}

const char *sg_theme_origin(const sg_theme *t)
{
	return t->origin;
}

const sg_template *sg_theme_template(const sg_theme *t, const char *name)
{
	for (size_t i = 0; i < t->tpl_count; i++)
		if (strcmp(t->tpls[i].name, name) == 0)
			return t->tpls[i].tpl;
	return NULL;
}

static const sg_value *S_table(const sg_theme *t, const char *lang)
{
	for (size_t i = 0; lang && i < t->strings_count; i++)
		if (strcmp(t->strings[i].lang, lang) == 0)
			return t->strings[i].map;
	return NULL;
}

const sg_value *sg_theme_strings(const sg_theme *t, const char *lang)
{
	const sg_value *v = S_table(t, lang);
	if (!v)
		v = S_table(t, "en");
	if (!v && t->strings_count)
		v = t->strings[0].map;
	return v ? v : t->empty;
}

const char *sg_theme_string(const sg_theme *t, const char *lang, const char *key)
{
	const sg_value *tables[3] = {S_table(t, lang), S_table(t, "en"),
				     t->strings_count ? t->strings[0].map : NULL};
	for (int i = 0; i < 3; i++) {
		const sg_value *v = tables[i] ? sg_value_path(tables[i], key) : NULL;
		if (v && v->kind == SG_VAL_STR)
			return v->u.str.s;
	}
	return key;
}

size_t sg_theme_source_count(const sg_theme *t)
{
	return t->file_count;
}

const sg_theme_file *sg_theme_source_at(const sg_theme *t, size_t i)
{
	return i < t->file_count ? &t->files[i] : NULL;
}

const sg_theme_file *sg_theme_source(const sg_theme *t, const char *name)
{
	return S_file(t, name);
}

size_t sg_theme_file_count(const sg_theme *t)
{
	return t->static_count;
}

const sg_theme_file *sg_theme_file_at(const sg_theme *t, size_t i)
{
	return i < t->static_count ? &t->statics[i] : NULL;
}

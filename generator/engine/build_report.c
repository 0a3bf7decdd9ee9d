/*
 * build_report.c - progress, summary, JSON and JUnit reports (see
 * build_report.h).
 */
#include "engine/build_report.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/alloc.h"

#include "base/json.h"

static double S_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---------------------------------------------------------------- progress */

void sg_progress_start(sg_progress *p, FILE *out, bool tty, int verbosity)
{
	memset(p, 0, sizeof *p);
	p->out = out;
	p->tty = tty;
	p->verbosity = verbosity;
	p->start = S_now();
}

void sg_progress_update(sg_progress *p, size_t done, size_t total)
{
	if (p->verbosity < 1 || total == 0)
		return;
	double now = S_now();
	if (!p->tty) {
		/* Plain lines for logs: one per tenth, only for builds long enough
		 * to want them, and the same lines for any number of jobs. */
		if (total < 100)
			return;
		int tenth = (int)(done * 10 / total);
		for (; p->milestone < tenth; p->milestone++)
			fprintf(p->out, "salesgen build: %zu/%zu outputs (%d%%)\n",
				total * (size_t)(p->milestone + 1) / 10, total,
				(p->milestone + 1) * 10);
		fflush(p->out);
		return;
	}
	if (p->drawn && now - p->last < 0.1 && done < total)
		return;
	p->last = now;
	double el = now - p->start;
	double rate = el > 0 ? (double)done / el : 0;
	int width = 30;
	int fill = (int)((double)width * (double)done / (double)total);
	char bar[64];
	for (int i = 0; i < width; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[width] = '\0';
	fprintf(p->out, "\r[%s] %zu/%zu  %.1f/s", bar, done, total, rate);
	if (rate > 0 && done < total) {
		long left = (long)((double)(total - done) / rate + 0.5);
		fprintf(p->out, "  %ld:%02ld left ", left / 60, left % 60);
	} else {
		fprintf(p->out, "            ");
	}
	fflush(p->out);
	p->drawn = true;
}

void sg_progress_end(sg_progress *p)
{
	if (p->drawn) {
		fprintf(p->out, "\r%*s\r", 72, "");
		fflush(p->out);
		p->drawn = false;
	}
}

/* ---------------------------------------------------------------- summary */

void sg_build_print_summary(const sg_engine *e, FILE *out, int verbosity)
{
	if (verbosity >= 2) {
		for (size_t i = 0; i < sg_engine_result_count(e); i++) {
			sg_result r;
			sg_engine_result(e, i, &r);
			if (r.status == SG_STATUS_SKIPPED || r.status == SG_STATUS_UNCHANGED)
				continue;
			fprintf(out, "salesgen build: %-9s %s", sg_target_status_name(r.status),
				r.path);
			if (r.why)
				fprintf(out, " (%s)", r.why);
			fputc('\n', out);
		}
	}
	if (verbosity < 1)
		return;
	sg_summary s;
	sg_engine_summary(e, &s);
	if (verbosity >= 2)
		fprintf(out, "salesgen build: %zu file%s hashed (the others' size, time and inode "
			"were as recorded)\n", s.hashed, s.hashed == 1 ? "" : "s");
	fprintf(out, "salesgen build: %zu built", s.built);
	if (s.cached)
		fprintf(out, " (%zu from the cache)", s.cached);
	fprintf(out, ", %zu unchanged, %zu failed, %zu removed", s.unchanged, s.failed, s.removed);
	if (s.kept)
		fprintf(out, ", %zu kept", s.kept);
	fprintf(out, " in %.2f s (%d job%s, %s)\n", s.seconds, s.jobs, s.jobs == 1 ? "" : "s",
		s.processes ? "processes" : "threads");
}

/* ---------------------------------------------------------------- JSON */

/* The JSON string of s, or null. A string with nothing to escape (every
 * path, kind and name salesgen makes) goes in whole: the report has
 * hundreds of thousands of them at 10,000 customers, and a call per byte
 * was a quarter of making it. */
static void S_str(sg_buf *b, const char *s)
{
	if (!s) {
		sg_buf_put(b, "null", 4);
		return;
	}
	const unsigned char *p = (const unsigned char *)s;
	while (*p >= 0x20 && *p != '"' && *p != '\\')
		p++;
	size_t n = (size_t)(p - (const unsigned char *)s);
	if (*p) {
		sg_json_write_string(s, n + strlen((const char *)p), b);
		return;
	}
	sg_buf_grow(b, n + 2);
	b->data[b->len] = '"';
	memcpy(b->data + b->len + 1, s, n);
	b->data[b->len + n + 1] = '"';
	b->len += n + 2;
	b->data[b->len] = '\0';
}

/* A string literal, without strlen(). */
#define S_LIT(b, lit) sg_buf_put((b), (lit), sizeof(lit) - 1)

/* key (a literal, with the punctuation before it) and the string s, or
 * null. */
#define S_member(b, key, s) (S_LIT((b), key), S_str((b), (s)))

static void S_errors_json(const sg_diags *d, sg_buf *b)
{
	sg_buf_putc(b, '[');
	sg_buf line;
	sg_buf_init(&line);
	for (size_t i = 0; d && i < d->count; i++) {
		sg_buf_clear(&line);
		sg_diag_format_buf(&d->items[i], d->warnings_are_errors, &line);
		if (i)
			sg_buf_puts(b, ", ");
		S_str(b, line.data);
	}
	sg_buf_dispose(&line);
	sg_buf_putc(b, ']');
}

/* The JSON strings of the input names, found by the name's address: the
 * engine gives every target that reads an input the same name, and at
 * 10,000 customers the report lists half a million sources, of twenty
 * thousand names. */
typedef struct S_names {
	const char **keys; /* open addressing; NULL: empty */
	size_t *at, *len;  /* the name's JSON string in text */
	size_t slots, count;
	sg_buf text;
} S_names;

static size_t S_names_slot(const S_names *n, const char *key)
{
	size_t i = (size_t)(((uintptr_t)key >> 3) * 0x9e3779b97f4a7c15ull) & (n->slots - 1);
	while (n->keys[i] && n->keys[i] != key)
		i = (i + 1) & (n->slots - 1);
	return i;
}

static void S_names_grow(S_names *n)
{
	S_names old = *n;
	n->slots = old.slots ? old.slots * 2 : 1024;
	n->keys = sg_xcalloc(n->slots, sizeof *n->keys);
	n->at = sg_xmalloc(n->slots * sizeof *n->at);
	n->len = sg_xmalloc(n->slots * sizeof *n->len);
	for (size_t i = 0; i < old.slots; i++) {
		if (!old.keys[i])
			continue;
		size_t k = S_names_slot(n, old.keys[i]);
		n->keys[k] = old.keys[i];
		n->at[k] = old.at[i];
		n->len[k] = old.len[i];
	}
	free(old.keys);
	free(old.at);
	free(old.len);
}

/* Appends the JSON string of name to out, made once per name. */
static void S_name(S_names *n, const char *name, sg_buf *out)
{
	if ((n->count + 1) * 2 > n->slots)
		S_names_grow(n);
	size_t i = S_names_slot(n, name);
	if (!n->keys[i]) {
		n->keys[i] = name;
		n->at[i] = n->text.len;
		S_str(&n->text, name);
		n->len[i] = n->text.len - n->at[i];
		n->count++;
	}
	sg_buf_put(out, n->text.data + n->at[i], n->len[i]);
}

/* The entry of one output in "outputs". */
static void S_json_output(sg_buf *out, const sg_result *r, bool times, S_names *names)
{
	S_member(out, "{\"path\": ", r->path);
	S_member(out, ", \"kind\": ", r->kind);
	S_member(out, ", \"group\": ", r->group);
	S_member(out, ", \"status\": ", sg_target_status_name(r->status));
	S_member(out, ", \"why\": ", r->why);
	if (r->cache)
		S_member(out, ", \"cache\": ", r->cache);
	S_LIT(out, ",\n   \"sources\": [");
	for (size_t k = 0; k < r->input_count; k++) {
		if (k)
			S_LIT(out, ", ");
		S_name(names, r->inputs[k], out);
	}
	S_LIT(out, "]");
	/* An output not built took no time: most of them, after an edit. */
	if (times && r->seconds == 0)
		S_LIT(out, ", \"seconds\": 0.0000");
	else if (times)
		sg_buf_printf(out, ", \"seconds\": %.4f", r->seconds);
	S_LIT(out, ", \"bytes\": ");
	sg_buf_put_u64(out, r->bytes);
	if (!r->diags || r->diags->count == 0) {
		S_LIT(out, ", \"errors\": []}");
		return;
	}
	S_LIT(out, ", \"errors\": ");
	S_errors_json(r->diags, out);
	sg_buf_putc(out, '}');
}

void sg_build_report_json(const sg_engine *e, bool times, sg_buf *out)
{
	sg_summary s;
	sg_engine_summary(e, &s);
	sg_buf_puts(out, "{\"salesgen\": ");
	S_str(out, SG_VERSION);
	sg_buf_printf(out,
		      ",\n \"summary\": {\"built\": %zu, \"unchanged\": %zu, \"failed\": %zu, "
		      "\"removed\": %zu, \"kept\": %zu, \"skipped\": %zu",
		      s.built, s.unchanged, s.failed, s.removed, s.kept, s.skipped);
	/* How many files were read to be hashed depends on their times (a
	 * file changed in the last seconds is hashed again): a measurement,
	 * left out with the times. */
	if (times)
		sg_buf_printf(out, ", \"hashed\": %zu", s.hashed);
	if (s.cached)
		sg_buf_printf(out, ", \"cache\": %zu", s.cached);
	for (size_t i = 0; i < s.count_count; i++) {
		sg_buf_puts(out, ", ");
		S_str(out, s.counts[i].name);
		sg_buf_printf(out, ": %zu", s.counts[i].n);
	}
	if (times)
		sg_buf_printf(out, ", \"seconds\": %.3f", s.seconds);
	sg_buf_puts(out, "},\n \"outputs\": [");
	S_names names = {0};
	sg_buf_init(&names.text);
	for (size_t i = 0; i < sg_engine_result_count(e); i++) {
		sg_result r;
		sg_engine_result(e, i, &r);
		if (i)
			S_LIT(out, ",\n  ");
		else
			S_LIT(out, "\n  ");
		S_json_output(out, &r, times, &names);
	}
	free(names.keys);
	free(names.at);
	free(names.len);
	sg_buf_dispose(&names.text);
	sg_buf_puts(out, "\n ]}\n");
}

/* ---------------------------------------------------------------- JUnit */

static void S_xml(sg_buf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '<': sg_buf_puts(b, "&lt;"); break;
		case '>': sg_buf_puts(b, "&gt;"); break;
		case '&': sg_buf_puts(b, "&amp;"); break;
		case '"': sg_buf_puts(b, "&quot;"); break;
		case '\n': sg_buf_puts(b, "&#10;"); break;
		default:
			/* XML 1.0 has no place for other control characters. */
			if ((unsigned char)*s < 0x20 && *s != '\t')
				sg_buf_putc(b, '?');
			else
				sg_buf_putc(b, *s);
		}
	}
}

/* A JUnit test case: an output this run selected, whose target is not
 * gone. */
static bool S_is_case(const sg_result *r)
{
	return r->status != SG_STATUS_SKIPPED && r->status != SG_STATUS_REMOVED &&
	       r->status != SG_STATUS_KEPT;
}

/* The <testcase> of r: a <failure> in it when r failed, its message the
 * first problem and its text every problem, a line each. */
static void S_junit_case(sg_buf *out, const sg_result *r, bool times)
{
	sg_buf_puts(out, "  <testcase classname=\"");
	S_xml(out, r->kind);
	sg_buf_puts(out, "\" name=\"");
	S_xml(out, r->path);
	sg_buf_putc(out, '"');
	if (times)
		sg_buf_printf(out, " time=\"%.4f\"", r->seconds);
	if (r->status != SG_STATUS_FAILED) {
		sg_buf_puts(out, "/>\n");
		return;
	}
	sg_buf_puts(out, ">\n    <failure message=\"");
	sg_buf line;
	sg_buf_init(&line);
	if (r->diags && r->diags->count)
		sg_diag_format_buf(&r->diags->items[0], r->diags->warnings_are_errors, &line);
	else
		sg_buf_puts(&line, "failed");
	S_xml(out, line.data);
	sg_buf_puts(out, "\">");
	for (size_t k = 0; r->diags && k < r->diags->count; k++) {
		sg_buf_clear(&line);
		sg_diag_format_buf(&r->diags->items[k], r->diags->warnings_are_errors, &line);
		S_xml(out, line.data);
		S_xml(out, "\n");
	}
	sg_buf_dispose(&line);
	sg_buf_puts(out, "</failure>\n  </testcase>\n");
}

void sg_build_report_junit(const sg_engine *e, bool times, sg_buf *out)
{
	sg_summary s;
	sg_engine_summary(e, &s);
	/* The cases first: the suites' attributes count them. */
	size_t tests = 0, failures = 0;
	sg_buf cases;
	sg_buf_init(&cases);
	for (size_t i = 0; i < sg_engine_result_count(e); i++) {
		sg_result r;
		sg_engine_result(e, i, &r);
		if (!S_is_case(&r))
			continue;
		tests++;
		failures += r.status == SG_STATUS_FAILED;
		S_junit_case(&cases, &r, times);
	}
	sg_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	sg_buf_printf(out, "<testsuites name=\"salesgen build\" tests=\"%zu\" failures=\"%zu\"", tests,
		      failures);
	if (times)
		sg_buf_printf(out, " time=\"%.3f\"", s.seconds);
	sg_buf_printf(out, ">\n<testsuite name=\"salesgen build\" tests=\"%zu\" failures=\"%zu\" "
			   "errors=\"0\" skipped=\"0\"",
		      tests, failures);
	if (times)
		sg_buf_printf(out, " time=\"%.3f\"", s.seconds);
	sg_buf_puts(out, ">\n");
	sg_buf_put(out, cases.data, cases.len);
	sg_buf_dispose(&cases);
	sg_buf_puts(out, "</testsuite>\n</testsuites>\n");
}

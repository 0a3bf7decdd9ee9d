/*
 * build_report.h - what `salesgen build` tells people and machines: the
 * progress line, the summary, the --report JSON and the --junit XML.
 *
 * JSON (--report FILE), one entry per output, sorted by path:
 *
 *     {"salesgen": "0.1.0",
 *      "summary": {"built": 1, "unchanged": 7, "failed": 0, "removed": 0,
 *                  "kept": 0, "skipped": 0, "evaluations": 8, "cost_models": 8,
 *                  "seconds": 0.12},
 *      "outputs": [{"path": "costs/x.json", "kind": "cost", "group": "x",
 *                   "status": "built", "why": "customers/x.xml",
 *                   "sources": ["catalog.xml", "customers/x.xml", ...],
 *                   "seconds": 0.003, "bytes": 1234, "errors": []}, ...]}
 *
 * The summary holds the engine's counts, then the caller's own
 * (sg_engine_count(): `salesgen build` gives the customers it evaluated and
 * the cost models it computed).
 *
 * status is built, unchanged, failed, removed, kept (its source is gone but
 * the file was changed by hand, so it was left) or skipped (not selected by
 * --only, --customer or --shard). "why" says what made a built output
 * rebuild. errors are the output's problems, formatted as on stderr. With
 * times off (--report-no-times) "seconds" is left out everywhere, and the
 * report is then the same bytes for the same build.
 *
 * JUnit (--junit FILE): one <testcase> per output that was selected
 * (classname: its kind), a <failure> with the error text for failed ones;
 * removed and skipped outputs are not test cases.
 */
#ifndef SG_ENGINE_BUILD_REPORT_H
#define SG_ENGINE_BUILD_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/buf.h"
#include "base/diag.h"
#include "engine/engine.h"

typedef struct sg_progress {
	bool tty;        /* redraw one line with \r */
	int verbosity;   /* 0 quiet, 1 normal, 2 verbose */
	double start;    /* monotonic seconds */
	double last;     /* when last drawn */
	int milestone;   /* plain lines: the last tenth printed */
	bool drawn;      /* a bar is on screen (to be cleared) */
	FILE *out;
} sg_progress;

void sg_progress_start(sg_progress *p, FILE *out, bool tty, int verbosity);
/* done of total: on a terminal a bar (at most ~10 redraws a second), else a
 * line at each tenth of a build of at least 100 outputs. */
void sg_progress_update(sg_progress *p, size_t done, size_t total);
/* Clears the bar. */
void sg_progress_end(sg_progress *p);

/* Verbose: a line per output that was built, failed, removed or kept. Then
 * (unless quiet) the summary line:
 *   salesgen build: 3 built, 5 unchanged, 0 failed, 0 removed in 0.21 s (2 jobs, processes) */
void sg_build_print_summary(const sg_engine *e, FILE *out, int verbosity);

/* The reports as text. */
void sg_build_report_json(const sg_engine *e, bool times, sg_buf *out);
void sg_build_report_junit(const sg_engine *e, bool times, sg_buf *out);

#endif

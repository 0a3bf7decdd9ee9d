/*
 * proposal_bench.c - the proposal producer in a loop, for bench/proposals/:
 * loads a content folder once, then makes every customer's proposal on one
 * core and prints proposals per second and the size of each.
 *
 * usage: proposal_bench CONTENT_DIR [OUT_DIR]
 * With OUT_DIR the PDFs are written there (to look at them); the time
 * counts only the producer, as `salesgen build` would run it per target.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "base/fs.h"
#include "cost/evaluation.h"
#include "layout/linememo.h"
#include "render/pdf/pdf_memo.h"
#include "targets/proposal_pdf.h"
#include "model/content.h"

static double S_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: proposal_bench CONTENT_DIR [OUT_DIR]\n");
		return 2;
	}
	sg_diags d;
	sg_diags_init(&d);
	double t0 = S_now();
	sg_content *c = sg_content_load(argv[1], &d);
	sg_evals *evals = sg_evals_new(c, (sg_date){0}, 1);
	double t_load = S_now() - t0;
	sg_style style;
	sg_pdf_style_load(&style, NULL, &d);
	if (sg_diags_errors(&d)) {
		sg_diags_print(&d, stderr);
		return 1;
	}
	sg_proposal_pdf_opts o = {.doc = {.build_date = {2026, 11, 20}}, .style = &style};
	size_t n = 0, bytes = 0, max = 0, pages = 0;
	double layout = 0, draw = 0, save = 0;
	sg_buf out;
	sg_buf_init(&out);
	double t1 = S_now();
	for (size_t i = 0; i < c->customer_count; i++) {
		const sg_customer *cu = c->customers[i];
		if (!cu->offer.given)
			continue;
		sg_pdf_stats st = {0};
		o.stats = &st;
		sg_buf_clear(&out);
		if (sg_proposal_produce(&out, c, cu, &o, &d) != 0) {
			sg_diags_print(&d, stderr);
			return 1;
		}
		n++;
		bytes += out.len;
		pages += (size_t)st.pages;
		layout += st.layout_ms;
		draw += st.draw_ms;
		save += st.save_ms;
		if (out.len > max)
			max = out.len;
		if (argc > 2) {
			char path[4096];
			snprintf(path, sizeof path, "%s/%s.pdf", argv[2], cu->id);
			sg_file_write_atomic(path, out.data, out.len);
		}
	}
	double t = S_now() - t1;
	printf("proposals %zu\nload_seconds %.3f\nseconds %.3f\nper_second %.1f\n"
	       "kb_mean %.1f\nkb_max %.1f\npages_mean %.2f\n",
	       n, t_load, t, n / t, n ? bytes / 1024.0 / n : 0, max / 1024.0,
	       n ? (double)pages / n : 0);
	/* Where the time goes, per proposal: the rest is templates and data. */
	printf("ms_layout %.2f\nms_draw %.2f\nms_save %.2f\nms_total %.2f\n", layout / n, draw / n,
	       save / n, t * 1000 / n);
	/* What the memos found made before (linememo.h, pdf_memo.h). */
	uint64_t hits, lookups;
	sg_linememo_counts(&hits, &lookups);
	printf("paragraphs_memo %llu of %llu\n", (unsigned long long)hits,
	       (unsigned long long)lookups);
	sg_pdf_memo_counts(&hits, &lookups);
	printf("streams_memo %llu of %llu\n", (unsigned long long)hits,
	       (unsigned long long)lookups);
	sg_buf_dispose(&out);
	sg_style_dispose(&style);
	sg_evals_free(evals);
	sg_content_free(c);
	sg_diags_dispose(&d);
	return 0;
}

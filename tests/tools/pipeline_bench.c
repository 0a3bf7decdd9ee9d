/*
 * pipeline_bench.c - the pipeline report's producer alone, for measuring
 * its time and memory (under /usr/bin/time or valgrind --tool=massif)
 * without the rest of a build: loads a content folder, makes
 * output/reports/pipeline.pdf once and prints where the time went.
 *
 * usage: pipeline_bench CONTENT_DIR [OUT_PDF [COUNT_FILE]]
 *
 * With COUNT_FILE, the report is made with the count kept there (when the
 * file is there: render/pdf/pdf_hint.h), which is then written there, as a
 * build keeps it in OUT/.salesgen: layouts says how many times its body
 * was laid out (1 with a right count, 2 without one).
 *
 * cpu_seconds is the producer's processor time (steadier than seconds on a
 * busy machine); peak_mib_loaded is the peak resident set once the content
 * is loaded, peak_mib the peak at the end: the difference is the report's
 * own (the template's data, the Markdown tree, the layout, the PDF);
 * vm_peak_mib_loaded and vm_peak_mib the same of the address space, which
 * a memory budget limits (the fonts' mappings among it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "peak.h"
#include "base/fs.h"
#include "cost/evaluation.h"
#include "targets/proposal_pdf.h"
#include "model/content.h"

static double S_clock(clockid_t id)
{
	struct timespec ts;
	clock_gettime(id, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double S_now(void)
{
	return S_clock(CLOCK_MONOTONIC);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: pipeline_bench CONTENT_DIR [OUT_PDF [COUNT_FILE]]\n");
		return 2;
	}
	sg_diags d;
	sg_diags_init(&d);
	double t0 = S_now();
	sg_content *c = sg_content_load(argv[1], &d);
	sg_evals *evals = sg_evals_new(c, (sg_date){0}, 1);
	double t_load = S_now() - t0;
	double peak_load = sg_tool_peak_mib(), vm_load = sg_tool_vm_peak_mib();
	sg_style style;
	sg_pdf_style_load(&style, NULL, &d);
	if (sg_diags_errors(&d)) {
		sg_diags_print(&d, stderr);
		return 1;
	}
	sg_proposal_pdf_opts o = {.doc = {.build_date = {2026, 11, 20}}, .style = &style};
	sg_pdf_stats st = {0};
	o.stats = &st;
	sg_buf out, kept, count;
	sg_buf_init(&out);
	sg_buf_init(&kept);
	sg_buf_init(&count);
	if (argc > 3) {
		sg_diags quiet;
		sg_diags_init(&quiet);
		if (sg_file_exists(argv[3]) && sg_file_read(argv[3], 1 << 30, &kept, &quiet) == 0) {
			o.hint = kept.data;
			o.hint_len = kept.len;
		}
		sg_diags_dispose(&quiet);
		o.hint_out = &count;
	}
	double t1 = S_now(), c1 = S_clock(CLOCK_PROCESS_CPUTIME_ID);
	if (sg_report_pipeline_produce(&out, c, &o, &d) != 0) {
		sg_diags_print(&d, stderr);
		return 1;
	}
	double t = S_now() - t1, cpu = S_clock(CLOCK_PROCESS_CPUTIME_ID) - c1;
	printf("customers %zu\npages %d\nkb %.1f\nload_seconds %.3f\nseconds %.3f\n"
	       "cpu_seconds %.3f\n"
	       "ms_layout %.1f\nms_draw %.1f\nms_save %.1f\npeak_mib_loaded %.1f\npeak_mib %.1f\n"
	       "vm_peak_mib_loaded %.1f\nvm_peak_mib %.1f\n"
	       "streamed %d\nmost_items %zu\nlayouts %d\nkept %d\n",
	       c->customer_count, st.pages, out.len / 1024.0, t_load, t, cpu, st.layout_ms, st.draw_ms,
	       st.save_ms, peak_load, sg_tool_peak_mib(), vm_load, sg_tool_vm_peak_mib(),
	       st.streamed, st.most_items, st.layouts, st.kept);
	if (argc > 2)
		sg_file_write_atomic(argv[2], out.data, out.len);
	if (argc > 3 && count.len)
		sg_file_write_atomic(argv[3], count.data, count.len);
	sg_buf_dispose(&count);
	sg_buf_dispose(&kept);
	sg_buf_dispose(&out);
	sg_style_dispose(&style);
	sg_evals_free(evals);
	sg_content_free(c);
	sg_diags_dispose(&d);
	return 0;
}

/*
 * load_bench.c - the content loaded and evaluated as a build does it, for
 * measuring the memory a build holds before it builds anything (under
 * /usr/bin/time or valgrind --tool=massif).
 *
 * usage: load_bench CONTENT_DIR [THREADS [PACK]]
 *
 * Loads CONTENT_DIR with THREADS threads (default 1) through customer
 * records, as `salesgen build` does: without PACK every customer is parsed
 * and recorded (a first build); with PACK, the records of that file are
 * decoded (a build after no change), and when PACK does not exist the
 * records made are written to it. Then evaluates every customer and prints
 * the peak resident set, the processor time of the load and the
 * evaluation, and what the content's arena and the records hold.
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "peak.h"
#include "base/buf.h"
#include "base/fs.h"
#include "cost/evaluation.h"
#include "model/content.h"
#include "model/customer_record.h"

static double S_cpu(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The bytes an array of n elements of size takes in an arena. */
static size_t S_arr(size_t n, size_t size)
{
	return ((n ? n : 1) * size + 15) & ~(size_t)15;
}

/* Where a loaded customer's bytes go, summed over the content: the struct
 * itself, its arrays (as the arena rounds them), and how many positions
 * (16 bytes each) they hold. */
static void S_sizes(const sg_content *c)
{
	size_t structs = 0, arrays = 0, pos = 0;
	for (size_t i = 0; i < c->customer_count; i++) {
		const sg_customer *cu = c->customers[i];
		const sg_offer *o = &cu->offer;
		structs += sizeof *cu;
		arrays += S_arr(cu->hardware_count, sizeof *cu->hardware) +
			  S_arr(cu->software_count, sizeof *cu->software) +
			  S_arr(cu->staff_count, sizeof *cu->staff) +
			  S_arr(cu->renewal_count, sizeof *cu->renewals) +
			  S_arr(cu->done_count, sizeof *cu->done) +
			  S_arr(cu->done_count, sizeof *cu->done_pos) +
			  S_arr(cu->contact_count, sizeof *cu->contacts) +
			  S_arr(cu->event_count, sizeof *cu->events) +
			  S_arr(cu->strength_count, sizeof *cu->strengths) +
			  S_arr(cu->weakness_count, sizeof *cu->weaknesses) +
			  S_arr(cu->action_count, sizeof *cu->actions) +
			  S_arr(cu->concern_count, sizeof *cu->concerns) +
			  S_arr(o->fee_count, sizeof *o->fees) +
			  S_arr(o->approval_count, sizeof *o->approvals) +
			  S_arr(cu->sent_count, sizeof *cu->sent);
		pos += 13 + o->given * 5 + cu->hardware_count + cu->software_count +
		       cu->staff_count + cu->renewal_count + cu->done_count + cu->contact_count +
		       cu->event_count + cu->action_count + o->fee_count + o->approval_count +
		       2 * cu->sent_count;
	}
	double n = c->customer_count ? (double)c->customer_count : 1;
	printf("struct_bytes_per_customer %.0f\narray_bytes_per_customer %.0f\n"
	       "positions_per_customer %.1f\n",
	       structs / n, arrays / n, pos / n);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: load_bench CONTENT_DIR [THREADS [PACK]]\n");
		return 2;
	}
	int threads = argc > 2 ? atoi(argv[2]) : 1;
	const char *pack_path = argc > 3 ? argv[3] : NULL;
	sg_diags d;
	sg_diags_init(&d);
	sg_buf pack;
	sg_buf_init(&pack);
	if (pack_path && sg_file_exists(pack_path) &&
	    sg_file_read(pack_path, (size_t)1 << 40, &pack, &d) != 0) {
		sg_diags_print(&d, stderr);
		return 1;
	}
	bool write = pack_path && pack.len == 0;
	double c0 = S_cpu();
	sg_customer_records *records = sg_customer_records_take(&pack);
	sg_content *c = sg_content_load_records(argv[1], threads, NULL, records, &d);
	double c_load = S_cpu() - c0;
	struct mallinfo2 ml = mallinfo2();
	sg_evals *evals = sg_evals_new(c, (sg_date){0}, threads);
	double c_eval = S_cpu() - c0 - c_load;
	double peak = sg_tool_peak_mib();
	struct mallinfo2 mi = mallinfo2();
	size_t reused, fresh;
	sg_customer_records_stats(records, &reused, &fresh);
	printf("customers %zu\nerrors %zu\nrecords_used %zu\nrecords_made %zu\n"
	       "cpu_load %.3f\ncpu_eval %.3f\npeak_mib %.1f\nheap_in_use_mib %.1f\n"
	       "arena_used_mib %.1f\nbytes_per_customer %.0f\nheap_evals_mib %.1f\n",
	       c->customer_count, sg_diags_errors(&d), reused, fresh, c_load, c_eval, peak,
	       mi.uordblks / 1048576.0 + mi.hblkhd / 1048576.0, c->arena.used / 1048576.0,
	       c->customer_count ? (double)(mi.uordblks + mi.hblkhd) / (double)c->customer_count
				 : 0.0,
	       ((double)(mi.uordblks + mi.hblkhd) - (double)(ml.uordblks + ml.hblkhd)) / 1048576.0);
	S_sizes(c);
	if (write) {
		sg_buf_init(&pack);
		sg_customer_records_write(records, &pack);
		sg_file_write_atomic(pack_path, pack.data, pack.len);
		printf("pack_bytes %zu\n", pack.len);
		sg_buf_dispose(&pack);
	}
	sg_evals_free(evals);
	sg_content_free(c);
	sg_customer_records_free(records);
	sg_diags_dispose(&d);
	return 0;
}

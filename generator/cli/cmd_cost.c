/*
 * cmd_cost.c - `salesgen cost`: the cost model of one customer, or a quick
 * calculator from flags for a rep on the phone.
 *
 *   salesgen cost CUSTOMER.xml [--content DIR] [--json]
 *   salesgen cost --hardware Y --software Y ... --users N --unit-price Y [--json]
 *
 * Exit codes: 0 printed, 1 problems in the content, 2 bad usage (a bad flag
 * or value gets one line naming the flag).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/fs.h"
#include "base/json.h"
#include "base/num.h"
#include "cli/commands.h"
#include "cli/cost_table.h"
#include "cli/options.h"
#include "cost/cost.h"
#include "cost/evaluation.h"
#include "document/fields.h"
#include "cost/money.h"
#include "model/content.h"
#include "model/customer.h"

/* ---------------------------------------------------------------- flags */

typedef struct S_calc {
	sg_purchase *hardware, *software;
	size_t hardware_count, software_count;
	sg_staff *staff;
	size_t staff_count;
	sg_renewal *renewals;
	size_t renewal_count;
	sg_fee *fees;
	size_t fee_count;
	sg_fen electricity;
	bool electricity_given;
	int64_t watts, kwh_price;
	bool watts_given, kwh_price_given;
	int years;
	int64_t users;
	bool users_given;
	sg_fen unit_price;
	bool unit_price_given;
	sg_ppm discount;
	bool discount_given;
	sg_fen price_line, rounding_step;
	bool used; /* any calculator flag was given */
} S_calc;

typedef struct S_opts {
	const char *file;
	const char *content;
	bool json;
	S_calc calc;
} S_opts;

static int S_bad(const char *flag, const char *value, const char *why)
{
	if (value)
		fprintf(stderr, "salesgen cost: %s: '%s' %s\n", flag, value, why);
	else
		fprintf(stderr, "salesgen cost: %s: %s\n", flag, why);
	return -1;
}

/* Grows an array by one zeroed item and returns it. */
static void *S_push(void **items, size_t *count, size_t size)
{
	*items = sg_xrealloc(*items, (*count + 1) * size);
	char *item = (char *)*items + *count * size;
	memset(item, 0, size);
	(*count)++;
	return item;
}

static int S_money(const char *flag, const char *v, bool positive, sg_fen *out)
{
	const char *why;
	if (!sg_parse_fixed(v, 2, false, out, &why))
		return S_bad(flag, v, why);
	if (positive && *out == 0)
		return S_bad(flag, v, "must be more than 0");
	return 0;
}

static int S_add_money(const char *flag, const char *v, sg_fen *total)
{
	sg_fen f;
	if (S_money(flag, v, false, &f) < 0)
		return -1;
	if (__builtin_add_overflow(*total, f, total))
		return S_bad(flag, v, "makes the total too large");
	return 0;
}

static int S_share(const char *flag, const char *v, const char *what, sg_ppm *out)
{
	const char *why;
	if (!sg_parse_fixed(v, 6, false, out, &why))
		return S_bad(flag, v, why);
	if (*out > SG_PPM_ONE)
		return S_bad(flag, v, what);
	return 0;
}

static int S_count(const char *flag, const char *v, int64_t max, int64_t *out)
{
	const char *why;
	if (!sg_parse_int(v, false, out, &why))
		return S_bad(flag, v, why);
	if (*out < 1 || *out > max) {
		/* The whole range, whichever end was passed. */
		char range[64];
		snprintf(range, sizeof range, "is not a whole number from 1 to %lld", (long long)max);
		return S_bad(flag, v, range);
	}
	return 0;
}

/* Each calculator flag has a reader (S_flags below): it takes the flag as
 * written and its value, and returns 0, or -1 after the message for a bad
 * value. */

/* --hardware, --software, --renewal, --fee: one more item of that list,
 * with the amount given (a purchase depreciated over --years, a renewal of
 * no kind and no name). */
static int S_item(S_calc *c, const char *flag, const char *v)
{
	sg_fen amount;
	if (S_money(flag, v, false, &amount) < 0)
		return -1;
	if (strcmp(flag, "--hardware") == 0) {
		sg_purchase *p = S_push((void **)&c->hardware, &c->hardware_count, sizeof *p);
		p->amount = amount;
	} else if (strcmp(flag, "--software") == 0) {
		sg_purchase *p = S_push((void **)&c->software, &c->software_count, sizeof *p);
		p->amount = amount;
	} else if (strcmp(flag, "--renewal") == 0) {
		sg_renewal *r = S_push((void **)&c->renewals, &c->renewal_count, sizeof *r);
		r->kind = SG_RENEWAL_OTHER;
		r->amount = amount;
	} else {
		sg_fee *f = S_push((void **)&c->fees, &c->fee_count, sizeof *f);
		f->amount = amount;
	}
	return 0;
}

static int S_years(S_calc *c, const char *flag, const char *v)
{
	int64_t n;
	if (S_count(flag, v, 100, &n) < 0)
		return -1;
	c->years = (int)n;
	return 0;
}

static int S_electricity(S_calc *c, const char *flag, const char *v)
{
	c->electricity_given = true;
	return S_add_money(flag, v, &c->electricity);
}

/* --watts W: counted over a year's hours, which must not overflow. */
static int S_watts(S_calc *c, const char *flag, const char *v)
{
	const char *why;
	int64_t w;
	if (!sg_parse_int(v, false, &w, &why))
		return S_bad(flag, v, why);
	if (w > INT64_MAX / SG_COST_HOURS_PER_YEAR)
		return S_bad(flag, v, "is too large");
	c->watts_given = true;
	c->watts = w;
	return 0;
}

static int S_kwh_price(S_calc *c, const char *flag, const char *v)
{
	const char *why;
	if (!sg_parse_fixed(v, 4, false, &c->kwh_price, &why))
		return S_bad(flag, v, why);
	c->kwh_price_given = true;
	return 0;
}

/* --staff SALARY[:SHARE]: one more person, full time unless SHARE says. */
static int S_staff(S_calc *c, const char *flag, const char *v)
{
	const char *colon = strchr(v, ':');
	char *salary = colon ? sg_xstrndup(v, (size_t)(colon - v)) : sg_xstrdup(v);
	sg_fen amount;
	sg_ppm share = SG_PPM_ONE;
	int rc = S_money(flag, salary, false, &amount);
	free(salary);
	if (rc == 0 && colon)
		rc = S_share(flag, colon + 1, "is a share of time outside 0..1", &share);
	if (rc < 0)
		return -1;
	sg_staff *s = S_push((void **)&c->staff, &c->staff_count, sizeof *s);
	s->monthly_salary = amount;
	s->share = share;
	return 0;
}

static int S_users(S_calc *c, const char *flag, const char *v)
{
	c->users_given = true;
	return S_count(flag, v, (int64_t)1000000000, &c->users);
}

static int S_unit_price(S_calc *c, const char *flag, const char *v)
{
	c->unit_price_given = true;
	return S_money(flag, v, false, &c->unit_price);
}

static int S_discount(S_calc *c, const char *flag, const char *v)
{
	c->discount_given = true;
	if (S_share(flag, v, "is over 1 (a discount is the share of list price paid: "
			     "0.85 is 15% off)",
		    &c->discount) < 0)
		return -1;
	if (c->discount == 0)
		return S_bad(flag, v, "must be more than 0");
	return 0;
}

static int S_price_line(S_calc *c, const char *flag, const char *v)
{
	return S_money(flag, v, true, &c->price_line);
}

static int S_rounding_step(S_calc *c, const char *flag, const char *v)
{
	return S_money(flag, v, true, &c->rounding_step);
}

/* Every flag that takes a value. */
typedef struct S_flag {
	const char *name;
	bool once; /* may be given once; the money flags may repeat and add up */
	int (*read)(S_calc *c, const char *flag, const char *v); /* NULL: --content */
} S_flag;

static const S_flag S_flags[] = {
	{"--content", true, NULL},
	{"--hardware", false, S_item},
	{"--software", false, S_item},
	{"--years", true, S_years},
	{"--electricity", false, S_electricity},
	{"--watts", true, S_watts},
	{"--kwh-price", true, S_kwh_price},
	{"--staff", false, S_staff},
	{"--renewal", false, S_item},
	{"--users", true, S_users},
	{"--unit-price", true, S_unit_price},
	{"--discount", true, S_discount},
	{"--fee", false, S_item},
	{"--price-line", true, S_price_line},
	{"--rounding-step", true, S_rounding_step},
};

#define S_FLAG_COUNT (sizeof S_flags / sizeof *S_flags)

static void S_calc_dispose(S_calc *c)
{
	free(c->hardware);
	free(c->software);
	free(c->staff);
	free(c->renewals);
	free(c->fees);
}

/* ---------------------------------------------------------------- parsing */

/* The flag arg names, written "--flag=VALUE" or "--flag" with its value the
 * next argument (next, NULL when there is none). Sets *value and *joined
 * (whether the value was in arg). Returns the flag, or NULL after the
 * message for an unknown flag or a missing value. */
static const S_flag *S_flag_of(const char *arg, const char *next, const char **value,
			       bool *joined)
{
	char name[64];
	const char *eq = strchr(arg, '=');
	if (eq) {
		size_t n = (size_t)(eq - arg);
		if (n >= sizeof name) {
			S_bad(arg, NULL, "unknown option (see salesgen cost --help)");
			return NULL;
		}
		memcpy(name, arg, n);
		name[n] = '\0';
		*value = eq + 1;
	} else {
		snprintf(name, sizeof name, "%s", arg);
		*value = next;
	}
	*joined = eq != NULL;
	/* The table (sg_cli_cost) says which flags there are; S_flags how
	 * each is read. */
	const sg_cli_opt *opt = sg_cli_opt_of(&sg_cli_cost, name);
	for (size_t k = 0; opt && opt->arg && k < S_FLAG_COUNT; k++) {
		if (strcmp(name, S_flags[k].name) != 0)
			continue;
		if (!*value) {
			S_bad(name, NULL, "needs a value");
			return NULL;
		}
		return &S_flags[k];
	}
	S_bad(name, NULL, "unknown option (see salesgen cost --help)");
	return NULL;
}

/* After every argument: a customer file or calculator flags, and the
 * calculator flags that need each other. Returns 0, or -1 after the
 * message. */
static int S_check_together(const S_opts *o)
{
	if (o->file && o->calc.used)
		return S_bad(o->file, NULL,
			     "give either a customer file or calculator flags, not both");
	if (!o->file && o->content)
		return S_bad("--content", NULL, "needs a customer file");
	if (!o->file && !o->calc.used) {
		fprintf(stderr, "salesgen cost: give a customer file or calculator flags "
				"(see salesgen cost --help)\n");
		return -1;
	}
	const S_calc *c = &o->calc;
	if (c->users_given != c->unit_price_given)
		return S_bad(c->users_given ? "--users" : "--unit-price", NULL,
			     c->users_given ? "needs --unit-price" : "needs --users");
	if (!c->users_given) {
		if (c->discount_given)
			return S_bad("--discount", NULL, "needs --users and --unit-price");
		if (c->fee_count)
			return S_bad("--fee", NULL, "needs --users and --unit-price");
	}
	if (c->watts_given != c->kwh_price_given)
		return S_bad(c->watts_given ? "--watts" : "--kwh-price", NULL,
			     c->watts_given ? "needs --kwh-price" : "needs --watts");
	if (c->watts_given && c->electricity_given)
		return S_bad("--watts", NULL, "give --electricity or --watts, not both");
	return 0;
}

/* Returns 0, 1 for --help (printed), -1 after printing a one-line error.
 * The table reads --json and --help; the flags with values come back to be
 * read here, where they may repeat and add up. */
static int S_parse(S_opts *o, int argc, char **argv)
{
	bool seen[S_FLAG_COUNT] = {false};
	const sg_cli_flag flags[] = {{"--json", .on = &o->json}, {NULL}};
	sg_cli_args args = {.spec = &sg_cli_cost, .flags = flags, .argc = argc, .argv = argv};
	for (const char *arg; (arg = sg_cli_next(&args));) {
		int i = args.i;
		if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0') {
			if (arg[0] == '-' && arg[1] != '\0')
				return S_bad(arg, NULL, "unknown option (see salesgen cost --help)");
			if (o->file)
				return S_bad(arg, NULL, "only one customer file, please");
			o->file = arg;
			continue;
		}
		const char *value;
		bool joined;
		const S_flag *f = S_flag_of(arg, i + 1 < argc ? argv[i + 1] : NULL, &value, &joined);
		if (!f)
			return -1;
		if (!joined)
			args.i++;
		if (f->once) {
			if (seen[f - S_flags])
				return S_bad(f->name, NULL, "given more than once");
			seen[f - S_flags] = true;
		}
		if (!f->read) {
			o->content = value;
			continue;
		}
		o->calc.used = true;
		if (f->read(&o->calc, f->name, value) != 0)
			return -1;
	}
	if (args.status != SG_CLI_END)
		return args.status;
	return S_check_together(o);
}

static void S_calc_input(S_calc *c, sg_cost_input *in)
{
	sg_cost_input_init(in);
	int years = c->years ? c->years : 5;
	for (size_t i = 0; i < c->hardware_count; i++)
		c->hardware[i].years = years;
	for (size_t i = 0; i < c->software_count; i++)
		c->software[i].years = years;
	in->hardware = c->hardware;
	in->hardware_count = c->hardware_count;
	in->software = c->software;
	in->software_count = c->software_count;
	if (c->electricity_given)
		in->electricity = (sg_electricity){.given = true, .as_annual = true,
						   .annual = c->electricity};
	else if (c->watts_given)
		in->electricity = (sg_electricity){.given = true, .watts = c->watts,
						   .price_per_kwh = c->kwh_price};
	in->staff = c->staff;
	in->staff_count = c->staff_count;
	in->renewals = c->renewals;
	in->renewal_count = c->renewal_count;
	if (c->users_given) {
		in->has_offer = true;
		in->users = c->users;
		in->unit_price = c->unit_price;
		in->discount = c->discount_given ? c->discount : SG_PPM_ONE;
		in->fees = c->fees;
		in->fee_count = c->fee_count;
	}
	in->price_line = c->price_line;
	in->rounding_step = c->rounding_step;
}

/* ---------------------------------------------------------------- output */

/* Prints r (computed for cu, or from flags when cu is NULL), or why it could
 * not be computed when ok is false. Returns the exit status. */
static int S_print(const sg_cost_result *r, bool ok, const sg_customer *cu, bool json)
{
	if (!ok) {
		if (cu && r->error_pos.path) {
			sg_diags d;
			sg_diags_init(&d);
			sg_cost_report(&d, r, cu->pos);
			sg_diags_print(&d, stderr);
			sg_diags_dispose(&d);
		} else if (cu)
			fprintf(stderr, "%s: error: cannot compute the cost model: %s\n", cu->path,
				r->error);
		else
			fprintf(stderr, "salesgen cost: %s\n", r->error);
		return cu ? 1 : 2;
	}
	sg_buf out;
	sg_buf_init(&out);
	if (json) {
		sg_arena a;
		sg_arena_init(&a);
		sg_json_write(sg_view_cost(&a, r), 2, &out);
		sg_buf_putc(&out, '\n');
		sg_arena_dispose(&a);
	} else {
		sg_cost_table_format(&out, r, cu);
	}
	fwrite(out.data, 1, out.len, stdout);
	sg_buf_dispose(&out);
	return 0;
}

/* The content folder of a customer file: the folder holding its customers/
 * folder. NULL when the file is not in a customers/ folder. (heap) The
 * folder is the one the file is named in: a customer file that is a link to
 * a file elsewhere still belongs to the content folder it is linked from. */
static char *S_content_of(const char *file)
{
	char *dir = sg_xstrdup(file);
	char *slash = strrchr(dir, '/');
	if (slash)
		slash[slash == dir ? 1 : 0] = '\0';
	char *real = realpath(slash ? dir : ".", NULL);
	free(dir);
	if (!real)
		return NULL;
	slash = strrchr(real, '/');
	if (!slash || strcmp(slash + 1, "customers") != 0) {
		free(real);
		return NULL;
	}
	if (slash == real)
		slash[1] = '\0';
	else
		*slash = '\0';
	return real;
}

static bool S_same_file(const char *a, const char *b)
{
	char *ra = realpath(a, NULL), *rb = realpath(b, NULL);
	bool same = ra && rb && strcmp(ra, rb) == 0;
	free(ra);
	free(rb);
	return same;
}

/* The customer of file: the content's own customer of that file, or for a
 * file outside the content folder (--content elsewhere), the file read on
 * its own (into a) against that content's site and catalog. NULL when the
 * file is in the content folder but no customer of it, or cannot be read
 * (the problems in d). */
static sg_customer *S_find_customer(const sg_content *c, const char *dir, const char *file,
				    sg_arena *a, sg_diags *d)
{
	for (size_t i = 0; i < c->customer_count; i++)
		if (c->customers[i]->path && S_same_file(c->customers[i]->path, file))
			return c->customers[i];
	for (size_t i = 0; i < c->file_count; i++) {
		char *full = sg_path_join(dir, c->files[i]);
		bool in_content = S_same_file(full, file);
		free(full);
		if (in_content)
			return NULL;
	}
	sg_customer *cu = sg_customer_read(a, file, c->site ? c->site->lang : NULL, d, NULL);
	if (cu)
		sg_customer_resolve(cu, c->site, c->catalog, d);
	return cu;
}

/* The content folder of the customer file: --content, else the folder
 * holding its customers/ folder. NULL after the message (bad usage). */
static char *S_content_dir(const S_opts *o)
{
	char *dir = o->content ? sg_xstrdup(o->content) : S_content_of(o->file);
	if (!dir) {
		fprintf(stderr, "salesgen cost: %s: cannot tell its content folder (it is not in "
				"a customers/ folder); give --content DIR\n",
			o->file);
		return NULL;
	}
	if (!sg_dir_exists(dir)) {
		fprintf(stderr, "salesgen cost: --content: '%s' is not a folder\n", dir);
		free(dir);
		return NULL;
	}
	return dir;
}

/* salesgen cost CUSTOMER.xml. Returns the exit status. */
static int S_customer(const S_opts *o, const sg_env *env)
{
	if (!sg_file_exists(o->file)) {
		S_bad(o->file, NULL, "no such file");
		return 2;
	}
	char *dir = S_content_dir(o);
	if (!dir)
		return 2;

	int rc = 1;
	sg_diags d;
	sg_diags_init(&d);
	sg_content *c = sg_content_load(dir, &d);
	sg_evals *evals = sg_evals_new(c, env->build_date, 1);
	sg_arena extra;
	sg_arena_init(&extra);
	sg_customer *cu = S_find_customer(c, dir, o->file, &extra, &d);
	sg_diags_sort(&d);
	sg_diags_print(&d, stderr);
	if (sg_diags_errors(&d))
		goto cleanup;
	if (!cu) {
		fprintf(stderr, "%s: error: not a customer of %s\n", o->file, dir);
		goto cleanup;
	}
	/* A customer of the content has its evaluation; one read from elsewhere
	 * is evaluated here, once. */
	sg_eval own;
	const sg_eval *ev = cu->eval;
	if (!ev) {
		sg_eval_customer(&own, cu, c->catalog, env->build_date, &extra);
		ev = &own;
	}
	sg_cost_result r;
	sg_eval_cost(ev, &r, &extra);
	rc = S_print(&r, ev->ok, cu, o->json);

cleanup:
	sg_evals_free(evals);
	sg_arena_dispose(&extra);
	sg_content_free(c);
	sg_diags_dispose(&d);
	free(dir);
	return rc;
}

int sg_cmd_cost(int argc, char **argv, const sg_env *env)
{
	S_opts o;
	memset(&o, 0, sizeof o);
	int rc = S_parse(&o, argc, argv);
	if (rc == 1) {
		rc = 0;
	} else if (rc < 0) {
		rc = 2;
	} else if (o.file) {
		rc = S_customer(&o, env);
	} else {
		sg_cost_input in;
		S_calc_input(&o.calc, &in);
		sg_cost_result r;
		int ok = sg_cost_compute(&in, &r) == 0;
		rc = S_print(&r, ok, NULL, o.json);
		sg_cost_result_dispose(&r);
	}
	S_calc_dispose(&o.calc);
	return rc;
}

static const sg_cli_opt S_table[] = {
	{.name = "--content", .arg = "DIR", .values = SG_CLI_DIR,
	 .help = "the content folder (default: found from CUSTOMER.xml)"},
	{.name = "--json",
	 .help = "print JSON instead of a table"},
	{.name = "--hardware", .arg = "Y",
	 .help = "a hardware purchase, depreciated over --years",
	 .group = "calculator flags (no customer file; amounts in yuan, plain digits such as "
	          "12000 or 0.95; money flags may repeat and add up):"},
	{.name = "--software", .arg = "Y",
	 .help = "a software purchase, depreciated over --years"},
	{.name = "--years", .arg = "N",
	 .help = "depreciation years of every purchase (default 5)"},
	{.name = "--electricity", .arg = "Y",
	 .help = "electricity a year"},
	{.name = "--watts", .arg = "W",
	 .help = "or: average power draw, counted over 8760 hours"},
	{.name = "--kwh-price", .arg = "Y",
	 .help = "... at this price per kWh (up to 4 decimals)"},
	{.name = "--staff", .arg = "SALARY[:SHARE]",
	 .help = "a monthly salary and the share of time on the system (0..1, default 1); "
	         "costed × 12 × 2"},
	{.name = "--renewal", .arg = "Y",
	 .help = "a yearly renewal (hosting, bandwidth, licence, ...)"},
	{.name = "--users", .arg = "N",
	 .help = "users of the offer"},
	{.name = "--unit-price", .arg = "Y",
	 .help = "list price per user per year"},
	{.name = "--discount", .arg = "D",
	 .help = "share of list price paid (default 1: list price)"},
	{.name = "--fee", .arg = "Y",
	 .help = "a one-time fee (migration, training, ...)"},
	{.name = "--price-line", .arg = "Y",
	 .help = "the price line (default 100000)"},
	{.name = "--rounding-step", .arg = "Y",
	 .help = "its rounding step (default 1000)"},
	{NULL},
};

const sg_cli_command sg_cli_cost = {
	.name = "cost",
	.summary = "the cost model for one customer, or as a calculator",
	.usage = "CUSTOMER.xml [--content DIR] [--json]\n"
		 "[CALCULATOR FLAGS] [--json]",
	.about = "Prints the real yearly cost of a customer's self-hosted system, the offer\n"
		 "with its discount approval and the 100,000 price line, the savings and the\n"
		 "segment fit. The catalog is the content folder's: the folder above\n"
		 "customers/, or --content DIR.\n",
	.opts = S_table,
	.notes = "Without a catalog there is no approval policy: approvals are null.\n"
		 "docs/cost.md explains every rule.\n",
	.operands = SG_CLI_FILE,
	.operand_choices = "*.xml",
	.run = sg_cmd_cost,
};

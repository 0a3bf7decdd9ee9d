/*
 * cmd_new.c - `salesgen new customer|playbook|case ID`: a new file in a
 * content folder, written so that `salesgen check` passes on it as it is.
 *
 * The file lists as comments what the user may choose from: the catalog's
 * products and editions, the site's reps and stages, the kinds of
 * organisation and the industries, so that nobody has to look ids up in
 * site.xml and catalog.xml. Every amount of a customer is there (at 0) with
 * its unit. new never overwrites a file: it creates with O_EXCL.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/diag.h"
#include "base/fs.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "load/suggest.h"
#include "load/xml.h"
#include "model/cases.h"
#include "model/content.h"

/* A closed list of customer.rng (the choices of attr of elem, or of
 * elem's text when attr is NULL), for the comments: read from the schema,
 * so the comments cannot drift from what check accepts. Heap, "a, b, c". */
static char *S_schema_list(const char *elem, const char *attr)
{
	char *list = sg_xml_schema_values("customer.rng", elem, attr);
	return list ? list : sg_xstrdup("(see docs/content.md)");
}

/* Puts words (separated by spaces or ", ") as lines of at most about 76
 * characters, each starting with prefix. */
static void S_put_words(sg_buf *b, const char *prefix, const char *words)
{
	size_t col = 0;
	for (const char *w = words; *w;) {
		size_t n = strcspn(w, ", ");
		if (col == 0 || col + 1 + n > 76) {
			if (col)
				sg_buf_puts(b, "\n");
			sg_buf_puts(b, prefix);
			col = strlen(prefix);
		} else {
			sg_buf_putc(b, ' ');
			col++;
		}
		sg_buf_put(b, w, n);
		col += n;
		w += n;
		while (*w == ' ' || *w == ',')
			w++;
	}
	sg_buf_puts(b, "\n");
}

typedef struct S_opts {
	const char *kind, *id, *dir, *name, *product, *edition, *users;
} S_opts;

/* Today, as documents would be dated: SOURCE_DATE_EPOCH when set, else the
 * clock (UTC). */
static sg_date S_today(const sg_env *env)
{
	if (sg_date_is_set(env->build_date))
		return env->build_date;
	return sg_date_from_unix((int64_t)time(NULL));
}

/* Writes data to path, which must not exist yet. Returns 0, 1 when it
 * exists (nothing written), -1 on another failure (errno set). */
static int S_write_new(const char *path, const char *data, size_t len)
{
	char *dir = sg_xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (slash) {
		*slash = '\0';
		if (*dir && sg_mkdir_p(dir) != 0) {
			free(dir);
			return -1;
		}
	}
	free(dir);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0)
		return errno == EEXIST ? 1 : -1;
	size_t done = 0;
	while (done < len) {
		ssize_t w = write(fd, data + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			int e = errno;
			close(fd);
			unlink(path);
			errno = e;
			return -1;
		}
		done += (size_t)w;
	}
	if (close(fd) != 0) {
		int e = errno;
		unlink(path);
		errno = e;
		return -1;
	}
	return 0;
}

/* Whether text may go into XML text or an attribute as it is. */
static bool S_xml_plain(const char *s)
{
	return strpbrk(s, "<>&\"") == NULL;
}

static void S_put_reps(sg_buf *b, const sg_site *site)
{
	if (!site || site->rep_count == 0) {
		sg_buf_puts(b, "  <!-- owner: the rep in charge, an id of site.xml's <reps> (it has none\n"
			       "       yet): <owner rep=\"ID\"/> -->\n");
		return;
	}
	sg_buf_puts(b, "  <!-- owner: the rep in charge, one of site.xml's reps:\n");
	for (size_t i = 0; i < site->rep_count; i++)
		sg_buf_printf(b, "       %s (%s)\n", site->reps[i].id, site->reps[i].name);
	sg_buf_puts(b, "  -->\n");
	sg_buf_printf(b, "  <owner rep=\"%s\"/>\n", site->reps[0].id);
}

static void S_put_stages(sg_buf *b, const sg_site *site, const char *lang)
{
	if (!site || site->stage_count == 0)
		return;
	sg_buf_puts(b, "  <!-- project stage: one of site.xml's stages, in order:\n");
	for (size_t i = 0; i < site->stage_count; i++) {
		const sg_stage *st = &site->stages[i];
		const char *name = sg_l10n_get(&st->name, lang);
		sg_buf_printf(b, "       %s (%s)\n", st->id, name ? name : "");
	}
	sg_buf_puts(b, "       Mark a checklist item of a stage as done with <done item=\"ID\"/>:\n");
	for (size_t i = 0; i < site->stage_count; i++) {
		const sg_stage *st = &site->stages[i];
		sg_buf_printf(b, "       %s:", st->id);
		for (size_t j = 0; j < st->item_count; j++)
			sg_buf_printf(b, " %s", st->items[j].id);
		sg_buf_puts(b, "\n");
	}
	sg_buf_puts(b, "  -->\n");
	sg_buf_printf(b, "  <project stage=\"%s\"/>\n", site->stages[0].id);
}

static void S_put_catalog(sg_buf *b, const sg_catalog *cat, const char *lang)
{
	sg_buf_puts(b, "  <!-- offer: a product and edition of catalog.xml:\n");
	for (size_t i = 0; i < cat->product_count; i++) {
		const sg_product *p = &cat->products[i];
		const char *pname = sg_l10n_get(&p->name, lang);
		sg_buf_printf(b, "       product=\"%s\" (%s), edition=", p->id, pname ? pname : "");
		for (size_t j = 0; j < p->edition_count; j++)
			sg_buf_printf(b, "%s\"%s\"", j ? " " : "", p->editions[j].id);
		sg_buf_puts(b, "\n");
	}
	sg_buf_printf(b,
		      "       users: how many units (users, lines ...) are offered, a whole number.\n"
		      "       discount: the share of list price paid, above 0 and at most 1\n"
		      "       (0.85 is 15%% off; 1 is list price). date: the offer's date;\n"
		      "       valid-days: how many days it holds. A proposal number, if the site\n"
		      "       sets a pattern, goes in number=\"...\".\n"
		      "       fee: a one-time charge, amount in %s. approval: a discount that\n"
		      "       needs one: <approval role=\"ROLE\" name=\"WHO\" date=\"YYYY-MM-DD\"/>. -->\n",
		      cat->currency ? cat->currency : "the catalog's currency");
}

/* "; did you mean 'x'?" on stderr when id is a near miss for one of the n
 * ids at ids (each the first member of a struct of size stride). */
static void S_near(const char *id, const void *ids, size_t n, size_t stride)
{
	const char **words = sg_xcalloc(n ? n : 1, sizeof *words);
	for (size_t i = 0; i < n; i++)
		words[i] = *(const char *const *)((const char *)ids + i * stride);
	const char *near = sg_suggest_best(id, words, n);
	if (near)
		fprintf(stderr, "; did you mean '%s'?", near);
	free(words);
}

/* The offer's product, edition and users from --product, --edition and
 * --users. Returns 0, or 2 after the message (bad usage). */
static int S_offer_of(const S_opts *o, const sg_catalog *cat, const sg_product **product,
		      const sg_edition **edition, int *users)
{
	if (o->edition && !o->product) {
		fprintf(stderr, "salesgen new: --edition needs --product\n");
		return 2;
	}
	if (o->users && !o->product) {
		fprintf(stderr, "salesgen new: --users needs --product\n");
		return 2;
	}
	if (!o->product)
		return 0;
	const sg_product *p = cat ? sg_catalog_product(cat, o->product) : NULL;
	if (!p) {
		fprintf(stderr, "salesgen new: the catalog has no product '%s'", o->product);
		for (size_t i = 0; cat && i < cat->product_count; i++)
			fprintf(stderr, "%s%s", i ? ", " : "; products: ", cat->products[i].id);
		if (cat)
			S_near(o->product, &cat->products[0].id, cat->product_count,
			       sizeof cat->products[0]);
		fputc('\n', stderr);
		return 2;
	}
	if (p->edition_count == 0) {
		fprintf(stderr, "salesgen new: product '%s' has no editions\n", p->id);
		return 2;
	}
	const sg_edition *e = o->edition ? sg_product_edition(p, o->edition) : &p->editions[0];
	if (!e) {
		fprintf(stderr, "salesgen new: product '%s' has no edition '%s'; editions:", p->id,
			o->edition);
		for (size_t i = 0; i < p->edition_count; i++)
			fprintf(stderr, "%s%s", i ? ", " : " ", p->editions[i].id);
		S_near(o->edition, &p->editions[0].id, p->edition_count, sizeof p->editions[0]);
		fputc('\n', stderr);
		return 2;
	}
	if (o->users &&
	    sg_cli_whole_number("salesgen new", "--users", o->users, 1, 100000000, users) != 0)
		return 2;
	*product = p;
	*edition = e;
	return 0;
}

/* What a customer file says before its costs: who the customer is, the
 * reps, what they run now and worry about, with the lists to choose from. */
static void S_customer_head(sg_buf *b, const S_opts *o, const sg_site *site, const char *cur,
			    const char *lang, const char *today, const char *name)
{
	char *kinds = S_schema_list("customer", "kind");
	char *industries = S_schema_list("industry", NULL);
	sg_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	sg_buf_printf(b,
		      "<!-- A customer, made by `salesgen new customer`. Fill in what you know,\n"
		      "     leave out what you do not, and delete the comments you no longer need:\n"
		      "     docs/content.md describes every element. The file name must stay the\n"
		      "     id. Every amount is in %s, a plain number without thousands\n"
		      "     separators (15000, not 15,000); dates are YYYY-MM-DD.\n"
		      "     lang: zh-CN or en. as-of: the day these figures describe.\n"
		      "     kind (of organisation), one of:\n",
		      cur);
	S_put_words(b, "       ", kinds);
	sg_buf_puts(b, "-->\n");
	sg_buf_printf(b, "<customer id=\"%s\" lang=\"%s\" as-of=\"%s\" kind=\"company\">\n", o->id,
		      lang, today);
	sg_buf_printf(b, "  <name>%s</name>\n", name);
	sg_buf_puts(b, "  <!-- <short-name>...</short-name> -->\n");
	sg_buf_puts(b, "  <!-- industry: one of\n");
	S_put_words(b, "       ", industries);
	sg_buf_puts(b, "  -->\n");
	sg_buf_puts(b, "  <industry>other</industry>\n");
	sg_buf_puts(b, "  <!-- Counts: staff (it decides the size class), mailbox users, branches.\n"
		       "  <employees>0</employees>\n"
		       "  <mailboxes>0</mailboxes>\n"
		       "  <branches>0</branches>\n"
		       "  <address>...</address> -->\n");
	S_put_reps(b, site);
	sg_buf_puts(b, "  <!-- The system they run now:\n"
		       "  <current-system product=\"...\" version=\"...\" year-built=\"2020\" "
		       "licensed=\"true\"/> -->\n");
	sg_buf_puts(b, "  <!-- What they worry about, ids separated by spaces, from:\n");
	S_put_words(b, "       ", sg_concern_list());
	sg_buf_puts(b, "  <concerns>...</concerns> -->\n");
	free(kinds);
	free(industries);
}

/* The self-hosted costs, each amount at 0 with its unit. */
static void S_customer_costs(sg_buf *b, const char *cur, bool zh, const char *next_year)
{
	sg_buf_printf(b,
		      "  <!-- What running their own system costs them (docs/cost.md). Amounts\n"
		      "       are in %s; a line at 0 adds nothing. Add as many\n"
		      "       hardware, software, staff and renewal lines as they have. -->\n"
		      "  <self-hosted>\n"
		      "    <!-- amount: the purchase price; years: written off over (1-100);\n"
		      "         bought: the purchase date (optional) -->\n"
		      "    <hardware name=\"%s\" amount=\"0\" years=\"5\"/>\n"
		      "    <software name=\"%s\" amount=\"0\" years=\"5\"/>\n"
		      "    <!-- annual: the electricity bill a year; or watts=\"600\" (average\n"
		      "         draw) and price-per-kwh=\"0.95\" (per kWh) instead -->\n"
		      "    <electricity annual=\"0\"/>\n"
		      "    <!-- monthly-salary: per month; share: the part of their working time\n"
		      "         spent on the system, 0 to 1 -->\n"
		      "    <staff role=\"%s\" monthly-salary=\"0\" share=\"1\"/>\n"
		      "    <!-- amount: per year; kind: hosting, bandwidth, licence, anti-spam or\n"
		      "         other; due: when it must next be paid -->\n"
		      "    <renewal kind=\"hosting\" name=\"%s\" amount=\"0\" due=\"%s\"/>\n"
		      "  </self-hosted>\n",
		      cur, zh ? "邮件服务器" : "Mail server", zh ? "软件授权" : "Software licences",
		      zh ? "系统管理员" : "System administrator", zh ? "机房托管" : "Hosting",
		      next_year);
}

static int S_customer(const S_opts *o, const sg_content *c, const sg_env *env, sg_buf *b)
{
	const sg_catalog *cat = c->catalog;
	const sg_product *product = NULL;
	const sg_edition *edition = NULL;
	int users = 1;
	if (S_offer_of(o, cat, &product, &edition, &users) != 0)
		return 2;
	const char *name = o->name ? o->name : o->id;
	if (!S_xml_plain(name)) {
		fprintf(stderr, "salesgen new: --name may not hold < > & or \"\n");
		return 2;
	}

	const sg_site *site = c->site;
	const char *lang = site && site->lang ? site->lang : "zh-CN";
	bool zh = strcmp(lang, "zh-CN") == 0;
	sg_date t = S_today(env);
	char today[48], next_year[48];
	snprintf(today, sizeof today, "%04d-%02d-%02d", t.year, t.month, t.day);
	snprintf(next_year, sizeof next_year, "%04d-%02d-%02d", t.year + 1, t.month,
		 t.month == 2 && t.day == 29 ? 28 : t.day);
	const char *cur = cat && cat->currency ? cat->currency : "the catalog's currency";

	S_customer_head(b, o, site, cur, lang, today, name);
	S_customer_costs(b, cur, zh, next_year);
	sg_buf_puts(b, "  <!-- lifecycle: potential, sales, relationship or lost -->\n"
		       "  <lifecycle>potential</lifecycle>\n");
	S_put_stages(b, site, lang);
	sg_buf_puts(b, "  <!-- The people who decide: role is approver, decision-maker, evaluator,\n"
		       "       advisor or gatekeeper; attitude is opponent, non-supporter, acceptor,\n"
		       "       supporter, sympathiser or ally.\n"
		       "  <decision-chain>\n"
		       "    <contact name=\"...\" title=\"...\" role=\"decision-maker\" "
		       "attitude=\"acceptor\"/>\n"
		       "  </decision-chain> -->\n");

	if (cat && cat->product_count > 0)
		S_put_catalog(b, cat, lang);
	if (product) {
		sg_buf_printf(b,
			      "  <offer product=\"%s\" edition=\"%s\" users=\"%d\" discount=\"1\"\n"
			      "         date=\"%s\" valid-days=\"30\">\n"
			      "    <!-- <fee name=\"%s\" amount=\"0\"/> -->\n"
			      "  </offer>\n",
			      product->id, edition->id, users, today,
			      zh ? "数据迁移" : "Data migration");
	} else if (cat && cat->product_count > 0 && cat->products[0].edition_count > 0) {
		sg_buf_printf(b,
			      "  <!-- <offer product=\"%s\" edition=\"%s\" users=\"1\" discount=\"1\"\n"
			      "         date=\"%s\" valid-days=\"30\">\n"
			      "    <fee name=\"%s\" amount=\"0\"/>\n"
			      "  </offer> -->\n",
			      cat->products[0].id, cat->products[0].editions[0].id, today,
			      zh ? "数据迁移" : "Data migration");
	}
	sg_buf_puts(b, "  <notes><![CDATA[\n]]></notes>\n</customer>\n");
	return 0;
}

static int S_document(const S_opts *o, const sg_content *c, const sg_env *env, sg_buf *b)
{
	bool is_case = strcmp(o->kind, "case") == 0;
	const char *lang = c->site && c->site->lang ? c->site->lang : "zh-CN";
	const char *title = o->name ? o->name : o->id;
	/* The title goes into YAML in double quotes: refuse what would need
	 * escaping rather than escape it wrongly. */
	if (strpbrk(title, "\"\\\n")) {
		fprintf(stderr, "salesgen new: --name may not hold \" \\ or a line break\n");
		return 2;
	}
	sg_date t = S_today(env);
	sg_buf_printf(b, "---\ntitle: \"%s\"\nlang: %s       # zh-CN or en\n", title, lang);
	if (is_case) {
		/* a case study's industries are a customer's (model/cases.c) */
		char *industries = S_schema_list("industry", NULL);
		sg_buf_puts(b, "# industry, one of:\n");
		S_put_words(b, "#   ", industries);
		free(industries);
		sg_buf_puts(b,
			      "industry: other\n"
			      "users: 1                    # how many users moved, a whole number\n"
			      "previous_system: \"...\"      # what they ran before\n"
			      "cycle: \"...\"                # the sales cycle, as text: \"3 个月\"\n"
			      "price: \"...\"                # the price agreed, as text: 原价, 八五折, 未公开\n"
			      "problems:                   # the problems the move solved\n"
			      "  - \"...\"\n"
			      "# concerns it answers, from:\n");
		S_put_words(b, "#   ", sg_concern_list());
		sg_buf_puts(b,
			      "concerns: []\n"
			      "summary: \"...\"\n"
			      "tags: []\n"
			      "audience: customer          # written for customers: name no one who has not agreed\n"
			      "---\n\n");
		if (strcmp(lang, "zh-CN") == 0)
			sg_buf_puts(b, "## 客户背景\n\n...\n\n## 遇到的问题\n\n...\n\n"
				       "## 解决方案\n\n...\n\n## 效果\n\n...\n");
		else
			sg_buf_puts(b, "## The customer\n\n...\n\n## The problem\n\n...\n\n"
				       "## What we did\n\n...\n\n## The result\n\n...\n");
	} else {
		sg_buf_printf(b,
			      "order: 100                  # its place in lists, lower first\n"
			      "tags: []\n"
			      "summary: \"...\"\n"
			      "date: %04d-%02d-%02d\n"
			      "audience: internal          # internal or customer\n"
			      "---\n\n"
			      "# %s\n\n...\n",
			      t.year, t.month, t.day, title);
	}
	return 0;
}

/* Reads the arguments into o. Returns 0, 1 after the help, -1 after a
 * message (bad usage). */
static int S_parse(S_opts *o, int argc, char **argv)
{
	const sg_cli_flag flags[] = {
		{"--content", .value = &o->dir}, {"--name", .value = &o->name},
		{"--product", .value = &o->product}, {"--edition", .value = &o->edition},
		{"--users", .value = &o->users}, {NULL},
	};
	sg_cli_args args = {.spec = &sg_cli_new, .flags = flags,
			    .nonempty = true, .argc = argc, .argv = argv};
	for (const char *a; (a = sg_cli_next(&args));) {
		if (a[0] == '-' || (o->kind && o->id)) {
			fprintf(stderr, "salesgen new: unknown argument '%s'\n", a);
			sg_cli_help(stderr, &sg_cli_new);
			return -1;
		}
		if (!o->kind)
			o->kind = a;
		else
			o->id = a;
	}
	if (args.status != SG_CLI_END)
		return args.status;
	if (!o->kind || !o->id) {
		sg_cli_help(stderr, &sg_cli_new);
		return -1;
	}
	return 0;
}

/* The file o asks for, CONTENT/SUB/ID.EXT (heap), once the kind, the flags,
 * the id and the folder are right; NULL after a message (bad usage). */
static char *S_path_of(const S_opts *o)
{
	const char *sub, *ext;
	if (strcmp(o->kind, "customer") == 0) {
		sub = "customers", ext = ".xml";
	} else if (strcmp(o->kind, "playbook") == 0) {
		sub = "playbooks", ext = ".md";
	} else if (strcmp(o->kind, "case") == 0) {
		sub = "cases", ext = ".md";
	} else {
		fprintf(stderr, "salesgen new: unknown kind '%s': customer, playbook or case\n",
			o->kind);
		return NULL;
	}
	if (strcmp(o->kind, "customer") != 0 && (o->product || o->edition || o->users)) {
		fprintf(stderr, "salesgen new: --product, --edition and --users are for customers\n");
		return NULL;
	}
	const char *why = NULL;
	if (!sg_id_is_safe(o->id, &why)) {
		fprintf(stderr, "salesgen new: '%s' cannot be an id: %s\n", o->id, why);
		return NULL;
	}
	if (!sg_dir_exists(o->dir)) {
		fprintf(stderr, "salesgen new: %s is not a folder (make a content folder with "
				"`salesgen init`)\n",
			o->dir);
		return NULL;
	}
	return sg_xasprintf("%s/%s/%s%s", o->dir, sub, o->id, ext);
}

int sg_cmd_new(int argc, char **argv, const sg_env *env)
{
	S_opts o = {.dir = "content"};
	int parsed = S_parse(&o, argc, argv);
	if (parsed != 0)
		return parsed == SG_CLI_HELP ? 0 : 2;
	char *path = S_path_of(&o);
	if (!path)
		return 2;
	int rc = 2;
	sg_buf text;
	sg_buf_init(&text);
	sg_diags d;
	sg_diags_init(&d);
	sg_content *c = NULL;
	if (access(path, F_OK) == 0) {
		fprintf(stderr, "salesgen new: %s exists already; new never overwrites a file\n",
			path);
		goto cleanup;
	}
	/* The lists come from the content as it loads; its problems are
	 * check's to report, not new's. */
	c = sg_content_load(o.dir, &d);
	rc = strcmp(o.kind, "customer") == 0 ? S_customer(&o, c, env, &text)
					     : S_document(&o, c, env, &text);
	if (rc != 0)
		goto cleanup;
	int w = S_write_new(path, text.data, text.len);
	if (w == 1) {
		fprintf(stderr, "salesgen new: %s exists already; new never overwrites a file\n",
			path);
		rc = 2;
	} else if (w < 0) {
		fprintf(stderr, "salesgen new: cannot write %s: %s\n", path, strerror(errno));
		rc = 1;
	} else {
		fprintf(stderr, "wrote %s\n", path);
	}
cleanup:
	if (c)
		sg_content_free(c);
	sg_diags_dispose(&d);
	sg_buf_dispose(&text);
	free(path);
	return rc;
}

static const sg_cli_opt S_table[] = {
	{.name = "--content", .arg = "DIR", .values = SG_CLI_DIR,
	 .help = "the content folder (default: ./content)"},
	{.name = "--name", .arg = "NAME",
	 .help = "the customer's name, or the document's title"},
	{.name = "--product", .arg = "ID",
	 .help = "a customer: offer this product of the catalog"},
	{.name = "--edition", .arg = "ID",
	 .help = "... in this edition (default: the product's first)"},
	{.name = "--users", .arg = "N",
	 .help = "... to N users or units (default: 1)"},
	{NULL},
};

const sg_cli_command sg_cli_new = {
	.name = "new",
	.summary = "add a customer, playbook or case study to the content",
	.usage = "customer ID [--name NAME] [--product ID [--edition ID] [--users N]] "
		 "[--content DIR]\n"
		 "playbook NAME [--name TITLE] [--content DIR]\n"
		 "case NAME [--name TITLE] [--content DIR]",
	.about = "Writes a new file into the content folder: customers/ID.xml,\n"
		 "playbooks/NAME.md or cases/NAME.md. The file passes `salesgen check` as\n"
		 "written and lists, as comments, the catalog's products and editions, the\n"
		 "site's reps and stages and the other values to choose from. An existing\n"
		 "file is never overwritten.\n",
	.opts = S_table,
	.notes = "exit status: 0 written, 1 the file could not be written, 2 bad usage\n",
	.operands = SG_CLI_LIST,
	.operand_choices = "customer|playbook|case",
	.run = sg_cmd_new,
};

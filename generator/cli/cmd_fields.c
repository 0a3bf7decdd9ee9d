/*
 * cmd_fields.c - `salesgen fields`: every field a document template can use,
 * from the table the data is built from (document/fields.h).
 *
 * `--markdown` prints the list docs/templates.md holds between its markers;
 * a test compares the two, so the documentation cannot drift from the data.
 */
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "document/fields.h"

int sg_cmd_fields(int argc, char **argv, const sg_env *env)
{
	(void)env;
	bool markdown = false;
	const sg_cli_flag flags[] = {
		{"--markdown", .on = &markdown},
		{NULL},
	};
	sg_cli_args args = {.spec = &sg_cli_fields, .flags = flags, .argc = argc, .argv = argv};
	for (const char *a; (a = sg_cli_next(&args));) {
		fprintf(stderr, "salesgen fields: unknown argument '%s'\n", a);
		sg_cli_help(stderr, &sg_cli_fields);
		return 2;
	}
	if (args.status != SG_CLI_END)
		return args.status == SG_CLI_HELP ? 0 : 2;
	sg_buf out;
	sg_buf_init(&out);
	if (markdown) {
		sg_fields_markdown(&out);
	} else {
		for (size_t i = 0; i < sg_fields_count(); i++) {
			const sg_field *f = sg_fields_at(i);
			const char *form = sg_field_form_name(f->form);
			sg_buf_printf(&out, "%s\t%s%s%s\t%s\t%s\n", f->path, sg_field_type_name(f),
				      *form ? ", " : "", form,
				      f->audience == SG_FIELD_CUSTOMER ? "customer" : "internal",
				      f->what);
		}
	}
	fwrite(out.data, 1, out.len, stdout);
	sg_buf_dispose(&out);
	return 0;
}

static const sg_cli_opt S_table[] = {
	{.name = "--markdown",
	 .help = "the list as docs/templates.md holds it: a table per name"},
	{NULL},
};

const sg_cli_command sg_cli_fields = {
	.name = "fields",
	.summary = "every field a document template can use",
	.usage = "[--markdown]",
	.about = "Lists every field a proposal or report template can use: its name, type,\n"
		 "form, audience (customer: may reach a customer; internal: reports only) and\n"
		 "what it holds, one per line, tab-separated.\n",
	.opts = S_table,
	.run = sg_cmd_fields,
};

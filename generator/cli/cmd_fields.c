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

static void S_usage(FILE *out)
{
	fprintf(out,
		"usage: salesgen fields [--markdown]\n"
		"\n"
		"Lists every field a proposal or report template can use: its name, type,\n"
		"form, audience (customer: may reach a customer; internal: reports only) and\n"
		"what it holds, one per line, tab-separated.\n"
		"\n"
		"  --markdown   the list as docs/templates.md holds it: a table per name\n"
		"  -h, --help   show this help\n");
}

int sg_cmd_fields(int argc, char **argv, const sg_env *env)
{
	(void)env;
	bool markdown = false;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--markdown") == 0) {
			markdown = true;
		} else if (sg_cli_is_help(argv[i])) {
			S_usage(stdout);
			return 0;
		} else {
			fprintf(stderr, "salesgen fields: unknown argument '%s'\n", argv[i]);
			S_usage(stderr);
			return 2;
		}
	}
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

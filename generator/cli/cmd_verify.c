/*
 * cmd_verify.c - `salesgen verify FILE.pdf`: whether a PDF is one the
 * content repository sent (a <sent> record of a customer holds its
 * SHA-256), and whether its signature is intact (render/pdf/pdf_sign.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/fs.h"
#include "base/sha256.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "model/content.h"
#include "render/pdf/pdf_sign.h"

/* A PDF read whole; no document comes near this. */
#define S_FILE_CAP ((size_t)256 * 1024 * 1024)

static const sg_cli_opt S_table[] = {
	{.name = "--content", .alias = "-c", .arg = "DIR", .values = SG_CLI_DIR,
	 .help = "the content folder whose sent records are searched (default: content)"},
	{NULL},
};

const sg_cli_command sg_cli_verify = {
	.name = "verify",
	.summary = "whether a PDF is one the content sent, and its signature intact",
	.usage = "[--content DIR] FILE.pdf",
	.about = "Says whether FILE.pdf is a document this content repository sent: a <sent>\n"
		 "record of a customer holds its SHA-256. Then checks its signature, when it has\n"
		 "one (salesgen build --sign): that the signature covers the whole file but the\n"
		 "signature itself, that nothing was appended after it, and that the CMS\n"
		 "signature verifies over those bytes with the certificate it carries; it names\n"
		 "the signer. Whether that certificate is to be trusted is not checked.\n",
	.opts = S_table,
	.notes = "Exit status: 0 the signature is intact, or the file is unsigned and was sent;\n"
		 "1 the signature is broken, or the file is unsigned and not known as sent;\n"
		 "2 bad usage, or the file cannot be read.\n",
	.operands = SG_CLI_FILE,
	.operand_choices = "*.pdf",
	.run = sg_cmd_verify,
};

/* The <sent> record whose SHA-256 is hex, searched in every customer of
 * content; prints what it says. Returns whether one was found. */
static bool S_known(const char *file, const char *content, const char *hex)
{
	if (!sg_dir_exists(content)) {
		printf("%s: not checked against sent records: no content folder %s\n", file,
		       content);
		return false;
	}
	sg_diags d;
	sg_diags_init(&d);
	sg_content *c = sg_content_load(content, &d);
	bool found = false;
	for (size_t i = 0; i < c->customer_count && !found; i++) {
		const sg_customer *cu = c->customers[i];
		for (size_t k = 0; k < cu->sent_count && !found; k++) {
			const sg_sent *s = &cu->sent[k];
			if (!s->sha256 || strcmp(s->sha256, hex) != 0)
				continue;
			printf("%s: sent: %s of %s on %04d-%02d-%02d (%s, %s)\n", file,
			       s->number ? s->number : "a document", cu->id, s->date.year,
			       s->date.month, s->date.day, cu->path, s->file ? s->file : "");
			found = true;
		}
	}
	if (!found)
		printf("%s: not sent: no <sent> record in %s has its SHA-256 %s\n", file, content,
		       hex);
	sg_content_free(c);
	sg_diags_dispose(&d);
	return found;
}

int sg_cmd_verify(int argc, char **argv, const sg_env *env)
{
	(void)env;
	const char *content = "content", *file = NULL;
	const sg_cli_flag flags[] = {
		{"--content", .value = &content},
		{NULL},
	};
	sg_cli_args args = {.spec = &sg_cli_verify, .flags = flags, .nonempty = true,
			    .argc = argc, .argv = argv};
	for (const char *a; (a = sg_cli_next(&args));) {
		if ((a[0] == '-' && a[1]) || file) {
			fprintf(stderr, "salesgen verify: unexpected argument '%s'\n", a);
			sg_cli_usage(stderr, &sg_cli_verify);
			return 2;
		}
		file = a;
	}
	if (args.status != SG_CLI_END)
		return args.status > 0 ? 0 : 2;
	if (!file) {
		fprintf(stderr, "salesgen verify: which PDF? give FILE.pdf\n");
		sg_cli_usage(stderr, &sg_cli_verify);
		return 2;
	}
	sg_buf b;
	sg_buf_init(&b);
	sg_diags d;
	sg_diags_init(&d);
	if (sg_file_read(file, S_FILE_CAP, &b, &d) != 0) {
		sg_diags_print(&d, stderr);
		sg_diags_dispose(&d);
		sg_buf_dispose(&b);
		return 2;
	}
	sg_diags_dispose(&d);
	char hex[SG_SHA256_HEX];
	sg_sha256_hex(b.data, b.len, hex);
	bool known = S_known(file, content, hex);
	sg_pdf_sig_check c;
	sg_pdf_sig_verify(b.data, b.len, &c);
	int rc = 1;
	switch (c.state) {
	case SG_PDF_SIG_NONE:
		printf("%s: not signed\n", file);
		rc = known ? 0 : 1;
		break;
	case SG_PDF_SIG_INTACT:
		printf("%s: signature intact: signed by %s%s%s; it covers the whole file but "
		       "itself\n",
		       file, c.subject ? c.subject : "an unnamed signer", c.when ? " at " : "",
		       c.when ? c.when : "");
		rc = 0;
		break;
	case SG_PDF_SIG_BROKEN:
		printf("%s: signature broken: %s%s%s\n", file, c.why,
		       c.subject ? "; signed by " : "", c.subject ? c.subject : "");
		rc = 1;
		break;
	}
	sg_pdf_sig_check_dispose(&c);
	sg_buf_dispose(&b);
	return rc;
}

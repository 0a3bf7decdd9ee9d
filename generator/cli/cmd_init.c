/*
 * cmd_init.c - `salesgen init [DIR] [--example]`: a new content folder.
 *
 * The files are compiled into the binary (cmake/embed.cmake): starter/ for
 * the minimal folder, content/ for --example, so an installed salesgen needs
 * no source tree. init writes only into a missing or empty folder: it never
 * mixes its files with a user's.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/fs.h"
#include "base/resource.h"
#include "cli/commands.h"
#include "cli/options.h"

extern const sg_resource sg_starter_files[];
extern const sg_resource sg_example_files[];

/* 1 when dir holds any entry, 0 when it is empty, -1 when it cannot be
 * read (errno set). */
static int S_dir_has_entries(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	int found = 0;
	for (struct dirent *e; (e = readdir(d));)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
			found = 1;
			break;
		}
	closedir(d);
	return found;
}

int sg_cmd_init(int argc, char **argv, const sg_env *env)
{
	(void)env;
	bool example = false;
	const char *dir = NULL;
	const sg_cli_flag flags[] = {
		{"--example", .on = &example},
		{NULL},
	};
	sg_cli_args args = {.spec = &sg_cli_init, .flags = flags, .argc = argc, .argv = argv};
	for (const char *a; (a = sg_cli_next(&args));) {
		if (a[0] == '-' || dir) {
			fprintf(stderr, "salesgen init: unknown argument '%s'\n", a);
			sg_cli_help(stderr, &sg_cli_init);
			return 2;
		}
		dir = a;
	}
	if (args.status != SG_CLI_END)
		return args.status == SG_CLI_HELP ? 0 : 2;
	if (!dir)
		dir = "content";
	if (dir[0] == '\0') {
		fprintf(stderr, "salesgen init: the folder name is empty\n");
		return 2;
	}

	if (access(dir, F_OK) == 0 && !sg_dir_exists(dir)) {
		fprintf(stderr, "salesgen init: %s exists and is not a folder\n", dir);
		return 2;
	}
	if (sg_dir_exists(dir)) {
		int has = S_dir_has_entries(dir);
		if (has != 0) {
			if (has < 0)
				fprintf(stderr, "salesgen init: cannot read %s: %s\n", dir,
					strerror(errno));
			else
				fprintf(stderr,
					"salesgen init: %s is not empty: init writes only into a "
					"new or empty folder\n",
					dir);
			return 2;
		}
	}
	if (sg_mkdir_p(dir) != 0) {
		fprintf(stderr, "salesgen init: cannot make %s: %s\n", dir, strerror(errno));
		return 1;
	}

	const sg_resource *table = example ? sg_example_files : sg_starter_files;
	size_t n = 0;
	for (const sg_resource *r = table; r->name; r++, n++) {
		char *path = sg_xasprintf("%s/%s", dir, r->name);
		int rc = sg_file_write_atomic(path, r->data, r->len);
		if (rc != 0)
			fprintf(stderr, "salesgen init: cannot write %s: %s\n", path, strerror(errno));
		free(path);
		if (rc != 0)
			return 1;
	}
	fprintf(stderr, "made %s with %zu files%s; next: salesgen check --content %s\n", dir, n,
		example ? " (the sample content)" : "", dir);
	return 0;
}

static const sg_cli_opt S_table[] = {
	{.name = "--example",
	 .help = "the full sample content"},
	{NULL},
};

const sg_cli_command sg_cli_init = {
	.name = "init",
	.summary = "make a new content folder to start from",
	.usage = "[DIR] [--example]",
	.about = "Makes a new content folder DIR (default: content). By default it holds a\n"
		 "minimal content: a vendor (site.xml), a catalog with one product and its\n"
		 "editions, one customer, the default proposal and report templates and a\n"
		 "playbook, with comments that say what to change. With --example it holds\n"
		 "the full sample content instead. DIR must be missing or empty.\n",
	.opts = S_table,
	.notes = "exit status: 0 made, 1 a file could not be written, 2 bad usage or DIR\n"
		 "not empty\n",
	.operands = SG_CLI_DIR,
	.run = sg_cmd_init,
};

#include "build/playbooks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/fs.h"
#include "layout/style.h"
#include "render/pdf/pdf_doc.h"
#include "render/pdf/pdf_mdoc.h"

typedef struct S_arg {
	const sg_playbook_targets *p;
	const sg_doc *doc;
} S_arg;

struct sg_playbook_targets {
	sg_style style;
	bool style_ok;
	const sg_content *c;
	sg_date date; /* SOURCE_DATE_EPOCH, else unset: the front matter's date */
	S_arg *args;  /* one per target; the engine holds pointers into it */
	size_t count;
};

static int S_produce(const sg_produce *pr, sg_buf *out)
{
	const S_arg *a = pr->arg;
	sg_pdf_mdoc_opts o = {
		.style = &a->p->style,
		.content_dir = a->p->c->dir,
		.date = a->p->date,
		.fallback_time = 0, /* never the clock: the same bytes on every build */
	};
	return sg_pdf_render_mdoc(out, a->doc, &o, pr->d);
}

sg_playbook_targets *sg_build_add_playbooks(sg_engine *e, const sg_content *c,
					    const char *theme_dir, sg_diags *d)
{
	sg_playbook_targets *p = sg_xcalloc(1, sizeof *p);
	p->c = c;
	p->style_ok = sg_pdf_style_load(&p->style, theme_dir, d) == 0;
	if (!p->style_ok)
		return p; /* the error is reported; no playbook can be set */
	if (getenv("SOURCE_DATE_EPOCH"))
		p->date = sg_engine_build_date(e);
	S_arg *args = p->args = sg_xcalloc(c->doc_count ? c->doc_count : 1, sizeof *args);
	char *style_file = theme_dir ? sg_path_join(theme_dir, "pdf.yaml") : NULL;
	for (size_t i = 0; i < c->doc_count; i++) {
		const sg_doc *doc = c->docs[i];
		if (doc->kind != SG_DOC_PLAYBOOK)
			continue;
		args[p->count] = (S_arg){p, doc};
		char path[256], rel[256];
		snprintf(path, sizeof path, "playbooks/%s.pdf", doc->slug);
		snprintf(rel, sizeof rel, "playbooks/%s.md", doc->slug);
		sg_target *t = sg_engine_add(e, "playbook", path, S_produce, &args[p->count]);
		sg_target_source(t, doc->path);
		sg_target_input_content(t, rel);
		if (p->style.logo) {
			char *logo = sg_path_join(c->dir, p->style.logo);
			if (sg_file_exists(logo))
				sg_target_input_content(t, p->style.logo);
			free(logo);
		}
		if (style_file && sg_file_exists(style_file))
			sg_target_input_file(t, "theme:pdf.yaml", style_file);
		if (p->date.year)
			sg_target_input_build_date(t);
		p->count++;
	}
	free(style_file);
	return p;
}

void sg_playbook_targets_free(sg_playbook_targets *p)
{
	if (!p)
		return;
	free(p->args);
	if (p->style_ok)
		sg_style_dispose(&p->style);
	free(p);
}

#include "render/pdf/pdf_mdoc.h"

#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/value.h"
#include "model/doc.h"

static const char *S_front(const sg_doc *doc, const char *key, sg_arena *a)
{
	const sg_value *v = sg_map_get(doc->front, key);
	if (!v || v->kind == SG_VAL_LIST || v->kind == SG_VAL_MAP || v->kind == SG_VAL_NULL)
		return NULL;
	sg_buf b;
	sg_buf_init(&b);
	sg_value_to_text(v, &b);
	const char *r = b.len ? sg_arena_strdup(a, b.data) : NULL;
	sg_buf_dispose(&b);
	return r;
}

/* Where front matter key is written, else (path NULL) unknown. */
static sg_pos S_front_pos(const sg_doc *doc, const char *key)
{
	const sg_value *v = sg_map_get(doc->front, key);
	return v ? sg_pos_make(doc->path, v->line, 0) : sg_pos_make(NULL, 0, 0);
}

/* The cover's fields: the front matter's customer, number, author and
 * version, the date, then the caller's extra fields, labelled in lang.
 * Arrays on the heap (*pos: where each value is written); returns their
 * number. */
static size_t S_fields(const sg_doc *doc, const sg_pdf_mdoc_opts *o, const sg_style *s,
		       const char *lang, sg_date date, sg_arena *a, sg_pdf_field **fields_out,
		       sg_pos **pos_out)
{
	static const char *keys[] = {"customer", "number", "author", "version"};
	size_t nf = 0;
	sg_pdf_field *fields = sg_xcalloc(8 + o->nextra, sizeof *fields);
	sg_pos *field_pos = sg_xcalloc(8 + o->nextra, sizeof *field_pos);
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		const char *v = S_front(doc, keys[i], a);
		if (v) {
			field_pos[nf] = S_front_pos(doc, keys[i]);
			fields[nf++] = (sg_pdf_field){sg_style_label(s, lang, keys[i], keys[i]), v};
		}
	}
	if (sg_date_is_set(date)) {
		/* As the proposals write a date: 2026年10月8日, 8 October 2026. */
		static const char *const months[12] = {
			"January", "February", "March",     "April",   "May",      "June",
			"July",    "August",   "September", "October", "November", "December"};
		const char *text =
			strncmp(lang, "zh", 2) == 0
				? sg_arena_printf(a, "%d年%d月%d日", date.year, date.month, date.day)
				: sg_arena_printf(a, "%d %s %d", date.day, months[date.month - 1],
						  date.year);
		fields[nf++] = (sg_pdf_field){sg_style_label(s, lang, "date", "Date"), text};
	}
	for (size_t i = 0; i < o->nextra; i++)
		fields[nf++] = o->extra[i];
	*fields_out = fields;
	*pos_out = field_pos;
	return nf;
}

/* The folder of the document's file, where its images are looked up. Heap. */
static char *S_base_dir(const sg_doc *doc)
{
	char *base = sg_xstrdup(doc->path);
	char *slash = strrchr(base, '/');
	if (slash)
		*slash = '\0';
	else
		strcpy(base, ".");
	return base;
}

/* The tags as the PDF's keywords ("a, b, c"), or NULL. */
static const char *S_keywords(const sg_doc *doc, sg_arena *a)
{
	if (doc->tag_count == 0)
		return NULL;
	sg_buf kb;
	sg_buf_init(&kb);
	for (size_t i = 0; i < doc->tag_count; i++)
		sg_buf_printf(&kb, "%s%s", i ? ", " : "", doc->tags[i]);
	const char *keywords = sg_arena_strdup(a, kb.data);
	sg_buf_dispose(&kb);
	return keywords;
}

int sg_pdf_render_mdoc(sg_buf *out, const sg_doc *doc, const sg_pdf_mdoc_opts *o, sg_diags *d)
{
	sg_arena a;
	sg_arena_init(&a);
	sg_style defstyle;
	const sg_style *s = o->style;
	if (!s) {
		sg_style_init(&defstyle);
		s = &defstyle;
	}
	const char *lang = doc->lang ? doc->lang : "zh-CN";
	/* A document that says when it was written is dated so, on its cover
	 * and in the PDF: a playbook of October stays of October whenever the
	 * site is built. Else the build date. */
	sg_date date = o->date;
	const char *fdate = S_front(doc, "date", &a);
	sg_date written;
	if (fdate && sg_date_parse(fdate, &written))
		date = written;
	sg_pdf_field *fields;
	sg_pos *field_pos;
	size_t nf = S_fields(doc, o, s, lang, date, &a, &fields, &field_pos);
	char *base = S_base_dir(doc);

	/* The document's one tree, shared with its page of the site. */
	const sg_mdtree *tree = sg_doc_tree(doc);
	sg_pdf_job job = {
		.body = tree->root,
		.path = doc->path,
		.first_line = doc->body_line,
		.base_dir = base,
		.content_dir = o->content_dir,
		.style = s,
		.lang = lang,
		.cover = !o->no_cover,
		.title = doc->title,
		.subtitle = doc->summary,
		/* A title from the front matter is named at its line; one from
		 * the first heading or the file name, by the file. */
		.title_pos = S_front_pos(doc, "title"),
		.subtitle_pos = S_front_pos(doc, "summary"),
		.fields = fields,
		.nfields = nf,
		.field_pos = field_pos,
		.toc = o->toc,
		.author = S_front(doc, "author", &a),
		.subject = doc->summary,
		.keywords = S_keywords(doc, &a),
		.watermark = o->watermark,
		.date = sg_date_is_set(date) ? sg_date_to_days(date) * 86400 : o->fallback_time,
		.stats = o->stats,
	};
	int rc = sg_pdf_render_doc(out, &job, d);
	sg_doc_tree_release(doc, tree);
	free(base);
	free(fields);
	free(field_pos);
	if (s == &defstyle)
		sg_style_dispose(&defstyle);
	sg_arena_dispose(&a);
	return rc;
}

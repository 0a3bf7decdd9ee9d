/*
 * pdf_support.c - a page of text in one font, for the PDF writer's tests.
 */
#include "support.h"

#include "pdf_support.h"
#include "render/pdf/pdf_content.h"

void sg_test_pdf_font_page(sg_pdf_file *f, sg_pdf_font *pf, const uint16_t *codes, size_t n)
{
	sg_pdf_content c;
	sg_pdf_content_init(&c);
	sg_pdf_content_begin_text(&c);
	sg_pdf_content_font(&c, sg_pdf_font_obj(pf), 12);
	sg_pdf_content_show(&c, codes, n);
	sg_pdf_content_end_text(&c);
	sg_pdf_page p = {100, 100, NULL, 0, NULL, 0, NULL, 0};
	sg_pdf_content_page(&c, &p);
	assert_int_equal(sg_pdf_file_page_add(f, &p), 0);
	sg_diags d;
	sg_diags_init(&d);
	assert_int_equal(sg_pdf_font_write(pf, sg_pos_make(NULL, 0, 0), &d), 0);
	assert_int_equal(d.count, 0);
	sg_diags_dispose(&d);
	assert_int_equal(sg_pdf_file_finish(f), 0);
	sg_pdf_content_dispose(&c);
}

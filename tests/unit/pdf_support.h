/*
 * pdf_support.h - a page of text in one font, for the PDF writer's tests.
 */
#ifndef SG_TEST_PDF_SUPPORT_H
#define SG_TEST_PDF_SUPPORT_H

#include <stddef.h>
#include <stdint.h>

#include "render/pdf/pdf_file.h"
#include "render/pdf/pdf_embed.h"

/* Adds to f a 100 x 100 page showing codes[0..n) of pf at 12 pt, writes the
 * font and finishes the file; fails the test on any error. */
void sg_test_pdf_font_page(sg_pdf_file *f, sg_pdf_font *pf, const uint16_t *codes, size_t n);

#endif

/*
 * pdf_chart.h - vector bar and line charts for PDFs (the five-year cost
 * comparison of a proposal, a pipeline by stage).
 *
 * A chart is data (categories, series of values, a title) laid out as boxes
 * like everything else: axes, grid lines, tick labels at "nice" steps, bars
 * or polylines with point markers, a legend. It enters a document as a
 * chart node of the document tree (SG_MD_CHART, as the document stage makes
 * them: sg_pdf_chart_layout draws its sg_mdchart), or as a generated block:
 * put `<!-- salesgen:block NAME -->` in the Markdown and pass
 * sg_pdf_chart_block(chart, "NAME") in sg_pdf_job.blocks. The chart must then
 * outlive sg_pdf_render_doc().
 */
#ifndef SG_RENDER_PDF_PDF_CHART_H
#define SG_RENDER_PDF_PDF_CHART_H

#include <stddef.h>
#include <stdint.h>

#include "layout/layout.h"
#include "load/doctree.h"

typedef enum sg_pdf_chart_kind { SG_PDF_CHART_BAR, SG_PDF_CHART_LINE } sg_pdf_chart_kind;

typedef struct sg_pdf_chart sg_pdf_chart;

/* A chart with an optional title (copied). Free with sg_pdf_chart_free(). */
sg_pdf_chart *sg_pdf_chart_new(sg_pdf_chart_kind kind, const char *title);
void sg_pdf_chart_free(sg_pdf_chart *c);

/* The labels of the x axis (copied). */
void sg_pdf_chart_categories(sg_pdf_chart *c, const char *const *labels, size_t n);
/* A series: one value per category (extra values are ignored, missing ones
 * are 0); color 0 picks the next colour of the palette. Copied. */
void sg_pdf_chart_add_series(sg_pdf_chart *c, const char *name, const double *values, size_t n,
			     uint32_t color);
/* The unit after tick labels ("万元"), and the height in points (default
 * 200). */
void sg_pdf_chart_unit(sg_pdf_chart *c, const char *unit);
void sg_pdf_chart_height(sg_pdf_chart *c, double h);

/* The generated block that lays the chart out. */
sg_gen_block sg_pdf_chart_block(const sg_pdf_chart *c, const char *name);

/* Lays out the chart of a chart node (sg_layout_opts.chart; arg unused):
 * the same as a chart made with the calls above from its fields. */
double sg_pdf_chart_layout(void *arg, sg_layout_ctx *ctx, const sg_mdchart *chart,
			   double width, double max_height);

#endif

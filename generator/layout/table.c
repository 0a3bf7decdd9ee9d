/*
 * table.c - GFM tables: columns fitted to their content, text wrapped in
 * cells, numeric columns set flush right, the header row shaded and repeated
 * on every page the table reaches.
 *
 * Column widths: each cell is measured twice, its natural width (no
 * wrapping) and its minimum (the widest unbreakable piece, at most eight
 * ems so that one long address cannot starve the other columns); a number
 * and its unit are one piece, a short header is never broken and a long
 * one takes two lines at most. tablefit.h says how the columns share the
 * measure.
 *
 * Too wide: a table whose short cells cannot each keep to one line is set
 * smaller as a whole (text, inline images, padding) until they can, but
 * not below SG_TABLE_MIN_SIZE; one whose unbreakable pieces do not fit
 * even then is an error at its line (S_scale). A column is never set
 * narrower than its widest unbreakable piece, so text never overprints.
 *
 * Rows: the lines of a row's cells share one grid (line k of every cell
 * starts at the same height), and a body row is one flow item per line of
 * that grid, kept together. A row that fits on a page moves to the next one
 * whole; a row taller than a page is cut between two lines and goes on
 * under the header row repeated on the next page (paginate.c). A page
 * break leaves at least two body rows on each side (unless one is tall
 * enough to stand alone) and never parts a total row (bold) from the row
 * before it; a table shorter than a third of the body moves to the next
 * page whole (S_keep_rows).
 *
 * Memory: a body row's cells are kept as one released text (layout.h), each
 * cell a part of it; the cells are made and set in scratch room, per column.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/utf8.h"
#include "layout/layout_int.h"
#include "layout/tablefit.h"
#include "load/doctree.h"

typedef struct S_cell {
	sg_ltext *t;   /* its own text; NULL when it is missing or ... */
	sg_ltext *row; /* ... part `part` of its row's text (sg_ltext.parts) */
	size_t part;
	double min, max; /* its widest unbreakable piece; its width on one line (a
			  * long header: in two lines, tablefit.h) */
	double full;     /* its width on one line */
	bool warns; /* holds a character no font has: keeps its lines for the warning */
	bool bold;  /* has text, all of it bold (a total row's cells are) */
	int node;   /* its TH or TD node */
} S_cell;

/* What a table keeps per column. */
typedef struct S_column {
	bool numeric;     /* every body cell that has text is a number */
	sg_ltext scratch; /* where the column's cell is made (S_scratch_reset) */
	sg_lines spare;   /* the lines the column's cell borrows */
	/* While a row is set: */
	sg_ltext *lt;       /* the cell: its own text, or `view` of its part of the row's */
	sg_ltext view;
	sg_text_run *vruns; /* the view's runs (sg_ltext_part_view) */
	size_t vcap;
	size_t line0; /* the first line of its part among the row's lines */
} S_column;

/* Whether t's lines hold a character the layout warns about (blocks.c). */
static bool S_warns(const sg_ltext *t)
{
	for (size_t k = 0; k < t->lines.nitems; k++)
		if (t->lines.items[k].flags & SG_ITEM_MISSING)
			return true;
	return false;
}

/* Whether p has text other than white space and all of it is bold. */
static bool S_all_bold(const sg_para *p)
{
	bool text = false;
	for (size_t r = 0; r < p->nruns; r++) {
		const sg_text_run *run = &p->runs[r];
		bool blank = true;
		for (size_t i = run->start; i < run->end && blank; i++)
			blank = strchr(" \t\n", p->text.data[i]) != NULL;
		if (blank)
			continue;
		if (!(run->style & SG_FONT_BOLD))
			return false;
		text = true;
	}
	return text;
}

/* Moves the lines of from into to (left empty). */
static void S_move_lines(sg_lines *to, sg_lines *from)
{
	*to = *from;
	sg_lines_init(from);
}

/* A cell's text is made in scratch room, one per column, reused from row
 * to row: a row of cells that can share one text never allocates its own. */
static void S_scratch_reset(sg_ltext *t, const sg_fontset *fs, sg_pos pos)
{
	if (!t->para.text.data)
		sg_para_init(&t->para);
	sg_para_clear(&t->para);
	t->fs = fs;
	t->pos = pos;
}

static void S_scratch_dispose(sg_ltext *t)
{
	if (t->para.text.data)
		sg_para_dispose(&t->para);
	free(t->attrs);
	free(t->images);
	sg_lines_dispose(&t->lines);
}

/* The cell in scratch room t as a text of its own in l (t is left empty). */
static sg_ltext *S_own_text(sg_layout *l, sg_ltext *t)
{
	sg_ltext *own = sg_layout_new_text(l, t->fs, t->pos);
	*own = *t;
	memset(t, 0, sizeof *t);
	sg_ltext_pack(l, own);
	return own;
}

/* The n cells of a row, in the scratch room of the first n columns, as one
 * released text in l: their runs, attributes and text one after the other
 * in its arena, a part each. */
static sg_ltext *S_row_text(sg_layout *l, const S_column *col, size_t n, S_cell *cells)
{
	size_t nruns = 0, len = 0;
	for (size_t k = 0; k < n; k++) {
		nruns += col[k].scratch.para.nruns;
		len += col[k].scratch.para.text.len;
	}
	sg_ltext *row = sg_layout_new_text(l, col[0].scratch.fs, col[0].scratch.pos);
	/* Parts, runs (both 8-byte aligned), attributes, text. */
	size_t parts_sz = n * sizeof *row->parts, runs_sz = nruns * sizeof *row->para.runs;
	size_t attrs_sz = nruns * sizeof *row->attrs;
	char *m = sg_arena_alloc(sg_layout_text_arena(l), parts_sz + runs_sz + attrs_sz + len + 1);
	sg_lpart *parts = (sg_lpart *)(void *)m;
	sg_text_run *runs = (sg_text_run *)(void *)(m + parts_sz);
	sg_run_attr *attrs = (sg_run_attr *)(void *)(m + parts_sz + runs_sz);
	char *text = m + parts_sz + runs_sz + attrs_sz;
	size_t r = 0, off = 0;
	for (size_t k = 0; k < n; k++) {
		const sg_para *p = &col[k].scratch.para;
		parts[k].run0 = r;
		for (size_t j = 0; j < p->nruns; j++, r++) {
			runs[r] = p->runs[j];
			runs[r].start += off;
			runs[r].end += off;
			attrs[r] = col[k].scratch.attrs[j];
		}
		parts[k].run1 = r;
		parts[k].measure = 0; /* the column's width, once known */
		memcpy(text + off, p->text.data, p->text.len);
		off += p->text.len;
		cells[k].row = row;
		cells[k].part = k;
	}
	/* Packed and released from the start: the arena holds it all, and it
	 * keeps no lines. */
	row->para = (sg_para){.text = {text, len, 0}, .runs = runs, .nruns = nruns, .cap = nruns};
	row->attrs = attrs;
	row->attrs_cap = nruns;
	row->packed = row->released = true;
	row->parts = parts;
	row->nparts = n;
	return row;
}

/* Numbers, money and percentages: "1,200", "¥ 96.00", "-5%", "0.85". */
static bool S_numeric(const char *s)
{
	bool digit = false;
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = sg_utf8_decode(s + i, len - i, &cp);
		if (n == 0)
			return false;
		if (cp >= '0' && cp <= '9')
			digit = true;
		else if (!strchr(" ,.%+-()$", (int)cp) && cp != 0xA5 && cp != 0xFFE5 && cp != 0x20AC &&
			 cp != 0x2212 && cp != 0xD7 && cp != 0x2014)
			return false;
		i += n;
	}
	return digit;
}

/* What column c's cells need so far, each cell folded in as measured:
 * the widths only depend on the largest of each (a report's table of a
 * hundred thousand rows keeps no row's cells once it is measured). */
static void S_need_add(sg_colneed *need, const S_cell *ce)
{
	need->min = fmax(need->min, ce->min);
	need->max = fmax(need->max, ce->max);
	need->full = fmax(need->full, ce->full);
}

/* The widths w of the table's cols columns, to share avail points (the
 * measure without the padding): what each column needs (tablefit.h). */
static void S_fit(double *w, const sg_colneed *need0, size_t cols, double avail)
{
	sg_colneed *need = sg_xcalloc(cols, sizeof *need);
	for (size_t c = 0; c < cols; c++) {
		need[c] = need0[c];
		need[c].max = fmax(need[c].max, need[c].min);
		need[c].full = fmax(need[c].full, need[c].max);
	}
	sg_tablefit_widths(w, need, cols, avail);
	free(need);
}

/* Per column, the width its cells need: their minimum, or with comfort > 0
 * their natural width up to comfort (never less than the minimum). The
 * largest over the cells of max(min, min(max, comfort)) is that of the
 * largest minimum and largest natural width. */
static double *S_col_widths(const sg_colneed *need, size_t cols, double comfort)
{
	double *w = sg_xcalloc(cols, sizeof *w);
	for (size_t c = 0; c < cols; c++)
		w[c] = comfort > 0 ? fmax(need[c].min, fmin(need[c].max, comfort)) : need[c].min;
	return w;
}

static int S_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The columns' total width, padding included, at the table's size. */
static double S_total(const double *w, size_t cols, double pad)
{
	double sum = 0;
	for (size_t c = 0; c < cols; c++)
		sum += w[c] + pad;
	return sum;
}

/* Whether the unbreakable pieces of the first `rows` rows of cells, with
 * the padding, fit the measure when set at k times their size. */
static bool S_fits(const sg_blocks *b, const sg_colneed *need, size_t cols, double k)
{
	double *mn = S_col_widths(need, cols, 0);
	double total = S_total(mn, cols, 2 * b->s->table_pad_x) * k;
	free(mn);
	return total <= b->width;
}

/* The error for a table whose rows (so far) do not fit at the smallest
 * size, with how many of its columns could: the narrowest first, so no
 * more than that can. */
static void S_too_wide(sg_blocks *b, const sg_mdnode *table, const sg_colneed *need, size_t cols)
{
	double size = b->s->table.size, pad = 2 * b->s->table_pad_x;
	double floor_size = fmin(SG_TABLE_MIN_SIZE, size), k = floor_size / size, used = 0;
	double *mn = S_col_widths(need, cols, 0);
	qsort(mn, cols, sizeof *mn, S_cmp_double);
	size_t n = 0;
	while (n < cols && used + (mn[n] + pad) * k <= b->width)
		used += (mn[n++] + pad) * k;
	free(mn);
	sg_error(b->d, sg_pos_make(b->o->path, sg_mdnode_line(table), 0),
		 "table has %zu column%s; at most %zu fit%s the page width at %g pt "
		 "(split it or turn it into a list)",
		 cols, cols == 1 ? "" : "s", n, n == 1 ? "s" : "", floor_size);
	b->errors++;
}

/* How much smaller the table must be set to fit the measure: 1 when it fits
 * as it is, else a factor that brings its size to a tenth of a point, or 0
 * after an error at the table's line when it cannot fit at all.
 *
 * A table fits comfortably when every column is as wide as its widest
 * unbreakable piece and every short cell (up to S_COMFORT ems) fits on one
 * line: numbers and short labels are not broken, longer text wraps. A table
 * that does not fit comfortably is set smaller until it does, but not below
 * SG_TABLE_MIN_SIZE; at that size it must at least fit its unbreakable
 * pieces (short cells may then wrap), or it is an error. Text widths scale
 * with the size, and the padding is scaled with it. */
#define S_COMFORT 6
static double S_scale(sg_blocks *b, const sg_mdnode *table, const sg_colneed *need, size_t cols)
{
	double size = b->s->table.size;
	double *cw = S_col_widths(need, cols, S_COMFORT * size);
	double comfort = S_total(cw, cols, 2 * b->s->table_pad_x);
	free(cw);
	if (comfort <= b->width)
		return 1;
	double floor_size = fmin(SG_TABLE_MIN_SIZE, size);
	double fit = fmax(floor(size * b->width / comfort * 10) / 10, floor_size);
	if (!S_fits(b, need, cols, fit / size)) {
		S_too_wide(b, table, need, cols);
		return 0;
	}
	return fit / size;
}

/* Text t (a cell's, or a row's shared by its cells) set k times its size:
 * its runs and inline images. */
static void S_scale_text(sg_ltext *t, double k)
{
	for (size_t j = 0; j < t->para.nruns; j++) {
		t->para.runs[j].size *= k;
		t->para.runs[j].object *= k;
	}
	for (size_t j = 0; j < t->nimages; j++) {
		t->images[j].w *= k;
		t->images[j].h *= k;
	}
}

/* The n cells of a row set k times their size: their texts (a row's text
 * is shared by its cells, so it is scaled once). */
static void S_scale_row(S_cell *cells, size_t n, double k)
{
	sg_ltext *row = NULL;
	for (size_t c = 0; c < n; c++) {
		S_cell *ce = &cells[c];
		sg_ltext *t = ce->t;
		if (ce->row && !row)
			t = row = ce->row; /* packed in the arena, not yet set */
		if (t)
			S_scale_text(t, k);
	}
}

/* ---------------------------------------------------------------- the table */

/* A table being laid out.
 *
 * A report's table may have ten thousand rows. A body row's cells become
 * one text that keeps only their runs and characters, packed
 * (sg_ltext.parts); a cell borrows lines (one set per column, reused from
 * row to row) while it is measured and set, and gives them back once its
 * boxes are made (sg_ltext_open sets them again to draw). The first row (a
 * list item's marker reads its lines: blocks.c), a cell the layout will
 * warn about and a cell with an image (its image boxes need a text of its
 * own) keep texts of their own.
 *
 * The widths need every row measured before the first is set, but not
 * every row kept: a row is measured, folded into its columns' needs, and
 * let go; it is made again, the same, when it is set, into the texts of
 * the page it goes on (which are let go with that page when the body is
 * drawn as it is laid out: layout.h). A row whose making leaves more than
 * its text (a link, an image, a message, a text of its own) is kept as
 * measured instead. */
typedef struct S_table {
	sg_blocks *b;
	const sg_mdnode *node;
	size_t rows, cols;
	const uint8_t *align; /* per column: 'l', 'c', 'r', or 0 when not written */
	S_cell *cells;        /* cols of them: the row being measured or set */
	S_cell **kept;        /* per row: its cells as measured, or NULL: made again */
	int *tr;              /* per row: its TR node; a row made again has its cells' next */
	sg_colneed *need;     /* per column: what its cells need (S_need_add) */
	bool *heads;          /* per row: a header row */
	bool *totals;         /* per row: a total row (S_measure_row) */
	size_t *row_end;      /* per row: its last item in the flow, once set */
	S_column *col;        /* cols of them */
	sg_buf plain; /* while measuring: a body cell's plain text, to tell a number */
	size_t *binds; /* while measuring: the spaces of a cell that bind (S_bind_units) */
	size_t binds_cap;
	/* Once the size is known (S_table_place): */
	double scale;        /* the table's size as a share of the style's */
	double size, px, py; /* the text's size and the cells' padding, scaled */
	double *w;           /* per column: its width inside the padding */
	int id;              /* the table in the flow (sg_flow_table) */
	double before;       /* the room above the table */
	double *grid;        /* per line of the row being set: its height */
	size_t grid_cap;
	int snode;           /* its Table node (structure) */
} S_table;

static void S_table_init(S_table *t, sg_blocks *b, const sg_mdnode *node, size_t rows,
			 size_t cols)
{
	memset(t, 0, sizeof *t);
	t->b = b;
	t->node = node;
	t->rows = rows;
	t->cols = cols;
	t->align = sg_mdnode_table_alignments(node);
	t->cells = sg_xcalloc(cols, sizeof *t->cells);
	t->kept = sg_xcalloc(rows, sizeof *t->kept);
	t->tr = sg_xcalloc(rows, sizeof *t->tr);
	t->need = sg_xcalloc(cols, sizeof *t->need);
	t->heads = sg_xcalloc(rows, sizeof *t->heads);
	t->totals = sg_xcalloc(rows, sizeof *t->totals);
	t->row_end = sg_xcalloc(rows, sizeof *t->row_end);
	t->col = sg_xcalloc(cols, sizeof *t->col);
	t->w = sg_xcalloc(cols, sizeof *t->w);
	for (size_t c = 0; c < cols; c++) {
		t->col[c].numeric = rows > 1;
		sg_lines_init(&t->col[c].spare);
	}
	sg_buf_init(&t->plain);
}

/* The cells' texts stay: the layout's arenas hold them. */
static void S_table_dispose(S_table *t)
{
	for (size_t c = 0; c < t->cols; c++) {
		sg_lines_dispose(&t->col[c].spare);
		free(t->col[c].vruns);
		S_scratch_dispose(&t->col[c].scratch);
	}
	for (size_t r = 0; r < t->rows; r++)
		free(t->kept[r]);
	free(t->kept);
	free(t->tr);
	free(t->need);
	free(t->col);
	free(t->w);
	free(t->heads);
	free(t->totals);
	free(t->row_end);
	free(t->cells);
	free(t->grid);
	free(t->binds);
}

/* ---- measuring */

/* A cell's minimum is its widest unbreakable piece, but at most S_MAX_MIN
 * ems, so that one long address cannot starve the other columns; a header
 * of up to S_HEAD_WHOLE ems is never broken (tablefit.h). */
#define S_MAX_MIN 8
#define S_HEAD_WHOLE 6

/* The spaces of p that bind a number to its unit become no-break spaces
 * (tablefit.h): the line breaker keeps the two together, and the cell's
 * minimum width holds them. */
static void S_bind_units(S_table *t, sg_para *p)
{
	size_t n = sg_tablefit_binds(p->text.data, p->text.len, &t->binds, &t->binds_cap);
	if (n == 0)
		return;
	sg_buf text;
	sg_buf_init(&text);
	size_t from = 0;
	for (size_t k = 0; k < n; k++) {
		sg_buf_put(&text, p->text.data + from, t->binds[k] - from);
		sg_buf_puts(&text, "\xC2\xA0"); /* U+00A0 for the space */
		from = t->binds[k] + 1;
	}
	sg_buf_put(&text, p->text.data + from, p->text.len - from);
	/* Each run moves on by a byte per space replaced before it. */
	size_t k = 0, j = 0;
	for (size_t r = 0; r < p->nruns; r++) {
		sg_text_run *run = &p->runs[r];
		while (k < n && t->binds[k] < run->start)
			k++;
		while (j < n && t->binds[j] < run->end)
			j++;
		run->start += k;
		run->end += j;
	}
	sg_buf_dispose(&p->text);
	p->text = text;
}

/* Makes cell c of row ri (column ci) in its column's scratch room and
 * measures it. Returns whether it can be a part of its row's text: not when
 * the layout will warn about it or it holds an image. */
static bool S_measure_cell(S_table *t, const sg_mdnode *c, size_t ci, bool head)
{
	sg_blocks *b = t->b;
	const sg_block_style *ts = &b->s->table;
	sg_ltext *st = &t->col[ci].scratch;
	S_scratch_reset(st, b->o->table_fs, sg_pos_make(b->o->path, sg_mdnode_line(c), 0));
	st->para.punct = b->l->punct;
	sg_blocks_inlines(b, st, c, head ? SG_FONT_BOLD : SG_FONT_REGULAR, ts->size, ts->color);
	S_bind_units(t, &st->para);
	/* Cells are measured one at a time: they all borrow column 0's lines. */
	S_move_lines(&st->lines, &t->col[0].spare);
	sg_linebreak(&st->lines, &st->para, st->fs, 1e6, false);
	S_cell *ce = &t->cells[ci];
	sg_ltext_widths(st, &ce->min, &ce->max);
	ce->full = ce->max;
	ce->warns = S_warns(st);
	ce->bold = S_all_bold(&st->para);
	ce->min = fmin(ce->min, ts->size * S_MAX_MIN); /* see the top */
	if (head && t->rows > 1) {
		/* A header fits: whole when short, else in two lines; it counts
		 * at its full width only once the other cells have theirs. */
		double hm = ce->full <= ts->size * S_HEAD_WHOLE ? ce->full
								 : sg_tablefit_two_lines(&st->lines);
		ce->min = fmax(ce->min, fmin(hm, ts->size * S_MAX_MIN));
		ce->max = fmax(ce->min, fmin(hm, ce->full));
	}
	S_move_lines(&t->col[0].spare, &st->lines);
	if (!head) {
		sg_buf_clear(&t->plain);
		sg_mdnode_text_buf(c, &t->plain);
		if (t->plain.len > 0 && !S_numeric(t->plain.data))
			t->col[ci].numeric = false;
	}
	return !ce->warns && st->nimages == 0;
}

/* The messages told so far. */
static size_t S_told(const sg_diags *d)
{
	return sg_diags_count(d, SG_ERROR) + sg_diags_count(d, SG_WARNING);
}

/* Makes and measures the cells of row r (row ri), folded into the columns'
 * needs; then keeps them (as parts of one text for the row when they can
 * be, else as texts of their own), or, when making them again makes
 * nothing but their text (see the top), lets them go. */
static void S_measure_row(S_table *t, const sg_mdnode *r, size_t ri)
{
	sg_blocks *b = t->b;
	sg_layout *l = b->l;
	bool head = sg_mdnode_row_is_header(r);
	t->heads[ri] = head;
	bool one = ri > 0 && !b->o->keep_lines; /* the row as one text */
	size_t ci = 0, nodes = l->nnodes, links = l->nlinks, told = S_told(b->d);
	memset(t->cells, 0, t->cols * sizeof *t->cells);
	int tr = t->tr[ri] = sg_layout_node(l, SG_ROLE_TR, t->snode, NULL), outer = b->node;
	for (const sg_mdnode *c = sg_mdnode_first_child(r); c && ci < t->cols;
	     c = sg_mdnode_next(c), ci++) {
		/* The cell's node, made before its text: links are parts of it. */
		b->node = t->cells[ci].node =
			sg_layout_node(l, head ? SG_ROLE_TH : SG_ROLE_TD, tr, NULL);
		if (!S_measure_cell(t, c, ci, head))
			one = false;
	}
	b->node = outer;
	S_cell *cells = t->cells;
	/* A total row: a body row whose cells with text are all bold. */
	size_t bold = 0, filled = 0;
	for (size_t k = 0; k < ci; k++) {
		bold += cells[k].bold;
		filled += cells[k].max > 0;
		S_need_add(&t->need[k], &cells[k]);
	}
	t->totals[ri] = !head && bold > 0 && bold == filled;
	bool again = one && ci > 0 && !head && l->nnodes == nodes + 1 + ci && l->nlinks == links &&
		     S_told(b->d) == told;
	if (again)
		return;
	/* Kept: made before any row is set, so kept to the end. */
	l->pinned++;
	if (one && ci > 0)
		S_row_text(l, t->col, ci, cells);
	else
		for (size_t k = 0; k < ci; k++)
			cells[k].t = S_own_text(l, &t->col[k].scratch);
	l->pinned--;
	t->kept[ri] = sg_xmalloc(t->cols * sizeof *cells);
	memcpy(t->kept[ri], cells, t->cols * sizeof *cells);
}

/* Makes and measures every cell, row by row. Returns false when the first
 * row cannot fit even at the smallest size: a table far too wide says so at
 * once, rather than measure ten thousand rows first (the others can only
 * widen it). */
static bool S_measure(S_table *t)
{
	const sg_block_style *ts = &t->b->s->table;
	double smallest = fmin(SG_TABLE_MIN_SIZE, ts->size) / ts->size; /* as a factor */
	bool fits = true;
	size_t ri = 0;
	for (const sg_mdnode *r = sg_mdnode_first_child(t->node); r; r = sg_mdnode_next(r), ri++) {
		S_measure_row(t, r, ri);
		if (ri == 0 && !S_fits(t->b, t->need, t->cols, smallest)) {
			fits = false;
			break;
		}
	}
	sg_buf_dispose(&t->plain);
	return fits;
}

/* The cells of row r (row ri), let go once measured, made again as they
 * were, into t->cells, at the table's scale: a row's text in the layout's
 * newest texts (that of the page it goes on). */
static void S_remake_row(S_table *t, const sg_mdnode *r, size_t ri, double scale)
{
	sg_blocks *b = t->b;
	const sg_block_style *ts = &b->s->table;
	memset(t->cells, 0, t->cols * sizeof *t->cells);
	size_t ci = 0;
	int outer = b->node;
	for (const sg_mdnode *c = sg_mdnode_first_child(r); c && ci < t->cols;
	     c = sg_mdnode_next(c), ci++) {
		sg_ltext *st = &t->col[ci].scratch;
		S_scratch_reset(st, b->o->table_fs, sg_pos_make(b->o->path, sg_mdnode_line(c), 0));
		st->para.punct = b->l->punct;
		b->node = t->cells[ci].node = t->tr[ri] + 1 + (int)ci;
		sg_blocks_inlines(b, st, c, SG_FONT_REGULAR, ts->size, ts->color);
		S_bind_units(t, &st->para);
	}
	b->node = outer;
	S_row_text(b->l, t->col, ci, t->cells);
	if (scale < 1)
		S_scale_row(t->cells, ci, scale);
}

/* ---- setting */

/* Sets the table at scale times its size: the cells, the padding and the
 * columns' widths; then opens the table in the flow. */
static void S_table_place(S_table *t, double scale)
{
	sg_blocks *b = t->b;
	const sg_style *s = b->s;
	if (scale < 1) {
		for (size_t c = 0; c < t->cols; c++) {
			t->need[c].min *= scale;
			t->need[c].max *= scale;
			t->need[c].full *= scale;
		}
		for (size_t r = 0; r < t->rows; r++)
			if (t->kept[r])
				S_scale_row(t->kept[r], t->cols, scale);
	}
	t->scale = scale;
	t->size = s->table.size * scale;
	t->px = s->table_pad_x * scale;
	t->py = s->table_pad_y * scale;
	S_fit(t->w, t->need, t->cols, b->width - 2 * t->px * (double)t->cols);
	t->id = sg_flow_table(b->f, b->x, b->width, t->py, s->rule);
	t->before = b->first_block ? 0 : s->table.before;
	b->first_block = false;
}

/* Breaks each cell of the row (t->cells) into lines at its column's width, in lines the
 * column lends it, and sets the row's grid: the cells' lines share one, so
 * that the row can be cut between two lines when it is taller than a page.
 * Returns the number of lines of the grid (the most any cell has). */
static size_t S_break_row(S_table *t)
{
	size_t nlines = 0, row_lines = 0;
	for (size_t c = 0; c < t->cols; c++) {
		S_cell *ce = &t->cells[c];
		S_column *col = &t->col[c];
		if (ce->row) {
			ce->row->parts[ce->part].measure = t->w[c] + 0.01;
			S_move_lines(&col->view.lines, &col->spare);
			sg_ltext_part_view(ce->row, ce->part, &col->view, &col->vruns, &col->vcap);
			col->lt = &col->view;
		} else if (ce->t) {
			S_move_lines(&ce->t->lines, &col->spare);
			col->lt = ce->t;
		} else {
			col->lt = NULL;
			continue;
		}
		sg_ltext *ct = col->lt;
		sg_linebreak(&ct->lines, &ct->para, ct->fs, t->w[c] + 0.01, false);
		nlines = ct->lines.nlines > nlines ? ct->lines.nlines : nlines;
		col->line0 = row_lines;
		if (ce->row)
			row_lines += ct->lines.nlines;
	}
	if (nlines > t->grid_cap) {
		t->grid_cap = nlines;
		t->grid = sg_xrealloc(t->grid, t->grid_cap * sizeof *t->grid);
	}
	double leading = t->b->s->table.leading;
	for (size_t k = 0; k < nlines; k++) {
		t->grid[k] = 0;
		for (size_t c = 0; c < t->cols; c++) {
			const sg_ltext *ct = t->col[c].lt;
			if (ct && k < ct->lines.nlines)
				t->grid[k] = fmax(t->grid[k], ct->lines.lines[k].height * leading);
		}
	}
	return nlines;
}

/* How column c's text sits in it: as its alignment row says, else flush
 * right for a column of numbers, else flush left. */
static char S_column_align(const S_table *t, size_t c)
{
	if (t->align && t->align[c] == 'r')
		return 'r';
	if (t->align && t->align[c] == 'c')
		return 'c';
	if ((!t->align || t->align[c] == 0) && t->col[c].numeric)
		return 'r';
	return 'l';
}

/* Boxes for lines [k0, k1) of the cell in column c of the row: from y = top
 * in the slice, in the column whose text starts at cx. */
static void S_set_cell_lines(S_table *t, size_t c, double cx, double top, size_t k0,
			     size_t k1)
{
	sg_flow *f = t->b->f;
	const S_cell *ce = &t->cells[c];
	const sg_ltext *ct = t->col[c].lt;
	double w = t->w[c], leading = t->b->s->table.leading;
	char a = S_column_align(t, c);
	double y = top;
	for (size_t k = k0; k < k1 && k < ct->lines.nlines; k++) {
		const sg_line *ln = &ct->lines.lines[k];
		double lh = ln->height * leading;
		double lx = a == 'r' ? cx + w - ln->width : a == 'c' ? cx + (w - ln->width) / 2 : cx;
		sg_box *tb = sg_flow_box(f, SG_BOX_TEXT, lx, y, ln->width, lh);
		tb->text = ce->row ? ce->row : ce->t;
		tb->line = (ce->row ? t->col[c].line0 : 0) + k;
		tb->node = ce->node;
		tb->baseline = y + lh / 2 + ln->height * 0.35;
		sg_flow_link_boxes(f, ct, k, lx, y, lh);
		sg_flow_object_boxes(f, ct, k, lx, y, lh);
		y += t->grid[k];
	}
}

/* Lines [k0, k1) of row ri's grid of nlines as one flow item: a slice of a
 * body row, or a whole header row (shaded, the head the table repeats on
 * each page). The rule under a row follows its last slice. */
static void S_set_slice(S_table *t, size_t ri, size_t nlines, size_t k0, size_t k1)
{
	sg_blocks *b = t->b;
	const sg_style *s = b->s;
	bool head = t->heads[ri], last = ri + 1 == t->rows;
	bool first_slice = k0 == 0, last_slice = k1 == nlines;
	double h = 0;
	for (size_t k = k0; k < k1; k++)
		h += t->grid[k];
	if (nlines == 0)
		h = t->size * s->table.leading;
	double top = first_slice ? t->py : 0;
	h += top + (last_slice ? t->py : 0);
	sg_vitem *v = sg_flow_item(b->f, h, ri == 0 && first_slice ? t->before : 0);
	v->table = t->id;
	v->table_head = head;
	v->keep = head || !last_slice;
	v->split = !last_slice;
	if (head) {
		b->f->tables[t->id].head = b->f->dropped + b->f->n - 1;
		sg_box *bg = sg_flow_box(b->f, SG_BOX_FILL, b->x, 0, b->width, h);
		bg->color = s->table_head_bg;
		sg_box *rt = sg_flow_box(b->f, SG_BOX_RULE, b->x, 0, b->width, 0);
		rt->color = s->table_rule;
		rt->stroke = 1.0;
	}
	double x = b->x;
	for (size_t c = 0; c < t->cols; c++) {
		double cx = x + t->px;
		x += t->w[c] + 2 * t->px;
		if (t->col[c].lt)
			S_set_cell_lines(t, c, cx, top, k0, k1);
	}
	if (last_slice) {
		sg_box *rule = sg_flow_box(b->f, SG_BOX_RULE, b->x, h, b->width, 0);
		rule->color = head || last ? s->table_rule : s->rule;
		rule->stroke = head || last ? 1.0 : 0.35;
	}
}

/* Row ri's boxes are made: each cell gives its lines back to its column, or
 * (a text of its own that must keep them) keeps only what they need. */
static void S_give_back_lines(S_table *t, size_t ri)
{
	sg_blocks *b = t->b;
	for (size_t c = 0; c < t->cols; c++) {
		S_cell *ce = &t->cells[c];
		S_column *col = &t->col[c];
		if (ce->row) {
			S_move_lines(&col->spare, &col->view.lines);
		} else if (!ce->t) {
			continue;
		} else if (ri == 0 || ce->warns || b->o->keep_lines) {
			sg_ltext_trim(ce->t);
		} else {
			sg_ltext_release(ce->t, t->w[c] + 0.01, &col->spare);
		}
	}
}

/* Row ri into the flow. A body row is one flow item per line of its grid,
 * kept together unless no page holds them all; a header row is one item. */
static void S_set_row(S_table *t, size_t ri)
{
	size_t nlines = S_break_row(t);
	size_t nslices = t->heads[ri] || nlines == 0 ? 1 : nlines;
	for (size_t sl = 0; sl < nslices; sl++)
		S_set_slice(t, ri, nlines, sl, sl + 1 == nslices ? nlines : sl + 1);
	S_give_back_lines(t, ri);
	t->row_end[ri] = t->b->f->dropped + t->b->f->n - 1;
}

/* ---- page breaks */

/* Where a page may break in the table, decided row by row as its rows go
 * into the flow (the header row keeps with the first body row already, and
 * a row's lines with each other unless no page holds them all): never so
 * that fewer than S_MIN_ROWS body rows stand on either side of the break,
 * when those rows are short (together less than S_LONE_ROW of the body: a
 * row a third of a page tall does not look lost alone), never between a
 * total row and the row before it, and nowhere when the whole table is
 * shorter than a third of the body: it then moves to the next page whole.
 * The keep after a body row is known once the next body row is set; a
 * table taller than a third of the body so far is known not to move
 * whole, and its rows before the last are final (the pages they fill can
 * be made: sg_flow_pump). */
#define S_MIN_ROWS 2
#define S_LONE_ROW (1.0 / 6)
_Static_assert(S_MIN_ROWS == 2, "S_keep_row decides for two rows each side");

typedef struct S_rows {
	size_t item0;     /* the table's first item (counted from the flow's first) */
	size_t nbody;     /* its body rows */
	size_t kbody;     /* body rows set so far */
	size_t prev;      /* the last body row set (its index among the rows) */
	double first_h;   /* the first body row's height */
	double h;         /* the table's height so far */
	bool tall;        /* h has reached a third of the body */
	bool *keep_after; /* per row, until tall: the keep decided after it */
} S_rows;

/* Keeps body row prev with the body row ri after it (keep after prev) or
 * not: a break after it would leave fewer than two short rows above (it is
 * the first) or below (ri is the last, h tall), or part ri, a total row,
 * from it. */
static bool S_keep_row(const S_table *t, const S_rows *r, size_t ri, double h)
{
	double body_h = t->b->o->height;
	bool few_above = r->kbody == 2 && r->first_h < body_h * S_LONE_ROW;
	bool few_below = r->kbody == r->nbody && h < body_h * S_LONE_ROW;
	return few_above || few_below || t->totals[ri];
}

/* The keep after row ri into its last item. */
static void S_set_keep(S_table *t, size_t ri)
{
	sg_flow *f = t->b->f;
	f->items[t->row_end[ri] - f->dropped].keep = true;
}

/* Row ri is in the flow, its items from window index from on. */
static void S_row_done(S_table *t, S_rows *r, size_t ri, size_t from)
{
	sg_flow *f = t->b->f;
	double h = 0;
	for (size_t i = from; i < f->n; i++) {
		h += f->items[i].h;
		if (f->dropped + i > r->item0)
			r->h += f->items[i].before;
	}
	r->h += h;
	if (!t->heads[ri]) {
		r->kbody++;
		if (r->kbody == 1)
			r->first_h = h;
		else if (S_keep_row(t, r, ri, h)) {
			if (r->tall)
				S_set_keep(t, r->prev);
			else
				r->keep_after[r->prev] = true;
		}
		r->prev = ri;
	}
	if (!r->tall && r->h >= t->b->o->height / 3) {
		r->tall = true;
		for (size_t k = 0; k < ri; k++)
			if (r->keep_after[k])
				S_set_keep(t, k);
	}
	/* The rows before this one are final; the pages they fill can be
	 * made, unless the table is inside a list or a quote, whose items are
	 * changed once it is done. */
	if (r->tall && !t->heads[ri] && t->b->list_depth == 0 && t->b->quote_depth == 0)
		sg_flow_pump(f, from);
}

/* The table is set: a table shorter than a third of the body keeps all its
 * items together. */
static void S_rows_done(S_table *t, S_rows *r)
{
	sg_flow *f = t->b->f;
	if (!r->tall)
		for (size_t i = r->item0 - f->dropped; i + 1 < f->n; i++)
			f->items[i].keep = true;
	free(r->keep_after);
}

/* Every row into the flow. */
static void S_set_rows(S_table *t)
{
	sg_flow *f = t->b->f;
	S_rows r = {0};
	r.item0 = f->dropped + f->n;
	for (size_t ri = 0; ri < t->rows; ri++)
		r.nbody += !t->heads[ri];
	r.keep_after = sg_xcalloc(t->rows, sizeof *r.keep_after);
	const sg_mdnode *row = sg_mdnode_first_child(t->node);
	for (size_t ri = 0; ri < t->rows; ri++, row = sg_mdnode_next(row)) {
		if (t->kept[ri]) {
			memcpy(t->cells, t->kept[ri], t->cols * sizeof *t->cells);
			free(t->kept[ri]);
			t->kept[ri] = NULL;
		} else {
			S_remake_row(t, row, ri, t->scale);
		}
		size_t from = f->n;
		S_set_row(t, ri);
		S_row_done(t, &r, ri, from);
	}
	S_rows_done(t, &r);
}

void sg_blocks_table(sg_blocks *b, const sg_mdnode *table)
{
	size_t cols = sg_mdnode_table_columns(table), rows = 0;
	for (const sg_mdnode *r = sg_mdnode_first_child(table); r; r = sg_mdnode_next(r))
		rows++;
	if (cols == 0 || rows == 0)
		return;
	S_table t;
	S_table_init(&t, b, table, rows, cols);
	t.snode = sg_layout_node(b->l, SG_ROLE_TABLE, b->node, NULL);
	double scale = 0;
	if (!S_measure(&t))
		S_too_wide(b, table, t.need, cols);
	else
		scale = S_scale(b, table, t.need, cols);
	if (scale > 0) {
		S_table_place(&t, scale);
		S_set_rows(&t);
		sg_flow_item(b->f, b->s->table.after, 0);
		b->first_block = false;
	}
	S_table_dispose(&t);
}

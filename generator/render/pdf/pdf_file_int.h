/*
 * pdf_file_int.h - the inside of sg_pdf_file, shared by pdf_objects.c
 * (objects, object streams), pdf_meta.c (what is written at the end: the
 * outline, the structure tree, the information and XMP metadata) and
 * pdf_file.c (pages, the xref table). It includes pdf_objects.h only, so
 * that the two lower files do not depend on pdf_file.c.
 */
#ifndef SG_RENDER_PDF_PDF_FILE_INT_H
#define SG_RENDER_PDF_PDF_FILE_INT_H

#include "render/pdf/pdf_coder.h"
#include "render/pdf/pdf_objects.h"

typedef struct sg_pdf_outline_item {
	char *title;
	int parent, first, last, next, prev; /* ids; 0: none */
	size_t page;
	double left, top;
	bool open;
	uint32_t obj;
	int visible; /* open descendants shown, for /Count */
	int total;   /* all descendants */
} sg_pdf_outline_item;

/* A child of a structure element, in order: another element, a part of a
 * page's content (page, mcid) or a link annotation (annot, page). */
typedef enum { SG_PDF_KID_ELEM, SG_PDF_KID_MCID, SG_PDF_KID_ANNOT } sg_pdf_kid_kind;

typedef struct sg_pdf_kid {
	sg_pdf_kid_kind kind;
	int mcid;     /* MCID */
	size_t page;  /* MCID and ANNOT: the page index */
	uint32_t obj; /* ELEM: the child element's object; ANNOT: the annotation's */
} sg_pdf_kid;

/* A structure element not written yet: what its object will say. */
typedef struct sg_pdf_elem {
	char *type;
	char *alt;
	char *attrs;         /* /A, as PDF syntax; NULL: none */
	uint32_t parent_obj; /* /P: its parent's object, or the root's */
	sg_pdf_kid *kids;
	int nkids, kids_cap;
} sg_pdf_elem;

/* An element by id: its object, reserved when it is made so that its
 * parent, its parts and the parent tree can name it before it is written,
 * and until it is written what it holds. A report of ten thousand rows
 * has a hundred thousand elements: each is written, and lets go of its
 * kids, as soon as it is ended (sg_pdf_file_struct_end). */
typedef struct sg_pdf_elem_ref {
	uint32_t obj;
	sg_pdf_elem *open; /* NULL once written */
} sg_pdf_elem_ref;

/* A page's marked content: per MCID, the object of its element. */
typedef struct sg_pdf_page_marks {
	uint32_t *owner;
	int n, cap;
} sg_pdf_page_marks;

/* A key of the parent tree: a page's content (page's mcids) or an
 * annotation (its element). */
typedef struct sg_pdf_pkey {
	bool annot;
	size_t page;
	int elem;
} sg_pdf_pkey;

/* Objects waiting for their object stream. */
typedef struct sg_pdf_pack {
	sg_buf data;  /* the objects' values, one after the other */
	sg_buf index; /* "num offset" of each, as an object stream starts */
	uint32_t n;   /* objects in data */
	uint32_t obj; /* the object stream they go into, 0: none yet */
} sg_pdf_pack;

typedef struct sg_pdf_alpha {
	double fill, stroke;
	uint32_t obj;
} sg_pdf_alpha;

/* A stream being coded in the file's coder thread (sg_pdf_file_code_aside),
 * and the objects written after it until the next such stream: in tail, at
 * offsets from its start (moved lists them). They join the file once the
 * stream is coded and the ones before it joined. */
typedef struct sg_pdf_aside {
	uint32_t num; /* the stream's object */
	char *dict;   /* the entries of its dictionary (heap; NULL: none) */
	sg_buf tail;
	uint32_t *moved;
	size_t nmoved, moved_cap;
} sg_pdf_aside;

struct sg_pdf_file {
	sg_buf *out;  /* where objects go now: main, or aside.tail */
	sg_buf *main; /* the file */
	sg_pdf_file_opts opts;
	char *producer;

	size_t *offsets; /* by object number; 0: not written yet */
	uint32_t nobjs;  /* numbers handed out: 1..nobjs */
	size_t cap;
	uint32_t open;   /* the object being written, 0: none */

	uint32_t pages_obj;  /* the page tree */
	uint32_t *page_objs; /* by page index, reserved on demand; 0: none */
	size_t npage_objs;
	size_t npages;       /* pages added */
	sg_pdf_page_marks *marks; /* by page index: the MCIDs handed out */
	size_t nmarks;

	char *info[SG_PDF_INFO_KEYS];
	char *lang;
	sg_pdf_page_mode mode;

	sg_pdf_outline_item *outline; /* id i is outline[i - 1] */
	int noutline;
	int outline_cap;

	uint32_t struct_root;    /* reserved with the first element; 0: none */
	sg_pdf_elem_ref *elems;  /* id i is elems[i - 1] */
	int nelems, elems_cap;
	uint32_t *tops;          /* the root's kids: elements without a parent */
	int ntops, tops_cap;
	sg_pdf_pkey *pkeys; /* the parent tree's keys 0.. */
	int npkeys, pkeys_cap;

	sg_pdf_alpha *alphas;
	size_t nalphas;

	sg_buf scratch;
	struct sg_pdf_coder *coder; /* NULL: every stream coded in its turn */
	/* The streams being coded, oldest first (a ring): asides first, ... */
	sg_pdf_aside asides[SG_PDF_CODER_DEPTH];
	size_t aside_first, naside;

	/* Object streams (opts.object_streams): every object but a stream
	 * goes into a pack rather than the file (packing is then true but
	 * while a stream is written): the structure elements into packs[1],
	 * as alike objects compress better together, the others into
	 * packs[0]. */
	bool packing;
	sg_pdf_pack packs[2];
	int pack_at; /* the pack objects go into now */
	uint32_t *packed_in; /* by object number: the object stream holding it, 0: none */
	uint16_t *packed_at; /* and its index there */
};

/* Packed objects are marked in offsets with this (they have no offset). */
#define SG_PDF_PACKED SIZE_MAX

/* pdf_objects.c: writes the objects packed so far (with the object_streams
 * option, every object but the streams) as an object stream. Returns 0, or
 * -1 when zlib fails. */
int sg_pdf_file_pack_flush(sg_pdf_file *f);

/* pdf_objects.c: writes the stream being coded aside, if any, and what was
 * written after it (sg_pdf_file_code_aside); -1 when zlib failed on it. */
int sg_pdf_file_settle(sg_pdf_file *f);
/* pdf_objects.c: ends the coder's thread and frees what coding aside holds. */
void sg_pdf_file_aside_free(sg_pdf_file *f);

/* pdf_meta.c: write the outline (its root's number into *root, 0: none),
 * the structure tree (*root 0 when the file is not tagged), the information
 * dictionary and the XMP metadata stream. Return 0 or -1. */
int sg_pdf_meta_outline(sg_pdf_file *f, uint32_t *root);
int sg_pdf_meta_structure(sg_pdf_file *f, uint32_t *root);
int sg_pdf_meta_info(sg_pdf_file *f, uint32_t *info, uint32_t *xmp);

/* pdf_meta.c: adds a kid to element elem (nothing when it is written
 * already: sg_pdf_file_struct_end was told it has no more). */
void sg_pdf_meta_kid(sg_pdf_file *f, int elem, sg_pdf_kid kid);
/* pdf_meta.c: frees what the structure tree holds. */
void sg_pdf_meta_struct_free(sg_pdf_file *f);

#endif

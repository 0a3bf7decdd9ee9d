/* memfd_create is a GNU extension. */
#define _GNU_SOURCE

#include "render/pdf/pdf_font.h"

#include <errno.h>
#include <hpdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/utf8.h"

#define S_BMP_WORDS (0x10000 / 64)

typedef struct S_face {
	const sg_font_face *face;
	uint64_t used[S_BMP_WORDS]; /* BMP code points drawn with this face */
	size_t count;
	HPDF_Font font;
	/* After embedding: codes[rank of cp among used] is the code that shows
	 * cp (its glyph number in the subset); NULL when codes are the
	 * characters themselves (the whole font embedded). rank[w] counts the
	 * used code points below word w of used. */
	uint16_t *codes;
	uint32_t rank[S_BMP_WORDS];
} S_face;

/* Font sets one document may use: body, headings, monospace, one spare. */
#define S_MAX_SETS 4

struct sg_pdf_fonts {
	const sg_fontset *fs;
	S_face faces[SG_FONT_SLOTS * S_MAX_SETS]; /* distinct faces */
	int nfaces;
	int slot_face[SG_FONT_SLOTS]; /* index into faces */
	const sg_fontset *sets[S_MAX_SETS]; /* sets[0] is fs */
	int set_face[S_MAX_SETS][SG_FONT_SLOTS];
	int nsets;
	bool embedded; /* sg_pdf_fonts_embed() ran: no more sets */
	bool whole;
	sg_pdf_font_stats stats;
};

static double S_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int S_set_index(const sg_pdf_fonts *pf, const sg_fontset *fs)
{
	for (int i = 0; i < pf->nsets; i++)
		if (pf->sets[i] == fs)
			return i;
	return -1;
}

int sg_pdf_fonts_add_set(sg_pdf_fonts *pf, const sg_fontset *fs)
{
	int i = S_set_index(pf, fs);
	if (i >= 0)
		return i;
	if (pf->nsets == S_MAX_SETS || pf->embedded)
		return -1;
	i = pf->nsets++;
	pf->sets[i] = fs;
	for (int s = 0; s < SG_FONT_SLOTS; s++) {
		const sg_font_face *face = sg_fontset_slot(fs, s)->face;
		int k = 0;
		while (k < pf->nfaces && pf->faces[k].face != face)
			k++;
		if (k == pf->nfaces)
			pf->faces[pf->nfaces++].face = face;
		pf->set_face[i][s] = k;
	}
	return i;
}

sg_pdf_fonts *sg_pdf_fonts_new(const sg_fontset *fs)
{
	sg_pdf_fonts *pf = sg_xcalloc(1, sizeof *pf);
	pf->fs = fs;
	sg_pdf_fonts_add_set(pf, fs);
	memcpy(pf->slot_face, pf->set_face[0], sizeof pf->slot_face);
	return pf;
}

void sg_pdf_fonts_free(sg_pdf_fonts *pf)
{
	if (!pf)
		return;
	for (int k = 0; k < pf->nfaces; k++)
		free(pf->faces[k].codes);
	free(pf);
}

void sg_pdf_fonts_set_whole(sg_pdf_fonts *pf, bool whole)
{
	pf->whole = whole;
}

void sg_pdf_fonts_use(sg_pdf_fonts *pf, int slot, uint32_t cp)
{
	if (cp > 0xFFFF || cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028)
		return;
	S_face *f = &pf->faces[pf->slot_face[slot]];
	uint64_t bit = (uint64_t)1 << (cp & 63);
	if (!(f->used[cp >> 6] & bit)) {
		f->used[cp >> 6] |= bit;
		f->count++;
	}
}

void sg_pdf_fonts_use_in(sg_pdf_fonts *pf, const sg_fontset *fs, int slot, uint32_t cp)
{
	if (cp > 0xFFFF || cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028)
		return;
	int set = S_set_index(pf, fs ? fs : pf->fs);
	if (set < 0)
		set = 0; /* not registered: a programmer error; never crash */
	S_face *f = &pf->faces[pf->set_face[set][slot]];
	uint64_t bit = (uint64_t)1 << (cp & 63);
	if (!(f->used[cp >> 6] & bit)) {
		f->used[cp >> 6] |= bit;
		f->count++;
	}
}

HPDF_Font sg_pdf_fonts_get_in(const sg_pdf_fonts *pf, const sg_fontset *fs, int slot)
{
	int set = S_set_index(pf, fs ? fs : pf->fs);
	return set < 0 ? NULL : pf->faces[pf->set_face[set][slot]].font;
}

/* Appends to out, as UTF-8 for libhpdf's encoder, the codes that show the
 * characters of s with face f; characters the face did not embed are left
 * out (they were reported when the lines were set). */
static void S_put(const S_face *f, const char *s, size_t len, sg_buf *out)
{
	if (!f->codes) {
		sg_buf_put(out, s, len);
		return;
	}
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t k = sg_utf8_decode(s + i, len - i, &cp);
		i += k > 0 ? k : 1;
		if (k == 0 || cp > 0xFFFF)
			continue;
		uint32_t w = cp >> 6;
		uint64_t bit = (uint64_t)1 << (cp & 63);
		if (!(f->used[w] & bit))
			continue;
		uint16_t code = f->codes[f->rank[w] + (uint32_t)__builtin_popcountll(f->used[w] & (bit - 1))];
		if (code) {
			char u[4];
			sg_buf_put(out, u, sg_utf8_encode(code, u));
		}
	}
}

void sg_pdf_fonts_put(const sg_pdf_fonts *pf, const sg_fontset *fs, int slot, const char *s,
		      size_t len, sg_buf *out)
{
	int set = S_set_index(pf, fs ? fs : pf->fs);
	if (set >= 0)
		S_put(&pf->faces[pf->set_face[set][slot]], s, len, out);
}

HPDF_Font sg_pdf_fonts_get(const sg_pdf_fonts *pf, int slot)
{
	return pf->faces[pf->slot_face[slot]].font;
}

void sg_pdf_fonts_stats(const sg_pdf_fonts *pf, sg_pdf_font_stats *out)
{
	*out = pf->stats;
}

static size_t S_codepoints(const S_face *f, uint32_t *out)
{
	size_t n = 0;
	for (uint32_t w = 0; w < S_BMP_WORDS; w++) {
		uint64_t bits = f->used[w];
		while (bits) {
			int b = __builtin_ctzll(bits);
			out[n++] = w * 64 + (uint32_t)b;
			bits &= bits - 1;
		}
	}
	return n;
}

/* A file libharu can open by name holding data: a memfd where the kernel has
 * them (Linux since 3.17), else a temporary file in P_tmpdir. The name
 * is put in *path (heap, the caller frees it); the fd returned is to be
 * closed (and, with a temporary file, the path unlinked) once libharu has
 * opened it. On failure returns -1 with *path NULL. */
static int S_font_file(const sg_buf *data, char **path, bool *temp)
{
	*temp = false;
	int fd = memfd_create("salesgen-font", MFD_CLOEXEC);
	if (fd >= 0) {
		*path = sg_xasprintf("/proc/self/fd/%d", fd);
	} else {
		*path = sg_xasprintf("%s/salesgen-font-XXXXXX", P_tmpdir);
		fd = mkstemp(*path);
		if (fd < 0) {
			free(*path);
			*path = NULL;
			return -1;
		}
		*temp = true;
	}
	size_t off = 0;
	while (off < data->len) {
		ssize_t w = write(fd, data->data + off, data->len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			int err = w < 0 ? errno : EIO;
			close(fd);
			if (*temp)
				unlink(*path);
			free(*path);
			*path = NULL;
			errno = err;
			return -1;
		}
		off += (size_t)w;
	}
	return fd;
}

typedef struct S_code {
	uint16_t code;
	uint16_t cp;
} S_code;

static int S_code_cmp(const void *a, const void *b)
{
	const S_code *x = a, *y = b;
	if (x->code != y->code)
		return x->code < y->code ? -1 : 1;
	return x->cp < y->cp ? -1 : x->cp > y->cp;
}

/* Appends the bfrange blocks of the map m (nm codes, sorted): runs of
 * consecutive codes standing for consecutive characters, each within one
 * high byte on both sides (a bfrange may not cross one), at most 100 per
 * block. */
static void S_bfranges(sg_buf *b, const S_code *m, size_t nm)
{
	size_t i = 0;
	while (i < nm) {
		size_t ranges = 0;
		sg_buf blk;
		sg_buf_init(&blk);
		while (i < nm && ranges < 100) {
			size_t j = i;
			while (j + 1 < nm && m[j + 1].code == m[j].code + 1 &&
			       m[j + 1].cp == m[j].cp + 1 && (m[j + 1].code >> 8) == (m[i].code >> 8) &&
			       (m[j + 1].cp >> 8) == (m[i].cp >> 8))
				j++;
			sg_buf_printf(&blk, "<%04X> <%04X> <%04X>\n", m[i].code, m[j].code, m[i].cp);
			ranges++;
			i = j + 1;
			while (i < nm && m[i].code == m[i - 1].code)
				i++; /* a shared code */
		}
		sg_buf_printf(b, "%zu beginbfrange\n%sendbfrange\n", ranges, blk.data);
		sg_buf_dispose(&blk);
	}
}

/* Replaces the content of the Type0 font's ToUnicode stream with a bfrange
 * map from each code shown to the character it stands for (codes NULL: each
 * code is its character, as under libharu's UTF-8 encoder with the whole
 * font). Reaches into libharu's dictionaries, which 2.3.0's public headers
 * expose. */
static int S_fix_tounicode(HPDF_Doc doc, HPDF_Font font, const uint32_t *cps,
			   const uint16_t *codes, size_t n)
{
	HPDF_Dict dict = (HPDF_Dict)font;
	HPDF_Dict cmap = HPDF_Dict_GetItem(dict, "ToUnicode", HPDF_OCLASS_DICT);
	if (!cmap || !cmap->stream) {
		HPDF_ResetError(doc);
		cmap = HPDF_DictStream_New(doc->mmgr, doc->xref);
		if (!cmap || HPDF_Dict_Add(dict, "ToUnicode", cmap) != HPDF_OK)
			return -1;
	} else {
		HPDF_MemStream_FreeData(cmap->stream);
	}
	if (doc->compression_mode & HPDF_COMP_TEXT)
		cmap->filter = HPDF_STREAM_FILTER_FLATE_DECODE;

	/* Sorted by code; a code two characters share (one glyph drawn for
	 * both) reads back as the first of them. */
	S_code *m = sg_xmalloc((n ? n : 1) * sizeof *m);
	size_t nm = 0;
	for (size_t i = 0; i < n; i++) {
		uint16_t code = codes ? codes[i] : (uint16_t)cps[i];
		if (code)
			m[nm++] = (S_code){code, (uint16_t)cps[i]};
	}
	qsort(m, nm, sizeof *m, S_code_cmp);

	sg_buf b;
	sg_buf_init(&b);
	sg_buf_puts(&b, "/CIDInit /ProcSet findresource begin\n"
			"12 dict begin\n"
			"begincmap\n"
			"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
			"/CMapName /Adobe-Identity-UCS def\n"
			"/CMapType 2 def\n"
			"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	S_bfranges(&b, m, nm);
	free(m);
	sg_buf_puts(&b, "endcmap\n"
			"CMapName currentdict /CMap defineresource pop\n"
			"end\n"
			"end\n");
	HPDF_STATUS st = HPDF_Stream_Write(cmap->stream, (const HPDF_BYTE *)b.data, (HPDF_UINT)b.len);
	sg_buf_dispose(&b);
	return st == HPDF_OK ? 0 : -1;
}

/* libharu writes a CIDToGIDMap for all 65,536 codes of its UTF-8 encoder;
 * with glyph numbers as codes it is the identity up to the last code shown,
 * which is all the map needs to say. */
static int S_fix_cidtogid(HPDF_Font font, const uint16_t *codes, size_t n)
{
	HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;
	if (!attr || !attr->map_stream || !attr->map_stream->stream)
		return 0;
	unsigned last = 0;
	for (size_t i = 0; i < n; i++)
		if (codes[i] > last)
			last = codes[i];
	uint8_t *map = sg_xmalloc(2 * ((size_t)last + 1));
	for (unsigned c = 0; c <= last; c++) {
		map[2 * c] = (uint8_t)(c >> 8);
		map[2 * c + 1] = (uint8_t)c;
	}
	HPDF_MemStream_FreeData(attr->map_stream->stream);
	HPDF_STATUS st = HPDF_Stream_Write(attr->map_stream->stream, map, 2 * (last + 1));
	free(map);
	return st == HPDF_OK ? 0 : -1;
}

static bool S_is_collection(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char tag[4] = {0};
	if (!fp)
		return false;
	size_t got = fread(tag, 1, 4, fp);
	fclose(fp);
	return got == 4 && memcmp(tag, "ttcf", 4) == 0;
}

/* The source font file of f loaded whole into doc (tests only): libharu's
 * name for it, or NULL. */
static const char *S_load_whole(sg_pdf_fonts *pf, const S_face *f, HPDF_Doc doc)
{
	const char *src = sg_font_face_path(f->face);
	const char *name;
	double t0 = S_now_ms();
	if (S_is_collection(src))
		name = HPDF_LoadTTFontFromFile2(doc, src, sg_font_face_index(f->face), HPDF_TRUE);
	else
		name = HPDF_LoadTTFontFromFile(doc, src, HPDF_TRUE);
	pf->stats.load_ms += S_now_ms() - t0;
	return name;
}

/* A subset of f holding the n characters cps (f->codes: the code that shows
 * each), loaded into doc through a file. Sets *name to libharu's name for it
 * (NULL when libharu could not load it); returns -1 after an error in d. */
static int S_load_subset(sg_pdf_fonts *pf, S_face *f, HPDF_Doc doc, const uint32_t *cps,
			 size_t n, sg_pos pos, sg_diags *d, const char **name)
{
	sg_buf data;
	sg_buf_init(&data);
	double t0 = S_now_ms();
	f->codes = sg_xmalloc((n ? n : 1) * sizeof *f->codes);
	if (sg_font_face_subset_coded(f->face, cps, n, &data, f->codes) < 0) {
		sg_error(d, pos, "cannot make a subset of the font %s", sg_font_face_path(f->face));
		sg_buf_dispose(&data);
		return -1;
	}
	double t1 = S_now_ms();
	pf->stats.subset_ms += t1 - t0;
	pf->stats.font_bytes += data.len;
	char *path;
	bool temp;
	int fd = S_font_file(&data, &path, &temp);
	if (fd < 0) {
		sg_error(d, pos, "cannot write a font subset to a temporary file: %s",
			 strerror(errno));
		sg_buf_dispose(&data);
		return -1;
	}
	sg_buf_dispose(&data);
	*name = HPDF_LoadTTFontFromFile(doc, path, HPDF_TRUE);
	close(fd);
	if (temp)
		unlink(path);
	free(path);
	pf->stats.load_ms += S_now_ms() - t1;
	return 0;
}

static int S_embed_face(sg_pdf_fonts *pf, S_face *f, HPDF_Doc doc, sg_pos pos, sg_diags *d)
{
	uint32_t *cps = sg_xmalloc(f->count * sizeof *cps);
	size_t n = S_codepoints(f, cps);
	const char *name = NULL;
	int rc = -1;
	if (pf->whole)
		name = S_load_whole(pf, f, doc);
	else if (S_load_subset(pf, f, doc, cps, n, pos, d, &name) < 0)
		goto cleanup;
	if (!name) {
		sg_error(d, pos, "the PDF library cannot load the font %s (error %04X)",
			 sg_font_face_path(f->face), (unsigned)HPDF_GetError(doc));
		HPDF_ResetError(doc);
		goto cleanup;
	}
	f->font = HPDF_GetFont(doc, name, "UTF-8");
	if (!f->font || S_fix_tounicode(doc, f->font, cps, f->codes, n) < 0 ||
	    (f->codes && S_fix_cidtogid(f->font, f->codes, n) < 0)) {
		sg_error(d, pos, "the PDF library cannot use the font %s (error %04X)",
			 sg_font_face_path(f->face), (unsigned)HPDF_GetError(doc));
		HPDF_ResetError(doc);
		f->font = NULL;
		goto cleanup;
	}
	pf->stats.faces++;
	pf->stats.glyphs += n;
	uint32_t r = 0;
	for (uint32_t w = 0; w < S_BMP_WORDS; w++) {
		f->rank[w] = r;
		r += (uint32_t)__builtin_popcountll(f->used[w]);
	}
	rc = 0;
cleanup:
	if (rc < 0) {
		free(f->codes);
		f->codes = NULL;
	}
	free(cps);
	return rc;
}

int sg_pdf_fonts_embed(sg_pdf_fonts *pf, HPDF_Doc doc, sg_pos pos, sg_diags *d)
{
	pf->embedded = true;
	for (int k = 0; k < pf->nfaces; k++) {
		S_face *f = &pf->faces[k];
		if (f->count == 0 || f->font)
			continue;
		if (S_embed_face(pf, f, doc, pos, d) < 0)
			return -1;
	}
	return 0;
}

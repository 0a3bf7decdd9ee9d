/*
 * srcmap.c - finding start tags and attributes in the text of an XML file.
 *
 * Only start tags are read, never a whole document: the parse itself is
 * libxml2's. A tag cannot contain another '<', which is what makes the
 * backward search from libxml2's line short (see S_find_tag).
 */
#include "model/srcmap.h"

#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/confine.h"
#include "base/fs.h"
#include "base/utf8.h"
#include "load/xml.h"

void sg_srcmap_init(sg_srcmap *m, const char *root, const char *path, size_t cap)
{
	memset(m, 0, sizeof *m);
	m->path = path;
	sg_buf_init(&m->text);
	sg_diags quiet;
	sg_diags_init(&quiet);
	if (sg_confine_read(root, SG_CONFINE_CONTENT, path, cap, &m->text, &quiet) == 0) {
		size_t n = 1;
		for (size_t i = 0; i < m->text.len; i++)
			n += m->text.data[i] == '\n';
		m->lines = sg_xmalloc(n * sizeof *m->lines);
		m->lines[m->line_count++] = 0;
		for (size_t i = 0; i < m->text.len; i++)
			if (m->text.data[i] == '\n')
				m->lines[m->line_count++] = i + 1;
	}
	sg_diags_dispose(&quiet);
}

void sg_srcmap_dispose(sg_srcmap *m)
{
	sg_buf_dispose(&m->text);
	free(m->lines);
	memset(m, 0, sizeof *m);
}

static bool S_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* 1-based line of byte offset off. */
static int S_line_of(const sg_srcmap *m, size_t off)
{
	size_t lo = 0, hi = m->line_count;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return (int)lo + 1;
}

static sg_pos S_pos_of(const sg_srcmap *m, size_t off)
{
	int line = S_line_of(m, off);
	const char *start = m->text.data + m->lines[line - 1];
	int col = 1;
	for (const char *p = start; p < m->text.data + off;) {
		uint32_t cp;
		size_t k = sg_utf8_decode(p, (size_t)(m->text.data + off - p), &cp);
		p += k ? k : 1;
		col++;
	}
	return sg_pos_make(m->path, line, col);
}

/* Reads the start tag whose '<' is at off. Returns the offset of its closing
 * '>' (or the end of the text); when attr is found, *found is its offset. */
static size_t S_tag(const sg_srcmap *m, size_t off, const char *attr, size_t *found)
{
	const char *s = m->text.data;
	size_t n = m->text.len, i = off + 1, alen = attr ? strlen(attr) : 0;
	while (i < n && !S_space(s[i]) && s[i] != '>' && s[i] != '/')
		i++;
	for (;;) {
		while (i < n && (S_space(s[i]) || s[i] == '/'))
			i++;
		if (i >= n || s[i] == '>')
			return i;
		size_t name = i;
		while (i < n && !S_space(s[i]) && s[i] != '=' && s[i] != '>' && s[i] != '/')
			i++;
		if (attr && found && i - name == alen && memcmp(s + name, attr, alen) == 0)
			*found = name;
		while (i < n && S_space(s[i]))
			i++;
		if (i < n && s[i] == '=') {
			i++;
			while (i < n && S_space(s[i]))
				i++;
			if (i < n && (s[i] == '"' || s[i] == '\'')) {
				char q = s[i++];
				while (i < n && s[i] != q)
					i++;
				if (i < n)
					i++;
			}
		}
	}
}

/* Is "<name" at off, followed by the end of the name? */
static bool S_opens(const sg_srcmap *m, size_t off, const char *name, size_t nlen)
{
	const char *s = m->text.data;
	if (s[off] != '<' || off + 1 + nlen >= m->text.len)
		return false;
	if (memcmp(s + off + 1, name, nlen) != 0)
		return false;
	char c = s[off + 1 + nlen];
	return S_space(c) || c == '>' || c == '/';
}

/* The offset of node's '<', or (size_t)-1. libxml2's line L is where the tag
 * ends, so the candidates are the tags named like node that end on L: those
 * that start on L, plus at most one that starts on an earlier line (the last
 * '<' before L, since a tag holds no '<'). Same-named elements before node
 * that libxml2 also put on L say which candidate is node's. */
static size_t S_find_tag(const sg_srcmap *m, const xmlNode *node)
{
	const size_t none = (size_t)-1;
	long L = node ? xmlGetLineNo(node) : 0;
	if (!m->line_count || L <= 0 || (size_t)L > m->line_count)
		return none;
	const char *name = (const char *)node->name;
	size_t nlen = strlen(name);
	size_t k = 0;
	for (const xmlNode *p = node->prev; p; p = p->prev)
		if (p->type == XML_ELEMENT_NODE && xmlGetLineNo(p) == L &&
		    strcmp((const char *)p->name, name) == 0)
			k++;

	size_t cand[64], count = 0;
	/* The last '<' before line L, if its tag is ours and ends on L. */
	size_t line_start = m->lines[L - 1];
	for (size_t off = line_start; off-- > 0;) {
		if (m->text.data[off] != '<')
			continue;
		if (S_opens(m, off, name, nlen) && S_line_of(m, S_tag(m, off, NULL, NULL)) == L)
			cand[count++] = off;
		break;
	}
	size_t line_end = (size_t)L < m->line_count ? m->lines[L] : m->text.len;
	for (size_t off = line_start; off < line_end && count < 64; off++)
		if (S_opens(m, off, name, nlen) && S_line_of(m, S_tag(m, off, NULL, NULL)) == L)
			cand[count++] = off;
	return k < count ? cand[k] : none;
}

sg_pos sg_srcmap_element(const sg_srcmap *m, const xmlNode *node)
{
	size_t off = S_find_tag(m, node);
	if (off == (size_t)-1)
		return sg_xml_pos(m->path, node);
	return S_pos_of(m, off);
}

sg_pos sg_srcmap_attr(const sg_srcmap *m, const xmlNode *node, const char *attr)
{
	size_t off = S_find_tag(m, node), found = (size_t)-1;
	if (off == (size_t)-1)
		return sg_xml_pos(m->path, node);
	if (attr)
		S_tag(m, off, attr, &found);
	return S_pos_of(m, found != (size_t)-1 ? found : off);
}

sg_pos sg_srcmap_text(const sg_srcmap *m, const xmlNode *node)
{
	size_t off = S_find_tag(m, node);
	if (off == (size_t)-1)
		return sg_xml_pos(m->path, node);
	size_t gt = S_tag(m, off, NULL, NULL);
	if (gt >= m->text.len || (gt > off && m->text.data[gt - 1] == '/'))
		return S_pos_of(m, off);
	return S_pos_of(m, gt + 1);
}

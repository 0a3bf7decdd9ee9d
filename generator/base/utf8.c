#include "base/utf8.h"

#include <string.h>

size_t sg_utf8_decode(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	*cp = 0xFFFD;
	if (len == 0)
		return 0;
	unsigned char c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t n;
	uint32_t v, min;
	if ((c & 0xE0) == 0xC0) {
		n = 2, v = c & 0x1F, min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		n = 3, v = c & 0x0F, min = 0x800;
	} else if ((c & 0xF8) == 0xF0) {
		n = 4, v = c & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return n;
}

size_t sg_utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t sg_utf8_validate(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		size_t n = sg_utf8_decode(s + i, len - i, &cp);
		if (!n)
			return i;
		i += n;
	}
	return SG_UTF8_OK;
}

void sg_utf8_line_col(const char *s, size_t off, int *line, int *col)
{
	int l = 1, c = 1;
	for (size_t i = 0; i < off; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '\n') {
			l++;
			c = 1;
		} else if ((ch & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

int sg_utf8_is_cjk(uint32_t cp)
{
	return (cp >= 0x2E80 && cp <= 0x2FDF)     /* radicals */
	       || (cp >= 0x3000 && cp <= 0x303F)  /* CJK symbols and punctuation */
	       || (cp >= 0x3040 && cp <= 0x30FF)  /* kana */
	       || (cp >= 0x3100 && cp <= 0x31FF)  /* bopomofo, kana ext */
	       || (cp >= 0x3400 && cp <= 0x4DBF)  /* ext A */
	       || (cp >= 0x4E00 && cp <= 0x9FFF)  /* unified ideographs */
	       || (cp >= 0xAC00 && cp <= 0xD7AF)  /* hangul */
	       || (cp >= 0xF900 && cp <= 0xFAFF)  /* compatibility ideographs */
	       || (cp >= 0xFE30 && cp <= 0xFE4F)  /* compatibility forms */
	       || (cp >= 0xFF00 && cp <= 0xFFEF)  /* full-width forms */
	       || (cp >= 0x20000 && cp <= 0x3FFFF); /* supplementary ideographs */
}

static bool S_space_cp(uint32_t cp)
{
	switch (cp) {
	case ' ': case '\t': case '\n': case '\r': case 0x0B: case 0x0C:
	case 0x85: case 0xA0: case 0x1680: case 0x180E: case 0x2028: case 0x2029:
	case 0x202F: case 0x205F: case 0x3000: case 0xFEFF:
		return true;
	default:
		return cp >= 0x2000 && cp <= 0x200B;
	}
}

bool sg_utf8_blank(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = sg_utf8_decode(s + i, n - i, &cp);
		if (!k || !S_space_cp(cp))
			return false;
		i += k;
	}
	return true;
}

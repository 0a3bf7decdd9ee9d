/*
 * site_pinyin.c - the first letter of a Han character's Mandarin reading,
 * so that a search for "jjfa" finds a title holding 解决方案.
 *
 * The letters come from a table CMake writes at build time from the Unihan
 * data of Debian's unicode-data (cmake/pinyin_table.sh, kMandarin: the
 * first reading of a character that has several). It covers the Unified
 * Ideographs and Extension A, where the characters of Chinese titles are.
 */
#include "render/html/site_int.h"

/* In the generated pinyin_table.c: a letter per code point, '-' for none. */
extern const char sg_pinyin_ext_a[];
extern const char sg_pinyin_uro[];

char sg_site_pinyin_initial(uint32_t cp)
{
	char c = 0;
	if (cp >= 0x4E00 && cp <= 0x9FFF)
		c = sg_pinyin_uro[cp - 0x4E00];
	else if (cp >= 0x3400 && cp <= 0x4DBF)
		c = sg_pinyin_ext_a[cp - 0x3400];
	return c >= 'a' && c <= 'z' ? c : 0;
}

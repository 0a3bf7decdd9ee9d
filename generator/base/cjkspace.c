/*
 * cjkspace.c - the space between Chinese and other text (see cjkspace.h).
 */
#include "base/cjkspace.h"

/* Full-width punctuation: the CJK Symbols and Punctuation block less its
 * few letter-like characters, the vertical and small forms, and the
 * punctuation of the Halfwidth and Fullwidth Forms block. */
static int S_is_punct(uint32_t cp)
{
	if (cp >= 0x3000 && cp <= 0x303F)
		return !(cp == 0x3005 || cp == 0x3006 || cp == 0x3007 /* 々〆〇 */
			 || (cp >= 0x3021 && cp <= 0x3029) /* Hangzhou numerals */
			 || (cp >= 0x3031 && cp <= 0x3035) /* kana repeat marks */
			 || (cp >= 0x3038 && cp <= 0x303B));
	if (cp == 0x30FB) /* ・ katakana middle dot */
		return 1;
	if (cp >= 0xFE10 && cp <= 0xFE1F) /* vertical forms */
		return 1;
	if (cp >= 0xFE30 && cp <= 0xFE6F) /* compatibility and small forms */
		return 1;
	return (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
	       (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65);
}

static int S_is_han(uint32_t cp)
{
	return (cp >= 0x2E80 && cp <= 0x2FDF)     /* radicals */
	       || cp == 0x3005 || cp == 0x3006 || cp == 0x3007
	       || (cp >= 0x3021 && cp <= 0x3029)
	       || (cp >= 0x3031 && cp <= 0x3035) || (cp >= 0x3038 && cp <= 0x303B)
	       || (cp >= 0x3040 && cp <= 0x30FF && cp != 0x30FB) /* kana, not ・ */
	       || (cp >= 0x3100 && cp <= 0x31FF)  /* bopomofo, kana extensions */
	       || (cp >= 0x3400 && cp <= 0x4DBF)  /* extension A */
	       || (cp >= 0x4E00 && cp <= 0x9FFF)  /* unified ideographs */
	       || (cp >= 0xAC00 && cp <= 0xD7AF)  /* hangul */
	       || (cp >= 0xF900 && cp <= 0xFAFF)  /* compatibility ideographs */
	       || (cp >= 0xFF10 && cp <= 0xFF19)  /* full-width digits */
	       || (cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A)
	       || (cp >= 0x20000 && cp <= 0x3FFFF); /* extensions B and later */
}

static int S_is_latin(uint32_t cp)
{
	if ((cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z'))
		return 1;
	if (cp >= 0xC0 && cp <= 0x24F) /* Latin-1 letters and Latin Extended */
		return cp != 0xD7 && cp != 0xF7; /* not × and ÷ */
	return (cp >= 0x386 && cp <= 0x3FF && cp != 0x387) /* Greek */
	       || (cp >= 0x400 && cp <= 0x4FF)               /* Cyrillic */
	       || (cp >= 0x1E00 && cp <= 0x1EFF);            /* Latin Extended Additional */
}

sg_cjk_kind sg_cjk_kind_of(uint32_t cp)
{
	if (S_is_han(cp))
		return SG_CJK_HAN;
	if (S_is_punct(cp))
		return SG_CJK_PUNCT;
	if (S_is_latin(cp))
		return SG_CJK_LATIN;
	return SG_CJK_OTHER;
}

sg_cjk_gap sg_cjk_gap_between(sg_cjk_kind a, sg_cjk_kind b)
{
	if (a == SG_CJK_PUNCT || b == SG_CJK_PUNCT)
		return SG_GAP_DROP;
	if (a == SG_CJK_HAN && b == SG_CJK_HAN)
		return SG_GAP_DROP;
	if ((a == SG_CJK_HAN && b == SG_CJK_LATIN) || (a == SG_CJK_LATIN && b == SG_CJK_HAN))
		return SG_GAP_QUARTER;
	return SG_GAP_KEEP;
}

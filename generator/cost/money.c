/*
 * money.c - formatting amounts for people.
 */
#include "cost/money.h"

#include <inttypes.h>
#include <stdio.h>

static uint64_t S_magnitude(int64_t v)
{
	return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

void sg_money_group(sg_buf *out, sg_fen fen, bool fen_always)
{
	uint64_t mag = S_magnitude(fen);
	char digits[32];
	int n = snprintf(digits, sizeof digits, "%" PRIu64, mag / 100);
	if (fen < 0)
		sg_buf_putc(out, '-');
	for (int i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			sg_buf_putc(out, ',');
		sg_buf_putc(out, digits[i]);
	}
	if (fen_always || mag % 100)
		sg_buf_printf(out, ".%02u", (unsigned)(mag % 100));
}

void sg_money_format(sg_buf *out, sg_fen fen)
{
	sg_money_group(out, fen, true);
}

void sg_share_format(sg_buf *out, sg_ppm ppm)
{
	uint64_t mag = S_magnitude(ppm);
	char frac[8];
	snprintf(frac, sizeof frac, "%06u", (unsigned)(mag % 1000000));
	int keep = 6;
	while (keep > 2 && frac[keep - 1] == '0')
		keep--;
	sg_buf_printf(out, "%s%" PRIu64 ".%.*s", ppm < 0 ? "-" : "", mag / 1000000, keep, frac);
}

/* ---------------------------------------------------------------- capitals */

static const char *const S_digit[10] = {"零", "壹", "贰", "叁", "肆",
					 "伍", "陆", "柒", "捌", "玖"};
static const char *const S_unit[4] = {"", "拾", "佰", "仟"};

/* Writes the whole yuan. Digits go left to right with their place unit; a run
 * of zeros between two non-zero digits becomes one 零 before the second, also
 * where the run crosses a 万 or 亿 (102,000 is 壹拾万零贰仟: the rules for
 * bills, 《支付结算办法》, write 零 for a zero inside the figure; leaving it
 * out there is tolerated, never required, and a quotation's capitals must
 * read the same as its contract's). Each group of four ends in 万 or 亿 when
 * the group (for 亿, anything above it) is not all zeros. Zeros that end the
 * figure are never written. */
static void S_yuan(sg_buf *out, uint64_t yuan)
{
	char d[24];
	int n = snprintf(d, sizeof d, "%" PRIu64, yuan);
	bool zero = false, group_nonzero = false;
	for (int i = 0; i < n; i++) {
		int p = n - 1 - i; /* place, 0 = units */
		int v = d[i] - '0';
		if (v == 0) {
			zero = true;
		} else {
			if (zero)
				sg_buf_puts(out, S_digit[0]);
			zero = false;
			group_nonzero = true;
			sg_buf_puts(out, S_digit[v]);
			sg_buf_puts(out, S_unit[p % 4]);
		}
		if (p > 0 && p % 4 == 0) {
			/* 亿 closes everything above it, so 壹万亿 keeps its 亿 even
			 * when the four digits before it are zeros. */
			bool yi = p % 8 == 0;
			if (yi || group_nonzero)
				sg_buf_puts(out, yi ? "亿" : "万");
			group_nonzero = false;
		}
	}
}

void sg_money_capitals(sg_buf *out, sg_fen fen)
{
	uint64_t mag = S_magnitude(fen);
	uint64_t yuan = mag / 100;
	unsigned jiao = (unsigned)(mag / 10 % 10), fen_digit = (unsigned)(mag % 10);
	if (mag == 0) {
		sg_buf_puts(out, "零元整");
		return;
	}
	if (fen < 0)
		sg_buf_puts(out, "负");
	if (yuan) {
		S_yuan(out, yuan);
		sg_buf_puts(out, "元");
	}
	if (jiao) {
		sg_buf_puts(out, S_digit[jiao]);
		sg_buf_puts(out, "角");
	} else if (fen_digit && yuan) {
		sg_buf_puts(out, S_digit[0]);
	}
	if (fen_digit) {
		sg_buf_puts(out, S_digit[fen_digit]);
		sg_buf_puts(out, "分");
	} else {
		sg_buf_puts(out, "整");
	}
}

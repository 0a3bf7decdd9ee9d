/*
 * num.h - strict parsing of the numbers people write in content and flags.
 *
 * Every number salesgen reads goes through here, so "12,000", "１２０００",
 * "NaN", "1e5", "-3" and "99999999999999999999" are refused the same way
 * everywhere, with a reason the caller can print.
 */
#ifndef SG_BASE_NUM_H
#define SG_BASE_NUM_H

#include <stdbool.h>
#include <stdint.h>

/* Parses a plain decimal ("123", "0.85", ".5" is refused, "1." is refused) with
 * at most `scale` digits after the point, into units of 10^-scale: with scale 2,
 * "950.5" gives 95050. Leading and trailing ASCII spaces are allowed. A minus
 * sign is accepted only when allow_negative. On failure returns false and sets
 * *why to a short reason ("is not a number", "has more than 2 decimals", ...). */
bool sg_parse_fixed(const char *s, int scale, bool allow_negative, int64_t *out,
		    const char **why);

/* A whole number, no sign unless allow_negative. */
bool sg_parse_int(const char *s, bool allow_negative, int64_t *out, const char **why);

/* "true"/"false" (also "yes"/"no", "1"/"0"). */
bool sg_parse_bool(const char *s, bool *out, const char **why);

/* Multiplies a*b/div with rounding half away from zero, using 128-bit
 * intermediates; false on overflow of the result. div must be positive. */
bool sg_muldiv_round(int64_t a, int64_t b, int64_t div, int64_t *out);

#endif

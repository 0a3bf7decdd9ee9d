#include "base/num.h"

#include <string.h>
#include <strings.h>

static const char *S_trim(const char *s, size_t *len)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	*len = n;
	return s;
}

/* A reason for text that is not a plain number, naming the usual mistakes. */
static const char *S_why_not_number(const char *s, size_t n)
{
	if (n == 0)
		return "is empty";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ',' || c == '_' || c == '\'')
			return "has a thousands separator (write 12000, not 12,000)";
		if (c >= 0x80)
			return "has a non-ASCII character (full-width digits or a currency sign?)";
	}
	if (n >= 3 && (strncasecmp(s, "nan", 3) == 0 || strncasecmp(s, "inf", 3) == 0))
		return "is not a finite number";
	if (memchr(s, 'e', n) || memchr(s, 'E', n))
		return "uses an exponent (write the digits out)";
	return "is not a number";
}

/* v times ten plus digit c; false, v unchanged, when that passes INT64_MAX. */
static bool S_append_digit(uint64_t *v, char c)
{
	uint64_t d = (uint64_t)(c - '0');
	if (*v > ((uint64_t)INT64_MAX - d) / 10)
		return false;
	*v = *v * 10 + d;
	return true;
}

bool sg_parse_fixed(const char *str, int scale, bool allow_negative, int64_t *out,
		    const char **why)
{
	const char *dummy;
	if (!why)
		why = &dummy;
	if (!str) {
		*why = "is missing";
		return false;
	}
	size_t n;
	const char *s = S_trim(str, &n);
	size_t i = 0;
	bool neg = false;
	if (i < n && (s[i] == '-' || s[i] == '+')) {
		neg = s[i] == '-';
		i++;
	}
	size_t int_start = i;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	size_t int_digits = i - int_start;
	size_t frac_digits = 0;
	size_t frac_start = 0;
	if (i < n && s[i] == '.') {
		i++;
		frac_start = i;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		frac_digits = i - frac_start;
		if (frac_digits == 0) {
			*why = "is not a number";
			return false;
		}
	}
	if (i != n || int_digits == 0) {
		*why = S_why_not_number(s, n);
		return false;
	}
	if (neg && !allow_negative) {
		*why = "must not be negative";
		return false;
	}
	/* Extra decimals are allowed only when they are zeros. */
	for (size_t k = (size_t)scale; k < frac_digits; k++) {
		if (s[frac_start + k] != '0') {
			*why = scale == 0 ? "must be a whole number"
			       : scale == 2 ? "has more than 2 decimals"
			       : scale == 4 ? "has more than 4 decimals"
					    : "has too many decimals";
			return false;
		}
	}
	/* The integer digits, then scale decimals (zeros past the written). */
	uint64_t v = 0;
	bool fits = true;
	for (size_t k = int_start; k < int_start + int_digits; k++)
		fits = fits && S_append_digit(&v, s[k]);
	for (int k = 0; k < scale; k++)
		fits = fits && S_append_digit(&v, (size_t)k < frac_digits ? s[frac_start + k] : '0');
	if (!fits) {
		*why = "is too large";
		return false;
	}
	*out = neg ? -(int64_t)v : (int64_t)v;
	return true;
}

bool sg_parse_int(const char *s, bool allow_negative, int64_t *out, const char **why)
{
	return sg_parse_fixed(s, 0, allow_negative, out, why);
}

bool sg_parse_bool(const char *str, bool *out, const char **why)
{
	size_t n;
	const char *s = str ? S_trim(str, &n) : "";
	if (!str)
		n = 0;
	static const char *yes[] = {"true", "yes", "1"}, *no[] = {"false", "no", "0"};
	for (int i = 0; i < 3; i++) {
		if (strlen(yes[i]) == n && strncmp(s, yes[i], n) == 0) {
			*out = true;
			return true;
		}
		if (strlen(no[i]) == n && strncmp(s, no[i], n) == 0) {
			*out = false;
			return true;
		}
	}
	if (why)
		*why = "must be true or false";
	return false;
}

bool sg_muldiv_round(int64_t a, int64_t b, int64_t div, int64_t *out)
{
	__int128 p = (__int128)a * b;
	__int128 q = p / div, r = p % div;
	if (r < 0)
		r = -r;
	if (2 * r >= div)
		q += p < 0 ? -1 : 1;
	if (q > INT64_MAX || q < INT64_MIN)
		return false;
	*out = (int64_t)q;
	return true;
}

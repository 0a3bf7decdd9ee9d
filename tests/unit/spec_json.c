#include "spec_json.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/utf8.h"

/* Deep enough for any test data; it stops runaway recursion on bad input. */
#define MAX_NESTING 200

typedef struct S_json {
	sg_arena *a;
	const char *s;
	size_t len, pos;
	int depth;
	char *err;
	size_t errsize;
	bool failed;
} S_json;

static void S_fail(S_json *j, const char *msg)
{
	if (j->failed)
		return;
	int line = 1;
	for (size_t i = 0; i < j->pos && i < j->len; i++)
		line += j->s[i] == '\n';
	snprintf(j->err, j->errsize, "line %d: %s", line, msg);
	j->failed = true;
}

static void S_ws(S_json *j)
{
	while (j->pos < j->len && strchr(" \t\r\n", j->s[j->pos]) && j->s[j->pos])
		j->pos++;
}

static bool S_lit(S_json *j, const char *word)
{
	size_t n = strlen(word);
	if (j->len - j->pos >= n && memcmp(j->s + j->pos, word, n) == 0) {
		j->pos += n;
		return true;
	}
	return false;
}

static int S_hex4(S_json *j, uint32_t *out)
{
	if (j->len - j->pos < 4)
		return -1;
	uint32_t v = 0;
	for (int i = 0; i < 4; i++) {
		char c = j->s[j->pos++];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (uint32_t)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

/* Reads a string after its opening quote into b. */
static int S_string(S_json *j, sg_buf *b)
{
	while (j->pos < j->len) {
		unsigned char c = (unsigned char)j->s[j->pos++];
		if (c == '"')
			return 0;
		if (c < 0x20) {
			S_fail(j, "control character in a string");
			return -1;
		}
		if (c != '\\') {
			sg_buf_putc(b, c);
			continue;
		}
		if (j->pos >= j->len)
			break;
		char e = j->s[j->pos++];
		const char *from = "\"\\/bfnrt", *to = "\"\\/\b\f\n\r\t";
		const char *hit = strchr(from, e);
		if (hit && e) {
			sg_buf_putc(b, to[hit - from]);
			continue;
		}
		if (e != 'u') {
			S_fail(j, "bad escape in a string");
			return -1;
		}
		uint32_t cp, lo;
		if (S_hex4(j, &cp) < 0) {
			S_fail(j, "bad \\u escape");
			return -1;
		}
		if (cp >= 0xD800 && cp <= 0xDBFF) {
			if (!S_lit(j, "\\u") || S_hex4(j, &lo) < 0 || lo < 0xDC00 || lo > 0xDFFF) {
				S_fail(j, "unpaired surrogate");
				return -1;
			}
			cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
		} else if (cp >= 0xDC00 && cp <= 0xDFFF) {
			S_fail(j, "unpaired surrogate");
			return -1;
		}
		char enc[4];
		sg_buf_put(b, enc, sg_utf8_encode(cp, enc));
	}
	S_fail(j, "unterminated string");
	return -1;
}

static bool S_digit(const S_json *j)
{
	return j->pos < j->len && j->s[j->pos] >= '0' && j->s[j->pos] <= '9';
}

static sg_value *S_number(S_json *j)
{
	bool neg = S_lit(j, "-");
	int64_t units = 0;
	int scale = 0;
	bool overflow = false;
	if (!S_digit(j)) {
		S_fail(j, "bad number");
		return NULL;
	}
	if (j->s[j->pos] == '0' && j->pos + 1 < j->len && j->s[j->pos + 1] >= '0' &&
	    j->s[j->pos + 1] <= '9') {
		S_fail(j, "leading zero in a number");
		return NULL;
	}
	bool is_dec = false;
	for (int part = 0; part < 2; part++) {
		while (S_digit(j)) {
			int d = j->s[j->pos++] - '0';
			if (units > (INT64_MAX - d) / 10)
				overflow = true;
			else
				units = units * 10 + d;
			scale += part;
		}
		if (part == 0 && S_lit(j, ".")) {
			is_dec = true;
			if (!S_digit(j)) {
				S_fail(j, "bad number");
				return NULL;
			}
		} else {
			break;
		}
	}
	if (j->pos < j->len && (j->s[j->pos] == 'e' || j->s[j->pos] == 'E')) {
		j->pos++;
		is_dec = true;
		bool eneg = S_lit(j, "-");
		if (!eneg)
			S_lit(j, "+");
		if (!S_digit(j)) {
			S_fail(j, "bad exponent");
			return NULL;
		}
		int e = 0;
		while (S_digit(j) && e < 1000)
			e = e * 10 + (j->s[j->pos++] - '0');
		scale += eneg ? e : -e;
		for (; scale < 0 && !overflow; scale++) {
			if (units > INT64_MAX / 10)
				overflow = true;
			units *= 10;
		}
	}
	if (overflow || scale > 9) {
		S_fail(j, "number out of range for the test reader");
		return NULL;
	}
	if (neg)
		units = -units;
	return is_dec ? sg_value_dec(j->a, units, scale) : sg_value_int(j->a, units);
}

static sg_value *S_value(S_json *j)
{
	S_ws(j);
	if (j->pos >= j->len) {
		S_fail(j, "unexpected end of input");
		return NULL;
	}
	if (++j->depth > MAX_NESTING) {
		S_fail(j, "nested too deep");
		return NULL;
	}
	sg_value *v = NULL;
	char c = j->s[j->pos];
	if (c == '{' || c == '[') {
		bool map = c == '{';
		j->pos++;
		v = map ? sg_value_map(j->a) : sg_value_list(j->a);
		S_ws(j);
		if (S_lit(j, map ? "}" : "]"))
			goto done;
		for (;;) {
			sg_buf key;
			sg_buf_init(&key);
			if (map) {
				S_ws(j);
				if (!S_lit(j, "\"")) {
					S_fail(j, "expected a key");
				} else if (S_string(j, &key) == 0) {
					S_ws(j);
					if (!S_lit(j, ":"))
						S_fail(j, "expected ':'");
				}
				if (j->failed) {
					sg_buf_dispose(&key);
					return NULL;
				}
			}
			sg_value *item = S_value(j);
			if (!item) {
				sg_buf_dispose(&key);
				return NULL;
			}
			if (map) {
				if (sg_map_get(v, key.data))
					S_fail(j, "duplicate key");
				sg_map_set(j->a, v, key.data, item);
			} else {
				sg_list_push(v, item);
			}
			sg_buf_dispose(&key);
			S_ws(j);
			if (S_lit(j, ","))
				continue;
			if (S_lit(j, map ? "}" : "]"))
				break;
			S_fail(j, map ? "expected ',' or '}'" : "expected ',' or ']'");
			return NULL;
		}
	} else if (c == '"') {
		j->pos++;
		sg_buf b;
		sg_buf_init(&b);
		if (S_string(j, &b) == 0)
			v = sg_value_strn(j->a, b.data, b.len);
		sg_buf_dispose(&b);
	} else if (S_lit(j, "true")) {
		v = sg_value_bool(j->a, true);
	} else if (S_lit(j, "false")) {
		v = sg_value_bool(j->a, false);
	} else if (S_lit(j, "null")) {
		v = sg_value_null(j->a);
	} else if (c == '-' || (c >= '0' && c <= '9')) {
		v = S_number(j);
	} else {
		S_fail(j, "unexpected character");
	}
done:
	j->depth--;
	return j->failed ? NULL : v;
}

sg_value *sg_test_json_parse(sg_arena *a, const char *text, size_t len, char *err,
			     size_t errsize)
{
	S_json j = {.a = a, .s = text, .len = len, .err = err, .errsize = errsize};
	sg_value *v = S_value(&j);
	if (v) {
		S_ws(&j);
		if (j.pos != len) {
			S_fail(&j, "text after the value");
			v = NULL;
		}
	}
	return v;
}

/*
 * utf8.h - UTF-8 decoding and validation.
 */
#ifndef SG_BASE_UTF8_H
#define SG_BASE_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SG_UTF8_OK ((size_t)-1)

/* Decodes one code point at s[0..len). Returns the number of bytes used (1..4)
 * and stores the code point in *cp; on a malformed or overlong sequence,
 * surrogate or value over U+10FFFF returns 0 and stores U+FFFD. */
size_t sg_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Writes cp as UTF-8 into out (at least 4 bytes); returns bytes written. */
size_t sg_utf8_encode(uint32_t cp, char *out);

/* Offset of the first invalid byte, or SG_UTF8_OK when all of s is valid. */
size_t sg_utf8_validate(const char *s, size_t len);

/* 1-based line and column (in code points) of byte offset off in s. */
void sg_utf8_line_col(const char *s, size_t off, int *line, int *col);

/* True for Han ideographs, kana, hangul and CJK symbols and punctuation,
 * including full-width forms: the characters that take no word spaces. */
int sg_utf8_is_cjk(uint32_t cp);

/* True when s holds nothing but white space: ASCII spaces, tabs and line
 * ends, and the Unicode spaces people paste from documents (no-break,
 * ideographic U+3000, the typographic spaces, zero-width space, BOM). NULL
 * and "" are blank too. Text that is blank prints as nothing. */
bool sg_utf8_blank(const char *s);

#endif

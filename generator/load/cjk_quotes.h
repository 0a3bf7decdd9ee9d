/*
 * cjk_quotes.h - curly quotes the way Chinese is written.
 *
 * Documents are parsed with cmark-gfm's smart punctuation
 * (CMARK_OPT_SMART): straight quotes become curly ones, "--" an en dash,
 * "---" an em dash and "..." an ellipsis, except in code and where escaped.
 * Whether a straight quote opens or closes is decided, as for emphasis, from
 * the characters on either side ("flanking"), rules made for languages with
 * spaces between words. In Chinese a quote usually has a letter on both
 * sides, or punctuation before a closing one: cmark makes 他说"你好"然后
 * 他说”你好”然后 and 又说："好的。"结束 又说：“好的。“结束.
 *
 * So this pass, run after the parse, decides again the quotes that smart
 * punctuation made from straight ones next to CJK text (a CJK character,
 * CJK punctuation or a full-width form just before or after the quote, '*'
 * and '_' looked through). It walks each paragraph, heading and table cell
 * in document order, double and single quotes each with a state, open or
 * closed:
 *   - such a quote opens when the state is closed and closes when it is
 *     open, as an author alternates them;
 *   - every other quote is kept as written or as cmark decided, and sets
 *     the state by its own direction. A single quote between a letter or
 *     digit and a Latin letter ("Tom's", "腾讯's") is an apostrophe, kept,
 *     and leaves the state alone.
 * Quotes an author typed curly are never changed. Text without CJK next to
 * its quotes is left as cmark's smart punctuation made it.
 */
#ifndef SG_LOAD_CJK_QUOTES_H
#define SG_LOAD_CJK_QUOTES_H

#include <stddef.h>

#include <cmark-gfm.h>

/* Decides again the curly quotes under root (parsed with CMARK_OPT_SMART)
 * that stand next to CJK text, as above. src[0..len) is the text root was
 * parsed from (cmark's line 1 is its first line): it tells a quote made
 * from a straight one from one typed curly. With src NULL every curly quote
 * counts as made from a straight one.
 *
 * Run it before sg_cjk_emphasis_fix(), which gives new nodes no position.
 * Returns the number of quotes changed. */
int sg_cjk_quotes_fix(cmark_node *root, const char *src, size_t len);

#endif

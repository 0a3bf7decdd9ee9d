/*
 * cjk_emphasis.h - emphasis the way Chinese is written.
 *
 * CommonMark decides whether a run of '*' may open or close emphasis from
 * the characters on either side ("flanking"), rules made for languages with
 * spaces between words. Chinese has none and puts full-width punctuation
 * inside the emphasis, so "这是**重要的。**后面" keeps its asterisks (the
 * closing run follows punctuation and precedes a letter: not right-flanking),
 * and two such runs on one line may pair with the wrong partners. cmark-gfm
 * pairs '*' and '_' in its core, before any extension sees them, so this
 * pass runs over the parsed tree instead.
 *
 * The rule (CommonMark's, plus one clause each way):
 *   - a run is also left-flanking when it is followed by punctuation that
 *     does not close, and a CJK character (ideograph, kana, hangul, CJK or
 *     full-width punctuation) is on either side of it;
 *   - a run is also right-flanking when it is preceded by punctuation that
 *     does not open, and a CJK character is on either side of it;
 *   - '_' stays stricter: between two ASCII letters or digits it never opens
 *     or closes (snake_case), and it may open (close) inside a word only when
 *     the character outside it is CJK.
 * Punctuation that closes (。，）” and the like) does not let a run before it
 * open, and punctuation that opens (（“《) does not let a run after it close.
 *
 * The pass only looks at a paragraph, heading, table cell, link text or
 * emphasis when one of the runs cmark left as literal text touches a CJK
 * character; there it undoes cmark's emphasis whose delimiters touch CJK and
 * pairs all those runs again with CommonMark's algorithm and the rule above,
 * keeping the result only when it leaves fewer delimiters as text than cmark
 * did (otherwise the container is put back as cmark made it). Text without
 * CJK next to the delimiters is therefore left exactly as CommonMark parsed
 * it, and the pass never leaves more asterisks as text than cmark did.
 */
#ifndef SG_LOAD_CJK_EMPHASIS_H
#define SG_LOAD_CJK_EMPHASIS_H

#include <stddef.h>

#include <cmark-gfm.h>

/* Re-pairs the '*' and '_' runs under root (see above), wrapping what lies
 * between an opener and its closer in an emphasis or strong node, across
 * inline siblings such as code spans or links, never across blocks.
 *
 * src[0..len) is the text root was parsed from (cmark's line 1 is its first
 * line): cmark-gfm merges adjacent text nodes, so only the source tells a
 * delimiter '*' from an escaped "\*" or "&ast;" in the same text node, and
 * which character (* or _) made an emphasis node. With src NULL every
 * literal '*' and '_' counts as a delimiter and cmark's own emphasis is never
 * undone.
 *
 * Returns the number of emphasis and strong nodes added: those made, less
 * those of cmark's it took apart. */
int sg_cjk_emphasis_fix(cmark_node *root, const char *src, size_t len);

#endif

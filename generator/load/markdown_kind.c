/*
 * markdown_kind.c - one enumeration for cmark-gfm's core and extension node
 * types (see sg_markdown_kind in load/markdown.h). Kept apart from the parser
 * so that the passes over the tree (the CJK emphasis pass among them) depend
 * on this and not on the parser that runs them.
 */
#include "load/markdown.h"

/* Node types the extensions add. cmark-gfm-extensions exports them but its
 * installed headers do not declare them; they are set when the extensions
 * are registered. */
extern cmark_node_type CMARK_NODE_TABLE;
extern cmark_node_type CMARK_NODE_TABLE_ROW;
extern cmark_node_type CMARK_NODE_TABLE_CELL;
extern cmark_node_type CMARK_NODE_STRIKETHROUGH;

sg_md_kind sg_markdown_kind(cmark_node *node)
{
	cmark_node_type t = cmark_node_get_type(node);
	switch (t) {
	case CMARK_NODE_DOCUMENT: return SG_MD_DOCUMENT;
	case CMARK_NODE_BLOCK_QUOTE: return SG_MD_BLOCK_QUOTE;
	case CMARK_NODE_LIST: return SG_MD_LIST;
	case CMARK_NODE_ITEM: return SG_MD_ITEM;
	case CMARK_NODE_CODE_BLOCK: return SG_MD_CODE_BLOCK;
	case CMARK_NODE_HTML_BLOCK: return SG_MD_HTML_BLOCK;
	case CMARK_NODE_PARAGRAPH: return SG_MD_PARAGRAPH;
	case CMARK_NODE_HEADING: return SG_MD_HEADING;
	case CMARK_NODE_THEMATIC_BREAK: return SG_MD_THEMATIC_BREAK;
	case CMARK_NODE_TEXT: return SG_MD_TEXT;
	case CMARK_NODE_SOFTBREAK: return SG_MD_SOFTBREAK;
	case CMARK_NODE_LINEBREAK: return SG_MD_LINEBREAK;
	case CMARK_NODE_CODE: return SG_MD_CODE;
	case CMARK_NODE_HTML_INLINE: return SG_MD_HTML_INLINE;
	case CMARK_NODE_EMPH: return SG_MD_EMPH;
	case CMARK_NODE_STRONG: return SG_MD_STRONG;
	case CMARK_NODE_LINK: return SG_MD_LINK;
	case CMARK_NODE_IMAGE: return SG_MD_IMAGE;
	default: break;
	}
	/* The extension types are set when the extensions are registered, which
	 * sg_markdown_parse() does before any node of theirs can exist; until
	 * then they are 0, which no node has. */
	if (t == CMARK_NODE_TABLE)
		return SG_MD_TABLE;
	if (t == CMARK_NODE_TABLE_ROW)
		return SG_MD_TABLE_ROW;
	if (t == CMARK_NODE_TABLE_CELL)
		return SG_MD_TABLE_CELL;
	if (t == CMARK_NODE_STRIKETHROUGH)
		return SG_MD_STRIKETHROUGH;
	return SG_MD_OTHER;
}

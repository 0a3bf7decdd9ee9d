#include "base/json.h"

#include <string.h>

static void S_newline(int indent, int depth, sg_buf *out)
{
	if (!indent)
		return;
	sg_buf_putc(out, '\n');
	for (int i = 0; i < indent * depth; i++)
		sg_buf_putc(out, ' ');
}

void sg_json_write_string(const char *s, size_t len, sg_buf *out)
{
	static const char hex[] = "0123456789abcdef";
	sg_buf_putc(out, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"':
			sg_buf_puts(out, "\\\"");
			break;
		case '\\':
			sg_buf_puts(out, "\\\\");
			break;
		case '\n':
			sg_buf_puts(out, "\\n");
			break;
		case '\r':
			sg_buf_puts(out, "\\r");
			break;
		case '\t':
			sg_buf_puts(out, "\\t");
			break;
		default:
			if (c < 0x20) {
				char esc[7] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0};
				sg_buf_puts(out, esc);
			} else {
				sg_buf_putc(out, c);
			}
		}
	}
	sg_buf_putc(out, '"');
}

static void S_write(const sg_value *v, int indent, int depth, sg_buf *out)
{
	if (!v) {
		sg_buf_puts(out, "null");
		return;
	}
	switch (v->kind) {
	case SG_VAL_NULL:
		sg_buf_puts(out, "null");
		return;
	case SG_VAL_BOOL:
	case SG_VAL_INT:
		sg_value_to_text(v, out);
		return;
	case SG_VAL_DEC: {
		size_t start = out->len;
		sg_value_to_text(v, out);
		if (v->u.dec.scale >= 6 && out->len == start + 1 && out->data[start] == '1')
			sg_buf_puts(out, ".0"); /* a share of exactly 1 reads as 1.0 */
		return;
	}
	case SG_VAL_STR:
		sg_json_write_string(v->u.str.s, v->u.str.len, out);
		return;
	case SG_VAL_LIST:
	case SG_VAL_MAP: {
		int is_map = v->kind == SG_VAL_MAP;
		sg_buf_putc(out, is_map ? '{' : '[');
		if (!v->u.items.count) {
			sg_buf_putc(out, is_map ? '}' : ']');
			return;
		}
		for (const sg_value *c = v->u.items.first; c; c = c->next) {
			S_newline(indent, depth + 1, out);
			if (is_map) {
				sg_json_write_string(c->key, strlen(c->key), out);
				sg_buf_puts(out, indent ? ": " : ":");
			}
			S_write(c, indent, depth + 1, out);
			if (c->next)
				sg_buf_putc(out, ',');
		}
		S_newline(indent, depth, out);
		sg_buf_putc(out, is_map ? '}' : ']');
		return;
	}
	}
}

void sg_json_write(const sg_value *v, int indent, sg_buf *out)
{
	S_write(v, indent, 0, out);
}

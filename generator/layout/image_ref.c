/*
 * image_ref.c - an image a document refers to: found next to the document or
 * in the content folder, checked, and recorded in the layout. Block images
 * (blocks.c) and images in a line (inlines.c) both start here.
 */
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/fs.h"
#include "layout/image.h"
#include "layout/layout_int.h"
#include "load/markdown.h"


static char *S_resolve(sg_blocks *b, const char *url)
{
	if (!url || !*url || strstr(url, "://") || url[0] == '/')
		return NULL;
	const char *dirs[2] = {b->o->base_dir, b->o->content_dir};
	for (int i = 0; i < 2; i++) {
		if (!dirs[i])
			continue;
		char *p = sg_path_join(dirs[i], url);
		if (sg_file_exists(p))
			return p;
		free(p);
	}
	return NULL;
}

int sg_blocks_image(sg_blocks *b, cmark_node *img)
{
	const char *url = cmark_node_get_url(img);
	sg_pos pos = sg_pos_make(b->o->path, sg_markdown_line(img), 0);
	char *path = S_resolve(b, url);
	if (!path) {
		sg_error(b->d, pos, "image '%s' not found next to the document%s", url ? url : "",
			 b->o->content_dir ? " or in the content folder" : "");
		b->errors++;
		return -1;
	}
	int type, w, h;
	const char *why;
	if (sg_image_probe_file(path, &type, &w, &h, &why) < 0) {
		sg_error(b->d, pos, "image '%s': %s", url, why);
		b->errors++;
		free(path);
		return -1;
	}
	sg_layout *l = b->l;
	SG_GROW(l->images, l->nimages, l->images_cap);
	sg_limage *li = &l->images[l->nimages];
	li->path = sg_arena_strdup(&l->arena, path);
	li->type = type;
	li->width = w;
	li->height = h;
	li->name = sg_arena_strdup(&l->arena, url);
	li->pos = pos;
	free(path);
	return (int)l->nimages++;
}


/*
 * image_ref.c - an image a document refers to: found next to the document or
 * in the content folder, checked, and recorded in the layout. Block images
 * (blocks.c) and images in a line (inlines.c) both start here, and so does
 * the cover's logo (render/pdf/pdf_pages.c).
 *
 * The file is read once, through base/confine.h, and its bytes kept in the
 * layout: the PDF is made from those bytes, so the file that was checked to
 * lie inside the content folder is the one embedded, whatever happens to
 * the path afterwards.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/confine.h"
#include "base/fs.h"
#include "layout/image.h"
#include "layout/layout_int.h"
#include "load/doctree.h"

static size_t S_hash(const char *s)
{
	size_t h = 14695981039346656037u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* The slot of path in l's map of images: the one holding it, or the empty
 * one where it goes. */
static size_t *S_slot(sg_layout *l, const char *path)
{
	size_t mask = l->image_slots_cap - 1;
	for (size_t i = S_hash(path) & mask;; i = (i + 1) & mask) {
		size_t *slot = &l->image_slots[i];
		if (*slot == 0 || strcmp(l->images[*slot - 1].path, path) == 0)
			return slot;
	}
}

/* Records image index in the map, growing it to stay at most half full. */
static void S_remember(sg_layout *l, size_t index)
{
	if (2 * (l->nimages + 1) > l->image_slots_cap) {
		size_t *old = l->image_slots, n = l->image_slots_cap;
		l->image_slots_cap = n ? 2 * n : 64;
		l->image_slots = sg_xcalloc(l->image_slots_cap, sizeof *l->image_slots);
		for (size_t i = 0; i < n; i++)
			if (old[i])
				*S_slot(l, l->images[old[i] - 1].path) = old[i];
		free(old);
	}
	*S_slot(l, l->images[index].path) = index + 1;
}

int sg_layout_image(sg_layout *l, const char *root, const char *path, char **link,
		    const char **why)
{
	*why = NULL;
	if (l->image_slots_cap) {
		size_t seen = *S_slot(l, path);
		if (seen)
			return (int)seen - 1;
	}
	int fd = sg_confine_open(root, path, link);
	if (fd < 0)
		return -1;
	sg_buf b;
	sg_buf_init(&b);
	if (sg_confine_read_fd(fd, SG_IMAGE_FILE_CAP, &b, NULL) != 0) {
		int err = errno;
		*why = err == EINVAL ? "not a regular file"
		       : err == EFBIG ? "too large a file (more than 32 MiB)"
				      : "cannot be read";
		sg_buf_dispose(&b);
		errno = err;
		return -1;
	}
	int type, w, h;
	if (sg_image_probe((const unsigned char *)b.data, b.len, &type, &w, &h, why) < 0) {
		sg_buf_dispose(&b);
		errno = EINVAL;
		return -1;
	}
	SG_GROW(l->images, l->nimages, l->images_cap);
	sg_limage *li = &l->images[l->nimages];
	li->path = sg_arena_strdup(&l->arena, path);
	unsigned char *data = sg_arena_alloc(&l->arena, b.len ? b.len : 1);
	memcpy(data, b.data, b.len);
	li->data = data;
	li->len = b.len;
	li->type = type;
	li->width = w;
	li->height = h;
	li->name = NULL;
	li->pos = sg_pos_make(li->path, 0, 0);
	sg_buf_dispose(&b);
	S_remember(l, l->nimages);
	return (int)l->nimages++;
}

/* True when folder lies inside root. */
static bool S_inside(const char *root, const char *folder)
{
	int fd = sg_confine_open(root, folder, NULL);
	if (fd < 0)
		return false;
	close(fd);
	return true;
}

int sg_blocks_image(sg_blocks *b, const sg_mdnode *img)
{
	const char *url = sg_mdnode_url(img);
	sg_pos pos = sg_pos_make(b->o->path, sg_mdnode_line(img), 0);
	const char *base = b->o->base_dir, *content = b->o->content_dir;
	/* Next to a document of the content folder, images stay inside the
	 * content folder; next to one named on the command line from
	 * elsewhere, inside that document's own folder. */
	const char *base_root = base && content && S_inside(content, base) ? content : base;
	const char *dirs[2] = {base, content}, *roots[2] = {base_root, content};
	const char *what = sg_arena_printf(&b->l->arena, "image '%s'", url ? url : "");
	bool remote = !url || !*url || strstr(url, "://");
	if (!remote && url[0] == '/') {
		sg_confine_error(b->d, pos, what,
				 content ? SG_CONFINE_CONTENT : "folder of the document", NULL);
		b->errors++;
		return -1;
	}
	bool first = true;
	for (int i = 0; i < 2 && !remote; i++) {
		if (!dirs[i])
			continue;
		char *path = sg_path_join(dirs[i], url);
		char *link = NULL;
		const char *why;
		size_t known = b->l->nimages;
		int index = sg_layout_image(b->l, roots[i], path, &link, &why);
		int err = errno;
		free(path);
		if (index >= 0 && (size_t)index >= known) {
			/* Named in messages as the document names it, where it does. */
			b->l->images[index].name = sg_arena_strdup(&b->l->arena, url);
			b->l->images[index].pos = pos;
		}
		if (index >= 0)
			return index;
		/* Leaving the folder is an error where the URL is first looked
		 * up (next to the document: what a relative URL means). In the
		 * content folder, tried next, only through a link: there
		 * "../images/x.png", meant for the document's folder, climbs
		 * out without anyone having meant it. */
		bool outside = err == EXDEV && (first || link);
		first = false;
		if (!why && !outside && err != ENOENT && err != ENOTDIR && err != EXDEV)
			why = "cannot be read";
		if (outside)
			sg_confine_error(b->d, pos, what,
					 roots[i] == content ? SG_CONFINE_CONTENT
							     : "folder of the document",
					 link);
		else if (why)
			sg_error(b->d, pos, "%s: %s", what, why);
		free(link);
		if (outside || why) {
			b->errors++;
			return -1;
		}
		/* Not there: try the next folder. */
	}
	sg_error(b->d, pos, "%s not found next to the document%s", what,
		 content ? " or in the content folder" : "");
	b->errors++;
	return -1;
}

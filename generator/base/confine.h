/*
 * confine.h - reading a file that must lie inside a given folder.
 *
 * Content and theme folders are edited by many people and copied around,
 * and whatever salesgen reads from them can end up in an output that leaves
 * the company. A symbolic link in such a folder (images/logo.png ->
 * /etc/passwd) or a path that climbs out of it (a Markdown image
 * ../../../x.png) must not bring a file from elsewhere into a proposal, a
 * page or a search index. So every read of a content or theme file goes
 * through sg_confine_open(), which takes the folder (the "root") as well as
 * the path.
 *
 * It walks the path one name at a time from a descriptor of the root, each
 * name opened with O_NOFOLLOW relative to the folder before it. A symbolic
 * link is therefore seen as a link, never silently followed: its target is
 * read and walked by the same rule, from the folder the link is in. ".." goes
 * back to the folder the walk came from, and going back from the root itself
 * is leaving it. So a link that stays inside the root works, and one that
 * leads out fails, however it is spelt. Because the file that is finally
 * read is the descriptor the walk opened, and the walk checks each name as it
 * opens it, renaming or relinking things while salesgen runs cannot slip an
 * outside file in between a check and the open: there is no separate check.
 *
 * Hard links cannot be told from the file they link to, and are not refused;
 * making one to a file of another user is what the system's
 * protected_hardlinks setting is for.
 */
#ifndef SG_BASE_CONFINE_H
#define SG_BASE_CONFINE_H

#include <stddef.h>

#include "base/buf.h"
#include "base/diag.h"

/* Names of roots, for messages ("... outside the content folder"). */
#define SG_CONFINE_CONTENT "content folder"
#define SG_CONFINE_THEME "theme folder"

/* At most this many symbolic links are followed in one path (as the kernel
 * does): a loop of links ends with ELOOP. */
#define SG_CONFINE_MAX_LINKS 40

/* Opens path for reading without leaving the folder root. path is root
 * joined with a path inside it (what sg_path_join(root, rel) gives, the
 * usual case), or any other path that leads to a file inside root (then the
 * real path of its folder is used to find where it is). When root is NULL,
 * path is opened as it is, links followed: a file the user named on the
 * command line.
 *
 * Returns a descriptor open for reading (close it), which may be of a
 * regular file, a folder or anything else: fstat() it. Opening does not
 * block, even on a FIFO. On failure returns -1 with errno set: EXDEV when
 * the path leads outside root; then, when link is not NULL, *link is the
 * symbolic link it left through, as root joined with the link's path inside
 * root (heap, free it), or NULL when the path climbs out by itself. Other
 * errors are those of open() (ENOENT, EACCES, ENOTDIR, ELOOP after
 * SG_CONFINE_MAX_LINKS links, ...). *link is NULL whenever it is not set. */
int sg_confine_open(const char *root, const char *path, char **link);

/* sg_confine_open() of a file in a folder that is open on dir, a folder
 * sg_confine_open() opened inside root: name is the file's name alone and
 * path the same file as sg_confine_open() takes it (root joined with the
 * folder and name). The file is opened with one open() where
 * sg_confine_open() walks every name of the path: for the thousands of
 * files of one folder. A name that is a symbolic link, or that is not a
 * plain name, goes the whole walk (a link inside root is followed as
 * sg_confine_open() follows it). Returns and fails as sg_confine_open(). */
int sg_confine_open_in(int dir, const char *root, const char *path, const char *name,
		       char **link);

/* Reads the regular file open on fd into out (cleared first), refusing it
 * when it holds more than cap bytes, and closes fd. Returns 0, or -1 with
 * errno set: EINVAL when fd is not a regular file, EFBIG when the file is
 * over cap (*size, when size is not NULL, is then its size in bytes), or the
 * error of fstat() or read(). */
int sg_confine_read_fd(int fd, size_t cap, sg_buf *out, long long *size);

/* sg_confine_open() and sg_confine_read_fd() in one: reads path, inside
 * root, into out (cleared first). folder names root in messages
 * (SG_CONFINE_CONTENT, SG_CONFINE_THEME). On failure adds an error at path
 * to d and returns -1: a path that leads outside root is
 *   "a symbolic link that leads outside the content folder: not read"
 *   "content/playbooks is a symbolic link that leads outside the content
 *    folder: not read"                     (a folder on the way is the link)
 *   "outside the content folder: not read"  (the path itself climbs out)
 * and the other failures are those of sg_file_read(). root may be NULL, as
 * for sg_confine_open(). */
int sg_confine_read(const char *root, const char *folder, const char *path, size_t cap,
		    sg_buf *out, sg_diags *d);

/* Adds the error for a path that sg_confine_open() found outside its root,
 * at pos. With what (say "image '../x.png'"):
 *   "WHAT is outside the FOLDER", then, when link is not NULL,
 *   " (LINK is a symbolic link that leads out of it)";
 * without what, the messages of sg_confine_read() for the file at pos. */
void sg_confine_error(sg_diags *d, sg_pos pos, const char *what, const char *folder,
		      const char *link);

#endif

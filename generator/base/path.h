/*
 * path.h - joining and taking apart path names, as text: nothing here looks
 * at the file system, so every other file module may use it.
 */
#ifndef SG_BASE_PATH_H
#define SG_BASE_PATH_H

/* "a" + "b" -> "a/b" (heap). */
char *sg_path_join(const char *a, const char *b);
/* The file name without directory and without its last extension (heap). */
char *sg_path_stem(const char *path);

#endif

/*
 * linehyph.c - English hyphenation points from libhyphen (linebreak_int.h).
 *
 * The patterns are the system's: Debian's hyphen-en-us installs
 * /usr/share/hyphen/hyph_en_US.dic (Liang's patterns, as TeX and
 * LibreOffice use them). They are read once, on the first word asked for,
 * and kept for the life of the process. When no file is found, words are
 * not hyphenated: justified English then only stretches its spaces.
 *
 * libhyphen keeps no state between calls but its dictionary, which it only
 * reads; the calls are still made one at a time (a mutex), since the
 * library does not promise more, and they are few: only the words of
 * justified English paragraphs.
 */
#include <hyphen.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "layout/linebreak_int.h"

/* English: at least two letters before a hyphen and three after it. */
#define S_LEFT_MIN 2
#define S_RIGHT_MIN 3
#define S_MAX_WORD 64

static const char *const S_paths[] = {
	"/usr/share/hyphen/hyph_en_US.dic",
	"/usr/local/share/hyphen/hyph_en_US.dic",
	"/usr/share/hyphen/hyph_en.dic",
};

static pthread_once_t S_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t S_lock = PTHREAD_MUTEX_INITIALIZER;
static HyphenDict *S_dict;

static void S_load(void)
{
	for (size_t i = 0; i < sizeof S_paths / sizeof *S_paths && !S_dict; i++)
		if (access(S_paths[i], R_OK) == 0)
			S_dict = hnj_hyphen_load(S_paths[i]);
}

bool sg_linehyph_points(const char *word, size_t n, bool *points)
{
	memset(points, 0, n * sizeof *points);
	if (n < S_LEFT_MIN + S_RIGHT_MIN || n > S_MAX_WORD)
		return false;
	pthread_once(&S_once, S_load);
	if (!S_dict)
		return false;
	char lower[S_MAX_WORD + 1];
	for (size_t i = 0; i < n; i++) {
		char c = word[i];
		lower[i] = c >= 'A' && c <= 'Z' ? (char)(c + ('a' - 'A')) : c;
	}
	lower[n] = '\0';
	char hyphens[S_MAX_WORD + 5];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	pthread_mutex_lock(&S_lock);
	int rc = hnj_hyphen_hyphenate3(S_dict, lower, (int)n, hyphens, NULL, &rep, &pos, &cut,
				       S_LEFT_MIN, S_RIGHT_MIN, S_LEFT_MIN, S_RIGHT_MIN);
	pthread_mutex_unlock(&S_lock);
	if (rep) {
		/* Non-standard hyphenation (German "Schiffahrt"): English has none. */
		for (size_t i = 0; i < n; i++)
			free(rep[i]);
		free(rep);
	}
	free(pos);
	free(cut);
	if (rc != 0)
		return false;
	bool any = false;
	for (size_t i = 0; i + 1 < n; i++) {
		points[i] = (hyphens[i] & 1) != 0;
		any = any || points[i];
	}
	return any;
}

/*
 * settle.h - when a burst of file events is over.
 *
 * Editors save in several steps (write a temporary file, rename it over the
 * old one, change its mode), and a `git checkout` touches many files: the
 * watcher waits until no event has come for a quiet time before it builds,
 * so that a burst gives one build; and builds at the latest some time after
 * the first event of a burst, so that a stream of events does not hold
 * builds back for ever. Times are in milliseconds on any monotonic clock.
 *
 * A save ends with its file closed after writing or renamed into place, and
 * editors are done within a millisecond of that (vim's last attribute change,
 * removing a swap file): after such an event a shorter quiet time ends the
 * burst. After any other event (a file being written, a temporary file made)
 * the burst may go on, and the longer one applies.
 */
#ifndef SG_SERVE_SETTLE_H
#define SG_SERVE_SETTLE_H

#include <stdbool.h>

typedef struct sg_settle {
	long quiet;    /* the quiet time that ends a burst */
	long closed_quiet; /* the same after an event that ends a save */
	bool closed;   /* the latest event ended a save */
	long longest;  /* the longest wait after a burst's first event */
	bool pending;  /* events came since the last build */
	long first;    /* the burst's first event */
	long last;     /* its latest event */
} sg_settle;

/* A settle with nothing pending; closed_quiet is used after
 * sg_settle_closed(), quiet after sg_settle_event(). */
void sg_settle_init(sg_settle *s, long quiet, long closed_quiet, long longest);

/* An event at time now. */
void sg_settle_event(sg_settle *s, long now);

/* An event at time now that ends a save (a file closed after writing, or
 * renamed into place). */
void sg_settle_closed(sg_settle *s, long now);

/* How long to wait at time now before building: -1 nothing pending (wait
 * for events), 0 build now, else the milliseconds left. */
long sg_settle_wait(const sg_settle *s, long now);

/* The build started: nothing is pending. */
void sg_settle_done(sg_settle *s);

#endif

/*
 * events.h - the server's state, pushed to every open page by Server-Sent
 * Events (GET /__salesgen/events).
 *
 * The state is one line of JSON (serve/server.h says what it holds) with a
 * generation number that grows with each build. A stream sends the latest
 * state when it opens and again each time it changes; a page that missed a
 * generation gets only the newest, so what a stream holds at once is one
 * message at most, whatever its client reads. Between changes it sends a
 * comment now and then (sg_events_ping), which also finds clients gone.
 *
 * Streams wait without a thread: the connection is suspended
 * (MHD_suspend_connection) until there is something to send.
 */
#ifndef SG_SERVE_EVENTS_H
#define SG_SERVE_EVENTS_H

#include <microhttpd.h>

typedef struct sg_events sg_events;

/* At most this many streams at once; more are answered 503. */
#define SG_EVENTS_MAX 64

sg_events *sg_events_new(void);
/* Frees the hub; every stream must have ended (the daemon stopped). */
void sg_events_free(sg_events *h);

/* Makes json (one line, copied) the state, as generation gen. */
void sg_events_publish(sg_events *h, const char *json, long gen);

/* A copy of the state (free it), and its generation in *gen. */
char *sg_events_state(sg_events *h, long *gen);

/* The generation of the state. */
long sg_events_gen(sg_events *h);

/* Sends a comment on every stream. */
void sg_events_ping(sg_events *h);

/* Ends every stream and refuses new ones: call before stopping the daemon,
 * which must not be stopped while a connection is suspended. */
void sg_events_close(sg_events *h);

/* Queues the stream's response on c. Returns MHD_YES or MHD_NO (too many
 * streams: 503 queued instead; or the hub is closed). */
enum MHD_Result sg_events_stream(sg_events *h, struct MHD_Connection *c);

#endif

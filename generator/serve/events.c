/*
 * events.c - the state pushed to open pages by Server-Sent Events
 * (events.h).
 *
 * Each stream is a response whose content comes from S_read(). When its
 * client has everything, S_read() suspends the connection and returns 0
 * (the documented way to wait without busy-polling in MHD's own threads);
 * sg_events_publish() and sg_events_ping() resume the suspended ones. The
 * hub's mutex is always taken before MHD's own, never the other way.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "serve/events.h"

typedef struct S_stream {
	sg_events *hub;
	struct MHD_Connection *conn;
	struct S_stream *next;
	long gen;       /* the generation sent last; -1: none yet */
	long pings;     /* the pings sent */
	bool suspended;
	sg_buf out;     /* the message being sent */
	size_t off;     /* how much of it is sent */
} S_stream;

struct sg_events {
	pthread_mutex_t mu;
	char *state;
	long gen;
	long pings;
	bool closing;
	S_stream *streams;
	size_t count;
};

sg_events *sg_events_new(void)
{
	sg_events *h = sg_xcalloc(1, sizeof *h);
	pthread_mutex_init(&h->mu, NULL);
	h->state = sg_xstrdup("{}");
	return h;
}

void sg_events_free(sg_events *h)
{
	if (!h)
		return;
	pthread_mutex_destroy(&h->mu);
	free(h->state);
	free(h);
}

/* Resumes every suspended stream. Called with the mutex held. */
static void S_wake(sg_events *h)
{
	for (S_stream *s = h->streams; s; s = s->next)
		if (s->suspended) {
			s->suspended = false;
			MHD_resume_connection(s->conn);
		}
}

void sg_events_publish(sg_events *h, const char *json, long gen)
{
	pthread_mutex_lock(&h->mu);
	free(h->state);
	h->state = sg_xstrdup(json);
	h->gen = gen;
	S_wake(h);
	pthread_mutex_unlock(&h->mu);
}

char *sg_events_state(sg_events *h, long *gen)
{
	pthread_mutex_lock(&h->mu);
	char *s = sg_xstrdup(h->state);
	*gen = h->gen;
	pthread_mutex_unlock(&h->mu);
	return s;
}

long sg_events_gen(sg_events *h)
{
	pthread_mutex_lock(&h->mu);
	long gen = h->gen;
	pthread_mutex_unlock(&h->mu);
	return gen;
}

void sg_events_ping(sg_events *h)
{
	pthread_mutex_lock(&h->mu);
	h->pings++;
	S_wake(h);
	pthread_mutex_unlock(&h->mu);
}

void sg_events_close(sg_events *h)
{
	pthread_mutex_lock(&h->mu);
	h->closing = true;
	S_wake(h);
	pthread_mutex_unlock(&h->mu);
}

/* What s sends next, into s->out: the state when it is newer than what
 * s sent, else a ping when one is due. False when there is nothing. */
static bool S_next(S_stream *s)
{
	sg_events *h = s->hub;
	sg_buf_clear(&s->out);
	s->off = 0;
	if (s->gen != h->gen) {
		s->gen = h->gen;
		s->pings = h->pings;
		sg_buf_printf(&s->out, "data: %s\n\n", h->state);
	} else if (s->pings != h->pings) {
		s->pings = h->pings;
		sg_buf_puts(&s->out, ": ping\n\n");
	}
	return s->out.len > 0;
}

static ssize_t S_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	(void)pos;
	S_stream *s = cls;
	sg_events *h = s->hub;
	pthread_mutex_lock(&h->mu);
	ssize_t n = 0;
	if (s->off < s->out.len || (!h->closing && S_next(s))) {
		size_t left = s->out.len - s->off;
		n = (ssize_t)(left < max ? left : max);
		memcpy(buf, s->out.data + s->off, (size_t)n);
		s->off += (size_t)n;
	} else if (h->closing) {
		n = MHD_CONTENT_READER_END_OF_STREAM;
	} else {
		s->suspended = true;
		MHD_suspend_connection(s->conn);
	}
	pthread_mutex_unlock(&h->mu);
	return n;
}

static void S_free(void *cls)
{
	S_stream *s = cls;
	sg_events *h = s->hub;
	pthread_mutex_lock(&h->mu);
	for (S_stream **p = &h->streams; *p; p = &(*p)->next)
		if (*p == s) {
			*p = s->next;
			break;
		}
	h->count--;
	pthread_mutex_unlock(&h->mu);
	sg_buf_dispose(&s->out);
	free(s);
}

/* A plain-text answer with status code. */
static enum MHD_Result S_refuse(struct MHD_Connection *c, unsigned code, const char *text)
{
	struct MHD_Response *r =
		MHD_create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_PERSISTENT);
	MHD_add_response_header(r, "Content-Type", "text/plain; charset=utf-8");
	enum MHD_Result rc = MHD_queue_response(c, code, r);
	MHD_destroy_response(r);
	return rc;
}

/* Registers a new stream, or NULL when the hub is closed or full. */
static S_stream *S_open(sg_events *h, struct MHD_Connection *c)
{
	pthread_mutex_lock(&h->mu);
	S_stream *s = NULL;
	if (!h->closing && h->count < SG_EVENTS_MAX) {
		s = sg_xcalloc(1, sizeof *s);
		*s = (S_stream){.hub = h, .conn = c, .gen = -1, .next = h->streams};
		sg_buf_init(&s->out);
		h->streams = s;
		h->count++;
	}
	pthread_mutex_unlock(&h->mu);
	return s;
}

enum MHD_Result sg_events_stream(sg_events *h, struct MHD_Connection *c)
{
	S_stream *s = S_open(h, c);
	if (!s)
		return S_refuse(c, MHD_HTTP_SERVICE_UNAVAILABLE, "too many event streams\n");
	struct MHD_Response *r =
		MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096, S_read, s, S_free);
	if (!r) {
		S_free(s);
		return MHD_NO;
	}
	MHD_add_response_header(r, "Content-Type", "text/event-stream; charset=utf-8");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	enum MHD_Result rc = MHD_queue_response(c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return rc;
}

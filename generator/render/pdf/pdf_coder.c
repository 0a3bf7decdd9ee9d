/*
 * pdf_coder.c - a stream's bytes coded, here or in a thread (see
 * pdf_coder.h).
 */
#include "render/pdf/pdf_coder.h"

#include <assert.h>
#include <pthread.h>
#include <stdlib.h>

#include "base/alloc.h"
#include "render/pdf/pdf_deflate.h"
#include "render/pdf/pdf_memo.h"

int sg_pdf_code(sg_buf *out, unsigned how, const void *data, size_t len)
{
	sg_pdf_memo_key k = sg_pdf_memo_key_of(how, data, len);
	sg_buf_clear(out);
	if (sg_pdf_memo_get(&k, out))
		return 0;
	if (how == SG_PDF_CODE_LITERALS)
		sg_pdf_deflate_literals(out, data, len);
	else if (sg_pdf_deflate(out, data, len, (int)how) < 0)
		return -1;
	sg_pdf_memo_put(&k, out->data, out->len);
	return 0;
}

/* A stream in the coder: started (to code), then coded (to take). */
typedef struct S_slot {
	unsigned how;
	sg_buf in, out;
	int rc;
	bool coded;
} S_slot;

struct sg_pdf_coder {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t changed; /* a stream started or coded, or quit */
	S_slot slots[SG_PDF_CODER_DEPTH];
	size_t first, n; /* the streams not taken: slots first, first + 1, ... (ring) */
	size_t next;     /* of those, the next to code (0..n) */
	bool quit;
};

static S_slot *S_at(sg_pdf_coder *c, size_t k)
{
	return &c->slots[(c->first + k) % SG_PDF_CODER_DEPTH];
}

static void *S_run(void *arg)
{
	sg_pdf_coder *c = arg;
	pthread_mutex_lock(&c->lock);
	for (;;) {
		while (c->next == c->n && !c->quit)
			pthread_cond_wait(&c->changed, &c->lock);
		if (c->next == c->n)
			break;
		/* The caller touches a slot only once it is coded, and the
		 * ring moves only past coded slots: coded without the lock. */
		S_slot *s = S_at(c, c->next);
		pthread_mutex_unlock(&c->lock);
		int rc = sg_pdf_code(&s->out, s->how, s->in.data, s->in.len);
		pthread_mutex_lock(&c->lock);
		s->rc = rc;
		s->coded = true;
		c->next++;
		pthread_cond_broadcast(&c->changed);
	}
	pthread_mutex_unlock(&c->lock);
	return NULL;
}

sg_pdf_coder *sg_pdf_coder_new(void)
{
	sg_pdf_coder *c = sg_xcalloc(1, sizeof *c);
	pthread_mutex_init(&c->lock, NULL);
	pthread_cond_init(&c->changed, NULL);
	for (size_t i = 0; i < SG_PDF_CODER_DEPTH; i++) {
		sg_buf_init(&c->slots[i].in);
		sg_buf_init(&c->slots[i].out);
	}
	if (pthread_create(&c->thread, NULL, S_run, c) != 0) {
		pthread_cond_destroy(&c->changed);
		pthread_mutex_destroy(&c->lock);
		free(c);
		return NULL;
	}
	return c;
}

void sg_pdf_coder_free(sg_pdf_coder *c)
{
	if (!c)
		return;
	pthread_mutex_lock(&c->lock);
	c->quit = true;
	pthread_cond_broadcast(&c->changed);
	pthread_mutex_unlock(&c->lock);
	/* The thread codes what was started, then ends. */
	pthread_join(c->thread, NULL);
	pthread_cond_destroy(&c->changed);
	pthread_mutex_destroy(&c->lock);
	for (size_t i = 0; i < SG_PDF_CODER_DEPTH; i++) {
		sg_buf_dispose(&c->slots[i].in);
		sg_buf_dispose(&c->slots[i].out);
	}
	free(c);
}

void sg_pdf_coder_start(sg_pdf_coder *c, unsigned how, const void *data, size_t len)
{
	pthread_mutex_lock(&c->lock);
	assert(c->n < SG_PDF_CODER_DEPTH);
	S_slot *s = S_at(c, c->n);
	pthread_mutex_unlock(&c->lock);
	/* A free slot: the thread does not read it until n counts it. */
	sg_buf_clear(&s->in);
	sg_buf_put(&s->in, data, len);
	s->how = how;
	s->coded = false;
	pthread_mutex_lock(&c->lock);
	c->n++;
	pthread_cond_broadcast(&c->changed);
	pthread_mutex_unlock(&c->lock);
}

bool sg_pdf_coder_ready(sg_pdf_coder *c)
{
	pthread_mutex_lock(&c->lock);
	bool ready = c->n > 0 && S_at(c, 0)->coded;
	pthread_mutex_unlock(&c->lock);
	return ready;
}

int sg_pdf_coder_take(sg_pdf_coder *c, const sg_buf **out)
{
	pthread_mutex_lock(&c->lock);
	assert(c->n > 0);
	S_slot *s = S_at(c, 0);
	while (!s->coded)
		pthread_cond_wait(&c->changed, &c->lock);
	c->first = (c->first + 1) % SG_PDF_CODER_DEPTH;
	c->n--;
	c->next--;
	int rc = s->rc;
	pthread_mutex_unlock(&c->lock);
	/* Free now, but not started again before the caller's next start or
	 * take: its bytes stay until then. */
	*out = &s->out;
	return rc;
}

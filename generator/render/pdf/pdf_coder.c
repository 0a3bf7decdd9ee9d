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

typedef enum { S_IDLE, S_WORK, S_DONE, S_QUIT } S_state;

struct sg_pdf_coder {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t changed; /* state changed */
	S_state state;
	unsigned how;
	sg_buf in, out;
	int rc;
};

static void *S_run(void *arg)
{
	sg_pdf_coder *c = arg;
	pthread_mutex_lock(&c->lock);
	for (;;) {
		while (c->state != S_WORK && c->state != S_QUIT)
			pthread_cond_wait(&c->changed, &c->lock);
		if (c->state == S_QUIT)
			break;
		/* The caller touches in and out only when the state is not
		 * S_WORK: coded without the lock. */
		pthread_mutex_unlock(&c->lock);
		int rc = sg_pdf_code(&c->out, c->how, c->in.data, c->in.len);
		pthread_mutex_lock(&c->lock);
		c->rc = rc;
		c->state = S_DONE;
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
	sg_buf_init(&c->in);
	sg_buf_init(&c->out);
	c->state = S_IDLE;
	if (pthread_create(&c->thread, NULL, S_run, c) != 0) {
		pthread_cond_destroy(&c->changed);
		pthread_mutex_destroy(&c->lock);
		free(c);
		return NULL;
	}
	return c;
}

/* Waits while c codes; with c->lock held. */
static void S_wait_locked(sg_pdf_coder *c)
{
	while (c->state == S_WORK)
		pthread_cond_wait(&c->changed, &c->lock);
}

void sg_pdf_coder_free(sg_pdf_coder *c)
{
	if (!c)
		return;
	pthread_mutex_lock(&c->lock);
	S_wait_locked(c);
	c->state = S_QUIT;
	pthread_cond_broadcast(&c->changed);
	pthread_mutex_unlock(&c->lock);
	pthread_join(c->thread, NULL);
	pthread_cond_destroy(&c->changed);
	pthread_mutex_destroy(&c->lock);
	sg_buf_dispose(&c->in);
	sg_buf_dispose(&c->out);
	free(c);
}

void sg_pdf_coder_start(sg_pdf_coder *c, unsigned how, const void *data, size_t len)
{
	pthread_mutex_lock(&c->lock);
	assert(c->state == S_IDLE);
	sg_buf_clear(&c->in);
	sg_buf_put(&c->in, data, len);
	c->how = how;
	c->state = S_WORK;
	pthread_cond_broadcast(&c->changed);
	pthread_mutex_unlock(&c->lock);
}

int sg_pdf_coder_wait(sg_pdf_coder *c, const sg_buf **out)
{
	pthread_mutex_lock(&c->lock);
	S_wait_locked(c);
	assert(c->state == S_DONE);
	c->state = S_IDLE;
	int rc = c->rc;
	pthread_mutex_unlock(&c->lock);
	*out = &c->out;
	return rc;
}

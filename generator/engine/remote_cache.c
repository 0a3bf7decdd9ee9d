/*
 * remote_cache.c - Bazel's HTTP remote-cache protocol, with libcurl (see
 * remote_cache.h).
 *
 * The action record is a Bazel ActionResult (remote_execution.proto), of
 * which only these fields are written and read:
 *
 *     ActionResult { repeated OutputFile output_files = 2; bytes stderr_raw = 6; }
 *     OutputFile   { string path = 1; Digest digest = 2; }
 *     Digest       { string hash = 1; int64 size_bytes = 2; }
 *
 * The protocol buffers wire format is simple enough to write by hand here:
 * a field is a varint tag (number << 3 | wire type) and a varint, or a
 * varint length and that many bytes.
 */
#include "engine/remote_cache.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "base/alloc.h"

/* ---------------------------------------------------------------- keys */

static int S_input_cmp(const void *a, const void *b)
{
	const sg_remote_cache_input *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	return c ? c : strcmp(x->hash, y->hash);
}

/* A string into the key's text: its length first, so that no choice of
 * names can make two different lists read the same. */
static void S_key_str(sg_buf *b, const char *s)
{
	sg_buf_printf(b, "%zu:%s\n", strlen(s), s);
}

void sg_remote_cache_key(const char *version, const char *kind, const char *path,
			 sg_remote_cache_input *in, size_t n, char out[SG_SHA256_HEX])
{
	if (n > 1)
		qsort(in, n, sizeof *in, S_input_cmp);
	sg_buf b;
	sg_buf_init(&b);
	sg_buf_puts(&b, "salesgen-action 1\n");
	S_key_str(&b, version);
	S_key_str(&b, kind);
	S_key_str(&b, path);
	sg_buf_printf(&b, "%zu inputs\n", n);
	for (size_t i = 0; i < n; i++) {
		S_key_str(&b, in[i].name);
		S_key_str(&b, in[i].hash);
	}
	sg_sha256_hex(b.data, b.len, out);
	sg_buf_dispose(&b);
}

/* ---------------------------------------------------------------- records */

static void S_varint(sg_buf *b, uint64_t v)
{
	while (v >= 0x80) {
		sg_buf_putc(b, (int)(v & 0x7f) | 0x80);
		v >>= 7;
	}
	sg_buf_putc(b, (int)v);
}

static void S_bytes_field(sg_buf *b, unsigned field, const void *data, size_t len)
{
	S_varint(b, (uint64_t)field << 3 | 2);
	S_varint(b, len);
	sg_buf_put(b, data, len);
}

/* The text of d's notes and warnings: a line each, fields separated by
 * tabs, with '%', tab and newline written %XX. */
static void S_escaped(sg_buf *b, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '%' || *s == '\t' || *s == '\n' || *s == '\r')
			sg_buf_printf(b, "%%%02X", (unsigned char)*s);
		else
			sg_buf_putc(b, *s);
	}
}

static void S_diags_text(const sg_diags *d, sg_buf *b)
{
	for (size_t i = 0; d && i < d->count; i++) {
		const sg_diag *it = &d->items[i];
		if (it->severity == SG_ERROR)
			continue;
		sg_buf_printf(b, "%c\t%d\t%d\t", it->severity == SG_NOTE ? 'N' : 'W', it->line,
			      it->col);
		if (it->path)
			S_escaped(b, it->path);
		else
			sg_buf_putc(b, '-');
		sg_buf_putc(b, '\t');
		S_escaped(b, it->message);
		sg_buf_putc(b, '\n');
	}
}

void sg_remote_cache_record_encode(const char *path, const char *hash, uint64_t size,
				   const sg_diags *diags, sg_buf *out)
{
	sg_buf digest, file, text;
	sg_buf_init(&digest);
	sg_buf_init(&file);
	sg_buf_init(&text);
	S_bytes_field(&digest, 1, hash, strlen(hash));
	S_varint(&digest, 2 << 3 | 0);
	S_varint(&digest, size);
	S_bytes_field(&file, 1, path, strlen(path));
	S_bytes_field(&file, 2, digest.data, digest.len);
	S_bytes_field(out, 2, file.data, file.len);
	S_diags_text(diags, &text);
	if (text.len)
		S_bytes_field(out, 6, text.data, text.len);
	sg_buf_dispose(&digest);
	sg_buf_dispose(&file);
	sg_buf_dispose(&text);
}

/* A reader of one message's fields. */
typedef struct S_pb {
	const unsigned char *p, *end;
} S_pb;

static int S_read_varint(S_pb *r, uint64_t *v)
{
	*v = 0;
	for (int shift = 0; shift < 64; shift += 7) {
		if (r->p >= r->end)
			return -1;
		unsigned char c = *r->p++;
		*v |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80))
			return 0;
	}
	return -1;
}

/* The next field: its number and, for a length-delimited one, its bytes
 * (data, len); a varint's value in *v. Returns 1, 0 at the end, -1 when the
 * message is broken. */
static int S_next(S_pb *r, unsigned *field, unsigned *type, const unsigned char **data,
		  size_t *len, uint64_t *v)
{
	if (r->p == r->end)
		return 0;
	uint64_t tag;
	if (S_read_varint(r, &tag) != 0 || (tag >> 3) == 0 || (tag >> 3) > 0x1fffffff)
		return -1;
	*field = (unsigned)(tag >> 3);
	*type = (unsigned)(tag & 7);
	*data = NULL;
	*len = 0;
	*v = 0;
	switch (*type) {
	case 0:
		return S_read_varint(r, v) == 0 ? 1 : -1;
	case 1:
	case 5: {
		size_t n = *type == 1 ? 8 : 4;
		if ((size_t)(r->end - r->p) < n)
			return -1;
		r->p += n;
		return 1;
	}
	case 2: {
		uint64_t n;
		if (S_read_varint(r, &n) != 0 || n > (uint64_t)(r->end - r->p))
			return -1;
		*data = r->p;
		*len = (size_t)n;
		r->p += n;
		return 1;
	}
	default:
		return -1;
	}
}

static bool S_is_hex_hash(const unsigned char *s, size_t n)
{
	if (n != SG_SHA256_HEX - 1)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

static int S_decode_digest(const unsigned char *data, size_t len, sg_remote_cache_record *r)
{
	S_pb pb = {data, data + len};
	unsigned field, type;
	const unsigned char *d;
	size_t n;
	uint64_t v;
	int rc;
	bool hash = false;
	while ((rc = S_next(&pb, &field, &type, &d, &n, &v)) > 0) {
		if (field == 1 && type == 2) {
			if (!S_is_hex_hash(d, n))
				return -1;
			memcpy(r->hash, d, n);
			r->hash[n] = '\0';
			hash = true;
		} else if (field == 2 && type == 0) {
			if (v > INT64_MAX)
				return -1;
			r->size = v;
		}
	}
	return rc == 0 && hash ? 0 : -1;
}

static int S_decode_file(const unsigned char *data, size_t len, sg_remote_cache_record *r)
{
	S_pb pb = {data, data + len};
	unsigned field, type;
	const unsigned char *d;
	size_t n;
	uint64_t v;
	int rc;
	bool digest = false;
	while ((rc = S_next(&pb, &field, &type, &d, &n, &v)) > 0) {
		if (field == 1 && type == 2) {
			if (n >= sizeof r->path || memchr(d, '\0', n))
				return -1;
			memcpy(r->path, d, n);
			r->path[n] = '\0';
		} else if (field == 2 && type == 2) {
			if (S_decode_digest(d, n, r) != 0)
				return -1;
			digest = true;
		}
	}
	return rc == 0 && digest ? 0 : -1;
}

int sg_remote_cache_record_decode(const void *data, size_t len, sg_remote_cache_record *r)
{
	memset(r->path, 0, sizeof r->path);
	memset(r->hash, 0, sizeof r->hash);
	r->size = 0;
	sg_buf_init(&r->diags);
	S_pb pb = {data, (const unsigned char *)data + len};
	unsigned field, type;
	const unsigned char *d;
	size_t n;
	uint64_t v;
	int rc, files = 0;
	while ((rc = S_next(&pb, &field, &type, &d, &n, &v)) > 0) {
		if (field == 2 && type == 2) {
			if (++files > 1 || S_decode_file(d, n, r) != 0)
				return -1;
		} else if (field == 6 && type == 2) {
			sg_buf_clear(&r->diags);
			sg_buf_put(&r->diags, d, n);
		}
	}
	return rc == 0 && files == 1 ? 0 : -1;
}

bool sg_remote_cache_verify(const sg_remote_cache_record *r, const void *bytes, size_t len)
{
	if (len != r->size)
		return false;
	char hex[SG_SHA256_HEX];
	sg_sha256_hex(bytes, len, hex);
	return strcmp(hex, r->hash) == 0;
}

/* s[0..n) with %XX decoded, into a new string; NULL when an escape is bad. */
static char *S_unescape(const char *s, size_t n)
{
	char *out = sg_xmalloc(n + 1), *o = out;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '%') {
			*o++ = s[i];
			continue;
		}
		unsigned x;
		char hex[3] = {0};
		if (i + 2 >= n) {
			free(out);
			return NULL;
		}
		memcpy(hex, s + i + 1, 2);
		char *stop;
		x = (unsigned)strtoul(hex, &stop, 16);
		if (*stop || x == 0) {
			free(out);
			return NULL;
		}
		*o++ = (char)x;
		i += 2;
	}
	*o = '\0';
	return out;
}

int sg_remote_cache_diags_read(const char *text, size_t len, sg_diags *d)
{
	const char *end = text + len;
	for (const char *s = text; s < end;) {
		const char *e = memchr(s, '\n', (size_t)(end - s));
		if (!e)
			return -1;
		const char *f[5];
		size_t fl[5];
		const char *p = s;
		int k = 0;
		for (; k < 5; k++) {
			const char *tab = k < 4 ? memchr(p, '\t', (size_t)(e - p)) : e;
			if (!tab)
				return -1;
			f[k] = p;
			fl[k] = (size_t)(tab - p);
			p = tab + 1;
		}
		if (fl[0] != 1 || (f[0][0] != 'N' && f[0][0] != 'W'))
			return -1;
		int line = atoi(f[1]), col = atoi(f[2]);
		char *path = fl[3] == 1 && f[3][0] == '-' ? NULL : S_unescape(f[3], fl[3]);
		char *msg = S_unescape(f[4], fl[4]);
		if (!msg || (!path && !(fl[3] == 1 && f[3][0] == '-'))) {
			free(path);
			free(msg);
			return -1;
		}
		sg_diag_add(d, f[0][0] == 'N' ? SG_NOTE : SG_WARNING, sg_pos_make(path, line, col),
			    "%s", msg);
		free(path);
		free(msg);
		s = e + 1;
	}
	return 0;
}

void sg_remote_cache_shown(const char *url, char *out, size_t cap)
{
	const char *host = strstr(url, "://");
	host = host ? host + 3 : url;
	size_t auth_end = strcspn(host, "/?#");
	const char *at = NULL;
	for (const char *p = host; p < host + auth_end; p++)
		if (*p == '@')
			at = p;
	if (!at) {
		snprintf(out, cap, "%s", url);
		return;
	}
	snprintf(out, cap, "%.*s%s", (int)(host - url), url, at + 1);
}

/* ---------------------------------------------------------------- the client */

/* What a PUT sends. */
typedef struct S_upload {
	const unsigned char *data;
	size_t len, at;
} S_upload;

/* Requests in flight at once: each on a connection of its own (HTTP/1.1
 * has no usable pipelining), kept open between requests. */
#define S_PARALLEL 16

/* One transfer of the pool: its handle, the request it runs and what a PUT
 * sends. */
typedef struct S_slot {
	CURL *h;
	size_t req; /* index in the batch, while busy */
	bool busy;
	S_upload up;
	sg_buf sink; /* what a PUT is answered with, dropped */
} S_slot;

struct sg_remote_cache {
	CURLM *multi; /* holds the open connections */
	S_slot slots[S_PARALLEL];
	char *url;   /* without a trailing '/' */
	char *shown; /* url without its user information */
	struct curl_slist *headers;
	bool up;
	char error[512];
};

sg_remote_cache *sg_remote_cache_new(const char *url, const char *header)
{
	sg_remote_cache *c = sg_xcalloc(1, sizeof *c);
	c->url = sg_xstrdup(url);
	size_t n = strlen(c->url);
	while (n > 0 && c->url[n - 1] == '/')
		c->url[--n] = '\0';
	char shown[1024];
	sg_remote_cache_shown(c->url, shown, sizeof shown);
	c->shown = sg_xstrdup(shown);
	c->up = true;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	c->multi = curl_multi_init();
	bool ok = c->multi != NULL;
	for (size_t i = 0; i < S_PARALLEL; i++) {
		c->slots[i].h = ok ? curl_easy_init() : NULL;
		sg_buf_init(&c->slots[i].sink);
		ok = ok && c->slots[i].h;
	}
	if (!ok) {
		c->up = false;
		snprintf(c->error, sizeof c->error, "cache %s: cannot start the HTTP client; "
			 "building without it", c->shown);
		return c;
	}
	curl_multi_setopt(c->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)S_PARALLEL);
	curl_multi_setopt(c->multi, CURLMOPT_MAXCONNECTS, (long)S_PARALLEL);
	if (header && *header)
		c->headers = curl_slist_append(NULL, header);
	return c;
}

void sg_remote_cache_free(sg_remote_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < S_PARALLEL; i++) {
		if (c->slots[i].h) {
			if (c->slots[i].busy)
				curl_multi_remove_handle(c->multi, c->slots[i].h);
			curl_easy_cleanup(c->slots[i].h);
		}
		sg_buf_dispose(&c->slots[i].sink);
	}
	if (c->multi)
		curl_multi_cleanup(c->multi);
	curl_slist_free_all(c->headers);
	free(c->url);
	free(c->shown);
	free(c);
}

bool sg_remote_cache_up(const sg_remote_cache *c)
{
	return c->up;
}

const char *sg_remote_cache_error(const sg_remote_cache *c)
{
	return c->error;
}

static size_t S_write_cb(char *data, size_t size, size_t n, void *ctx)
{
	sg_buf_put(ctx, data, size * n);
	return size * n;
}

static size_t S_read_cb(char *to, size_t size, size_t n, void *ctx)
{
	S_upload *u = ctx;
	size_t want = size * n, left = u->len - u->at;
	if (want > left)
		want = left;
	memcpy(to, u->data + u->at, want);
	u->at += want;
	return want;
}

/* The cache is down: remember why, the first time only (requests in flight
 * together fail together, and the first failure is the one to say). */
static void S_down(sg_remote_cache *c, const char *what)
{
	if (!c->up)
		return;
	c->up = false;
	snprintf(c->error, sizeof c->error, "cache %s: %s; building without it", c->shown, what);
}

/* Sets the options every request has on h. The URL's credentials reach
 * libcurl but no message: libcurl's own errors name the host, never the
 * URL. */
static void S_setup(sg_remote_cache *c, CURL *h, const char *ns, const char *key)
{
	curl_easy_reset(h);
	char *url = sg_xasprintf("%s/%s/%s", c->url, ns, key);
	curl_easy_setopt(h, CURLOPT_URL, url);
	free(url);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, 2000L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 10000L);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_NETRC, (long)CURL_NETRC_OPTIONAL);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "salesgen");
	if (c->headers)
		curl_easy_setopt(h, CURLOPT_HTTPHEADER, c->headers);
}

/* The outcome of a request: 0 when status is one of ok, 1 for a 404, -1
 * (the cache down) otherwise. */
static int S_outcome(sg_remote_cache *c, CURLcode rc, bool get, long status)
{
	if (rc != CURLE_OK) {
		S_down(c, curl_easy_strerror(rc));
		return -1;
	}
	if (status >= 200 && status < 300)
		return 0;
	if (status == 404 && get)
		return 1;
	char what[64];
	snprintf(what, sizeof what, "%s answered HTTP %ld", get ? "GET" : "PUT", status);
	S_down(c, what);
	return -1;
}

/* Starts request q (number i of its batch) on the free slot s. */
static int S_start(sg_remote_cache *c, S_slot *s, sg_remote_cache_req *q, size_t i)
{
	S_setup(c, s->h, q->ns, q->key);
	curl_easy_setopt(s->h, CURLOPT_WRITEFUNCTION, S_write_cb);
	if (q->data) {
		s->up = (S_upload){q->data, q->len, 0};
		sg_buf_clear(&s->sink);
		curl_easy_setopt(s->h, CURLOPT_UPLOAD, 1L);
		curl_easy_setopt(s->h, CURLOPT_READFUNCTION, S_read_cb);
		curl_easy_setopt(s->h, CURLOPT_READDATA, &s->up);
		curl_easy_setopt(s->h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)q->len);
		curl_easy_setopt(s->h, CURLOPT_WRITEDATA, &s->sink);
	} else {
		curl_easy_setopt(s->h, CURLOPT_WRITEDATA, q->out);
	}
	curl_easy_setopt(s->h, CURLOPT_PRIVATE, (void *)s);
	if (curl_multi_add_handle(c->multi, s->h) != CURLM_OK) {
		S_down(c, "cannot start a request");
		return -1;
	}
	s->req = i;
	s->busy = true;
	return 0;
}

/* Ends the transfer of slot s: its request's result from rc and the
 * status, or -1 when the cache is already down. */
static void S_finish(sg_remote_cache *c, S_slot *s, sg_remote_cache_req *q, CURLcode rc)
{
	long status = 0;
	curl_easy_getinfo(s->h, CURLINFO_RESPONSE_CODE, &status);
	curl_multi_remove_handle(c->multi, s->h);
	s->busy = false;
	bool get = q->data == NULL;
	int o = c->up ? S_outcome(c, rc, get, status) : -1;
	if (get) {
		q->result = o == 0 ? 1 : o == 1 ? 0 : -1;
		if (o != 0)
			sg_buf_clear(q->out);
	} else {
		q->result = o == 0 ? 0 : -1;
	}
}

void sg_remote_cache_run(sg_remote_cache *c, sg_remote_cache_req *q, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		q[i].result = -1;
		if (!q[i].data)
			sg_buf_clear(q[i].out);
	}
	size_t next = 0, running = 0;
	while (c->up && (next < n || running > 0)) {
		for (size_t k = 0; k < S_PARALLEL && next < n && c->up; k++) {
			if (c->slots[k].busy)
				continue;
			if (S_start(c, &c->slots[k], &q[next], next) != 0)
				break;
			next++;
			running++;
		}
		int still = 0;
		if (curl_multi_perform(c->multi, &still) != CURLM_OK)
			S_down(c, "the HTTP client failed");
		CURLMsg *msg;
		int left;
		while ((msg = curl_multi_info_read(c->multi, &left))) {
			if (msg->msg != CURLMSG_DONE)
				continue;
			S_slot *s = NULL;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&s);
			CURLcode rc = msg->data.result;
			S_finish(c, s, &q[s->req], rc);
			running--;
		}
		if (c->up && running > 0 && still > 0)
			curl_multi_poll(c->multi, NULL, 0, 1000, NULL);
	}
	/* Down: what is still in flight is dropped, its result -1. */
	for (size_t k = 0; k < S_PARALLEL; k++) {
		if (!c->slots[k].busy)
			continue;
		curl_multi_remove_handle(c->multi, c->slots[k].h);
		c->slots[k].busy = false;
		if (!q[c->slots[k].req].data)
			sg_buf_clear(q[c->slots[k].req].out);
	}
}

int sg_remote_cache_get(sg_remote_cache *c, const char *ns, const char *key, sg_buf *out)
{
	sg_remote_cache_req q = {.ns = ns, .key = key, .out = out};
	sg_remote_cache_run(c, &q, 1);
	return q.result;
}

int sg_remote_cache_put(sg_remote_cache *c, const char *ns, const char *key, const void *data,
			size_t len)
{
	/* A PUT of nothing still sends: data must not be NULL. */
	sg_remote_cache_req q = {.ns = ns, .key = key, .data = data ? data : "", .len = len};
	sg_remote_cache_run(c, &q, 1);
	return q.result;
}

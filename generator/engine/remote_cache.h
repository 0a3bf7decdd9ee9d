/*
 * remote_cache.h - a shared cache of outputs over Bazel's HTTP remote-cache
 * protocol (salesgen build --cache URL).
 *
 * Every output is a pure function of its inputs' hashes (the manifest's
 * records), so an output made once can be fetched instead of made again, by
 * another CI shard, a later pipeline or a laptop. The protocol is the one
 * any cache that serves Bazel speaks (bazel-remote, nginx with WebDAV, a
 * cloud bucket behind such a proxy):
 *
 *     GET/PUT URL/ac/KEY      the ACTION RECORD of an output: a Bazel
 *                             ActionResult (protocol buffers) naming one
 *                             output file, its SHA-256 and size, and in
 *                             stderr_raw the producer's notes and warnings
 *     GET/PUT URL/cas/SHA256  the output's bytes
 *
 * KEY is the SHA-256 of the program's version, the output's kind and path
 * and the name and hash of each of its inputs (sg_remote_cache_key()); the
 * inputs include the salesgen binary itself, so two builds share work only
 * when the same program made it.
 *
 * A record is trusted only as far as the bytes it names: fetched bytes
 * that do not have the recorded hash and size are refused. A cache that
 * cannot be reached, answers slowly (2 s to connect, 10 s a request) or
 * answers an error is dropped for the rest of the run: the build goes on
 * without it. Credentials come from the URL (user:password@), a netrc file
 * or SALESGEN_CACHE_HEADER, and are never printed: messages show the URL
 * without its user information (sg_remote_cache_shown()).
 */
#ifndef SG_ENGINE_REMOTE_CACHE_H
#define SG_ENGINE_REMOTE_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/sha256.h"

/* ---------------------------------------------------------------- keys and records */

/* One input of an output: its name (as in the manifest) and hash. */
typedef struct sg_remote_cache_input {
	const char *name;
	const char *hash;
} sg_remote_cache_input;

/* The action key of an output into out (64 hex digits): the SHA-256 of a
 * text naming the key's format, version, kind, path and the inputs sorted
 * by name (in is sorted in place), so the order inputs were declared in
 * does not matter and no two different actions share a text. */
void sg_remote_cache_key(const char *version, const char *kind, const char *path,
			 sg_remote_cache_input *in, size_t n, char out[SG_SHA256_HEX]);

/* An action record: the output's path, SHA-256 and size, and the notes and
 * warnings its producer gave (their text, sg_remote_cache_diags_*). */
typedef struct sg_remote_cache_record {
	char path[512];
	char hash[SG_SHA256_HEX];
	uint64_t size;
	sg_buf diags;
} sg_remote_cache_record;

/* Appends the ActionResult of one output (path, hash, size and diags' notes
 * and warnings; errors are never stored) to out. */
void sg_remote_cache_record_encode(const char *path, const char *hash, uint64_t size,
				   const sg_diags *diags, sg_buf *out);
/* Reads an ActionResult into r (initialised here; dispose r->diags).
 * Returns 0, or -1 when it is not one, or does not name exactly one output
 * file with a SHA-256 digest. */
int sg_remote_cache_record_decode(const void *data, size_t len, sg_remote_cache_record *r);
/* Whether bytes are those r names (size and SHA-256). */
bool sg_remote_cache_verify(const sg_remote_cache_record *r, const void *bytes, size_t len);
/* Adds the notes and warnings of a record's text to d. Returns 0, or -1
 * when the text does not parse (d may have some of them). */
int sg_remote_cache_diags_read(const char *text, size_t len, sg_diags *d);

/* url without the user information ("https://u:p@host/x" -> "https://host/x"),
 * into out of size cap. */
void sg_remote_cache_shown(const char *url, char *out, size_t cap);

/* ---------------------------------------------------------------- the client */

typedef struct sg_remote_cache sg_remote_cache;

/* A client of the cache at url (the prefix before /ac/ and /cas/). header,
 * when not NULL, is sent with every request ("Authorization: Bearer ...").
 * Never NULL. */
sg_remote_cache *sg_remote_cache_new(const char *url, const char *header);
void sg_remote_cache_free(sg_remote_cache *c);

/* Whether the cache is still used: false after a failure. */
bool sg_remote_cache_up(const sg_remote_cache *c);
/* The message of the failure that dropped the cache ("" while up):
 * "cache URL: WHAT; building without it", URL without credentials. */
const char *sg_remote_cache_error(const sg_remote_cache *c);

/* One request of a batch: a GET when data is NULL (the answer into out,
 * cleared first), else a PUT of data[0..len). result, set by
 * sg_remote_cache_run(): for a GET 1 found, 0 not there (404), -1 failed;
 * for a PUT 0 or -1. */
typedef struct sg_remote_cache_req {
	const char *ns; /* "ac" or "cas" */
	const char *key;
	const void *data;
	size_t len;
	sg_buf *out;
	int result;
} sg_remote_cache_req;

/* Runs the n requests of q, up to 16 at once on connections kept open
 * between requests, and sets each one's result. The first failure drops the
 * cache (sg_remote_cache_up() false, its message kept): the requests not
 * finished then get -1. Requests of one batch may finish in any order, so
 * one that must follow another (a record after its bytes) goes in a later
 * batch. */
void sg_remote_cache_run(sg_remote_cache *c, sg_remote_cache_req *q, size_t n);

/* GETs URL/ns/key ("ac" or "cas") into out (cleared first). Returns 1 when
 * found, 0 when the cache does not have it (404), -1 when the cache failed
 * (it is then down for the rest of the run). */
int sg_remote_cache_get(sg_remote_cache *c, const char *ns, const char *key, sg_buf *out);
/* PUTs data to URL/ns/key. Returns 0, or -1 when the cache failed (it is
 * then down). */
int sg_remote_cache_put(sg_remote_cache *c, const char *ns, const char *key, const void *data,
			size_t len);

#endif

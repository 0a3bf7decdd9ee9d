/*
 * server.h - the preview server of `salesgen serve`: serves one output
 * folder over HTTP and pushes the state of the builds to open pages.
 *
 * URLs:
 *   /PATH                        the file PATH of the output folder (the site
 *                                under /site/, PDFs under /proposals/ and so
 *                                on); "/" leads to /site/. HTML pages get the
 *                                live script (serve/live.h) when served; the
 *                                files are never changed. Paths that could
 *                                leave the folder, dot files and symbolic
 *                                links are refused (serve/urlpath.h,
 *                                serve/fileopen.h).
 *   /__salesgen/events           the state as Server-Sent Events
 *   /__salesgen/state            the state as JSON
 *   /__salesgen/live.js          the live script
 *   /__salesgen/proposal/        every customer with a cost model
 *   /__salesgen/proposal/ID      the proposal PDF beside its cost model
 *
 * The state (sg_serve_state_json) is {"gen":N,
 * "errors":K,"problems":"TEXT","changed":["PATH",...]}: the generation of
 * the last build, how many errors it found and their messages, one a line,
 * and the outputs it built or removed: at most SG_STATE_CHANGED_MAX of
 * them, else only "*" (everything may have changed), so that the state
 * every page is sent stays small whatever the number of outputs.
 *
 * Bounds: at most SG_SERVER_CONNECTIONS connections (more are closed at
 * once), SG_SERVER_REQUEST_MEMORY bytes per connection for the request line
 * and headers (a longer one is answered 414 or 431), SG_SERVER_TIMEOUT
 * seconds of silence before a connection is closed, a pool of threads that
 * never blocks on one client.
 */
#ifndef SG_SERVE_SERVER_H
#define SG_SERVE_SERVER_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

#define SG_SERVER_CONNECTIONS 1000
#define SG_SERVER_REQUEST_MEMORY (32 * 1024)
#define SG_SERVER_TIMEOUT 15
#define SG_SERVER_THREADS 4
#define SG_STATE_CHANGED_MAX 200

typedef struct sg_server sg_server;

typedef struct sg_server_opts {
	const char *root; /* the output folder served */
	const char *bind; /* the address to listen on: an IPv4 or IPv6 address or
			   * a host name */
	int port;         /* 0: any free port */
} sg_server_opts;

/* Listens and starts serving. Returns 0 with the server in *out, or -1 with
 * errno set: EADDRINUSE (the port is taken), EADDRNOTAVAIL or EINVAL (the
 * address is not one of this machine, or not an address), EACCES (a port
 * below 1024), or another error. */
int sg_server_start(sg_server **out, const sg_server_opts *o);

/* The port listened on, and whether the address is a loopback one. */
int sg_server_port(const sg_server *s);
bool sg_server_loopback(const sg_server *s);

/* Makes json the state of generation gen and sends it to every open page. */
void sg_server_publish(sg_server *s, const char *json, long gen);
/* Sends a keep-alive comment on every event stream. */
void sg_server_ping(sg_server *s);

/* Closes every connection, stops the threads and frees s. */
void sg_server_stop(sg_server *s);

/* The state as JSON (see above) into out. */
void sg_serve_state_json(long gen, size_t errors, const char *problems, char **changed,
			 size_t n, sg_buf *out);

#endif

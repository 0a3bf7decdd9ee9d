/*
 * server_int.h - what server.c and routes.c share.
 */
#ifndef SG_SERVE_SERVER_INT_H
#define SG_SERVE_SERVER_INT_H

#include <microhttpd.h>
#include <stdbool.h>

#include "serve/events.h"
#include "serve/server.h"

struct sg_server {
	struct MHD_Daemon *daemon;
	sg_events *events;
	int rootfd;    /* the output folder */
	int port;
	bool loopback;
};

/* MHD's access handler: every request (routes.c). */
enum MHD_Result sg_serve_access(void *cls, struct MHD_Connection *c, const char *url,
				const char *method, const char *version, const char *upload,
				size_t *upload_size, void **con_cls);

#endif

/*
 * server.c - the server's life: listening, MHD's threads, stopping
 * (server.h). The requests are routes.c's.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/json.h"
#include "serve/server_int.h"

/* Whether the address a is a loopback one (127.0.0.0/8, ::1). */
static bool S_is_loopback(const struct sockaddr *a)
{
	if (a->sa_family == AF_INET) {
		const struct sockaddr_in *v4 = (const struct sockaddr_in *)a;
		return (ntohl(v4->sin_addr.s_addr) >> 24) == 127;
	}
	const struct sockaddr_in6 *v6 = (const struct sockaddr_in6 *)a;
	return a->sa_family == AF_INET6 && IN6_IS_ADDR_LOOPBACK(&v6->sin6_addr);
}

/* A listening socket on ai; fills s's port and loopback. -1 with errno. */
static int S_listen_on(sg_server *s, const struct addrinfo *ai)
{
	int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
	if (fd < 0)
		return -1;
	int one = 1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_storage got;
	socklen_t len = sizeof got;
	if (bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 || listen(fd, 128) != 0 ||
	    getsockname(fd, (struct sockaddr *)&got, &len) != 0) {
		int err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	s->loopback = S_is_loopback((struct sockaddr *)&got);
	s->port = ntohs(got.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&got)->sin6_port
						  : ((struct sockaddr_in *)&got)->sin_port);
	return fd;
}

/* The listening socket for o. -1 with errno. */
static int S_listen(sg_server *s, const sg_server_opts *o, bool *v6)
{
	char port[16];
	snprintf(port, sizeof port, "%d", o->port);
	struct addrinfo hints = {.ai_socktype = SOCK_STREAM,
				 .ai_flags = AI_PASSIVE | AI_NUMERICSERV};
	struct addrinfo *res = NULL;
	int rc = getaddrinfo(o->bind, port, &hints, &res);
	if (rc != 0) {
		errno = rc == EAI_SYSTEM ? errno : EINVAL;
		return -1;
	}
	*v6 = res->ai_family == AF_INET6;
	int fd = S_listen_on(s, res);
	int err = errno;
	freeaddrinfo(res);
	errno = err;
	return fd;
}

/* Request paths reach the handler as sent: urlpath.c decodes them itself,
 * so that an escaped slash or NUL is seen, not taken as a separator or an
 * end. (This also leaves query arguments undecoded; none is read.) */
static size_t S_unescape(void *cls, struct MHD_Connection *c, char *uri)
{
	(void)cls;
	(void)c;
	return strlen(uri);
}

/* MHD's own messages (a connection refused at the limit) are not the
 * user's business. */
static void S_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	(void)fmt;
	(void)ap;
}

static struct MHD_Daemon *S_daemon(sg_server *s, int fd, bool v6)
{
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
			 MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG | (v6 ? MHD_USE_IPv6 : 0);
	return MHD_start_daemon(
		flags, 0, NULL, NULL, sg_serve_access, s, MHD_OPTION_LISTEN_SOCKET, fd,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)SG_SERVER_THREADS,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)SG_SERVER_CONNECTIONS,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)SG_SERVER_REQUEST_MEMORY,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)SG_SERVER_TIMEOUT,
		MHD_OPTION_UNESCAPE_CALLBACK, S_unescape, NULL,
		MHD_OPTION_EXTERNAL_LOGGER, S_log, NULL, MHD_OPTION_END);
}

int sg_server_start(sg_server **out, const sg_server_opts *o)
{
	*out = NULL;
	sg_server *s = sg_xcalloc(1, sizeof *s);
	s->rootfd = open(o->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	bool v6 = false;
	int fd = s->rootfd < 0 ? -1 : S_listen(s, o, &v6);
	if (fd < 0) {
		int err = errno;
		if (s->rootfd >= 0)
			close(s->rootfd);
		free(s);
		errno = err;
		return -1;
	}
	s->events = sg_events_new();
	s->daemon = S_daemon(s, fd, v6);
	if (!s->daemon) {
		close(fd);
		close(s->rootfd);
		sg_events_free(s->events);
		free(s);
		errno = EIO;
		return -1;
	}
	*out = s;
	return 0;
}

int sg_server_port(const sg_server *s)
{
	return s->port;
}

bool sg_server_loopback(const sg_server *s)
{
	return s->loopback;
}

void sg_server_publish(sg_server *s, const char *json, long gen)
{
	sg_events_publish(s->events, json, gen);
}

void sg_server_ping(sg_server *s)
{
	sg_events_ping(s->events);
}

void sg_server_stop(sg_server *s)
{
	if (!s)
		return;
	sg_events_close(s->events);
	/* The listening socket is ours (given to MHD): MHD_stop_daemon
	 * hands it back rather than closing it. */
	MHD_socket fd = MHD_quiesce_daemon(s->daemon);
	MHD_stop_daemon(s->daemon);
	if (fd != MHD_INVALID_SOCKET)
		close(fd);
	close(s->rootfd);
	sg_events_free(s->events);
	free(s);
}

void sg_serve_state_json(long gen, size_t errors, const char *problems, char **changed,
			 size_t n, sg_buf *out)
{
	sg_buf_printf(out, "{\"gen\":%ld,\"errors\":%zu,\"problems\":", gen, errors);
	sg_json_write_string(problems ? problems : "", problems ? strlen(problems) : 0, out);
	sg_buf_puts(out, ",\"changed\":[");
	if (n > SG_STATE_CHANGED_MAX) {
		sg_buf_puts(out, "\"*\"]}");
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (i)
			sg_buf_putc(out, ',');
		sg_json_write_string(changed[i], strlen(changed[i]), out);
	}
	sg_buf_puts(out, "]}");
}

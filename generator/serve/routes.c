/*
 * routes.c - what the server answers to each request (server.h lists the
 * URLs).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/fs.h"
#include "serve/fileopen.h"
#include "serve/inject.h"
#include "serve/live.h"
#include "serve/pages.h"
#include "serve/server_int.h"
#include "serve/urlpath.h"

/* The largest HTML page or cost model read to be served (a larger file is
 * not one salesgen made). */
#define S_READ_MAX (64u * 1024 * 1024)

static const struct {
	const char *ext;
	const char *type;
} S_types[] = {
	{".html", "text/html; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
	{".js", "text/javascript; charset=utf-8"}, {".json", "application/json"},
	{".pdf", "application/pdf"}, {".svg", "image/svg+xml"}, {".png", "image/png"},
	{".jpg", "image/jpeg"}, {".jpeg", "image/jpeg"}, {".woff2", "font/woff2"},
	{".txt", "text/plain; charset=utf-8"}, {".xml", "application/xml"},
};

static const char *S_type(const char *path)
{
	const char *dot = strrchr(path, '.');
	for (size_t i = 0; dot && i < sizeof S_types / sizeof *S_types; i++)
		if (strcmp(dot, S_types[i].ext) == 0)
			return S_types[i].type;
	return "application/octet-stream";
}

/* Queues r with status code, and the headers every answer has. */
static enum MHD_Result S_send(struct MHD_Connection *c, unsigned code, struct MHD_Response *r,
			      const char *type)
{
	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Cache-Control", "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	enum MHD_Result rc = MHD_queue_response(c, code, r);
	MHD_destroy_response(r);
	return rc;
}

/* A short text answer. */
static enum MHD_Result S_text(struct MHD_Connection *c, unsigned code, const char *text)
{
	return S_send(c, code,
		      MHD_create_response_from_buffer(strlen(text), (void *)text,
						      MHD_RESPMEM_PERSISTENT),
		      "text/plain; charset=utf-8");
}

/* Hands b's bytes to a response (b is left empty). */
static enum MHD_Result S_buf(struct MHD_Connection *c, unsigned code, sg_buf *b,
			     const char *type)
{
	size_t len = b->len;
	char *data = sg_buf_detach(b);
	return S_send(c, code, MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE),
		      type);
}

/* A redirection to to (a path already checked: no CR or LF). */
static enum MHD_Result S_redirect(struct MHD_Connection *c, const char *to)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(0, (void *)"",
								 MHD_RESPMEM_PERSISTENT);
	if (r)
		MHD_add_response_header(r, "Location", to);
	return S_send(c, MHD_HTTP_FOUND, r, "text/plain; charset=utf-8");
}

/* Reads fd (size bytes, at most S_READ_MAX) into out. Closes fd. */
static int S_slurp(int fd, off_t size, sg_buf *out)
{
	int rc = -1;
	if (size < 0 || (uint64_t)size > S_READ_MAX)
		goto done;
	sg_buf_grow(out, (size_t)size);
	for (ssize_t n; (n = read(fd, out->data + out->len, (size_t)size - out->len + 1)) != 0;) {
		if (n < 0 || out->len + (size_t)n > (size_t)size)
			goto done; /* an error, or it grew while read: stop */
		out->len += (size_t)n;
	}
	rc = 0;
done:
	close(fd);
	return rc;
}

/* An HTML page (len bytes) with the live script added, tagged with the
 * generation whose outputs it shows. */
static enum MHD_Result S_page(sg_server *s, struct MHD_Connection *c, const char *html,
			      size_t len)
{
	long gen = sg_events_gen(s->events);
	char tag[96];
	snprintf(tag, sizeof tag, "<script src=\"/__salesgen/live.js\" data-gen=\"%ld\"></script>",
		 gen);
	sg_buf out;
	sg_buf_init(&out);
	sg_serve_inject(html, len, tag, &out);
	enum MHD_Result rc = S_buf(c, MHD_HTTP_OK, &out, "text/html; charset=utf-8");
	sg_buf_dispose(&out);
	return rc;
}

/* An HTML file of the output folder, served with the live script. */
static enum MHD_Result S_html(sg_server *s, struct MHD_Connection *c, int fd, off_t size)
{
	sg_buf page;
	sg_buf_init(&page);
	enum MHD_Result rc = S_slurp(fd, size, &page) != 0
				     ? S_text(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "cannot read the page\n")
				     : S_page(s, c, page.data, page.len);
	sg_buf_dispose(&page);
	return rc;
}

/* A file of the output folder: rel as urlpath.c made it of raw. */
static enum MHD_Result S_file(sg_server *s, struct MHD_Connection *c, const char *raw,
			      char *rel, size_t cap)
{
	size_t n = strlen(rel);
	if (n == 0)
		return S_redirect(c, "/site/");
	if (rel[n - 1] == '/') {
		if (n + sizeof "index.html" > cap)
			return S_text(c, MHD_HTTP_NOT_FOUND, "not found\n");
		strcpy(rel + n, "index.html");
	}
	struct stat st;
	int fd = sg_serve_open(s->rootfd, rel, &st);
	if (fd == -EISDIR) {
		char *to = sg_xasprintf("%s/", raw);
		enum MHD_Result rc = S_redirect(c, to);
		free(to);
		return rc;
	}
	if (fd < 0)
		return S_text(c, MHD_HTTP_NOT_FOUND, "not found\n");
	const char *type = S_type(rel);
	if (strncmp(type, "text/html", 9) == 0)
		return S_html(s, c, fd, st.st_size);
	struct MHD_Response *r = MHD_create_response_from_fd64((uint64_t)st.st_size, fd);
	if (!r)
		close(fd);
	return S_send(c, MHD_HTTP_OK, r, type);
}

/* ---------------------------------------------------------------- pages */

/* Whether rel can be opened as a file; its bytes into out when out. */
static bool S_read_rel(sg_server *s, const char *rel, sg_buf *out)
{
	struct stat st;
	int fd = sg_serve_open(s->rootfd, rel, &st);
	if (fd < 0)
		return false;
	if (!out) {
		close(fd);
		return true;
	}
	return S_slurp(fd, st.st_size, out) == 0;
}

static int S_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* /__salesgen/proposal/: every customer with a cost model. */
static enum MHD_Result S_proposals(sg_server *s, struct MHD_Connection *c)
{
	char **ids = NULL;
	size_t n = 0;
	int fd = openat(s->rootfd, "costs", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	DIR *d = fd < 0 ? NULL : fdopendir(fd);
	for (struct dirent *e; d && (e = readdir(d));) {
		size_t len = strlen(e->d_name);
		if (len > 5 && strcmp(e->d_name + len - 5, ".json") == 0 && e->d_name[0] != '.') {
			ids = sg_xrealloc(ids, (n + 1) * sizeof *ids);
			ids[n++] = sg_xstrndup(e->d_name, len - 5);
		}
	}
	if (d)
		closedir(d);
	else if (fd >= 0)
		close(fd);
	qsort(ids, n, sizeof *ids, S_cmp);
	sg_buf b;
	sg_buf_init(&b);
	sg_serve_proposal_index(ids, n, &b);
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	enum MHD_Result rc = S_page(s, c, b.data, b.len);
	sg_buf_dispose(&b);
	return rc;
}

/* /__salesgen/proposal/ID. */
static enum MHD_Result S_proposal(sg_server *s, struct MHD_Connection *c, const char *id)
{
	const char *why;
	if (!sg_id_is_safe(id, &why) || strlen(id) > 200)
		return S_text(c, MHD_HTTP_NOT_FOUND, "no such customer\n");
	char pdf[256], costs[256];
	snprintf(pdf, sizeof pdf, "proposals/%s.pdf", id);
	snprintf(costs, sizeof costs, "costs/%s.json", id);
	sg_buf json, page;
	sg_buf_init(&json);
	sg_buf_init(&page);
	bool has_costs = S_read_rel(s, costs, &json);
	bool has_pdf = S_read_rel(s, pdf, NULL);
	enum MHD_Result rc;
	if (!has_costs && !has_pdf) {
		rc = S_text(c, MHD_HTTP_NOT_FOUND, "no such customer\n");
	} else {
		sg_serve_proposal_page(id, has_pdf, has_costs ? json.data : NULL, json.len, &page);
		rc = S_page(s, c, page.data, page.len);
	}
	sg_buf_dispose(&json);
	sg_buf_dispose(&page);
	return rc;
}

/* /__salesgen/NAME. */
static enum MHD_Result S_own(sg_server *s, struct MHD_Connection *c, const char *name)
{
	if (strcmp(name, "events") == 0)
		return sg_events_stream(s->events, c);
	if (strcmp(name, "live.js") == 0)
		return S_send(c, MHD_HTTP_OK,
			      MHD_create_response_from_buffer(strlen(sg_serve_live_js),
							      (void *)sg_serve_live_js,
							      MHD_RESPMEM_PERSISTENT),
			      "text/javascript; charset=utf-8");
	if (strcmp(name, "state") == 0) {
		long gen;
		char *state = sg_events_state(s->events, &gen);
		return S_send(c, MHD_HTTP_OK,
			      MHD_create_response_from_buffer(strlen(state), state,
							      MHD_RESPMEM_MUST_FREE),
			      "application/json");
	}
	if (strcmp(name, "proposal") == 0 || strcmp(name, "proposal/") == 0)
		return S_proposals(s, c);
	if (strncmp(name, "proposal/", 9) == 0)
		return S_proposal(s, c, name + 9);
	return S_text(c, MHD_HTTP_NOT_FOUND, "not found\n");
}

enum MHD_Result sg_serve_access(void *cls, struct MHD_Connection *c, const char *url,
				const char *method, const char *version, const char *upload,
				size_t *upload_size, void **con_cls)
{
	(void)version;
	(void)upload;
	(void)con_cls;
	sg_server *s = cls;
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
		*upload_size = 0;
		return S_text(c, MHD_HTTP_METHOD_NOT_ALLOWED, "only GET and HEAD\n");
	}
	*upload_size = 0; /* a body sent with GET is not read */
	char rel[1024];
	int rc = sg_serve_url_path(url, rel, sizeof rel);
	if (rc == -1)
		return S_text(c, MHD_HTTP_FORBIDDEN, "forbidden\n");
	if (rc != 0)
		return S_text(c, MHD_HTTP_NOT_FOUND, "not found\n");
	if (strncmp(rel, "__salesgen/", 11) == 0)
		return S_own(s, c, rel + 11);
	return S_file(s, c, url, rel, sizeof rel);
}

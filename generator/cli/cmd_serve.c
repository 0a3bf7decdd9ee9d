/*
 * cmd_serve.c - `salesgen serve`: a preview of the site and every PDF,
 * built into a private temporary folder and rebuilt on each save.
 *
 * The server (serve/server.h) answers requests in its own threads; this
 * thread has the builds made (cli/build_run.h, by a builder process,
 * cli/serve_child.h, into the same folder every time, so that the manifest
 * makes each build after the first do only what a change touched), watches the content and the theme (serve/watch.h), waits for a
 * burst of events to end (serve/settle.h), and hands each build's state to
 * the server, which pushes it to the open pages. SIGINT and SIGTERM are
 * blocked in every thread and read here with signalfd: Ctrl-C ends the loop,
 * closes the connections and removes the folder.
 */
#define _GNU_SOURCE /* mkdtemp, signalfd */
#include <errno.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/fs.h"
#include "cli/build_run.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/serve_child.h"
#include "serve/server.h"
#include "serve/settle.h"
#include "serve/watch.h"

/* A burst of events ends after this quiet time, or the shorter one when
 * its latest event ended a save (settle.h); a build starts at the latest
 * this long after a burst's first event (ms). The steps of one save by vim,
 * sed -i or a program writing the file came within a millisecond of each
 * other when measured (bench/README.md, "Save to reload"). */
#define S_QUIET_MS 100
#define S_CLOSED_QUIET_MS 10
#define S_LONGEST_MS 1000
/* A keep-alive comment on the event streams this often (ms). */
#define S_PING_MS 10000

static const sg_cli_opt S_table[] = {
	{.name = "--content", .arg = "DIR", .values = SG_CLI_DIR,
	 .help = "the content folder (default: content)"},
	{.name = "--port", .arg = "N",
	 .help = "the port, 1 to 65535, or 0 for any free one (default: 8080)"},
	{.name = "--bind", .arg = "ADDR",
	 .help = "the address to listen on (default: 127.0.0.1); any other than a loopback "
		 "address makes the internal site reachable from other machines"},
	{NULL},
};

const sg_cli_command sg_cli_serve = {
	.name = "serve",
	.summary = "preview the site and PDFs, rebuilt and reloaded on each save",
	.usage = "[--content DIR] [--port N] [--bind ADDR]",
	.about = "Builds the site and every PDF into a temporary folder of its own (removed\n"
		 "when it stops; never the content folder, never output/), serves them at\n"
		 "http://127.0.0.1:PORT/, rebuilds what a saved change touches, and reloads\n"
		 "the open pages. While the content has errors, every page shows them.\n"
		 "/__salesgen/proposal/ID shows a customer's proposal beside its cost model.\n",
	.opts = S_table,
	.notes = "Ctrl-C stops it. exit status: 0 stopped, 2 bad usage or the port is taken\n",
	.run = sg_cmd_serve,
};

/* What the loop keeps between builds. */
typedef struct S_serve {
	const char *content;
	char *out;         /* the temporary output folder */
	sg_server *server;
	sg_watch *watch;
	char *theme_dir;   /* the theme folder watched, or NULL */
	long gen;          /* the generation of the last state published */
	sg_serve_builder build; /* where builds run */
	const sg_env *env;
} S_serve;

static long S_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* A line from the build (serve_child.h): a state to publish, or the theme
 * folder to watch. */
static void S_line(void *arg, char *text)
{
	S_serve *sv = arg;
	if (text[0] == 'S' && text[1] == ' ') {
		char *json;
		long gen = strtol(text + 2, &json, 10);
		if (*json == ' ') {
			sv->gen = gen;
			sg_server_publish(sv->server, json + 1, gen);
		}
	} else if (text[0] == 'T' && text[1] == ' ' && !sv->theme_dir && sg_dir_exists(text + 2)) {
		sv->theme_dir = sg_xstrdup(text + 2);
		sg_watch_add_tree(sv->watch, sv->theme_dir);
	}
}

/* Starts the builder (before any thread): each build goes into sv->out,
 * the site first, then the rest. Returns 0, or 2 after the message. */
static int S_builder(S_serve *sv)
{
	sg_build_opts o = {
		.e = {.content_dir = sv->content, .out_dir = sv->out, .verbosity = 1,
		      .budget_time = SG_BUDGET_TIME_DEFAULT,
		      .budget_memory = SG_BUDGET_MEMORY_DEFAULT},
		.first = "site",
	};
	if (sg_serve_builder_start(&sv->build, &o, sv->env) == 0)
		return 0;
	fprintf(stderr, "salesgen serve: cannot start the builder: %s\n", strerror(errno));
	return 2;
}

/* The customer whose file alone changed since the last build, into id;
 * false when the change was anything else. */
static bool S_one_customer(S_serve *sv, char *id, size_t cap)
{
	const char *path = sg_watch_changed(sv->watch);
	char *prefix = sg_xasprintf("%s/customers/", sv->content);
	size_t n = strlen(prefix), len = path ? strlen(path) : 0;
	bool one = path && strncmp(path, prefix, n) == 0 && len > n + 4 && len - n - 4 < cap &&
		   strcmp(path + len - 4, ".xml") == 0;
	free(prefix);
	if (!one)
		return false;
	memcpy(id, path + n, len - n - 4);
	id[len - n - 4] = 0;
	const char *why;
	return sg_id_is_safe(id, &why);
}

/* Starts a build. When one customer's file alone changed, its account
 * page is built before the rest of the site. Returns 0, or -1 when the
 * builder is gone. */
static int S_build(S_serve *sv)
{
	char id[256];
	bool one = sv->gen > 0 && S_one_customer(sv, id, sizeof id);
	sg_watch_forget(sv->watch);
	if (sg_serve_builder_request(&sv->build, sv->gen, one ? id : NULL) == 0)
		return 0;
	fprintf(stderr, "salesgen serve: the builder has stopped\n");
	return -1;
}

/* Reads the running build's results. Returns -1 when the builder died. */
static int S_results(S_serve *sv)
{
	if (sg_serve_builder_read(&sv->build, S_line, sv) >= 0)
		return 0;
	fprintf(stderr, "salesgen serve: the builder has stopped\n");
	return -1;
}

/* ---------------------------------------------------------------- loop */

/* The poll timeout: until the burst ends or the next ping, in ms. */
static int S_timeout(long wait, long until_ping)
{
	return (int)(wait < 0 || wait > until_ping ? until_ping : wait);
}

/* Waits for events, builds after each burst (one build at a time), pings
 * the pages; returns when a signal comes on sigfd. */
static void S_loop(S_serve *sv, int sigfd)
{
	sg_settle settle;
	sg_settle_init(&settle, S_QUIET_MS, S_CLOSED_QUIET_MS, S_LONGEST_MS);
	long next_ping = S_now_ms() + S_PING_MS;
	for (;;) {
		long now = S_now_ms();
		long wait = sg_settle_wait(&settle, now);
		if (wait == 0 && !sv->build.busy) {
			sg_settle_done(&settle);
			if (S_build(sv) != 0)
				return;
			continue;
		}
		if (sv->build.busy)
			wait = -1; /* the events wait for the build to end */
		if (now >= next_ping) {
			sg_server_ping(sv->server);
			next_ping = now + S_PING_MS;
		}
		struct pollfd fds[3] = {{.fd = sigfd, .events = POLLIN},
					{.fd = sg_watch_fd(sv->watch), .events = POLLIN},
					{.fd = sv->build.busy ? sv->build.res_fd : -1,
					 .events = POLLIN}};
		int n = poll(fds, 3, S_timeout(wait, next_ping - now));
		if (n < 0 && errno != EINTR)
			return;
		if (n > 0 && fds[0].revents)
			return;
		if (n > 0 && fds[1].revents && sg_watch_read(sv->watch) != 0) {
			if (sg_watch_closed(sv->watch))
				sg_settle_closed(&settle, S_now_ms());
			else
				sg_settle_event(&settle, S_now_ms());
		}
		if (n > 0 && fds[2].revents && S_results(sv) != 0)
			return;
	}
}

static int S_remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

/* Removes the temporary folder and everything in it, following no link. */
static void S_remove_tree(const char *dir)
{
	if (nftw(dir, S_remove_one, 16, FTW_DEPTH | FTW_PHYS) != 0)
		fprintf(stderr, "salesgen serve: cannot remove %s: %s\n", dir, strerror(errno));
}

/* Up to 4096 open files, as the hard limit allows: the server holds up to
 * SG_SERVER_CONNECTIONS connections. */
static void S_raise_file_limit(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return;
	rlim_t want = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > 4096 ? 4096 : rl.rlim_max;
	if (rl.rlim_cur < want) {
		rl.rlim_cur = want;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

/* ---------------------------------------------------------------- start */

/* Starts the server on bind:port. Returns 0, or 2 after the message. */
static int S_listen(S_serve *sv, const char *bind, int port)
{
	sg_server_opts so = {.root = sv->out, .bind = bind, .port = port};
	if (sg_server_start(&sv->server, &so) == 0)
		return 0;
	if (errno == EADDRINUSE)
		fprintf(stderr, "salesgen serve: port %d is in use; choose another with --port N\n",
			port);
	else if (errno == EACCES)
		fprintf(stderr, "salesgen serve: port %d needs privileges; choose one from 1024 "
				"with --port N\n", port);
	else if (errno == EINVAL || errno == EADDRNOTAVAIL)
		fprintf(stderr, "salesgen serve: --bind %s: not an address of this machine\n", bind);
	else
		fprintf(stderr, "salesgen serve: cannot listen on %s port %d: %s\n", bind, port,
			strerror(errno));
	return 2;
}

/* The first build, before the address is printed: the site is there when
 * it is opened. Returns 0, or -1 when a signal came first. */
static int S_first_build(S_serve *sv, int sigfd)
{
	if (S_build(sv) != 0)
		return -1;
	while (sv->build.busy) {
		struct pollfd fds[2] = {{.fd = sigfd, .events = POLLIN},
					{.fd = sv->build.res_fd, .events = POLLIN}};
		if (poll(fds, 2, -1) < 0 && errno != EINTR)
			return -1;
		if (fds[0].revents)
			return -1;
		if (fds[1].revents && S_results(sv) != 0)
			return -1;
	}
	return 0;
}

/* Serves until a signal: builder, listen, first build, watch, loop.
 * Returns the exit status. sv->out exists. */
static int S_serve_run(S_serve *sv, const char *bind, int port, int sigfd)
{
	/* The builder is forked first, while this process has no thread. */
	int rc = S_builder(sv);
	if (rc != 0)
		return rc;
	rc = S_listen(sv, bind, port);
	if (rc != 0) {
		sg_serve_builder_stop(&sv->build);
		return rc;
	}
	if (!sg_server_loopback(sv->server))
		fprintf(stderr, "salesgen serve: warning: listening on %s, which other machines "
				"can reach: the site is internal (customers, prices, discounts) and "
				"anyone who reaches it can read it\n", bind);
	sv->watch = sg_watch_new();
	if (!sv->watch || sg_watch_add_tree(sv->watch, sv->content) != 0) {
		fprintf(stderr, "salesgen serve: cannot watch %s: %s\n", sv->content,
			strerror(errno));
		rc = 2;
		goto done;
	}
	if (S_first_build(sv, sigfd) == 0) {
		printf("salesgen serve: http://%s%s%s:%d/ (Ctrl-C stops)\n",
		       strchr(bind, ':') ? "[" : "", bind, strchr(bind, ':') ? "]" : "",
		       sg_server_port(sv->server));
		fflush(stdout);
		S_loop(sv, sigfd);
	}
	fprintf(stderr, "salesgen serve: stopping\n");
done:
	sg_serve_builder_stop(&sv->build);
	sg_server_stop(sv->server);
	sg_watch_free(sv->watch);
	return rc;
}

int sg_cmd_serve(int argc, char **argv, const sg_env *env)
{
	const char *port_s = "8080", *bind = "127.0.0.1";
	S_serve sv = {.content = "content", .env = env};
	const sg_cli_flag flags[] = {
		{"--content", .value = &sv.content}, {"--port", .value = &port_s},
		{"--bind", .value = &bind}, {NULL},
	};
	sg_cli_args args = {.spec = &sg_cli_serve, .flags = flags,
			    .nonempty = true, .argc = argc, .argv = argv};
	for (const char *a; (a = sg_cli_next(&args));) {
		fprintf(stderr, "salesgen serve: unknown argument '%s'\n", a);
		return 2;
	}
	if (args.status != SG_CLI_END)
		return args.status == SG_CLI_HELP ? 0 : 2;
	int port;
	if (sg_cli_whole_number("salesgen serve", "--port", port_s, 0, 65535, &port) != 0)
		return 2;
	if (!sg_dir_exists(sv.content)) {
		fprintf(stderr, "salesgen serve: no content folder %s (give one with --content DIR)\n",
			sv.content);
		return 2;
	}
	/* Blocked before any thread starts, so that every thread inherits it
	 * and only the loop's signalfd sees them. */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	int sigfd = signalfd(-1, &set, SFD_CLOEXEC);
	sv.out = sg_xasprintf("%s/salesgen-serve-XXXXXX", env->tmpdir);
	if (sigfd < 0 || !mkdtemp(sv.out)) {
		fprintf(stderr, "salesgen serve: cannot make a folder in %s: %s\n", env->tmpdir,
			strerror(errno));
		free(sv.out);
		return 2;
	}
	S_raise_file_limit();
	int rc = S_serve_run(&sv, bind, port, sigfd);
	S_remove_tree(sv.out);
	close(sigfd);
	free(sv.out);
	free(sv.theme_dir);
	return rc;
}

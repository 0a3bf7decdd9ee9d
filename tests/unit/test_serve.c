/* Unit tests of the pure parts of generator/serve/: request paths to files
 * (urlpath.c), opening them without links (fileopen.c), the live script in
 * pages (inject.c), the end of a burst of file events (settle.c), the state
 * sent to pages (server.c) and the names the watcher ignores (watch.c). */
#include "support.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/fs.h"
#include "base/path.h"
#include "serve/fileopen.h"
#include "serve/inject.h"
#include "serve/server.h"
#include "serve/settle.h"
#include "serve/urlpath.h"
#include "serve/watch.h"

/* The status of sg_serve_url_path(raw), and its path in out. */
static int S_map(const char *raw, char *out)
{
	return sg_serve_url_path(raw, out, 256);
}

static void test_url_plain(void **state)
{
	(void)state;
	char out[256];
	assert_int_equal(S_map("/", out), 0);
	assert_string_equal(out, "");
	assert_int_equal(S_map("/site/index.html", out), 0);
	assert_string_equal(out, "site/index.html");
	assert_int_equal(S_map("/site/", out), 0);
	assert_string_equal(out, "site/");
	assert_int_equal(S_map("/site/accounts/a%20b.html", out), 0);
	assert_string_equal(out, "site/accounts/a b.html");
	/* Escaped UTF-8 is decoded to its bytes. */
	assert_int_equal(S_map("/site/tags/%E4%BB%B7%E6%A0%BC.html", out), 0);
	assert_string_equal(out, "site/tags/价格.html");
	assert_int_equal(S_map("/site/a..b.html", out), 0);
	assert_string_equal(out, "site/a..b.html");
}

static void test_url_refused(void **state)
{
	(void)state;
	static const char *const refused[] = {
		"", "site/index.html", "http://x/site/", "*", "//etc/passwd", "/..", "/../etc/passwd",
		"/site/../../x", "/site/..", "/site/.", "/site/./index.html", "/%2e%2e/x",
		"/%2E%2E/x", "/.%2e/x", "/site/%2e%2e", "/site%2F..%2F..%2Fx", "/site/a%2fb",
		"/site/..\\x", "/site/%5c..%5cx", "/site/index.html%00.pdf", "/site/%00",
		"/.salesgen/manifest", "/site/.hidden", "/site//index.html", "/site/%", "/site/%4",
		"/site/%zz", "/site/a\tb", "/site/a%0d%0aSet-Cookie:x", "/site/%7f",
	};
	char out[256];
	for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
		int rc = S_map(refused[i], out);
		if (rc != -1)
			fail_msg("'%s' gave %d ('%s'), not -1", refused[i], rc, out);
		assert_string_equal(out, "");
	}
	assert_int_equal(sg_serve_url_path(NULL, out, sizeof out), -1);
}

static void test_url_too_long(void **state)
{
	(void)state;
	char out[8];
	assert_int_equal(sg_serve_url_path("/abcdefgh", out, sizeof out), -2);
	assert_string_equal(out, "");
	assert_int_equal(sg_serve_url_path("/abcdefg", out, sizeof out), 0);
	assert_string_equal(out, "abcdefg");
	assert_int_equal(sg_serve_url_path("/ab/defgh", out, sizeof out), -2);
}

/* A folder with site/index.html, a link to it, a link out, a folder link. */
static int S_tree(const char **root)
{
	const char *w = sg_test_tmpdir("serve");
	assert_non_null(w);
	char *p = sg_path_join(w, "root/site");
	assert_int_equal(sg_mkdir_p(p), 0);
	free(p);
	p = sg_path_join(w, "root/site/index.html");
	assert_int_equal(sg_file_write_atomic(p, "hi", 2), 0);
	free(p);
	p = sg_path_join(w, "secret");
	assert_int_equal(sg_file_write_atomic(p, "no", 2), 0);
	char *l = sg_path_join(w, "root/site/out.txt");
	assert_int_equal(symlink(p, l), 0);
	free(l);
	free(p);
	l = sg_path_join(w, "root/site/in.html");
	assert_int_equal(symlink("index.html", l), 0);
	free(l);
	l = sg_path_join(w, "root/up");
	assert_int_equal(symlink(w, l), 0);
	free(l);
	*root = w;
	p = sg_path_join(w, "root");
	int fd = open(p, O_RDONLY | O_DIRECTORY);
	free(p);
	assert_true(fd >= 0);
	return fd;
}

static void test_open_no_links(void **state)
{
	(void)state;
	const char *w;
	int root = S_tree(&w);
	struct stat st;
	int fd = sg_serve_open(root, "site/index.html", &st);
	assert_true(fd >= 0);
	assert_int_equal(st.st_size, 2);
	close(fd);
	assert_int_equal(sg_serve_open(root, "site", &st), -EISDIR);
	assert_int_equal(sg_serve_open(root, "", &st), -EISDIR);
	assert_int_equal(sg_serve_open(root, "site/none.html", &st), -ENOENT);
	assert_int_equal(sg_serve_open(root, "site/index.html/x", &st), -ENOENT);
	/* Links are never followed: not out, not even inside. */
	assert_true(sg_serve_open(root, "site/out.txt", &st) < 0);
	assert_true(sg_serve_open(root, "site/in.html", &st) < 0);
	assert_true(sg_serve_open(root, "up/secret", &st) < 0);
	assert_true(sg_serve_open(root, "up", &st) < 0);
	close(root);
}

static void S_injected(const char *html, const char *want)
{
	sg_buf b;
	sg_buf_init(&b);
	sg_serve_inject(html, strlen(html), "<S>", &b);
	sg_buf_putc(&b, 0);
	assert_string_equal(b.data, want);
	sg_buf_dispose(&b);
}

static void test_inject(void **state)
{
	(void)state;
	S_injected("<html><head><title>x</title></head><body>y</body></html>",
		   "<html><head><title>x</title><S></head><body>y</body></html>");
	S_injected("<HTML><HEAD></HEAD></HTML>", "<HTML><HEAD><S></HEAD></HTML>");
	S_injected("<p>no head</p><body class=\"k\">y", "<p>no head</p><body class=\"k\"><S>y");
	S_injected("<bodyx><body>y", "<bodyx><body><S>y");
	S_injected("plain text", "<S>plain text");
	S_injected("", "<S>");
	S_injected("<body", "<S><body");
	/* Only the first </head>: one in the body's text is left alone. */
	S_injected("<head></head><p>&lt;/head&gt; </head></p>",
		   "<head><S></head><p>&lt;/head&gt; </head></p>");
	/* Bytes that are not text pass unchanged (NUL included). */
	sg_buf b;
	sg_buf_init(&b);
	sg_serve_inject("a\0b</head>", 10, "<S>", &b);
	assert_int_equal(b.len, 13);
	assert_memory_equal(b.data, "a\0b<S></head>", 13);
	sg_buf_dispose(&b);
}

static void test_escape(void **state)
{
	(void)state;
	sg_buf b;
	sg_buf_init(&b);
	const char *t = "<a href=\"x\">'&'</a>价";
	sg_serve_html_escape(t, strlen(t), &b);
	sg_buf_putc(&b, 0);
	assert_string_equal(b.data, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;价");
	sg_buf_dispose(&b);
}

static void test_settle(void **state)
{
	(void)state;
	sg_settle s;
	sg_settle_init(&s, 100, 10, 1000);
	assert_int_equal(sg_settle_wait(&s, 0), -1);
	/* An editor's save: write, rename, chmod within a few ms. */
	sg_settle_event(&s, 1000);
	assert_int_equal(sg_settle_wait(&s, 1000), 100);
	sg_settle_event(&s, 1003);
	sg_settle_event(&s, 1010);
	assert_int_equal(sg_settle_wait(&s, 1050), 60);
	assert_int_equal(sg_settle_wait(&s, 1110), 0);
	assert_int_equal(sg_settle_wait(&s, 5000), 0);
	sg_settle_done(&s);
	assert_int_equal(sg_settle_wait(&s, 5000), -1);
	/* A stream of events, never 100 ms quiet: built 1000 ms after the
	 * first, not never. */
	for (long t = 10000; t < 10990; t += 50) {
		sg_settle_event(&s, t);
		assert_true(sg_settle_wait(&s, t) > 0);
	}
	sg_settle_event(&s, 10990);
	assert_int_equal(sg_settle_wait(&s, 10990), 10);
	assert_int_equal(sg_settle_wait(&s, 11000), 0);
	sg_settle_done(&s);
	/* A save that ends with its file renamed into place: 10 ms of quiet
	 * after the rename; an event that starts another write (a file made,
	 * or written but not yet closed) brings back the 100 ms. */
	sg_settle_event(&s, 20000);
	assert_int_equal(sg_settle_wait(&s, 20000), 100);
	sg_settle_closed(&s, 20001);
	assert_int_equal(sg_settle_wait(&s, 20001), 10);
	assert_int_equal(sg_settle_wait(&s, 20011), 0);
	sg_settle_event(&s, 20005);
	assert_int_equal(sg_settle_wait(&s, 20011), 94);
	sg_settle_closed(&s, 20050);
	assert_int_equal(sg_settle_wait(&s, 20055), 5);
	sg_settle_done(&s);
	assert_int_equal(sg_settle_wait(&s, 20055), -1);
}

static void test_state_json(void **state)
{
	(void)state;
	sg_buf b;
	sg_buf_init(&b);
	char *changed[] = {"site/a.html", "costs/\"q\".json"};
	sg_serve_state_json(3, 1, "c/x.xml:5:3: error: <b> \"quoted\"\n", changed, 2, &b);
	sg_buf_putc(&b, 0);
	assert_string_equal(b.data, "{\"gen\":3,\"errors\":1,\"problems\":\"c/x.xml:5:3: error: <b> "
				    "\\\"quoted\\\"\\n\",\"changed\":[\"site/a.html\","
				    "\"costs/\\\"q\\\".json\"]}");
	/* One line, as an event's data must be. */
	assert_null(strchr(b.data, '\n'));
	sg_buf_clear(&b);
	sg_serve_state_json(1, 0, NULL, NULL, 0, &b);
	sg_buf_putc(&b, 0);
	assert_string_equal(b.data, "{\"gen\":1,\"errors\":0,\"problems\":\"\",\"changed\":[]}");
	/* Past SG_STATE_CHANGED_MAX outputs, only "*": the state stays small. */
	char *many[SG_STATE_CHANGED_MAX + 1];
	for (size_t i = 0; i <= SG_STATE_CHANGED_MAX; i++)
		many[i] = "site/accounts/some-long-customer-name.html";
	sg_buf_clear(&b);
	sg_serve_state_json(2, 0, "", many, SG_STATE_CHANGED_MAX, &b);
	assert_true(b.len > SG_STATE_CHANGED_MAX * 40);
	sg_buf_clear(&b);
	sg_serve_state_json(2, 0, "", many, SG_STATE_CHANGED_MAX + 1, &b);
	sg_buf_putc(&b, 0);
	assert_string_equal(b.data, "{\"gen\":2,\"errors\":0,\"problems\":\"\",\"changed\":[\"*\"]}");
	sg_buf_dispose(&b);
}

static void test_watch_ignored(void **state)
{
	(void)state;
	assert_true(sg_watch_ignored(".x.xml.swp"));
	assert_true(sg_watch_ignored("x.xml~"));
	assert_true(sg_watch_ignored("4913"));
	assert_true(sg_watch_ignored(".git"));
	assert_true(sg_watch_ignored(""));
	assert_false(sg_watch_ignored("x.xml"));
	assert_false(sg_watch_ignored("customers"));
	assert_false(sg_watch_ignored("价格.md"));
}

/* Writes text to dir/rel as editors save: a temporary file renamed over it. */
static void S_save(const char *dir, const char *rel, const char *text)
{
	char *path = sg_path_join(dir, rel);
	char *tmp = sg_xasprintf("%s.tmp", path);
	assert_int_equal(sg_file_write_atomic(tmp, text, strlen(text)), 0);
	assert_int_equal(rename(tmp, path), 0);
	free(tmp);
	free(path);
}

/* Reads w's events until at least one change came (inotify's queue is
 * filled as the calls above return, so one read usually has them all). */
static int S_changes(sg_watch *w)
{
	int n = 0;
	for (int i = 0; i < 100 && n == 0; i++) {
		n = sg_watch_read(w);
		if (n == 0)
			usleep(10000);
	}
	return n;
}

static void test_watch_changed(void **state)
{
	(void)state;
	const char *dir = sg_test_tmpdir("watch");
	assert_non_null(dir);
	char *sub = sg_path_join(dir, "customers");
	assert_int_equal(sg_mkdir_p(sub), 0);
	sg_watch *w = sg_watch_new();
	assert_non_null(w);
	assert_int_equal(sg_watch_add_tree(w, dir), 0);
	assert_null(sg_watch_changed(w));

	/* One file saved through a temporary one: that file alone. */
	S_save(dir, "customers/acme.xml", "<customer/>");
	assert_true(S_changes(w) > 0);
	char *want = sg_path_join(sub, "acme.xml");
	assert_non_null(sg_watch_changed(w));
	assert_string_equal(sg_watch_changed(w), want);
	sg_watch_forget(w);
	assert_null(sg_watch_changed(w));

	/* Two files: several. An editor's own file (".acme.xml.swp") is no
	 * change at all. */
	S_save(dir, "customers/acme.xml", "<customer></customer>");
	S_save(dir, "customers/beta.xml", "<customer/>");
	assert_true(S_changes(w) > 0);
	assert_null(sg_watch_changed(w));
	sg_watch_forget(w);
	char *swp = sg_path_join(sub, ".acme.xml.swp");
	assert_int_equal(sg_file_write_atomic(swp, "x", 1), 0);
	usleep(20000);
	assert_int_equal(sg_watch_read(w), 0);

	/* A new folder is several changes, and is watched from then on. */
	char *fresh = sg_path_join(dir, "fresh");
	assert_int_equal(mkdir(fresh, 0755), 0);
	assert_true(S_changes(w) > 0);
	assert_null(sg_watch_changed(w));
	sg_watch_forget(w);
	S_save(dir, "fresh/page.md", "# x");
	assert_true(S_changes(w) > 0);
	char *page = sg_path_join(fresh, "page.md");
	assert_string_equal(sg_watch_changed(w), page);
	free(page);
	free(fresh);
	free(swp);
	free(want);
	free(sub);
	sg_watch_free(w);
}

/* Whether the latest change ended a save: not while a file is open for
 * writing, yes once it is closed or renamed into place, still yes after a
 * change of its mode. */
static void test_watch_closed(void **state)
{
	(void)state;
	const char *dir = sg_test_tmpdir("watchclosed");
	assert_non_null(dir);
	sg_watch *w = sg_watch_new();
	assert_non_null(w);
	assert_int_equal(sg_watch_add_tree(w, dir), 0);
	char *path = sg_path_join(dir, "acme.xml");
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "<customer>", 10), 10);
	assert_true(S_changes(w) > 0);
	assert_false(sg_watch_closed(w));
	assert_int_equal(close(fd), 0);
	assert_true(S_changes(w) > 0);
	assert_true(sg_watch_closed(w));
	assert_int_equal(chmod(path, 0600), 0);
	assert_true(S_changes(w) > 0);
	assert_true(sg_watch_closed(w));
	fd = open(path, O_WRONLY | O_APPEND);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "</customer>", 11), 11);
	assert_true(S_changes(w) > 0);
	assert_false(sg_watch_closed(w));
	assert_int_equal(close(fd), 0);
	S_save(dir, "acme.xml", "<customer/>");
	assert_true(S_changes(w) > 0);
	assert_true(sg_watch_closed(w));
	free(path);
	sg_watch_free(w);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_url_plain),    cmocka_unit_test(test_url_refused),
		cmocka_unit_test(test_url_too_long), cmocka_unit_test(test_open_no_links),
		cmocka_unit_test(test_inject),       cmocka_unit_test(test_escape),
		cmocka_unit_test(test_settle),       cmocka_unit_test(test_state_json),
		cmocka_unit_test(test_watch_ignored), cmocka_unit_test(test_watch_changed),
		cmocka_unit_test(test_watch_closed),
	};
	return sg_test_run(tests, sizeof tests / sizeof *tests, argc, argv, NULL, NULL);
}

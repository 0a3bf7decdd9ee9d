#!/usr/bin/env bash
# remote_cache.sh - `salesgen build --cache URL`: a shared cache of outputs
# over Bazel's HTTP remote-cache protocol, here nginx with WebDAV PUT,
# started by the test on 127.0.0.1 with a configuration of its own.
#   1. shards 1/2 and 2/2, in two fresh output folders, fill the cache;
#   2. a third build in a new folder takes every output from it ("cache" in
#      the report), bytes identical to a local build, and stores nothing;
#      credentials in the URL are in no message and no report;
#   3. a corrupted /cas entry is refused, its output rebuilt and reported,
#      and with --cache-write the entry is put right;
#   4. the cache stopped during a build changes nothing but speed: the
#      build succeeds, bytes identical, one warning.
# usage: bash remote_cache.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
. "$(dirname "$0")/lib/prologue.sh" "$@"
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || skip "nginx is not installed"
"$NGINX" -V 2>&1 | grep -q -- --with-http_dav_module || skip "nginx has no WebDAV module"
need python3 curl

cp -r "$SRC/content" content
mkdir -p cache/ac cache/cas nginx/tmp nginx/logs
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# As root, nginx's workers would run as nobody and could not write here.
USER_LINE=
[ "$(id -u)" = 0 ] && USER_LINE="user root root;"
cat >nginx/nginx.conf <<EOF
$USER_LINE
daemon off;
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log;
events { worker_connections 64; }
http {
	access_log $WORK/nginx/logs/access.log;
	client_body_temp_path $WORK/nginx/tmp/body;
	proxy_temp_path $WORK/nginx/tmp/proxy;
	fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
	uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
	scgi_temp_path $WORK/nginx/tmp/scgi;
	client_max_body_size 256m;
	server {
		listen 127.0.0.1:$PORT;
		root $WORK/cache;
		location / {
			dav_methods PUT;
			create_full_put_path on;
			dav_access user:rw;
		}
	}
}
EOF
NGINX_PID=
start_nginx() {
	"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/logs/error.log" \
		>>nginx/logs/stdout 2>&1 &
	NGINX_PID=$!
	for _ in $(seq 100); do
		curl -s -o /dev/null "http://127.0.0.1:$PORT/" && return 0
		sleep 0.05
	done
	die "nginx did not start ($(tail -3 nginx/logs/error.log 2>/dev/null))"
}
stop_nginx() {
	[ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
	NGINX_PID=
}
trap stop_nginx EXIT
start_nginx
URL="http://127.0.0.1:$PORT/"

build() { # OUT LOG [ARGS...]
	local out=$1 log=$2
	shift 2
	"$BIN" build --content content --out "$out" --jobs 2 "$@" >"$log" 2>&1
}
puts() { grep -c '"PUT ' nginx/logs/access.log; }
# report.json STATUS CACHE...: every output has the status and one of the cache values.
all_are() {
	python3 - "$@" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
status, caches = sys.argv[2], sys.argv[3:]
bad = [(o["path"], o["status"], o.get("cache")) for o in r["outputs"]
       if o["status"] != "skipped" and (o["status"] != status or o.get("cache") not in caches)]
assert not bad, bad[:5]
assert any(o["status"] == status for o in r["outputs"]), "no output at all"
PY
}
same_outputs() { # A B: the same files with the same bytes, and the same manifest
	diff -r -x .salesgen "$1" "$2" >/dev/null || return 1
	cmp -s "$1/.salesgen/manifest" "$2/.salesgen/manifest"
}

# 0. Bad usage: nothing is built, exit 2.
PART="usage"
"$BIN" build --content content --out u1 --cache-write >u1.log 2>&1
[ $? -eq 2 ] || fail "--cache-write without a cache should exit 2"
grep -q "^salesgen build: --cache-write needs a cache: --cache URL or SALESGEN_CACHE$" u1.log || fail "no message for --cache-write alone ($(cat u1.log))"
"$BIN" build --content content --out u2 --cache "ftp://127.0.0.1:$PORT/" >u2.log 2>&1
[ $? -eq 2 ] || fail "a cache URL that is not HTTP should exit 2"
grep -q "^salesgen build: --cache: the cache's URL must start with http:// or https://$" u2.log || fail "no message for an ftp:// cache ($(cat u2.log))"
[ ! -e u1 ] && [ ! -e u2 ] || fail "a build refused for bad usage wrote its output folder"

PART="local build"
build local local.log --report local.json || die "the local build exited $? ($(tail -3 local.log))"

# 1. Two shards fill the cache.
PART="fill"
build s1 s1.log --shard 1/2 --cache "$URL" --cache-write --report s1.json || fail "shard 1/2 exited $? ($(tail -3 s1.log))"
build s2 s2.log --shard 2/2 --cache "$URL" --cache-write --report s2.json || fail "shard 2/2 exited $? ($(tail -3 s2.log))"
all_are s1.json built stored || fail "shard 1/2: not every output was built and stored"
all_are s2.json built stored || fail "shard 2/2: not every output was built and stored"
grep -q "warning: cache" s1.log s2.log && fail "a warning about the cache while it worked"
[ "$(find cache/cas -type f | wc -l)" -gt 0 ] || die "nothing in the cache's /cas"

# 2. A third build in a new folder takes every output from the cache.
PART="hit"
before=$(puts)
build hit hit.log --cache "http://builder:s3cret-pw@127.0.0.1:$PORT/" --report hit.json ||
	fail "the build from the cache exited $? ($(tail -3 hit.log))"
all_are hit.json built cache || fail "not every output came from the cache"
grep -q "built ([0-9]* from the cache)" hit.log || fail "the summary line does not say how many came from the cache"
same_outputs hit local || fail "the outputs taken from the cache differ from a local build"
[ "$(puts)" = "$before" ] || fail "a build without --cache-write stored something"
grep -q "s3cret-pw" hit.log hit.json && fail "the cache's password is in a message or the report"
# The notes producers gave come back with the outputs (the sample's sent proposal has one).
grep -q "note: proposal .* is kept as sent" hit.log || fail "the sent proposal's note was lost with the cache"

# 3. A corrupted entry: refused, rebuilt, reported; --cache-write puts it right.
PART="corrupt"
OUT_PATH=$(python3 -c 'import json,sys; print(sorted(o["path"] for o in json.load(open(sys.argv[1]))["outputs"] if o["kind"] == "cost")[0])' local.json)
HASH=$(sha256sum "local/$OUT_PATH" | cut -d' ' -f1)
[ -f "cache/cas/$HASH" ] || die "no /cas/$HASH for $OUT_PATH"
printf 'not the bytes' >"cache/cas/$HASH"
build bad bad.log --cache "$URL" --cache-write --report bad.json || fail "a corrupted entry failed the build ($(tail -3 bad.log))"
grep -q "warning: $OUT_PATH: the shared cache's bytes of it do not have the SHA-256 and size its record gives; building it" bad.log ||
	fail "no warning about the corrupted entry ($(grep warning bad.log | head -3))"
python3 - bad.json "$OUT_PATH" <<'PY' || fail "the report does not show $OUT_PATH rebuilt (and stored again), the others from the cache"
import json, sys
r = json.load(open(sys.argv[1]))
for o in r["outputs"]:
    want = "stored" if o["path"] == sys.argv[2] else "cache"
    assert o["status"] == "built" and o.get("cache") == want, o
PY
same_outputs bad local || fail "a corrupted entry changed the outputs"
[ "$(sha256sum "cache/cas/$HASH" | cut -d' ' -f1)" = "$HASH" ] || fail "--cache-write did not put the entry right"

# 4. The cache stops during a build: every output changes (a new price), so
# the build looks everything up, builds it and stores it; nginx is killed as
# soon as the first request arrives.
PART="stopped"
python3 - content/catalog.xml <<'PY'
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s2 = re.sub(r'(unit-price=")(\d+)', lambda m: m.group(1) + str(int(m.group(2)) + 3), s, count=1)
assert s2 != s
open(p, "w", encoding="utf-8").write(s2)
PY
build local2 local2.log || fail "the local build of the new price exited $?"
lines=$(wc -l <nginx/logs/access.log)
(
	for _ in $(seq 2000); do
		[ "$(wc -l <nginx/logs/access.log)" -gt "$lines" ] && break
		sleep 0.005
	done
	kill "$NGINX_PID" 2>/dev/null
) &
killer=$!
build stop stop.log --cache "$URL" --cache-write --report stop.json || fail "the build exited $? when the cache stopped ($(tail -3 stop.log))"
wait $killer
NGINX_PID=
n=$(grep -c "warning: cache http://127.0.0.1:$PORT: .*; building without it" stop.log)
[ "$n" = 1 ] || fail "want one warning that the cache stopped, got $n ($(grep warning stop.log | head -3))"
same_outputs stop local2 || fail "the outputs differ from a local build when the cache stopped"
all_are stop.json built built stored cache || fail "the report of the stopped cache's build says something else than built, stored or cache"

# 5. No cache at all (nothing listens): the same, one warning.
PART="down"
build down down.log --cache "$URL" --report down.json || fail "a cache that is down failed the build"
[ "$(grep -c "warning: cache .*building without it" down.log)" = 1 ] || fail "want one warning for a cache that is down"
same_outputs down local2 || fail "the outputs differ when the cache is down"

verdict

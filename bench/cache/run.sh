#!/bin/bash
# run.sh - a build taken wholly from the shared cache (build --cache URL),
# one binary against another, with nginx (WebDAV PUT) on 127.0.0.1 as the
# cache, reached directly and through delay_proxy.py (MS milliseconds before
# each request, as over a network).
#
# usage: bench/cache/run.sh BEFORE_BIN AFTER_BIN [CUSTOMERS] [MS]
#        (defaults: 1000 customers, 5 ms; RUNS=5 runs of each)
#
# Each binary fills the cache once with a full build (--cache-write; its
# keys include the binary itself, so each has entries of its own), then
# builds from the cache into a fresh folder RUNS times, the two binaries
# taking turns (A B A B ...). Prints the median and range of each and the
# ratio of the medians. Needs nginx with its WebDAV module (Debian: nginx).
set -eu
A=$(realpath "$1") B=$(realpath "$2")
N=${3:-1000} MS=${4:-5} RUNS=${RUNS:-5}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
WORK=$(mktemp -d)
PIDS=()
cleanup() {
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$WORK"
}
trap cleanup EXIT
export SOURCE_DATE_EPOCH=1795132800
port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

python3 "$ROOT/tests/tools/make_customers.py" content "$WORK/content" "$N" >/dev/null
mkdir -p "$WORK/cache" "$WORK/nginx/tmp" "$WORK/nginx/logs"
P=$(port) Q=$(port)
USER_LINE=
[ "$(id -u)" = 0 ] && USER_LINE="user root root;"
cat >"$WORK/nginx/nginx.conf" <<CONF
$USER_LINE
daemon off;
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log;
events { worker_connections 256; }
http {
	access_log off;
	client_body_temp_path $WORK/nginx/tmp/body;
	proxy_temp_path $WORK/nginx/tmp/proxy;
	fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
	uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
	scgi_temp_path $WORK/nginx/tmp/scgi;
	client_max_body_size 256m;
	keepalive_requests 100000;
	server {
		listen 127.0.0.1:$P;
		root $WORK/cache;
		location / {
			dav_methods PUT;
			create_full_put_path on;
			dav_access user:rw;
		}
	}
}
CONF
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/logs/error.log" &
PIDS+=($!)
python3 "$HERE/delay_proxy.py" "$Q" "$P" "$MS" &
PIDS+=($!)
for _ in $(seq 100); do
	curl -s -o /dev/null "http://127.0.0.1:$P/" && curl -s -o /dev/null "http://127.0.0.1:$Q/" && break
	sleep 0.05
done

# secs CMD...: runs CMD, prints its wall time in seconds.
secs() {
	local s e
	s=$(date +%s%N)
	"$@" >"$WORK/log" 2>&1 || { echo "failed: $*" >&2; tail -5 "$WORK/log" >&2; exit 1; }
	e=$(date +%s%N)
	echo "$(((e - s) / 1000000))"
}
k=0
for bin in "$A" "$B"; do
	echo "fill with $bin: $(secs "$bin" build --content "$WORK/content" --out "$WORK/fill$k" \
		--cache "http://127.0.0.1:$P/" --cache-write --quiet) ms"
	k=$((k + 1))
done
echo "$N customers, $RUNS runs each, every output from the cache"
for where in "local:$P" "${MS}ms:$Q"; do
	name=${where%%:*} port=${where#*:}
	: >"$WORK/a" ; : >"$WORK/b"
	for r in $(seq "$RUNS"); do
		secs "$A" build --content "$WORK/content" --out "$WORK/a$name$r" \
			--cache "http://127.0.0.1:$port/" --quiet >>"$WORK/a"
		secs "$B" build --content "$WORK/content" --out "$WORK/b$name$r" \
			--cache "http://127.0.0.1:$port/" --quiet >>"$WORK/b"
	done
	grep -c '"cache"' "$WORK/b$name$RUNS/.salesgen/"* >/dev/null 2>&1 || true
	python3 - "$name" "$WORK/a" "$WORK/b" <<'PY'
import statistics, sys
name, a, b = sys.argv[1], [int(x) for x in open(sys.argv[2]).read().split()], [int(x) for x in open(sys.argv[3]).read().split()]
ma, mb = statistics.median(a), statistics.median(b)
print(f"  {name:6} before {ma:7.0f} ms ({min(a)}-{max(a)})  after {mb:7.0f} ms ({min(b)}-{max(b)})  before/after {ma / mb:.2f}")
PY
done

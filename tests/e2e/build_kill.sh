#!/usr/bin/env bash
# build_kill.sh - a build killed with SIGKILL in the middle leaves no partial
# file: every output is a complete JSON file (old or new), no temporary file
# sits next to the outputs; the next build finishes and cleans up.
# usage: bash build_kill.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
. "$(dirname "$0")/lib/prologue.sh" "$@"
export SOURCE_DATE_EPOCH=1795132800
python3 "$SRC/tests/tools/make_customers.py" "$SRC/content" content 3000 || die "cannot make the test content"
# The PDFs go through the same writer; costs keep this test quick.
rm -f content/playbooks/*.md

check_outputs() { # every output parses; nothing half-written around
	local left
	left=$(find out -path out/.salesgen -prune -o -name '*.tmp*' -print | head -3)
	[ -z "$left" ] || fail "$1: temporary files next to the outputs: $left"
	python3 - "$1" <<'PY' || fail "$1: an output does not parse"
import glob, json, sys
n = 0
for p in glob.glob("out/costs/*.json"):
    with open(p, encoding="utf-8") as f:
        json.load(f)
    n += 1
print("%s: %d complete outputs" % (sys.argv[1], n))
PY
}

# Kill the build (and its workers) once some outputs are there, several
# times at different moments, over a first build and over a rebuild.
for round in 1 2 3; do
	if [ $round -eq 3 ]; then
		# A rebuild of every customer over existing outputs.
		sed -i 's/<catalog/<!-- r3 -->\n<catalog/' content/catalog.xml
	fi
	setsid "$BIN" build --only costs --content content --out out --quiet --jobs 2 2>/dev/null &
	pid=$!
	for _ in $(seq 1 200); do
		n=$(find out/costs -name '*.json' -newer content/catalog.xml 2>/dev/null | wc -l)
		[ "$n" -gt $((round * 200)) ] && break
		sleep 0.02
	done
	kill -KILL -- -"$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	check_outputs "after kill $round"
done

"$BIN" build --only costs --content content --out out --quiet --report r.json 2>err.txt
rc=$?
[ $rc -eq 0 ] || fail "the build after the kills exits $rc: $(head -3 err.txt)"
check_outputs "after the final build"
[ "$(find out/costs -name '*.json' | wc -l)" -eq 3009 ] || fail "not every output is there"
[ -z "$(ls -A out/.salesgen/tmp 2>/dev/null)" ] || fail "the temporary folder was not emptied"
"$BIN" build --only costs --content content --out out --quiet --report r2.json 2>/dev/null
python3 -c "
import json
s=json.load(open('r2.json'))['summary']
assert s['built']==0 and s['unchanged']==3009, s
" || fail "the build after the recovery is not a no-op"

verdict

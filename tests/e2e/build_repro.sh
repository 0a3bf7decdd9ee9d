#!/usr/bin/env bash
# build_repro.sh - `salesgen build` gives the same bytes every time: two
# builds, --jobs 1 and --jobs 2, threads and processes; and shards 1/3, 2/3
# and 3/3 together build exactly the full build, with no output built twice,
# into one shared folder or three merged ones.
# usage: bash build_repro.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
. "$(dirname "$0")/lib/prologue.sh" "$@"
export SOURCE_DATE_EPOCH=1795132800

python3 "$SRC/tests/tools/make_customers.py" "$SRC/content" content 60 || die "cannot make the test content"

build() { # build OUT [ARGS...]
	local out=$1
	shift
	"$BIN" build --content content --out "$out" --quiet "$@" 2>"$out.err"
}

# same OUT_A OUT_B: every file the same, except the stat cache.
same() {
	diff -r --exclude=cache --exclude='cache-*' --exclude='tmp*' "$1" "$2" >"$WORK/diff.txt" ||
		fail "$1 and $2 differ: $(head -5 "$WORK/diff.txt")"
}

build a || fail "build a exited $?: $(cat a.err)"
build b || fail "build b exited $?: $(cat b.err)"
same a b
build j1 --jobs 1 || fail "--jobs 1 exited $?"
build j2 --jobs 2 || fail "--jobs 2 exited $?"
same j1 j2
same a j1
build th --jobs 2 --workers threads || fail "--workers threads exited $?"
same a th
[ "$(find a/costs -name '*.json' | wc -l)" -eq 69 ] || fail "expected 69 cost outputs"
[ -s a/site/index.html ] || fail "no site"

# ---------------------------------------------------------------- shards
# One shared folder, shards one after another: each builds its own share;
# none removes or rewrites another's.
for k in 1 2 3; do
	build shared --shard $k/3 --report "r$k.json" || fail "shard $k/3 exited $?: $(cat shared.err)"
done
python3 - r1.json r2.json r3.json <<'PY' || fail "shards do not partition the outputs"
import json, sys
seen = {}
for f in sys.argv[1:]:
    for o in json.load(open(f))["outputs"]:
        if o["status"] in ("built", "unchanged"):
            assert o["path"] not in seen, "%s built by %s and %s" % (o["path"], seen[o["path"]], f)
            seen[o["path"]] = f
        assert o["status"] != "removed", o
paths = set(o["path"] for o in json.load(open(sys.argv[1]))["outputs"])
assert set(seen) == paths, paths - set(seen)
PY
same_outputs() { # the outputs only (manifests differ by design)
	diff -r --exclude=.salesgen "$1" "$2" >"$WORK/diff.txt" ||
		fail "$1 and $2 differ: $(head -5 "$WORK/diff.txt")"
}
same_outputs a shared
[ -f shared/.salesgen/manifest-2-of-3 ] || fail "no manifest for shard 2/3"
# Again: nothing to do for any shard.
for k in 1 2 3; do
	build shared --shard $k/3 --report "again$k.json" || fail "shard $k/3 again exited $?"
	python3 -c "
import json,sys
s=json.load(open('again$k.json'))['summary']
assert s['built']==0, s
assert s['removed']==0 and s['failed']==0, s
" || fail "shard $k/3 rebuilt or removed something"
done

# Three folders at once (as on three CI machines), merged afterwards.
for k in 1 2 3; do
	build "s$k" --shard $k/3 &
done
wait
mkdir merged
for k in 1 2 3; do
	(cd "s$k" && find . -path ./.salesgen -prune -o -type f -print) | sort >"files$k"
	cp -r "s$k"/. merged/
done
dups=$(sort files1 files2 files3 | uniq -d | head -3)
[ -z "$dups" ] || fail "outputs in two shards: $dups"
same_outputs a merged

verdict

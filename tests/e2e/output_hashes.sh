#!/usr/bin/env bash
# output_hashes.sh - `salesgen build` of the sample content gives the same
# bytes as the list in tests/data/output-hashes.txt says: a change of code
# that should not change any output (a refactoring) is proved to change none,
# and one that should says which outputs it changed.
#
# The list holds a SHA-256 per output (everything under the output folder but
# salesgen's own records in .salesgen/). When outputs change on purpose, make
# the list again and commit it with the change that made them:
#     bash tests/e2e/output_hashes.sh build/salesgen . /tmp/oh --update
# usage: bash output_hashes.sh SALESGEN_BINARY SOURCE_DIR WORKDIR [--update]
. "$(dirname "$0")/lib/prologue.sh" "$@"
LIST=$SRC/tests/data/output-hashes.txt
export SOURCE_DATE_EPOCH=1795132800

"$BIN" build --content "$SRC/content" --out out --quiet --jobs 2 2>build.err
rc=$?
[ $rc -eq 0 ] || fail "the build exited $rc: $(head -c 600 build.err)"
(cd out && find . -path ./.salesgen -prune -o -type f -print | sed 's|^\./||' | LC_ALL=C sort |
	while IFS= read -r f; do printf '%s  %s\n' "$(sha256sum "$f" | cut -c1-64)" "$f"; done) >now.txt

if [ "${4:-}" = --update ]; then
	cp now.txt "$LIST"
	echo "output_hashes.sh: wrote $(wc -l <now.txt) hashes to $LIST"
	exit 0
fi

# Every output: changed, new, or gone.
python3 - "$LIST" now.txt <<'PY' || failures=$((failures + 1))
import sys
def read(p):
    return dict((l[66:].rstrip("\n"), l[:64]) for l in open(p, encoding="utf-8") if l.strip())
want, got = read(sys.argv[1]), read(sys.argv[2])
bad = 0
for f in sorted(set(want) | set(got)):
    if f not in got:
        print("FAIL: %s is no longer built" % f); bad += 1
    elif f not in want:
        print("FAIL: %s is new (not in the list)" % f); bad += 1
    elif want[f] != got[f]:
        print("FAIL: %s changed" % f); bad += 1
if bad:
    print("%d of %d outputs differ from tests/data/output-hashes.txt (if on purpose, run this "
          "script with --update and commit the list)" % (bad, len(set(want) | set(got))))
sys.exit(1 if bad else 0)
PY

verdict "$(wc -l <now.txt) outputs as listed"

#!/usr/bin/env bash
# runner.sh - every unit test program takes the runner's command line
# (tests/unit/support.c, sg_test_run): --list prints its case names and runs
# nothing, -f NAME selects that case alone, and a pattern that matches no case
# exits 2. A program whose main still calls cmocka_run_group_tests() ignores
# its arguments and fails here.
# usage: bash runner.sh DIR   (DIR holds the built test_* programs)
set -u
dir=$1
failures=0
fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}
n=0
for t in "$dir"/test_*; do
	[ -f "$t" ] && [ -x "$t" ] || continue
	name=$(basename "$t")
	n=$((n + 1))
	names=$("$t" --list 2>&1)
	rc=$?
	if [ $rc -ne 0 ] || [ -z "$names" ] || grep -q '^\[' <<<"$names"; then
		fail "$name --list: exit $rc, $(head -3 <<<"$names")"
		continue
	fi
	first=$(head -1 <<<"$names")
	got=$("$t" --list -f "$first" 2>&1)
	[ "$got" = "$first" ] || fail "$name --list -f $first: $(head -3 <<<"$got")"
	"$t" -f 'no such case' >/dev/null 2>&1
	rc=$?
	[ $rc -eq 2 ] || fail "$name -f 'no such case' exits $rc, not 2"
done
[ $n -gt 0 ] || fail "no test_* program in $dir"
if [ $failures -ne 0 ]; then
	echo "runner.sh: $failures failures"
	exit 1
fi
echo "runner.sh: ok ($n programs)"

#!/usr/bin/env bash
# evaluate_once.sh - a build evaluates each customer once: its cost model is
# computed once, whatever reads it (the cost JSON, the proposal, a proposal
# kept as sent, the review, the pipeline report, the account page, the site's
# pipeline page). Before, a build of the sample computed it nine times per
# customer.
#
# `build --verbose` says how many customers it evaluated and how many cost
# models it computed, and --report writes both into the summary. With
# --workers threads every output is made in the build's own process, so its
# count is the whole truth; with processes the workers inherit the
# evaluations and the count is the same.
# usage: bash evaluate_once.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
set -- "$(realpath "$1")" "$(realpath "$2")" "${@:3}"
. "$(dirname "$0")/lib/prologue.sh" "$@"
export SOURCE_DATE_EPOCH=1795132800

# counts REPORT N: the report's evaluations and cost_models are both N.
counts() {
	python3 - "$1" "$2" <<'PY' || fail "$1: $(head -c 300 "$1")"
import json, sys
s = json.load(open(sys.argv[1]))["summary"]
n = int(sys.argv[2])
if s.get("evaluations") != n or s.get("cost_models") != n:
    print("evaluations %s, cost_models %s, customers %d" % (s.get("evaluations"), s.get("cost_models"), n))
    sys.exit(1)
PY
}

# build LABEL CONTENT N ARGS...: a verbose build whose last line and report
# count N customers, each evaluated once.
build() {
	local label=$1 content=$2 n=$3
	shift 3
	"$BIN" build --content "$content" --verbose --report "$label.json" "$@" 2>"$label.err"
	local want="salesgen build: $n customers evaluated once each ($n cost models)"
	[ "$(tail -1 "$label.err")" = "$want" ] ||
		fail "$label: the last line is not '$want': $(tail -2 "$label.err")"
	counts "$label.json" "$n"
}

n=$(ls "$SRC/content/customers"/*.xml | wc -l)
[ "$n" -ge 8 ] || fail "the sample has $n customers"
# Every output of the sample: costs, proposals (one kept as sent), reviews,
# the pipeline, the site's account and pipeline pages.
build threads "$SRC/content" "$n" --out out-threads --jobs 2 --workers threads
grep -q 'built .*proposals/huayue-securities.pdf' threads.err ||
	fail "the sent proposal was not made again (nothing to count)"
build processes "$SRC/content" "$n" --out out-processes --jobs 2 --workers processes
# Nothing to do: the customers are evaluated all the same, once.
build again "$SRC/content" "$n" --out out-threads --jobs 2 --workers threads
grep -q '0 built' again.err || fail "the second build built something: $(tail -3 again.err)"
build costs "$SRC/content" "$n" --out out-costs --only costs --workers threads

# A customer whose cost model cannot be computed is evaluated once too, and
# each of its outputs reports the one error, as before.
cp -r "$SRC/content" content
sed -i 's/ users="1000"/ users="900000000000"/' content/customers/hengtong-logistics.xml
grep -q 'users="900000000000"' content/customers/hengtong-logistics.xml || fail "no edit"
"$BIN" build --content content --out out-bad --jobs 2 --workers threads --verbose \
	--report bad.json 2>bad.err
[ "$(tail -1 bad.err)" = "salesgen build: $n customers evaluated once each ($n cost models)" ] ||
	fail "bad: $(tail -2 bad.err)"
counts bad.json "$n"
grep -q '^content/customers/hengtong-logistics.xml:[0-9]*:[0-9]*: error: cannot compute the cost model' bad.err ||
	fail "the cost error is not reported: $(grep error bad.err | head -3)"

if [ $failures -ne 0 ]; then
	echo "evaluate_once.sh: $failures failures"
	exit 1
fi
echo "evaluate_once.sh: ok ($n customers, each evaluated once per build)"

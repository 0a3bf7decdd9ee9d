#!/usr/bin/env bash
# valgrind.sh - a full build of the sample content under valgrind's memcheck
# reports no memory error and no definite leak: proposals, reports,
# playbooks, the site and the costs, in every kind of worker (one forked
# worker, the default number of forked workers, threads), then an
# incremental rebuild that rebuilds, removes and skips outputs, and the
# one-document commands (check, cost, proposal, pdf). About 40 s.
#
# Every process valgrind sees writes its own log (the forked workers too), and
# each log must end with "ERROR SUMMARY: 0 errors": a definite leak counts as
# an error (--errors-for-leak-kinds=definite). Still-reachable memory is not an
# error. tests/valgrind.supp holds the one suppression (fontconfig's own
# configuration, which memcheck cannot see is still held).
#
# Skipped (77) for a sanitizer build: valgrind cannot run an ASan binary.
# usage: bash valgrind.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
if grep -qaE '__(asan|tsan|msan)_init' "$1"; then
	echo "valgrind.sh: $1 is a sanitizer build, which valgrind cannot run: skipped"
	exit 77
fi
if ! command -v valgrind >/dev/null; then
	# ./build.sh test installs it, so CI never gets here.
	echo "valgrind.sh: valgrind is not installed (apt-get install valgrind)"
	[ "${CI:-}" = true ] && exit 1
	exit 77
fi
. "$(dirname "$0")/lib/prologue.sh" "$@"
cp -r "$SRC/content" content
cp -r "$SRC/themes" themes
export SOURCE_DATE_EPOCH=1795132800
# No time budget: memcheck makes every output tens of times slower, and
# the default budget (20 s an output) would turn a slow machine into a
# failure. The memory budget still makes the workers processes.
NOTIME=(--budget-time 0)

# vg NAME ARGS...: run salesgen under memcheck; logs in logs/NAME.PID.log.
# Returns salesgen's exit status (99: valgrind found an error in the parent).
vg() {
	local name=$1
	shift
	mkdir -p logs
	local t0=$SECONDS
	valgrind --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99 \
		--trace-children=yes --num-callers=40 --suppressions="$SRC/tests/valgrind.supp" \
		--log-file="logs/$name.%p.log" "$BIN" "$@" >"logs/$name.out" 2>"logs/$name.err"
	local rc=$?
	echo "$name: exit $rc, $((SECONDS - t0)) s, $(find logs -name "$name.*.log" | wc -l) processes"
	return $rc
}

# checked NAME MIN: at least MIN processes were checked, and none had an error.
checked() {
	local name=$1 min=$2 n=0 log
	for log in logs/"$name".*.log; do
		[ -e "$log" ] || continue
		n=$((n + 1))
		if ! grep -q 'ERROR SUMMARY: 0 errors' "$log"; then
			fail "$name: valgrind found errors in $log:"
			sed '1,/^==[0-9]*== $/d' "$log" | head -60 # the report, not the banner
		fi
	done
	[ $n -ge "$min" ] || fail "$name: $n valgrind logs, expected at least $min (were the workers traced?)"
}

# outputs OUT: every kind of output was built.
outputs() {
	local out=$1 f
	for f in costs/hengtong-logistics.json proposals/hengtong-logistics.pdf \
		proposals/jinxiu-apparel.pdf reports/review-hengtong-logistics.pdf \
		reports/pipeline.pdf playbooks/decision-chain.pdf site/index.html \
		site/playbooks/decision-chain.html; do
		[ -s "$out/$f" ] || fail "$out/$f was not built"
	done
	local n
	n=$(find "$out" -name '*.pdf' | wc -l)
	[ "$n" -ge 20 ] || fail "$out holds $n PDFs, expected at least 20"
}

# 1. One forked worker: the parent and the worker are both checked.
vg jobs1 build --content content --out out1 --clean --jobs 1 --quiet "${NOTIME[@]}" ||
	fail "build --jobs 1 exits $?: $(head -c 600 logs/jobs1.err)"
checked jobs1 2
outputs out1

# 2. The default: one forked worker per core.
vg default build --content content --out out2 --clean --quiet "${NOTIME[@]}" ||
	fail "build exits $?: $(head -c 600 logs/default.err)"
checked default 2
outputs out2

# 3. Threads: everything in one process, which frees its fonts at the end.
# One customer's outputs (cost, proposal, review, account page) are enough
# here, to keep the test's time down.
vg threads build --content content --out out3 --clean --workers threads --jobs 2 \
	--customer hengtong-logistics --quiet ||
	fail "build --workers threads exits $?: $(head -c 600 logs/threads.err)"
checked threads 1
for f in costs/hengtong-logistics.json proposals/hengtong-logistics.pdf \
	reports/review-hengtong-logistics.pdf site/accounts/hengtong-logistics.html; do
	[ -s "out3/$f" ] || fail "out3/$f was not built"
done

# 4. Incremental: one customer edited (its documents and the pipeline are
# rebuilt), one playbook gone (its outputs are removed), the rest unchanged.
sed -i 's|<employees>1300</employees>|<employees>1400</employees>|' \
	content/customers/hengtong-logistics.xml
rm content/playbooks/self-hosted-segment.md
vg incremental build --content content --out out1 --jobs 1 "${NOTIME[@]}" ||
	fail "incremental build exits $?: $(head -c 600 logs/incremental.err)"
checked incremental 2
grep -qE '[1-9][0-9]* built, [1-9][0-9]* unchanged, 0 failed, [1-9][0-9]* removed' logs/incremental.err ||
	fail "the incremental build did not rebuild, keep and remove: $(tail -1 logs/incremental.err)"
[ ! -e out1/playbooks/self-hosted-segment.pdf ] || fail "a removed playbook's PDF was kept"

# 5. The one-document commands.
vg check check --content content || fail "check exits $?: $(head -c 600 logs/check.out)"
checked check 1
vg cost cost --json content/customers/hengtong-logistics.xml || fail "cost exits $?"
checked cost 1
vg proposal proposal content/customers/huajun-auto.xml -o proposal.pdf ||
	fail "proposal exits $?: $(head -c 600 logs/proposal.err)"
checked proposal 1
vg pdf pdf content/playbooks/decision-chain.md -o playbook.pdf ||
	fail "pdf exits $?: $(head -c 600 logs/pdf.err)"
checked pdf 1
for f in proposal.pdf playbook.pdf; do
	[ -s "$f" ] || fail "$f was not written"
done

verdict

#!/usr/bin/env bash
# tests/fuzz/run.sh SECONDS [TARGET...]
#
# Builds the libFuzzer targets with clang (-fsanitize=fuzzer,address,undefined)
# into build-fuzz/ and runs each target (all of them by default: customer,
# catalog, frontmatter, mustache, markdown, cost, image, layout, cff) for
# SECONDS, one after the other, starting from its seeds: the hand-made ones in
# tests/fuzz/corpus/NAME/ and seeds made here from content/ and tests/data/.
# The corpus each run grows is kept in build-fuzz/fuzz/corpus/NAME/ for the
# next run.
#
# Prints one line per target (executions, new crash files); exits 1 when any
# target crashed, leaked or timed out, with the input saved in
# build-fuzz/fuzz/crashes/NAME/. Needs clang and its fuzzer runtime (Debian 12:
# clang libclang-rt-14-dev); installs nothing.
#
# Environment: SG_FUZZ_BUILD (build folder, default build-fuzz), SG_FUZZ_ARGS
# (more libFuzzer flags for every target), SG_FUZZ_NICE (default 10).
set -euo pipefail

usage() {
	echo "usage: tests/fuzz/run.sh SECONDS [TARGET...]" >&2
	exit 2
}
[[ $# -ge 1 && $1 =~ ^[0-9]+$ && $1 -gt 0 ]] || usage
seconds=$1
shift

src=$(cd "$(dirname "$0")/../.." && pwd)
build=${SG_FUZZ_BUILD:-$src/build-fuzz}
work=$build/fuzz
all=(customer catalog frontmatter mustache markdown cost image layout cff)
targets=("$@")
((${#targets[@]})) || targets=("${all[@]}")
for t in "${targets[@]}"; do
	[[ " ${all[*]} " == *" $t "* ]] || {
		echo "run.sh: no fuzz target '$t' (targets: ${all[*]})" >&2
		exit 2
	}
done

# Per-target libFuzzer flags. Markdown is bounded: cmark-gfm has inputs whose
# parse time grows faster than their length (see README.md).
declare -A max_len=([customer]=16384 [catalog]=16384 [frontmatter]=8192
	[mustache]=8192 [markdown]=16384 [cost]=1024 [image]=32768 [layout]=16384
	[cff]=65536)

# ------------------------------------------------------------------- build
command -v clang >/dev/null || {
	echo "run.sh: clang is missing (Debian: apt-get install clang libclang-rt-14-dev)" >&2
	exit 1
}
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n)\n{ (void)d; (void)n; return 0; }\n' \
	>"$probe/p.c"
clang -fsanitize=fuzzer,address,undefined "$probe/p.c" -o "$probe/p" 2>/dev/null || {
	echo "run.sh: clang cannot link a libFuzzer target (Debian: apt-get install libclang-rt-14-dev)" >&2
	exit 1
}

CC=clang cmake -S "$src" -B "$build" -DSG_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug \
	-DCMAKE_C_FLAGS_DEBUG="-g -O1" >/dev/null
cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" \
	--target $(printf 'fuzz_%s ' "${targets[@]}") >/dev/null

# ------------------------------------------------------------------- seeds
# Seeds are made fresh each run from the sources, so they follow content/.
seeds=$work/seeds
rm -rf "$seeds"
for t in "${all[@]}"; do mkdir -p "$seeds/$t" "$work/corpus/$t" "$work/crashes/$t"; done

# Customers are read as customers/x.xml, so their id becomes x.
for f in "$src"/content/customers/*.xml; do
	[[ -e $f ]] || continue
	sed 's/<customer id="[^"]*"/<customer id="x"/' "$f" >"$seeds/customer/$(basename "$f")"
done
for f in "$src"/content/catalog.xml "$src"/content/site.xml "$src"/content/products/*.xml; do
	[[ -e $f ]] && cp "$f" "$seeds/catalog/"
done
n=0
while IFS= read -r -d '' f; do
	n=$((n + 1))
	cp "$f" "$seeds/frontmatter/$n.md"
	cp "$f" "$seeds/markdown/$n.md"
	cp "$f" "$seeds/layout/$n.md"
done < <(find "$src/content" "$src/tests/data/markdown" "$src/tests/data/pdf" -name '*.md' -print0 2>/dev/null)
# The images of the sample content.
for f in "$src"/content/images/*.png "$src"/content/images/*.jpg; do
	[[ -e $f ]] && cp "$f" "$seeds/image/"
done
# The cases of the Mustache tests: the template and its partials, in the
# input format of fuzz_mustache.c; and the default theme's templates.
for f in "$src"/tests/data/mustache/*.txt; do
	[[ -e $f ]] || continue
	awk -v out="$seeds/mustache/$(basename "$f" .txt)" '
		/^=== / { if (file != "") close(file); file = ""; n++; keep = 0; next }
		/^--- template$/ { keep = 1; file = out "-" n; printf "" > file; next }
		/^--- partial / && file != "" { keep = 1; print "--- partial " $3 >> file; next }
		/^--- / { keep = 0; next }
		keep && file != "" { print >> file }
	' "$f"
done
n=0
while IFS= read -r -d '' f; do
	n=$((n + 1))
	cp "$f" "$seeds/mustache/theme-$n.html"
done < <(find "$src/themes" -name '*.html' -print0 2>/dev/null)

# ------------------------------------------------------------------- run
# fontconfig keeps a few hundred bytes after exit (fuzz_layout, fuzz_image):
# suppressed by name, as in the sanitizer build's tests.
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$src/tests/lsan.supp:print_suppressions=0}
status=0
printf '%-12s %8s %12s %8s\n' target seconds executions crashes
for t in "${targets[@]}"; do
	crashes=$work/crashes/$t
	before=$(find "$crashes" -type f | wc -l)
	log=$work/$t.log
	rc=0
	# One fuzzer at a time, one process, at low priority: the machine is
	# shared with compilers.
	nice -n "${SG_FUZZ_NICE:-10}" "$build/tests/fuzz/fuzz_$t" \
		-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
		-max_len="${max_len[$t]}" -print_final_stats=1 \
		-artifact_prefix="$crashes/" ${SG_FUZZ_ARGS:-} \
		"$work/corpus/$t" "$seeds/$t" "$src/tests/fuzz/corpus/$t" >"$log" 2>&1 || rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	after=$(find "$crashes" -type f | wc -l)
	printf '%-12s %8s %12s %8s\n' "$t" "$seconds" "${execs:-?}" "$((after - before))"
	if ((rc != 0 || after > before)); then
		status=1
		echo "  $t failed (exit $rc): see $log and $crashes/" >&2
		grep -m3 -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' "$log" | sed 's/^/  /' >&2 || true
	fi
done
exit $status

# prologue.sh - the common start of an end-to-end test, sourced as
#     . "$(dirname "$0")/lib/prologue.sh" "$@"
# with the test's arguments SALESGEN_BINARY SOURCE_DIR WORKDIR (a test may
# take more; they stay in "$@" for it). It sets
#   BIN, SRC   the binary and the source tree, as absolute paths
#   WORK       the work folder, emptied, entered, and made absolute
#   NAME       the script's file name, for messages
# and defines
#   fail MESSAGE     a failed check: printed (after $PART, the part of the
#                    test under way, when the test sets it) and counted in
#                    $failures; the test goes on
#   die MESSAGE      a failure after which nothing more can be checked: the
#                    test ends at once, with its verdict
#   skip MESSAGE     ends the test as skipped (exit 77: a tool it needs is
#                    missing), unless it has already failed
#   need TOOL...     skips the test unless every TOOL is installed
#   sanitizer_check [FILE...]
#                    fails for every new sanitizer report: the ones
#                    AddressSanitizer and LeakSanitizer wrote under $WORK, and
#                    any in FILEs (a program's captured standard error, where
#                    UndefinedBehaviorSanitizer prints)
#   verdict [DETAIL] the end of every test: checks for sanitizer reports,
#                    then prints "NAME: N failures" and exits 1, or
#                    "NAME: ok (DETAIL)" and exits 0
# A check that guards against a hang wraps the command in `timeout`; a
# timeout is reported as a hang, never as slowness (no test asserts how long
# anything took).
set -u
NAME=$(basename "$0")
if [ $# -lt 3 ]; then
	echo "usage: bash $NAME SALESGEN_BINARY SOURCE_DIR WORKDIR" >&2
	exit 2
fi
BIN=$(realpath -m -- "$1")
SRC=$(realpath -m -- "$2")
WORK=$3
rm -rf "$WORK"
mkdir -p "$WORK" || { echo "$NAME: cannot create $WORK" >&2; exit 1; }
cd "$WORK" || exit 1
WORK=$(pwd -P)

# In a sanitizer build: AddressSanitizer and LeakSanitizer write each report
# to $WORK/sanitizer.PID, where sanitizer_check finds it whatever the test
# did with the program's standard error (forked workers included).
# UndefinedBehaviorSanitizer prints to standard error only; both exit 86, a
# status salesgen never uses, so a check of the exit status sees them too.
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$WORK/sanitizer:exitcode=86
export UBSAN_OPTIONS=${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}print_stacktrace=1:exitcode=86

failures=0
PART=
fail() {
	echo "FAIL: ${PART:+$PART: }$*"
	failures=$((failures + 1))
}

skip() {
	sanitizer_check
	[ "$failures" -eq 0 ] || verdict
	echo "$NAME: skipped: $*"
	exit 77
}

need() {
	local tool
	for tool in "$@"; do
		command -v "$tool" >/dev/null || skip "$tool is not installed"
	done
}

sanitizer_check() {
	local f
	for f in "$WORK"/sanitizer.*; do
		[ -f "$f" ] || continue
		fail "sanitizer report ($(basename "$f")):"
		head -40 "$f"
		mkdir -p "$WORK/sanitizer-seen" && mv "$f" "$WORK/sanitizer-seen/"
	done
	for f in "$@"; do
		[ -f "$f" ] || continue
		if grep -qE 'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:' "$f"; then
			fail "sanitizer report in $f: $(grep -m3 -E 'Sanitizer|runtime error:' "$f")"
		fi
	done
}

verdict() {
	sanitizer_check
	if [ "$failures" -ne 0 ]; then
		echo "$NAME: $failures failure$([ "$failures" -eq 1 ] || echo s)"
		exit 1
	fi
	echo "$NAME: ok${1:+ ($*)}"
	exit 0
}

die() {
	fail "$@"
	verdict
}

# prologue.sh - the common start of an end-to-end test, sourced as
#     . "$(dirname "$0")/lib/prologue.sh" "$@"
# with the test's arguments SALESGEN_BINARY SOURCE_DIR WORKDIR. Sets BIN, SRC
# and WORK, empties WORK and enters it, and defines fail(), which reports a
# failed check and counts it in $failures (the test ends with a verdict on it).
set -u
BIN=$1
SRC=$2
WORK=$3
rm -rf "$WORK"
mkdir -p "$WORK"
cd "$WORK" || exit 1
failures=0
fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

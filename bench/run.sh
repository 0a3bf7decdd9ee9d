#!/bin/bash
# bench/run.sh - the batch-build benchmark (issues 6 and 17): full build, no-change
# rebuild, one edit, --jobs 1 against --jobs 2 and peak memory, at 1,000 and
# 10,000 customers, with the targets met or missed. See bench/build/run.sh
# and bench/README.md ("Batch builds"); the PDF, proposal and site benchmarks
# have their own run.sh under bench/pdf, bench/proposals and bench/site.
#
# usage: bench/run.sh [BUILD_DIR] [SIZES]      (defaults: build, "1000 10000")
exec "$(dirname "$0")/build/run.sh" "$@"

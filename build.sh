#!/usr/bin/env bash
# salesgen's two commands:
#   ./build.sh        install what is missing, build, and generate every output
#                     from content/ into output/
#   ./build.sh test   install what is missing, build, and run the whole test suite
# SANITIZE=1 builds with AddressSanitizer and UndefinedBehaviorSanitizer (into
# build-asan/). Run as root on Debian 12, or as a user who already has the packages.
set -euo pipefail
cd "$(dirname "$0")"

mode=${1:-build}
case $mode in
build | test) ;;
*)
	echo "usage: ./build.sh [test]" >&2
	exit 2
	;;
esac

# The program's libraries and fonts, then the tools the tests inspect outputs with.
packages=(
	build-essential cmake pkg-config
	libxml2-dev libxml2-utils libyaml-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
	libharfbuzz-dev libunibreak-dev libfontconfig-dev libpng-dev libjpeg-dev
	libcmocka-dev
	# salesgen diff reads revisions of the content with libgit2.
	libgit2-dev
	# salesgen serve's HTTP server.
	libmicrohttpd-dev
	# SHA-256 from OpenSSL's libcrypto; the shared build cache (--cache) speaks
	# HTTP through libcurl.
	libssl-dev libcurl4-openssl-dev
	fonts-wqy-microhei fonts-dejavu-core fontconfig
	# English hyphenation: the library and its patterns, read at run time.
	libhyphen-dev hyphen-en-us
	# The site's search by pinyin initials: a table made at build time from
	# the Unihan readings (kMandarin) of unicode-data; bzip2 unpacks them.
	unicode-data bzip2
)
# The PDF writer compresses with zlib itself (render/pdf/pdf_file.c). The
# default theme's faces: Noto Serif/Sans CJK SC (CFF, regular and bold) and
# LXGW WenKai for Chinese emphasis; HanaMinA/B, in the fallback chain, cover
# CJK Extension B.
# PDF signatures: CMS from OpenSSL's libcrypto (render/pdf/pdf_sign.c); the
# tests make their keys with the openssl tool.
packages+=(libssl-dev openssl)
packages+=(zlib1g-dev fonts-noto-cjk fonts-lxgw-wenkai fonts-hanazono)
if [[ $mode == test ]]; then
	packages+=(poppler-utils qpdf python3)
	# e2e/pdf_cff_subset.sh reads the CFF subsets back with fontTools.
	packages+=(python3-fonttools)
	# mutool: bad_input.sh reads each character's box from the PDFs (nothing
	# off the page, nothing overprinted).
	packages+=(mupdf-tools)
	# tests/e2e/valgrind.sh: a full build under memcheck, no error or definite
	# leak; strace: safety.sh and bad_input.sh see every file salesgen writes.
	packages+=(valgrind strace)
	# The site tests: Chromium (driven headless, never downloaded) and node for
	# html-validate and puppeteer-core. npm ships inside some nodejs builds.
	packages+=(chromium nodejs)
	# e2e/serve.sh fetches from salesgen serve.
	packages+=(curl)
	# e2e/remote_cache.sh: nginx with WebDAV PUT as the shared build cache.
	packages+=(nginx)
	command -v npm >/dev/null || packages+=(npm)
	# e2e/cli_table.sh checks that `salesgen completion zsh` is valid zsh.
	packages+=(zsh)
fi

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
	echo "build.sh: installing ${missing[*]}"
	if [[ $(id -u) -ne 0 ]]; then
		echo "build.sh: run as root to install packages, or install them yourself" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

builddir=build
cmake_args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
if [[ ${SANITIZE:-0} == 1 ]]; then
	builddir=build-asan
	cmake_args=(-DCMAKE_BUILD_TYPE=Debug -DSG_SANITIZE=ON)
fi

jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B "$builddir" "${cmake_args[@]}" >/dev/null
cmake --build "$builddir" -j "$jobs"

if [[ $mode == test ]]; then
	# Test-only npm tools (tests/package.json); puppeteer-core drives the
	# system Chromium, so no browser is downloaded.
	if [[ ! -d tests/node_modules ]]; then
		PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefix tests --no-audit --no-fund
	fi
	cd "$builddir"
	ctest --output-on-failure -j "$jobs"
else
	rc=0
	"$builddir/salesgen" build --content content --out output || rc=$?
	echo "build.sh: the program is $builddir/salesgen; to run it as \`salesgen\`, install it" \
		"with \`cmake --install $builddir --prefix ~/.local\` (and have ~/.local/bin on the" \
		"PATH) or add $(pwd)/$builddir to the PATH" >&2
	exit $rc
fi

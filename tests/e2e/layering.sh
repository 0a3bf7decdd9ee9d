#!/usr/bin/env bash
# layering.sh - includes point down the pipeline only, and the compiler says so.
#
# Every stage of generator/ compiles against an include folder of its own
# (BUILD/include/STAGE, made by CMakeLists.txt) that holds only the headers
# it may use. This test tries, for every stage S and every other stage T, to
# compile a file in S's folder that includes a header of T: it must fail
# whenever T comes at or after S in the pipeline, and it must work for S's own
# headers. It also checks that no folder of generator/ is named build and that
# no two source files share a name, and two lines inside the stages:
#   - cmark-gfm is load/'s own: no file of generator/ outside load/ includes a
#     cmark header, load/markdown.h or load/cjk_emphasis.h (the parser's
#     cmark-facing headers); the rest of the program reads documents as the
#     tree of load/doctree.h, made by load/mdparse.h. (Tests and fuzz targets,
#     outside generator/, may look at cmark's tree.)
#   - the layout sees nothing of load/ but that tree: no Markdown parser and
#     no YAML loader (a theme's pdf.yaml is read by render/pdf).
# usage: bash layering.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
. "$(dirname "$0")/lib/prologue.sh" "$@"
FORESTS=$(dirname "$BIN")/include
[ -d "$FORESTS" ] || die "no include folders in $FORESTS"
CC=${CC:-cc}

# The pipeline, in order; stages of one rank do not see each other.
ranks=(base:0 load:1 model:2 cost:3 document:4 layout:5 diff:5 render/pdf:6 render/html:6 engine:7
	targets:8 serve:9 cli:10)
declare -A rank lib
for r in "${ranks[@]}"; do rank[${r%%:*}]=${r##*:}; done
for s in "${!rank[@]}"; do
	f=${s//\//_}
	case $s in render/pdf) lib[$s]=sg_pdf ;; render/html) lib[$s]=sg_html ;; *) lib[$s]=sg_$f ;; esac
done

# A header of each stage to include (the first in name order).
declare -A header
for s in "${!rank[@]}"; do
	h=$(cd "$SRC/generator" && ls "$s"/*.h 2>/dev/null | LC_ALL=C sort | head -1)
	[ -n "$h" ] || fail "stage $s has no header"
	header[$s]=$h
done

# compiles STAGE HEADER: 0 when a file of STAGE may include HEADER.
compiles() {
	printf '#include "%s"\n' "$2" >try.c
	"$CC" -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -fsyntax-only \
		-I "$FORESTS/${lib[$1]}" $(pkg-config --cflags libxml-2.0 libcmark-gfm harfbuzz \
		fontconfig 2>/dev/null) try.c 2>err.txt
}

for s in "${!rank[@]}"; do
	[ -d "$FORESTS/${lib[$s]}" ] || {
		fail "no include folder for stage $s (${lib[$s]})"
		continue
	}
	compiles "$s" "${header[$s]}" || fail "$s cannot include its own ${header[$s]}: $(head -3 err.txt)"
	for t in "${!rank[@]}"; do
		[ "$s" = "$t" ] && continue
		if ((rank[$t] >= rank[$s])); then
			if compiles "$s" "${header[$t]}"; then
				fail "$s can include ${header[$t]} of $t, which comes at or after it"
			elif ! grep -q 'No such file' err.txt; then
				fail "including ${header[$t]} from $s fails, but not for want of the file: $(head -2 err.txt)"
			fi
		fi
	done
done

# No folder of generator/ is named build (tools that skip build folders would
# skip our sources), and no two source files share a name.
[ -z "$(find "$SRC/generator" -type d -name build)" ] || fail "a folder of generator/ is named build"
dups=$(find "$SRC/generator" -name '*.[ch]' -printf '%f\n' | sort | uniq -d)
[ -z "$dups" ] || fail "source files that share a name: $dups"

# cmark-gfm stays in load/.
cmark=$(cd "$SRC/generator" && grep -rEn --include='*.[ch]' \
	'^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](cmark|load/markdown\.h|load/cjk_emphasis\.h)' . |
	grep -v '^\./load/')
[ -z "$cmark" ] || fail "files outside load/ that include cmark-gfm or load/'s cmark-facing headers: $cmark"
# The layout includes nothing of load/ but the document tree.
loads=$(cd "$SRC/generator" && grep -rEn --include='*.[ch]' \
	'^[[:space:]]*#[[:space:]]*include[[:space:]]*"load/' layout | grep -v '"load/doctree\.h"')
[ -z "$loads" ] || fail "the layout includes headers of load/ other than load/doctree.h: $loads"

verdict "${#rank[@]} stages"

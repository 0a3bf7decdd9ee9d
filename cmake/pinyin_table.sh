#!/bin/sh
# Writes, on stdout, the C table of the first letter of each Han
# character's Mandarin reading (render/html/site_pinyin.c reads it): the
# kMandarin field of Unihan_Readings.txt, as Debian's unicode-data ships it
# (compressed with bzip2). Run by CMake at build time; nothing is typed by
# hand and nothing is fetched.
#
# usage: pinyin_table.sh UNIHAN_READINGS(.bz2)
set -eu
src=$1
case $src in
*.bz2) reader="bzip2 -dc" ;;
*) reader=cat ;;
esac
$reader "$src" | LC_ALL=C awk '
function hex(s,   i, v, c) {
	v = 0
	for (i = 1; i <= length(s); i++) {
		c = index("0123456789ABCDEF", substr(s, i, 1)) - 1
		v = v * 16 + c
	}
	return v
}
# The letter a reading starts with: an ASCII letter, or a vowel with a tone
# mark (two bytes of UTF-8 in Latin-1 Supplement or Latin Extended).
function initial(r,   c) {
	c = substr(r, 1, 1)
	if (c ~ /[a-z]/)
		return c
	c = substr(r, 1, 2)
	if (c == "\303\240" || c == "\303\241" || c == "\304\201" || c == "\307\216") return "a"
	if (c == "\303\250" || c == "\303\251" || c == "\304\223" || c == "\304\233" || c == "\303\252") return "e"
	if (c == "\303\262" || c == "\303\263" || c == "\305\215" || c == "\307\222") return "o"
	if (c == "\305\204" || c == "\305\210" || c == "\307\271") return "n"
	if (c == "\341\270") return "m"
	return "-"
}
BEGIN { FS = "\t" }
$2 == "kMandarin" {
	cp = hex(substr($1, 3))
	split($3, w, " ")
	letter[cp] = initial(w[1])
}
function block(name, lo, hi,   cp, line, n) {
	printf "const char %s[%d] =\n", name, hi - lo + 2
	line = ""
	n = 0
	for (cp = lo; cp <= hi; cp++) {
		line = line ((cp in letter) ? letter[cp] : "-")
		if (++n == 64) {
			printf "\t\"%s\"\n", line
			line = ""
			n = 0
		}
	}
	if (n)
		printf "\t\"%s\"\n", line
	printf ";\n\n"
}
END {
	print "/* Made by cmake/pinyin_table.sh from Unihan_Readings.txt (kMandarin):"
	print " * the first letter of each character'"'"'s first Mandarin reading, \"-\" for"
	print " * none. Do not edit. */"
	print ""
	block("sg_pinyin_ext_a", 13312, 19903)   # U+3400..U+4DBF
	block("sg_pinyin_uro", 19968, 40959)     # U+4E00..U+9FFF
}'

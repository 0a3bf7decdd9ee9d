#!/usr/bin/env bash
# cli_table.sh - the command line has one source: the table of commands and
# options in generator/cli/ (cli/options.h). Everything else is made from it
# or checked against it:
#
# 1. docs/cli.md has a section "## salesgen NAME" for exactly the commands of
#    the table, each section names every option of its command, and the
#    usage block at the top of a section names no option its command lacks.
# 2. docs/salesgen.1 is what `salesgen __man` prints, and groff reads it
#    without a warning.
# 3. `salesgen completion bash` and `salesgen completion zsh` complete
#    commands, options, fixed lists, customer ids and themes of the content
#    folder and files (zsh: when it is installed, in a pseudo-terminal).
# 4. `cmake --install` puts the program, the manual page and both
#    completions under the prefix.
# usage: bash cli_table.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
set -- "$(realpath "$1")" "$(realpath "$2")" "${@:3}"
. "$(dirname "$0")/lib/prologue.sh" "$@"

# ---------------------------------------------------------------- docs/cli.md
PART=cli.md
{
	for c in $("$BIN" __complete commands); do
		printf 'command %s\n' "$c"
		"$BIN" __complete flags "$c" | sed "s/^/flag $c /"
	done
} >table.txt || fail "salesgen __complete failed"
grep -q '^flag build --only$' table.txt || fail "the table dump lacks build --only"

python3 - table.txt "$SRC/docs/cli.md" <<'PY' || failures=$((failures + 1))
import re, sys
flags, order = {}, []
for line in open(sys.argv[1]):
    w = line.split()
    if w[0] == "command":
        flags[w[1]] = set(); order.append(w[1])
    else:
        flags[w[1]].add(w[2])
doc = open(sys.argv[2], encoding="utf-8").read()
parts = re.split(r"^## salesgen (\S+)[^\n]*\n", doc, flags=re.M)
sections = dict(zip(parts[1::2], parts[2::2]))
bad = []
for c in sorted(set(flags) - set(sections)):
    bad.append(f"docs/cli.md has no section '## salesgen {c}'")
for c in sorted(set(sections) - set(flags)):
    bad.append(f"docs/cli.md has a section for '{c}', which is not a command")
for c, text in sections.items():
    if c not in flags:
        continue
    for f in sorted(flags[c]):
        if not re.search(r"(?<![\w-])" + re.escape(f) + r"(?![\w-])", text):
            bad.append(f"docs/cli.md's section on {c} does not name {f}")
    block = re.search(r"```\n(.*?)```", text, re.S)
    if not block:
        bad.append(f"docs/cli.md's section on {c} has no usage block")
        continue
    for f in sorted(set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", block.group(1))) - {"--help"}):
        if f not in flags[c]:
            bad.append(f"docs/cli.md's usage of {c} names {f}, which {c} does not take")
for b in bad:
    print("FAIL:", b)
sys.exit(1 if bad else 0)
PY

# ---------------------------------------------------------------- man page
PART=man
"$BIN" __man >salesgen.1 || fail "salesgen __man failed"
if ! cmp -s salesgen.1 "$SRC/docs/salesgen.1"; then
	fail "docs/salesgen.1 is not what 'salesgen __man' prints: run
	salesgen __man > docs/salesgen.1"
	diff "$SRC/docs/salesgen.1" salesgen.1 | head -20
fi
for c in $("$BIN" __complete commands); do
	grep -q "^\.SS salesgen $c\$" salesgen.1 || fail "the manual page has no section on $c"
done
grep -q 'playbooks' salesgen.1 || fail "the manual page does not name --only playbooks"
if command -v groff >/dev/null; then
	groff -man -ww -z salesgen.1 2>groff.err || fail "groff failed on the manual page"
	[ -s groff.err ] && fail "groff warns about the manual page: $(head -3 groff.err)"
fi

# ---------------------------------------------------------------- bash
PART=bash
mkdir -p content/customers proj
cp "$SRC/content/customers/hengtong-logistics.xml" "$SRC/content/customers/huajun-auto.xml" \
	content/customers/
touch proj/a.xml proj/b.md
"$BIN" completion bash >salesgen.bash || fail "salesgen completion bash failed"
bash -n salesgen.bash || fail "the bash completion is not valid bash"
# completes WORDS... (the last one is being typed) and prints the candidates
complete_bash() {
	bash -c 'source ./salesgen.bash
		COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		_salesgen; printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' \
		complete_bash "$BIN" "$@"
}
expect() {
	local want=$1 got
	shift
	got=$(complete_bash "$@")
	[ "$got" = "$want" ] || fail "completing '$*': '$got', not '$want'"
}
expect "build " b
expect "completion cost " co
expect "playbooks proposals " build --only p
expect "hengtong-logistics huajun-auto " build --customer h
expect "--workers " build --wo
expect "--output " pdf --outp
expect "customer " new cu
expect "bash zsh " completion ""
expect "threads " build --workers t
expect "proj/a.xml " cost proj/
expect "proj/b.md " pdf proj/

# ---------------------------------------------------------------- zsh
PART=zsh
"$BIN" completion zsh >_salesgen || fail "salesgen completion zsh failed"
head -1 _salesgen | grep -q '^#compdef salesgen$' || fail "_salesgen does not start with #compdef"
if command -v zsh >/dev/null; then
	zsh -n _salesgen || fail "the zsh completion is not valid zsh"
	# An interactive zsh in a pseudo-terminal with the completion loaded;
	# TAB after LINE, and the candidates compadd was given are printed.
	cat >complete.zsh <<'ZSH'
zmodload zsh/zpty
local out rest
zpty z zsh -f -i
zpty -w z "PS1='%% '; fpath=($PWD \$fpath); autoload -U compinit; compinit -u -D"
zpty -w z "path=(${BIN%/*} \$path)"
zpty -w z "compadd () { builtin compadd -O __m \"\$@\"; print -rl -- '<<' \$__m '>>'; builtin compadd \"\$@\"; }"
# zsh may drop keys typed while it is busy: wait for it to be ready
zpty -w z "print RE''ADY"
zpty -r z out '*READY*'
# TAB, and once the first candidates are out (an external command run while
# completing, such as salesgen __complete, can drop keys typed ahead), the
# line is killed and a command prints a mark (spelt apart, so that its
# echo does not match): TAB ends before the keys after it are read.
zpty -n -w z "$1"$'\t'
zpty -r z out '*>>*'
zpty -n -w z $'\C-u'"print X''END"$'\n'
zpty -r z rest '*XEND*'
out+=$rest
zpty -d z
print -r -- "${out//$'\r'/}" | sed -n '/<<$/,/^>>/p' | grep -v '<<$\|^>>' | sort -u | tr '\n' ' '
ZSH
	expect_zsh() {
		local want=$1 got
		got=$(BIN=$BIN timeout 30 zsh complete.zsh "$2" 2>&1)
		[ "$got" = "$want" ] || fail "zsh completing '$2': '$got', not '$want'"
	}
	mkdir -p themes/dark
	expect_zsh "build " "salesgen b"
	expect_zsh "playbooks proposals " "salesgen build --only p"
	expect_zsh "hengtong-logistics huajun-auto " "salesgen build --customer h"
	expect_zsh "dark " "salesgen build --theme da"
	expect_zsh "case customer playbook " "salesgen new "
	expect_zsh "--output " "salesgen pdf --outp"
else
	echo "$NAME: zsh is not installed: its completion's syntax is not checked"
fi

# ---------------------------------------------------------------- install
PART=install
builddir=$(dirname "$BIN")
if [ -f "$builddir/cmake_install.cmake" ] && command -v cmake >/dev/null; then
	cmake --install "$builddir" --prefix "$WORK/prefix" >install.log 2>&1 ||
		fail "cmake --install failed: $(tail -3 install.log)"
	for f in bin/salesgen share/man/man1/salesgen.1 \
		share/bash-completion/completions/salesgen share/zsh/site-functions/_salesgen; do
		[ -s "prefix/$f" ] || fail "cmake --install did not put $f in place"
	done
	"prefix/bin/salesgen" --version >/dev/null || fail "the installed salesgen does not run"
	cmp -s prefix/share/bash-completion/completions/salesgen salesgen.bash ||
		fail "the installed bash completion is not 'salesgen completion bash'"
	cmp -s prefix/share/man/man1/salesgen.1 salesgen.1 ||
		fail "the installed manual page is not 'salesgen __man'"
else
	echo "$NAME: $builddir is not a CMake build folder: cmake --install is not tried"
fi

verdict

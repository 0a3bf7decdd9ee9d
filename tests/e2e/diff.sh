#!/usr/bin/env bash
# diff.sh - `salesgen diff` on a throwaway git repository made from the
# sample content, one commit per kind of change:
#   c1 a discount raised past a tier: the approval line, exit 1 with
#      --fail-on approval
#   c2 a template sentence changed: that sentence, old and new, in every
#      proposal made from the template (found by `salesgen proposal
#      --markdown`, not by the diff), and a sent proposal that would now
#      differ shown with the same sentences against what was sent
#   c3 a catalog price changed: every customer whose figures it moves listed
#      old -> new, and no other
#   c4 a customer added and one removed, with their outputs
# then the working tree against HEAD, two folders (--from/--to), bad usage,
# the JSON of each diff checked against docs/diff.schema.json and the
# Markdown rendered by cmark-gfm (the program if installed, else
# tests/tools/md_render.c through SG_MD_RENDER). Nothing is checked out:
# the repository's status and HEAD stay as they were.
# usage: bash diff.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
. "$(dirname "$0")/lib/prologue.sh" "$@"
need git python3
export HOME=$WORK GIT_CONFIG_NOSYSTEM=1 NO_COLOR=1
# Each revision is written out under TMPDIR and removed afterwards.
export TMPDIR=$WORK/tmp
mkdir -p "$TMPDIR"
unset SOURCE_DATE_EPOCH
# git never looks above WORK for a repository: a command run outside the
# throwaway one must fail, not reach the repository the tests run in.
export GIT_CEILING_DIRECTORIES=$WORK
git_() { git -c user.name=test -c user.email=test@example.com -c init.defaultBranch=main "$@"; }

mkdir repo
cp -r "$SRC/content" repo/content
cd repo || die "no repo"
C=content/customers

# A proposal sent on 2026-11-21 that the content still makes byte for byte:
# jinheng-futures's, made as of that day, kept under sent/ and recorded.
SENT_ID=jinheng-futures SENT_NO=YM-2026-0036 SENT_DATE=2026-11-21
SOURCE_DATE_EPOCH=$(date -u -d "$SENT_DATE" +%s) "$BIN" proposal "$C/$SENT_ID.xml" \
	--content content -o "$WORK/sent.pdf" 2>"$WORK/sent.log" || die "proposal: $(cat "$WORK/sent.log")"
cp "$WORK/sent.pdf" "content/sent/$SENT_NO.pdf"
SHA=$(sha256sum "$WORK/sent.pdf" | cut -d' ' -f1)
python3 - "$C/$SENT_ID.xml" "$SENT_NO" "$SENT_DATE" "$SHA" <<'PY'
import sys
path, number, date, sha = sys.argv[1:]
s = open(path, encoding="utf-8").read()
rec = f'  <sent number="{number}" date="{date}" sha256="{sha}"/>\n'
i = s.index("</offer>") + len("</offer>\n")
open(path, "w", encoding="utf-8").write(s[:i] + rec + s[i:])
PY
git_ init -q . && git_ add -A && git_ commit -qm base || die "git init"

# diff NAME ARGS...: runs salesgen diff, its output in NAME.out, its
# status in $rc; every JSON diff is checked against the schema later.
diff_() {
	local name=$1
	shift
	"$BIN" diff "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"
	rc=$?
}
has() { grep -qF -- "$2" "$WORK/$1.out" || fail "$1: no line '$2' in: $(head -c 1500 "$WORK/$1.out")"; }
hasnt() { ! grep -qF -- "$2" "$WORK/$1.out" || fail "$1: '$2' should not be in it"; }

# ------------------------------------------------------------ c1 approval
PART="discount past a tier"
sed -i 's/users="1000" discount="0.85"/users="1000" discount="0.62"/' "$C/hengtong-logistics.xml"
git_ commit -qam "hengtong: 38 % off"
diff_ c1 HEAD~1 HEAD
[ "$rc" = 0 ] || fail "exit $rc without --fail-on ($(cat "$WORK/c1.err"))"
has c1 "HEAD~1 → HEAD: 1 of 9 customers changed, 1 lacking an approval"
has c1 "approval: discount 15 % → 38 %: now needs branch-manager; recorded: account-manager, branch-marketing-director (not covered: needs branch-manager)"
has c1 "offer, a year                            ¥102,000 → ¥74,400  (−¥27,600)"
diff_ c1fail HEAD~1 HEAD --fail-on approval
[ "$rc" = 1 ] || fail "exit $rc with --fail-on approval, not 1"
diff_ c1json HEAD~1 HEAD --format json --fail-on approval
[ "$rc" = 1 ] || fail "json: exit $rc with --fail-on approval, not 1"

PART="colour"
! grep -q $'\033' "$WORK/c1.out" || fail "colours written into a file"
if command -v script >/dev/null; then
	# script(1) gives the diff a terminal as its standard output.
	env -u NO_COLOR script -qec "'$BIN' diff HEAD~1 HEAD" /dev/null >"$WORK/tty.out"
	grep -qF $'\033[31m-' "$WORK/tty.out" || fail "no colours on a terminal"
	NO_COLOR=1 script -qec "'$BIN' diff HEAD~1 HEAD" /dev/null >"$WORK/tty2.out"
	! grep -q $'\033' "$WORK/tty2.out" || fail "colours on a terminal with NO_COLOR set"
	grep -qF "now needs branch-manager" "$WORK/tty2.out" || fail "no diff on a terminal"
fi

# ------------------------------------------------------------ c2 template
PART="template sentence"
OLD='自建系统的支出每年都在发生，而且随着设备老化、人员流动，实际支出往往高于上面的测算；托管费用则在合同期内固定不变。'
NEW='自建系统的支出每年都在发生，而且随着设备老化、人员流动，实际支出往往高于上面的测算；托管费用则在合同期内保持不变。'
# The proposals that read the sentence, found by making each one.
users=()
for f in "$C"/*.xml; do
	id=$(basename "$f" .xml)
	"$BIN" proposal "$f" --content content --markdown -o "$WORK/md-$id.md" 2>/dev/null || continue
	grep -qF "固定不变。" "$WORK/md-$id.md" && users+=("$id")
done
((${#users[@]} >= 3)) || die "only ${#users[@]} proposals read the sentence: ${users[*]}"
sed -i "s/托管费用则在合同期内固定不变。/托管费用则在合同期内保持不变。/" content/proposals/standard.md
git_ commit -qam "standard: 保持不变"
diff_ c2 HEAD~1 HEAD
for id in "${users[@]}"; do
	python3 - "$WORK/c2.out" "$id" "$OLD" "$NEW" <<'PY' || fail "$id: the sentence is not shown old and new"
import sys
out, cid, old, new = sys.argv[1:]
text = open(out, encoding="utf-8").read()
blocks = text.split("\n\n")
block = next((b for b in blocks if b.startswith(cid + " ")), None)
sys.exit(0 if block and f"- {old}" in block and f"+ {new}" in block else 1)
PY
done
n=$(grep -cE '^[a-z0-9-]+ .*\(changed\)$' "$WORK/c2.out")
[ "$n" = "${#users[@]}" ] || fail "$n customers changed, not the ${#users[@]} whose proposal reads the sentence"
has c2 "proposals/standard.md (changed) moves ${#users[@]} customers:"
PART="sent proposal"
has c2 "sent proposal $SENT_NO ($SENT_DATE) would now differ from what was sent:"
python3 - "$WORK/c2.out" "$SENT_ID" "$OLD" "$NEW" <<'PY' || fail "the sent proposal's diff does not show the sentence"
import sys
out, cid, old, new = sys.argv[1:]
text = open(out, encoding="utf-8").read()
block = text.split("would now differ from what was sent:", 1)[1].split("\n\n")[0]
sys.exit(0 if f"- {old}" in block and f"+ {new}" in block else 1)
PY
# The sample's own sent proposal differed before this change: not this change's doing.
hasnt c2 "sent proposal YM-2026-0038"
diff_ c2json HEAD~1 HEAD --format json
diff_ c2md HEAD~1 HEAD --format markdown

# ------------------------------------------------------------ c3 catalog
PART="catalog price"
sed -i 's/unit-price="180" period="year"/unit-price="190" period="year"/' content/catalog.xml
git_ commit -qam "premium: 190"
premium=$(grep -l 'edition="premium"' "$C"/*.xml | xargs -n1 basename | sed 's/\.xml$//' | sort | tr '\n' ' ')
diff_ c3 HEAD~1 HEAD
has c3 "catalog.xml (changed) moves $(echo $premium | wc -w) customers: ${premium% }"
listed=$(grep -E '^[a-z0-9-]+ .*\(changed\)$' "$WORK/c3.out" | cut -d' ' -f1 | sort | tr '\n' ' ')
[ "$listed" = "$premium" ] || fail "customers listed: '$listed', not the premium ones: '$premium'"
for id in $premium; do
	python3 - "$WORK/c3.out" "$id" <<'PY' || fail "$id: no offer line old → new"
import re, sys
out, cid = sys.argv[1:]
block = next(b for b in open(out, encoding="utf-8").read().split("\n\n") if b.startswith(cid + " "))
sys.exit(0 if re.search(r"offer, a year +¥[0-9,]+ → ¥[0-9,]+  \(\+¥[0-9,]+\)", block) else 1)
PY
done
diff_ c3json HEAD~1 HEAD --format json
diff_ c3md HEAD~1 HEAD --format markdown

# ------------------------------------------------------------ c4 customers
PART="customers added and removed"
git_ mv "$C/zhengyuan-law.xml" "$C/zhengyuan-law-two.xml"
sed -i 's/id="zhengyuan-law"/id="zhengyuan-law-two"/' "$C/zhengyuan-law-two.xml"
git_ commit -qam "zhengyuan: a new id"
diff_ c4 HEAD~1
has c4 "zhengyuan-law 上海正源律师事务所 (removed)"
has c4 "zhengyuan-law-two 上海正源律师事务所 (added)"
has c4 "outputs added: costs/zhengyuan-law-two.json proposals/zhengyuan-law-two.pdf reports/review-zhengyuan-law-two.pdf"
has c4 "outputs removed: costs/zhengyuan-law.json proposals/zhengyuan-law.pdf reports/review-zhengyuan-law.pdf"
diff_ c4json HEAD~1 --format json

# ------------------------------------------------------------ working tree, folders
PART="working tree"
sed -i 's/users="400" discount="1"/users="500" discount="1"/' "$C/jinheng-futures.xml"
diff_ wt HEAD --content content
has wt "HEAD → working tree: 1 of 9 customers changed"
has wt "offer, a year                            ¥76,000 → ¥95,000  (+¥19,000)"
git_ checkout -q -- "$C/jinheng-futures.xml"
[ -z "$(git status --porcelain)" ] || fail "the working tree or index changed: $(git status --porcelain)"
cd "$WORK" || die "no work"
PART="folders"
git -C repo archive HEAD~3 content | tar -x -C "$WORK" --one-top-level=old
diff_ folders --from old/content --to repo/content
has folders "old/content → repo/content: "
has folders "catalog.xml (changed) moves"
has folders "zhengyuan-law-two 上海正源律师事务所 (added)"
diff_ sub HEAD~1 --content repo/content
has sub "HEAD~1 → working tree: 2 of 10 customers changed"

PART="symbolic link"
ln -s logo.png repo/content/images/link.png
git_ -C repo add content/images/link.png && git_ -C repo commit -qm link
diff_ link HEAD~1 HEAD --content repo/content
[ "$rc" = 0 ] || fail "a revision with a symbolic link: exit $rc ($(cat "$WORK/link.err"))"
grep -qF "HEAD:content/images/link.png: warning: left out of the diff: a symbolic link is not content" \
	"$WORK/link.err" || fail "no warning for the link: $(cat "$WORK/link.err")"

# ------------------------------------------------------------ usage
PART="usage"
for args in "" "--from old/content" "HEAD --format yaml" "HEAD --fail-on money" "a b c" \
	"--from a --to b HEAD" "--bogus HEAD"; do
	"$BIN" diff $args --content repo/content >/dev/null 2>"$WORK/usage.err"
	r=$?
	[ "$r" = 2 ] || fail "diff $args: exit $r, not 2"
	[ -s "$WORK/usage.err" ] || fail "diff $args: no message"
done
"$BIN" diff no-such-rev --content repo/content >/dev/null 2>"$WORK/usage.err"
[ $? = 2 ] && grep -qF "salesgen diff: no revision 'no-such-rev' in the repository" "$WORK/usage.err" ||
	fail "an unknown revision: $(cat "$WORK/usage.err")"
mkdir -p norepo && cp -r "$SRC/content" norepo/content
"$BIN" diff HEAD --content norepo/content >/dev/null 2>"$WORK/usage.err"
[ $? = 2 ] || fail "a content folder outside git does not exit 2"

# ------------------------------------------------------------ JSON and Markdown
PART="json schema"
python3 - "$SRC/docs/diff.schema.json" "$WORK"/*json.out <<'PY' || fail "JSON against docs/diff.schema.json"
import json, sys
schema = json.load(open(sys.argv[1]))
try:
    import jsonschema
except ImportError:
    jsonschema = None
for path in sys.argv[2:]:
    doc = json.load(open(path, encoding="utf-8"))
    if jsonschema:
        jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)
    else:  # the members every diff has, at least
        assert set(schema["required"]) <= set(doc), path
PY
python3 - "$WORK/c2json.out" "$SENT_ID" <<'PY' || fail "c2 JSON: the sent proposal"
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
c = next(c for c in doc["customers"] if c["id"] == sys.argv[2])
assert c["sent"]["text_known"] and c["sent"]["sentences"], c["sent"]
PY
PART="markdown"
render() {
	if command -v cmark-gfm >/dev/null; then
		cmark-gfm --unsafe -e table -e strikethrough -e autolink -e tagfilter "$1"
	elif [ -n "${SG_MD_RENDER:-}" ]; then
		"$SG_MD_RENDER" <"$1"
	else
		return 77
	fi
}
for md in c2md c3md; do
	render "$WORK/$md.out" >"$WORK/$md.html" 2>"$WORK/$md.html.err"
	r=$?
	[ "$r" = 77 ] && skip "neither cmark-gfm nor SG_MD_RENDER"
	[ "$r" = 0 ] && [ ! -s "$WORK/$md.html.err" ] || fail "$md: cmark-gfm: $(cat "$WORK/$md.html.err")"
	python3 - "$WORK/$md.out" "$WORK/$md.html" <<'PY' || fail "$md: not rendered as meant"
import sys
md, html = (open(p, encoding="utf-8").read() for p in sys.argv[1:])
customers = md.count("<details>")
assert customers > 0, "no details"
assert html.count("<details>") == customers and html.count("</details>") == customers, "details"
assert html.count("<table>") >= 1, "no summary table"
assert "|---" not in html, "a table left as text"
assert 'class="language-diff"' in html, "no diff block"
PY
done

PART="interrupted"
cd "$WORK/repo" || die "no repo"
# Stopped (SIGTERM; a background job of a script ignores SIGINT, and
# Ctrl-C is held the same way) while the revisions are written out and
# compared: the diff stops by the signal and leaves no temporary folder.
# 150 more customers make the diff last long enough to be caught in it.
python3 "$SRC/tests/tools/make_customers.py" "$SRC/content" "$WORK/many" 150 ||
	die "cannot make customers"
cp "$WORK"/many/customers/gen-*.xml "$C/" && rm -rf "$WORK/many"
git_ add -A && git_ commit -qm many || die "commit of many customers"
caught=0
for _ in 1 2 3 4 5; do
	"$BIN" diff HEAD~1 HEAD --content content >/dev/null 2>&1 &
	pid=$!
	for _ in $(seq 500); do
		ls "$TMPDIR"/salesgen-diff-* >/dev/null 2>&1 && break
		sleep 0.01
	done
	if kill -TERM "$pid" 2>/dev/null; then
		wait "$pid"
		st=$?
		[ $st -eq 143 ] && caught=1
	else
		wait "$pid"
	fi
	[ -z "$(ls -A "$TMPDIR")" ] || fail "left behind in TMPDIR after SIGTERM: $(ls -A "$TMPDIR")"
	[ $caught -eq 1 ] && break
done
[ $caught -eq 1 ] || echo "note: the diff was over each time before SIGTERM reached it"

PART="temporary folders"
[ -z "$(ls -A "$TMPDIR")" ] || fail "left behind in TMPDIR: $(ls -A "$TMPDIR")"

verdict "approval, template, sent, catalog, customers, working tree, folders, JSON, Markdown"

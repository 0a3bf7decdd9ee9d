#!/usr/bin/env bash
# build_playbooks.sh - `salesgen build` sets every playbook as
# output/playbooks/NAME.pdf: one per playbook, fonts embedded, the text
# extractable, the same bytes on a second build, rebuilt only when its
# Markdown changes, and removed when its Markdown is gone.
# usage: bash build_playbooks.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
. "$(dirname "$0")/lib/prologue.sh" "$@"
need pdffonts pdftotext qpdf python3
cp -r "$SRC/content" content
export SOURCE_DATE_EPOCH=1795305600

"$BIN" build --content content --out out --only playbooks --quiet --report r1.json 2>err1.txt
rc=$?
[ $rc -eq 0 ] || fail "build exited $rc: $(cat err1.txt)"

n_md=$(ls content/playbooks/*.md | wc -l)
n_pdf=$(ls out/playbooks/*.pdf 2>/dev/null | wc -l)
[ "$n_md" -eq "$n_pdf" ] || fail "$n_md playbooks but $n_pdf PDFs"
[ -e out/costs ] && fail "--only playbooks built costs too"

for pdf in out/playbooks/*.pdf; do
	qpdf --check "$pdf" >/dev/null 2>&1 || fail "qpdf --check $pdf"
	if pdffonts "$pdf" 2>/dev/null | awk 'NR > 2 && $(NF-4) != "yes" {bad = 1} END {exit !bad}'; then
		fail "$pdf has a font that is not embedded"
	fi
done
pdftotext out/playbooks/project-stages.pdf - | tr -d ' \n' >text.txt
grep -q '项目运作的五个阶段' text.txt || fail "the title of project-stages is not in its PDF"
grep -q '技术推广' text.txt || fail "a stage name is not in project-stages.pdf"
pdftotext out/playbooks/pricing-and-approvals.pdf - | grep -qi 'approv' ||
	fail "the English playbook's text is not in its PDF"

# A second build changes nothing; the bytes are the same from scratch.
"$BIN" build --content content --out out --only playbooks --quiet --report r2.json 2>/dev/null
python3 - r2.json <<'PY' || fail "a build with no change rebuilt playbooks"
import json, sys
r = json.load(open(sys.argv[1]))
items = r["outputs"] if isinstance(r, dict) else r
built = [o["path"] for o in items if o["status"] == "built"]
sys.exit(1 if built else 0)
PY
"$BIN" build --content content --out fresh --only playbooks --quiet 2>/dev/null
diff -r out/playbooks fresh/playbooks >/dev/null || fail "two builds differ"

# Editing one playbook rebuilds that one only; removing one removes its PDF.
echo "新增一段。" >>content/playbooks/decision-chain.md
"$BIN" build --content content --out out --only playbooks --quiet --report r3.json 2>/dev/null
python3 - r3.json <<'PY' || fail "editing decision-chain.md did not rebuild exactly its PDF"
import json, sys
r = json.load(open(sys.argv[1]))
items = r["outputs"] if isinstance(r, dict) else r
built = sorted(o["path"] for o in items if o["status"] == "built")
sys.exit(0 if built == ["playbooks/decision-chain.pdf"] else 1)
PY
rm content/playbooks/objection-handling.md
"$BIN" build --content content --out out --only playbooks --quiet 2>/dev/null
[ -e out/playbooks/objection-handling.pdf ] && fail "the PDF of a removed playbook is still there"

verdict

#!/usr/bin/env bash
# Every file of the site is a build target of its own, rebuilt only when
# what it shows changed; the --report JSON proves it: an edit to one
# customer rebuilds its account page and, of the pages about every
# customer, those that show what changed (its name: the home page, which
# lists it, the page of its stage's list that holds its row, the search
# index; the pipeline's summary too, since a pipeline this small lists its
# customers there), nothing else; a playbook's body only its
# page and the search index; its title also its neighbours and the lists; a
# theme partial only the pages that use it. A broken template fails the
# pages made with it (a broken layout: every page), the message printed
# once, the old files kept. The theme can come from site.xml.
# Usage: bash site_incremental.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
. "$(dirname "$0")/lib/prologue.sh" "$@"
need python3 # to read the reports
export SOURCE_DATE_EPOCH=1795132800
cp -r "$SRC/content" content
mkdir themes
cp -r "$SRC/themes/default" themes/mine

build() { # build REPORT [ARGS...]
	local report=$1
	shift
	"$BIN" build --content content --out out --only site --quiet --report "$report" "$@" \
		2>"$report.err"
}

# built REPORT 'python condition on b (sorted built paths, "site/" dropped)' MESSAGE
built() {
	python3 - "$1" "$2" <<'PY' || fail "$3 ($(head -3 "$1.err"))"
import json, sys
r = json.load(open(sys.argv[1]))
b = sorted(o["path"][5:] for o in r["outputs"] if o["status"] == "built")
ok = eval(sys.argv[2])
if not ok:
    print("built:", b[:20], "..." if len(b) > 20 else "")
sys.exit(0 if ok else 1)
PY
}

build r1.json || fail "first build exited $?: $(cat r1.json.err)"
built r1.json 'len(b) > 50 and "search-index.js" in b and "assets/site.css" in b' "first build"
build r2.json || fail "second build exited $?"
built r2.json 'b == []' "a build without changes rebuilt something"

# ---------------------------------------------------------------- a customer
sed -i 's/<name>恒通物流集团有限公司<\/name>/<name>恒通物流集团股份有限公司<\/name>/' \
	content/customers/hengtong-logistics.xml
build r3.json || fail "build after a customer edit exited $?"
built r3.json 'b == ["accounts/hengtong-logistics.html", "index.html", "pipeline.html", "pipeline/solution-confirmation.html", "search-index.js", "search/d0.js", "search/t0.js"]' \
	"an edit to one customer must rebuild its page and the pages that show it only"
grep -q '恒通物流集团股份有限公司' out/site/accounts/hengtong-logistics.html || fail "the edit is not on the page"
grep -q '恒通物流集团股份有限公司' out/site/search/d0.js || fail "the edit is not in the search index"
python3 - <<'PY' || fail "the report does not say why"
import json
o = {o["path"]: o for o in json.load(open("r3.json"))["outputs"]}
a = o["site/accounts/hengtong-logistics.html"]
assert a["why"] == "customers/hengtong-logistics.xml", a
assert a["group"] == "hengtong-logistics", a
for src in ("catalog.xml", "site.xml", "theme:layout.html", "theme:pages/account.html", ":build-date"):
    assert src in a["sources"], (src, a["sources"])
assert "customers/jinxiu-apparel.xml" not in a["sources"]
# The pages about every customer are made from what they show of them, not
# from every customer file.
for p in ("site/search-index.js", "site/index.html"):
    assert not any(x.startswith("customers/") for x in o[p]["sources"]), o[p]
s = o["site/search-index.js"]
assert "site:search" in s["sources"] and s["why"] == "site:search", s
assert o["site/index.html"]["why"] == "site:home", o["site/index.html"]
l = o["site/pipeline/solution-confirmation.html"]
assert l["why"] == "customers/hengtong-logistics.xml" and "customers/huajun-auto.xml" in l["sources"], l
assert "customers/jinxiu-apparel.xml" not in l["sources"], l
# Nine customers: the summary shows every one, so it reads their files.
m = o["site/pipeline.html"]
assert m["why"] == "customers/hengtong-logistics.xml", m
assert "customers/jinxiu-apparel.xml" in m["sources"] and "site:pipeline" in m["sources"], m
t = o["site/search/t0.js"]
assert "site:search" in t["sources"] and t["why"] == "site:search", t
PY

# --customer builds that customer's page only.
sed -i 's/<name>恒通物流集团股份有限公司<\/name>/<name>恒通物流集团有限公司<\/name>/' \
	content/customers/hengtong-logistics.xml
build r4.json --customer hengtong-logistics || fail "--customer exited $?"
built r4.json 'b == ["accounts/hengtong-logistics.html"]' "--customer built more than the account page"
build r4b.json || fail "build after --customer exited $?"
built r4b.json 'b == ["index.html", "pipeline.html", "pipeline/solution-confirmation.html", "search-index.js", "search/d0.js", "search/t0.js"]' "the pages left by --customer"

# ---------------------------------------------------------------- a playbook
BOOK=content/playbooks/objection-handling.md
printf '\n补充一段新的说明文字：遇到价格异议先问预算。\n' >>"$BOOK"
build r5.json || fail "build after a playbook edit exited $?"
built r5.json 'b == ["playbooks/objection-handling.html", "search-index.js", "search/d0.js", "search/t0.js"]' \
	"an edit to a playbook's body must rebuild its page and the search index only"

# Its title: also its neighbours (previous/next), the lists and tags, home.
sed -i '0,/^title: .*/s//title: 异议处理：改过的标题/' "$BOOK"
grep -q '异议处理：改过的标题' "$BOOK" || fail "the test could not change the title"
build r6.json || fail "build after a title edit exited $?"
python3 - <<'PY' || fail "a title edit rebuilt the wrong pages"
import json
r = json.load(open("r6.json"))
b = sorted(o["path"][5:] for o in r["outputs"] if o["status"] == "built")
assert "playbooks/objection-handling.html" in b and "playbooks/index.html" in b, b
assert "index.html" in b and "search-index.js" in b, b
assert "pipeline.html" not in b and not any(p.startswith("accounts/") for p in b), b
pages = [p for p in b if p.startswith("playbooks/") and p != "playbooks/index.html"]
# the page itself and at most its two neighbours
assert 2 <= len(pages) <= 3, pages
assert not any(p.startswith("cases/") and p != "cases/index.html" for p in b), b
PY
grep -rq '异议处理：改过的标题' out/site/playbooks/ --include='*.html' --exclude=objection-handling.html ||
	fail "the neighbours do not show the new title"

# ---------------------------------------------------------------- the theme
build r7.json --theme "$WORK/themes/mine" || fail "build with --theme DIR exited $?"
build r8.json --theme "$WORK/themes/mine" || fail "second build with --theme DIR exited $?"
built r8.json 'b == []' "the same theme from a folder rebuilt something"
sed -i 's|rel="prev"|rel="prev" data-x="1"|' themes/mine/partials/pager.html
build r9.json --theme "$WORK/themes/mine" || fail "build after a partial edit exited $?"
built r9.json 'b and all(p.startswith(("playbooks/", "cases/")) and not p.endswith("/index.html") for p in b)' \
	"a partial edit must rebuild the pages that use it only"
grep -q 'data-x="1"' out/site/playbooks/objection-handling.html || fail "the partial edit is not on the page"

# A broken page template: the pages made with it fail (the message printed
# once), keeping their old files; the rest of the site is built.
cp out/site/tags/index.html tags.before
printf '<p>{{#broken}}</p>\n' >themes/mine/pages/tags.html
sed -i 's|rel="prev" data-x="1"|rel="prev" data-x="2"|' themes/mine/partials/pager.html
build r10.json --theme "$WORK/themes/mine"
rc=$?
[ $rc -eq 1 ] || fail "a broken template: exit $rc, not 1"
n=$(grep -c 'pages/tags.html:1:.*error' r10.json.err)
[ "$n" = 1 ] || fail "the template error is printed $n times, not once: $(head -3 r10.json.err)"
built r10.json 'b and all(p.startswith(("playbooks/", "cases/")) for p in b)' \
	"a broken template stopped other pages"
python3 - <<'PY' || fail "a broken template did not fail its pages alone"
import json
r = json.load(open("r10.json"))
f = sorted(o["path"] for o in r["outputs"] if o["status"] == "failed")
assert f == ["site/tags/index.html"], f
assert r["summary"]["removed"] == 0, r["summary"]
PY
cmp -s tags.before out/site/tags/index.html || fail "a broken template changed its old page"
grep -q 'data-x="2"' out/site/playbooks/objection-handling.html || fail "the other pages were not built"

# A broken layout: every page fails, once, and keeps its file; CSS and JS
# do not use the layout.
cp "$SRC/themes/default/pages/tags.html" themes/mine/pages/tags.html
cp out/site/index.html index.before
printf '<html>{{/oops}}\n' >themes/mine/layout.html
build r11.json --theme "$WORK/themes/mine"
rc=$?
[ $rc -eq 1 ] || fail "a broken layout: exit $rc, not 1"
n=$(grep -c 'layout.html:1:.*error' r11.json.err)
[ "$n" = 1 ] || fail "the layout error is printed $n times, not once: $(head -3 r11.json.err)"
python3 - <<'PY' || fail "a broken layout did not fail every page"
import json
r = json.load(open("r11.json"))
pages = [o for o in r["outputs"] if o["kind"] == "page"]
assert pages and all(o["status"] == "failed" for o in pages), set(o["status"] for o in pages)
assert all(o["status"] != "failed" for o in r["outputs"] if o["path"].startswith("site/assets/"))
assert r["summary"]["removed"] == 0, r["summary"]
PY
cmp -s index.before out/site/index.html || fail "a broken layout changed the old files"
cp "$SRC/themes/default/layout.html" themes/mine/layout.html

# ---------------------------------------------------------------- site.xml
cp -r "$SRC/themes/default" themes/fromsite
sed -i 's|<main id="main" class="main">|<main id="main" class="main from-site">|' themes/fromsite/layout.html
sed -i '0,/<site /s//<site theme="fromsite" /' content/site.xml
build r12.json || fail "a theme named in site.xml: exit $?: $(head -3 r12.json.err)"
grep -q 'class="main from-site"' out/site/index.html || fail "the theme of site.xml was not used"
sed -i 's/theme="fromsite"/theme="no-such"/' content/site.xml
build r13.json
rc=$?
[ $rc -eq 1 ] || fail "a missing theme in site.xml: exit $rc, not 1"
grep -q "site.xml:[0-9]*:[0-9]*: error: no theme 'no-such'" r13.json.err ||
	fail "the missing theme is not reported at site.xml: $(head -3 r13.json.err)"
sed -i 's/theme="no-such"/theme="..\/x"/' content/site.xml
build r14.json
grep -q "site.xml:[0-9]*:[0-9]*: error: theme '../x' must be the name" r14.json.err ||
	fail "a theme path in site.xml is not refused: $(head -3 r14.json.err)"

verdict

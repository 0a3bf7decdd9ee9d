#!/usr/bin/env bash
# sign.sh - `salesgen build --sign` and `salesgen verify`: with a test key
# and self-signed certificate made here by openssl, pdfsig finds every
# signed proposal's signature valid and covering the whole document, and
# qpdf finds the file sound; the CMS has the ESS signingCertificateV2 and no
# signingTime (the build date is /M); a byte changed afterwards (or bytes appended)
# makes pdfsig and `salesgen verify` say it is broken; two builds give the
# same bytes; a PKCS#12 bundle with a wrong password stops the build (exit 2)
# before anything is written; the key and the password appear in no output,
# report or log.
# usage: bash sign.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
. "$(dirname "$0")/lib/prologue.sh" "$@"
need openssl pdfsig qpdf python3
export SOURCE_DATE_EPOCH=1772323200 # 2026-03-01
unset SALESGEN_SIGN_PASSWORD
PASSWORD=e2e-Pa55word-for-the-bundle

openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 3650 \
	-subj "/CN=Salesgen Test Signer/O=Example Trading" 2>openssl.err ||
	die "openssl cannot make a key: $(cat openssl.err)"
openssl pkcs12 -export -inkey key.pem -in cert.pem -out bundle.p12 \
	-passout "pass:$PASSWORD" 2>>openssl.err || die "openssl cannot make a bundle"

build() { # build OUT [ARGS...]: stderr in OUT.log
	local out=$1
	shift
	"$BIN" build --content "$SRC/content" --out "$out" --only proposals --quiet \
		--report "$out.json" "$@" 2>"$out.log"
}

# The proposals of OUT that were signed: every one but those kept as sent.
signed_pdfs() {
	local f s
	for f in "$1"/proposals/*.pdf; do
		for s in "$SRC"/content/sent/*.pdf; do
			cmp -s "$f" "$s" && continue 2
		done
		echo "$f"
	done
}

PART="PEM key and certificate"
build a --sign key.pem --cert cert.pem --sign-proposals || fail "build exited $?: $(cat a.log)"
mapfile -t pdfs < <(signed_pdfs a)
[ ${#pdfs[@]} -ge 3 ] || die "only ${#pdfs[@]} proposals to check"
for f in "${pdfs[@]}"; do
	pdfsig "$f" >sig.txt 2>&1
	grep -q "Signature Validation: Signature is Valid." sig.txt ||
		fail "$f: pdfsig does not find the signature valid: $(cat sig.txt)"
	grep -q "Total document signed" sig.txt || fail "$f: pdfsig: not the whole document signed"
	grep -q "Signer Certificate Common Name: Salesgen Test Signer" sig.txt ||
		fail "$f: pdfsig names another signer: $(cat sig.txt)"
	grep -q "Signature Type: ETSI.CAdES.detached" sig.txt || fail "$f: not a PAdES signature"
	qpdf --check "$f" >qpdf.txt 2>&1 || fail "$f: qpdf --check: $(tail -3 qpdf.txt)"
	"$BIN" verify --content "$SRC/content" "$f" >verify.txt 2>&1 ||
		fail "$f: salesgen verify exited $?: $(cat verify.txt)"
	grep -q "signature intact: signed by .*CN=Salesgen Test Signer" verify.txt ||
		fail "$f: salesgen verify: $(cat verify.txt)"
done
# A sent proposal is kept byte for byte: verify knows it; it is not signed.
for s in "$SRC"/content/sent/*.pdf; do
	"$BIN" verify --content "$SRC/content" "$s" >verify.txt 2>&1 ||
		fail "$s: salesgen verify exited $?: $(cat verify.txt)"
	grep -q ": sent: " verify.txt || fail "$s: salesgen verify does not know it: $(cat verify.txt)"
done

PART="PAdES attributes"
python3 - "${pdfs[0]}" cms.der <<'EOF' || die "cannot read the signature"
import re, sys
d = open(sys.argv[1], 'rb').read()
der = bytes.fromhex(re.findall(rb'/Contents <([0-9A-Fa-f]+)>', d)[-1].decode())
assert der[0] == 0x30 and der[1] == 0x82, "not a long DER sequence"
open(sys.argv[2], 'wb').write(der[:4 + (der[2] << 8 | der[3])])
EOF
openssl cms -cmsout -print -inform DER -in cms.der >cms.txt 2>&1 || fail "openssl cannot read the CMS"
grep -q "id-smime-aa-signingCertificateV2" cms.txt || fail "no ESS signingCertificateV2 attribute"
grep -q "messageDigest" cms.txt || fail "no messageDigest attribute"
grep -q "signingTime" cms.txt && fail "the CMS has a signingTime (PAdES puts it in /M only)"
grep -q "/M (D:20260301000000Z)" "${pdfs[0]}" || fail "no /M of the build date"

PART="a changed byte"
f=${pdfs[0]}
# One byte of the page content, well inside the signed range.
python3 - "$f" changed.pdf <<'EOF' || die "cannot change the file"
import re, sys
d = bytearray(open(sys.argv[1], 'rb').read())
at = int(re.findall(rb'/ByteRange \[0 (\d+)', bytes(d))[-1]) // 2
d[at] ^= 0x01
open(sys.argv[2], 'wb').write(d)
EOF
pdfsig changed.pdf >sig.txt 2>&1
grep -q "Signature is Valid" sig.txt && fail "pdfsig still finds a changed file valid"
"$BIN" verify --content "$SRC/content" changed.pdf >verify.txt 2>&1
rc=$?
[ $rc -eq 1 ] || fail "salesgen verify of a changed file exited $rc"
grep -q "signature broken: the signed bytes have changed" verify.txt ||
	fail "salesgen verify of a changed file: $(cat verify.txt)"
grep -q "not sent" verify.txt || fail "a changed file counts as sent: $(cat verify.txt)"

PART="bytes appended"
cp "$f" appended.pdf
printf '%% added later\n' >>appended.pdf
"$BIN" verify --content "$SRC/content" appended.pdf >verify.txt 2>&1
rc=$?
[ $rc -eq 1 ] || fail "salesgen verify of a file with bytes appended exited $rc"
grep -q "signature broken: bytes were appended after the signature" verify.txt ||
	fail "salesgen verify of a file with bytes appended: $(cat verify.txt)"

PART="same bytes"
build b --sign key.pem --cert cert.pem --sign-proposals || fail "build b exited $?: $(cat b.log)"
diff -r a/proposals b/proposals >/dev/null || fail "two signed builds differ"

PART="PKCS#12"
SALESGEN_SIGN_PASSWORD=not-the-password build wrong --sign bundle.p12 --sign-proposals
rc=$?
[ $rc -eq 2 ] || fail "a wrong password: exit $rc, not 2"
grep -q "salesgen build: --sign: bundle.p12: cannot open the PKCS#12 bundle: wrong password" \
	wrong.log || fail "a wrong password: $(cat wrong.log)"
[ ! -e wrong ] && [ ! -e wrong.json ] || fail "a wrong password: something was built"
build nopw --sign bundle.p12
rc=$?
[ $rc -eq 2 ] && grep -q "it needs a password (set SALESGEN_SIGN_PASSWORD)" nopw.log ||
	fail "no password: exit $rc: $(cat nopw.log)"
SALESGEN_SIGN_PASSWORD=$PASSWORD build p12 --sign bundle.p12 --sign-proposals ||
	fail "build with the bundle exited $?: $(cat p12.log)"
diff -r a/proposals p12/proposals >/dev/null || fail "the bundle signs other bytes than the PEM files"

PART="bad usage"
build nokey --sign-proposals
rc=$?
[ $rc -eq 2 ] && grep -q "salesgen build: --sign-proposals needs --sign KEY" nokey.log ||
	fail "--sign-proposals alone: exit $rc: $(cat nokey.log)"
build nocert --sign key.pem
rc=$?
[ $rc -eq 2 ] && grep -q "key.pem: not a PKCS#12 bundle (a PEM key needs its certificate" nocert.log ||
	fail "a PEM key without --cert: exit $rc: $(cat nocert.log)"
openssl req -x509 -newkey rsa:2048 -nodes -keyout other.pem -out other-cert.pem -days 1 \
	-subj "/CN=Other" 2>>openssl.err
build mismatch --sign key.pem --cert other-cert.pem
rc=$?
[ $rc -eq 2 ] && grep -q "other-cert.pem: the key does not match the certificate" mismatch.log ||
	fail "a key that does not match: exit $rc: $(cat mismatch.log)"
"$BIN" verify >verify.txt 2>&1
[ $? -eq 2 ] || fail "verify without a file: not exit 2"

PART="a Chinese signer on quotations"
# The certificate's common name is 张伟: pdfsig names it, the signature
# dictionary's /Name is it as UTF-16 (not "??"), and the appearance is a
# form the PDF was written with (the glyphs as outlines: Helvetica has no
# 张), placed right of the seal, over no word of the page.
openssl req -x509 -newkey rsa:2048 -nodes -keyout zh-key.pem -out zh-cert.pem -days 3650 \
	-utf8 -subj "/CN=张伟/O=示例公司" 2>>openssl.err || die "openssl cannot make the 张伟 key"
"$BIN" build --content "$SRC/content" --out zh --only quotes --quiet --report zh.json \
	--sign zh-key.pem --cert zh-cert.pem 2>zh.log || fail "build exited $?: $(cat zh.log)"
nzh=0
for f in zh/quotes/*.pdf; do
	nzh=$((nzh + 1))
	pdfsig "$f" >sig.txt 2>&1
	grep -q "Signature Validation: Signature is Valid." sig.txt ||
		fail "$f: pdfsig does not find the signature valid: $(cat sig.txt)"
	grep -q "Signer Certificate Common Name: 张伟" sig.txt || fail "$f: pdfsig: $(cat sig.txt)"
	pdftotext -bbox "$f" zh.bbox.html
	python3 - "$f" zh.bbox.html <<'PY' || fail "$f: the signature's appearance (above)"
import re, sys
data = open(sys.argv[1], 'rb').read()
if b'/Name <FEFF5F204F1F>' not in data:
    sys.exit("the signature's /Name is not 张伟 as UTF-16")
m = re.search(rb'/Subtype /Widget .*?/Rect \[([-\d. ]+)\] /AP << /N (\d+) 0 R', data)
if not m:
    sys.exit("no signature widget")
x0, y0, x1, y1 = map(float, m.group(1).split())
form = int(m.group(2))
sig = data.rfind(b'/Type /Sig')
if data.rfind(b'\n%d 0 obj' % form, 0, sig) < 0 or data.find(b'\n%d 0 obj' % form, sig) >= 0:
    sys.exit("the appearance %d is not the form the PDF was written with" % form)
page_h = 841.89
for w in re.finditer(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)',
                     open(sys.argv[2], encoding='utf-8').read()):
    a, b, c, d = (float(v) for v in w.groups()[:4])
    b, d = page_h - d, page_h - b  # pdftotext counts from the top
    if a < x1 and c > x0 and b < y1 and d > y0:
        sys.exit("the signature box %s covers the word %r" % (m.group(1).decode(), w.group(5)))
PY
done
[ $nzh -ge 3 ] || fail "only $nzh quotations signed by 张伟"

PART="no key material"
keyline=$(sed -n 5p key.pem)
[ ${#keyline} -ge 40 ] || die "no line of the key to look for"
for out in a b p12 wrong nopw zh; do
	for x in "$out" "$out.json" "$out.log"; do
		[ -e "$x" ] || continue
		if grep -rqF -e "$keyline" -e "$PASSWORD" "$x"; then
			fail "$x holds the key or the password"
		fi
	done
done

verdict "${#pdfs[@]} signed proposals"

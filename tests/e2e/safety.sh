#!/usr/bin/env bash
# safety.sh - salesgen writes only inside its output folder and never changes
# content/ or themes/ (issue 7, "Data safety").
#
# Every run below is followed by a snapshot of the whole work folder except
# the output folders: each file's type, mode, size, modification time and
# SHA-256, each link's target. It must not change, whatever salesgen did:
# full, incremental, failing and clean builds, in processes and threads,
# check, cost, proposal and pdf. The content reaches some of its files
# through symbolic links (a customer, a playbook, the images folder) that
# stay inside it (links that lead out are refused: bad_input.sh, rows
# read-*), and the output folder gets links planted where salesgen would write, remove or keep
# its state. An output folder that overlaps the content or the theme is
# refused (exit 2) before anything is written.
#
# With strace installed (./build.sh test installs it), each build also runs
# under it and every call that creates, changes or removes a file must name a
# path inside the output folder.
# (build_errors.sh covers a link planted as one output file and as the site
# folder; build_kill.sh covers killed builds.)
# usage: bash safety.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
. "$(dirname "$0")/lib/prologue.sh" "$@"
need python3
export SOURCE_DATE_EPOCH=1795132800
# LeakSanitizer stops the world with ptrace, which strace already holds.
STRACE_ASAN=${ASAN_OPTIONS}:detect_leaks=0
STRACE=
command -v strace >/dev/null && strace -o /dev/null true 2>/dev/null && STRACE=strace
[ -n "$STRACE" ] || echo "safety.sh: strace is not installed: writes are checked by snapshots only"

# ---------------------------------------------------------------- setup
cp -r "$SRC/content" content
cp -r "$SRC/themes" themes
# Content reached through links, absolute and relative, to a customer file,
# a playbook and the images folder kept elsewhere in the content folder.
mkdir -p content/shared
mv content/customers/huajun-auto.xml content/shared/huajun-auto.xml
ln -s "$WORK/content/shared/huajun-auto.xml" content/customers/huajun-auto.xml
mv content/playbooks/project-stages.md content/shared/project-stages.md
ln -s ../shared/project-stages.md content/playbooks/project-stages.md
mv content/images content/shared/images
ln -s "$WORK/content/shared/images" content/images
mkdir -p outside logs
echo 'keep me' >outside/victim.txt

# snapshot FILE: the state of everything in the work folder but the outputs
# and the test's logs.
snapshot() {
	python3 - "$WORK" "$1" <<'PY'
import hashlib, os, stat, sys
root, out = sys.argv[1], sys.argv[2]
skip = {"logs"}
lines = []
for d, dirs, files in os.walk(root):
    rel = os.path.relpath(d, root)
    if rel == ".":
        dirs[:] = [x for x in dirs if x not in skip and not x.startswith("out")]
    for name in sorted(dirs + files):
        p = os.path.join(d, name)
        st = os.lstat(p)
        r = os.path.relpath(p, root)
        if rel == "." and (name in skip or name.startswith("out")):
            continue
        if stat.S_ISLNK(st.st_mode):
            lines.append("%s link %s" % (r, os.readlink(p)))
        elif stat.S_ISDIR(st.st_mode):
            lines.append("%s dir %o %d" % (r, st.st_mode, st.st_mtime_ns))
        else:
            h = hashlib.sha256(open(p, "rb").read()).hexdigest()
            lines.append("%s file %o %d %d %s" % (r, st.st_mode, st.st_size, st.st_mtime_ns, h))
open(out, "w").write("\n".join(sorted(lines)) + "\n")
PY
}

# writes TRACE: every path strace saw created, changed or removed that is
# not inside an output folder (WORK/out*).
writes() {
	python3 - "$1" "$WORK" <<'PY'
import os, re, sys
trace, root = sys.argv[1], sys.argv[2]
MUT = {"creat", "rename", "renameat", "renameat2", "unlink", "unlinkat", "mkdir", "mkdirat",
       "rmdir", "symlink", "symlinkat", "link", "linkat", "truncate", "chmod", "fchmodat",
       "chown", "fchownat", "utimensat"}
pending, bad = {}, set()
def resolve(dirfd, p):
    p = p.strip('"')
    if p.startswith("/"):
        return p
    m = re.match(r"-?\d+<(.*)>$", dirfd or "")
    return os.path.join(m.group(1) if m else root, p)
def allowed(p):
    p = os.path.normpath(p)
    if p == "/dev/null" or p.startswith("/proc/self/fd/"):
        return True
    # fontconfig's own cache, when the system's is out of date.
    if "/fontconfig/" in p and ("/.cache/" in p or p.startswith("/var/cache/")):
        return True
    rel = os.path.relpath(p, root)
    return not rel.startswith("..") and rel.split("/")[0].startswith("out")
for line in open(trace, errors="replace"):
    m = re.match(r"(\d+)\s+(.*)$", line.rstrip("\n"))
    if not m:
        continue
    pid, rest = m.groups()
    if rest.endswith("<unfinished ...>"):
        pending[pid] = rest[: -len("<unfinished ...>")]
        continue
    r = re.match(r"<\.\.\. (\w+) resumed>(.*)", rest)
    if r:
        rest = pending.pop(pid, r.group(1) + "(") + r.group(2)
    c = re.match(r"(\w+)\((.*)\)\s+=\s+(-?\d+)", rest)
    if not c or c.group(3).startswith("-"):
        continue
    name, args = c.group(1), c.group(2)
    toks = [t.strip() for t in re.findall(r'-?\d+<[^>]*>|AT_FDCWD|"(?:[^"\\]|\\.)*"|[^,]+', args)]
    if name in ("open", "openat"):
        if not re.search(r"O_WRONLY|O_RDWR|O_CREAT|O_TRUNC", args):
            continue
    elif name not in MUT:
        continue
    for i, t in enumerate(toks):
        if t.startswith('"'):
            prev = toks[i - 1] if i and name.endswith(("at", "at2")) else None
            p = resolve(prev, t)
            if not allowed(p):
                bad.add("%s %s" % (name, p))
for b in sorted(bad):
    print(b)
PY
}

# run NAME WANT ARGS...: salesgen ARGS (under strace when there is one);
# its exit status must be one of WANT ("0", "0 1"); nothing outside the
# output folders may have changed.
run() {
	local name=$1 want=$2
	shift 2
	snapshot "logs/$name.before"
	if [ -n "$STRACE" ]; then
		ASAN_OPTIONS=$STRACE_ASAN strace -f -y -qq -o "logs/$name.trace" \
			-e trace=open,openat,creat,rename,renameat,renameat2,unlink,unlinkat,mkdir,mkdirat,rmdir,symlink,symlinkat,link,linkat,truncate,chmod,fchmodat,chown,fchownat,utimensat \
			"$BIN" "$@" >"logs/$name.out" 2>"logs/$name.err"
	else
		"$BIN" "$@" >"logs/$name.out" 2>"logs/$name.err"
	fi
	RC=$?
	[[ " $want " == *" $RC "* ]] || fail "$name: salesgen $* exits $RC, not $want: $(head -c 600 "logs/$name.err")"
	snapshot "logs/$name.after"
	diff "logs/$name.before" "logs/$name.after" >"logs/$name.diff" ||
		fail "$name: salesgen $1 changed files outside its output folder: $(head -10 "logs/$name.diff")"
	if [ -n "$STRACE" ]; then
		writes "logs/$name.trace" >"logs/$name.writes"
		[ -s "logs/$name.writes" ] && fail "$name: salesgen $1 wrote outside its output folder: $(head -10 "logs/$name.writes")"
	fi
	return 0
}

# ---------------------------------------------------------------- builds
run full "0" build --content content --out out --clean --quiet
[ -s out/playbooks/project-stages.pdf ] || fail "the linked playbook was not built"
[ -s out/costs/huajun-auto.json ] || fail "the linked customer was not built"
[ -s out/proposals/hengtong-logistics.pdf ] || fail "the proposals were not built"
[ -d out/site ] || fail "the site was not built"
run again "0" build --content content --out out
grep -q ' 0 built' "logs/again.err" || fail "the second build rebuilt something: $(tail -1 logs/again.err)"
run threads "0" build --content content --out out-threads --workers threads --jobs 2 --quiet
run one "0" build --content content --out out --customer hengtong-logistics --clean --quiet
run shard "0" build --content content --out out-shard --shard 1/2 --quiet

# An edit, a removed playbook and a broken customer: rebuilt, removed and
# failed outputs, and the content as it was left by the user.
sed -i -E 's/(<offer [^>]*users=")[0-9]+"/\14321"/' content/shared/huajun-auto.xml
rm content/playbooks/self-hosted-segment.md
sed -i 's|<employees>1300</employees>|<employees>1300</employee>|' content/customers/hengtong-logistics.xml
run edited "1" build --content content --out out --quiet
[ ! -e out/playbooks/self-hosted-segment.pdf ] || fail "the removed playbook's PDF is still there"
grep -q '"users": 4321' out/costs/huajun-auto.json || fail "the edited customer was not built again"
cp "$SRC/content/customers/hengtong-logistics.xml" content/customers/

# The other commands, with their outputs in an output folder.
run check "0" check --content content
run cost "0" cost --json content/customers/huajun-auto.xml
run proposal "0" proposal content/customers/huajun-auto.xml -o out-one/proposal.pdf
run pdf "0" pdf content/playbooks/project-stages.md -o out-one/stages.pdf

# ---------------------------------------------------------------- links in the output folder
# A folder of outputs that is a link: nothing is written through it.
run links0 "0" build --content content --out out-links --quiet
mkdir outside/proposals outside/playbooks
cp out-links/playbooks/*.pdf outside/playbooks/
rm -rf out-links/proposals out-links/playbooks
ln -s "$WORK/outside/proposals" out-links/proposals
# An output whose source is gone, behind a linked folder: not removed there.
ln -s "$WORK/outside/playbooks" out-links/playbooks
rm content/playbooks/decision-chain.md
# An output that is itself a link to a file outside.
rm out-links/reports/pipeline.pdf
ln -s "$WORK/outside/victim.txt" out-links/reports/pipeline.pdf
sed -i -E 's/(<offer [^>]*users=")[0-9]+"/\14322"/' content/shared/huajun-auto.xml
run links1 "1" build --content content --out out-links
grep -q 'proposals/.*symbolic link' logs/links1.err || fail "no message about the linked proposals folder"
grep -q 'reports/pipeline.pdf.*symbolic link' logs/links1.err || fail "no message about the linked pipeline"
[ -z "$(ls outside/proposals)" ] || fail "proposals were written through a link: $(ls outside/proposals | head -3)"
[ -s outside/playbooks/decision-chain.pdf ] || fail "a stale output was removed through a linked folder"
[ "$(cat outside/victim.txt)" = 'keep me' ] || fail "the linked pipeline's target was changed"
grep -q '"users": 4322' out-links/costs/huajun-auto.json || fail "the other outputs were not built"
cp "$SRC/content/playbooks/decision-chain.md" content/playbooks/

# The state folder: its lock, its temporary folder, or all of it a link.
run state0 "0" build --content content --out out-state --quiet
rm -f out-state/.salesgen/lock
ln -s "$WORK/outside/victim.txt" out-state/.salesgen/lock
run lock "1 2" build --content content --out out-state --quiet
rm out-state/.salesgen/lock
rm -rf out-state/.salesgen/tmp
mkdir outside/tmp
ln -s "$WORK/outside/tmp" out-state/.salesgen/tmp
run tmp "1 2" build --content content --out out-state --clean --quiet
[ -z "$(ls outside/tmp)" ] || fail "temporary files were written through a link: $(ls outside/tmp | head -3)"
rm -rf out-state/.salesgen
ln -s "$WORK/outside" out-state/.salesgen
run state "1 2" build --content content --out out-state --clean --quiet
[ "$(ls outside | sort | tr '\n' ' ')" = "playbooks proposals tmp victim.txt " ] ||
	fail "the state folder was written through a link: $(ls outside)"
[ "$(cat outside/victim.txt)" = 'keep me' ] || fail "the lock's target was changed"

# ---------------------------------------------------------------- overlapping folders
# Refused before anything is written: exit 2, the content and theme as they were.
ln -s content content-link
for out in content content/out content/ ./content/../content content-link/out themes \
	themes/default themes/default/out . ..; do
	name=overlap-$(echo "$out" | tr -c 'a-z0-9\n' '_')
	run "$name" "2" build --content content --out "$out" --theme default --quiet
	grep -qE 'the output folder (is|is inside|holds) the (content|theme) folder' "logs/$name.err" ||
		fail "--out $out: no message about the overlap: $(head -c 300 "logs/$name.err")"
done
[ ! -e costs ] && [ ! -e content/costs ] && [ ! -e themes/costs ] || fail "an overlapping output folder was written"
rm content-link

verdict

#!/usr/bin/env bash
# End-to-end test of `salesgen cost`: the sample customer, the calculator, and
# the errors. Usage: bash cost_cli.sh SALESGEN_BINARY SOURCE_DIR WORKDIR
. "$(dirname "$0")/lib/prologue.sh" "$@"

# run NAME EXPECTED_EXIT ARGS...: runs the binary, keeps stdout and stderr.
run() {
	local name=$1 want=$2
	shift 2
	"$BIN" cost "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"
	local got=$?
	if [ "$got" != "$want" ]; then
		fail "$name: exit $got, expected $want (salesgen cost $*)"
		sed 's/^/    /' "$WORK/$name.err" | head -20
	fi
}

# has NAME TEXT...: the compacted output of NAME contains every TEXT.
has() {
	local name=$1
	shift
	local flat
	flat=$(tr -d ' \n' <"$WORK/$name.out")
	for want in "$@"; do
		case "$flat" in
		*"$want"*) ;;
		*) fail "$name: output lacks $want" ;;
		esac
	done
}

# one_line_error NAME FLAG: stderr is exactly one line and names FLAG.
one_line_error() {
	local name=$1 flag=$2
	local lines
	lines=$(wc -l <"$WORK/$name.err")
	[ "$lines" = 1 ] || fail "$name: error is $lines lines, expected 1"
	grep -q -- "$flag" "$WORK/$name.err" || fail "$name: error does not name $flag: $(cat "$WORK/$name.err")"
	[ -s "$WORK/$name.out" ] && fail "$name: printed something on stdout"
}

# ---------------------------------------------------------------- the sample
HENGTONG=$SRC/content/customers/hengtong-logistics.xml

run json 0 "$HENGTONG" --json
has json '"currency":"CNY"' \
	'"self_hosted":{"hardware":55000,"software":12000,"electricity":13315.2,"labour":240000,"renewals":102000,"annual":422315.2,"annual_without_labour":182315.2,"five_year":2111576,"five_year_without_labour":911576,' \
	'"offer":{"users":1000,"list_annual":120000,"discount":0.85,"annual":102000,"five_year":510000,"approval":"account-manager","price_line":100000,"over_price_line":true,"price_line_annual":99000,"price_line_discount":0.825,"price_line_approval":"account-manager",' \
	'"savings":{"annual":320315.2,"annual_without_labour":80315.2,"five_year":1582576,"five_year_without_labour":382576}' \
	'"segment":{"size_class":"A","fit":7,"fit_of":7,'
run json_again 0 "$HENGTONG" --json
cmp -s "$WORK/json.out" "$WORK/json_again.out" || fail "two runs gave different JSON"

run table 0 "$HENGTONG"
has table '422,315.20' '2,111,576.00' '13,315.20' '99,000.00' 'account-manager' '恒通物流'

# --content with the file elsewhere, and the content found from a copy.
mkdir -p "$WORK/elsewhere"
cp "$HENGTONG" "$WORK/elsewhere/"
run elsewhere 0 "$WORK/elsewhere/hengtong-logistics.xml" --content "$SRC/content" --json
has elsewhere '"approval":"account-manager"' '"annual":422315.2'
run no_content 2 "$WORK/elsewhere/hengtong-logistics.xml"
one_line_error no_content '--content'

cp -r "$SRC/content" "$WORK/content"
run copy 0 "$WORK/content/customers/hengtong-logistics.xml" --json
has copy '"annual":422315.2'

# A broken catalog: diagnostics with file and line, exit 1.
sed -i 's/unit-price="120"/unit-price="12,0"/' "$WORK/content/catalog.xml"
run broken 1 "$WORK/content/customers/hengtong-logistics.xml"
grep -q 'catalog.xml:[0-9]*' "$WORK/broken.err" || fail "broken: no catalog.xml:LINE diagnostic: $(cat "$WORK/broken.err")"
[ -s "$WORK/broken.out" ] && fail "broken: printed a result anyway"

run missing 2 "$WORK/content/customers/nobody.xml"

# ---------------------------------------------------------------- calculator
CALC=(--hardware 180000 --hardware 95000 --software 60000 --watts 1600 --kwh-price 0.95
	--staff 13000:0.6 --staff 11000:0.2 --renewal 36000 --renewal 48000 --renewal 18000
	--users 1000 --unit-price 120 --discount 0.85 --fee 15000 --fee=4000)
run calc 0 "${CALC[@]}" --json
has calc '"hardware":55000,"software":12000,"electricity":13315.2,"labour":240000,"renewals":102000,"annual":422315.2,' \
	'"list_annual":120000,"discount":0.85,"annual":102000,"five_year":510000,"approval":null,' \
	'"price_line_annual":99000,"price_line_discount":0.825,"price_line_approval":null' \
	'"five_year":1582576'
run calc_table 0 "${CALC[@]}"
has calc_table '422,315.20' '320,315.20'

run calc_electricity 0 --electricity 1000 --electricity 315.20 --json
has calc_electricity '"electricity":1315.2,'
run calc_years 0 --hardware 100000 --years 3 --json
has calc_years '"hardware":33333.33,'
run calc_line 0 --users 100 --unit-price 1000 --price-line 50000 --rounding-step 5000 --json
has calc_line '"price_line":50000,"over_price_line":true,"price_line_annual":45000,"price_line_discount":0.45,'
run calc_list 0 --users 10 --unit-price 96 --json
has calc_list '"discount":1.0,' '"over_price_line":false,"price_line_annual":null'

run help 0 --help
grep -q -- '--unit-price' "$WORK/help.out" || fail "help: does not list --unit-price"

# Bad flags and values: one line naming the flag, exit 2.
bad() {
	local name=$1 flag=$2
	shift 2
	run "$name" 2 "$@"
	one_line_error "$name" "$flag"
}
bad zero_users --users --users 0 --unit-price 120
bad negative --hardware --hardware -100
bad over_one --discount --users 10 --unit-price 120 --discount 1.5
bad share --staff --staff 10000:1.2
bad nan --software --software nan
bad inf --renewal --renewal inf
bad separator --hardware --hardware 12,000
bad unknown --colour --colour red
bad no_value --users --users
bad lonely_users --users --users 10
bad decimals --electricity --electricity 1.005

verdict

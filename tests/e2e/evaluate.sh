#!/bin/sh
# End-to-end tests of `vmux evaluate` on the bundled traces: hand-written
# plans (VMs dealt round-robin onto hosts with awk) fitted to nothing, whose
# overload rate, unmet fraction and violation rate are recomputed here with
# awk straight from the imported CSV; a plan evaluated on later PlanetLab
# days; VMs missing on either side; bad plan files (exit 65, file and line);
# usage errors (exit 2); --help lists every option. Run from the repo root.
. tests/common/e2e.sh
T=traces
O=$T_DIR

# deal TRACE HOSTS: a plan putting the VMs of TRACE round-robin on HOSTS
# hosts, in the order of first appearance, names kept as quoted in TRACE.
deal() {
	awk -F, -v h="$2" 'NR == 1 { print "vm,host,size_cpu"; next }
		!($2 in s) { s[$2] = 1; printf "%s,%d,0.5\n", $2, n++ % h }' "$1"; }
# expect TRACE PLAN CAP_CPU [CAP_MEM [FROM TO]]: "host overload unmet
# violation" rows, host "total" last, recomputed from the CSVs. A slot is
# overloaded when cpu (or mem, with CAP_MEM) sums above capacity x (1 +
# 2^-23, the store's precision); unmet is the cpu excess over cpu demand; a VM-slot is violated
# when the VM asks for more than 0 of an overloaded resource.
expect() {
	awk -F, -v cc="$3" -v cm="${4:-0}" -v t0="${5:--1e300}" \
		-v t1="${6:-1e300}" '
	NR == FNR { if (FNR > 1) { host[$1] = $2; nv[$2]++ } next }
	FNR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
	!($2 in host) || $1 < t0 || $1 >= t1 { next }
	{ h = host[$2]; k = h SUBSEP $1; c = $col["cpu"]
	  m = cm > 0 ? $col["mem"] : 0
	  dc[k] += c; dm[k] += m; ac[k] += (c > 0); am[k] += (m > 0)
	  acm[k] += (c > 0 || m > 0); if (!((h, $1) in seen)) {
	  seen[h, $1] = 1; slots[h]++ } }
	END { for (k in dc) { split(k, p, SUBSEP); h = p[1]
		D[h] += dc[k]; oc = dc[k] > cc * (1 + 2 ^ -23)
		om = cm > 0 && dm[k] > cm * (1 + 2 ^ -23)
		if (oc) U[h] += dc[k] - cc
		if (oc || om) O[h]++
		V[h] += oc && om ? acm[k] : oc ? ac[k] : om ? am[k] : 0 }
	  for (h in slots) { TS += slots[h]; TO += O[h]; TU += U[h]
		TD += D[h]; TV += V[h]; TVS += nv[h] * slots[h]
		printf "%s %.6f %.6f %.6f\n", h, O[h] / slots[h],
			U[h] / D[h], V[h] / (nv[h] * slots[h]) }
	  printf "total %.6f %.6f %.6f\n", TO / TS, TU / TD, TV / TVS }' \
	"$2" "$1"; }
# check NAME CSV EXPECTED_ROWS HOST...: compare the three rates of HOSTs.
check() {
	for h in $4; do
		set -- "$1" "$2" "$3" "$h"
		w=$(echo "$3" | awk -v h="$4" '$1 == h')
		t_near "$1: host $4 overload_rate" \
			"$(csv_col "$2" "$4" overload_rate)" "$(echo "$w" | cut -d' ' -f2)"
		t_near "$1: host $4 unmet_fraction" \
			"$(csv_col "$2" "$4" unmet_fraction)" "$(echo "$w" | cut -d' ' -f3)"
		t_near "$1: host $4 violation_rate" \
			"$(csv_col "$2" "$4" violation_rate)" "$(echo "$w" | cut -d' ' -f4)"
	done
}

# --- PlanetLab: a plan made on 2011-03-03, checked on 03-06 and 03-09.
P=$T/planetlab
for d in 20110303 20110306 20110309; do
	"$VMUX" import planetlab "$P/$d" -o "$O/pl$d.csv" >/dev/null 2>&1
done
deal "$O/pl20110303.csv" 30 > "$O/plan.csv"
t_eq "the hand-written plan places all 135 VMs" \
	"$(tail -n +2 "$O/plan.csv" | wc -l | tr -d ' ')" 135
for d in 20110306 20110309; do
	t_ok "planetlab $d: evaluate --csv" "$VMUX" evaluate \
		"$O/pl$d.csv" --plan "$O/plan.csv" --host-cpu 1 --csv
	cp "$O/out" "$O/ev$d.csv"
	want=$(expect "$O/pl$d.csv" "$O/plan.csv" 1)
	check "planetlab $d" "$O/ev$d.csv" "$want" "total 0 7 29"
	t_eq "planetlab $d: one row per host and a total row" \
		"$(tail -n +2 "$O/ev$d.csv" | cut -d, -f1 | tr '\n' ' ')" \
		"$(seq 0 29 | tr '\n' ' ')total "
	t_eq "planetlab $d: total slots = 30 hosts x 288" \
		"$(csv_col "$O/ev$d.csv" total slots)" 8640
done
t_eq "planetlab: the header" "$(head -1 "$O/ev20110306.csv")" \
	"host,vms,missing,slots,overload_rate,unmet_fraction,violation_rate"
# The two days differ: the comparison is not vacuous.
t_report "$(awk -v a="$(csv_col "$O/ev20110306.csv" total overload_rate)" \
	-v b="$(csv_col "$O/ev20110309.csv" total overload_rate)" \
	'BEGIN { exit !(a > 0 && b > 0 && a != b) }'; echo $?)" \
	"planetlab: both days overload some host-slots, differently"

# A window: 06:00 to 18:00 UTC on 2011-03-06 (1299369600 + 6 h, + 18 h).
t_ok "planetlab: --from --to" "$VMUX" evaluate "$O/pl20110306.csv" \
	--plan "$O/plan.csv" --host-cpu 1 --from 1299391200 --to 1299434400 \
	-o "$O/win.csv"
check "planetlab window" "$O/win.csv" \
	"$(expect "$O/pl20110306.csv" "$O/plan.csv" 1 0 1299391200 1299434400)" \
	"total 3"
t_eq "planetlab window: 144 slots per host" "$(csv_col "$O/win.csv" 3 slots)" 144

# Host ids are any string; a smaller capacity overloads more.
sed '2,$s/,\([0-9]*\),0.5$/,rack-a\/\1,0.5/' "$O/plan.csv" > "$O/named.csv"
t_ok "planetlab: hosts named by strings" "$VMUX" evaluate \
	"$O/pl20110306.csv" --plan "$O/named.csv" --host-cpu 0.8 --csv
check "planetlab cap 0.8" "$O/out" \
	"$(expect "$O/pl20110306.csv" "$O/named.csv" 0.8)" "total rack-a/5"

# Human summary.
t_ok "planetlab: human summary" "$VMUX" evaluate "$O/pl20110306.csv" \
	--plan "$O/plan.csv" --host-cpu 1
t_grep "^plan .*: 30 hosts, 135 VMs; trace: 288 slots of 300 s" "$O/out" \
	"summary: hosts, VMs, slots"
t_grep "missing from the trace 0, in the trace but not planned 0" "$O/out" \
	"summary: missing and unplanned counts"
t_grep "host-slots 8640: overloaded [0-9]+ \\([0-9.]+ %\\)" "$O/out" "summary: host-slots"

# --- Bitbrains, cpu and mem: overload on ANY resource, per-resource columns.
"$VMUX" import bitbrains "$T/bitbrains-rnd/2013-7" -o "$O/bb.csv" \
	>/dev/null 2>&1
deal "$O/bb.csv" 4 > "$O/bbplan.csv"
# The window 2013-07-29 19:40 to 07-30 13:05 UTC has a sample of every VM
# in every slot (no gap for the ingest to fill), so awk sees what vmux sees.
BB0=1375129200 BB1=1375191900
t_eq "bitbrains: the window has no gap" "$(awk -F, -v a=$BB0 -v b=$BB1 \
	'NR > 1 && $1 >= a && $1 < b' "$O/bb.csv" | wc -l | tr -d ' ')" \
	$(( (BB1 - BB0) / 300 * 20 ))
t_ok "bitbrains: evaluate cpu + mem" "$VMUX" evaluate "$O/bb.csv" \
	--plan "$O/bbplan.csv" --host-cpu 0.1 --host-mem 1200 \
	--from $BB0 --to $BB1 -o "$O/bbev.csv"
t_eq "bitbrains: per-resource columns" "$(head -1 "$O/bbev.csv")" \
	"host,vms,missing,slots,overload_rate,unmet_fraction,violation_rate,overload_cpu,unmet_cpu,overload_mem,unmet_mem"
check "bitbrains cpu+mem" "$O/bbev.csv" \
	"$(expect "$O/bb.csv" "$O/bbplan.csv" 0.1 1200 $BB0 $BB1)" \
	"total 0 1 2 3"
# Host 1 overloads on cpu alone in some slots, on mem alone in others.
t_report "$(awk -F, '$1 == "1" { exit !($5 > $8 && $5 > $10 && $8 > 0) }' \
	"$O/bbev.csv"; echo $?)" \
	"bitbrains: overloaded on ANY resource, more than on each alone"

# --- Missing on either side: counted, warned, not fatal.
{ head -1 "$O/plan.csv"; sed -n '3,$p' "$O/plan.csv"
  echo 'ghost-1,0,0.5'; echo 'ghost-2,99,0.5'; echo 'ghost-3,99,0.5'; } \
	> "$O/miss.csv"
t_ok "missing and unplanned VMs are not fatal" "$VMUX" evaluate \
	"$O/pl20110306.csv" --plan "$O/miss.csv" --host-cpu 1 --csv
cp "$O/out" "$O/miss.out"
t_grep "warning: evaluate: 3 VMs of the plan missing from .*first 'ghost-1', .*miss.csv:136" \
	"$O/err" "missing VMs: warned with the first one's line"
t_grep "warning: evaluate: 1 VM of .* not in the plan" "$O/err" \
	"unplanned VMs: warned"
t_grep "host '99' \(.*miss.csv:137\) has 2 VMs, none in" "$O/err" \
	"a host with no VM in the trace: warned"
t_eq "missing: host 0 counts one" "$(csv_col "$O/miss.out" 0 missing)" 1
t_eq "missing: total counts three" "$(csv_col "$O/miss.out" total missing)" 3
t_eq "a host with no VM in the trace: slots 0, rates empty" \
	"$(grep '^99,' "$O/miss.out")" "99,0,2,0,,,"
t_ok "missing: human summary" "$VMUX" evaluate "$O/pl20110306.csv" \
	--plan "$O/miss.csv" --host-cpu 1
t_grep "VMs evaluated 134 \(present in both\), missing from the trace 3, in the trace but not planned 1" \
	"$O/out" "missing: counted in the summary"
t_exit 65 "--strict: a VM missing from the trace exits 65" "$VMUX" evaluate \
	"$O/pl20110306.csv" --plan "$O/miss.csv" --host-cpu 1 --strict
t_grep "miss.csv:136: field 'vm': VM 'ghost-1' is not in" "$O/err" \
	"--strict: file, line and field"
printf 'vm,host\nnobody,0\nnone,1\n' > "$O/alien.csv"
t_exit 65 "a plan sharing no VM with the trace exits 65" "$VMUX" evaluate \
	"$O/pl20110306.csv" --plan "$O/alien.csv" --host-cpu 1
t_grep "alien.csv:2: field 'vm': no VM of the plan \(2 VMs\) is in" "$O/err" \
	"no VM in common: file, line and field"

# --- Bad plan files: exit 65, FILE:LINE: field 'NAME', nothing written.
bad() { # NAME TEXT WHERE
	printf "$2" > "$O/bad.csv"
	t_exit 65 "bad plan: $1 exits 65" "$VMUX" evaluate "$O/pl20110306.csv" \
		--plan "$O/bad.csv" --host-cpu 1 -o "$O/never.csv"
	t_grep "bad.csv:$3" "$O/err" "bad plan: $1 names file, line, field"
}
bad "unknown host column" 'vm,hots\na,0\n' "1: field 'host': missing column"
bad "missing vm column" 'name,host\na,0\n' "1: field 'vm': missing column"
bad "duplicate VM" 'vm,host\na,0\nb,1\na,2\n' \
	"4: field 'vm': VM 'a' is placed twice \\(first on line 2\\)"
bad "empty VM name" 'vm,host\na,0\n,1\n' "3: field 'vm': empty VM name"
bad "empty host" 'vm,host\na,0\nb,\n' "3: field 'host': empty host name"
bad "empty file" '' "1: field 'vm': empty file"
bad "header only" 'vm,host\n' "2: field 'vm': no rows"
bad "unterminated quote" 'vm,host\na,0\n"b,1\nc,2\n' \
	"3: field 'vm': unterminated quoted field"
bad "too many fields" 'vm,host\na,0\nb,1,2\n' "3: field '\\(extra\\)'"
bad "too few fields" 'vm,host,size\na,0,1\nb,1\n' \
	"3: field 'size': missing field"
t_eq "a failed evaluate leaves no output nor temporary file" \
	"$(ls "$O" | grep -c '^never\.csv')" 0
t_exit 74 "a missing plan exits 74" "$VMUX" evaluate "$O/pl20110306.csv" \
	--plan "$O/nosuch.csv" --host-cpu 1
t_grep "nosuch.csv" "$O/err" "a missing plan: the path is named"
t_exit 74 "a missing trace exits 74" "$VMUX" evaluate "$O/nosuch-trace.csv" \
	--plan "$O/plan.csv" --host-cpu 1
t_exit 65 "--host-mem on a trace without mem exits 65" "$VMUX" evaluate \
	"$O/pl20110306.csv" --plan "$O/plan.csv" --host-cpu 1 --host-mem 1024
t_grep "option '--host-mem': .* has no 'mem' column" "$O/err" \
	"--host-mem without mem: says why"
t_exit 65 "a window outside the trace exits 65" "$VMUX" evaluate \
	"$O/pl20110306.csv" --plan "$O/plan.csv" --host-cpu 1 --from 0 --to 10

# --- Usage errors: exit 2, naming the option.
usage() { # NAME PATTERN ARGS...
	n=$1 p=$2; shift 2
	t_exit 2 "usage: $n exits 2" "$VMUX" evaluate "$@"
	t_grep "$p" "$O/err" "usage: $n names it"
}
PL=$O/pl20110306.csv
usage "no --plan" "'--plan' is required" "$PL" --host-cpu 1
usage "no --host-cpu" "'--host-cpu' is required" "$PL" --plan "$O/plan.csv"
usage "--host-cpu 0" "'--host-cpu': '0' is out of range \\(0, inf\\)" "$PL" --plan "$O/plan.csv" \
	--host-cpu 0
usage "--host-mem x" "'--host-mem': 'x' is not a number" "$PL" \
	--plan "$O/plan.csv" --host-cpu 1 --host-mem x
usage "--from after --to" "'--to': must be after '--from'" "$PL" \
	--plan "$O/plan.csv" --host-cpu 1 --from 10 --to 5
usage "an unknown option" "^vmux evaluate: unknown option '--bogus'; see 'vmux evaluate --help'\$" "$PL" --bogus
usage "no TRACE" "missing TRACE" --plan "$O/plan.csv" --host-cpu 1
usage "two TRACEs" "one TRACE expected" "$PL" "$PL" --plan "$O/plan.csv" \
	--host-cpu 1

# --- --help lists every long option the command accepts, and -o.
t_ok "evaluate --help exits 0" "$VMUX" evaluate --help
for o in $(sed -n 's/^[[:space:]]*{ "\([a-z-]*\)", .*/\1/p' sim/cli/cmd_evaluate.c); do
	t_grep "[-][-]$o" "$O/out" "--help lists --$o"
done
t_grep "^  -o FILE" "$O/out" "--help lists -o"
# --virt: demand x 2 on capacity C is the same replay as demand on C / 2.
printf 'style,resource,factor,source\ntwice,cpu,2,test\n' > "$O/twice.csv"
"$VMUX" import planetlab traces/planetlab/20110306 -o "$O/virt06.csv" >/dev/null 2>&1
awk -F, 'NR > 1 { print $2 "," (NR % 7) }' "$O/virt06.csv" | sort -u -t, -k1,1 |
	{ echo vm,host; cat; } > "$O/virt.plan"
t_ok "evaluate --virt twice" "$VMUX" evaluate "$O/virt06.csv" --plan "$O/virt.plan" \
	--host-cpu 1 --virt twice --overhead "$O/twice.csv" --csv
tail -1 "$O/out" > "$O/virt.total"
t_ok "evaluate at half the capacity" "$VMUX" evaluate "$O/virt06.csv" --plan "$O/virt.plan" \
	--host-cpu 0.5 --csv
tail -1 "$O/out" > "$O/half.total"
t_ok "--virt x2 = capacity / 2" cmp "$O/virt.total" "$O/half.total"
t_exit 2 "--overhead without --virt" "$VMUX" evaluate "$O/virt06.csv" --plan "$O/virt.plan" \
	--host-cpu 1 --overhead "$O/twice.csv"
t_grep "option '--overhead' needs '--virt'" "$O/err" "... naming both"
t_exit 65 "--virt with an unknown style" "$VMUX" evaluate "$O/virt06.csv" --plan "$O/virt.plan" \
	--host-cpu 1 --virt nope --overhead "$O/twice.csv"

# A rate is written to 10 significant digits: one overloaded slot in
# 2,100,000 (4.76e-7) was written as 0.000000, which a script reads as
# "never overloaded". One VM, one host of 1 core, 2.1 M slots of 60 s.
awk 'BEGIN { print "time,vm,cpu"
	for (i = 0; i < 2100000; i++) print i * 60 ",a," (i == 7 ? 2 : 0.5) }' \
	>"$O/long.csv"
printf 'vm,host\na,0\n' >"$O/long.plan"
t_ok "evaluate 2.1 M slots" "$VMUX" evaluate "$O/long.csv" \
	--plan "$O/long.plan" --host-cpu 1 --csv
rate=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "overload_rate") c = i }
	$1 == "total" { print $c }' "$O/out")
t_eq "one overloaded slot in 2.1 M is not written as 0" "$rate" \
	"$(awk 'BEGIN { printf "%.10g", 1 / 2100000 }')"
rm -f "$O/long.csv"

# A slot whose decimal demand is exactly the capacity is not overloaded,
# although the values (8 significant digits) are stored as floats: .33333334
# + .66666666 = 1 in decimal, 1.0000000298 in floats (numpy float32), above
# 1 + 1e-9 (the old tolerance) but within 1 + 2^-23. In slot 2 the sum is
# .83333334, in slot 3 1.01 (over).
printf 'time,vm,cpu\n0,a,0.33333334\n0,b,0.66666666\n300,a,0.33333334\n300,b,0.5\n600,a,0.33333334\n600,b,0.67666666\n' \
	>"$O/exact.csv"
printf 'vm,host\na,0\nb,0\n' >"$O/exact.plan"
t_ok "evaluate a slot at capacity exactly" "$VMUX" evaluate "$O/exact.csv" \
	--plan "$O/exact.plan" --host-cpu 1 --csv
t_eq "... only the slot above it is overloaded" \
	"$(awk -F, '$1 == "total" { print $5 }' "$O/out")" \
	"$(awk 'BEGIN { printf "%.10g", 1 / 3 }')"
# A host overloaded in exactly the share of slots P allows is not above
# the target: at P99.9, 1 slot of 1,000 (0.1 %, as the plan's k = 1
# allowed). (100 - 99.9) / 100 is 0.000999...94 in doubles, and evaluate
# counted the host as above it while report said it was not.
awk 'BEGIN { print "time,vm,cpu"; for (i = 0; i < 1000; i++) {
	v = i == 500 ? 0.6 : 0.4; print i * 300 ",a," v; print i * 300 ",b," v } }' \
	>"$O/k1.csv"
t_ok "plan P99.9 with one slot over" "$VMUX" plan "$O/k1.csv" --host-cpu 1 \
	--percentile 99.9 --policy joint -o "$O/k1.plan"
t_eq "... both VMs on one host (k = 1 slot allowed)" \
	"$(cut -d, -f2 "$O/k1.plan" | sort -u | tr '\n' ' ')" "0 host "
t_ok "evaluate it on its own trace" "$VMUX" evaluate "$O/k1.csv" --plan "$O/k1.plan"
t_grep '^host-slots 1000: overloaded 1 \(0\.10 %\)' "$O/out" "... 1 of 1000 slots over"
t_grep '^hosts above the 0\.1 % target: 0 of 1 evaluated$' "$O/out" \
	"... and the host is not above the 0.1 % target"
# --- Names with a line break or a tab (quoted CSV fields): the human
# output's "worst:" line broke in two; names there are written as
# messages write them (\xNN), the line whole. The CSV quotes them.
A=node1_planetlab_albany_edu_princeton_codeen
B=planetdev02_fm_intel_com_root
printf 'vm,host\n%s,"a\nb"\n%s,"c\td"\n' "$A" "$B" > "$O/ctl.plan"
t_ok "evaluate: host names with a line break and a tab" "$VMUX" evaluate \
	"$O/pl20110303.csv" --plan "$O/ctl.plan" --host-cpu 0.01
t_grep '^hosts overloaded at least once: 2 of 2; worst: host (a\\x0ab|c\\x09d) [0-9.]+ %, host (a\\x0ab|c\\x09d) [0-9.]+ %$' \
	"$O/out" "the worst line is one line, names escaped"
t_eq "no line of the human output starts with a name's second half" \
	"$(grep -c '^b \|^host c' "$O/out")" 0
t_ok "evaluate --csv with the same names" "$VMUX" evaluate \
	"$O/pl20110303.csv" --plan "$O/ctl.plan" --host-cpu 0.01 --csv
t_grep '^"a$' "$O/out" "the CSV quotes a name holding a line break"
# A window of a trace of several days: a plan VM with no data in the
# window (absent that day) was counted as evaluated, at zero demand (03-03
# and 03-06 in one trace, 20 VMs gone on 03-06: "VMs evaluated 135 ...,
# missing 0", no word that the evaluation does not cover the plan). It is
# now missing, as with the day in a file of its own: the same CSV.
"$VMUX" import planetlab traces/planetlab/20110306 -o "$O/pl06.csv" >/dev/null 2>&1
awk -F, 'NR > 1 && !($2 in k) && n < 20 { k[$2] = 1; n++ }
	NR == 1 || !($2 in k)' "$O/pl06.csv" >"$O/pl06less.csv"
{ cat "$O/pl20110303.csv"; tail -n +2 "$O/pl06less.csv"; } >"$O/pl0306.csv"
"$VMUX" plan "$O/pl0306.csv" --host-cpu 1 --train-to 2011-03-04 \
	-o "$O/p0306.csv" >/dev/null 2>&1
t_ok "evaluate a window with 20 of the plan's VMs absent" "$VMUX" evaluate \
	"$O/pl0306.csv" --plan "$O/p0306.csv" --from 2011-03-06 -o "$O/w.csv"
t_grep "this evaluation does not cover the plan: 14.8 % of its VMs \\(20 of 135\\)" \
	"$O/err" "... the 20 missing, said"
t_ok "... and the day in a file of its own" "$VMUX" evaluate \
	"$O/pl06less.csv" --plan "$O/p0306.csv" -o "$O/f.csv"
t_eq "... the same CSV" "$(cmp "$O/w.csv" "$O/f.csv" && echo same)" same
! grep -q 'in sample' "$O/err"
t_report $? "... another trace: not said to be in sample"
# A window of the very trace the plan was fitted on that overlaps its
# training window is in sample: evaluate said nothing, and its figures
# read as a test of the plan on data it had not seen (report and
# frontier refuse such a window). Said now, the trace known by PLAN.meta's
# size and digest (a copy under another name is the same data).
"$VMUX" evaluate "$O/pl0306.csv" --plan "$O/p0306.csv" --from 2011-03-06 \
	>/dev/null 2>"$O/late.err"
! grep -q 'in sample' "$O/late.err"
t_report $? "evaluate after the training window: not said to be in sample"
t_ok "evaluate the whole training trace" "$VMUX" evaluate "$O/pl0306.csv" \
	--plan "$O/p0306.csv" --csv
t_grep "^vmux: warning: evaluate: '.*pl0306.csv' is the trace the plan '.*p0306.csv' was fitted on \\(.*p0306.csv.meta: trace_sha256\\) and the evaluation window \\[1299110400, 1299456000\\) s overlaps its training window \\[1299110400, 1299196800\\) s: these figures are in sample, not a test of the plan; evaluate another trace, or from 1299196800 s on\$" \
	"$O/err" "... said to be in sample, both windows named"
cp "$O/pl0306.csv" "$O/copy.csv"
t_ok "evaluate a copy of the training trace, half overlapping" "$VMUX" \
	evaluate "$O/copy.csv" --plan "$O/p0306.csv" --from 2011-03-03T12:00 \
	--to 2011-03-04T12:00
t_grep "'.*copy.csv' is the trace the plan .* \\[1299153600, 1299240000\\) s overlaps its training window" \
	"$O/err" "... said to be in sample (the window on the trace's grid)"
# A trace of another step than the plan's: the plan's service level
# counts slots of 300 s; replayed on 600-s samples (every other slot of
# 03-06) the rates were printed as if comparable, without a word.
awk -F, 'NR == 1 || ($1 - 1299369600) % 600 == 0' "$O/pl06less.csv" \
	>"$O/pl06_600.csv"
t_ok "evaluate a 300-s plan on a 600-s trace" "$VMUX" evaluate \
	"$O/pl06_600.csv" --plan "$O/p0306.csv"
t_grep "^vmux: warning: evaluate: '.*pl06_600.csv' has slots of 600 s, the plan '.*p0306.csv' was fitted on slots of 300 s \\(.*p0306.csv.meta: step\\): the service level counts slots of 300 s, so rates over slots of 600 s \\(coarser ones hide short peaks\\) are not what it promises \\(resample the trace to 300 s\\)\$" \
	"$O/err" "... the other step said"
t_grep "^plan .*: [0-9]+ hosts, 135 VMs; trace: 144 slots of 600 s" "$O/out" \
	"... and replayed as it is"
! grep -q 'slots of 600 s, the plan' "$O/late.err"
t_report $? "... a trace of the plan's step: nothing said"
t_done

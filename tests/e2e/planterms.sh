#!/bin/sh
# End-to-end tests of a plan's terms (PLAN.meta) and the per-host table:
# the terms round-trip (capacities, percentile, promise, window, the
# trace's size and SHA-256 checked with sha256sum); evaluate, report and
# validate take the capacities from the plan, and a conflicting
# --host-cpu/--host-mem exits 2 naming both values; evaluate and report
# take the percentile too, report the promise scope (a conflict exits 2;
# evaluate --percentile sets a hand-written plan's target) and states the
# scope as the plan summary does, and the training window where none is
# given; a plan without terms
# still works with capacities on the command line, a replay takes the
# plan's --virt factors (another factor exits 2), a stale PLAN.meta is
# ignored with a warning; evaluate says when it does not cover the plan;
# the per-host table of a three-VM trace against numbers worked by hand.
. tests/common/e2e.sh
O=$T_DIR

key() { sed -n "s/^$2=//p" "$1"; } # key FILE KEY

# A three-VM trace, 20 slots of 300 s (values worked by hand below).
awk 'BEGIN { print "time,vm,cpu,mem"
	for (s = 0; s < 20; s++) {
		a = s == 0 ? 0.6 : s == 1 ? 0.5 : s == 2 ? 0.4 : 0.2
		b = s == 5 ? 0.5 : s == 6 ? 0.45 : s == 7 ? 0.35 : 0.3
		c = s == 10 ? 1.2 : 0.9
		t = 1000 + 300 * s
		printf "%d,a,%g,100\n%d,b,%g,100\n%d,c,%g,100\n", t, a, t, b, t, c
	} }' >"$O/t.csv"

t_ok "plan with terms" "$VMUX" plan "$O/t.csv" --host-cpu 1 --host-mem 1000 \
	--percentile 90 --policy separate -o "$O/p.csv" --host-table "$O/h.csv"
M="$O/p.csv.meta"
t_eq "terms: host_cpu" "$(key "$M" host_cpu)" 1
t_eq "terms: host_mem" "$(key "$M" host_mem)" 1000
t_eq "terms: percentile" "$(key "$M" percentile)" 90
t_eq "terms: promise" "$(key "$M" promise)" fleet
t_eq "terms: policy" "$(key "$M" policy)" separate
t_eq "terms: window" "$(key "$M" train_from),$(key "$M" train_to),$(key "$M" slots)" \
	"1000,7000,20"
t_eq "terms: trace size" "$(key "$M" trace_size)" "$(wc -c <"$O/t.csv" | tr -d ' ')"
t_eq "terms: trace SHA-256" "$(key "$M" trace_sha256)" \
	"$(sha256sum "$O/t.csv" | cut -d' ' -f1)"
t_eq "terms: plan SHA-256" "$(key "$M" plan_sha256)" \
	"$(sha256sum "$O/p.csv" | cut -d' ' -f1)"
t_eq "terms: seed and version" "$(key "$M" seed),$(key "$M" vmux_version)" \
	"1,$("$VMUX" version | awk '{ print $2 }')"
# The build: the commit the binary came from, as git names it, so two
# builds that both say 0.1.0 are told apart. (A commit of this repository,
# not necessarily HEAD: a commit may land while the tests run.)
B=$(key "$M" vmux_build)
t_eq "terms: the build is the one vmux version prints" \
	"vmux $(key "$M" vmux_version) (build $B)" "$("$VMUX" version)"
if git rev-parse HEAD >/dev/null 2>&1; then
	ok=1
	[ ${#B} -ge 7 ] && git cat-file -e "${B%-dirty}^{commit}" 2>/dev/null &&
		ok=0
	t_report $ok "terms: vmux_build names a commit of the tree" "build '$B'"
else
	t_eq "terms: vmux_build outside a git checkout" "$B" unknown
fi

# robust's interval is of a period as long as a held-out fold (a quarter
# of a one-day window, a day of a longer one): PLAN.meta records it as
# estimate_period (s), which it did not (the interval carried no period),
# and the summary names the same period. Other policies have none.
for n in 1 2; do
	"$VMUX" gen --vms 12 --slots $((288 * n)) --seed 5 -o "$O/r$n.csv" \
		>/dev/null 2>&1
	"$VMUX" plan "$O/r$n.csv" --host-cpu 8 -o "$O/r$n.plan" \
		>"$O/r$n.sum" 2>/dev/null
done
t_eq "terms: a one-day plan's interval is of a quarter day" \
	"$(key "$O/r1.plan.meta" estimate_period)" $((86400 / 4))
t_grep "interval \[[0-9.]+%, [0-9.]+%\] of a later 6-h block like" \
	"$O/r1.sum" "... as the summary says"
t_eq "terms: a two-day plan's interval is of a day" \
	"$(key "$O/r2.plan.meta" estimate_period)" 86400
t_grep "interval \[[0-9.]+%, [0-9.]+%\] of a later day like" "$O/r2.sum" \
	"... as the summary says"
t_eq "terms: no estimate_period without an interval (separate)" \
	"$(grep -c '^estimate' "$M")" 0
# An older PLAN.meta has an interval and no period: still read.
grep -v '^estimate_period=' "$O/r1.plan.meta" >"$O/r1.old" &&
	mv "$O/r1.old" "$O/r1.plan.meta"
t_ok "terms: a PLAN.meta without estimate_period is read" "$VMUX" evaluate \
	"$O/r1.csv" --plan "$O/r1.plan"
# (the replay of the plan's own trace is said to be in sample: not about
# the terms)
grep -v 'these figures are in sample' "$O/err" >"$O/err.terms"
[ ! -s "$O/err.terms" ]
t_report $? "... with no warning" "$(head -c 300 "$O/err.terms")"
printf 'estimate_period=0\n' >>"$O/r1.plan.meta"
t_exit 65 "terms: an estimate_period of 0 is bad data" "$VMUX" evaluate \
	"$O/r1.csv" --plan "$O/r1.plan"
t_grep "r1\.plan\.meta:[0-9]+: field 'estimate_period': must be > 0" \
	"$O/err" "... naming file, line and field"

# A plan of more than 50 hosts shows the 50 with the most in-sample
# overload (ties: the lower host), in host order; --host-table has them all.
"$VMUX" gen --vms 400 --slots 48 --seed 3 -o "$O/g.csv" 2>/dev/null
t_ok "plan of many hosts" sh -c "'$VMUX' plan '$O/g.csv' --host-cpu 8 \
	--policy sbp -o '$O/g.plan' --host-table '$O/gh.csv' >'$O/g.sum'"
t_ok "more than 50 hosts" [ "$(($(wc -l <"$O/gh.csv") - 1))" -gt 50 ]
t_grep "the 50 of .* hosts with the most in-sample overload" "$O/g.sum" \
	"host table: says which 50 it shows"
t_grep "; --host-table FILE writes every host\)" "$O/g.sum" \
	"host table: names the option that writes every host"
# Capacities of 10,000 and more (MiB) in whole units, not 1.638e+04.
"$VMUX" gen --vms 8 --slots 48 --seed 4 --resources cpu,mem -o "$O/gm.csv" \
	2>/dev/null
"$VMUX" plan "$O/gm.csv" --host-cpu 64 --host-mem 163840 -o "$O/gm.plan" \
	>"$O/gm.sum" 2>/dev/null
t_eq "host table: a capacity of 163840 MiB printed whole" \
	"$(awk '/^  host   vms/ { getline; print $9 }' "$O/gm.sum")" 163840
awk '/^  host   vms/ { on = 1; next } on { print $1 }' "$O/g.sum" >"$O/shown"
tail -n +2 "$O/gh.csv" | sort -t, -k7,7gr -k1,1n | head -50 | cut -d, -f1 |
	sort -n >"$O/top50"
t_eq "host table: the 50 most overloaded, in host order" \
	"$(tr '\n' ' ' <"$O/shown")" "$(tr '\n' ' ' <"$O/top50")"
# --hosts, the table's older name, writes the same table.
"$VMUX" plan "$O/g.csv" --host-cpu 8 --policy sbp -o "$O/g2.plan" \
	--hosts "$O/gh2.csv" >/dev/null 2>&1
t_ok "--hosts (older name) writes the same table" cmp "$O/gh.csv" "$O/gh2.csv"

# Per host (P90 of 20 slots: 2 may lie above, so the 3rd largest):
# separate, first fit decreasing: c (0.9) opens host 0; a (0.4) does not
# fit beside it and opens host 1; b (0.35) joins a. Host 1's summed demand
# is 0.9, 0.8, 0.7 (slots 0-2), 0.7, 0.65, 0.55 (slots 5-7), else 0.5: its
# P90 is 0.7 against own sizes 0.4 + 0.35; host 0 is over 1 core in slot
# 10 only (1/20). Memory: 100 each, so joint = own = 100 and 200.
t_eq "host table: header" "$(head -1 "$O/h.csv")" \
	"host,vms,own_cpu,joint_cpu,cap_cpu,headroom_cpu,own_mem,joint_mem,cap_mem,headroom_mem,overload_in"
t_eq "host table: host 0" "$(sed -n 2p "$O/h.csv")" \
	"0,1,0.9,0.9,1,0.1,100,100,1000,0.9,0.05"
t_eq "host table: host 1" "$(sed -n 3p "$O/h.csv")" \
	"1,2,0.75,0.7,1,0.3,200,200,1000,0.8,0"
t_ok "host table in the human summary" "$VMUX" plan "$O/t.csv" --host-cpu 1 \
	--percentile 90 --policy separate
t_grep "^ +1 +2 +0.75 +0.7 +1 +30.0% +0.00%" "$O/out" "human host table: host 1"

# Capacities from the plan.
t_ok "evaluate with the plan's capacities" "$VMUX" evaluate "$O/t.csv" \
	--plan "$O/p.csv" --csv
cp "$O/out" "$O/ev1"
t_ok "evaluate with the same capacities given" "$VMUX" evaluate "$O/t.csv" \
	--plan "$O/p.csv" --host-cpu 1 --host-mem 1000 --csv
t_eq "the same evaluation" "$(cat "$O/out")" "$(cat "$O/ev1")"
t_eq "mem constrained from the plan (overload_mem column)" \
	"$(head -1 "$O/ev1" | grep -c overload_mem)" 1
# A trace without the mem column the plan was packed for: the message
# named "option '--host-mem'", which nobody gave (PLAN.meta did).
cut -d, -f1-3 "$O/t.csv" >"$O/tcpu.csv"
t_exit 65 "evaluate on a trace without the plan's mem: exit 65" "$VMUX" \
	evaluate "$O/tcpu.csv" --plan "$O/p.csv"
t_grep "^vmux: evaluate: the plan '.*p.csv' was packed for mem \(host_mem=1000, .*p.csv.meta\), but '.*tcpu.csv' has no 'mem' column$" \
	"$O/err" "... naming PLAN.meta's host_mem, not an option"
t_exit 65 "report on it: exit 65" "$VMUX" report --trace "$O/tcpu.csv" \
	--plan "$O/p.csv" --no-charts -o "$O/rcpu"
t_grep "^vmux: report: the plan '.*p.csv' was packed for mem \(host_mem=1000, .*p.csv.meta\), but '.*tcpu.csv' has no 'mem' column$" \
	"$O/err" "report: the same words"
t_exit 65 "evaluate --host-mem given on a cpu-only trace: exit 65" "$VMUX" \
	evaluate "$O/tcpu.csv" --plan "$O/p.csv" --host-mem 1000
t_grep "the plan '.*p.csv' was packed for mem" "$O/err" \
	"... the plan's terms named though the option agrees"
t_exit 2 "evaluate: conflicting --host-cpu exits 2" "$VMUX" evaluate \
	"$O/t.csv" --plan "$O/p.csv" --host-cpu 2
t_grep "'--host-cpu' 2 conflicts with the plan's host_cpu=1" "$O/err" \
	"evaluate: the message names both values"
t_exit 2 "evaluate: conflicting --host-mem exits 2" "$VMUX" evaluate \
	"$O/t.csv" --plan "$O/p.csv" --host-mem 500
t_grep "'--host-mem' 500 conflicts with the plan's host_mem=1000" "$O/err" \
	"evaluate --host-mem: both values named"
# Two values that differ are shown as two numbers (%g showed 1000.0001 and
# 1000 both as "1000").
t_exit 2 "evaluate: --host-mem a little off the plan's exits 2" "$VMUX" \
	evaluate "$O/t.csv" --plan "$O/p.csv" --host-mem 1000.0001
t_grep "'--host-mem' 1000.0001 conflicts with the plan's host_mem=1000 " \
	"$O/err" "evaluate: values that differ are printed apart"
t_exit 2 "evaluate: conflicting --percentile exits 2" "$VMUX" evaluate \
	"$O/t.csv" --plan "$O/p.csv" --percentile 95
t_grep "^vmux evaluate: option '--percentile' 95 conflicts with the plan's percentile=90 \(.*p.csv.meta\)" \
	"$O/err" "evaluate --percentile: both values named"
t_ok "evaluate: --percentile the plan's own" "$VMUX" evaluate "$O/t.csv" \
	--plan "$O/p.csv" --percentile 90
t_grep "^hosts above the 10 % target: " "$O/out" \
	"evaluate --percentile 90 on a P90 plan: its 10 % target"
t_exit 2 "report: --percentile a little off the plan's exits 2" "$VMUX" \
	report --trace "$O/t.csv" --plan "$O/p.csv" --percentile 90.0000001 \
	--no-charts -o "$O/r"
t_grep "'--percentile' 90.0000001 conflicts with the plan's percentile=90 " \
	"$O/err" "report: percentiles that differ are printed apart"
t_exit 2 "report: conflicting --host-cpu exits 2" "$VMUX" report \
	--trace "$O/t.csv" --plan "$O/p.csv" --host-cpu 2 --no-charts -o "$O/r"
t_grep "conflicts with the plan's host_cpu=1" "$O/err" "report: both values"
t_exit 2 "report: conflicting --percentile exits 2" "$VMUX" report \
	--trace "$O/t.csv" --plan "$O/p.csv" --percentile 95 --no-charts -o "$O/r"
t_grep "'--percentile' 95 conflicts with the plan's percentile=90" "$O/err" \
	"report --percentile: both values named"
t_exit 2 "report: conflicting --promise exits 2" "$VMUX" report \
	--trace "$O/t.csv" --plan "$O/p.csv" --promise host --no-charts -o "$O/r"
t_grep "'--promise' host conflicts with the plan's promise=fleet" "$O/err" \
	"report --promise: both values named"
t_ok "report takes percentile and promise from the plan" "$VMUX" report \
	--trace "$O/t.csv" --plan "$O/p.csv" --percentile 90 --promise fleet \
	--no-charts -o "$O/r"
t_grep "90th percentile, promise fleet-wide: at most 10 % of all host-slots" \
	"$O/r/index.html" "report: the plan's percentile and scope stated"
t_ok "plan --promise host" "$VMUX" plan "$O/t.csv" --host-cpu 1 \
	--percentile 90 --policy separate --promise host -o "$O/ph.csv"
t_grep "promise \(host\): a host is above the target when more than 10% of its own slots are above capacity; at most 10% of the hosts may be$" \
	"$O/out" "plan summary: the per-host scope stated as README"
t_ok "report of a --promise host plan" "$VMUX" report --trace "$O/t.csv" \
	--plan "$O/ph.csv" --no-charts -o "$O/rh"
# In the plan summary's words (above), 10 = 100 - 90.
t_grep "90th percentile, promise per host: a host is above the target when more than 10 % of its own slots are above capacity; at most 10 % of the hosts may be \(PLAN\.meta\)" \
	"$O/rh/index.html" "report: the per-host scope stated as the plan summary states it"
! grep -q "on its own is above" "$O/rh/index.html"
t_report $? "report: not the old wording (each host on its own is above ...)"
# The training window is the plan's too: a plan fitted on the first 10
# slots is reported on them, the last 10 its evaluation window (report
# sized every VM over all 20 slots and found no evaluation window).
# Sizes at P90 over 10 slots (k = 1, the 2nd largest), by awk: a 0.5,
# b 0.45, c 0.9 (over all 20 slots, k = 2: 0.4, 0.35, 0.9).
t_ok "plan on the first 10 slots" "$VMUX" plan "$O/t.csv" --host-cpu 1 \
	--percentile 90 --policy separate --train-to 4000 -o "$O/pw.csv"
t_ok "report of it, no window given" "$VMUX" report --trace "$O/t.csv" \
	--plan "$O/pw.csv" --no-charts -o "$O/rw"
want=$(awk -F, 'NR > 1 && $1 < 4000 { v = $3 + 0
	if (!($2 in m1) || v > m1[$2]) { m2[$2] = m1[$2]; m1[$2] = v }
	else if (!($2 in m2) || v > m2[$2]) m2[$2] = v }
	END { for (v in m2) s += m2[v]; printf "%.6f", s }' "$O/t.csv")
got=$(awk -F, 'NR > 1 { s += $4 } END { printf "%.6f", s }' \
	"$O/rw/hosts.csv")
t_near "report: own sizes over the plan's training window" "$got" "$want"
t_grep "Training window.*10 slots of 300 s \(.*t.csv; PLAN.meta\)" \
	"$O/rw/index.html" "report: the training window from PLAN.meta"
t_grep "Evaluation window.*10 slots of 300 s" "$O/rw/index.html" \
	"report: the rest of the trace is the evaluation window"
t_ok "report with --train-to given" "$VMUX" report --trace "$O/t.csv" \
	--plan "$O/pw.csv" --train-to 7000 --no-charts -o "$O/rw2"
t_grep "Training window.*20 slots of 300 s \([^;]*\)" "$O/rw2/index.html" \
	"report: --train-to given wins over PLAN.meta"
t_exit 2 "validate: conflicting --host-cpu exits 2" "$VMUX" validate \
	"$O/t.csv" --plan "$O/p.csv" --host-cpu 3
t_grep "conflicts with the plan's host_cpu=1" "$O/err" "validate: both values"

# A plan packed with --virt is replayed with the factors it was made
# with (PLAN.meta's virt_factor_R), as its capacities: without --virt
# they are taken, a --virt (--overhead) giving another factor exits 2
# naming both, and one giving the same passes (evaluate and validate
# replayed with the command line's factors, none by default, and only
# warned of another style).
printf 'style,resource,factor\nx,cpu,2\ny,cpu,1.5\nz,cpu,2\n' >"$O/oh.csv"
t_ok "plan --virt x" "$VMUX" plan "$O/t.csv" --host-cpu 1 --percentile 90 \
	--policy separate --virt x --overhead "$O/oh.csv" -o "$O/pv.csv"
t_ok "evaluate it without --virt" "$VMUX" evaluate "$O/t.csv" \
	--plan "$O/pv.csv" --csv
sed 1d "$O/out" >"$O/pv.taken"
! grep -q "packed with" "$O/err"
t_report $? "evaluate without --virt: the plan's factors taken, nothing said"
cp "$O/pv.csv" "$O/pvbare.csv"
t_ok "its rows without terms, at half the capacity" "$VMUX" evaluate \
	"$O/t.csv" --plan "$O/pvbare.csv" --host-cpu 0.5 --csv
sed 1d "$O/out" >"$O/pv.half"
t_ok "the plan's factor 2 taken = capacity / 2" cmp "$O/pv.taken" \
	"$O/pv.half"
t_ok "evaluate it as planned" "$VMUX" evaluate "$O/t.csv" \
	--plan "$O/pv.csv" --virt x --overhead "$O/oh.csv" --csv
sed 1d "$O/out" >"$O/pv.given"
t_ok "the plan's factor 2 taken = --virt x given" cmp "$O/pv.taken" \
	"$O/pv.given"
! grep -q "packed with" "$O/err"
t_report $? "evaluate as planned: nothing said"
t_ok "another style with the same factor" "$VMUX" evaluate "$O/t.csv" \
	--plan "$O/pv.csv" --virt z --overhead "$O/oh.csv"
t_exit 2 "evaluate it with another factor" "$VMUX" evaluate "$O/t.csv" \
	--plan "$O/pv.csv" --virt y --overhead "$O/oh.csv"
t_grep "^vmux evaluate: --virt y --overhead .*oh.csv gives cpu factor 1.5 but the plan '.*pv.csv' was made with virt=x, cpu factor 2 \(.*pv.csv.meta\)" \
	"$O/err" "evaluate with another factor: both values"
t_exit 2 "evaluate it with the shipped factors" "$VMUX" evaluate \
	"$O/t.csv" --plan "$O/pv.csv" --virt full
F=$(awk -F, '$1 == "full" && $2 == "cpu" { print $3 + 0 }' \
	models/overhead-literature.csv)
t_grep "^vmux evaluate: --virt full gives cpu factor $F but the plan .* cpu factor 2 " \
	"$O/err" "--virt full: the shipped file's factor named"
t_exit 2 "validate it with another factor" "$VMUX" validate "$O/t.csv" \
	--plan "$O/pv.csv" --virt y --overhead "$O/oh.csv"
t_grep "^vmux validate: --virt y .* gives cpu factor 1.5 but .* cpu factor 2 " \
	"$O/err" "validate with another factor: both values"
# A plan made without --virt records virt=none: factor 1.
t_ok "evaluate a plan without --virt as planned" "$VMUX" evaluate \
	"$O/t.csv" --plan "$O/p.csv"
! grep -q "packed with" "$O/err"
t_report $? "no --virt either side: nothing said"
t_exit 2 "a plan made with virt=none, evaluated with --virt" "$VMUX" \
	evaluate "$O/t.csv" --plan "$O/p.csv" --virt x --overhead "$O/oh.csv"
t_grep "gives cpu factor 2 but the plan '.*p.csv' was made with virt=none, cpu factor 1 " \
	"$O/err" "virt=none: factor 1 against --virt's"
# A PLAN.meta without virt_factor_R (an older vmux's): the command
# line's factors, another style warned, as before.
grep -v '^virt_factor_' "$O/pv.csv.meta" >"$O/old.meta"
cp "$O/pv.csv" "$O/old.csv"
mv "$O/old.meta" "$O/old.csv.meta"
t_ok "an older plan, evaluated with another style" "$VMUX" evaluate \
	"$O/t.csv" --plan "$O/old.csv" --virt y --overhead "$O/oh.csv"
t_grep "packed with virt=x .* replayed with virt=y" "$O/err" \
	"older plan, another --virt: said"
t_ok "an older plan, evaluated without --virt" "$VMUX" evaluate \
	"$O/t.csv" --plan "$O/old.csv"
t_grep "warning: evaluate: the plan '.*old.csv' was packed with virt=x \(.*old.csv.meta\) and is replayed with virt=none" \
	"$O/err" "older plan without the plan's --virt: said"

# Without terms: capacities from the command line, or a usage error.
cp "$O/p.csv" "$O/bare.csv"
t_exit 2 "a plan without terms and no --host-cpu exits 2" "$VMUX" evaluate \
	"$O/t.csv" --plan "$O/bare.csv"
t_grep "'--host-cpu' is required" "$O/err" "no terms: --host-cpu required"
t_ok "a plan without terms works with --host-cpu" "$VMUX" evaluate \
	"$O/t.csv" --plan "$O/bare.csv" --host-cpu 2
# --percentile sets the target of a plan without terms (evaluate had no
# such option: a hand-written plan was always judged against 5 %), as
# report's and validate's do. a and b on one host of 0.75 cores: a + b is
# 0.9 in slot 0 and 0.8 in slot 1, at most 0.7 in the 18 others, so the
# host is overloaded 2 of 20 slots: 10 %, above a 5 % target, not above 10 %.
printf 'vm,host\na,0\nb,0\n' >"$O/ab.plan"
t_ok "a hand-written plan, no --percentile" "$VMUX" evaluate "$O/t.csv" \
	--plan "$O/ab.plan" --host-cpu 0.75
t_grep "^host-slots 20: overloaded 2 \(10.00 %\)" "$O/out" \
	"hand-written plan: 2 of 20 slots overloaded"
t_grep "^hosts above the 5 % target: 1 of 1 evaluated$" "$O/out" \
	"no terms, no --percentile: P95's 5 % target, the host above it"
t_ok "a hand-written plan at --percentile 90" "$VMUX" evaluate "$O/t.csv" \
	--plan "$O/ab.plan" --host-cpu 0.75 --percentile 90
t_grep "^hosts above the 10 % target: 0 of 1 evaluated$" "$O/out" \
	"evaluate --percentile 90: the 10 % target, the host not above it"
# No PLAN.meta: nothing is known of how it was packed, so --virt is
# not a change (it said "packed with virt=none (bare.csv.meta)", a file
# that does not exist).
t_ok "a plan without terms, evaluated with --virt" "$VMUX" evaluate \
	"$O/t.csv" --plan "$O/bare.csv" --host-cpu 2 --virt x \
	--overhead "$O/oh.csv"
! grep -q "packed with" "$O/err"
t_report $? "no PLAN.meta: no 'packed with' warning"
printf 'host_cpu=1\nplan_sha256=%064d\n' 0 >"$O/bare.csv.meta"
t_ok "a stale PLAN.meta is ignored" "$VMUX" evaluate "$O/t.csv" \
	--plan "$O/bare.csv" --host-cpu 2
t_grep "written for another version" "$O/err" "stale PLAN.meta: warned"
t_eq "stale PLAN.meta: warned once (the terms are read once)" \
	"$(grep -c "written for another version" "$O/err")" 1
# Without --host-cpu the usage error said "(no bare.csv.meta)" right
# after the warning that bare.csv.meta was ignored.
t_exit 2 "a stale PLAN.meta, no --host-cpu: exit 2" "$VMUX" evaluate \
	"$O/t.csv" --plan "$O/bare.csv"
t_grep "records no capacities \\(its .*bare\\.csv\\.meta is ignored: written for another version of it\\)" \
	"$O/err" "... saying PLAN.meta is there and ignored"
! grep -q "(no .*bare.csv.meta)" "$O/err"
t_report $? "... not that there is none"
"$VMUX" report --trace "$O/t.csv" --plan "$O/bare.csv" --host-cpu 8 \
	-o "$O/rstale" >/dev/null 2>"$O/err"
t_eq "report on a stale PLAN.meta: warned once" \
	"$(grep -c "written for another version" "$O/err")" 1
printf 'host_cpu=x\n' >"$O/bare.csv.meta"
t_exit 65 "a bad PLAN.meta exits 65" "$VMUX" evaluate "$O/t.csv" \
	--plan "$O/bare.csv" --host-cpu 2
t_grep "bare.csv.meta:1: field 'host_cpu'" "$O/err" "bad PLAN.meta: file, line, field"
# Values a command acts on are checked as vmux plan would write them (a
# hand-edited percentile of 250 gave a target of -150 %, an unknown scope
# was taken for fleet, a NUL byte cut a line short).
sha=$(sha256sum "$O/bare.csv" | cut -d' ' -f1)
for bad in 'percentile=250:percentile' 'percentile=0:percentile' \
	'promise=rack:promise'; do
	printf 'host_cpu=2\n%s\nplan_sha256=%s\n' "${bad%:*}" "$sha" \
		>"$O/bare.csv.meta"
	t_exit 65 "PLAN.meta with ${bad%:*} exits 65" "$VMUX" evaluate \
		"$O/t.csv" --plan "$O/bare.csv"
	t_grep "bare.csv.meta:2: field '${bad#*:}'" "$O/err" \
		"PLAN.meta with ${bad%:*}: file, line, field"
done
printf 'host_cpu=2\nhost_mem=1\0junk\nplan_sha256=%s\n' "$sha" \
	>"$O/bare.csv.meta"
t_exit 65 "PLAN.meta with a NUL byte exits 65" "$VMUX" evaluate "$O/t.csv" \
	--plan "$O/bare.csv"
t_grep "bare.csv.meta:2: field '\(row\)': NUL byte" "$O/err" \
	"PLAN.meta with a NUL byte: file, line"
printf 'host_cpu=2\npercentile=90\npromise=host\nplan_sha256=%s\n' "$sha" \
	>"$O/bare.csv.meta"
t_ok "PLAN.meta with percentile 90, promise host" "$VMUX" evaluate \
	"$O/t.csv" --plan "$O/bare.csv"
t_grep "hosts above the 10 % target" "$O/out" "the plan's percentile is taken"

# Coverage: 1 of 3 VMs missing (33 %) is above the 10 % limit.
grep -v ',c,' "$O/t.csv" >"$O/ab.csv"
t_ok "evaluate on a trace missing a VM" "$VMUX" evaluate "$O/ab.csv" \
	--plan "$O/p.csv"
t_grep "does not cover the plan: 33.3 % of its VMs \(1 of 3\)" "$O/out" \
	"coverage: said plainly"
t_grep "hosts above the 10 % target: 0 of 1 evaluated" "$O/out" \
	"hosts above the plan's target counted"
t_ok "evaluate covering the plan" "$VMUX" evaluate "$O/t.csv" --plan "$O/p.csv"
t_exit 1 "no coverage note when nothing is missing" grep -q "does not cover" "$O/out"

# A VM with no memory data (0 wherever it uses CPU) is named.
awk -F, 'NR > 1 && $2 == "a" { print $1 ",z,0.1,0" }' "$O/t.csv" |
	cat "$O/t.csv" - >"$O/z.csv"
t_ok "plan with a VM without memory data" "$VMUX" plan "$O/z.csv" \
	--host-cpu 1 --host-mem 1000 -o "$O/z.plan"
t_grep "warning: plan: 1 VM of .* with no mem data .*first 'z'.*constrain it$" \
	"$O/err" "--host-mem: the VMs without memory data are named"

# -o to a device: no PLAN.meta beside it. The device is a null node made
# in the test's own folder (as root), never a system path.
if [ "$(id -u)" -eq 0 ] && mknod "$O/null" c 1 3 2>/dev/null; then
	t_ok "plan to a null device node" "$VMUX" plan "$O/t.csv" \
		--host-cpu 1 -o "$O/null"
	t_exit 1 "no PLAN.meta beside the device" test -e "$O/null.meta"
	[ -c "$O/null" ]; t_report $? "the node is still a character device"
else
	t_skip "plan to a device node" "mknod needs root"
fi

# A trace whose path holds a line break: PLAN.meta keeps it on one line
# (\n escaped), and the plan's terms still read (it wrote the break raw,
# and evaluate refused the file: "'b.csv' is not key=value").
NL=$(printf '%s/a\nb.csv' "$O")
cp "$O/t.csv" "$NL"
t_ok "plan a trace whose path holds a line break" "$VMUX" plan "$NL" \
	--host-cpu 1 --policy separate -o "$O/nl.csv"
t_eq "PLAN.meta: every line key=value" "$(grep -vc = "$O/nl.csv.meta")" 0
t_grep '^trace=.*/a\\nb\.csv$' "$O/nl.csv.meta" "PLAN.meta: the break as \\n"
t_ok "evaluate reads those terms" "$VMUX" evaluate "$O/t.csv" --plan "$O/nl.csv"
# Numbers in PLAN.meta are decimal, as everywhere (strtod took hex there).
"$VMUX" plan "$O/t.csv" --host-cpu 1 --policy separate -o "$O/hx.csv" \
	>/dev/null 2>&1
sed 's/^host_cpu=1$/host_cpu=0x1/' "$O/hx.csv.meta" >"$O/hx.meta" &&
	mv "$O/hx.meta" "$O/hx.csv.meta"
t_exit 65 "PLAN.meta: a hex capacity is bad data" "$VMUX" evaluate \
	"$O/t.csv" --plan "$O/hx.csv"
t_grep "hx\.csv\.meta:[0-9]+: field 'host_cpu': '0x1' is not a number" \
	"$O/err" "... named at its line and key"
t_done

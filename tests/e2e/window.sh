#!/bin/sh
# End-to-end tests of the robust policy's bounded search (plan --window W,
# sim/plan/plan_fit.h): a plan that never needs more than W hosts is the
# exhaustive first fit's, byte for byte (the bundled PlanetLab day, 1052
# VMs on ~40 hosts, and a generated fleet); with a window smaller than the
# hosts needed every VM is still placed and the plan's in-sample overload
# (recomputed by `vmux evaluate`) keeps the promise (<= 5 % of host-slots
# at P95); PLAN.meta records the window; a bad window is a usage error.
. tests/common/e2e.sh
O=$T_DIR

"$VMUX" import planetlab traces/planetlab/20110303 -o "$O/pl.csv" \
	>/dev/null 2>&1 || { echo "Bail out! import planetlab failed"; exit 1; }
"$VMUX" gen --vms 400 --slots 288 --seed 3 --resources cpu -o "$O/g.csv" \
	2>/dev/null
for t in pl:4 g:16; do
	f=$O/${t%:*}.csv c=${t#*:}
	"$VMUX" plan "$f" --host-cpu $c --window 0 -o "$O/all.plan" >/dev/null 2>&1
	t_ok "${t%:*}: default window" "$VMUX" plan "$f" --host-cpu $c \
		-o "$O/def.plan"
	t_ok "${t%:*}: within the window, the exhaustive plan" cmp \
		"$O/all.plan" "$O/def.plan"
	t_ok "${t%:*}: --window 64 too" "$VMUX" plan "$f" --host-cpu $c \
		--window 64 -o "$O/w64.plan"
	t_ok "${t%:*}: --window 64 is the same plan" cmp "$O/all.plan" \
		"$O/w64.plan"
done
for w in 3 6; do
	t_ok "--window $w" "$VMUX" plan "$O/g.csv" --host-cpu 16 --window $w \
		--csv -o "$O/w$w.plan"
	t_eq "--window $w: every VM placed" \
		"$(awk -F, 'NR == 2 { print $2 - $7 }' "$O/out")" 400
	t_ok "--window $w: evaluate" "$VMUX" evaluate "$O/g.csv" \
		--plan "$O/w$w.plan" --csv
	cp "$O/out" "$O/ev.csv"
	t_ok "--window $w: in-sample overload within 5 %" awk -F, \
		'$1 == "total" { ok = $5 <= 0.05 } END { exit !ok }' "$O/ev.csv"
	t_ok "--window $w: more hosts than $w" awk -F, -v w=$w \
		'NR > 1 && $2 + 0 >= n { n = $2 + 1 } END { exit !(n > w) }' \
		"$O/w$w.plan"
done
# The window is one of the plan's terms (PLAN.meta), and a merge of shards
# planned with different windows is refused.
t_grep '^window=128$' "$O/def.plan.meta" "PLAN.meta: the default window"
t_grep '^window=0$' "$O/all.plan.meta" "PLAN.meta: --window 0, every host"
t_grep '^window=6$' "$O/w6.plan.meta" "PLAN.meta: --window 6"
"$VMUX" plan "$O/g.csv" --host-cpu 16 --policy joint -o "$O/j.plan" \
	>/dev/null 2>&1
t_eq "PLAN.meta: no window for a policy without one" \
	"$(grep -c '^window=' "$O/j.plan.meta")" 0
"$VMUX" plan "$O/g.csv" --host-cpu 16 --buckets 2 --shard 0/2 \
	-o "$O/s0" >/dev/null 2>&1
"$VMUX" plan "$O/g.csv" --host-cpu 16 --buckets 2 --shard 1/2 --window 6 \
	-o "$O/s1" >/dev/null 2>&1
t_exit 65 "merge: shards of different windows" "$VMUX" merge "$O/s0" "$O/s1"
t_grep "window=128 vs window=6" "$O/err" "merge names the windows"
t_exit 2 "--window -1" "$VMUX" plan "$O/g.csv" --host-cpu 16 --window -1
# --window with a policy that keeps no window of open hosts changed
# nothing and was accepted without a word: a usage error naming both.
for p in separate sbp joint; do
	t_exit 2 "--window 5 --policy $p: exit 2" "$VMUX" plan "$O/g.csv" \
		--host-cpu 16 --policy $p --window 5 -o "$O/pw.plan"
	t_grep "option '--window' applies only with --policy robust, not --policy $p" \
		"$O/err" "... naming --window and --policy $p"
	t_eq "... and no plan written" "$(ls "$O" | grep -c '^pw\.plan')" 0
done
t_ok "--window 5 --policy robust" "$VMUX" plan "$O/g.csv" --host-cpu 16 \
	--policy robust --window 5 -o "$O/pw.plan"
t_exit 2 "--window x" "$VMUX" plan "$O/g.csv" --host-cpu 16 --window x
t_done

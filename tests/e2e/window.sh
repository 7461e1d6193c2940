#!/bin/sh
# End-to-end tests of the robust policy's bounded search (plan --window W,
# sim/plan/plan_fit.h): a plan that never needs more than W hosts is the
# exhaustive first fit's, byte for byte (the bundled PlanetLab day, 1052
# VMs on ~40 hosts, and a generated fleet); with a window smaller than the
# hosts needed every VM is still placed and the plan's in-sample overload
# (recomputed by `vmux evaluate`) keeps the promise (<= 5 % of host-slots
# at P95); a bad window is a usage error.
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
t_exit 2 "--window -1" "$VMUX" plan "$O/g.csv" --host-cpu 16 --window -1
t_exit 2 "--window x" "$VMUX" plan "$O/g.csv" --host-cpu 16 --window x
t_done

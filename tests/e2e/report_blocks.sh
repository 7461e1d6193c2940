#!/bin/sh
# End-to-end tests of the report's like-for-like check of robust's
# interval: a one-day plan's interval is of a later 6-h block, and the
# report compared it with the value over the whole evaluation day only; it
# now also says how many of the day's 6-h blocks, replayed one by one,
# fell within it.
# Worked by hand: two VMs of 0.6 on 1-core hosts, a on host 0, b on host
# 1. The evaluation day has 24 slots of 3600 s (four 6-h blocks of 6
# slots); a runs at 1.5 in slots 0 and 12, b in slots 1 and 7, else 0.6.
#   fleet (overloaded host-slots / the block's 12): block 0 2/12, block 1
#   1/12, block 2 1/12, block 3 0; the day 4/48 = 8.33 %. In [0, 10 %]:
#   blocks 1, 2, 3 (3 of 4); in [5 %, 10 %]: blocks 1 and 2 (2 of 4).
#   host (share of the 2 hosts above the 5 % target, 1 slot of 6 being
#   above it): block 0 2/2, block 1 1/2, block 2 1/2, block 3 0/2; the day
#   2/2 (2 slots of 24 each). In [0, 50 %]: blocks 1, 2, 3 (3 of 4),
#   although the day's 100 % is not; in [40 %, 60 %]: 2 of 4.
# Run from the repository root.
. tests/common/e2e.sh
O=$T_DIR
T0=1299110400

awk -v t0=$T0 'BEGIN { print "time,vm,cpu"
	for (s = 0; s < 24; s++) { print t0 + 3600 * s ",a,0.6"
		print t0 + 3600 * s ",b,0.6" } }' >"$O/d1.csv"
awk -v t0=$((T0 + 86400)) 'BEGIN { print "time,vm,cpu"
	for (s = 0; s < 24; s++) {
		print t0 + 3600 * s ",a," ((s == 0 || s == 12) ? 1.5 : 0.6)
		print t0 + 3600 * s ",b," ((s == 1 || s == 7) ? 1.5 : 0.6) } }' \
	>"$O/d2.csv"
for pr in fleet host; do
	"$VMUX" plan "$O/d1.csv" --host-cpu 1 --policy robust --promise $pr \
		-o "$O/$pr.plan" >/dev/null 2>&1
done
t_eq "the plan: a and b on hosts of their own" "$(tail -n +2 "$O/fleet.plan")" \
	"$(printf 'a,0,0.6\nb,1,0.6')"
# PLAN.meta with the interval set (LO HI) and its period (PER s)
meta() {
	cp "$O/$1.plan" "$O/$1$2.plan"
	sed "s/^estimate_lo=.*/estimate_lo=$3/; s/^estimate_hi=.*/estimate_hi=$4/;
		s/^estimate_period=.*/estimate_period=$5/" "$O/$1.plan.meta" \
		>"$O/$1$2.plan.meta"
	"$VMUX" report --trace "$O/d1.csv" --plan "$O/$1$2.plan" --eval-trace \
		"$O/d2.csv" --no-charts -o "$O/r$1$2" >/dev/null 2>&1
	sed "s/<[^>]*>//g; s/&#39;/'/g" "$O/r$1$2/index.html" >"$O/$1$2.txt"
}
B="the period the interval is of, fell within it\\."
meta fleet 1 0 0.1 21600
t_grep "overloaded host-slots / all host-slots\\) of a later 6-h block like the held-out ones, covered the value realised here: 8.33 % \\(the evaluation window spans 1 day, 4 times the period the interval is of\\); 3 of the evaluation window's 4 blocks of 6 h, $B" \
	"$O/fleet1.txt" "fleet: 3 of the day's 4 blocks within [0, 10 %]"
t_grep "covered the 8.33 % realised here \\(the evaluation window spans 1 day, 4 times the period the interval is of\\); 3 of the evaluation window's 4 blocks of 6 h, $B" \
	"$O/fleet1.txt" "... in the summary too"
meta fleet 2 0.05 0.1 21600
t_grep "; 2 of the evaluation window's 4 blocks of 6 h, $B" "$O/fleet2.txt" \
	"fleet: 2 of 4 within [5 %, 10 %] (block 3's 0 below it)"
meta host 1 0 0.5 21600
t_grep "of the share of hosts above the target \\(per-host promise\\) of a later 6-h block like the held-out ones, did not cover the value realised here: 100.00 %, above it \\(the evaluation window spans 1 day, 4 times the period the interval is of\\); 3 of the evaluation window's 4 blocks of 6 h, $B" \
	"$O/host1.txt" "host: the day's 100 % above [0, 50 %], 3 of its 4 blocks within"
meta host 2 0.4 0.6 21600
t_grep "; 2 of the evaluation window's 4 blocks of 6 h, $B" "$O/host2.txt" \
	"host: 2 of 4 within [40 %, 60 %]"
# Nothing to compare block by block: a period of the whole window, or one
# the window does not hold a whole number of times.
meta fleet 3 0 0.1 86400
t_grep "covered the value realised here: 8.33 % \\(the evaluation window spans 1 day, the period the interval is of\\)\\." \
	"$O/fleet3.txt" "a one-day period: the day is the block, no count"
meta fleet 4 0 0.1 18000
t_exit 1 "a 5-h period (not whole in the day): no count" \
	grep -q "blocks of" "$O/fleet4.txt"
t_grep "covered the value realised here: 8.33 % \\(the evaluation window spans 1 day, 4.8 times the period the interval is of\\)\\." \
	"$O/fleet4.txt" "... the span said as before"
t_done

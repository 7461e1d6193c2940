#!/bin/sh
# End-to-end tests of planning on several threads (README: fleets): the
# default policy's plan file, PLAN.meta and summary are the same bytes with
# VMUX_THREADS=1 (everything in one thread), 3 (more threads than this
# machine may have cores) and unset (one per online CPU), on a PlanetLab
# day (4 block folds) at 1 and 4 cores per host, a generated 3-day cpu+mem
# fleet (3 day folds, the trend rule on) with --host-mem, an Azure-shaped
# one, with --window 0 and with --buckets 4. Run from the repository root.
. tests/common/e2e.sh
O=$T_DIR
D3=1299110400 # 2011-03-03 00:00 UTC
D4=$((D3 + 86400))

"$VMUX" import planetlab traces/planetlab -o "$O/pl.csv" >/dev/null 2>&1 ||
	{ echo "Bail out! import planetlab failed"; exit 1; }
"$VMUX" gen --vms 400 --slots 864 --seed 5 --resources cpu,mem \
	-o "$O/g.csv" >/dev/null 2>&1 || { echo "Bail out! gen failed"; exit 1; }
"$VMUX" gen --vms 600 --slots 864 --seed 5 --shape azure \
	-o "$O/az.csv" >/dev/null 2>&1 || { echo "Bail out! gen azure failed"; exit 1; }

# same NAME TRACE ARGS...: plan with 1, 3 and the default threads; cmp.
same() {
	n=$1 tr=$2
	shift 2
	for t in 1 3 def; do
		if [ $t = def ]; then
			env -u VMUX_THREADS "$VMUX" plan "$tr" "$@" \
				-o "$O/p$t.csv" >"$O/s$t" 2>&1
		else
			VMUX_THREADS=$t "$VMUX" plan "$tr" "$@" \
				-o "$O/p$t.csv" >"$O/s$t" 2>&1
		fi
		t_report $? "$n: plans with threads=$t" "$(head -c 300 "$O/s$t")"
	done
	for t in 3 def; do
		t_ok "$n: threads=$t, the plan of 1 thread" \
			cmp "$O/p1.csv" "$O/p$t.csv"
		t_ok "$n: threads=$t, its PLAN.meta" \
			cmp "$O/p1.csv.meta" "$O/p$t.csv.meta"
		t_ok "$n: threads=$t, its summary" cmp "$O/s1" "$O/s$t"
	done
}

same "PlanetLab day, 1 core" "$O/pl.csv" --host-cpu 1 \
	--train-from $D3 --train-to $D4
t_grep "calibrated on 4 held-out 6-h blocks" "$O/s1" "PlanetLab day: calibrated"
same "PlanetLab day, 4 cores" "$O/pl.csv" --host-cpu 4 \
	--train-from $D3 --train-to $D4
same "3 days cpu+mem" "$O/g.csv" --host-cpu 12 --host-mem 49152
t_grep "calibrated on 3 held-out days" "$O/s1" "3 days: calibrated by day"
t_grep "\] of a later day like the held-out ones$" "$O/s1" \
	"3 days: the interval is of a later day"
same "3 days Azure-shaped" "$O/az.csv" --host-cpu 16
same "3 days, --window 0" "$O/g.csv" --host-cpu 12 --window 0
same "3 days, --buckets 4" "$O/g.csv" --host-cpu 12 --buckets 4
same "3 days, promise host" "$O/g.csv" --host-cpu 12 --promise host
t_done

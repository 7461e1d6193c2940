#!/bin/sh
# End-to-end tests of the report's words as a capacity planner reads them
# beside `make demo`'s terminal and CSVs: each verdict in the scope of the
# plan's promise, each figure with what it is of.
# Worked by hand: three VMs on 1-core hosts, a on host 0, b on 1, c on 2,
# 20 slots of 300 s in the training window; a runs at 1.5 in slots 0 and 1
# (2 of its 20 slots above capacity: 10 %, above the 5 % target), b and c
# at 0.5 throughout. Fleet-wide 2 of 60 host-slots: 3.33 %, within a
# fleet promise; 1 of the 3 hosts above the target: 33 %, beyond a
# per-host promise's 5 % of the hosts.
# Run from the repository root.
. tests/common/e2e.sh
O=$T_DIR
T0=1299110400

awk -v t0=$T0 'BEGIN { print "time,vm,cpu"
	for (s = 0; s < 20; s++) {
		print t0 + 300 * s ",a," (s < 2 ? 1.5 : 0.5)
		print t0 + 300 * s ",b,0.5"
		print t0 + 300 * s ",c,0.5" } }' >"$O/d1.csv"
printf 'vm,host,size_cpu\na,0,0.5\nb,1,0.5\nc,2,0.5\n' >"$O/plan.csv"

# page DIR: the page of report DIR as text, one paragraph a line.
page() { sed "s/<[^>]*>//g; s/&#39;/'/g" "$1/index.html"; }

# --- the in-sample verdict, in the promise's scope ---
for pr in fleet host; do
	t_ok "report, --promise $pr" "$VMUX" report --trace "$O/d1.csv" \
		--plan "$O/plan.csv" --host-cpu 1 --promise $pr --no-charts \
		-o "$O/in_$pr"
	page "$O/in_$pr" >"$O/in_$pr.txt"
done
t_grep "In the training window itself, the hosts exceeded their capacity in 3.33 % of host-slots, and 1 of 3 hosts in more than 5 % of their own slots\\. The plan's promise, fleet-wide \\(at most 5 % of all host-slots above capacity\\), held in sample: 3.33 %\\." \
	"$O/in_fleet.txt" "fleet promise: judged on the fleet's 3.33 %, held"
t_exit 1 "fleet promise: a host above the target is not 'above the service level'" \
	grep -q "above the service level" "$O/in_fleet.txt"
t_grep "The plan's promise, per host \\(at most 5 % of the hosts above the target\\), did not hold in sample: 1 of 3 hosts\\." \
	"$O/in_host.txt" "per-host promise: 1 of 3 hosts above, did not hold"
t_done

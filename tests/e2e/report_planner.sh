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
# The evaluation day (2011-03-04) repeats the training day; a validation
# CSV written by hand replays host 0 over its first 10 slots (00:00 to
# 00:50 UTC) of the 20 (00:00 to 01:40): the page says which slots its
# rates are of (before, nothing: the demo's host 5 read 2.78 % predicted
# beside 4.86 % out of sample, the first 12 h against the whole day).
# Run from the repository root.
. tests/common/e2e.sh
O=$T_DIR
T0=1299110400

awk -v t0=$T0 'BEGIN { print "time,vm,cpu"
	for (s = 0; s < 20; s++) {
		print t0 + 300 * s ",a," (s < 2 ? 1.5 : 0.5)
		print t0 + 300 * s ",b,0.5"
		print t0 + 300 * s ",c,0.5" } }' >"$O/d1.csv"
awk -F, -v d=86400 'NR == 1 { print; next } { $1 += d; print }' OFS=, \
	"$O/d1.csv" >"$O/d2.csv"
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

# --- the validation's window, and what its saving is ---
T1=$((T0 + 86400))
# valid NAME EXTRA_HEADER EXTRA_FIELDS: a validation CSV of host 0.
valid() {
	{
		echo "host,vms,capacity,scale,slots,predicted_overload,measured_overload,predicted_unmet,measured_unmet,predicted_violation,measured_violation,predicted_saving,measured_saving$2"
		for h in 0 total; do
			echo "$h,1,1,1,10,0.2,0.1,0.05,0.04,0.2,0.1,0,0$3"
		done
	} >"$O/$1.csv"
}
# vreport NAME: the report with validation NAME, as text in NAME.txt.
vreport() {
	"$VMUX" report --trace "$O/d1.csv" --plan "$O/plan.csv" --host-cpu 1 \
		--eval-trace "$O/d2.csv" --validation "$O/$1.csv" --no-charts \
		-o "$O/r_$1" >"$O/out" 2>"$O/err"
	rc=$?
	page "$O/r_$1" >"$O/$1.txt" 2>/dev/null
	return $rc
}
W=",percentile,window_from,window_to"
valid part "$W" ",95,$T1,$((T1 + 3000))"
t_ok "report with a validation of part of the evaluation window" vreport part
t_grep "The guests replayed 2011-03-04 00:00 UTC to 2011-03-04 00:50 UTC, not the evaluation window \(2011-03-04 00:00 UTC to 2011-03-04 01:40 UTC, 20 slots of 300 s\): the rates here, predicted and measured, are of the slots replayed, not of the out-of-sample section's window\." \
	"$O/part.txt" "part of the window: which slots, and that the rates are theirs"
t_grep "saving \(1 - the 95th percentile of the host's summed cpu per slot / its VMs' own 95th percentiles summed, over the slots replayed\) 0.0 % predicted" \
	"$O/part.txt" "the saving says what it is of"
valid whole "$W" ",95,$T1,$((T1 + 6000))"
t_ok "report with a validation of the whole evaluation window" vreport whole
t_grep "The guests replayed 2011-03-04 00:00 UTC to 2011-03-04 01:40 UTC, the evaluation window\." \
	"$O/whole.txt" "the whole window: said so"
valid old "" ""
t_ok "report with a validation CSV of an older vmux (no window)" vreport old
t_grep "The validation CSV does not record the window it replayed \(no window_from, window_to: an older vmux validate\)\." \
	"$O/old.txt" "no window recorded: said so"
valid back "$W" ",95,$T1,$T1"
t_exit 65 "window_to not after window_from: bad data" vreport back
t_grep "back.csv:2: field 'window_to': $T1 is not after window_from $T1" \
	"$O/err" "... naming file, line and field"

# --- the correlation chart's grey diagonal: a host of one VM ---
# Hosts 0, 1 and 2 hold one VM each, a's demand varies: their diagonal
# cells are grey for want of a pair, not for want of varying demand.
if command -v gnuplot >/dev/null 2>&1; then
	t_ok "report with charts" "$VMUX" report --trace "$O/d1.csv" \
		--plan "$O/plan.csv" --host-cpu 1 -o "$O/charts"
	t_grep "^-9\.0000," "$O/charts/correlation.dat" \
		"host 0's diagonal cell has no value (grey)"
	page "$O/charts" >"$O/charts.txt"
	t_grep "grey: no pair of VMs with varying demand to correlate \(on the diagonal, a host with fewer than two such VMs, as a host of one VM\)\." \
		"$O/charts.txt" "the caption says why a diagonal cell is grey"
else
	t_skip "correlation caption" "no gnuplot"
fi
t_done

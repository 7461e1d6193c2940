#!/bin/sh
# End-to-end tests of windows with slots no VM has data for: the bundled
# PlanetLab days 2011-03-03, -06 and -09 imported together have two
# missing days between each (no VM measured), and every command must
# treat the trace as the three days it holds, not as seven days of which
# four demand nothing. The reference is independent of vmux: the same
# rows with the days laid end to end by awk (03-06 moved back two days,
# 03-09 four), a trace without such slots. Plans, sizes and evaluations
# of the two must be the same; the summaries (and the report's windows)
# say what was left out.
# Run from the repository root.
. tests/common/e2e.sh
O=$T_DIR
P=traces/planetlab

t_ok "import the three non-consecutive days" \
	"$VMUX" import planetlab "$P" -o "$O/gap.csv"
awk -F, -v OFS=, 'NR == 1 { print; next }
	$1 >= 1299628800 { $1 -= 4 * 86400 }
	$1 >= 1299369600 && $1 < 1299456000 { $1 -= 2 * 86400 }
	{ print }' "$O/gap.csv" >"$O/end.csv"
# Slots of the grid (first time to last, step 300) without any row.
missing=$(awk -F, 'NR > 1 { s[$1] = 1; if (!lo || $1 < lo) lo = $1
	if ($1 > hi) hi = $1 }
	END { print (hi - lo) / 300 + 1 - length(s) }' "$O/gap.csv")
t_eq "the grid has 4 days (1152 slots) without any row" "$missing" 1152

for f in gap end; do
	"$VMUX" plan "$O/$f.csv" --host-cpu 1 -o "$O/$f.plan" \
		>"$O/$f.sum" 2>"$O/$f.err"
done
t_grep "1152 of the 2016 slots hold no sample of any VM" "$O/gap.err" \
	"the ingest says how many slots no VM covers"
t_exit 1 "the ingest says nothing of the kind for the days end to end" \
	grep -q "no sample of any VM" "$O/end.err"
t_ok "plan: the same plan with the missing days as without" \
	cmp "$O/gap.plan" "$O/end.plan"
t_grep "over 864 slots of 300 s" "$O/gap.sum" \
	"plan: the service level is over the 864 slots with data"
t_grep "1152 slots between without data from any VM \(missing days\): left out" \
	"$O/gap.sum" "plan: the slots left out are said"
t_grep "calibrated on 3 held-out days" "$O/gap.sum" \
	"plan: the held-out days are the 3 with data, not 7"
t_exit 1 "plan: nothing left out of the days laid end to end" \
	grep -q "without data" "$O/end.sum"
t_eq "plan: the terms' window ends when the last day ends" \
	"$(grep '^train_to=' "$O/gap.plan.meta")" "train_to=1299715200"

for f in gap end; do
	"$VMUX" evaluate "$O/$f.csv" --plan "$O/$f.plan" --csv \
		>"$O/$f.eval" 2>/dev/null
	"$VMUX" size "$O/$f.csv" -o "$O/$f.size" 2>/dev/null
	"$VMUX" size "$O/$f.csv" >"$O/$f.sz" 2>/dev/null
done
t_ok "evaluate: the same rates" cmp "$O/gap.eval" "$O/end.eval"
t_ok "size: the same sizes, VM by VM" cmp "$O/gap.size" "$O/end.size"
t_ok "size: the same totals" cmp "$O/gap.sz" "$O/end.sz"
"$VMUX" evaluate "$O/gap.csv" --plan "$O/gap.plan" >"$O/gap.ev" 2>/dev/null
t_grep "1152 of them without data from any VM \(missing days\): left out, the rates are over the other 864" \
	"$O/gap.ev" "evaluate: the slots left out are said"

# frontier (train on the first two days, evaluate on the third) and the
# report's tables of the plan.
"$VMUX" frontier "$O/gap.csv" --host-cpu 1 --train-to 1299456000 \
	--eval-from 1299456000 --percentiles 90,95 --policies separate,robust \
	--csv -o "$O/gap.fr" 2>/dev/null
"$VMUX" frontier "$O/end.csv" --host-cpu 1 --train-to 1299283200 \
	--eval-from 1299283200 --percentiles 90,95 --policies separate,robust \
	--csv -o "$O/end.fr" 2>/dev/null
t_ok "frontier: the same points" cmp "$O/gap.fr" "$O/end.fr"
for f in gap end; do
	"$VMUX" report --trace "$O/$f.csv" --plan "$O/$f.plan" -o "$O/r$f" \
		>/dev/null 2>&1
done
t_ok "report: the same per-host sizes" cmp "$O/rgap/hosts.csv" \
	"$O/rend/hosts.csv"
t_ok "report: the same correlations" cmp "$O/rgap/correlation.csv" \
	"$O/rend/correlation.csv"
# The page counts slots as every command does: the 864 with data (it
# said "2016 slots of 300 s" for the trace and its training window).
t_grep "135 VMs, 864 slots of 300 s with data" "$O/rgap/inputs.csv" \
	"report: the trace holds 864 slots with data"
t_grep "Training window.*, 864 slots of 300 s with data, 1152 without data from any VM left out" \
	"$O/rgap/index.html" "report: the training window's slots with data"
# (a plan of the first day: an evaluation window inside the window a plan
# was fitted on is refused, in sample)
"$VMUX" plan "$O/gap.csv" --host-cpu 1 --train-to 1299196800 \
	-o "$O/gap1.plan" >/dev/null 2>&1
"$VMUX" report --trace "$O/gap.csv" --plan "$O/gap1.plan" \
	--train-to 1299196800 --no-charts -o "$O/rgap2" >/dev/null 2>&1
t_grep "Evaluation window.*, 576 slots of 300 s with data, 1152 without" \
	"$O/rgap2/index.html" "report: the evaluation window's slots with data"
t_grep "Out of sample \(.*576 slots of 300 s with data" \
	"$O/rgap2/index.html" "report: the out-of-sample text says the same"

# simulate plays the three days end to end: the same energy, migrations
# and SLA figures as the days laid end to end (it played the four missing
# days as idle hosts: 1,152 slots of energy).
for f in gap end; do
	"$VMUX" simulate "$O/$f.csv" --timeline "$O/$f.tl" 2>"$O/$f.serr" |
		cut -d, -f2- >"$O/$f.sim"
done
t_ok "simulate: the same results with the missing days as without" \
	cmp "$O/gap.sim" "$O/end.sim"
# (all but the trace column, the 10th, which names each file)
for f in gap end; do cut -d, -f1-9,11 "$O/$f.tl" >"$O/$f.tlc"; done
t_ok "simulate: the same timeline" cmp "$O/gap.tlc" "$O/end.tlc"
t_grep "1152 of the 2016 slots hold no sample of any VM.*leaves them out" \
	"$O/gap.serr" "simulate: the slots left out are said"

# A window of missing days alone holds nothing to size or plan.
t_exit 65 "size over the missing days alone" "$VMUX" size "$O/gap.csv" \
	--from 1299196800 --to 1299369600
t_grep "holds no slot with data" "$O/err" "size: no slot with data, said"
t_exit 65 "plan over the missing days alone" "$VMUX" plan "$O/gap.csv" \
	--host-cpu 1 --train-from 1299196800 --train-to 1299369600 \
	-o "$O/x.plan"
# The message gives the window's bounds in full, and where the data
# lies (it said "[1.2992e+09, 1.29937e+09)", one slot's bounds alike),
# in every command that takes a window.
W="1299196800, 1299369600\) s holds no slot with data in '$O/gap.csv' \(its data runs from 1299110400 s to 1299715200 s\)$"
t_grep "^vmux: plan: the training window \[$W" "$O/err" \
	"plan: the window's bounds in full, and the data's"
t_exit 65 "a window of one second" "$VMUX" size "$O/gap.csv" \
	--from 1299110550 --to 1299110551
t_grep "^vmux: size: the window \[1299110550, 1299110551\) s holds" \
	"$O/err" "size: the two bounds told apart"
"$VMUX" evaluate "$O/gap.csv" --plan "$O/gap.plan" --from 1299196800 \
	--to 1299369600 >/dev/null 2>"$O/err"
t_grep "^vmux: evaluate: the window \[$W" "$O/err" "evaluate: the same"
"$VMUX" frontier "$O/gap.csv" --host-cpu 1 --train-from 1299196800 \
	--train-to 1299369600 --eval-from 1299628800 >/dev/null 2>"$O/err"
t_grep "^vmux: frontier: the training window \[$W" "$O/err" \
	"frontier: the same"
"$VMUX" report --trace "$O/gap.csv" --plan "$O/gap1.plan" --eval-from \
	1299196800 --eval-to 1299369600 --no-charts -o "$O/rx" >/dev/null \
	2>"$O/err"
t_grep "^vmux: report: the evaluation window \[$W" "$O/err" \
	"report: the same"
"$VMUX" validate "$O/gap.csv" --plan "$O/gap.plan" --from 1299196800 \
	--to 1299369600 >/dev/null 2>"$O/err"
t_grep "^vmux: validate: the window \[$W" "$O/err" "validate: the same"
t_done

#!/bin/sh
# End-to-end tests of what a frontier says of its coverage: `vmux evaluate`
# says when its trace lacks more than 10 % of the plan's VMs; the frontier
# CSV had no column for it, and the report's frontier section presented a
# frontier replayed on a day lacking many of the fitted VMs as a clean
# out-of-sample result. The bundled PlanetLab days, the second without its
# first 20 VMs and with the next 7 renamed; every count by awk from the
# traces, not from vmux.
. tests/common/e2e.sh
O=$T_DIR

"$VMUX" import planetlab traces/planetlab/20110303 -o "$O/a.csv" >/dev/null 2>&1
"$VMUX" import planetlab traces/planetlab/20110306 -o "$O/b.csv" >/dev/null 2>&1
awk -F, -v OFS=, 'NR == 1 { print; next } !($2 in k) { k[$2] = n++ }
	k[$2] < 20 { next } k[$2] < 27 { $2 = $2 "-new" } { print }' \
	"$O/b.csv" >"$O/b2.csv"
# names in the first file not in the second
only() { awk -F, 'FNR == 1 { f++; next } f == 1 { a[$2] = 1 } f == 2 { b[$2] = 1 }
	END { for (v in a) if (!(v in b)) n++; print n + 0 }' "$1" "$2"; }
both() { awk -F, 'FNR == 1 { f++; next } f == 1 { a[$2] = 1 } f == 2 { b[$2] = 1 }
	END { for (v in a) if (v in b) n++; print n + 0 }' "$1" "$2"; }
miss=$(only "$O/a.csv" "$O/b2.csv")
extra=$(only "$O/b2.csv" "$O/a.csv")
common=$(both "$O/a.csv" "$O/b2.csv")
nvms=$(tail -n +2 "$O/a.csv" | cut -d, -f2 | sort -u | wc -l | tr -d ' ')
share=$(awk -v m="$miss" -v n="$nvms" 'BEGIN { printf "%.1f", 100 * m / n }')
# COL of every row of CSV FILE, distinct values
col() { awk -F, -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i; next }
	{ print k ? $k : "none" }' "$1" | sort -u | tr '\n' ' '; }

F="--host-cpu 1 --policies separate,joint --percentiles 90,95"
t_ok "frontier on a day lacking $miss of $nvms VMs" "$VMUX" frontier "$O/a.csv" \
	--eval-trace "$O/b2.csv" $F -o "$O/f.csv"
cp "$O/err" "$O/f.err"
cp "$O/out" "$O/f.out"
t_grep "^policy,percentile,level,hosts,unplaced,overload_in,overload_rate,unmet_fraction,violation_rate,seed,vms,missing,not_planned$" \
	"$O/f.csv" "CSV header: the coverage columns last"
t_eq "... every plan placed every VM" "$(col "$O/f.csv" unplaced)" "0 "
t_eq "... VMs evaluated: those in both traces ($common)" "$(col "$O/f.csv" vms)" "$common "
t_eq "... missing: the fitted VMs not in --eval-trace ($miss)" "$(col "$O/f.csv" missing)" "$miss "
t_eq "... not planned: --eval-trace's VMs not fitted ($extra)" "$(col "$O/f.csv" not_planned)" "$extra "

# The table for people: the same coverage columns (it had none; only the
# warning said how much of the plans was evaluated), the CSV's counts.
# POINTS: the table's rows, policy, P, then the counts.
tab() { awk '$1 ~ /^(separate|sbp|joint|robust)$/ { print $1, $2, $8, $9, $10, $11 }' "$1"; }
csvcnt() { awk -F, 'NR > 1 { print $1, $2, $5, $11, $12, $13 }' "$1"; }
t_grep "^policy +P +hosts +in-sample +out-of-sample +unmet +violated +unplaced +vms +missing +not_planned$" \
	"$O/f.out" "table for people: the coverage columns, named as the CSV's"
t_eq "... every point: unplaced 0, vms $common, missing $miss, not_planned $extra" \
	"$(tab "$O/f.out" | cut -d' ' -f3- | sort -u)" "0 $common $miss $extra"
t_eq "... the CSV's counts, point by point" "$(tab "$O/f.out")" "$(csvcnt "$O/f.csv")"
t_grep "^missing: placed VMs not in the evaluation trace; not_planned: the evaluation\$" \
	"$O/f.out" "... and says what they count"

# The same plan evaluated by vmux evaluate: the same counts, and the
# frontier's warning in its words.
"$VMUX" plan "$O/a.csv" --host-cpu 1 --policy joint --percentile 95 \
	-o "$O/jp.csv" >/dev/null 2>&1
"$VMUX" evaluate "$O/b2.csv" --plan "$O/jp.csv" --csv >"$O/e.csv" 2>"$O/e.err"
t_eq "joint P95: vms = evaluate's total" \
	"$(awk -F, '$1 == "joint" && $2 == 95 { print $11 }' "$O/f.csv")" \
	"$(csv_col "$O/e.csv" total vms)"
t_eq "joint P95: missing = evaluate's total" \
	"$(awk -F, '$1 == "joint" && $2 == 95 { print $12 }' "$O/f.csv")" \
	"$(csv_col "$O/e.csv" total missing)"
want="this evaluation does not cover the plan: $share % of its VMs ($miss of $nvms) are not in '$O/b2.csv' (limit 10 %); the figures are over the VMs present in both, on hosts that lost VMs"
t_eq "evaluate says it ($share %)" \
	"$(grep -cxF "vmux: warning: evaluate: $want" "$O/e.err")" 1
t_eq "frontier says it in the same words" \
	"$(grep -cxF "vmux: warning: frontier: $want" "$O/f.err")" 1
# Under 10 % missing (the first 5 VMs left out): no word of coverage.
awk -F, 'NR == 1 { print; next } !($2 in k) { k[$2] = n++ } k[$2] >= 5' \
	"$O/b.csv" >"$O/b3.csv"
t_ok "frontier, 5 VMs missing" "$VMUX" frontier "$O/a.csv" --eval-trace "$O/b3.csv" \
	$F -o "$O/f3.csv"
t_eq "... missing 5" "$(col "$O/f3.csv" missing)" "$(only "$O/a.csv" "$O/b3.csv") "
t_eq "... under 10 %: not said" "$(grep -c 'does not cover' "$O/err")" 0
# One trace, a later window: every placed VM is in it.
"$VMUX" import planetlab traces/planetlab -o "$O/three.csv" >/dev/null 2>&1
t_ok "one trace, a later window" "$VMUX" frontier "$O/three.csv" --host-cpu 1 \
	--eval-from 2011-03-06 --policies joint --percentiles 95 -o "$O/w.csv"
t_eq "... none missing, none unplanned" "$(tail -1 "$O/w.csv" | cut -d, -f11-)" \
	"$nvms,0,0"

# Bucketed: the same counts summed over buckets; shards merged to the same
# bytes; shards of an older vmux (version 2, no coverage) still merge,
# their coverage fields empty (unknown, not 0).
t_ok "frontier --buckets 4" "$VMUX" frontier "$O/a.csv" --eval-trace "$O/b2.csv" \
	$F --buckets 4 -o "$O/fb.csv"
t_eq "... vms, missing, not planned as unbucketed" \
	"$(cut -d, -f11- "$O/fb.csv" | sort -u | tr '\n' ' ')" \
	"$common,$miss,$extra vms,missing,not_planned "
t_eq "... said in evaluate's words" \
	"$(grep -cxF "vmux: warning: frontier: $want" "$O/err")" 1
t_eq "... its table for people has the CSV's counts" "$(tab "$O/out")" \
	"$(csvcnt "$O/fb.csv")"
# Hosts of 0.3 cores: the biggest VMs unplaced, more of them at P99; the
# table's counts add up to the plan's VMs as the CSV's (vms + missing +
# unplaced = the training trace's VMs).
t_ok "frontier --buckets 3, VMs unplaced" "$VMUX" frontier "$O/a.csv" \
	--eval-trace "$O/b2.csv" --host-cpu 0.3 --policies joint \
	--percentiles 90,99 --buckets 3 -o "$O/fu.csv"
t_eq "... the table's counts are the CSV's" "$(tab "$O/out")" "$(csvcnt "$O/fu.csv")"
t_eq "... unplaced + vms + missing = $nvms on every row" \
	"$(tab "$O/out" | awk '{ print $3 + $4 + $5 }' | sort -u)" "$nvms"
t_eq "... VMs unplaced at P90, more at P99" \
	"$(tab "$O/out" | awk 'NR == 1 { u = $3 } NR == 2 { print (u > 0 && $3 > u) }')" 1
files=""
for i in 0 1 2; do
	"$VMUX" frontier "$O/a.csv" --eval-trace "$O/b2.csv" $F --buckets 4 \
		--shard $i/3 -o "$O/fs$i" >/dev/null 2>&1
	files="$files $O/fs$i"
	awk 'NR == 1 { print "vmux-frontier-shard 2"; next }
	/^(eval_vms|caps|windows|train_vms)\t/ { next }
	/^point\t/ { sub(/\t[0-9]+\t[0-9]+$/, "") } { print }' "$O/fs$i" >"$O/v2fs$i"
done
t_ok "merge of 3 shards" "$VMUX" merge $files -o "$O/fm.csv"
t_grep "^vmux: warning: merge: this evaluation does not cover the plan: $share % of its VMs \($miss of $nvms\) are not in the evaluation trace \(limit 10 %\)" \
	"$O/err" "... merge says it in evaluate's words"
t_ok "... = the unsharded bucketed CSV" cmp "$O/fm.csv" "$O/fb.csv"
t_ok "merge of version 2 shards" "$VMUX" merge "$O/v2fs0" "$O/v2fs1" "$O/v2fs2" \
	-o "$O/fv2.csv"
t_eq "... coverage fields empty" "$(cut -d, -f11- "$O/fv2.csv" | sort -u | tr '\n' ' ')" \
	",, vms,missing,not_planned "
t_eq "... the rest as version 4's" "$(cut -d, -f1-10 "$O/fv2.csv")" \
	"$(cut -d, -f1-10 "$O/fb.csv")"
"$VMUX" frontier "$O/a.csv" --eval-trace "$O/b3.csv" $F --buckets 4 \
	--shard 2/3 -o "$O/fs2-b3" >/dev/null 2>&1
t_exit 65 "merge of shards of evaluation traces of other sizes" "$VMUX" merge \
	"$O/fs0" "$O/fs1" "$O/fs2-b3"
t_grep "evaluation trace" "$O/err" "... said"

# The report's frontier section: said in the words of its out-of-sample
# section, and the summary does not present it as a clean result.
"$VMUX" plan "$O/a.csv" --host-cpu 1 -o "$O/rp.csv" >/dev/null 2>&1
rep() { "$VMUX" report --trace "$O/a.csv" --plan "$O/rp.csv" --host-cpu 1 \
	--no-charts --frontier "$1" -o "$2"; }
text() { sed "s/<[^>]*>//g; s/&#39;/'/g; s/&lt;/</g" "$1/index.html"; }
t_ok "report --frontier (14.8 % missing)" rep "$O/f.csv" "$O/r1"
t_eq "... the section says it" "$(text "$O/r1" | grep -cF "$miss of the plans' $nvms VMs ($share %) are not in the frontier's evaluation trace: this frontier's evaluation does not cover its plans (more than 10 % missing, as vmux evaluate judges)")" 1
t_eq "... in the summary" "$(text "$O/r1" | grep -c "^Frontier: its evaluation does not cover its plans ($share % of their VMs missing from its evaluation trace): not a clean out-of-sample result;")" 1
t_grep "^policy,.*,vms,missing,not_planned$" "$O/r1/frontier.csv" "... the table has the coverage columns"
t_eq "... and the counts" "$(awk -F, -v OFS=, '{ print $(NF - 2), $(NF - 1), $NF }' \
	"$O/r1/frontier.csv" | sort -u | tr '\n' ' ')" \
	"$common,$miss,$extra vms,missing,not_planned "
t_ok "report --frontier (5 missing)" rep "$O/f3.csv" "$O/r3"
t_eq "... not said" "$(grep -c 'does not cover' "$O/r3/index.html")" 0
t_eq "... its summary as before" "$(text "$O/r3" | grep -c '^Frontier: at <= 5 % out-of-sample overload')" 1
# A frontier CSV of an older vmux: no coverage columns, "nan" for an
# undefined rate. Read; its coverage is said to be unknown, not 0.
cut -d, -f1-10 "$O/f.csv" | awk -F, -v OFS=, 'NR == 2 { $8 = "nan" } { print }' >"$O/old.csv"
t_ok "report --frontier of an older vmux" rep "$O/old.csv" "$O/r0"
t_grep "records no coverage" "$O/r0/index.html" "... its coverage said to be unknown"
t_eq "... in the summary" "$(text "$O/r0" | grep -c '^Frontier: (coverage of its evaluation trace not known)')" 1
t_eq "... not said as covered or not" "$(grep -c 'does not cover' "$O/r0/index.html")" 0
awk -F, -v OFS=, 'NR == 3 { $7 = "0x1p-6" } { print }' "$O/f.csv" >"$O/hex.csv"
t_exit 65 "report --frontier with a hex rate" rep "$O/hex.csv" "$O/rh"
t_grep "hex.csv:3: field 'overload_rate': '0x1p-6' is not a decimal number" \
	"$O/err" "... names file, line and field"
awk -F, -v OFS=, 'NR == 2 { $12 = "x" } { print }' "$O/f.csv" >"$O/badm.csv"
t_exit 65 "report --frontier with a bad missing count" rep "$O/badm.csv" "$O/rm"
t_grep "badm.csv:2: field 'missing'" "$O/err" "... names file, line and field"
# A window of a trace of several days: a VM with no data in the
# evaluation window is missing (it was counted as evaluated, at zero
# demand), as vmux evaluate counts it: the same rows as with that day in
# a file of its own (03-03 and 03-06, 20 VMs gone on 03-06).
awk -F, 'NR > 1 && !($2 in k) && n < 20 { k[$2] = 1; n++ }
	NR == 1 || !($2 in k)' "$O/b.csv" >"$O/bless.csv"
{ cat "$O/a.csv"; tail -n +2 "$O/bless.csv"; } >"$O/ab.csv"
t_ok "frontier, evaluation window of a two-day trace" "$VMUX" frontier \
	"$O/ab.csv" --host-cpu 1 --policies joint,separate --percentiles 90,95 \
	--train-to 2011-03-04 --eval-from 2011-03-06 -o "$O/w.fr"
t_ok "... and with the day in a file of its own" "$VMUX" frontier \
	"$O/ab.csv" --host-cpu 1 --policies joint,separate --percentiles 90,95 \
	--train-to 2011-03-04 --eval-trace "$O/bless.csv" -o "$O/f.fr"
t_eq "... the same rows" "$(cmp "$O/w.fr" "$O/f.fr" && echo same)" same
t_eq "... 20 missing, 0 not planned" "$(awk -F, 'NR > 1 { print $(NF - 1) "," $NF }' \
	"$O/w.fr" | sort -u)" "20,0"
t_done

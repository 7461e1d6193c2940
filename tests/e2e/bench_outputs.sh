#!/bin/sh
# bench opens every output before it measures (issue 16, defect 9): a
# --calibration path that cannot be written fails at once, before any
# guest runs, and -o is left as it was; with both paths good both are
# written. All or nothing across the outputs.
. tests/common/e2e.sh
d=$T_DIR

echo old >"$d/b.csv"
t_exit 74 "an unwritable --calibration: exit 74" "$VMUX" bench \
	--workloads exit --quick --repeat 1 -o "$d/b.csv" \
	--calibration "$d/none/cal.csv"
t_grep "cannot create '$d/none/cal.csv'" "$d/err" "the path is named"
! grep -q "bench: exit" "$d/err"
t_report $? "it failed before measuring anything"
[ "$(cat "$d/b.csv")" = old ]
t_report $? "-o is left as it was"
[ -z "$(find "$d" -name '*.tmp.*')" ]
t_report $? "no temporary file left"

t_exit 74 "an unwritable -o: exit 74" "$VMUX" bench --workloads exit \
	--quick --repeat 1 -o "$d/none/b.csv" --calibration "$d/cal.csv"
[ ! -e "$d/cal.csv" ]
t_report $? "--calibration is not written either"

t_ok "both paths good" "$VMUX" bench --workloads exit --quick --repeat 1 \
	-o "$d/b.csv" --calibration "$d/cal.csv"
t_grep '^workload,style,variant' "$d/b.csv" "-o holds the rows' CSV"
[ -s "$d/cal.csv" ]
t_report $? "--calibration is written"
t_done

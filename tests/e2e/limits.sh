#!/bin/sh
# Values at and past the store's limits (issue 16, defect 5): past a limit
# (cpu 1e6 cores, mem 1e12 MiB, disk and net 1e12 KiB/s, time 1e11 s) is
# exit 65 naming file, line and field; 1e308 used to sum to inf and print
# "saving -nan%". At the limits, 40 VMs through size, plan, evaluate (all
# on one host of 1 core: every slot overloaded) and frontier write no NaN
# or infinity anywhere.
. tests/common/e2e.sh
d=$T_DIR

bad() { # NAME LINE FIELD CONTENT
	printf "$4" >"$d/bad.csv"
	t_exit 65 "$1: exit 65" "$VMUX" size "$d/bad.csv"
	t_grep "bad.csv:$2: field '$3': .*above the limit" "$d/err" \
		"$1: names line $2, field '$3'"
}
bad "cpu 1e308" 2 cpu 'time,vm,cpu\n0,a,1e308\n'
bad "cpu 1.5e6" 3 cpu 'time,vm,cpu\n0,a,1\n300,a,1.5e6\n'
bad "mem 1e13" 2 mem 'time,vm,cpu,mem\n0,a,1,1e13\n'
bad "net 2e12" 2 net 'time,vm,cpu,net\n0,a,1,2e12\n'
bad "time 1e12" 2 time 'time,vm,cpu\n1e12,a,1\n'

awk 'BEGIN { print "time,vm,cpu,mem,disk,net"
	for (v = 0; v < 40; v++) for (i = 0; i < 50; i++)
		printf "%d,v%d,%s,1e12,1e12,%s\n", i * 300, v,
			(i % 2 ? "1e6" : "0"), (i % 3 ? "1e12" : "0") }' >"$d/lim.csv"
t_ok "size at the limits" "$VMUX" size "$d/lim.csv" --csv
cp "$d/out" "$d/size.out"
t_ok "plan at the limits" "$VMUX" plan "$d/lim.csv" --host-cpu 1e6 \
	--host-mem 1e12 --csv -o "$d/plan.csv"
cp "$d/out" "$d/plan.out"
{ echo vm,host; i=0; while [ $i -lt 40 ]; do echo "v$i,0"; i=$((i + 1)); done; } \
	>"$d/one.csv"
t_ok "evaluate at the limits, every slot overloaded" "$VMUX" evaluate \
	"$d/lim.csv" --plan "$d/one.csv" --host-cpu 1 --host-mem 1 --csv
cp "$d/out" "$d/eval.out"
t_grep '^total,40,0,50,1,[0-9.]+,[0-9.]+,0\.5,[0-9.]+,1,' \
	"$d/eval.out" "evaluate: every slot over on mem, half on cpu"
cp "$d/lim.csv" "$d/lim2.csv" # another trace: TRACE itself is refused
t_ok "frontier at the limits" "$VMUX" frontier "$d/lim.csv" --host-cpu 1e6 \
	--eval-trace "$d/lim2.csv" -o "$d/frontier.csv"
! grep -iqE 'nan|inf' "$d/size.out" "$d/plan.out" "$d/plan.csv" \
	"$d/eval.out" "$d/frontier.csv"
t_report $? "no NaN or infinity in any output" \
	"$(grep -iE 'nan|inf' "$d/size.out" "$d/plan.out" "$d/plan.csv" \
		"$d/eval.out" "$d/frontier.csv" | head -2)"
t_done

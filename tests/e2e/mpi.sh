#!/bin/sh
# End-to-end tests of vmux-mpi (mpi/vmux_mpi.c), run by `make test-mpi`
# (VMUX_MPI names the binary; skipped without it or without mpirun, so the
# plain `make test` never needs MPI): for np = 1, 2, 3, 4 the plan and the
# summary are the bytes of `vmux plan --buckets 8`; a rank that dies
# before the gather ends the job non-zero and leaves no plan (nor a
# temporary file); bad data exits 65 on every rank, leaves no plan and is
# reported once (not once per rank).
. tests/common/e2e.sh
O=$T_DIR
P="--host-cpu 12 --host-mem 49152 --buckets 8"
# Shared-memory transport without cross-memory attach (containers, guests).
export OMPI_MCA_btl_vader_single_copy_mechanism=none
mpirun_() { mpirun --oversubscribe --allow-run-as-root "$@"; }
# Under ASan (make test-mpi SAN=1): Open MPI's own leaks suppressed, vmux's
# still reported (tests/lsan-mpi.supp says how); the ranks inherit it.
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}fast_unwind_on_malloc=0:\
suppressions=$PWD/tests/lsan-mpi.supp:print_suppressions=0"

if [ -z "${VMUX_MPI:-}" ] || [ ! -x "${VMUX_MPI:-}" ]; then
	t_skip "vmux-mpi" "VMUX_MPI does not name a built vmux-mpi (make test-mpi)"
	t_done; exit 0
fi
if ! command -v mpirun >/dev/null; then
	t_skip "vmux-mpi" "no mpirun (sh mk/deps.sh mpi)"
	t_done; exit 0
fi

"$VMUX" gen --vms 240 --slots 96 --seed 9 --resources cpu,mem \
	-o "$O/g.csv" 2>/dev/null
t_ok "vmux plan --buckets 8" "$VMUX" plan "$O/g.csv" $P -o "$O/ref.plan"
cp "$O/out" "$O/ref.txt"
for np in 1 2 3 4; do
	t_ok "np=$np runs" mpirun_ -np $np "$VMUX_MPI" plan "$O/g.csv" $P \
		-o "$O/np$np.plan"
	cp "$O/out" "$O/np$np.txt"
	t_ok "np=$np: the same plan" cmp "$O/np$np.plan" "$O/ref.plan"
	t_ok "np=$np: the same summary" cmp "$O/np$np.txt" "$O/ref.txt"
done

mpirun_ -np 3 -x VMUX_MPI_DIE_RANK=1 "$VMUX_MPI" plan "$O/g.csv" $P \
	-o "$O/dead.plan" >"$O/out" 2>"$O/err"
rc=$?
[ $rc -ne 0 ]; t_report $? "a rank that dies: non-zero exit" "exit $rc"
t_grep "rank 1 .*(signal|Killed)" "$O/err" "mpirun names the dead rank"
t_ok "a rank that dies: no plan" test ! -e "$O/dead.plan"
t_ok "a rank that dies: no temporary file" \
	sh -c "! ls '$O' | grep -q dead"

# The bundled PlanetLab day (imported) and standard input (rank 0 reads
# it and sends each row to its owner).
"$VMUX" import planetlab traces/planetlab/20110303 -o "$O/pl.csv" 2>/dev/null
Q="--host-cpu 4 --buckets 4"
"$VMUX" plan "$O/pl.csv" $Q -o "$O/plref.plan" >"$O/plref.txt" 2>&1
for np in 1 2 3 4; do
	t_ok "PlanetLab, np=$np: the same plan" sh -c "mpirun --oversubscribe \
		--allow-run-as-root -np $np '$VMUX_MPI' plan '$O/pl.csv' $Q \
		-o '$O/pl.plan' >/dev/null 2>&1 && cmp '$O/pl.plan' '$O/plref.plan'"
done
# The three bundled days, missing days between: the ranks agree on the
# slots no VM covers (each holds some VMs), so every bucket leaves out the
# same slots as one process does (tests/e2e/gaps.sh).
"$VMUX" import planetlab traces/planetlab -o "$O/pl3.csv" 2>/dev/null
"$VMUX" plan "$O/pl3.csv" $Q -o "$O/pl3ref.plan" >/dev/null 2>&1
t_ok "missing days, np=3: the same plan" sh -c "mpirun --oversubscribe \
	--allow-run-as-root -np 3 '$VMUX_MPI' plan '$O/pl3.csv' $Q \
	-o '$O/pl3.plan' >/dev/null 2>&1 && cmp '$O/pl3.plan' '$O/pl3ref.plan'"
t_eq "missing days: the terms end with the last day" \
	"$(grep '^train_to=' "$O/pl3.plan.meta")" "train_to=1299715200"
# Four VMs, two measured only on the 3rd and two only on the 9th: a rank
# holding VMs of one pair alone has data on one day only, and the slots
# with data must still be those of the whole trace (without the ranks'
# agreement on them, these plans differ from vmux plan's).
awk -F, 'NR == 1 { print; next }
	!($2 in id) { if (n == 4) next; id[$2] = n++ }
	(id[$2] % 2 == 0 && $1 < 1299196800) ||
	(id[$2] % 2 == 1 && $1 >= 1299628800)' "$O/pl3.csv" >"$O/half.csv"
"$VMUX" plan "$O/half.csv" --host-cpu 1 --buckets 2 -o "$O/halfref.plan" \
	>/dev/null 2>&1
for np in 2 3; do
	t_ok "VMs on different days, np=$np: the same plan and terms" sh -c \
		"mpirun --oversubscribe --allow-run-as-root -np $np \
		'$VMUX_MPI' plan '$O/half.csv' --host-cpu 1 --buckets 2 \
		-o '$O/half.plan' >/dev/null 2>&1 &&
		cmp '$O/half.plan' '$O/halfref.plan' &&
		cmp '$O/half.plan.meta' '$O/halfref.plan.meta'"
done
t_grep "^absent_vms=4$" "$O/half.plan.meta" \
	"... PLAN.meta counts the 4 VMs absent from part of the window"
# Trained on the 3rd alone, the two VMs of the 9th have no data: not
# planned, counted in PLAN.meta and the summary, as vmux plan does.
"$VMUX" plan "$O/half.csv" --host-cpu 1 --buckets 2 --train-to 1299196800 \
	-o "$O/nd.plan" >"$O/nd.txt" 2>/dev/null
for np in 2 3; do
	t_ok "no data in the window, np=$np: the same plan, terms, summary" \
		sh -c "mpirun --oversubscribe --allow-run-as-root -np $np \
		'$VMUX_MPI' plan '$O/half.csv' --host-cpu 1 --buckets 2 \
		--train-to 1299196800 -o '$O/ndm.plan' >'$O/ndm.txt' 2>/dev/null &&
		cmp '$O/ndm.plan' '$O/nd.plan' &&
		cmp '$O/ndm.plan.meta' '$O/nd.plan.meta' &&
		cmp '$O/ndm.txt' '$O/nd.txt'"
done
t_grep "^no_data_vms=2$" "$O/ndm.plan.meta" "... PLAN.meta counts the 2 VMs"
t_grep "^  2 VMs with no data in the training window: not planned" \
	"$O/ndm.txt" "... the summary too"
# VMs that may grow (tests/e2e/keep_apart.sh: a, e, q in bucket 0, b, d
# in 1; 4 may grow, 2 reserve more than an 8-core host, the rule costs 2
# hosts): the ranks' parts carry them, so the summary says what vmux plan
# says (before, neither said anything of them).
awk 'BEGIN { print "time,vm,cpu,cpu_prov"
	for (s = 0; s < 288; s++) { t = 1000000 + 300 * s
		printf "%d,a,1.5,32\n%d,e,1.5,32\n%d,q,2.5,32\n", t, t, t
		printf "%d,b,2.25,32\n%d,d,1,2\n", t, t } }' >"$O/kg.csv"
"$VMUX" plan "$O/kg.csv" --host-cpu 8 --buckets 2 -o "$O/kg.plan" \
	>"$O/kg.txt" 2>/dev/null
t_grep "^  keeping them apart costs 2 hosts: packed without the rule, the same VMs at the same level take 2 hosts, not 4$" \
	"$O/kg.txt" "may grow: vmux plan --buckets 2 says the cost"
for np in 1 2; do
	t_ok "may grow, np=$np: the same plan, terms, summary" \
		sh -c "mpirun --oversubscribe --allow-run-as-root -np $np \
		'$VMUX_MPI' plan '$O/kg.csv' --host-cpu 8 --buckets 2 \
		-o '$O/kgm.plan' >'$O/kgm.txt' 2>/dev/null &&
		cmp '$O/kgm.plan' '$O/kg.plan' &&
		cmp '$O/kgm.plan.meta' '$O/kg.plan.meta' &&
		cmp '$O/kgm.txt' '$O/kg.txt'"
done
t_grep "^may_grow_vms=4$" "$O/kgm.plan.meta" "... PLAN.meta counts the 4 VMs"
"$VMUX" plan "$O/kg.csv" --host-cpu 8 --buckets 2 --csv >"$O/kg.sum" \
	2>/dev/null
t_eq "may grow: vmux plan --buckets 2 --csv, the last four columns" \
	"$(awk -F, '{ print $(NF-3) "," $(NF-2) "," $(NF-1) "," $NF }' "$O/kg.sum")" \
	"may_grow_vms,may_grow_over_host,may_grow_alone,hosts_without_apart
4,2,1,2"
# --virt and --growth on the in-sample overload's line, as vmux plan
# --buckets says them (tests/e2e/plan.sh).
"$VMUX" plan "$O/kg.csv" --host-cpu 8 --buckets 2 --virt full --growth 0.1 \
	>"$O/kgv.txt" 2>/dev/null
t_grep "^  in-sample overload .*; seed 1; virt full; growth 0.1; trend rule raised" \
	"$O/kgv.txt" "--virt full --growth 0.1: vmux plan --buckets 2 says them"
t_grep "^  cpu: .*\\(saving [0-9.]+%\\) \\[with overhead and 10% growth\\]$" \
	"$O/kgv.txt" "... and what scaled the sizes, as the plain plan"
t_grep "^  in-sample overload .*; seed 1; virt none; growth 0; trend rule raised" \
	"$O/kg.txt" "neither: virt none; growth 0, as the plain plan"
t_ok "... np=2: the same summary" \
	sh -c "mpirun --oversubscribe --allow-run-as-root -np 2 \
	'$VMUX_MPI' plan '$O/kg.csv' --host-cpu 8 --buckets 2 --virt full \
	--growth 0.1 >'$O/kgmv.txt' 2>/dev/null && cmp '$O/kgmv.txt' '$O/kgv.txt'"
t_ok "may grow, np=2 --csv: the same summary row" \
	sh -c "mpirun --oversubscribe --allow-run-as-root -np 2 \
	'$VMUX_MPI' plan '$O/kg.csv' --host-cpu 8 --buckets 2 --csv \
	>'$O/kgm.sum' 2>/dev/null && cmp '$O/kgm.sum' '$O/kg.sum'"
# VMs named as the shard file's keywords (tests/e2e/shard_names.sh), the
# largest `bucket`: with one bucket a rank, it is the first row of its
# rank's part, after the bucket line (before, taken for one: exit 65).
awk 'BEGIN { print "time,vm,cpu"; n = split("bucket end rows term nofit", v, " ")
	for (s = 0; s < 12; s++) for (i = 1; i <= n; i++)
		print 1000000 + 300 * s "," v[i] "," (i == 1 ? 0.9 : 0.1 * i) }' \
	>"$O/kw.csv"
"$VMUX" plan "$O/kw.csv" --host-cpu 1 --buckets 2 -o "$O/kw.plan" \
	>"$O/kw.txt" 2>/dev/null
for np in 1 2; do
	t_ok "VM names of shard keywords, np=$np: the same plan, summary" \
		sh -c "mpirun --oversubscribe --allow-run-as-root -np $np \
		'$VMUX_MPI' plan '$O/kw.csv' --host-cpu 1 --buckets 2 \
		-o '$O/kwm.plan' >'$O/kwm.txt' 2>/dev/null &&
		cmp '$O/kwm.plan' '$O/kw.plan' && cmp '$O/kwm.txt' '$O/kw.txt'"
done
t_ok "standard input, np=3: the same plan" sh -c "mpirun --oversubscribe \
	--allow-run-as-root -np 3 '$VMUX_MPI' plan - $P -o '$O/in.plan' \
	<'$O/g.csv' >/dev/null 2>&1 && cmp '$O/in.plan' '$O/ref.plan'"
# Without --buckets the ranks count the VMs first: 40,000 VMs make the
# default 2 buckets (sim/plan/fleet.h: one per 20,000).
"$VMUX" gen --vms 40000 --slots 3 --seed 3 -o "$O/many.csv" 2>/dev/null
Z="--host-cpu 48 --policy separate"
"$VMUX" plan "$O/many.csv" $Z --buckets 2 -o "$O/many.plan" >/dev/null 2>&1
for np in 1 3; do
	t_ok "default buckets, np=$np: those of vmux plan --buckets 2" sh -c \
		"mpirun --oversubscribe --allow-run-as-root -np $np '$VMUX_MPI' \
		plan '$O/many.csv' $Z -o '$O/m.plan' >/dev/null 2>&1 &&
		cmp '$O/m.plan' '$O/many.plan'"
done
# Quoted names need the full CSV rules: every rank reads the whole file.
sed 's/,\(vm0[0-9]*\),/,"\1",/' "$O/g.csv" >"$O/q.csv"
t_ok "quoted names, np=2: the same plan" sh -c "mpirun --oversubscribe \
	--allow-run-as-root -np 2 '$VMUX_MPI' plan '$O/q.csv' $P \
	-o '$O/q.plan' >/dev/null 2>&1 && cmp '$O/q.plan' '$O/ref.plan'"

# bad LINE... <IN >OUT: the cpu field of each LINE spoilt, its length kept
# (so the ranges stay where they were).
bad() {
	awk -F, -v OFS=, -v l=" $* " 'index(l, " " NR " ") {
		$3 = "x" substr($3, 2) } 1'
}
# The line of byte offset B of FILE (1 = the first).
line_of() { echo $(($(head -c "$2" "$1" | wc -l) + 1)); }
# Byte offset where rank R of NP's range starts before it moves to a line
# start (sim/store/partition.h).
cut_at() {
	n=$(wc -c <"$1")
	h=$(($(head -n 1 "$1" | wc -c)))
	echo $((h + (n - h) * $2 / $3))
}
# check NAME FILE LINE FIELD NP...: for each NP, exit 65, no plan and one
# message, naming FILE:LINE and FIELD, the one `vmux plan` prints.
check_bad() {
	name=$1 f=$2 line=$3 field=$4
	shift 4
	"$VMUX" plan "$f" $P -o "$O/bad.plan" 2>&1 | grep "^$f:" >"$O/want"
	t_grep "^$f:$line: field '$field'" "$O/want" "$name: vmux plan names it"
	for np in "$@"; do
		t_exit 65 "$name, np=$np: exit 65" mpirun_ -np $np "$VMUX_MPI" \
			plan "$f" $P -o "$O/bad.plan"
		grep "^$f:" "$O/err" >"$O/got"
		t_ok "$name, np=$np: said once, as vmux plan says it" \
			cmp "$O/got" "$O/want"
		t_ok "$name, np=$np: nothing else said" \
			sh -c "! grep -q '^vmux' '$O/err'"
		t_ok "$name, np=$np: no plan" test ! -e "$O/bad.plan"
	done
}
rows=$(wc -l <"$O/g.csv")
mid=$((rows / 2))
bad $mid <"$O/g.csv" >"$O/mid.csv"
check_bad "a bad row in the middle" "$O/mid.csv" $mid cpu 1 2 3 4
# A VM of bucket $1 (of 8): the first row of `plan --shard $1/8`'s file
# (told by position, not by first word: shard_rows).
vm_of() {
	"$VMUX" plan "$O/g.csv" $P --shard $1/8 -o "$O/shard" >/dev/null 2>&1
	shard_rows "$O/shard" | awk -F'\t' -v b=$1 '$2 == b { print $1; exit }'
}
# The first row of VM $1 from line $2 on.
row_of() { awk -F, -v v="$1" -v l="$2" 'NR >= l && $2 == v { print NR; exit }' \
	"$O/g.csv"; }
# Two bad rows of VMs that other ranks own: the first in the file, of
# bucket 2 (rank 0 of 2, rank 2 of 3 and 4), is said, not the later one
# of bucket 1 (rank 1).
first=$(row_of "$(vm_of 2)" $((rows * 4 / 10)))
later=$(row_of "$(vm_of 1)" $((rows * 6 / 10)))
bad $first $later <"$O/g.csv" >"$O/two.csv"
check_bad "two bad rows" "$O/two.csv" $first cpu 1 2 3 4
for np in 2 3 4; do
	# The line holding rank 1's cut (it belongs to rank 0), and the
	# first line of rank 1's range.
	at=$(cut_at "$O/g.csv" 1 $np)
	l=$(line_of "$O/g.csv" "$at")
	bad $l <"$O/g.csv" >"$O/cut.csv"
	check_bad "the row across rank 1's cut, np=$np" "$O/cut.csv" $l cpu $np
	bad $((l + 1)) <"$O/g.csv" >"$O/cut.csv"
	check_bad "the row after rank 1's cut, np=$np" "$O/cut.csv" \
		$((l + 1)) cpu $np
done
# Errors found once the grid is known: a time off the grid (named at the
# first line holding it) and a duplicate row (at the second one).
awk -F, -v OFS=, -v l=$((rows - 5)) 'NR == l { $1 = $1 + 7 } 1' \
	"$O/g.csv" >"$O/grid.csv"
check_bad "a time off the grid" "$O/grid.csv" $((rows - 5)) time 1 2 3 4
{ cat "$O/g.csv"; sed -n 1000p "$O/g.csv"; } >"$O/dup.csv"
check_bad "a duplicate row" "$O/dup.csv" $((rows + 1)) time 1 2 3 4

printf 'time,vm,cpu,mem\n0,a,x,1\n' >"$O/bad.csv"
for np in 2 3; do
	t_exit 65 "np=$np, bad data: exit 65" mpirun_ -np $np "$VMUX_MPI" \
		plan "$O/bad.csv" $P -o "$O/bad.plan"
	t_grep "bad.csv:2: field 'cpu'" "$O/err" "bad data: file, line, field"
	t_eq "np=$np, bad data: said once, not once per rank" \
		"$(grep -c "bad.csv:2: field 'cpu'" "$O/err")" 1
	t_ok "bad data: no plan" test ! -e "$O/bad.plan"
done
# Every rank exits 65 (mpirun reports the first non-zero status only).
mpirun_ -np 3 sh -c "\"\$0\" \"\$@\"; echo exit \$? >>'$O/ranks'" \
	"$VMUX_MPI" plan "$O/bad.csv" $P >/dev/null 2>&1
t_eq "bad data: every rank exits 65" "$(cat "$O/ranks" 2>/dev/null)" \
	"$(printf 'exit 65\nexit 65\nexit 65')"
t_exit 2 "a usage error" mpirun_ -np 3 "$VMUX_MPI" plan "$O/g.csv" --bogus
t_eq "a usage error: said once" "$(grep -c bogus "$O/err")" 1
t_exit 2 "not a plan command" mpirun_ -np 2 "$VMUX_MPI" frontier
# A folder given as the trace: the ingest's own message, once, and no
# rank's bare "Input/output error" (it read the folder as a stream).
mkdir -p "$O/folder"
t_exit 74 "a folder as the trace: exit 74" mpirun_ -np 2 "$VMUX_MPI" plan \
	"$O/folder" $P
t_eq "a folder: said once, as vmux plan says it" \
	"$(grep '^vmux' "$O/err")" \
	"vmux: cannot read '$O/folder': it is a folder, not a canonical trace (vmux import converts a folder of PlanetLab or Bitbrains files into one)"
# --shard is the ranks' own (it was accepted and ignored), and a bucketed
# plan has no per-host table (--host-table wrote nothing): usage errors.
t_exit 2 "--shard under MPI" mpirun_ -np 2 "$VMUX_MPI" plan "$O/g.csv" $P \
	--shard 0/2 -o "$O/sh.plan"
t_eq "--shard under MPI: said once" "$(grep -c "'--shard'" "$O/err")" 1
t_exit 2 "--host-table under MPI" mpirun_ -np 2 "$VMUX_MPI" plan "$O/g.csv" \
	$P --host-table "$O/ht.csv" -o "$O/sh.plan"
t_ok "... nothing written" test ! -e "$O/ht.csv" -a ! -e "$O/sh.plan"
# --strict: VMs no 1-core host holds make vmux plan exit 1 after writing
# the plan; vmux-mpi wrote the same plan and exited 0 (the ranks never
# learnt the unplaced count), for every np.
t_exit 1 "--strict, unplaced VMs: vmux plan exits 1" "$VMUX" plan "$O/g.csv" \
	--host-cpu 1 --buckets 8 --strict -o "$O/strict.plan"
cp "$O/err" "$O/strict.err"
t_grep "^vmux: plan: no host for [0-9]+ VMs \(--strict\)" "$O/strict.err" "... naming how many"
for np in 1 3; do
	t_exit 1 "--strict, np=$np: exit 1" mpirun_ -np $np "$VMUX_MPI" plan \
		"$O/g.csv" --host-cpu 1 --buckets 8 --strict -o "$O/strictm.plan"
	t_eq "... said once, as vmux plan says it" "$(grep '^vmux' "$O/err")" \
		"$(grep '^vmux' "$O/strict.err")"
	t_ok "... the same plan" cmp "$O/strictm.plan" "$O/strict.plan"
done
t_grep "^vmux: plan: VM '[^']+' fits on no host: its cpu size at P95 is" "$O/strict.err" \
	"--strict: the VMs named (the ranks name the same, above)"
t_ok "--strict, every VM placed, np=3: exit 0" mpirun_ -np 3 "$VMUX_MPI" plan \
	"$O/g.csv" $P --strict -o "$O/strictok.plan"
# A spreadsheet's byte order mark before a header whose first column is
# vm: the ranks find their rows by that column all the same.
awk -F, -v OFS=, '{ print $2, $1, $3, $4 }' "$O/g.csv" >"$O/vm1.csv"
{ printf '\357\273\277'; cat "$O/vm1.csv"; } >"$O/bom.csv"
t_ok "vm column first: vmux plan" "$VMUX" plan "$O/vm1.csv" $P \
	-o "$O/vm1.plan"
t_ok "np=2, a marked header, vm first" mpirun_ -np 2 "$VMUX_MPI" plan \
	"$O/bom.csv" $P -o "$O/bom.plan"
t_ok "... the same plan" cmp "$O/bom.plan" "$O/vm1.plan"
t_done

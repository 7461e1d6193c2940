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
t_done

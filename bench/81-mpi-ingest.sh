#!/bin/sh
# bench/81-mpi-ingest.sh BUILD - what the partitioned ingest buys (issue 17:
# `mpirun -np 2` <= 0.6 x np = 1 on 2 cores; plans byte-identical).
#
# A generated fleet big enough that ingest is a large share (20,000 VMs x
# 2,016 slots, mixed shape, cpu: ~1 GB of CSV, deleted at the end) planned
# by vmux-mpi with --buckets 64, np = 1 and np = 2, median of 3 runs each,
# in two ways:
#  - each rank in a session of its own (setsid -w): the kernel's autogroup
#    scheduler shares the CPU between sessions, not processes, so on a
#    machine loaded by other sessions the ranks of one mpirun (one
#    session) share one session's CPU, however many they are; in sessions
#    of their own they get what two jobs would (as ranks on separate cores
#    or machines would). The goal is judged on this one.
#  - as mpirun starts them (one session), for comparison.
# Open MPI's shared-memory transport uses cross-memory attach when the
# machine allows it (probed), else OMPI_MCA_btl_vader_single_copy_mechanism
# =none. The load average is printed with each ratio: other processes make
# timings noisy, and a ratio is only comparable within one run.
set -eu
build=$1
V="$build/vmux"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

if ! command -v mpicc >/dev/null || ! command -v mpirun >/dev/null; then
	echo "skipped: no mpicc/mpirun (sh mk/deps.sh mpi)"
	exit 0
fi
make --no-print-directory -s BUILD="$build" mpi >/dev/null
M="$build/vmux-mpi"
mr="mpirun --oversubscribe --allow-run-as-root"
"$V" gen --vms 200 --slots 12 --seed 7 -o "$tmp/probe.csv" >/dev/null 2>&1
if ! $mr -np 2 "$M" plan "$tmp/probe.csv" --host-cpu 48 --buckets 4 \
	>/dev/null 2>&1; then
	export OMPI_MCA_btl_vader_single_copy_mechanism=none
fi
echo "single copy: ${OMPI_MCA_btl_vader_single_copy_mechanism:-cma (default)}"

"$V" gen --vms 20000 --slots 2016 --seed 7 -o "$tmp/f.csv" >/dev/null 2>&1
echo "trace: 20,000 VMs x 2,016 slots, $(($(wc -c <"$tmp/f.csv") / 1048576)) MiB"
args="$tmp/f.csv --host-cpu 48 --buckets 64"
/usr/bin/time -f "%e %M" -o "$tmp/tv" "$V" plan $args -o "$tmp/ref.plan" \
	>/dev/null 2>&1
echo "vmux plan (one process): $(cut -d' ' -f1 "$tmp/tv") s, $(($(cut -d' ' -f2 "$tmp/tv") / 1024)) MiB"

# run NP WRAP...: vmux-mpi under mpirun -np NP, each rank through WRAP;
# appends "seconds max-rank-MiB" to $tmp/t; checks the plan.
run() {
	np=$1
	shift
	$mr -np $np "$@" /usr/bin/time -f "%e %M" -a -o "$tmp/rank" "$M" plan \
		$args -o "$tmp/np$np.plan" >/dev/null 2>"$tmp/err" ||
		{ cat "$tmp/err" >&2; return 1; }
	cmp -s "$tmp/np$np.plan" "$tmp/ref.plan" || { same=no; status=1; }
}
median3() { sort -g | sed -n 2p; }

same=yes
for how in sessions one; do
	wrap=""
	[ $how = sessions ] && wrap="setsid -w"
	for np in 1 2; do
		: >"$tmp/t$np"
		for i in 1 2 3; do
			: >"$tmp/rank"
			s0=$(date +%s.%N)
			run $np $wrap
			s1=$(date +%s.%N)
			mib=$(sort -k2 -g "$tmp/rank" | tail -1 | cut -d' ' -f2)
			echo "$s0 $s1 $((mib / 1024))" |
				awk '{ printf "%.2f %d\n", $2 - $1, $3 }' >>"$tmp/t$np"
		done
	done
	t1=$(cut -d' ' -f1 "$tmp/t1" | median3)
	t2=$(cut -d' ' -f1 "$tmp/t2" | median3)
	m1=$(cut -d' ' -f2 "$tmp/t1" | sort -g | tail -1)
	m2=$(cut -d' ' -f2 "$tmp/t2" | sort -g | tail -1)
	r=$(awk -v a="$t2" -v b="$t1" 'BEGIN { printf "%.2f", a / b }')
	echo "ranks in $how session(s): np=1 ${t1} s (rank peak ${m1} MiB), np=2 ${t2} s (${m2} MiB per rank), medians of 3: ratio $r (goal <= 0.6; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
	if [ $how = sessions ]; then
		awk -v r="$r" 'BEGIN { exit !(r <= 0.6) }' ||
			echo "goal NOT met"
	fi
done
echo "plans byte-identical to vmux plan --buckets 64: $same"
exit $status

#!/bin/sh
# bench/83-plan-threads.sh BUILD - what planning on threads buys (issue 17:
# the planning phase of `vmux plan` on the machine's cores, plans
# byte-identical for any number of threads).
#
# An Azure-shaped month, 27,000 VMs x 8,640 slots (cpu, ~500 MB of CSV in
# $TMPDIR, deleted at the end; 30 day folds to calibrate on), planned with
# the default policy, VMUX_THREADS=1 (planning in one thread) and unset
# (one per online CPU) taking turns (1 N 1 N 1 N), medians of 3 in wall
# and CPU time (user + sys). The ingest is threaded in both, so the ratio
# is of the whole command; only calibration's folds run on the threads
# (the final fit is one thread: README, fleets). The plans are compared
# with cmp. The load average is printed with the numbers.
set -eu
build=${1:-build}
V="$build/vmux"
. "$(dirname "$0")/lib/scratch.sh"
scratch_dir 700000 "700 MB"

"$V" gen --vms 27000 --slots 8640 --seed 7 --shape azure -o "$tmp/a.csv" \
	>/dev/null 2>&1
echo "Azure-shaped, cpu, 27,000 VMs x 8,640 slots, --host-cpu 48 (load $(cut -d' ' -f1 /proc/loadavg))"
: >"$tmp/t1"
: >"$tmp/tn"
for i in 1 2 3; do
	for t in 1 n; do
		if [ $t = 1 ]; then
			VMUX_THREADS=1 /usr/bin/time -f "%e %U %S" -o "$tmp/tv" \
				"$V" plan "$tmp/a.csv" --host-cpu 48 -o "$tmp/p$t.csv" \
				>/dev/null 2>&1
		else
			env -u VMUX_THREADS /usr/bin/time -f "%e %U %S" -o "$tmp/tv" \
				"$V" plan "$tmp/a.csv" --host-cpu 48 -o "$tmp/p$t.csv" \
				>/dev/null 2>&1
		fi
		awk '{ print $1, $2 + $3 }' "$tmp/tv" >>"$tmp/t$t"
	done
done
med() { sort -g "$1" | sed -n 2p; }
read -r w1 c1 <<EOF
$(med "$tmp/t1")
EOF
read -r wn cn <<EOF
$(med "$tmp/tn")
EOF
awk -v w1="$w1" -v c1="$c1" -v wn="$wn" -v cn="$cn" -v l="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {
	printf "  one planning thread: %.2f s wall, %.2f s CPU\n", w1, c1
	printf "  one per CPU:         %.2f s wall, %.2f s CPU\n", wn, cn
	printf "  wall ratio %.2f, CPU ratio %.2f (load %s)\n", wn / w1, cn / c1, l }'
if cmp -s "$tmp/p1.csv" "$tmp/pn.csv"; then
	echo "  plans byte-identical: yes"
else
	echo "  plans byte-identical: NO"
	exit 1
fi

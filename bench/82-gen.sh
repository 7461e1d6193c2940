#!/bin/sh
# bench/82-gen.sh BUILD - how fast `vmux gen` writes (issue 17: the scale
# benches generate their fleets, 52 GB for 1 M VMs x 2,016 slots).
#
#  1. Mixed shape, cpu, 20,000 VMs x 2,016 slots (1.05 GB) into a file:
#     MB/s of wall time (median of 3; goal >= 200 MB/s) and of CPU time
#     (user + sys, both threads: the generating thread and the writer).
#  2. Azure shape over 30 days of 5-minute slots, 27,000 VMs (1 % of Azure
#     V2's 2.7 M): seconds of CPU per million readings, which stays near the
#     mixed shape's only because a VM's processes run only while it lives
#     (before, every VM drew its noise in every slot: ~12 x the readings).
# Needs ~1.1 GB in $TMPDIR (skipped with the reason if it is not free).
# Other processes on the machine make wall times noisy: the load average is
# printed with each number.
set -eu
build=${1:-build}
V="$build/vmux"
. "$(dirname "$0")/lib/scratch.sh"
scratch_dir 1200000 "1.2 GB"
fail=0

# run OUT ARGS...: gen ARGS into $tmp/g.csv; appends "wall cpu bytes rows".
run() {
	out=$1
	shift
	/usr/bin/time -f "%e %U %S" -o "$tmp/tv" "$V" gen "$@" -o "$tmp/g.csv" \
		>/dev/null 2>&1
	read -r e u s <"$tmp/tv"
	echo "$e $(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')" \
		"$(wc -c <"$tmp/g.csv") $(($(wc -l <"$tmp/g.csv") - 1))" >>"$out"
	rm -f "$tmp/g.csv"
}

echo "1. mixed, cpu, 20,000 VMs x 2,016 slots (load $(cut -d' ' -f1 /proc/loadavg))"
: >"$tmp/m"
for i in 1 2 3; do
	run "$tmp/m" --vms 20000 --slots 2016 --seed 7
done
sort -g "$tmp/m" | sed -n 2p | awk '{
	printf "  median wall %.2f s: %.0f MB/s; CPU %.2f s: %.0f MB/s of CPU\n",
		$1, $3 / $1 / 1e6, $2, $3 / $2 / 1e6 }'
mbs=$(sort -g "$tmp/m" | sed -n 2p | awk '{ printf "%.0f", $3 / $1 / 1e6 }')
if [ "$mbs" -ge 200 ]; then
	echo "  gen: $mbs MB/s (goal >= 200 MB/s) PASS"
else
	echo "  gen: $mbs MB/s (goal >= 200 MB/s) FAIL (load $(cut -d' ' -f1 /proc/loadavg))"
	fail=1
fi

echo "2. azure, cpu, 27,000 VMs x 8,640 slots (load $(cut -d' ' -f1 /proc/loadavg))"
: >"$tmp/a"
run "$tmp/a" --vms 27000 --slots 8640 --seed 7 --shape azure
awk '{ printf "  %.2f s wall, %.2f s CPU, %.0f MB, %d readings (%.1f %% of VMs x slots): %.2f s of CPU per million readings\n",
	$1, $2, $3 / 1e6, $4, 100 * $4 / (27000 * 8640), $2 / $4 * 1e6 }' "$tmp/a"
awk '{ printf "  mixed for comparison: %.2f s of CPU per million readings\n",
	$2 / $4 * 1e6 }' "$tmp/m" | head -1
exit $fail

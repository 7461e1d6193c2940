#!/bin/sh
# The monitor's goals (issue: minimal KVM monitor), measured in one run:
#  - exit cost near the floor: vmux's port-I/O exit round trip (vmux bench
#    --workloads exit, variant pio) within 1.2x of the same guest loop under
#    a bare KVM_RUN loop (bench/kvm_floor.c): the median of 7 ratios, each
#    of a vmux run to the floor measured just before it;
#  - fast start: process start to the guest's first instruction < 5 ms, and
#    the hello guest end to end < 20 ms (medians of 21 runs).
# $1 = the build folder (vmux, bench/kvm_floor, bench/spawn_time in it).
set -u
B=${1:-build}
if ! [ -r /dev/kvm ] || ! [ -w /dev/kvm ]; then
	echo "30-vmm: SKIP: /dev/kvm is absent or not accessible here"
	exit 0
fi
fail=0
. "$(dirname "$0")/lib/verdict.sh"
. "$(dirname "$0")/lib/stats.sh"
ITERS=20000
# Pairs, alternating: the floor, then vmux (its own median of 3). Nested
# exits on this kind of machine cost 25-70 us and drift by tens of
# percent within a minute, so each vmux figure is divided by the floor
# measured just before it and the verdict is the median of the 7 ratios,
# not a ratio of two medians taken minutes apart.
floors="" pios="" ratios=""
for i in 1 2 3 4 5 6 7; do
	f=$("$B/bench/kvm_floor" $ITERS | awk '/floor_ns_per_exit/ { print $2 }')
	[ -n "$f" ] || { echo "30-vmm: kvm_floor failed"; exit 1; }
	p=$("$B/vmux" bench --workloads exit --repeat 3 --csv 2>/dev/null |
		awk -F, '$1 == "exit" && $3 == "pio" { print $11 }')
	[ -n "$p" ] || { echo "30-vmm: vmux bench --workloads exit failed"; exit 1; }
	floors="$floors $f" pios="$pios $p"
	ratios="$ratios $(awk -v a="$p" -v b="$f" 'BEGIN { printf "%.4f", a / b }')"
done
median() { printf '%s\n' "$@" | stats | cut -d' ' -f1; }
floor=$(median $floors) pio=$(median $pios)
ratio=$(printf '%.3f' "$(median $ratios)")
echo "exit cost: vmux pio ${pio} ns, bare KVM_RUN floor ${floor} ns (medians of 7"
echo "  alternating pairs; this machine is itself a VM, so every exit is nested)"
echo "  per-pair ratios:$ratios"
verdict "vmux/floor ratio" "$ratio" 1.2 "x"
set -- $("$B/bench/spawn_time" 21 "$B/vmux" run hello --stats | awk '{ print $2 }')
echo "start-up (median of 21 runs of 'vmux run hello'):"
verdict "process start to first guest instruction" "$1" 5 ms
verdict "hello end to end" "$2" 20 ms
exit $fail

#!/bin/sh
# The monitor's goals (issue: minimal KVM monitor), measured in one run:
#  - exit cost near the floor: vmux's port-I/O exit round trip (vmux bench
#    --workloads exit, variant pio) within 1.2x of the same guest loop under
#    a bare KVM_RUN loop (bench/kvm_floor.c); medians of 5 runs each;
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
ITERS=20000
floors=""
for i in 1 2 3 4 5; do
	f=$("$B/bench/kvm_floor" $ITERS | awk '/floor_ns_per_exit/ { print $2 }')
	[ -n "$f" ] || { echo "30-vmm: kvm_floor failed"; exit 1; }
	floors="$floors $f"
done
floor=$(echo $floors | tr ' ' '\n' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
pio=$("$B/vmux" bench --workloads exit --repeat 5 --csv 2>/dev/null |
	awk -F, '$1 == "exit" && $3 == "pio" { print $11 }')
[ -n "$pio" ] || { echo "30-vmm: vmux bench --workloads exit failed"; exit 1; }
ratio=$(awk -v a="$pio" -v b="$floor" 'BEGIN { printf "%.3f", a / b }')
echo "exit cost: vmux pio ${pio} ns, bare KVM_RUN floor ${floor} ns (median of 5;"
echo "  this machine is itself a VM, so every exit is nested)"
verdict "vmux/floor ratio" "$ratio" 1.2 "x"
set -- $("$B/bench/spawn_time" 21 "$B/vmux" run hello --stats | awk '{ print $2 }')
echo "start-up (median of 21 runs of 'vmux run hello'):"
verdict "process start to first guest instruction" "$1" 5 ms
verdict "hello end to end" "$2" 20 ms
exit $fail

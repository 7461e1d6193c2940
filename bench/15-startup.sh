#!/bin/sh
# Start-up (issue 17, item 6): what every command pays before doing
# anything, and what the tcg backend costs when nothing kicks it, in one
# run. Every library but libc and libm is linked statically into a
# non-PIE binary (the Makefile says why): nothing to relocate at start-up,
# Unicorn included; only vCPUs that are resumed after kicks (validate's
# throttle) get tcg's per-block kick hook.
#  - `vmux version`, spawn to exit, median of $RUNS (goal <= 3 ms);
#  - `vmux run hello --accel tcg` end to end, median of $RUNS (goal <=
#    10 ms), alternating with QEMU on TCG (-M microvm) booting the same
#    hello program (mk/qemu.mk) where qemu-system-x86_64 is installed
#    (mk/deps.sh bench), and with vmux on KVM where /dev/kvm works: the
#    ratios come from one run;
#  - the tcg integer loop against native (`vmux bench --quick`, its
#    median; goal <= 1.5x, not kicked).
# The probe (below) spawns each command with its output on /dev/null and
# sleeps in wait4() until it exits: wall time from the spawn to the exit,
# and the CPU time (user + sys) the kernel charged it. A probe that reads
# the output as it comes (bench/firstbyte, for bench/40's first byte) is
# woken for each write and for the end of file, and on a loaded 2-core
# machine each wake-up waits for a CPU: at load 12 it read 14.9 ms for a
# `vmux version` that took 1.1 ms of CPU. Wall times still wait for a CPU
# at start and at the end; the load is printed beside them, and the CPU
# time, which does not wait, beside that.
# $1 = the build folder (`make bench` builds what is used). STARTUP_RUNS
# (20) runs per median.
# shellcheck disable=SC2086 # $QEMU_ARGS splits on purpose
set -u
B=${1:-build}
RUNS=${STARTUP_RUNS:-20}
QEMU=qemu-system-x86_64
# As bench/40-qemu.sh: microvm with nothing but a serial port.
QEMU_ARGS="-accel tcg -cpu max -M microvm,pit=off,pic=off,rtc=off,acpi=off,auto-kernel-cmdline=off
 -m 64 -smp 1 -nodefaults -no-user-config -display none -no-reboot
 -serial stdio -device isa-debug-exit,iobase=0x504,iosize=4"
[ -x "$B/vmux" ] || { echo "15-startup: $B/vmux is missing: run make"; exit 1; }
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT INT TERM
fail=0
. "$(dirname "$0")/lib/verdict.sh"

# Each line of $T/cmds: NAME STATUS CMD...; the probe runs them in turn,
# $RUNS rounds, and prints "NAME wall_ms cpu_ms" (medians) per command.
echo "version 0 $B/vmux version" >"$T/cmds"
echo "tcg 0 $B/vmux run hello --accel tcg" >>"$T/cmds"
"$B/vmux" run hello --accel kvm >/dev/null 2>&1 &&
	echo "kvm 0 $B/vmux run hello --accel kvm" >>"$T/cmds"
command -v $QEMU >/dev/null 2>&1 && [ -f "$B/guest/hello.qemu.elf" ] &&
	echo "qemu 1 $QEMU" $QEMU_ARGS "-kernel $B/guest/hello.qemu.elf" \
		"-append ''" >>"$T/cmds"
python3 - "$RUNS" "$T/cmds" >"$T/med" <<'PY' || exit 1
import os, shlex, sys, time
runs, cmds = int(sys.argv[1]), []
for line in open(sys.argv[2]):
    name, status, *argv = shlex.split(line)
    cmds.append((name, int(status), argv, [], []))
null = os.open(os.devnull, os.O_RDWR)
acts = [(os.POSIX_SPAWN_DUP2, null, fd) for fd in (0, 1, 2)]
for _ in range(runs):
    for name, status, argv, wall, cpu in cmds:
        t0 = time.perf_counter()
        pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=acts)
        _, st, ru = os.wait4(pid, 0)
        wall.append((time.perf_counter() - t0) * 1e3)
        cpu.append((ru.ru_utime + ru.ru_stime) * 1e3)
        if os.waitstatus_to_exitcode(st) != status:
            sys.exit("15-startup: %s exited with %d" % (" ".join(argv),
                     os.waitstatus_to_exitcode(st)))
med = lambda v: sorted(v)[(len(v) - 1) // 2]
for name, status, argv, wall, cpu in cmds:
    print("%s %.3f %.3f" % (name, med(wall), med(cpu)))
PY
get() { awk -v n="$1" -v c="$2" '$1 == n { print $c }' "$T/med"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
echo "start-up, spawn to exit, medians of $RUNS runs, alternating" \
	"(load average $(cut -d' ' -f1-3 /proc/loadavg)): wall, CPU"
show() { [ -n "$(get "$1" 2)" ] && printf "  %-52s %8s ms %8s ms\n" "$2" \
	"$(get "$1" 2)" "$(get "$1" 3)"; }
show version "vmux version"
show tcg "vmux run hello --accel tcg"
show kvm "vmux run hello --accel kvm"
if [ -n "$(get qemu 2)" ]; then
	show qemu "$QEMU -accel tcg -M microvm, same hello"
	echo "  vmux tcg / QEMU tcg: wall $(ratio "$(get tcg 2)" "$(get qemu 2)")," \
		"CPU $(ratio "$(get tcg 3)" "$(get qemu 3)")"
else
	echo "  (QEMU not installed or hello.qemu.elf not built: sh mk/deps.sh bench; make bench)"
fi
"$B/vmux" bench --quick --accel tcg --workloads cpu -o "$T/cpu.csv" \
	>/dev/null 2>&1 || { echo "15-startup: vmux bench --accel tcg failed"; exit 1; }
r=$(awk -F, '$1 == "cpu" && $3 == "int" { printf "%.2f", $6 / $5 }' "$T/cpu.csv")
echo "goals:"
verdict "vmux version" "$(get version 2)" 3 ms
verdict "hello end to end on tcg" "$(get tcg 2)" 10 ms
verdict "tcg integer loop / native (not kicked)" "$r" 1.5 x
exit $fail

#!/bin/sh
# Start-up (issue 17, item 6): what every command pays before doing
# anything, and what the tcg backend costs when nothing kicks it, in one
# run. Every library but libc and libm is linked statically into a
# non-PIE binary (the Makefile says why): nothing to relocate at start-up,
# Unicorn included; only vCPUs that are resumed after kicks (validate's
# throttle) get tcg's per-block kick hook.
#  - `vmux version`, fork/exec to exit, median of $RUNS (goal <= 3 ms);
#  - `vmux run hello --accel tcg` end to end, median of $RUNS (goal <=
#    10 ms), alternating with QEMU on TCG (-M microvm) booting the same
#    hello program (mk/qemu.mk) where qemu-system-x86_64 is installed
#    (mk/deps.sh bench), and with vmux on KVM where /dev/kvm works: the
#    ratios come from one run;
#  - the tcg integer loop against native (`vmux bench --quick`, its
#    median; goal <= 1.5x, not kicked).
# $1 = the build folder (`make bench` builds what is used). STARTUP_RUNS
# (20) runs per median.
# shellcheck disable=SC2046,SC2086 # set -- $(...) splits on purpose
set -u
B=${1:-build}
FB=$B/bench/firstbyte
RUNS=${STARTUP_RUNS:-20}
QEMU=qemu-system-x86_64
# As bench/40-qemu.sh: microvm with nothing but a serial port.
QEMU_ARGS="-accel tcg -cpu max -M microvm,pit=off,pic=off,rtc=off,acpi=off,auto-kernel-cmdline=off
 -m 64 -smp 1 -nodefaults -no-user-config -display none -no-reboot
 -serial stdio -device isa-debug-exit,iobase=0x504,iosize=4"
for f in "$B/vmux" "$FB"; do
	[ -x "$f" ] || { echo "15-startup: $f is missing: run make bench"; exit 1; }
done
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT INT TERM
fail=0

# once NAME STATUS CMD...: one run, its end-to-end ms appended to $T/NAME.
once() {
	n=$1 st=$2
	shift 2
	"$FB" 1 "$st" "" - "$@" >"$T/fb" 2>"$T/fb.err" ||
		{ echo "15-startup: $* failed: $(head -c 300 "$T/fb.err")"; return 1; }
	awk '$1 == "end_to_end_ms" { print $2 }' "$T/fb" >>"$T/$n"
}
median() { sort -g "$1" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
. "$(dirname "$0")/lib/verdict.sh"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }

have_qemu=0
if command -v $QEMU >/dev/null 2>&1 && [ -f "$B/guest/hello.qemu.elf" ]; then
	have_qemu=1
fi
have_kvm=0
"$B/vmux" run hello --accel kvm >/dev/null 2>&1 && have_kvm=1
i=0
while [ $i -lt "$RUNS" ]; do
	once version 0 "$B/vmux" version || exit 1
	once tcg 0 "$B/vmux" run hello --accel tcg || exit 1
	[ $have_kvm = 1 ] && { once kvm 0 "$B/vmux" run hello --accel kvm || exit 1; }
	[ $have_qemu = 1 ] && { once qemu 1 $QEMU $QEMU_ARGS \
		-kernel "$B/guest/hello.qemu.elf" -append "" || exit 1; }
	i=$((i + 1))
done
v=$(median "$T/version") t=$(median "$T/tcg")
# Wall times wait for a CPU: on a loaded 2-core machine they say as much
# about the others as about vmux; the load is printed beside them.
echo "start-up, fork/exec to exit, medians of $RUNS runs, alternating" \
	"(load average $(cut -d' ' -f1-3 /proc/loadavg)):"
echo "  vmux version                 $v ms"
echo "  vmux run hello --accel tcg   $t ms"
[ $have_kvm = 1 ] && echo "  vmux run hello --accel kvm   $(median "$T/kvm") ms"
if [ $have_qemu = 1 ]; then
	q=$(median "$T/qemu")
	echo "  $QEMU -accel tcg -M microvm, same hello   $q ms"
	echo "  vmux tcg / QEMU tcg: $(ratio "$t" "$q")"
else
	echo "  (QEMU not installed or hello.qemu.elf not built: sh mk/deps.sh bench; make bench)"
fi
# CPU time (user + sys, from wait4) does not wait for a CPU: what a run
# costs whatever the load.
cpu_ms() { # CMD...: median CPU ms of $RUNS runs
	python3 - "$RUNS" "$@" <<'PY'
import os, subprocess, sys
runs, cmd = int(sys.argv[1]), sys.argv[2:]
t = []
for _ in range(runs):
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, st, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(st)
    t.append((ru.ru_utime + ru.ru_stime) * 1e3)
t.sort()
print("%.3f" % t[(len(t) - 1) // 2])
PY
}
echo "CPU time (user + sys), medians of $RUNS runs:"
echo "  vmux version                 $(cpu_ms "$B/vmux" version) ms"
echo "  vmux run hello --accel tcg   $(cpu_ms "$B/vmux" run hello --accel tcg) ms"
[ $have_qemu = 1 ] && echo "  QEMU tcg, same hello         $(cpu_ms $QEMU $QEMU_ARGS \
	-kernel "$B/guest/hello.qemu.elf" -append "") ms"
"$B/vmux" bench --quick --accel tcg --workloads cpu -o "$T/cpu.csv" \
	>/dev/null 2>&1 || { echo "15-startup: vmux bench --accel tcg failed"; exit 1; }
r=$(awk -F, '$1 == "cpu" && $3 == "int" { printf "%.2f", $6 / $5 }' "$T/cpu.csv")
echo "goals:"
verdict "vmux version" "$v" 3 ms
verdict "hello end to end on tcg" "$t" 10 ms
verdict "tcg integer loop / native (not kicked)" "$r" 1.5 x
exit $fail

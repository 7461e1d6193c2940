#!/bin/sh
# Fault injection (issue 16, "Deliver"): size, plan, evaluate, import and
# report run with the N-th allocation, the N-th write (open for writing,
# write, flush, close, fsync, rename) or the N-th read failing
# (build/faultshim.so, tests/fault/shim.c), for N = 1, 2, ... up to the
# number of such calls a clean run makes. Each failing run must exit
# non-zero (not by a signal) with a message on stderr and no sanitizer
# report, leave the previous output byte for byte and no temporary file;
# a run that absorbs the fault must write what a clean run writes. A
# system error said with nothing more ("Cannot allocate memory" from deep
# inside) names the command: "vmux plan: Cannot allocate memory".
# `make test` runs every point of the four small commands and every
# STRIDE-th point of report (gnuplot makes each run slow); `make
# check-asan` (ASan + UBSan + LeakSanitizer: a report is a failure, so is
# a leak on the way out) every 2nd point of the small ones; VMUX_FAULT_ALL=1
# (`make faults`, `make faults-asan`) every point of all five.
. tests/common/e2e.sh
. tests/common/fault.sh

fault_setup "fault injection"
export SOURCE_DATE_EPOCH=0    # the report's date: the same in every run

d=$T_DIR
fault_fixture "$d"

points=0 bad=0
# snap OUT: a listing of OUT (a file or a folder) to compare runs by.
snap() { (cd "$d" && find "$1" -type f -exec md5sum {} + 2>/dev/null | sort); }
leftovers() { (cd "$d" && find . -name '*.tmp.*' -o -name '*.old.*') ; }

# check NAME OUT RC: judge one faulted run against the clean output.
check() {
	why=
	if [ "$3" -ge 128 ]; then why="killed by signal $(($3 - 128))"
	elif fault_sanitized "$d/err"; then why="sanitizer report"
	elif [ "$3" -eq 0 ]; then
		[ "$(snap "$2")" = "$(cat "$d/clean")" ] ||
			why="exit 0 with an output unlike a clean run's"
	elif ! [ -s "$d/err" ]; then why="exit $3 without a message"
	elif grep -q '^vmux: [A-Z]' "$d/err"; then
		why="a bare system error names no command" # vmux CMD: ...
	elif [ "$(snap "$2")" != "$(cat "$d/old")" ] &&
		! { grep -q "cannot write 'standard output'" "$d/err" &&
		[ "$(snap "$2")" = "$(cat "$d/clean")" ]; }; then
		# (Standard output lost after the file was committed whole is
		# a failure with the new, complete output: allowed.)
		why="exit $3 and the previous output changed"
	fi
	[ -z "$(leftovers)" ] || why="${why:+$why, }left $(leftovers | head -1)"
	if [ -n "$why" ]; then
		bad=$((bad + 1))
		[ $((bad - before)) -le 10 ] &&
			echo "# $1: $why: $(head -c 200 "$d/err" | tr '\n' ' ')"
	fi
	rm -rf "$d"/*.tmp.* "$d"/*.old.* 2>/dev/null
}

# sweep NAME OUT STRIDE CMD...: every STRIDE-th point of each kind.
sweep() {
	name=$1 out=$2 stride=$3
	shift 3
	rm -rf "${d:?}/$out"
	rm -f "$d/count"
	LD_PRELOAD=$shim VMUX_FAULT_COUNT="$d/count" "$@" >/dev/null 2>&1 ||
		{ t_report 1 "$name: a clean run" "it failed"; return; }
	snap "$out" >"$d/clean"
	# The previous output: the clean one, marked.
	if [ -d "$d/$out" ]; then echo old >"$d/$out/mark"
	else echo old >>"$d/$out"; fi
	snap "$out" >"$d/old"
	rm -rf "${d:?}/saved" && mv "$d/$out" "$d/saved"
	before=$bad
	for kind in alloc write read; do
		total=$(sed "s/.*$kind \([0-9]*\).*/\1/" "$d/count")
		n=1
		while [ "$n" -le "$total" ]; do
			rm -rf "${d:?}/$out" && cp -pr "$d/saved" "$d/$out"
			LD_PRELOAD=$shim VMUX_FAULT="$kind:$n" "$@" \
				>/dev/null 2>"$d/err"
			check "$name $kind:$n" "$out" $?
			points=$((points + 1))
			n=$((n + stride))
		done
		echo "# $name: $kind: $total points, every ${stride}th run"
	done
	[ $bad -eq $before ]
	t_report $? "$name: every fault a clean exit, old output kept" \
		"$((bad - before)) bad runs"
}

all=${VMUX_FAULT_ALL:-0}
r=$([ "$all" = 1 ] && echo 1 || echo 97)
s=1
if [ "${fault_asan:-0}" = 1 ] && [ "$all" != 1 ]; then
	s=2 # a run under ASan costs ~0.15 s: half the points
	echo "# under ASan: every 2nd point of size, plan, evaluate and" \
		"import, every ${r}th of report (make faults-asan: all)"
fi
cd "$d" || exit 1
sweep size out.csv $s "$VMUX" size t.csv -o out.csv
sweep plan p.csv $s "$VMUX" plan t.csv --host-cpu 2 -o p.csv
sweep evaluate ev.csv $s "$VMUX" evaluate t.csv --plan plan.csv \
	--host-cpu 2 -o ev.csv
sweep import imp.csv $s "$VMUX" import planetlab pl -o imp.csv
sweep report rep "$r" "$VMUX" report --trace t.csv --plan plan.csv -o rep
# sweep_run ACCEL STRIDE: every STRIDE-th allocation of `run hello`.
sweep_run() {
	rm -f "$d/count"
	LD_PRELOAD=$shim VMUX_FAULT_COUNT="$d/count" "$VMUX" run hello \
		--accel "$1" >"$d/clean" 2>&1 ||
		{ t_report 1 "run on $1: a clean run" "it failed"; return; }
	total=$(sed 's/.*alloc \([0-9]*\).*/\1/' "$d/count")
	before=$bad n=1
	while [ "$n" -le "$total" ]; do
		LD_PRELOAD=$shim VMUX_FAULT="alloc:$n" "$VMUX" run hello \
			--accel "$1" >"$d/out" 2>"$d/err"
		rc=$? why=
		if [ $rc -ge 128 ]; then why="killed by signal $((rc - 128))"
		elif grep -q 'CHECK failed: .*pthread_getattr_np' "$d/err"
		then	# ASan's own start of a vCPU thread got the failed
			# allocation: ASan stops, not vmux; not a finding.
			echo "# run on $1 alloc:$n: skipped: ASan's thread" \
				"start (pthread_getattr_np) got the failure"
		elif fault_sanitized "$d/err"; then why="sanitizer report"
		elif [ $rc -ne 0 ] && ! [ -s "$d/err" ]; then
			why="exit $rc without a message"
		elif [ $rc -eq 0 ] && ! grep -q '^result ram_mib = 64$' \
			"$d/out"; then why="exit 0 without the guest's result"
		fi
		if [ -n "$why" ]; then
			bad=$((bad + 1))
			[ $((bad - before)) -le 10 ] && echo "# run on $1" \
				"alloc:$n: $why: $(head -c 200 "$d/err" | tr '\n' ' ')"
		fi
		points=$((points + 1)) n=$((n + $2))
	done
	echo "# run on $1: alloc: $total points, every ${2}th run"
	[ $bad -eq $before ]
	t_report $? "run on $1: every allocation failure a clean exit" \
		"$((bad - before)) bad runs"
}
rs=$([ "$all" = 1 ] && echo 1 || echo 4)
sweep_run tcg "$rs"
if [ -r /dev/kvm ] && [ -w /dev/kvm ]; then sweep_run kvm "$rs"
else t_skip "run on kvm: every allocation failure a clean exit" \
	"/dev/kvm is absent or not usable"; fi
echo "# fault points exercised: $points ($bad bad)"
[ "$points" -gt 0 ]
t_report $? "fault points exercised: $points"
t_done

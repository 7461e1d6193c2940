#!/bin/sh
# Terminating signals (issue 16, defect 4): every command that writes a
# file, killed by SIGTERM, SIGINT, SIGHUP or SIGQUIT while its temporary
# output is whole but not yet renamed into place (the fault shim raises the
# signal at the first rename), ends killed by that signal (exit 128 + N),
# leaves no temporary file or folder and the previous output as it was.
# Then the real thing: gen and import killed from outside mid-write. No
# run may print a sanitizer report (make check-asan runs this too).
# (validate's cgroup on SIGHUP: tests/e2e/validate.sh.)
. tests/common/e2e.sh
. tests/common/fault.sh

fault_setup signals
d=$T_DIR
fault_fixture "$d"
cd "$d" || exit 1

leftovers() { find . -name '*.tmp.*' | head -1; }
signum() { case $1 in HUP) echo 1 ;; INT) echo 2 ;; QUIT) echo 3 ;;
	TERM) echo 15 ;; esac; }

# at_commit SIG NAME OUT CMD...: SIG at the first rename; judge the rest.
at_commit() {
	sig=$1 name=$2 out=$3
	shift 3
	rm -rf "$out"
	case $out in */) "$@" >/dev/null 2>&1 && echo old >"$out/old" ;;
	*) echo old >"$out" ;; esac
	num=$(signum "$sig")
	LD_PRELOAD=$shim VMUX_FAULT=commit:1:$num "$@" >/dev/null 2>err
	rc=$?
	[ $rc -eq $((128 + num)) ] && ! fault_sanitized err
	t_report $? "$name, SIG$sig before the commit: exit $((128 + num))" \
		"exit $rc: $(head -c 200 err)"
	[ -z "$(leftovers)" ]
	t_report $? "$name, SIG$sig: no temporary output left" "$(leftovers)"
	case $out in */) [ "$(cat "$out/old" 2>/dev/null)" = old ] ;;
	*) [ "$(cat "$out")" = old ] ;; esac
	t_report $? "$name, SIG$sig: the previous output is intact"
}

at_commit TERM size out.csv "$VMUX" size t.csv -o out.csv
at_commit INT size out.csv "$VMUX" size t.csv -o out.csv
at_commit HUP size out.csv "$VMUX" size t.csv -o out.csv
ulimit -c 0 # SIGQUIT dumps core by default: not here
at_commit QUIT size out.csv "$VMUX" size t.csv -o out.csv
at_commit TERM plan p.csv "$VMUX" plan t.csv --host-cpu 2 -o p.csv
at_commit HUP evaluate ev.csv "$VMUX" evaluate t.csv --plan plan.csv \
	--host-cpu 2 -o ev.csv
cp t.csv t2.csv # frontier refuses TRACE itself as --eval-trace
at_commit INT frontier fr.csv "$VMUX" frontier t.csv --host-cpu 2 \
	--eval-trace t2.csv -o fr.csv
at_commit TERM gen g.csv "$VMUX" gen --vms 3 --slots 10 --seed 1 -o g.csv
at_commit HUP import imp.csv "$VMUX" import planetlab pl -o imp.csv
at_commit TERM report rep/ "$VMUX" report --trace t.csv --plan plan.csv \
	-o rep
at_commit TERM bench b.csv "$VMUX" bench --workloads exit --quick \
	--repeat 1 -o b.csv

# From outside, mid-write: wait for the temporary file, then signal.
# (A background job of a non-interactive shell ignores SIGINT: TERM, HUP.)
outside() { # SIG NAME CMD...
	sig=$1 name=$2
	shift 2
	"$@" >/dev/null 2>err &
	pid=$!
	i=0
	while [ -z "$(leftovers)" ] && [ $i -lt 500 ]; do
		sleep 0.02
		i=$((i + 1))
	done
	kill -"$sig" $pid
	wait $pid
	rc=$?
	num=$(signum "$sig")
	[ $rc -eq $((128 + num)) ] && ! fault_sanitized err
	t_report $? "$name killed by SIG$sig mid-write: exit $((128 + num))" \
		"exit $rc after $i polls"
	[ -z "$(leftovers)" ]
	t_report $? "$name, SIG$sig from outside: no temporary file left" \
		"$(leftovers)"
}
outside TERM gen "$VMUX" gen --vms 400 --slots 20000 --seed 1 -o big.csv
"$VMUX" gen --vms 100 --slots 20000 --seed 1 -o big.csv 2>/dev/null
mkdir -p pl2/20110303
awk -F, 'NR > 1 { v = $3 * 100; print (v > 100 ? 100 : int(v)) > ("pl2/20110303/" $2) }' big.csv
outside HUP import "$VMUX" import planetlab pl2 -o imp2.csv
t_done

#!/bin/sh
# End-to-end tests of `vmux validate` on the bundled PlanetLab day: the
# CSV it writes, usage and plan errors, and clean exits — a run past
# --timeout and a run killed with SIGTERM leave no cgroup and no process
# behind; --repeat; and a run beside one busy process per core, which
# must come out within bounds or refused as unreliable (exit 75). The
# replay runs on KVM where /dev/kvm works, else on tcg, and caps the host
# with a cgroup where it can, else with vmux's throttle.
. tests/common/e2e.sh
O=$T_DIR
T=traces/planetlab/20110303

# t_measured NAME CMD...: exit 0, or 75 with the reason said (other work
# on this machine starved the guests: the honest answer on a busy one).
t_measured() { n=$1; shift; "$@" >"$T_DIR/out" 2>"$T_DIR/err"; rc=$?
	[ $rc -eq 0 ] || { [ $rc -eq 75 ] && grep -q "UNRELIABLE" "$T_DIR/err"; }
	t_report $? "$n" "exit $rc: $(head -c 300 "$T_DIR/err")"; }
cgroups_of() { # PID: vmux cgroups of that process still present
	ls -d /sys/fs/cgroup/cpu/vmux-"$1"-* /sys/fs/cgroup/vmux-"$1"-* 2>/dev/null | wc -l | tr -d ' '; }

"$VMUX" import planetlab "$T" -o "$O/pl.csv" >/dev/null 2>&1
A=node1_planetlab_albany_edu_princeton_codeen
B=planetdev02_fm_intel_com_root
printf 'vm,host\n%s,a\n%s,a\n' "$A" "$B" > "$O/plan.csv"
printf 'vm,host\n%s,a\n%s,a\n' "$A" "$A" > "$O/dup.csv"
END=$((1299110400 + 10 * 300))

t_ok "validate --help" "$VMUX" validate --help
t_grep "--slot-ms" "$O/out" "--help lists --slot-ms"
t_grep "--all-hosts" "$O/out" "--help lists --all-hosts"
t_exit 2 "no --plan" "$VMUX" validate "$O/pl.csv" --host-cpu 1
t_exit 2 "--host with --all-hosts" "$VMUX" validate "$O/pl.csv" --plan "$O/plan.csv" \
	--host-cpu 1 --host a --all-hosts
t_grep "options '--host' and '--all-hosts' exclude each other" "$O/err" \
	"... naming both"
t_exit 2 "--slot-ms 1" "$VMUX" validate "$O/pl.csv" --plan "$O/plan.csv" --host-cpu 1 --slot-ms 1
t_exit 65 "duplicate VM in the plan" "$VMUX" validate "$O/pl.csv" --plan "$O/dup.csv" --host-cpu 1
t_grep "dup.csv:3: field 'vm'" "$O/err" "the duplicate is named with file and line"
# A host the plan lacks is a usage error (it exited 65, as for bad data),
# naming the option, the value and the plan's hosts.
t_exit 2 "unknown --host: exit 2" "$VMUX" validate "$O/pl.csv" --plan "$O/plan.csv" --host-cpu 1 --host zz
t_grep "option '--host': no host 'zz' in plan '.*plan.csv' \(its hosts: 'a'\)" \
	"$O/err" "unknown --host: names --host, the value, the plan's hosts"


t_measured "validate one host, 10 slots" "$VMUX" validate "$O/pl.csv" --plan "$O/plan.csv" \
	--host-cpu 1 --to $END --slot-ms 50 -o "$O/v.csv"
t_grep "^host,vms,capacity,scale,slots,predicted_overload,measured_overload,predicted_unmet,measured_unmet" \
	"$O/v.csv" "CSV header"
t_grep "^a,2,1,1,10," "$O/v.csv" "host row: 2 VMs, 10 slots at scale 1"
t_grep "^total,2," "$O/v.csv" "total row"
t_grep "cgroup v[12]|own throttle" "$O/out" "names the enforcement"
# The run's parameters, which determine its numbers, are on every row
# (last, as frontier's seed: the columns before keep their places): the
# slot length, the service level, the tolerance, the overhead style and
# its cpu factor, and the window played, [from, to) in seconds.
t_grep ",status,slot_ms,percentile,tolerance,virt,virt_cpu_factor,window_from,window_to\$" \
	"$O/v.csv" "CSV header ends with the run's parameters"
t_eq "every row: --slot-ms 50, P95, tolerance 0.05, virt none (factor 1), the window [03-03 00:00, +10 slots)" \
	"$(awk -F, 'NR > 1 { print $(NF-6) "," $(NF-5) "," $(NF-4) "," $(NF-3) "," $(NF-2) "," $(NF-1) "," $NF }' "$O/v.csv" | sort -u)" \
	"50,95,0.05,none,1,1299110400,$END"
# The service level defaults to the plan's (PLAN.meta), as evaluate's
# target and report's level do: a plan made at P90 was validated at P95
# (its sizes and saving at another level than planned); a conflicting
# --percentile is a usage error naming both.
"$VMUX" plan "$O/pl.csv" --host-cpu 1 --percentile 90 --train-to $END -o "$O/p90.csv" >/dev/null 2>&1
H90=$(awk -F, 'NR == 2 { print $2 }' "$O/p90.csv")
t_measured "validate a P90 plan" "$VMUX" validate "$O/pl.csv" --plan "$O/p90.csv" \
	--host "$H90" --to $END --slot-ms 20 -o "$O/v90.csv"
t_eq "... at the plan's percentile, 90" \
	"$(awk -F, 'NR > 1 { print $(NF-5) }' "$O/v90.csv" | sort -u)" 90
t_exit 2 "--percentile against the plan's" "$VMUX" validate "$O/pl.csv" \
	--plan "$O/p90.csv" --host "$H90" --to $END --percentile 95
t_grep "option '--percentile' 95 conflicts with the plan's percentile=90" "$O/err" \
	"... naming both"
# Given: another percentile, tolerance, window start and --virt hw, whose
# cpu factor is the literature file's (read here with awk).
F=$(awk -F, '$1 == "hw" && $2 == "cpu" { print $3 + 0 }' models/overhead-literature.csv)
t_measured "validate with --percentile, --tolerance, --virt, --from" "$VMUX" validate \
	"$O/pl.csv" --plan "$O/plan.csv" --host-cpu 1 --from $((1299110400 + 600)) \
	--to $END --slot-ms 40 --percentile 90 --tolerance 0.1 --virt hw -o "$O/vp.csv"
t_eq "every row: the parameters given" \
	"$(awk -F, 'NR > 1 { print $(NF-6) "," $(NF-5) "," $(NF-4) "," $(NF-3) "," $(NF-2) "," $(NF-1) "," $NF }' "$O/vp.csv" | sort -u)" \
	"40,90,0.1,hw,$F,$((1299110400 + 600)),$END"
t_grep "^a,2,1,[0-9.e-]+,8," "$O/vp.csv" "... over the 8 slots of that window"

# A host name longer than the column (a hand-written plan): the table's
# columns still line up (the vms column ends at the same place on every
# line of the table).
printf 'vm,host\n%s,rack1-node12\n%s,rack1-node12\n' "$A" "$B" >"$O/long.csv"
t_measured "validate a host with a long name" "$VMUX" validate "$O/pl.csv" \
	--plan "$O/long.csv" --host-cpu 1 --to $END --slot-ms 50
t_eq "long host name: the table's columns line up" "$(awk '
	/^host / || /^rack1-node12 / || /^total / {
		print index($0, " " $2 " ") + length($2) }' "$O/out" |
	sort -u | wc -l | tr -d ' ')" 1
# The header's last column was padded ("saving p/m    "): no line of the
# table ends in a space.
t_eq "no line of the table ends in a space" "$(grep -c ' $' "$O/out")" 0
# A host name with multi-byte characters (é, œ: two bytes, one column
# each): padded by display width, so the columns line up in characters.
printf 'vm,host\n%s,nœud-é\n%s,nœud-é\n' "$A" "$B" >"$O/utf8.csv"
t_measured "validate a host named in UTF-8" "$VMUX" validate "$O/pl.csv" \
	--plan "$O/utf8.csv" --host-cpu 1 --to $END --slot-ms 50
t_eq "UTF-8 host name: the table's columns line up in characters" "$(python3 -c '
import sys
ends = set()
for l in open(sys.argv[1], encoding="utf-8"):
    f = l.split()
    if f and f[0] in ("host", "nœud-é", "total"):
        ends.add(l.index(" " + f[1] + " ") + 1 + len(f[1]))
print(len(ends))' "$O/out")" 1
t_measured "validate with vmux's own throttle" "$VMUX" validate "$O/pl.csv" --plan "$O/plan.csv" \
	--host-cpu 1 --to $END --slot-ms 50 --cap monitor
t_grep "own throttle" "$O/out" "names the throttle"
t_exit 2 "--cap nonsense" "$VMUX" validate "$O/pl.csv" --plan "$O/plan.csv" --host-cpu 1 --cap x

# At --scale 1e-6 every slot asks for well under half a work unit (a core
# does under 10^6 units a second: under 0.1 unit per 100 ms slot), so
# nothing would be measured; it printed a measured saving of 100 %.
t_exit 2 "--scale 1e-6: exit 2" "$VMUX" validate "$O/pl.csv" --plan \
	"$O/plan.csv" --host-cpu 1 --scale 1e-6
t_grep "option '--scale': at 1e-06 host a's busiest slot asks for .* work units .*nothing would be measured; raise --scale or --slot-ms" \
	"$O/err" "--scale 1e-6: says nothing would be measured"
t_exit 2 "--repeat 0" "$VMUX" validate "$O/pl.csv" --plan "$O/plan.csv" --host-cpu 1 --repeat 0
t_grep "'--repeat'" "$O/err" "names --repeat"
"$VMUX" validate "$O/pl.csv" --plan "$O/plan.csv" --host-cpu 1 --to $END \
	--slot-ms 50 --repeat 3 -o "$O/r.csv" >"$O/r.out" 2>"$O/r.err"; rc=$?
t_grep "^host,.*,runs,reliable_runs,measured_overload_min,measured_overload_max,.*,contaminated,share,others,status," \
	"$O/r.csv" "--repeat: CSV has runs, ranges, contention, status"
# Either 3 runs and a median inside its range, status ok (exit 0), or
# refused (exit 75, status unreliable, one line saying why). status is
# column 27, before the run's parameters.
awk -F, -v rc=$rc '$1 == "a" { ok = $16 == 3 && $18 <= $7 && $7 <= $19 &&
	(rc == 0 && $27 == "ok" || rc == 75 && $27 == "unreliable") }
	END { exit !ok }' "$O/r.csv"
t_report $? "--repeat 3: median within min-max, status matches exit $rc" "$(grep '^a,' "$O/r.csv")"
grep -q "3 runs" "$O/r.out"; t_report $? "--repeat: the table gives the runs' range"
# A range is "LO to HI %": "saving -0.2--0.2%" read as a range of -0.2 to
# -0.2 or to 0.2; and a value that rounds to zero is 0.0, never -0.0.
t_grep "3 runs \(.*\): overload [0-9.]+ % to [0-9.]+ %, unmet [0-9.]+ % to [0-9.]+ %, saving -?[0-9.]+ % to -?[0-9.]+ %\$" \
	"$O/r.out" "--repeat: each range reads LO % to HI %"
! grep -Eq -- "-0\.0+([^0-9]|\$)|[0-9]--" "$O/r.out"
t_report $? "--repeat: no -0.0 and no LO--HI" "$(cat "$O/r.out")"

# Beside one busy process per core for the whole run: within one slot
# (10 %) of the prediction, or refused with the reason.
HOGS=
for i in $(seq "$(nproc)"); do
	sh -c 'while :; do :; done' & HOGS="$HOGS $!"
done
"$VMUX" validate "$O/pl.csv" --plan "$O/plan.csv" --host-cpu 1 --to $END \
	--slot-ms 50 -o "$O/h.csv" >"$O/h.out" 2>"$O/h.err"; rc=$?
kill $HOGS; wait $HOGS 2>/dev/null
if [ $rc -eq 75 ]; then
	grep -q "UNRELIABLE: other work on this machine starved the guests" "$O/h.err" &&
		grep -q "^a,.*,unreliable,[0-9]" "$O/h.csv"
	t_report $? "CPU hogs: refused as unreliable (exit 75), said why, CSV marked" "$(cat "$O/h.err")"
else
	awk -F, -v rc=$rc '$1 == "a" { d = $7 - $6; if (d < 0) d = -d
		ok = rc == 0 && d <= 0.1 && $27 == "ok" } END { exit !ok }' "$O/h.csv"
	t_report $? "CPU hogs: exit 0 only within one slot of the prediction" "exit $rc: $(grep '^a,' "$O/h.csv")"
fi
grep -q "other processes used [0-9.]* cores" "$O/h.err"
t_report $? "CPU hogs: says what other processes used"

t_exit 1 "past --timeout" "$VMUX" validate "$O/pl.csv" --plan "$O/plan.csv" \
	--host-cpu 1 --slot-ms 100 --timeout 0.5
# A day of 5-minute slots is 288; at 100 ms each a replay takes 28.8 s.
t_grep "validate: host a: a replay ran past --timeout 0.5 s and was stopped; one replay of its 288 slots of 100 ms \(--slot-ms\) takes 28.8 s at the least: raise --timeout above that" \
	"$O/err" "says it timed out: the value, and what a replay takes"
t_eq "no cgroup left after the timeout" "$(ls -d /sys/fs/cgroup/cpu/vmux-* /sys/fs/cgroup/vmux-* 2>/dev/null |
	while read d; do p=${d##*/vmux-}; p=${p%%-*}; kill -0 "$p" 2>/dev/null || echo "$d"; done | wc -l | tr -d ' ')" 0

# killed SIG STATUS: validate killed by SIG after 1.5 s exits STATUS
# (128 + N); its pid is left in $pid.
killed() {
	"$VMUX" validate "$O/pl.csv" --plan "$O/plan.csv" --host-cpu 1 \
		--slot-ms 100 >"$O/k.out" 2>"$O/k.err" &
	pid=$!
	sleep 1.5
	kill -"$1" $pid
	wait $pid
	t_eq "SIG$1: exit $2" "$?" "$2"
}
killed TERM 143
t_grep "interrupted" "$O/k.err" "SIGTERM: says so"
t_eq "SIGTERM: no cgroup left" "$(cgroups_of $pid)" 0
t_eq "SIGTERM: no process left" "$(kill -0 $pid 2>/dev/null && echo alive || echo gone)" gone
# SIGHUP (issue 16, defect 4: it used to leave the cgroup behind).
killed HUP 129
t_eq "SIGHUP: no cgroup of the run left" "$(cgroups_of $pid)" 0
# A window over missing days (the bundled days imported together: no VM
# measured on 03-04 and 03-05) plays only the slots with data, as evaluate
# predicts over them: 6 slots of the 3rd and 6 of the 6th, not 588.
"$VMUX" import planetlab traces/planetlab -o "$O/pl3.csv" >/dev/null 2>&1
t_measured "validate over missing days" "$VMUX" validate "$O/pl3.csv" \
	--plan "$O/plan.csv" --host-cpu 1 --slot-ms 20 \
	--from $((1299196800 - 1800)) --to $((1299369600 + 1800))
t_grep "host a: 2 VMs, 12 slots of 20 ms" "$O/err" \
	"validate over missing days: the 12 slots with data played"
# A host none of whose VMs has data in the window: not in the trace (it
# crashed, exit 139), or absent from the window (a VM that stops early; it
# was replayed as an idle guest where evaluate counts it missing). Nothing
# to replay: exit 65, said; --all-hosts skips such a host, said.
# Nothing to replay is found before any guest is started: it opened and
# calibrated the accelerator first (three guests, seconds on tcg), where
# evaluate refuses such a plan up front. no_guest NAME CMD...: CMD exits
# 65, and run again under strace, where strace can trace, it started no
# thread (no guest's vCPU); there without LeakSanitizer, which does not
# work under ptrace (its leaks are checked by the first run).
STRACE=
if ! command -v strace >/dev/null 2>&1; then
	NOSTRACE="no strace (sh mk/deps.sh core installs it)"
elif strace -f -qq -o "$O/st0" true >/dev/null 2>&1; then
	STRACE=1
else
	NOSTRACE="strace cannot trace here (no ptrace)"
fi
no_guest() { n=$1; shift
	t_exit 65 "$n" "$@"
	if [ -z "$STRACE" ]; then
		t_skip "... no guest started" "$NOSTRACE"
		return
	fi
	cp "$O/err" "$O/err0"
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -f -qq -e trace=clone,clone3 -o "$O/st" "$@" \
		>/dev/null 2>&1
	t_eq "... no guest started (no thread: strace)" \
		"$(grep -c clone "$O/st")" 0
	cp "$O/err0" "$O/err"; }
# A plan none of whose VMs is in the trace (the plan of another trace).
printf 'vm,host\nnothere,a\nnorthere,b\n' > "$O/none.plan"
no_guest "validate a plan with no VM in the trace (tcg)" "$VMUX" validate \
	"$O/pl.csv" --plan "$O/none.plan" --host-cpu 1 --slot-ms 10 \
	--accel tcg
t_grep "^.*none.plan:2: field 'vm': no VM of the plan \\(2 VMs\\) is in '.*pl.csv' \\(is it the plan of another trace\\?\\)\$" \
	"$O/err" "... refused as evaluate refuses it"
"$VMUX" evaluate "$O/pl.csv" --plan "$O/none.plan" --host-cpu 1 \
	>/dev/null 2>"$O/ev.err"
t_eq "... in evaluate's words" "$(sed 's/^.*field/field/' "$O/err")" \
	"$(sed 's/^.*field/field/' "$O/ev.err")"
no_guest "... with --all-hosts and a window" "$VMUX" validate "$O/pl.csv" \
	--plan "$O/none.plan" --host-cpu 1 --slot-ms 10 --to "$END" \
	--all-hosts --accel tcg
t_grep "no VM of the plan \\(2 VMs\\) has data in the evaluation window of '.*pl.csv' \\(is it the plan of another trace\\?\\)" \
	"$O/err" "... 'has data in the evaluation window of'"
awk -F, -v a="$A" 'NR == 1 || $2 != a || $1 < 1299110400 + 3000' "$O/pl.csv" >"$O/early.csv"
printf 'vm,host\n%s,a\n%s,b\n' "$A" "$B" > "$O/ab.plan"
no_guest "validate a host whose VM is absent from the window (tcg)" "$VMUX" \
	validate "$O/early.csv" --plan "$O/ab.plan" --host-cpu 1 --host a \
	--slot-ms 10 --from $((1299110400 + 6000)) --to $((1299110400 + 9000)) \
	--accel tcg
t_grep "validate: host 'a': none of its 1 VM has data in the evaluation window" \
	"$O/err" "... said"
# A host with one VM absent from the window, one not in the trace and one
# replayed: the first was said to be "not in" a trace that holds it; each
# is now said as it is, and the host's line counts the VMs left out (it
# gave the VMs replayed alone: 1 VM, of a planned host of 3).
printf 'vm,host\n%s,a\n%s,a\nzz,a\n' "$A" "$B" > "$O/abz.plan"
t_measured "validate a host that lost 2 of its 3 VMs" "$VMUX" validate \
	"$O/early.csv" --plan "$O/abz.plan" --host-cpu 1 --slot-ms 10 \
	--from $((1299110400 + 6000)) --to $((1299110400 + 9000))
t_grep "^vmux: warning: validate: plan VM '$A' \\(host a\\) has no data in the evaluation window of '.*early.csv'; left out\$" \
	"$O/err" "... the VM absent from the window: no data in the window"
t_grep "^vmux: warning: validate: plan VM 'zz' \\(host a\\) is not in '.*early.csv'; left out\$" \
	"$O/err" "... the VM not in the trace: not in it"
t_grep "^validate: host a: 1 VM \\(2 of its 3 plan VMs left out: no data in the evaluation window, 1 of them not in the trace at all\\), 10 slots of 10 ms" \
	"$O/err" "... the host's line counts the VMs left out, 'zz' not in the file told apart"
# A host that lost more than 10 % of its VMs (evaluate's limit) is said,
# in evaluate's words, not to be covered (it was said only VM by VM), on
# stderr and under the table; of the 2, 'zz' is not in the file at all,
# told apart as evaluate tells it (all 2 "had no data in the window").
t_grep "^vmux: warning: validate: this evaluation does not cover host 'a': 66.7 % of its VMs \\(2 of 3\\) have no data in the evaluation window of '.*early.csv' \\(1 of them not in it at all\\) \\(limit 10 %\\); the figures are over the VMs present in both: the host replayed is lighter than the host planned\$" \
	"$O/err" "... the host is said not to be covered"
t_grep "^NOTE: this evaluation does not cover host 'a': 66.7 % of its VMs \\(2 of 3\\) have no data in the evaluation window of '.*early.csv' \\(1 of them not in it at all\\)" \
	"$O/out" "... and under the table"
# With a window, a host whose only missing VM is not in the file: "are not
# in" it, as evaluate says (it said "have no data in the evaluation window").
printf 'vm,host\nzz,a\n%s,a\n' "$B" > "$O/zb.plan"
t_measured "validate a windowed host that lost a VM not in the trace" \
	"$VMUX" validate "$O/early.csv" --plan "$O/zb.plan" --host-cpu 1 \
	--slot-ms 10 --from $((1299110400 + 6000)) --to $((1299110400 + 9000))
t_grep "^vmux: warning: validate: this evaluation does not cover host 'a': 50.0 % of its VMs \\(1 of 2\\) are not in '.*early.csv' \\(limit 10 %\\)" \
	"$O/err" "... 'are not in' the file"
t_grep "^validate: host a: 1 VM \\(1 of its 2 plan VMs left out: not in the trace\\), " \
	"$O/err" "... the host's line: not in the trace (it said 'no data in the evaluation window')"
# At the limit (1 of 10 VMs not in the trace: 10 %) nothing is said, as
# evaluate says nothing.
{ echo vm,host; awk -F, 'NR > 1 { print $2 }' "$O/pl.csv" | sort -u |
	head -n 9 | sed 's/$/,a/'; echo zz,a; } >"$O/ten.plan"
t_measured "validate a host that lost 1 of its 10 VMs" "$VMUX" validate \
	"$O/pl.csv" --plan "$O/ten.plan" --host-cpu 1 --slot-ms 10 --to $END
t_grep "^validate: host a: 9 VMs \\(1 of its 10 plan VMs left out: not in the trace\\), " \
	"$O/err" "... the host's line counts it, not in the trace"
! grep -q "does not cover" "$O/err" "$O/out"
t_report $? "... 10 %: not said to be uncovered"
t_measured "validate --all-hosts: that host skipped" "$VMUX" validate \
	"$O/early.csv" --plan "$O/ab.plan" --host-cpu 1 --all-hosts --csv \
	--slot-ms 10 --from $((1299110400 + 6000)) --to $((1299110400 + 9000))
t_grep "validate: host 'a': none of its 1 VM has data in the evaluation window of .*: not replayed" \
	"$O/err" "... said"
t_eq "... only host b's row and the total" "$(cut -d, -f1 "$O/out" | tr '\n' ' ')" "host b total "
# The plan overall: host a's 1 VM and host b's 1, a's lost: 1 of 2, in the
# file with no data in the window (said as evaluate says it).
t_grep "^vmux: warning: validate: this evaluation does not cover the plan: 50.0 % of its VMs \\(1 of 2\\) are in '.*early.csv' but have no data in its evaluation window \\(limit 10 %\\); the figures are over the VMs present in both, on hosts that lost VMs" \
	"$O/err" "... the plan is said not to be covered"
# A host with one VM absent from the window and one present: the absent
# one was "not in 'early.csv'", a file that holds it; now it has no data in
# the window (as evaluate says it); a VM not in the file, without a
# window, is still "not in" it.
printf 'vm,host\n%s,a\n%s,a\n' "$A" "$B" > "$O/a2.plan"
t_measured "validate a host with a VM absent from the window" "$VMUX" \
	validate "$O/early.csv" --plan "$O/a2.plan" --host-cpu 1 --host a \
	--slot-ms 10 --from $((1299110400 + 6000)) --to $((1299110400 + 9000))
t_grep "validate: plan VM '$A' \(host a\) has no data in the evaluation window of '.*early.csv'; left out" \
	"$O/err" "... it has no data in the window, said so"
cp "$O/err" "$O/a2.err"
t_grep "^validate: host a: 1 VM \\(1 of its 2 plan VMs left out: in the trace but no data in the evaluation window\\), " \
	"$O/a2.err" "... the host's line: in the trace but no data in the window"
t_exit 1 "... not 'is not in' the file" grep -q "is not in" "$O/a2.err"
printf 'vm,host\nnothere,a\n%s,a\n' "$B" > "$O/a3.plan"
t_measured "validate a host with a VM not in the trace" "$VMUX" \
	validate "$O/early.csv" --plan "$O/a3.plan" --host-cpu 1 --host a \
	--slot-ms 10
t_grep "validate: plan VM 'nothere' \(host a\) is not in '.*early.csv'; left out" \
	"$O/err" "... without a window, 'is not in' as before"
t_grep "^validate: host a: 1 VM \\(1 of its 2 plan VMs left out: not in the trace\\), " \
	"$O/err" "... the host's line: not in the trace"
# A plan packed for cpu and mem: the guests replay cpu alone, and the
# predicted rates are cpu's; it said nothing of the mem it left out (a
# planner read them as the plan's overload, which evaluate counts on
# every resource).
"$VMUX" import bitbrains traces/bitbrains-rnd/2013-7 -o "$O/bb.csv" >/dev/null 2>&1
"$VMUX" plan "$O/bb.csv" --host-cpu 4 --host-mem 8192 -o "$O/bb.plan" >/dev/null 2>&1
BB0=$(awk -F, 'NR > 1 { print $1; exit }' "$O/bb.csv")
t_measured "validate a cpu+mem plan" "$VMUX" validate "$O/bb.csv" \
	--plan "$O/bb.plan" --slot-ms 10 --to $((BB0 + 4 * 300))
t_grep "^vmux: note: validate: the plan '.*bb.plan' was packed for mem too \\(host_mem=8192, .*bb.plan.meta\\): the guests replay cpu alone" \
	"$O/err" "... says mem is not replayed"
# --- No VM needs any capacity (every value 0): the saving is 0/0,
# undefined. CSV cells are empty (as report's), the text says why (they
# said 0 and 0.0%).
printf 'time,vm,cpu\n0,a,0\n300,a,0\n0,b,0\n300,b,0\n' >"$O/zero.csv"
printf 'vm,host\na,z\nb,z\n' >"$O/zero.plan"
t_measured "validate idle VMs --csv" "$VMUX" validate "$O/zero.csv" \
	--plan "$O/zero.plan" --host-cpu 1 --slot-ms 10 --csv
t_eq "... predicted and measured saving empty cells" \
	"$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
		NR == 2 { print "[" $c["predicted_saving"] "][" $c["measured_saving"] "][" $c["measured_saving_min"] "]" }' "$O/out")" \
	"[][][]"
cp "$O/out" "$O/zero.valid"
t_ok "report on it" "$VMUX" report --trace "$O/zero.csv" --plan \
	"$O/zero.plan" --host-cpu 1 --validation "$O/zero.valid" --no-charts \
	-o "$O/zr"
t_grep "unmet demand [^;]*; saving n/a \\(no VM needs any capacity\\)\\." \
	"$O/zr/index.html" "... the page says the saving is n/a, and why"
t_exit 1 "... no 'nan' on the page" grep -qiw nan "$O/zr/index.html"
t_measured "validate idle VMs" "$VMUX" validate "$O/zero.csv" \
	--plan "$O/zero.plan" --host-cpu 1 --slot-ms 10
t_grep "^z +2 +2 .* n/a +n/a$" "$O/out" "... n/a in the table"
t_grep "^NOTE: host z: saving n/a: no VM needs any capacity$" "$O/out" \
	"... and why"
t_done

#!/bin/sh
# End-to-end tests of the words of `vmux report`'s page, on one bundled
# PlanetLab day planned on 1-core hosts (--no-charts: no gnuplot needed):
# the command line at the top of the page, its arguments quoted for a
# POSIX shell, reads back (python's shlex, and sh itself) as the arguments
# given. Run from the repository root.
. tests/common/e2e.sh
O=$T_DIR

"$VMUX" import planetlab traces/planetlab/20110303 -o "$O/d1.csv" >/dev/null 2>&1
"$VMUX" plan "$O/d1.csv" --host-cpu 1 -o "$O/plan.csv" >/dev/null 2>&1
t_ok "inputs made" test -s "$O/plan.csv"

# --- The command line: a path with a space, an output folder with a
# quote, a dollar and a star; each argument comes back whole.
mkdir "$O/with space"
cp "$O/d1.csv" "$O/with space/d 1.csv"
R="$O/r it's \$HOME *"
t_ok "report with a trace path holding a space" "$VMUX" report \
	--trace "$O/with space/d 1.csv" --plan "$O/plan.csv" --no-charts -o "$R"
# The page's line, HTML entities undone.
python3 - "$R/index.html" >"$O/cmd" <<'PY'
import html, re, sys
m = re.search(r'<p class="csv">Command: (.*?)</p>', open(sys.argv[1]).read())
print(html.unescape(m.group(1)) if m else "")
PY
python3 - "$O/cmd" "$O" "$R" >"$O/why" 2>&1 <<'PY'
import shlex, sys
line = open(sys.argv[1]).read().rstrip("\n")
o, r = sys.argv[2], sys.argv[3]
want = ["vmux", "report", "--trace", o + "/with space/d 1.csv",
        "--plan", o + "/plan.csv", "--no-charts", "-o", r]
got = shlex.split(line)
if got != want:
    print(f"got {got!r}, wanted {want!r}")
    sys.exit(1)
PY
t_report $? "the page's command line splits (shlex) into the arguments given" \
	"$(head -c 300 "$O/why")"
t_grep "--trace '[^']*/with space/d 1\\.csv' " "$O/cmd" \
	"... the path with a space in single quotes"
# Pasted into sh (as `set -- LINE`, in a shell of its own: a line sh
# cannot read fails there): the same words, nothing expanded.
sh -c 'eval "set -- $1" && printf "%s\n" "$#" "$4" "$9"' sh "$(cat "$O/cmd")" \
	>"$O/words" 2>&1
t_eq "sh reads 9 words" "$(sed -n 1p "$O/words")" 9
t_eq "... the trace path whole" "$(sed -n 2p "$O/words")" "$O/with space/d 1.csv"
t_eq "... the output folder whole (quote, \$, * kept)" \
	"$(sed -n 3p "$O/words")" "$R"
# --- The host capacity: every resource the plan was packed for (and the
# evaluation replays), and where it came from. A Bitbrains plan packed for
# cpu and mem showed "8 cores of cpu per host (--host-cpu)": no mem, and
# the source wrong when PLAN.meta gave it.
"$VMUX" import bitbrains traces/bitbrains-rnd/2013-7 -o "$O/bb.csv" >/dev/null 2>&1
"$VMUX" plan "$O/bb.csv" --host-cpu 8 --host-mem 65536 -o "$O/bb.plan" >/dev/null 2>&1
t_ok "report on a plan packed for cpu and mem" "$VMUX" report --trace "$O/bb.csv" \
	--plan "$O/bb.plan" --no-charts -o "$O/rbb"
t_grep "Host capacity</dt><dd>8 cores of cpu, 65536 MiB of mem per host \(PLAN.meta\)" \
	"$O/rbb/index.html" "... the header names both capacities, from PLAN.meta"
rm "$O/bb.plan.meta"
t_ok "report with the capacities given" "$VMUX" report --trace "$O/bb.csv" \
	--plan "$O/bb.plan" --host-cpu 4 --host-mem 32768 --no-charts -o "$O/rbb2"
t_grep "Host capacity</dt><dd>4 cores of cpu, 32768 MiB of mem per host \(--host-cpu, --host-mem\)" \
	"$O/rbb2/index.html" "... and from the options that gave them"
# The service level's source: with no PLAN.meta and no --percentile or
# --promise it is the default, not the options (the page said
# "(--percentile, --promise)" of options nobody gave).
t_grep "Service level</dt><dd>95th percentile, promise fleet-wide: .*\\(the defaults: no PLAN.meta records one\\)" \
	"$O/rbb2/index.html" "... the service level: the defaults, said so"
t_ok "report with --percentile alone" "$VMUX" report --trace "$O/bb.csv" \
	--plan "$O/bb.plan" --host-cpu 4 --percentile 90 --no-charts -o "$O/rbb3"
t_grep "Service level</dt><dd>90th percentile, promise fleet-wide: .*\\(--percentile; the scope by default\\)" \
	"$O/rbb3/index.html" "... --percentile given, the scope by default"
t_ok "report with both" "$VMUX" report --trace "$O/bb.csv" --plan "$O/bb.plan" \
	--host-cpu 4 --percentile 90 --promise host --no-charts -o "$O/rbb4"
t_grep "Service level</dt><dd>90th percentile, promise per host: .*\\(--percentile, --promise\\)" \
	"$O/rbb4/index.html" "... both given, both named"
# --- A plan packed with --virt full (PLAN.meta: virt=full): the report
# replays the demand as measured (it has no --virt), and said nothing of
# it: its recomputed overloads disagreed with `vmux evaluate --virt full`'s
# and the page asked "was it made with another --host-cpu, window or
# plan?". It now says so on stderr, in the header and in that sentence.
"$VMUX" import planetlab traces/planetlab/20110306 -o "$O/d2.csv" >/dev/null 2>&1
"$VMUX" plan "$O/d1.csv" --host-cpu 1 --virt full -o "$O/pv.csv" >/dev/null 2>&1
# (vmux evaluate takes the plan's factors from PLAN.meta.)
"$VMUX" evaluate "$O/d2.csv" --plan "$O/pv.csv" --csv \
	-o "$O/pve.csv" >/dev/null 2>&1
t_ok "report on a plan packed with --virt full" "$VMUX" report --trace \
	"$O/d1.csv" --plan "$O/pv.csv" --eval-trace "$O/d2.csv" \
	--eval "$O/pve.csv" --no-charts -o "$O/rpv"
t_grep "^vmux: warning: report: the plan '.*pv.csv' was packed with virt=full \\(.*pv.csv.meta\\); this report replays the demand as measured, with no overhead" \
	"$O/err" "... said on stderr"
t_grep "not the plan's \\(vmux evaluate replays it as planned\\)" "$O/err" \
	"... and that vmux evaluate takes the plan's factors"
t_grep "Overhead</dt><dd>none replayed: the plan was packed with virt=full \\(PLAN.meta\\)" \
	"$O/rpv/index.html" "... in the header"
t_grep "disagrees with the evaluation window recomputed here .*: was it made with virt=full \\(the plan&#39;s overhead, which vmux evaluate applies and this report does not\\), or with another --host-cpu, window or plan\\?" \
	"$O/rpv/index.html" "... and where --eval disagrees"
# --- An evaluation trace of another step than the plan's: the plan's
# service level counts slots of 300 s; replayed on 600-s samples (every
# other slot of 03-06) the page judged the promise on them with no word
# but "144 slots of 600 s", and nothing went to stderr (evaluate and
# frontier warn). Said now on stderr, under the totals and in the summary.
awk -F, 'NR == 1 || ($1 - 1299369600) % 600 == 0' "$O/d2.csv" >"$O/d2_600.csv"
t_eq "the 600-s trace keeps every other time" \
	"$(tail -n +2 "$O/d2_600.csv" | cut -d, -f1 | sort -u | wc -l)" 144
t_ok "report of a 300-s plan on a 600-s evaluation trace" "$VMUX" report \
	--trace "$O/d1.csv" --plan "$O/plan.csv" --eval-trace "$O/d2_600.csv" \
	--no-charts -o "$O/r600"
t_grep "^vmux: warning: report: '.*d2_600.csv' has slots of 600 s, the plan '.*plan.csv' was fitted on slots of 300 s \\(.*plan.csv.meta: step\\): the service level counts slots of 300 s, so rates over slots of 600 s \\(coarser ones hide short peaks\\) are not what it promises \\(resample the trace to 300 s\\)\$" \
	"$O/err" "... said on stderr, in evaluate's words"
t_grep "144 slots of 600 s" "$O/r600/index.html" "... replayed as it is"
sed -n 's/^vmux: warning: report: .* (.*meta: step): //p' "$O/err" \
	>"$O/r600.why"
t_ok "evaluate on the same 600-s trace" "$VMUX" evaluate "$O/d2_600.csv" \
	--plan "$O/plan.csv" -o "$O/e600.txt"
t_eq "... report and evaluate give the same reason, word for word" \
	"$(sed -n 's/^vmux: warning: evaluate: .* (.*meta: step): //p' \
		"$O/err")" "$(cat "$O/r600.why")"
t_grep "^the service level counts" "$O/r600.why" "... and it is not empty"
t_grep "The evaluation trace has slots of 600 s, the plan was fitted on slots of 300 s \\(PLAN.meta&#39;s step\\): the service level counts slots of 300 s, so rates over slots of 600 s \\(coarser ones hide short peaks\\) are not what it promises; resample the evaluation trace to 300 s\\." \
	"$O/r600/index.html" "... in the out-of-sample section"
sed -n '/id="summary"/,/<\/ul>/p' "$O/r600/index.html" >"$O/r600.sum"
t_grep "<li>The evaluation trace has slots of 600 s, the plan was fitted on slots of 300 s: the service level counts slots of 300 s, so rates over slots of 600 s \\(coarser ones hide short peaks\\) are not what it promises.</li>" \
	"$O/r600.sum" "... and in the summary"
# With no PLAN.meta, the plan's step is the training trace's.
cp "$O/plan.csv" "$O/bare.csv"
t_ok "report of a plan with no PLAN.meta on a 600-s evaluation trace" \
	"$VMUX" report --trace "$O/d1.csv" --plan "$O/bare.csv" --host-cpu 1 \
	--eval-trace "$O/d2_600.csv" --no-charts -o "$O/r600b"
t_grep "^vmux: warning: report: '.*d2_600.csv' has slots of 600 s, the training trace '.*d1.csv' slots of 300 s: the service level counts slots of 300 s, so rates over slots of 600 s \\(coarser ones hide short peaks\\) are not what it promises \\(resample the evaluation trace to 300 s\\)\$" \
	"$O/err" "... said of the training trace's step"
t_grep "the plan was fitted on slots of 300 s \\(the training trace&#39;s\\)" \
	"$O/r600b/index.html" "... and on the page"
# A training trace of another step than PLAN.meta's: the report replayed
# the plan's in-sample rates on 600-s slots and said nothing (it warned
# only of the evaluation trace). Said now, in the same words, once.
awk -F, 'NR == 1 || ($1 - 1299110400) % 600 == 0' "$O/d1.csv" >"$O/d1_600.csv"
t_eq "the 600-s training trace keeps every other time" \
	"$(tail -n +2 "$O/d1_600.csv" | cut -d, -f1 | sort -u | wc -l)" 144
t_ok "report of a 300-s plan on a 600-s training trace" "$VMUX" report \
	--trace "$O/d1_600.csv" --plan "$O/plan.csv" --eval-trace "$O/d2.csv" \
	--no-charts -o "$O/rt600"
t_grep "^vmux: warning: report: '.*d1_600.csv' has slots of 600 s, the plan '.*plan.csv' was fitted on slots of 300 s \\(.*plan.csv.meta: step\\): the service level counts slots of 300 s, so rates over slots of 600 s \\(coarser ones hide short peaks\\) are not what it promises \\(resample the trace to 300 s\\)\$" \
	"$O/err" "... said on stderr, as of an evaluation trace"
t_eq "... once, and not of the 300-s evaluation trace" \
	"$(grep -c 'has slots of' "$O/err")" 1
t_grep "The training trace has slots of 600 s, the plan was fitted on slots of 300 s \\(PLAN.meta&#39;s step\\): the service level counts slots of 300 s, so rates over slots of 600 s \\(coarser ones hide short peaks\\) are not what it promises; resample the training trace to 300 s\\." \
	"$O/rt600/index.html" "... on the page, in the sizing section"
sed -n '/id="summary"/,/<\/ul>/p' "$O/rt600/index.html" >"$O/rt600.sum"
t_grep "<li>The training trace has slots of 600 s, the plan was fitted on slots of 300 s: the service level" \
	"$O/rt600.sum" "... and in the summary"
t_exit 1 "... the evaluation section has no step note" grep -q \
	"The evaluation trace has slots" "$O/rt600/index.html"
t_ok "report on the 600-s trace alone (no evaluation window)" "$VMUX" \
	report --trace "$O/d1_600.csv" --plan "$O/plan.csv" --no-charts \
	-o "$O/rt600b"
t_eq "... said once" "$(grep -c 'has slots of' "$O/err")" 1
t_ok "report on an evaluation trace of the plan's step" "$VMUX" report \
	--trace "$O/d1.csv" --plan "$O/plan.csv" --eval-trace "$O/d2.csv" \
	--no-charts -o "$O/r300"
cp "$O/err" "$O/r300.err"
t_exit 1 "... nothing said on stderr" grep -q "slots of 300 s" "$O/r300.err"
t_exit 1 "... nor on the page" grep -q "The evaluation trace has slots" \
	"$O/r300/index.html"
# --- The page's path on stdout: an output folder whose name holds a line
# break printed as two lines; written as names are in human text (\xNN).
t_ok "report into a folder whose name holds a line break" "$VMUX" report \
	--trace "$O/d1.csv" --plan "$O/plan.csv" --no-charts -o "$O/r
x"
t_eq "its path on stdout is one line, the break as \\x0a" "$(cat "$O/out")" \
	"$O/r\\x0ax/index.html"
# --- A plan of idle VMs (every value 0): nothing is sized above 0, so the
# saving is undefined; the page said "Joint sizing saves nan % over
# separate sizing" (the tables leave such a cell empty).
printf 'time,vm,cpu\n0,a,0\n300,a,0\n600,a,0\n0,b,0\n300,b,0\n600,b,0\n' \
	>"$O/idle.csv"
printf 'vm,host\na,0\nb,0\n' >"$O/idle.plan"
t_ok "report on idle VMs" "$VMUX" report --trace "$O/idle.csv" \
	--plan "$O/idle.plan" --host-cpu 1 --train-to 600 --no-charts \
	-o "$O/idle"
t_exit 1 "... no 'nan' on the page" grep -qiw "nan" "$O/idle/index.html"
t_grep "Joint sizing saves nothing over separate sizing \\(no VM needs any capacity at this level\\) \\(0 to 0 cores for 2 VMs on 1 host\\)" \
	"$O/idle/index.html" "... the summary says it saves nothing, and why"
t_done

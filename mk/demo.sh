#!/bin/sh
# make demo: the vmux pipeline on the real traces bundled in traces/.
#   sh mk/demo.sh BUILD_DIR        (make demo builds BUILD_DIR/vmux first)
# Outputs go to BUILD_DIR/demo/; progress on stderr, results on stdout;
# the last line is the path of the report (BUILD_DIR/demo/report/
# index.html). One shell function per step; a new step is a function plus
# one line in main(). A failing step stops the demo with its name and
# status; a step whose facility is missing (/dev/kvm, vmux frontier) says
# so and the report notes the absent input.
set -u
build=${1:-build}
VMUX=$build/vmux
DEMO=$build/demo
T=traces
PL_DAYS="20110303 20110306 20110309"
# Groups picked among the pairs with the largest saving on 2011-03-03 (the
# fit day); the demo sizes them on that day and on 2011-03-06, which they
# were not picked on.
PL_PAIR=node1_planetlab_albany_edu_princeton_codeen,planetdev02_fm_intel_com_root
PL_FIVE=planet1_l3s_uni-hannover_de_tum_i2p,righthand_eecs_harvard_edu_princeton_codeen,chronos_disy_inf_uni-konstanz_de_uw_oneswarm,planetlab1_cse_msu_edu_root,planetlab-01_vt_nodes_planet-lab_org_uw_oneswarm
# Bitbrains: the best pair and one of the best quadruples on the first 3
# days of the week (before BB_SPLIT), sized there and on the 4 days after:
# in-sample savings over-promise.
BB_SPLIT=1374876000	# 2013-07-26 22:00 UTC
BB_PAIR=rnd-10,rnd-19
BB_FOUR=rnd-7,rnd-10,rnd-13,rnd-19
BB_BUSY=rnd-1,rnd-9,rnd-10,rnd-12
# The plan: PlanetLab fitted on 2011-03-03, hosts of one core, checked on
# 2011-03-06; validation replays the first VAL_HOURS of that day at
# VAL_SLOT_MS per 5-minute slot.
FIT=20110303
LATER=20110306
HOST_CPU=1
VAL_HOURS=12
VAL_SLOT_MS=50
# Inputs of the report that a step made (the report says which are absent).
REPORT_ARGS=

NSTEPS=11
N=0
say() { echo "demo: $*" >&2; }
# run_step TITLE FUNCTION: progress line, run, stop the demo on failure.
run_step() {
	N=$((N + 1))
	say "[$N/$NSTEPS] $1"
	"$2" || { rc=$?; say "step '$1' failed (exit $rc)"; exit "$rc"; }
}
# note TEXT: a comment among the results.
note() { printf '\n# %s\n' "$*"; }
# vmux ARGS: echo the command on stdout, then run it.
vmux() {
	echo
	echo "\$ vmux $*"
	"$VMUX" "$@"
}

import_planetlab() {
	for day in $PL_DAYS; do
		vmux import planetlab "$T/planetlab/$day" \
			-o "$DEMO/planetlab-$day.csv" || return
	done
}

import_bitbrains() {
	say "  the warnings on the Bitbrains trace (times off the 300 s grid," \
		"rows merged or with 0 cores provisioned, gaps held; again at" \
		"each 'vmux size' of it) are" \
		"vmux repairing the bundled data as traces/README.md says:" \
		"nothing to do"
	vmux import bitbrains "$T/bitbrains-rnd/2013-7" \
		-o "$DEMO/bitbrains-rnd.csv"
}

size_traces() {
	for day in $PL_DAYS; do
		vmux size "$DEMO/planetlab-$day.csv" --percentile 95 || return
	done
	vmux size "$DEMO/bitbrains-rnd.csv" --percentile 95
}

gain_planetlab() {
	note "PlanetLab groups picked on 2011-03-03, sized then and on 2011-03-06"
	for day in 20110303 20110306; do
		vmux size "$DEMO/planetlab-$day.csv" --percentile 95 \
			--group "$PL_PAIR" --group "$PL_FIVE" || return
	done
}

gain_bitbrains() {
	note "Bitbrains groups picked on the first 3 days, sized there and on" \
		"the 4 days after (the honest number)"
	vmux size "$DEMO/bitbrains-rnd.csv" --percentile 95 --to "$BB_SPLIT" \
		--group "$BB_PAIR" --group "$BB_FOUR" || return
	vmux size "$DEMO/bitbrains-rnd.csv" --percentile 95 --from "$BB_SPLIT" \
		--group "$BB_PAIR" --group "$BB_FOUR" || return
	# Memory of the four busiest VMs, the whole week.
	vmux size "$DEMO/bitbrains-rnd.csv" --percentile 95 --resource mem \
		--group "$BB_BUSY"
}

# has_kvm: /dev/kvm is there and usable by us.
has_kvm() { [ -r /dev/kvm ] && [ -w /dev/kvm ]; }

plan_day() {
	note "PlanetLab $FIT planned on hosts of $HOST_CPU core, default" \
		"policy and separate sizing"
	vmux plan "$DEMO/planetlab-$FIT.csv" --host-cpu $HOST_CPU \
		-o "$DEMO/plan.csv" --csv || return
	vmux plan "$DEMO/planetlab-$FIT.csv" --host-cpu $HOST_CPU \
		--policy separate -o "$DEMO/plan-separate.csv" --csv
}

# eval_total CSV: the total row of vmux evaluate's CSV in words, in the
# report's units (the CSV's rates are fractions).
eval_total() {
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$1 == "total" { printf "total: %.2f %% of host-slots over capacity, " \
		"%.2f %% of the demand unmet, %.2f %% of VM-slots short (%s)\n",
		100 * $c["overload_rate"], 100 * $c["unmet_fraction"],
		100 * $c["violation_rate"], FILENAME }' "$1"
}

evaluate_later() {
	note "both plans replayed on $LATER, a day they were not fitted to"
	vmux evaluate "$DEMO/planetlab-$LATER.csv" --plan "$DEMO/plan.csv" \
		--host-cpu $HOST_CPU -o "$DEMO/eval.csv" || return
	eval_total "$DEMO/eval.csv"
	vmux evaluate "$DEMO/planetlab-$LATER.csv" \
		--plan "$DEMO/plan-separate.csv" --host-cpu $HOST_CPU \
		-o "$DEMO/eval-separate.csv" || return
	eval_total "$DEMO/eval-separate.csv"
	REPORT_ARGS="$REPORT_ARGS --eval $DEMO/eval.csv"
}

frontier() {
	if ! "$VMUX" frontier --help >/dev/null 2>&1; then
		say "  skipped: this vmux has no 'frontier' command yet"
		note "frontier skipped: no 'vmux frontier' (the report says so)"
		return 0
	fi
	vmux frontier "$DEMO/planetlab-$FIT.csv" \
		--eval-trace "$DEMO/planetlab-$LATER.csv" --host-cpu $HOST_CPU \
		-o "$DEMO/frontier.csv" || {
		say "  skipped: vmux frontier failed (see above)"
		return 0
	}
	REPORT_ARGS="$REPORT_ARGS --frontier $DEMO/frontier.csv"
}

# KVM where /dev/kvm works, else the tcg backend (vmux says which); the
# rows and the report name the backend.
bench_quick() {
	has_kvm || note "no usable /dev/kvm: the benchmark runs on tcg"
	vmux bench --quick -o "$DEMO/bench.csv" || return
	REPORT_ARGS="$REPORT_ARGS --bench $DEMO/bench.csv"
}

# The planned host with the highest overload on the later day.
busiest_host() {
	awk -F, 'NR > 1 && $1 != "total" && $5 + 0 > best + 0 || NR == 2 {
		best = $5; h = $1 } END { print h }' "$DEMO/eval.csv"
}

validate_host() {
	has_kvm || note "no usable /dev/kvm: the validation runs on tcg"
	host=$(busiest_host)
	end=$(awk -F, 'NR == 2 { print $1 + '"$VAL_HOURS"' * 3600; exit }' \
		"$DEMO/planetlab-$LATER.csv")
	note "host $host (the busiest on $LATER) on real guests, the first" \
		"$VAL_HOURS h at $VAL_SLOT_MS ms per slot"
	vmux validate "$DEMO/planetlab-$LATER.csv" --plan "$DEMO/plan.csv" \
		--host-cpu $HOST_CPU --host "$host" --slot-ms $VAL_SLOT_MS \
		--to "$end" -o "$DEMO/validation.csv"
	rc=$?
	# 75: other work starved the guests; the rows say so, the report too.
	[ $rc -eq 0 ] || [ $rc -eq 75 ] || return $rc
	REPORT_ARGS="$REPORT_ARGS --validation $DEMO/validation.csv"
}

report() {
	# shellcheck disable=SC2086 # REPORT_ARGS holds options and paths
	vmux report --trace "$DEMO/planetlab-$FIT.csv" --plan "$DEMO/plan.csv" \
		--eval-trace "$DEMO/planetlab-$LATER.csv" \
		--host-cpu $HOST_CPU $REPORT_ARGS -o "$DEMO/report"
}

main() {
	[ -x "$VMUX" ] || { say "no $VMUX: run 'make demo'"; exit 69; }
	mkdir -p "$DEMO" || exit 74
	run_step "import PlanetLab (3 days, 135 VMs)" import_planetlab
	run_step "import Bitbrains Rnd (20 VMs, 7 days)" import_bitbrains
	run_step "size each VM alone (95th percentile)" size_traces
	run_step "multiplexing gain of PlanetLab groups, fit day and another day" \
		gain_planetlab
	run_step "multiplexing gain of Bitbrains groups, fit days and later days" \
		gain_bitbrains
	run_step "plan PlanetLab $FIT (default policy and separate)" plan_day
	run_step "evaluate both plans on $LATER" evaluate_later
	run_step "frontier: hosts against out-of-sample overload" frontier
	run_step "overhead benchmark (--quick; KVM, else tcg)" bench_quick
	run_step "validate the busiest host on real guests (KVM, else tcg)" \
		validate_host
	run_step "consolidation report" report
	say "done; outputs in $DEMO"
	say "the report: $DEMO/report/index.html"
}

main

#!/bin/sh
# make demo: the vmux pipeline on the real traces bundled in traces/.
#   sh mk/demo.sh BUILD_DIR        (make demo builds BUILD_DIR/vmux first)
# Outputs go to BUILD_DIR/demo/; progress on stderr, results on stdout.
# One shell function per step; a new step is a function plus one line in
# main(). A failing step stops the demo with its name and status.
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

NSTEPS=5
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
	say "done; outputs in $DEMO"
}

main

#!/bin/sh
# bench/25-promise.sh BUILD - does the default plan keep its promise on a
# later period of real traces it has not seen (issue 13)?
#
# Pairs formed from the shared traces (VMUX_SHARED_TRACES, else
# ../shared/traces or /work/shared/traces; skipped if none): PlanetLab
# 2011-03-03 -> 03-06, 03-06 -> 03-09, 03-22 -> 03-25 (VMs present on both
# days), hosts of 1 and 4 cores; Bitbrains Rnd July 2013 first half ->
# second half (cpu + mem, 8 cores / 16 GiB and 16 / 32); Alibaba 2018,
# machines present in both, days 0-3 -> days 4-7, hosts of 128 and 192
# cores. For each pair: every policy at P95 (the default robust, promise
# fleet), its hosts and realised overload on the later period recomputed by
# numpy from the CSVs (independent of vmux evaluate, whose figure is shown
# beside it), hosts above 5 %; the hindsight-best separate plan (smallest
# host count whose realised overload is <= 5 %, percentile searched in
# steps of 0.5 from 50 to 99.5); the separate plan with its percentile
# chosen without hindsight by robust's own criterion (numpy: mean + one
# standard error of the overload on 4 held-out blocks of the training
# window <= 5 %); a perfect-knowledge bound (joint P95
# packed on the later period itself); robust's printed interval and
# whether it covers the realised value. Then the same for pairs of the
# shared days that are not goal pairs (each goal pair reversed, and
# 2011-03-03 <-> 03-09): where the day-to-day drift has the other sign.
# Both sets also with --promise host (hosts, hosts above the target, the
# interval's coverage of the share above, and the hindsight-best separate
# plan meeting the same per-host target).
# Then the time of planning one full PlanetLab day (median of 5).
set -eu
build=$1
PY=/usr/bin/python3 # Debian's, where python3-numpy installs
if ! "$PY" -c 'import numpy' 2>/dev/null; then
	echo "bench 25-promise: needs python3-numpy (sh mk/deps.sh bench)" >&2
	exit 1
fi
shared=${VMUX_SHARED_TRACES:-}
for c in "$shared" ../shared/traces /work/shared/traces; do
	if [ -n "$c" ] && [ -d "$c/planetlab" ]; then shared=$c; break; fi
done
if [ ! -d "$shared/planetlab" ]; then
	echo "bench 25-promise: no shared traces (set VMUX_SHARED_TRACES); skipped"
	exit 0
fi
exec "$PY" "$(dirname "$0")/promise.py" "$build/vmux" "$shared"

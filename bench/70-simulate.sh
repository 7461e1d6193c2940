#!/bin/sh
# bench/70-simulate.sh BUILD - `vmux simulate` against CloudSim 3.0.3.
#
# 1. Reproduction: with --model cloudsim on PlanetLab day 20110303 (all
#    1,052 VMs), each of the eight policies against the reference numbers
#    of issue 18 (CloudSim 3.0.3 with byte-sorted trace files): energy
#    within 1 %, migrations within 3 %, SLATAH and PDM within 5 % (NPA and
#    DVFS energy within 0.1 %).
# 2. Speed (bench/simulate_speed.py): wall and CPU time of whole runs as a
#    user makes them (the day loaded, the result written), median of 3:
#    each policy-day on 20110303, goal <= 0.25 s wall for the slowest
#    (CloudSim's fastest migrating run took 25.6 s); all 8 policies x 6
#    days, goal < 15 s wall. The load average is printed beside them: the
#    2 cores are shared.
# 3. Policies in the CloudSim model on every shared day: vmux's
#    correlation-aware policy against each CloudSim policy by ESV
#    (energy x SLATAH x PDM), goal: lower than every one on every day and
#    on average <= 0.7 x the best; the static plan beside them.
#
# The full days live in the shared store: VMUX_SHARED_TRACES (default
# ../shared/traces beside the clone) must hold planetlab/<day>/.
set -eu
. "$(dirname "$0")/lib/verdict.sh"
build=$1
V="$build/vmux"
S=${VMUX_SHARED_TRACES:-../shared/traces}
P="$S/planetlab"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
DAYS="20110303 20110306 20110309 20110322 20110325 20110403"

if [ ! -d "$P/20110303" ]; then
	echo "bench 70-simulate: no $P/20110303 (set VMUX_SHARED_TRACES)" >&2
	exit 1
fi

# col FILE NAME: NAME's value in the first data row of CSV FILE.
col() { awk -F, -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i } NR == 2 { print $k }' "$1"; }

# policy: name, vmux options, reference energy, migrations, SLATAH %, PDM %
REF='NPA|--detector npa|2410.8028|0|0|0
DVFS|--detector dvfs|802.7545|0|0|0
THR-MMT|--detector thr --select mmt|192.6231|26711|4.9133|0.06464
IQR-MMT|--detector iqr --select mmt|189.9801|26282|4.8226|0.06235
MAD-MMT|--detector mad --select mmt|185.7917|26556|5.0488|0.06619
LR-MMT|--detector lr --select mmt|163.4772|27859|5.8579|0.07927
THR-MC|--detector thr --select mc|183.4761|23967|6.8382|0.10193
THR-MU|--detector thr --select mu|207.7943|30653|7.3824|0.06696'

echo "Reproduction of CloudSim 3.0.3 on 20110303 (vmux simulate --model cloudsim)"
printf '%-8s %11s %11s %7s %7s %7s %7s %8s %8s %6s %9s %9s %6s %s\n' policy \
	E_vmux E_ref dE% mig mig_ref dmig% SLATAH SLA_ref dS% PDM PDM_ref dP% goal
fail=0
echo "$REF" | while IFS='|' read -r name opts e m s p; do
	# shellcheck disable=SC2086
	"$V" simulate "$P/20110303" --model cloudsim $opts -o "$tmp/r.csv"
	E=$(col "$tmp/r.csv" energy_kwh)
	M=$(col "$tmp/r.csv" migrations)
	SL=$(col "$tmp/r.csv" slatah)
	PD=$(col "$tmp/r.csv" pdm)
	awk -v n="$name" -v E="$E" -v e="$e" -v M="$M" -v m="$m" -v S="$SL" \
		-v s="$s" -v P="$PD" -v p="$p" 'function d(a, b) {
			return b == 0 ? (a == 0 ? 0 : 100) : 100 * (a - b) / b }
		function ab(x) { return x < 0 ? -x : x }
		BEGIN {
			S *= 100; P *= 100
			de = d(E, e); dm = d(M, m); ds = d(S, s); dp = d(P, p)
			et = (m == 0) ? 0.1 : 1
			ok = ab(de) <= et && ab(dm) <= 3 && ab(ds) <= 5 && ab(dp) <= 5
			printf "%-8s %11.4f %11.4f %7.3f %7d %7d %7.3f %8.4f %8.4f %6.2f %9.5f %9.5f %6.2f %s\n",
				n, E, e, de, M, m, dm, S, s, ds, P, p, dp, ok ? "met" : "NOT MET"
			exit !ok }' || echo "reproduction: $name outside tolerance" >> "$tmp/fail"
done
[ -f "$tmp/fail" ] && { cat "$tmp/fail"; fail=1; }

echo
echo "Speed: \`vmux simulate DAY --model cloudsim ...\` as a user runs it (the day's"
echo "1,052 files loaded, the result written), wall and CPU (user + sys) seconds,"
echo "median of 3 runs; CloudSim 3.0.3's wall time from issue 18 beside it"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# policy|options|CloudSim's wall seconds on 20110303
SPEED='NPA|--detector npa|2.6
DVFS|--detector dvfs|3.7
THR-MMT|--detector thr --select mmt|25.6
IQR-MMT|--detector iqr --select mmt|36.3
MAD-MMT|--detector mad --select mmt|47.4
LR-MMT|--detector lr --select mmt|40.8
THR-MC|--detector thr --select mc|53.4
THR-MU|--detector thr --select mu|57.7'
python3 "$(dirname "$0")/simulate_speed.py" "$V" "$P" "$DAYS" "$SPEED" "$tmp/speed" || fail=1
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
read -r worst total < "$tmp/speed"
verdict "slowest policy-day, wall" "$worst" 0.25 s
verdict "8 policies x 6 days, wall" "$total" 15 s
echo
echo "Each CloudSim quirk turned off alone (--model cloudsim --quirk Q=off), THR-MMT on 20110303"
printf '%-18s %10s %8s %8s %9s %10s %7s\n' quirk_off energy migr SLATAH% PDM% ESV host_h
for q in none drop_idle ram_once double_move pooled energy_edges dest_full_request wake_free \
	share_rounding core_request; do
	if [ $q = none ]; then qo=""; else qo="--quirk $q=off"; fi
	# shellcheck disable=SC2086
	"$V" simulate "$P/20110303" --model cloudsim $qo -o "$tmp/r.csv"
	printf '%-18s %10.4f %8d %8.4f %9.5f %10.3e %7.1f\n' $q "$(col "$tmp/r.csv" energy_kwh)" \
		"$(col "$tmp/r.csv" migrations)" "$(awk -v x="$(col "$tmp/r.csv" slatah)" 'BEGIN { print x * 100 }')" \
		"$(awk -v x="$(col "$tmp/r.csv" pdm)" 'BEGIN { print x * 100 }')" "$(col "$tmp/r.csv" esv)" \
		"$(col "$tmp/r.csv" host_hours)"
done
"$V" simulate "$P/20110303" -o "$tmp/r.csv"
printf '%-18s %10.4f %8d %8.4f %9.5f %10.3e %7.1f\n' "vmux model (all)" "$(col "$tmp/r.csv" energy_kwh)" \
	"$(col "$tmp/r.csv" migrations)" "$(awk -v x="$(col "$tmp/r.csv" slatah)" 'BEGIN { print x * 100 }')" \
	"$(awk -v x="$(col "$tmp/r.csv" pdm)" 'BEGIN { print x * 100 }')" "$(col "$tmp/r.csv" esv)" "$(col "$tmp/r.csv" host_hours)"

echo
echo "Policies in the CloudSim model, every shared day: ESV x 1e-3 (energy kWh, migrations)"
POL="THR-MMT|--detector thr --select mmt
IQR-MMT|--detector iqr --select mmt
MAD-MMT|--detector mad --select mmt
LR-MMT|--detector lr --select mmt
THR-MC|--detector thr --select mc
THR-MU|--detector thr --select mu
CORR|--detector corr
STATIC|--detector static"
: > "$tmp/esv"
for day in $DAYS; do
	echo "$POL" | while IFS='|' read -r name opts; do
		# shellcheck disable=SC2086
		"$V" simulate "$P/$day" --model cloudsim $opts -o "$tmp/r.csv"
		echo "$day $name $(col "$tmp/r.csv" esv) $(col "$tmp/r.csv" energy_kwh) $(col "$tmp/r.csv" migrations) $(col "$tmp/r.csv" overall_sla)" >> "$tmp/esv"
	done
done
awk '{ esv[$1, $2] = $3; e[$1, $2] = $4; m[$1, $2] = $5; if (!($1 in seen)) { seen[$1] = 1; days[++nd] = $1 }
	if (!($2 in pseen)) { pseen[$2] = 1; pol[++np] = $2 } }
	END {
		printf "%-9s", "day"; for (j = 1; j <= np; j++) printf " %19s", pol[j]; printf " %9s\n", "corr/best"
		bad = 0; sum = 0
		for (i = 1; i <= nd; i++) {
			d = days[i]; best = -1
			printf "%-9s", d
			for (j = 1; j <= np; j++) {
				p = pol[j]
				printf " %6.3f %7.1f %5d", esv[d, p] * 1000, e[d, p], m[d, p]
				if (p != "CORR" && p != "STATIC" && (best < 0 || esv[d, p] < best)) best = esv[d, p]
			}
			r = esv[d, "CORR"] / best; sum += r
			if (!(esv[d, "CORR"] < best)) bad++
			printf " %9.4f\n", r
		}
		printf "corr lower than every CloudSim policy on %d of %d days; mean corr/best = %.4f (goal <= 0.7)\n", nd - bad, nd, sum / nd
		exit !(bad == 0 && sum / nd <= 0.7)
	}' "$tmp/esv" || { echo "policy comparison: goal NOT MET"; fail=1; }
echo "(STATIC: no migrations, so PDM and ESV are 0 by definition; compare its energy and overall SLA:)"
awk '$2 == "STATIC" || $2 == "CORR" { printf "  %s %-7s energy %7.1f kWh, overall SLA violation %.4f %%\n", $1, $2, $4, $6 * 100 }' "$tmp/esv"

exit $fail

#!/bin/sh
# The overhead benchmark (issue: the "core four"): `vmux bench` in full
# (BENCH_QUICK=1: --quick), its rows and the lecture's table, the
# calibration measured in this run beside the one shipped in models/, and
# the plausibility goals checked on the rows:
#   cpu under hw within 3 % of native (best runs);
#   disk and net cost more under full than under para;
#   mem overhead grows with the working set and shrinks with larger guest
#   pages (pointer chase, normal host pages): judged on the rows' ranges
#   (guest min / native max - 1 to guest max / native min - 1),
#   INCONCLUSIVE (not a failure) where they overlap.
# $1 = the build folder.
set -u
B=${1:-build}
W=$B/bench-overhead
mkdir -p "$W"
if ! [ -w /dev/kvm ]; then
	echo "50-overhead: SKIP: /dev/kvm is absent or not writable here"; exit 0
fi
q=; [ "${BENCH_QUICK:-0}" = 1 ] && q=--quick
start=$(date +%s)
"$B/vmux" bench $q -o "$W/rows.csv" --calibration "$W/calibration.csv" \
	2>"$W/progress" || { tail -5 "$W/progress"; exit 1; }
echo "(vmux bench $q took $(( $(date +%s) - start )) s)"
echo "calibration measured in this run ($W/calibration.csv):"
sed 's/^/  /' "$W/calibration.csv"
for f in models/overhead-*.csv; do
	[ -f "$f" ] && echo "shipped calibration: $f ($(sed -n 2p "$f" | cut -d'"' -f2 | cut -d';' -f1))"
done
awk -F, 'NR > 1 { key = $1 "," $2 "," $3; best[key] = $14; med[key] = $7
	lo[key] = $8; hi[key] = $9 }
function get(w, s, v,   k) { for (k in best) if (index(k, w "," s "," v) == 1) return k; return "" }
# trend(WHAT, A, B): is the overhead of row B above that of row A? PASS
# when the range of B lies above the range of A, FAIL when below; ranges
# that overlap are INCONCLUSIVE (within this run of noise), no failure.
function trend(what, a, b,   v) {
	v = lo[b] > hi[a] ? "PASS" : hi[b] < lo[a] ? "FAIL" : "INCONCLUSIVE (the ranges overlap)"
	printf "goal: %s: %s: %.1f %% [%.1f, %.1f] -> %s: %.1f %% [%.1f, %.1f] %s\n", what, a, med[a], lo[a], hi[a], b, med[b], lo[b], hi[b], v
	return v == "FAIL"
}
END {
	fail = 0
	c = get("cpu", "hw", "int")
	ok = c != "" && best[c] <= 3 && best[c] >= -3
	printf "goal: cpu under hw within 3 %% of native: best %.2f %% (median %.2f %%) %s\n", best[c], med[c], ok ? "PASS" : "FAIL"; fail += !ok
	df = get("disk", "full", ""); dp = get("disk", "para", "")
	nf = get("net", "full", ""); np = get("net", "para", "")
	ok = med[df] > med[dp] && med[nf] > med[np]
	printf "goal: full costs more than para: disk %.0f %% vs %.0f %%, net %.0f %% vs %.0f %% %s\n", med[df], med[dp], med[nf], med[np], ok ? "PASS" : "FAIL"; fail += !ok
	s4 = get("mem", "hw", "chase 256K pg=4k host=4k")
	for (k in best) if (k ~ /^mem,hw,chase [0-9]+M pg=4k host=4k/) l4 = k
	for (k in best) if (k ~ /^mem,hw,chase [0-9]+M pg=2m host=4k/) l2 = k
	fail += trend("mem overhead grows with the working set (median [range])", s4, l4)
	fail += trend("and shrinks with larger pages (the 2m row below the 4k row)", l2, l4)
	exit fail > 0
}' "$W/rows.csv"

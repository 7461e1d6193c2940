#!/bin/sh
# Peak memory of ingest on long traces (issue 16, defect 11): 1 VM x N
# slots (time-sorted, and the same rows reversed), peak resident size of
# `vmux size` (GNU time's "Maximum resident set size") against the final
# store (N doubles per resource). The README promises peak <= 2x the final
# store for any row order; this prints the ratio and fails when it is
# above 2. N = BENCH_SLOTS (default 2,000,000; the case is
# 10,000,000, a 166 MB CSV).
#   sh bench/12-ingest-memory.sh BUILD
set -u
build=${1:-build}
n=${BENCH_SLOTS:-2000000}
[ -x /usr/bin/time ] || { echo "skip: no /usr/bin/time (apt-get install time)"; exit 0; }
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
awk -v n="$n" 'BEGIN { print "time,vm,cpu"
	for (i = 0; i < n; i++) printf "%d,a,%.3f\n", i * 300, (i % 97) / 97 }' \
	>"$d/sorted.csv"
{ head -1 "$d/sorted.csv"; tail -n +2 "$d/sorted.csv" | tac; } >"$d/reversed.csv"
store_kb=$((n * 8 / 1024))
# The process's floor (binary, libraries, OpenBLAS) on a 2-row trace.
printf 'time,vm,cpu\n0,a,1\n300,a,1\n' >"$d/tiny.csv"
peak() { /usr/bin/time -v "$build/vmux" size "$1" 2>&1 >/dev/null |
	sed -n 's/.*Maximum resident set size (kbytes): //p'; }
base=$(peak "$d/tiny.csv")
st=0
for order in sorted reversed; do
	kb=$(peak "$d/$order.csv")
	ratio=$(awk -v p="$kb" -v b="$base" -v s="$store_kb" \
		'BEGIN { printf "%.1f", (p - b) / s }')
	echo "1 VM x $n slots, $order: peak $kb KiB (floor $base KiB)," \
		"final store $store_kb KiB: ${ratio}x (goal <= 2x)"
	awk -v r="$ratio" 'BEGIN { exit !(r <= 2) }' || st=1
done
exit $st

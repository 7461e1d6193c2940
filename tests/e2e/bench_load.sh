#!/bin/sh
# bench's other load per row (others_cores) is read from /proc/stat,
# which counts in ticks of 10 ms per core: over a row of a few ms (the
# exit and net rows on tcg) it read 0.00 or more cores than the machine
# has (exit pio 2.17, exit mmio 0.00 a second later on a 2-core
# machine), so a row was flagged NOISY, or not, by rounding. Each row's
# reading now spans at least 0.5 s and is capped at the machine's cores.
# Checked against a known load: one busy loop of our own runs throughout,
# so every row must see at least half a core of others, and never more
# cores than the machine has.
. tests/common/e2e.sh
d=$T_DIR

sh -c 'while :; do :; done' &
busy=$!
t_ok "bench --workloads exit,net on tcg beside a busy loop" "$VMUX" bench \
	--accel tcg --quick --repeat 2 --workloads exit,net -o "$d/b.csv"
kill "$busy"
wait "$busy" 2>/dev/null
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	{ n++; o = $c["others_cores"]; k = $c["cores"]
	  if (o < 0.5 || o > k + 0) { bad++
		print "# " $1 " " $3 ": others_cores " o " (cores " k ")" } }
	END { exit !(n >= 6 && bad == 0) }' "$d/b.csv"
t_report $? "every row sees the busy loop (>= 0.5 cores) and at most the machine's cores"
t_grep 'other processes used' "$d/b.csv" "the rows are flagged for the load"
t_done

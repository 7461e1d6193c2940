#!/bin/sh
# End-to-end tests of `vmux gen`: the same seed gives the same bytes, the
# row count and header are exact, every value is >= 0, the output ingests
# cleanly with `vmux size`, the seed is recorded in FILE.meta (or on stderr
# with -o -), usage errors exit 2 naming the option, and an unwritable
# output exits 74 leaving nothing behind. Run from the repository root.
. tests/common/e2e.sh
O=$T_DIR


t_ok "gen: 12 VMs x 300 slots, seed 5" \
	"$VMUX" gen --vms 12 --slots 300 --seed 5 -o "$O/a.csv"
t_grep "seed 5 -> .*a.csv" "$O/out" "gen: summary names seed and file"
t_ok "gen: the same again into another file" \
	"$VMUX" gen --vms 12 --slots 300 --seed 5 -o "$O/b.csv"
t_ok "gen: same seed, same bytes" cmp "$O/a.csv" "$O/b.csv"
t_ok "gen: seed 6" \
	"$VMUX" gen --vms 12 --slots 300 --seed 6 -o "$O/c.csv"
t_exit 1 "gen: another seed, other bytes" cmp -s "$O/a.csv" "$O/c.csv"
t_eq "gen: one header and 12 x 300 rows" "$(wc -l < "$O/a.csv" | tr -d ' ')" 3601
t_eq "gen: header time,vm,cpu" "$(head -1 "$O/a.csv")" "time,vm,cpu"
t_eq "gen: 12 distinct VMs" \
	"$(tail -n +2 "$O/a.csv" | cut -d, -f2 | sort -u | wc -l | tr -d ' ')" 12
t_eq "gen: first row at the default start, 2024-01-01 UTC" \
	"$(sed -n 2p "$O/a.csv" | cut -d, -f1,2)" "1704067200,vm0000"
t_eq "gen: every cpu value a number >= 0 with 4 decimals" \
	"$(tail -n +2 "$O/a.csv" | grep -cvE '^[0-9]+,vm[0-9]{4},[0-9]+\.[0-9]{4}$')" 0
t_grep '^seed=5$' "$O/a.csv.meta" "gen: the seed is in FILE.meta"
t_eq "gen: FILE.meta names the version and build" \
	"vmux $(sed -n 's/^vmux_version=//p' "$O/a.csv.meta") (build $(sed -n \
	's/^vmux_build=//p' "$O/a.csv.meta"))" "$("$VMUX" version)"
t_grep '^command=vmux gen --vms 12 --slots 300 --step 300 --start 1704067200 --seed 5 --resources cpu -o ' \
	"$O/a.csv.meta" "gen: FILE.meta has the full command"

# The output ingests cleanly: no repair warning, one row per VM, all samples.
t_ok "gen: output ingests (vmux size)" \
	"$VMUX" size "$O/a.csv" --percentile 95 --csv
t_eq "gen: no warning from the ingest" "$(wc -c < "$O/err" | tr -d ' ')" 0
t_eq "gen: size sees 12 VMs of 300 samples" \
	"$(tail -n +2 "$O/out" | cut -d, -f2 | sort | uniq -c | tr -s ' ')" " 12 300"

t_ok "gen: cpu,mem, step 60, start 0" \
	"$VMUX" gen --vms 3 --slots 5 --step 60 --start 0 --seed 1 \
	--resources cpu,mem -o "$O/m.csv"
t_eq "gen: header time,vm,cpu,mem" "$(head -1 "$O/m.csv")" "time,vm,cpu,mem"
t_eq "gen: last row at 4 x 60 s" "$(tail -1 "$O/m.csv" | cut -d, -f1,2)" "240,vm0002"
t_eq "gen: every mem value a number > 0 with 2 decimals" \
	"$(tail -n +2 "$O/m.csv" | awk -F, '!($4 ~ /^[0-9]+\.[0-9][0-9]$/ && $4 > 0)' | wc -l | tr -d ' ')" 0
t_ok "gen: cpu,mem output ingests" "$VMUX" size "$O/m.csv" --resource mem --csv

# -o -: the CSV on stdout, the seed on stderr.
t_ok "gen: -o - writes to stdout" \
	"$VMUX" gen --vms 2 --slots 3 --seed 9 -o -
t_eq "gen: -o - gives header and 6 rows" "$(wc -l < "$O/out" | tr -d ' ')" 7
t_grep '^seed=9$' "$O/err" "gen: -o - puts the seed on stderr"
"$VMUX" gen --vms 12 --slots 300 --seed 5 -o - > "$O/d.csv" 2>/dev/null
t_ok "gen: -o - gives the same bytes as a file" cmp "$O/a.csv" "$O/d.csv"

# Usage errors name the option.
t_ok "gen: --help" "$VMUX" gen --help
for o in --vms --slots --step --start --seed --resources -o; do
	t_grep "^ +$o " "$O/out" "gen: --help lists $o"
done
t_exit 2 "gen: missing --seed" "$VMUX" gen --vms 2 --slots 3 -o "$O/x.csv"
t_grep "'--seed'" "$O/err" "gen: missing --seed is named"
t_exit 2 "gen: missing --vms" "$VMUX" gen --slots 3 --seed 1 -o "$O/x.csv"
t_grep "'--vms'" "$O/err" "gen: missing --vms is named"
t_exit 2 "gen: missing -o" "$VMUX" gen --vms 2 --slots 3 --seed 1
t_exit 2 "gen: --vms 0" "$VMUX" gen --vms 0 --slots 3 --seed 1 -o "$O/x.csv"
t_exit 2 "gen: --vms abc" "$VMUX" gen --vms abc --slots 3 --seed 1 -o "$O/x.csv"
t_grep "'--vms'" "$O/err" "gen: --vms abc is named"
t_exit 2 "gen: --step -1" "$VMUX" gen --vms 2 --slots 3 --step -1 --seed 1 -o "$O/x.csv"
t_grep "'?--step" "$O/err" "gen: --step -1 is named"
t_exit 2 "gen: --start -5" "$VMUX" gen --vms 2 --slots 3 --start -5 --seed 1 -o "$O/x.csv"
t_exit 2 "gen: --seed -1" "$VMUX" gen --vms 2 --slots 3 --seed -1 -o "$O/x.csv"
t_exit 2 "gen: --resources disk" "$VMUX" gen --vms 2 --slots 3 --seed 1 --resources cpu,disk -o "$O/x.csv"
t_grep "'--resources'" "$O/err" "gen: --resources disk is named"
# A resource named twice or an empty item ran (gen --resources cpu,cpu
# wrote a cpu trace, cpu,,mem a cpu,mem one): a usage error naming it.
t_exit 2 "gen: --resources cpu,cpu" "$VMUX" gen --vms 2 --slots 3 --seed 1 --resources cpu,cpu -o "$O/x.csv"
t_grep "option '--resources': 'cpu' is named twice" "$O/err" "... the repeat is named"
t_exit 2 "gen: --resources cpu,,mem" "$VMUX" gen --vms 2 --slots 3 --seed 1 --resources cpu,,mem -o "$O/x.csv"
t_grep "option '--resources': 'cpu,,mem': item 2 is empty" "$O/err" "... the empty item is named"
t_exit 2 "gen: --resources cpu," "$VMUX" gen --vms 2 --slots 3 --seed 1 --resources cpu, -o "$O/x.csv"
t_exit 2 "gen: --resources mem (no cpu)" "$VMUX" gen --vms 2 --slots 3 --seed 1 --resources mem -o "$O/x.csv"
# One slot wrote a trace of one time, whose step no reader can tell
# (size and plan refused it without --step, frontier and report always):
# refused as out of the range the help shows, which says why (the help
# showed [1, inf) while 1 was refused after parsing).
t_exit 2 "gen: --slots 1" "$VMUX" gen --vms 2 --slots 1 --seed 1 -o "$O/x.csv"
t_grep "^vmux gen: option '--slots': '1' is out of range \\[2, inf)" \
	"$O/err" "... out of the range the help shows"
"$VMUX" gen --help >"$O/help" 2>&1
t_grep "^  --slots T  .*read from the gaps\$" "$O/help" "gen --help: why --slots is 2 or more"
t_grep "between its times: one sample has none) \\[in \\[2, inf)\\]\$" "$O/help" \
	"... and the range shown is the one enforced, [2, inf)"
t_ok "gen: --slots 2" "$VMUX" gen --vms 2 --slots 2 --seed 1 -o "$O/s2.csv"
t_ok "... which size reads" "$VMUX" size "$O/s2.csv"
t_exit 2 "gen: an unknown option" "$VMUX" gen --vms 2 --slots 3 --seed 1 --bogus -o "$O/x.csv"
t_exit 2 "gen: a stray argument" "$VMUX" gen --vms 2 --slots 3 --seed 1 -o "$O/x.csv" extra
t_eq "gen: usage errors leave no file" "$(ls "$O" | grep -c '^x\.csv')" 0

# Times past the readers' limit (1e11 s): --start in milliseconds wrote a
# trace that every command refused (exit 65); it is a usage error. The
# last sample exactly at the limit reads back: 1e11 - 2 x 300 = 99999999400.
t_exit 2 "gen: --start in milliseconds (past 1e11 s)" \
	"$VMUX" gen --vms 2 --slots 3 --seed 1 --start 1704067200000 -o "$O/x.csv"
t_grep "1e11 s" "$O/err" "gen: the time limit is named"
t_exit 2 "gen: last time 1e11 + 300 s" \
	"$VMUX" gen --vms 2 --slots 4 --seed 1 --start 99999999400 -o "$O/x.csv"
t_eq "gen: no file past the limit" "$(ls "$O" | grep -c '^x\.csv')" 0
t_ok "gen: last time exactly 1e11 s" \
	"$VMUX" gen --vms 2 --slots 3 --seed 1 --start 99999999400 -o "$O/lim.csv"
t_eq "gen: its last row at 1e11 s" "$(tail -1 "$O/lim.csv" | cut -d, -f1)" 100000000000
t_ok "gen: a trace ending at the limit reads back" "$VMUX" size "$O/lim.csv" --csv

# A --step too fine for the times' magnitude wrote a trace every command
# refused ("1704067200.02 is not on the slot grid", or duplicate times at
# 1e-9 s): the readers hold a step in microseconds and each time within
# 1e-6 of a step; gen refuses what they could not read back.
for bad in "1704067200 0.01" "1704067200 1e-9" "0 1.5e-6" "50000000000 3.7"; do
	set -- $bad
	t_exit 2 "gen: --start $1 --step $2" \
		"$VMUX" gen --vms 2 --slots 500 --seed 1 --start $1 --step $2 -o "$O/x.csv"
	t_grep "vmux gen: --step is too fine for the sample times" "$O/err" "... the step is named"
done
t_eq "gen: no file of a step too fine" "$(ls "$O" | grep -c '^x\.csv')" 0
for good in "1704067200 0.1" "0 0.01" "50000000000 300"; do
	set -- $good
	t_ok "gen: --start $1 --step $2" \
		"$VMUX" gen --vms 2 --slots 500 --seed 1 --start $1 --step $2 -o "$O/fine.csv"
	t_ok "... reads back" "$VMUX" size "$O/fine.csv" --csv
done

# An output folder that does not exist: I/O error naming the path.
t_exit 74 "gen: unwritable output exits 74" \
	"$VMUX" gen --vms 2 --slots 3 --seed 1 -o "$O/nope/x.csv"
t_grep "nope/x.csv" "$O/err" "gen: the I/O error names the path"
t_done

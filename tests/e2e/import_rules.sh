#!/bin/sh
# End-to-end tests of the rules that keep `vmux import` and the ingest from
# inventing data, on the real samples bundled in traces/: gaps over 1 hour
# are absences (PlanetLab days three days apart, Bitbrains outages under an
# hour held). Every expected count is computed here from the raw files with
# awk, independently of vmux. Run from the repository root.
. tests/common/e2e.sh
T=traces
O=$T_DIR


# --- Gap rule, PlanetLab: the bundled days 2011-03-03, -06 and -09 are
# three days apart, so each VM has two gaps of two days (576 slots).
P=$T/planetlab
t_ok "planetlab: import three non-consecutive days" \
	"$VMUX" import planetlab "$P" -o "$O/pl.csv"
t_ok "planetlab: the trace ingests" "$VMUX" size "$O/pl.csv" --csv -o "$O/pl.size"
# Per VM: the days it has, in order; a gap is the time between one file's
# last line and the next file's first, in slots, absent if over 12.
want=$(for d in "$P"/2011*; do
	day=$(basename "$d")
	for f in "$d"/*; do
		printf '%s\t%s\t%s\n' "$(basename "$f")" \
			"$(date -u -d "$day" +%s)" "$(wc -l < "$f")"
	done
done | sort -t "$(printf '\t')" -k1,1 -k2,2n | awk -F'\t' '
	$1 == vm { miss = ($2 - end) / 300
		if (miss > 12) { g++; s += miss } else h += miss }
	{ vm = $1; end = $2 + 300 * $3 }
	END { printf "%d slot.s. in %d gap.s.", s, g }')
t_grep "$want longer than 3600 s set to 0 .VM absent." "$O/err" \
	"planetlab: missing days counted as absences ($want)"
# 2011-03-04 00:00 to 2011-03-06 00:00 UTC: no VM was measured, so no VM
# demands anything (the old rule held each VM's last value of the 3rd).
t_ok "planetlab: size over the missing days" "$VMUX" size "$O/pl.csv" \
	--from 1299196800 --to 1299369600 --csv -o "$O/gap.size"
t_eq "planetlab: every VM's peak over the missing days is 0" \
	"$(awk -F, 'NR > 1 && $4 != 0' "$O/gap.size" | wc -l | tr -d ' ')" 0
t_eq "planetlab: ... for all 135 VMs" \
	"$(tail -n +2 "$O/gap.size" | wc -l | tr -d ' ')" \
	"$(ls "$P/20110303" | wc -l | tr -d ' ')"

# --- Gap rule, Bitbrains week: its outages (40-55 min) are under the
# limit and held; none is an absence.
B=$T/bitbrains-rnd/2013-7
t_ok "bitbrains: import the week" "$VMUX" import bitbrains "$B" -o "$O/bb.csv"
t_ok "bitbrains: the trace ingests" "$VMUX" size "$O/bb.csv"
want=$(awk -F';' 'FNR > 1 { k = int(($1 + 150) / 300); s[FILENAME, k] = 1 }
	END { for (x in s) { split(x, p, SUBSEP); print p[1], p[2] } }' \
	"$B"/*.csv | sort -k1,1 -k2,2n | awk '
	$1 == f { miss = $2 - k - 1
		if (miss > 12) { g++; a += miss } else h += miss }
	{ f = $1; k = $2 }
	END { printf "%d slot.s. inside a VM.s span had no sample .held the previous one, gaps up to 3600 s.; %d slot.s. in %d gap", h, a, g }')
t_grep "$want" "$O/err" "bitbrains: outages under 1 h held, longer absent"
t_done

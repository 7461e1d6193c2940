#!/bin/sh
# End-to-end tests of `vmux size` on the bundled real traces (imported to
# canonical CSV first): human summary, --csv, -o, --percentile, --resource,
# --group, --from/--to, --help, usage errors (exit 2), bad data (exit 65),
# a missing file (exit 74). Run from the repository root.
#
# Expected numbers were computed independently with this python3 (standard
# library only) on the imported CSVs, applying the ingest's gap rule itself
# (hold the previous sample inside a VM's span, 0 outside) and the
# percentile definition (k = floor((100 - P) / 100 * n) intervals may
# exceed; capacity = the (n - k)-th smallest):
#
#   import csv, math
#   rows = list(csv.DictReader(open(PATH)))
#   step = 300.0
#   start = min(float(r['time']) for r in rows)
#   ns = int(round((max(float(r['time']) for r in rows) - start) / step)) + 1
#   def series(vm, res):
#       obs = {int(round((float(r['time']) - start) / step)): float(r[res])
#              for r in rows if r['vm'] == vm}
#       x, prev = [], 0.0
#       for s in range(ns):
#           if s in obs: prev = obs[s]; x.append(prev)
#           elif min(obs) < s < max(obs): x.append(prev)
#           else: x.append(0.0)
#       return x
#   def cap(x, p):
#       k = math.floor((100 - p) / 100 * len(x) + 1e-9)
#       return sorted(x)[len(x) - 1 - min(k, len(x) - 1)]
#
# Bitbrains (bb.csv, 20 VMs, 2017 slots):
#   rnd-1 cpu: 2006 rows, mean 0.26133578865, peak 0.7, P95 0.2746666667
#   rnd-1 mem P90 1179.646354
#   rnd-9 cpu P95 0.2406666667; rnd-1 + rnd-9 joint P95 0.512,
#     saving 1 - 0.512 / 0.5153333334 = 0.0064683054
#   all 20 VMs, P95: sum of sizes 0.858666666734, joint 0.7786666667,
#     saving 0.0931677
#   first day only (slots 0..287, --from 1374616800 --to 1374703200):
#     sum 0.853333333329, joint 0.786000000037, saving 0.0789062
# PlanetLab 2011-03-03 (pl.csv, 135 VMs, 288 slots):
#   all VMs, P95: sum 30.41, joint 18.92, saving 0.3778362
#   the first 4 VM names in sorted order, P99: sum 1.54, joint 1.02,
#     saving 0.3376623
. tests/common/e2e.sh
O=$T_DIR

field() { # FILE KEY COLUMN: column of the CSV row whose first field is KEY
	awk -F, -v k="$2" -v c="$3" '$1 == k { print $c }' "$1"; }

"$VMUX" import bitbrains traces/bitbrains-rnd/2013-7 -o "$O/bb.csv" >/dev/null 2>&1
t_ok "import bitbrains for sizing" test -s "$O/bb.csv"
"$VMUX" import planetlab traces/planetlab/20110303 -o "$O/pl.csv" >/dev/null 2>&1
t_ok "import planetlab for sizing" test -s "$O/pl.csv"

# --- Human summary.
t_ok "size bitbrains" "$VMUX" size "$O/bb.csv"
t_grep '^20 VMs, cpu at P95 over 2017 slots of 300 s, sizes in cores$' "$O/out" \
	"summary: VMs, resource, level, slots, step"
t_grep '^sum of individual sizes 0\.8587, all VMs together 0\.7787 \(saving 9\.3%\)$' \
	"$O/out" "summary: all-VM saving matches python"
t_grep "warning: .*bb\.csv: 184 slots inside" "$O/err" \
	"gap repairs are counted in a warning"
t_ok "size planetlab" "$VMUX" size "$O/pl.csv"
t_grep '^sum of individual sizes 30\.4100, all VMs together 18\.9200 \(saving 37\.8%\)$' \
	"$O/out" "planetlab: all-VM saving matches python"

# --- Per-VM CSV.
t_ok "size --csv" "$VMUX" size "$O/bb.csv" --csv
cp "$O/out" "$O/p95.csv"
t_eq "--csv header" "$(head -1 "$O/p95.csv")" "vm,samples,mean,peak,capacity"
t_eq "--csv: one row per VM" "$(tail -n +2 "$O/p95.csv" | wc -l | tr -d ' ')" 20
t_eq "rnd-1 samples" "$(field "$O/p95.csv" rnd-1 2)" 2006
t_near "rnd-1 mean matches python" "$(field "$O/p95.csv" rnd-1 3)" 0.26133578865 1e-6
t_near "rnd-1 peak matches python" "$(field "$O/p95.csv" rnd-1 4)" 0.7 1e-9
t_near "rnd-1 P95 matches python" "$(field "$O/p95.csv" rnd-1 5)" 0.2746666667 1e-6
awk -F, 'NR > 1 && $5 > $4 { bad = 1 } END { exit bad }' "$O/p95.csv"
t_report $? "P95 capacity never above the peak"
# P is in (0, 100) for every command; with fewer than 10,000 samples P99.99
# allows floor(0.0001 n) = 0 slots above the size: the size is the peak.
t_exit 2 "size --percentile 100: the range excludes 100" \
	"$VMUX" size "$O/bb.csv" --percentile 100 --csv
t_grep "'100' is out of range \(0, 100\)" "$O/err" "... and says the range"
t_ok "size --percentile 99.99" "$VMUX" size "$O/bb.csv" --percentile 99.99 --csv
awk -F, 'NR > 1 && ($2 >= 10000 || $5 != $4) { bad = 1 }
	END { exit bad || NR != 21 }' "$O/out"
t_report $? "P99.99 capacity = peak for every VM (each under 10,000 samples)"
t_ok "size --percentile 50" "$VMUX" size "$O/bb.csv" --percentile 50 --csv
awk -F, 'NR == FNR { c[$1] = $5; next } FNR > 1 && $5 > c[$1] { bad = 1 }
	END { exit bad }' "$O/p95.csv" "$O/out"
t_report $? "P50 capacity never above P95"

# --- Other resources.
t_ok "size --resource mem --percentile 90" \
	"$VMUX" size "$O/bb.csv" --resource mem --percentile 90 --csv
t_near "rnd-1 mem P90 matches python" "$(field "$O/out" rnd-1 5)" 1179.646354 0.01
t_ok "size --resource disk" "$VMUX" size "$O/bb.csv" --resource disk
t_grep '^20 VMs, disk at P95' "$O/out" "summary names the resource"
t_exit 65 "--resource net on a cpu-only trace: exit 65" \
	"$VMUX" size "$O/pl.csv" --resource net
t_grep "pl\.csv:1: field 'net': " "$O/err" "... naming file, line and field"

# --- Groups.
t_ok "size --group" "$VMUX" size "$O/bb.csv" --group rnd-1,rnd-9 \
	--group rnd-5,rnd-12,rnd-19 --csv
cp "$O/out" "$O/groups.csv"
t_eq "--group header" "$(head -1 "$O/groups.csv")" \
	"group,members,sum_individual,joint,saving"
t_eq "one row per group" "$(tail -n +2 "$O/groups.csv" | wc -l | tr -d ' ')" 2
t_eq "group row (quoted name, members)" \
	"$(sed -n 2p "$O/groups.csv" | cut -d, -f1-3)" '"rnd-1,rnd-9",2'
g=$(sed -n 2p "$O/groups.csv" | cut -d, -f4-)
t_near "group sum_individual matches python" "${g%%,*}" 0.5153333334 1e-5
g=${g#*,}
t_near "group joint matches python" "${g%%,*}" 0.512 1e-6
t_near "group saving matches python" "${g#*,}" 0.0064683054 1e-6
# sum_individual = the members' own capacities; saving = 1 - joint / sum.
want=$(awk -F, '$1 == "rnd-5" || $1 == "rnd-12" || $1 == "rnd-19" { s += $5 }
	END { print s }' "$O/p95.csv")
g=$(sed -n 3p "$O/groups.csv" | sed 's/^"[^"]*",//')
t_near "sum_individual = sum of the per-VM capacities" \
	"$(echo "$g" | cut -d, -f2)" "$want" 1e-5
t_near "saving = 1 - joint / sum_individual" "$(echo "$g" | cut -d, -f4)" \
	"$(echo "$g" | awk -F, '{ print 1 - $3 / $2 }')" 1e-5
t_ok "size --group, human form" "$VMUX" size "$O/bb.csv" --group rnd-1,rnd-9
t_grep '^rnd-1,rnd-9 +2 +0\.5153 +0\.5120 +0\.6%$' "$O/out" \
	"group table row"
t_eq "... under a line naming the resource, level and unit" \
	"$(head -1 "$O/out")" "1 group, cpu at P95, sizes in cores"
# mem is in MiB (Bitbrains' KB / 1024, traces/README.md).
t_ok "size --group --resource mem" "$VMUX" size "$O/bb.csv" --resource mem \
	--group rnd-1,rnd-9 --group rnd-5
t_eq "... its unit MiB" "$(head -1 "$O/out")" "2 groups, mem at P95, sizes in MiB"
t_ok "size --resource net" "$VMUX" size "$O/bb.csv" --resource net
t_grep '^20 VMs, net at P95 over 2017 slots of 300 s, sizes in KiB/s$' \
	"$O/out" "... net in KiB/s"
# README's example table (section "Sizing") is the real output.
"$VMUX" size "$O/bb.csv" --percentile 99 --group rnd-1,rnd-9 \
	--group rnd-5,rnd-12,rnd-19 >"$O/readme.txt" 2>/dev/null
t_eq "README's --group table is the real one" \
	"$(awk '/^    \$ vmux size rnd.csv --percentile 99 --group/ { f = 1; next }
		f && /^    [^$]/ { print substr($0, 5); next } { f = 0 }' README.md)" \
	"$(cat "$O/readme.txt")"
# A group longer than the header's "group": the columns still line up
# (every column is right-aligned after the group's: every line is as long).
"$VMUX" size "$O/bb.csv" --group rnd-1,rnd-9,rnd-5,rnd-12,rnd-19,rnd-3,rnd-4,rnd-6 \
	--group rnd-1 >"$O/wide" 2>/dev/null
t_eq "group table: columns aligned for long groups" \
	"$(tail -n +2 "$O/wide" | awk '{ print length($0) }' | sort -u |
		wc -l | tr -d ' ')" 1
PL4=146-179_surfsnel_dsl_internl_net_colostate_557,146-179_surfsnel_dsl_internl_net_uw_oneswarm,75-130-96-12_static_oxfr_ma_charter_com_root,aladdin_planetlab_extranet_uni-passau_de_tsinghua_xyz
t_ok "planetlab group at P99" "$VMUX" size "$O/pl.csv" --percentile 99 \
	--group "$PL4" --csv
t_eq "planetlab group matches python" "$(sed -n 2p "$O/out" | sed 's/^"[^"]*",//')" \
	"4,1.54,1.02,0.3376623377"
t_exit 65 "--group with an unknown VM: exit 65" \
	"$VMUX" size "$O/bb.csv" --group rnd-1,rnd-2 --group rnd-1,nope --csv
t_grep "option '--group': no VM 'nope'" "$O/err" "... naming the option and VM"
t_eq "... and nothing on standard output" "$(wc -c < "$O/out" | tr -d ' ')" 0

# --- A group is a CSV record of VM names, read as the trace reads its vm
# field: a name with a comma quoted, spaces around a name dropped; a VM
# named twice in one group is a usage error. g.csv, 4 slots; by hand at
# P75 (k = floor(0.25 x 4) = 1 slot may exceed: the 3rd smallest):
#   web,eu 1 2 3 4 -> 3;  b c 4 3 2 1 -> 3;  é 1 1 1 5 -> 1
#   web,eu + b c = 5 5 5 5 -> 5: sum 6, saving 1 - 5/6 = 0.1666666667
#   é + b c = 5 4 3 6 -> 5: sum 4, saving 1 - 5/4 = -0.25
printf '%s\n' time,vm,cpu '0,"web,eu",1' '300,"web,eu",2' '600,"web,eu",3' \
	'900,"web,eu",4' '0,b c,4' '300,b c,3' '600,b c,2' '900,b c,1' \
	'0,é,1' '300,é,1' '600,é,1' '900,é,5' >"$O/g.csv"
t_ok "--group with a quoted name holding a comma, and spaces around names" \
	"$VMUX" size "$O/g.csv" --percentile 75 --group '"web,eu",b c' \
	--group 'é, b c' --group ' é ,	"b c" ' --csv
python3 -c 'import csv, sys
for r in list(csv.reader(open(sys.argv[1])))[1:]: print("|".join(r))' \
	"$O/out" >"$O/g.rows"
t_eq "... each group sized as by hand, named by its names as a CSV record" \
	"$(cat "$O/g.rows")" '"web,eu",b c|2|6|5|0.1666666667
é,b c|2|4|5|-0.25
é,b c|2|4|5|-0.25'
# The human table pads the group column by display width, not bytes: 'é'
# is two bytes and one column, so every line is as many characters long.
t_ok "--group é, human form" "$VMUX" size "$O/g.csv" --percentile 75 \
	--group 'é,b c' --group 'b c,"web,eu"'
t_eq "... group column padded by characters, not bytes" \
	"$(python3 -c 'import sys
print(len({len(l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8").readlines()[1:]}))' \
	"$O/out")" 1
t_grep '^é,b c    ' "$O/out" "... 'é,b c' padded to the widest group's 9 columns"
# A name holding a tab or a line break (a quoted CSV field) is written
# with the byte as \xNN: each group stays one line of the table.
printf '%s\n' time,vm,cpu '0,"a	b",1' '300,"a	b",2' '0,"c' 'd",1' '300,"c' 'd",1' \
	'0,e,1' '300,e,1' >"$O/ctl.csv"
t_ok "--group names with a tab and a line break, human form" "$VMUX" size \
	"$O/ctl.csv" --group '"a	b",e' --group '"c
d",e'
t_eq "... one line per group, the bytes written as \\xNN" \
	"$(tail -n +2 "$O/out" | cut -c1-11)" \
	'group      
a\x09b,e   
"c\x0ad",e '
t_eq "... the columns line up" \
	"$(tail -n +2 "$O/out" | awk '{ print length($0) }' | sort -u | wc -l |
		tr -d ' ')" 1
t_exit 2 "--group a VM twice: exit 2" "$VMUX" size "$O/g.csv" --group 'b c,é,b c'
t_grep "option '--group': 'b c,é,b c' names VM 'b c' twice" "$O/err" \
	"... naming the VM"
t_exit 2 "--group a VM twice, once with spaces around it: exit 2" \
	"$VMUX" size "$O/g.csv" --group '"web,eu", "web,eu" '
t_grep "names VM 'web,eu' twice" "$O/err" "... naming the VM"
t_exit 2 "--group with an empty name: exit 2" "$VMUX" size "$O/g.csv" --group 'é,,b c'
t_grep "option '--group': 'é,,b c': an empty name" "$O/err" "... saying so"
t_exit 2 "--group with an open quote: exit 2" "$VMUX" size "$O/g.csv" --group '"web,eu'
t_grep "without its closing quote" "$O/err" "... saying so"
t_exit 65 "--group: a comma outside quotes splits names" \
	"$VMUX" size "$O/g.csv" --group 'web,eu'
t_grep "option '--group': no VM 'web' in" "$O/err" "... naming the first part"

# --- Window.
t_ok "size --from --to (first day)" "$VMUX" size "$O/bb.csv" \
	--from 1374616800 --to 1374703200
t_grep 'over 288 slots' "$O/out" "window of 86400 s = 288 slots"
t_grep '^sum of individual sizes 0\.8533, all VMs together 0\.7860 \(saving 7\.9%\)$' \
	"$O/out" "window sizes match python"
t_exit 65 "a window holding no slot: exit 65" \
	"$VMUX" size "$O/bb.csv" --from 2000000000

# --- -o FILE.
mkdir "$O/outdir"
t_ok "size -o FILE" "$VMUX" size "$O/bb.csv" -o "$O/outdir/sizes.csv"
t_ok "-o writes what --csv prints" cmp "$O/outdir/sizes.csv" "$O/p95.csv"
t_eq "-o leaves no temporary file" "$(ls -A "$O/outdir")" "sizes.csv"
# --csv (CSV on stdout) with -o FILE: the file was written and --csv
# dropped without a word; now a usage error naming both, nothing written.
t_exit 2 "--csv with -o FILE: exit 2" \
	"$VMUX" size "$O/bb.csv" --csv -o "$O/outdir/both.csv"
t_grep "options '--csv' and '-o' exclude each other" "$O/err" \
	"... naming both options"
t_ok "... and nothing written" test ! -e "$O/outdir/both.csv"
t_eq "... nor printed" "$(wc -c <"$O/out")" 0

# --- Big values are written whole (10 significant digits, as the
# canonical CSV): %.6g printed 1048576 MiB as 1.04858e+06.
printf 'time,vm,cpu,mem\n0,a,1,1048576\n300,a,1,1048577\n0,b,0.5,3\n300,b,0.25,4\n' \
	>"$O/big.csv"
t_ok "size --csv of MiB in the millions" \
	"$VMUX" size "$O/big.csv" --resource mem --csv
t_eq "... mean, peak, capacity in full" "$(sed -n 2p "$O/out")" \
	"a,2,1048576.5,1048577,1048577"
t_ok "size --csv --group of MiB in the millions" \
	"$VMUX" size "$O/big.csv" --resource mem --group a,b -o "$O/bigg.csv"
t_eq "... sums in full" "$(sed -n 2p "$O/bigg.csv")" '"a,b",2,1048581,1048581,0'

# --- Explicit step.
t_exit 65 "--step 600 on a 300 s trace: exit 65" \
	"$VMUX" size "$O/bb.csv" --step 600
t_grep "bb\.csv:3: field 'time': 1374617100 is not on the slot grid" \
	"$O/err" "... naming the first time off the 600 s grid"
t_ok "--step 300 (the detected one) is accepted" \
	"$VMUX" size "$O/bb.csv" --step 300 --csv
cp "$O/out" "$O/step300.csv"
t_ok "... and gives the same sizes" cmp "$O/step300.csv" "$O/p95.csv"

# --- --help lists every option.
t_ok "size --help exits 0" "$VMUX" size --help
for o in --resource --percentile --group --step --from --to --csv '-o FILE' \
	'-h, --help'; do
	grep -qF -- "$o" "$O/out"; t_report $? "--help lists $o"
done
t_grep 'vm,samples,mean,peak,capacity' "$O/out" "--help names the CSV columns"

# --- Usage errors: exit 2, naming the option.
usage() { # NAME PATTERN ARGS...
	n=$1 p=$2; shift 2
	t_exit 2 "usage: $n" "$VMUX" size "$@"
	t_grep "$p" "$O/err" "usage: $n: message names it"
}
usage "no TRACE" 'missing TRACE'
usage "two TRACEs" 'one TRACE' "$O/bb.csv" "$O/pl.csv"
usage "--percentile 0" "'--percentile'" "$O/bb.csv" --percentile 0
usage "--percentile 101" "'--percentile'" "$O/bb.csv" --percentile 101
usage "--percentile abc" "'--percentile'" "$O/bb.csv" --percentile abc
usage "--percentile missing" 'percentile' "$O/bb.csv" --percentile
usage "--resource gpu" "'--resource'" "$O/bb.csv" --resource gpu
usage "--step 0" "'--step'" "$O/bb.csv" --step 0
usage "--step -300" "'--step'" "$O/bb.csv" --step -300
usage "--from abc" "'--from'" "$O/bb.csv" --from abc
usage "--to nan" "'--to'" "$O/bb.csv" --to nan
usage "--group ," "'--group'" "$O/bb.csv" --group ,
usage "unknown option" 'bogus' "$O/bb.csv" --bogus

# --- No VM needs any capacity (every value 0): the saving is 0/0,
# undefined. CSV cells are empty (as report's), the text says why (they
# said 0 and 0.0%).
printf 'time,vm,cpu\n0,a,0\n300,a,0\n0,b,0\n300,b,0\n' >"$O/zero.csv"
t_ok "size: idle VMs" "$VMUX" size "$O/zero.csv"
t_grep "^sum of individual sizes 0.0000, all VMs together 0.0000 \\(saving n/a: no VM needs any capacity\\)$" \
	"$O/out" "... the saving n/a, and why"
t_ok "size --group --csv: idle VMs" "$VMUX" size "$O/zero.csv" --group a,b --csv
t_eq "... the saving an empty cell" "$(tail -1 "$O/out")" '"a,b",2,0,0,'
t_ok "size --group: idle VMs" "$VMUX" size "$O/zero.csv" --group a,b
t_grep "^a,b +2 +0.0000 +0.0000 +n/a$" "$O/out" "... n/a in the table"
t_grep "^saving n/a: no VM of the group needs any capacity$" "$O/out" \
	"... and why"

# --- A missing trace: exit 74 naming it.
t_exit 74 "missing trace: exit 74" "$VMUX" size "$O/nonexistent.csv"
t_grep "nonexistent\.csv" "$O/err" "... naming the path"
t_done

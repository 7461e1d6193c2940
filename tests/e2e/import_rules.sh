#!/bin/sh
# End-to-end tests of the rules that keep `vmux import` and the ingest from
# inventing data, on the real samples bundled in traces/: gaps over 1 hour
# are absences (PlanetLab days three days apart, Bitbrains outages under an
# hour held); one Bitbrains VM over two month folders is one VM; memory 0
# while the CPU runs is named. Then hostile input (issue 16): the line
# limit, NUL bytes, /dev/zero, values past the store's limits, memory
# exhaustion; and the property that whatever an import writes, the ingest
# reads. Every expected count is computed here from the raw files with awk,
# independently of vmux. Run from the repository root.
. tests/common/e2e.sh
T=traces
O=$T_DIR


# --- Gap rule, PlanetLab: the bundled days 2011-03-03, -06 and -09 are
# three days apart, so each VM has two gaps of two days (576 slots).
P=$T/planetlab
t_ok "planetlab: import three non-consecutive days" \
	"$VMUX" import planetlab "$P" -o "$O/pl.csv"
t_ok "planetlab: the trace ingests" "$VMUX" size "$O/pl.csv" -o "$O/pl.size"
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
	END { printf "%d slot%s in %d gap%s", s, s == 1 ? "" : "s", g,
		g == 1 ? "" : "s" }')
t_grep "$want longer than 3600 s set to 0 .VM absent." "$O/err" \
	"planetlab: missing days counted as absences ($want)"
# 2011-03-04 00:00 to 2011-03-06 00:00 UTC: no VM was measured, so no VM
# has data there (the old rule held each VM's last value of the 3rd) and
# the window holds nothing to size (tests/e2e/gaps.sh: such slots are left
# out of every window).
t_exit 65 "planetlab: size over the missing days" "$VMUX" size "$O/pl.csv" \
	--from 1299196800 --to 1299369600 -o "$O/gap.size"
t_grep "holds no slot with data" "$O/err" \
	"planetlab: no VM has data over the missing days"

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
	END { printf "%d slot%s inside a VM.s span had no sample .held the previous one, gaps up to 3600 s.; %d slot%s in %d gap", h, h == 1 ? "" : "s", a, a == 1 ? "" : "s", g }')
t_grep "$want" "$O/err" "bitbrains: outages under 1 h held, longer absent"

# --- One Bitbrains VM over two month folders: the real rows of rnd-7 split
# at 2013-07-27 00:00 UTC into rnd/2013-7/7.csv and rnd/2013-8/7.csv import
# as one VM rnd-7, the same bytes as the whole file.
mkdir -p "$O/m/rnd/2013-7" "$O/m/rnd/2013-8" "$O/w/rnd/2013-7"
cp "$B/7.csv" "$O/w/rnd/2013-7/7.csv"
awk -F';' 'NR == 1 || $1 < 1374883200' "$B/7.csv" > "$O/m/rnd/2013-7/7.csv"
awk -F';' 'NR == 1 || $1 >= 1374883200' "$B/7.csv" > "$O/m/rnd/2013-8/7.csv"
t_ok "bitbrains: the whole file" \
	"$VMUX" import bitbrains "$O/w/rnd/2013-7" -o "$O/whole.csv"
t_ok "bitbrains: the same VM in two month folders" "$VMUX" import bitbrains \
	"$O/m/rnd/2013-8" "$O/m/rnd/2013-7" -o "$O/months.csv"
t_eq "bitbrains: two months give the whole file's rows" \
	"$(cksum < "$O/months.csv")" "$(cksum < "$O/whole.csv")"
t_grep "bitbrains: 1 VM, $(($(wc -l < "$O/whole.csv") - 1)) rows" "$O/out" \
	"bitbrains: ... as one VM rnd-7"
# The set's folder itself (rnd/, as the GWA-T-12 archive unpacks: rnd/2013-7,
# rnd/2013-8, ...) reads its month folders: the same VM, the same bytes (it
# exited 65, "'rnd' holds no Bitbrains .csv files"); a sub-folder that is
# no month is skipped and said so, and a folder with neither files nor
# month folders still exits 65, naming both.
mkdir -p "$O/m/rnd/notes" "$O/empty"
t_ok "bitbrains: the set's folder of month folders" "$VMUX" import bitbrains \
	"$O/m/rnd" -o "$O/set.csv"
t_eq "bitbrains: ... the rows of its two months" \
	"$(cksum < "$O/set.csv")" "$(cksum < "$O/whole.csv")"
t_grep "import bitbrains: 1 (entry|file|folder).* skipped" "$O/err" \
	"bitbrains: ... the folder that is no month said skipped"
t_exit 65 "bitbrains: a folder of neither exits 65" "$VMUX" import bitbrains \
	"$O/empty" -o "$O/x.csv"
t_grep "'.*empty' holds no Bitbrains .csv files nor month folders \(YYYY-M\) of them" \
	"$O/err" "bitbrains: ... naming both"
t_exit 65 "bitbrains: the same file twice exits 65" "$VMUX" import bitbrains \
	"$O/m/rnd/2013-7" "$O/m/rnd/2013-7/7.csv" -o "$O/x.csv"
t_grep "2013-7/7.csv:1: field '\(file\)': the same file" "$O/err" \
	"bitbrains: ... naming the file"

# --- Memory 0 while the CPU runs: real rnd-1 rows with Memory usage set
# to 0 in 3 rows of 4; rnd-2 as recorded. rnd-1 has no duplicated slot and
# no row with 0 cores, so its samples with cpu > 0 are its rows with usage
# > 0.
mkdir -p "$O/z/rnd"
awk 'BEGIN { FS = OFS = ";" } FNR > 1 && FNR % 4 { $7 = "\t0" } 1' \
	"$B/1.csv" > "$O/z/rnd/1.csv"
cp "$B/2.csv" "$O/z/rnd/2.csv"
t_ok "bitbrains: memory 0 in 3 rows of 4" \
	"$VMUX" import bitbrains "$O/z/rnd" -o "$O/z.csv"
want=$(awk -F';' 'FNR > 1 && $4 > 0 { n++; if ($7 == 0) z++ }
	END { printf "%d of its %d samples", z, n }' "$O/z/rnd/1.csv")
t_grep "import bitbrains: VM 'rnd-1': mem is 0 in $want with cpu > 0" \
	"$O/err" "bitbrains: the VM without memory data is named ($want)"
t_eq "bitbrains: a VM with memory data is not" \
	"$(grep -c "VM 'rnd-2'" "$O/err")" 0
t_grep "; 1 VM with no memory data" "$O/out" \
	"bitbrains: the summary counts it"
t_ok "bitbrains: the real week" "$VMUX" import bitbrains "$B" -o "$O/x.csv"
t_eq "bitbrains: ... has no VM without memory data" \
	"$(cat "$O/out" "$O/err" | grep -c "memory data\|unmeasured")" 0

# --- The line limit: /dev/zero-like input fails on it at once, in every
# format, without reading on; a long line of digits names its line.
mkdir -p "$O/big/20110303"
head -c 100M /dev/zero > "$O/big/zero"
cp "$O/big/zero" "$O/big/20110303/vm"
# A plain build starts in 200 MB of address space; a sanitizer build
# reserves terabytes and uses far more memory: no memory checks there.
plain=0
sh -c 'ulimit -v 200000; "$0" version; exit $?' \
	"$VMUX" >/dev/null 2>&1 && plain=1
rss() { # CMD...: run it, its peak RSS in KB into $O/rss (0 if unknown)
	echo 0 > "$O/rss"
	if [ -x /usr/bin/time ] && [ $plain = 1 ]; then
		/usr/bin/time -f %M -o "$O/rss" "$@"
	else "$@"; fi; }
for f in planetlab:"$O/big/20110303" bitbrains:"$O/big/zero" \
	azure:"$O/big/zero" alibaba:"$O/big/zero"; do
	t_exit 65 "${f%%:*}: 100 MB of NUL bytes exits 65" \
		rss "$VMUX" import "${f%%:*}" "${f#*:}" -o "$O/x.csv"
	t_grep ":1: field '\\(row\\)': line longer than 1048576 bytes" "$O/err" \
		"${f%%:*}: ... on the line limit, at line 1"
	t_eq "${f%%:*}: ... within 64 MB (peak RSS, KB; 0 = not measured)" \
		"$(tail -1 "$O/rss" | awk '{ print ($1 < 65536) }')" 1
done
{ head -100 "$P/20110303/$(ls "$P/20110303" | head -1)"
  head -c 2000000 /dev/zero | tr '\0' 7; echo; } > "$O/big/20110303/vm"
t_exit 65 "planetlab: a 2 MB line exits 65" \
	"$VMUX" import planetlab "$O/big/20110303" -o "$O/x.csv"
t_grep "20110303/vm:101: field '\\(row\\)': line longer" "$O/err" \
	"planetlab: ... naming its line"

# --- A NUL byte in a field, in every format and side file: exit 65 at its
# line (before, '12<NUL>abc' read as 12).
mkdir -p "$O/nul/20110303" "$O/nul/rnd"
nul() { # SRC LINE DEST: SRC with a NUL byte after the 2nd byte of LINE
	awk -v l="$2" 'NR == l { printf "%s%c%s\n", substr($0, 1, 2), 0,
		substr($0, 3); next } 1' "$1" > "$3"; }
nul "$P/20110303/$(ls "$P/20110303" | head -1)" 7 "$O/nul/20110303/vm"
nul "$B/1.csv" 5 "$O/nul/rnd/1.csv"
nul "$T/azure/vm_cpu_readings_sample.csv" 3 "$O/nul/az.csv"
nul "$T/azure/vmtable_sample.csv" 2 "$O/nul/vmtable.csv"
nul "$T/alibaba2018/machine_usage.csv" 10 "$O/nul/al.csv"
nul "$T/alibaba2018/machine_meta.csv" 4 "$O/nul/meta.csv"
A="$T/azure/vm_cpu_readings_sample.csv" L="$T/alibaba2018/machine_usage.csv"
for c in "planetlab nul/20110303/vm:7 $O/nul/20110303" \
	"bitbrains nul/rnd/1.csv:5 $O/nul/rnd" \
	"azure nul/az.csv:3 $O/nul/az.csv" \
	"azure nul/vmtable.csv:2 $A --vmtable $O/nul/vmtable.csv" \
	"alibaba nul/al.csv:10 $O/nul/al.csv" \
	"alibaba nul/meta.csv:4 $L --meta $O/nul/meta.csv"; do
	set -- $c
	fmt=$1 at=$2
	shift 2
	t_exit 65 "$fmt: a NUL byte in $at exits 65" \
		"$VMUX" import "$fmt" "$@" -o "$O/x.csv"
	t_grep "$at: field '\\(row\\)': NUL byte at byte 3" "$O/err" \
		"$fmt: ... naming the line"
done
[ -n "$(od -An -c "$O/nul/az.csv" | grep -F '\0')" ]
t_report $? "the NUL files hold a NUL byte"

# --- Values past the store's limits (issue 16, defect 6): the import
# either fails naming the INPUT's file and line, or writes what the ingest
# reads. Each case edits one field of a real sample.
mkdir -p "$O/h/20110303" "$O/h/rnd"
edit() { # SRC FS LINE FIELD VALUE DEST
	awk -v l="$3" -v f="$4" -v v="$5" 'BEGIN { FS = OFS = "'"$2"'" }
		NR == l { $f = v } 1' "$1" > "$6"; }
hostile() { # NAME WANT(0|65) FILE:LINE|- FORMAT ARGS...
	name=$1 want=$2 at=$3
	shift 3
	"$VMUX" import "$@" -o "$O/h.csv" >"$O/out" 2>"$O/err"
	rc=$?
	# the Azure samples are all at one time: no step to detect, so the
	# readings' 5 minutes are given (plan, size, evaluate refuse it else)
	step=
	[ "$1" = azure ] && step="--step 300"
	if [ $rc -eq 0 ]; then
		# shellcheck disable=SC2086
		"$VMUX" size "$O/h.csv" $step >/dev/null 2>"$O/err2"
		ok=$?
	else
		grep -qF "$at: field '" "$O/err"
		ok=$?
	fi
	[ $rc -eq "$want" ] && [ $ok -eq 0 ]
	t_report $? "hostile: $name" "exit $rc, wanted $want at $at: $(head -c 300 "$O/err" "$O/err2" 2>/dev/null)"
}
PF="$P/20110303/$(ls "$P/20110303" | head -1)"
edit "$B/1.csv" ';' 2 1 1e300 "$O/h/rnd/1.csv"
hostile "bitbrains Timestamp 1e300" 65 "h/rnd/1.csv:2" bitbrains "$O/h/rnd/1.csv"
edit "$B/1.csv" ';' 3 2 "	1e300" "$O/h/rnd/1.csv"
hostile "bitbrains CPU cores 1e300" 65 "h/rnd/1.csv:3" bitbrains "$O/h/rnd/1.csv"
edit "$B/1.csv" ';' 4 7 "	1e300" "$O/h/rnd/1.csv"
hostile "bitbrains Memory usage 1e300" 65 "h/rnd/1.csv:4" bitbrains "$O/h/rnd/1.csv"
edit "$B/1.csv" ';' 5 4 "	1e300" "$O/h/rnd/1.csv"
hostile "bitbrains CPU usage 1e300 (clipped to the cores)" 0 - bitbrains "$O/h/rnd/1.csv"
edit "$B/1.csv" ';' 6 10 "	9e299" "$O/h/rnd/1.csv"
hostile "bitbrains network 9e299" 65 "h/rnd/1.csv:6" bitbrains "$O/h/rnd/1.csv"
edit "$A" , 3 1 1e+300 "$O/h/az.csv"
hostile "azure timestamp 1e+300" 65 "h/az.csv:3" azure "$O/h/az.csv"
edit "$A" , 4 5 1e+300 "$O/h/az.csv"
hostile "azure avg cpu 1e+300 (clipped to 100 %)" 0 - azure "$O/h/az.csv"
edit "$T/azure/vmtable_sample.csv" , 1 1 "$(sed -n 1p "$A" | cut -d, -f2)" "$O/h/vt.csv"
edit "$O/h/vt.csv" , 1 10 1e300 "$O/h/vt2.csv"
hostile "azure core bucket 1e300" 65 "h/vt2.csv:1" azure "$A" --vmtable "$O/h/vt2.csv"
edit "$L" , 5 2 1e300 "$O/h/al.csv"
hostile "alibaba time_stamp 1e300" 65 "h/al.csv:5" alibaba "$O/h/al.csv"
edit "$T/alibaba2018/machine_meta.csv" , 1 5 1e300 "$O/h/meta.csv"
hostile "alibaba cpu_num 1e300" 65 "h/meta.csv:1" alibaba "$L" --meta "$O/h/meta.csv"
edit "$PF" , 3 1 1e300 "$O/h/20110303/vm"
hostile "planetlab value 1e300 (clipped to 100 %)" 0 - planetlab "$O/h/20110303"
t_exit 2 "planetlab: --start 1e300 exits 2" "$VMUX" import planetlab \
	"$O/h/20110303" --start 1e300 -o "$O/x.csv"
t_grep "^vmux import: option '--start': '1e300' is outside \[0, 1e11\] s" \
	"$O/err" "--start 1e300: the value as given, in the usage error's form"
t_exit 2 "--cores 1e300 exits 2" "$VMUX" import azure "$A" --cores 1e300 \
	-o "$O/x.csv"
# The store's limits are the options' ranges: refused as every option
# value out of range is (the value as given, the range as --help states it),
# and --help states them (it said (0, inf) and refused 1e7 in other words).
t_exit 2 "--cores 1e7 exits 2" "$VMUX" import planetlab "$O/h/20110303" \
	--cores 1e7 -o "$O/x.csv"
t_grep "^vmux import: option '--cores': '1e7' is out of range \(0, 1000000\]; see" \
	"$O/err" "--cores 1e7: out of range, as given, the range named"
t_exit 2 "--step 1e12 exits 2" "$VMUX" import alibaba "$L" --step 1e12 \
	-o "$O/x.csv"
t_grep "^vmux import: option '--step': '1e12' is out of range \(0, 1e\+11\]" \
	"$O/err" "--step 1e12: out of range, as given, the range named"
"$VMUX" import --help >"$O/help" 2>&1
t_grep "\[in \(0, 1000000\]\]" "$O/help" "import --help: --cores's range is the store's limit"
t_grep "\[s in \(0, 1e\+11\]\]" "$O/help" "import --help: --step's range is the latest time"

# --- Property: every bundled sample, imported, is read by the ingest.
n=0 bad=0
for d in "$P"/2011* "$P"; do
	"$VMUX" import planetlab "$d" -o "$O/p.csv" >/dev/null 2>&1 &&
		"$VMUX" size "$O/p.csv" >/dev/null 2>&1 || bad=$((bad + 1))
	n=$((n + 1))
done
for f in "$B"/*.csv "$B"; do
	"$VMUX" import bitbrains "$f" -o "$O/p.csv" >/dev/null 2>&1 &&
		"$VMUX" size "$O/p.csv" >/dev/null 2>&1 || bad=$((bad + 1))
	n=$((n + 1))
done
for c in "azure $A" "azure $A --vmtable $T/azure/vmtable_sample.csv" \
	"azure $T/azure" "alibaba $L" \
	"alibaba $L --meta $T/alibaba2018/machine_meta.csv --step 60"; do
	step= # the Azure samples are at one time (above)
	case $c in azure*) step="--step 300" ;; esac
	# shellcheck disable=SC2086
	"$VMUX" import $c -o "$O/p.csv" >/dev/null 2>&1 &&
		"$VMUX" size "$O/p.csv" $step >/dev/null 2>&1 || bad=$((bad + 1))
	n=$((n + 1))
done
t_eq "every bundled sample ($n imports) ingests" "$bad" 0

# --- PlanetLab --start off the 300 s grid (traces/README.md: Grid): moved
# to the nearest multiple of 300 s like every other time, and counted, so
# that an undated folder and a dated one share one grid and the ingest
# reads the output (before, a --start of 00:02 wrote times 120 s off the
# dated folder's, and `vmux size` refused the file).
mkdir -p "$O/grid/day" "$O/grid/20110304"
ls "$P/20110303" | sed -n 1,2p | while read -r f; do
	cp "$P/20110303/$f" "$O/grid/day/"; done
ls "$P/20110303" | sed -n 3,4p | while read -r f; do
	cp "$P/20110303/$f" "$O/grid/20110304/"; done
t_ok "planetlab: --start 00:02 with a dated folder" "$VMUX" import \
	planetlab "$O/grid/day" "$O/grid/20110304" \
	--start 2011-03-04T00:02:00 -o "$O/grid.csv"
t_grep "import planetlab: 576 timestamps off the 300 s grid: moved" \
	"$O/err" "planetlab: the undated folder's 576 times counted as moved"
# 2011-03-04 00:00 UTC = 1299196800 (date -u -d 2011-03-04 +%s)
t_eq "planetlab: every time on the 300 s grid, from 00:00" \
	"$(awk -F, 'NR > 1 && $1 % 300 { n++ } NR > 1 && $1 < m || NR == 2 {
		m = $1 } END { print n + 0, m }' "$O/grid.csv")" "0 1299196800"
t_ok "planetlab: the ingest reads it" "$VMUX" size "$O/grid.csv"
mkdir -p "$O/grid/day3"
ls "$P/20110303" | sed -n 5,7p | while read -r f; do
	cp "$P/20110303/$f" "$O/grid/day3/"; done
t_ok "planetlab: --start 1299196800" "$VMUX" import planetlab \
	"$O/grid/day3" --start 1299196800 -o "$O/grid3.csv"
# The note naming --start gives it in full seconds (it said 1.2992e+09 s).
t_grep "3 files in folders whose name is not a date YYYYMMDD: time = --start \(1299196800 s\)" \
	"$O/err" "planetlab: the note gives --start in full"
# A folder named like a day that is no date (20110399) was said to be "not
# named YYYYMMDD", which it is: the message says the date does not exist.
# Inside a folder of days it was skipped as another name: now the same
# usage error, as a mistyped day would be lost.
mkdir -p "$O/bad/20110399"
ls "$P/20110303" | sed -n 1p | while read -r f; do
	cp "$P/20110303/$f" "$O/bad/20110399/"; done
t_exit 2 "planetlab: a folder 20110399" "$VMUX" import planetlab \
	"$O/bad/20110399" -o "$O/bad.csv"
t_grep "folder '20110399' is named like a date YYYYMMDD, but 2011-03-99 is not a date; give --start" \
	"$O/err" "... is said to be no date"
t_exit 2 "planetlab: a folder of days holding 20110399" "$VMUX" import \
	planetlab "$O/bad" -o "$O/bad.csv"
t_grep "folder '20110399' is named like a date YYYYMMDD, but 2011-03-99 is not a date" \
	"$O/err" "... is said to be no date"

# --- Quoted fields (RFC 4180), as R's write.csv and spreadsheets save
# CSV: every field of the bundled Alibaba usage and meta, Azure readings and
# vmtable quoted imports to the same bytes as the files as published
# (before, the quotes became part of each name: VM '"m_1932"', and --meta
# gave it no cores). A quote left open is bad data at its line.
qall() { tr -d '\r' <"$1" | sed 's/[^,]*/"&"/g' >"$2"; }
# quoted FORMAT IN OPTION SIDE: IN and its SIDE file (--meta, --vmtable),
# every field quoted, import to the bytes of the files as published.
quoted() {
	qall "$2" "$O/qin.csv"
	qall "$4" "$O/qside.csv"
	"$VMUX" import "$1" "$2" "$3" "$4" -o "$O/q1.csv" >/dev/null 2>&1
	t_ok "$1: quoted input and $3 file import" "$VMUX" import "$1" \
		"$O/qin.csv" "$3" "$O/qside.csv" -o "$O/q2.csv"
	cmp -s "$O/q1.csv" "$O/q2.csv"
	t_report $? "$1: quoted fields import as the published file"
}
quoted alibaba "$L" --meta "$T/alibaba2018/machine_meta.csv"
quoted azure "$A" --vmtable "$T/azure/vmtable_sample.csv"
printf '0,"web,eu",1,2,50\n0,"a ""b""",1,2,25\n' >"$O/qn.csv"
t_ok "azure: a comma and quotes inside a quoted vmid" "$VMUX" import azure \
	"$O/qn.csv" -o "$O/q3.csv"
t_eq "azure: the names as quoted, written back quoted" \
	"$(tail -n +2 "$O/q3.csv" | cut -d, -f1 --complement | tr '\n' ' ')" \
	'"web,eu",0.5,0,0 "a ""b""",0.25,0,0 '
mkdir -p "$O/qp/20110303"
for f in "$P"/20110303/*; do
	sed 's/.*/"&"/' "$f" >"$O/qp/20110303/${f##*/}"
done
"$VMUX" import planetlab "$P/20110303" -o "$O/q1.csv" >/dev/null 2>&1
t_ok "planetlab: quoted values import" "$VMUX" import planetlab \
	"$O/qp/20110303" -o "$O/q2.csv"
cmp -s "$O/q1.csv" "$O/q2.csv"
t_report $? "planetlab: quoted values import as the published files"
printf 'm_1,0,50,92,,,1,1,5\n"m_1,10,60,92,,,1,1,5\n' >"$O/qo.csv"
t_exit 65 "alibaba: a quote left open is bad data" "$VMUX" import alibaba \
	"$O/qo.csv" -o "$O/q4.csv"
t_grep "qo.csv:2: field '\\(row\\)': field 1: a quote left open" "$O/err" \
	"alibaba: the open quote named with file and line"

# --- The same input file twice (as a file and through its folder, or
# spelt two ways) is bad data in every format, as for Bitbrains and
# PlanetLab: before, Azure merged each reading with itself and Alibaba
# averaged every sample in twice, giving those files double weight in a
# slot shared with another file.
t_exit 65 "azure: the same file twice is bad data" "$VMUX" import azure \
	"$A" "$T/azure" -o "$O/tw.csv"
t_grep "vm_cpu_readings_sample.csv:1: field '\(file\)': the same file as" \
	"$O/err" "azure: the second naming of the file named"
t_exit 65 "alibaba: the same file twice is bad data" "$VMUX" import \
	alibaba "$L" "./$L" -o "$O/tw.csv"
t_grep "machine_usage.csv:1: field '\(file\)': the same file as" "$O/err" \
	"alibaba: the second naming of the file named"
[ ! -e "$O/tw.csv" ]
t_report $? "no output left behind"

# --- Out of memory (issue 16, defect 2): 400,000 Azure readings under
# address-space limits from 16 to 200 MB (from 40 MB while a reading held
# 72 bytes; at 16 they fit in 30 MB). Each run either completes with
# the full output or exits 71 "Cannot allocate memory" leaving no file;
# never exit 0 with a short output. Skipped where the binary cannot start
# under a limit (sanitizer builds reserve terabytes).
awk 'BEGIN { for (t = 0; t < 400; t++) for (v = 0; v < 1000; v++)
	printf "%d,vm%d,1,2,%d\n", t * 300, v, (t + v) % 100 }' > "$O/azbig.csv"
if [ $plain = 1 ]; then
	"$VMUX" import azure "$O/azbig.csv" -o "$O/full.csv" >/dev/null 2>&1
	oom=0 done=0 wrong=0
	for kb in $(seq 16000 4000 40000) $(seq 50000 10000 200000); do
		# a limit the binary cannot even start under proves nothing
		sh -c 'ulimit -v $1; "$0" version' \
			"$VMUX" $kb >/dev/null 2>&1 || continue
		rm -f "$O/lim.csv"
		(ulimit -v $kb; "$VMUX" import azure \
			"$O/azbig.csv" -o "$O/lim.csv") >/dev/null 2>"$O/err"
		case $? in
		0) cmp -s "$O/lim.csv" "$O/full.csv" && done=$((done + 1)) ||
			wrong=$((wrong + 1)) ;;
		71) grep -q "Cannot allocate memory" "$O/err" &&
			[ ! -e "$O/lim.csv" ] && oom=$((oom + 1)) ||
			wrong=$((wrong + 1)) ;;
		*) wrong=$((wrong + 1)) ;;
		esac
	done
	t_eq "out of memory: exit 71 or the full output, never else" \
		"$wrong" 0
	[ $oom -gt 0 ] && [ $done -gt 0 ]
	t_report $? "out of memory: both outcomes seen ($oom x 71, $done x 0)"
	# Before the memory runs out, the readings' array says what it
	# would need and what to do (it ended in a bare "Cannot allocate
	# memory", or, past the machine's memory, the OOM killer): here
	# under an 8 MB data limit, the 400,000 readings' 16 bytes (6.4 MB)
	# and the sort's copy.
	if sh -c 'ulimit -d 8000; "$0" version' "$VMUX" >/dev/null 2>&1; then
		(ulimit -d 8000; "$VMUX" import azure "$O/azbig.csv" \
			-o "$O/lim.csv") >/dev/null 2>"$O/err"
		t_eq "out of memory: refused before, exit 71" "$?" 71
		t_grep "import azure: [0-9]+ readings so far .* would need [0-9.]+ MB .* more than the [0-9.]+ MB this process may use; import a subset" \
			"$O/err" "... saying what it needs and to import a subset"
	else
		t_skip "out of memory, refused before" "no start under ulimit -d"
		t_skip "out of memory, refused before" "as above"
	fi
else
	t_skip "out of memory" "vmux does not start under ulimit -v"
	t_skip "out of memory, refused before" "as above"
	t_skip "out of memory, refused before" "as above"
	t_skip "out of memory, both outcomes" "as above"
fi
t_done

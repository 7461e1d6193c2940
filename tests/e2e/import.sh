#!/bin/sh
# End-to-end tests of `vmux import` on the real samples bundled in traces/:
# each format converts, its output ingests (`vmux size` exits 0), and the
# counts and sums agree with an independent computation done here with
# find/wc/awk on the raw files. Then malformed copies exit 65 naming file
# and line, a missing input exits 74 naming it, usage errors exit 2, and a
# failed run leaves no output behind. Run from the repository root.
. tests/common/e2e.sh
T=traces
O=$T_DIR

rows() { tail -n +2 "$1" | wc -l | tr -d ' '; }
vms() { tail -n +2 "$1" | cut -d, -f2 | sort -u | wc -l | tr -d ' '; }
colsum() { # FILE COLUMN: sum of a numeric column of a canonical CSV
	awk -F, -v c="$2" 'NR > 1 { s += $c } END { printf "%.6f", s }' "$1"; }

# --- PlanetLab: two day folders of the same 135 VMs.
P3=$T/planetlab/20110303 P6=$T/planetlab/20110306
t_ok "planetlab: import two days" \
	"$VMUX" import planetlab "$P3" "$P6" -o "$O/pl.csv"
cp "$O/err" "$O/pl.err"
t_eq "planetlab: one VM per file name" "$(vms "$O/pl.csv")" \
	"$(find "$P3" "$P6" -type f -exec basename {} \; | sort -u | wc -l | tr -d ' ')"
t_eq "planetlab: one row per line" "$(rows "$O/pl.csv")" \
	"$(find "$P3" "$P6" -type f -exec cat {} + | wc -l | tr -d ' ')"
t_rel "planetlab: cpu = % / 100" "$(colsum "$O/pl.csv" 3)" \
	"$(find "$P3" "$P6" -type f -exec cat {} + |
		awk '{ s += $1 } END { printf "%.6f", s / 100 }')"
# 2011-03-06 00:00 UTC = 1299369600 (date -u -d 2011-03-06 +%s).
t_eq "planetlab: every VM starts at the folder's midnight" \
	"$(grep -c '^1299369600,' "$O/pl.csv")" \
	"$(find "$P6" -type f | wc -l | tr -d ' ')"
# An inner space needs no quotes (lib/csvout.h: RFC 4180, quoted only for
# a comma, quote, line break or a leading or trailing blank).
t_eq "planetlab: a name with an inner space, as it is, both days" \
	"$(grep -c '^[0-9]*,planet1_zib_de_ rnp_dcc_ufjf,' "$O/pl.csv")" \
	"$(cat "$P3/planet1_zib_de_ rnp_dcc_ufjf" "$P6/planet1_zib_de_ rnp_dcc_ufjf" | wc -l | tr -d ' ')"
t_grep '^vmux: note: import planetlab: 77760 values' "$O/pl.err" \
	"planetlab: the % to cores conversion is stated and counted"
t_ok "planetlab: output ingests (vmux size)" "$VMUX" size "$O/pl.csv"
t_ok "planetlab: --cores 4" \
	"$VMUX" import planetlab "$P3" --cores 4 -o "$O/pl4.csv"
t_rel "planetlab: --cores 4 scales cpu by 4" "$(colsum "$O/pl4.csv" 3)" \
	"$(find "$P3" -type f -exec cat {} + |
		awk '{ s += $1 } END { printf "%.6f", s * 4 / 100 }')"

# --- Bitbrains Rnd: 20 VMs, the last week of July 2013.
B=$T/bitbrains-rnd/2013-7
t_ok "bitbrains: import a folder" "$VMUX" import bitbrains "$B" -o "$O/bb.csv"
cp "$O/err" "$O/bb.err"
t_eq "bitbrains: one VM per file" "$(vms "$O/bb.csv")" \
	"$(ls "$B"/*.csv | wc -l | tr -d ' ')"
t_eq "bitbrains: VM named from folder and file" \
	"$(grep -c '^[0-9]*,rnd-7,' "$O/bb.csv")" "$(($(wc -l < "$B/7.csv") - 1))"
# Rows: distinct (file, nearest 300 s slot) pairs, halves up.
t_eq "bitbrains: one row per distinct 300 s slot" "$(rows "$O/bb.csv")" \
	"$(awk -F';' 'FNR > 1 { k = FILENAME SUBSEP int(($1 + 150) / 300)
		if (!(k in s)) { s[k] = 1; n++ } } END { print n }' "$B"/*.csv)"
in_rows=$(awk 'FNR > 1' "$B"/*.csv | wc -l | tr -d ' ')
t_grep "import bitbrains: $((in_rows - $(rows "$O/bb.csv"))) rows fell on a slot" \
	"$O/bb.err" "bitbrains: merged duplicate rows are counted"
t_grep "import bitbrains: $(awk -F';' 'FNR > 1 && ($2 == 0 || $3 == 0)' \
	"$B"/*.csv | wc -l | tr -d ' ') rows with 0 CPU cores" \
	"$O/bb.err" "bitbrains: rows with 0 cores are counted"
# README's example of this import (the section "Importing public traces")
# shows the real first rows, header and all.
t_eq "bitbrains: README's example rows are the real ones" \
	"$(awk '/^    \$ head -3 rnd.csv$/ { f = 1; next }
		f && /^    [^$]/ { print substr($0, 5); next } { f = 0 }' README.md)" \
	"$(head -3 "$O/bb.csv")"
# rnd-1 has no duplicates: its sums follow from the raw columns directly.
t_rel "bitbrains: rnd-1 cpu = usage / (capacity / cores)" \
	"$(grep '^[0-9]*,rnd-1,' "$O/bb.csv" | awk -F, '{ s += $3 } END { printf "%.6f", s }')" \
	"$(awk -F';' 'NR > 1 { c = $4 * $2 / $3; if (c > $2) c = $2; s += c }
		END { printf "%.6f", s }' "$B/1.csv")"
t_rel "bitbrains: rnd-1 mem = KB / 1024" \
	"$(grep '^[0-9]*,rnd-1,' "$O/bb.csv" | awk -F, '{ s += $4 } END { printf "%.6f", s }')" \
	"$(awk -F';' 'NR > 1 { s += $7 } END { printf "%.6f", s / 1024 }' "$B/1.csv")"
t_rel "bitbrains: rnd-1 net = received + transmitted" \
	"$(grep '^[0-9]*,rnd-1,' "$O/bb.csv" | awk -F, '{ s += $6 } END { printf "%.6f", s }')" \
	"$(awk -F';' 'NR > 1 { s += $10 + $11 } END { printf "%.6f", s }' "$B/1.csv")"
t_ok "bitbrains: output ingests (vmux size)" "$VMUX" size "$O/bb.csv"

# --- Azure V1 sample: 100 VMs, one timestamp; the vmtable sample lists none
# of them, so each gets --cores.
A=$T/azure
t_ok "azure: import with --vmtable --cores 2" "$VMUX" import azure \
	"$A/vm_cpu_readings_sample.csv" --vmtable "$A/vmtable_sample.csv" \
	--cores 2 -o "$O/az.csv"
cp "$O/err" "$O/az.err"
t_eq "azure: one row per reading" "$(rows "$O/az.csv")" \
	"$(wc -l < "$A/vm_cpu_readings_sample.csv" | tr -d ' ')"
t_eq "azure: one VM per vmid" "$(vms "$O/az.csv")" \
	"$(cut -d, -f2 "$A/vm_cpu_readings_sample.csv" | sort -u | wc -l | tr -d ' ')"
t_rel "azure: cpu = avg % / 100 x cores" "$(colsum "$O/az.csv" 3)" \
	"$(awk -F, '{ s += $5 } END { printf "%.6f", s * 2 / 100 }' \
		"$A/vm_cpu_readings_sample.csv")"
t_grep 'import azure: 100 VMs without a core count.*assumed 2 cores' \
	"$O/az.err" "azure: the core-count assumption is stated"
# ... and names the first three VMs in the order read (it named none, so
# a user whose vmtable missed some VMs could not tell which).
first3=$(cut -d, -f2 "$A/vm_cpu_readings_sample.csv" | awk '!s[$0]++' |
	head -3 | sed "s/.*/'&'/" | paste -sd, - | sed 's/,/, /g')
t_eq "azure: the first three VMs without a core count named" \
	"$(sed -n 's/.*without a core count .*(--cores; first \(.*\), \.\.\.)$/\1/p' "$O/az.err")" \
	"$first3"
# The sample's readings are all at one time: no step to detect, so their
# 5 minutes are given (size refuses a single time without --step).
t_ok "azure: output ingests (vmux size)" "$VMUX" size "$O/az.csv" --step 300

# --- Alibaba v2018 sample: 4 machines, irregular sampling, 96 cores each.
L=$T/alibaba2018
t_ok "alibaba: import with --meta" "$VMUX" import alibaba \
	"$L/machine_usage.csv" --meta "$L/machine_meta.csv" -o "$O/al.csv"
cp "$O/err" "$O/al.err"
t_eq "alibaba: one VM per machine" "$(vms "$O/al.csv")" \
	"$(cut -d, -f1 "$L/machine_usage.csv" | sort -u | wc -l | tr -d ' ')"
t_eq "alibaba: one row per non-empty 300 s slot" "$(rows "$O/al.csv")" \
	"$(awk -F, '$3 != "" { k = $1 SUBSEP int($2 / 300)
		if (!(k in s)) { s[k] = 1; n++ } } END { print n }' "$L/machine_usage.csv")"
t_rel "alibaba: cpu = slot mean % / 100 x cpu_num" "$(colsum "$O/al.csv" 3)" \
	"$(awk -F, 'NR == FNR { cores[$1] = $5; next }
		$3 != "" { k = $1 SUBSEP int($2 / 300); s[k] += $3; n[k]++; m[k] = $1 }
		END { for (k in s) t += s[k] / n[k] / 100 * cores[m[k]]
			printf "%.6f", t }' "$L/machine_meta.csv" "$L/machine_usage.csv")"
t_grep "import alibaba: $(awk -F, '$3 != "" { k = int($2 / 300)
		if (!($1 in lo) || k < lo[$1]) lo[$1] = k
		if (!($1 in hi) || k > hi[$1]) hi[$1] = k
		if (!(($1, k) in s)) { s[$1, k] = 1; n[$1]++ } }
		END { for (m in lo) e += hi[m] - lo[m] + 1 - n[m]; print e }' \
		"$L/machine_usage.csv") slots inside a machine's span" \
	"$O/al.err" "alibaba: empty slots are counted"
t_grep 'net_in, net_out, disk_io_percent have no absolute unit' "$O/al.err" \
	"alibaba: the columns left out are stated"
t_ok "alibaba: output ingests (vmux size)" "$VMUX" size "$O/al.csv"
# A row repeating its machine's previous row was averaged in twice (cpu
# (100 + 100 + 0) / 3, not 0.5); one repeating the time with another cpu
# is merged as the maximum: (max(100, 50) + max(0, 20)) / 2 = 0.6.
printf 'm_1,0,100,1,,,1,1,1\nm_1,0,100,1,,,1,1,1\nm_1,10,0,1,,,1,1,1\n' \
	>"$O/aldup.csv"
t_ok "alibaba: a repeated row" "$VMUX" import alibaba "$O/aldup.csv" \
	-o "$O/aldup.out"
t_eq "... is dropped: cpu the mean of 100 and 0" "$(sed -n 2p "$O/aldup.out")" \
	"0,m_1,0.5,0,0"
t_grep "import alibaba: 1 row repeats its machine's previous row \\(same time_stamp and cpu_util_percent\\): dropped" \
	"$O/err" "... and counted in a warning"
printf 'm_1,0,100,1,,,1,1,1\nm_1,0,50,1,,,1,1,1\nm_1,10,0,1,,,1,1,1\nm_1,10,20,1,,,1,1,1\n' \
	>"$O/aldup2.csv"
t_ok "alibaba: repeated times, other cpu" "$VMUX" import alibaba \
	"$O/aldup2.csv" -o "$O/aldup2.out"
t_eq "... merged as the maximum" "$(sed -n 2p "$O/aldup2.out")" "0,m_1,0.6,0,0"
t_grep "import alibaba: 2 rows repeat their machine's previous time_stamp with another cpu_util_percent: merged into one sample, the maximum" \
	"$O/err" "... and counted in a warning"
# A repeat that is not next to its row (the sample, then its first 4 rows
# again: two extracts concatenated) was averaged in once more: slot 386700
# took (46 + 44 + 46) / 3 %, not (46 + 44) / 2. Such a row goes back among
# its machine's times into a slot holding some: exit 65 at its line,
# telling to sort; the sorted rows give the sample's own numbers.
cat "$L/machine_usage.csv" "$L/machine_usage.csv" | head -n 24345 >"$O/alcat.csv"
t_exit 65 "alibaba: a repeat not next to its row (concatenated extracts)" \
	"$VMUX" import alibaba "$O/alcat.csv" -o "$O/alcat.out"
t_grep "^$O/alcat.csv:24342: field 'time_stamp': 386640 s of machine 'm_1932' goes back among its times .*sort -t, -k1,1 -k2,2n" \
	"$O/err" "... names the line and says how to sort"
t_eq "... and writes nothing" "$(test -e "$O/alcat.out" || echo none)" none
LC_ALL=C sort -t, -k1,1 -k2,2n "$O/alcat.csv" >"$O/alsorted.csv"
t_ok "alibaba: the sorted rows import" "$VMUX" import alibaba \
	"$O/alsorted.csv" --meta "$L/machine_meta.csv" -o "$O/alsorted.out"
t_eq "... to the sample's own rows" "$(sort "$O/alsorted.out" | cksum)" \
	"$(sort "$O/al.csv" | cksum)"
t_grep "import alibaba: 4 rows repeat their machine's previous row" "$O/err" \
	"... the 4 repeats dropped and counted"
# A --step finer than the sampling (10 s at best) leaves most slots empty;
# the trace states no step, readers take its commonest gap between a VM's
# consecutive samples, which is then another step (--step 5 was read as
# 10 s, --step 7 as 21 s and refused by size): a usage error naming the
# gap readers would take, counted here per machine in file order.
commonest_gap() { # STEP
	awk -F, -v s="$1" '$3 != "" { k = int($2 / s)
		if (!(($1, k) in seen)) { seen[$1, k] = 1; ks[$1] = ks[$1] " " k }
		if (!($1 in o)) { o[$1] = ++n; name[n] = $1 } }
	END { for (i = 1; i <= n; i++) { c = split(ks[name[i]], a, " ")
		for (j = 2; j <= c; j++) { g = (a[j] - a[j - 1]) * s
			if (!(g in cnt)) first[g] = ++m; cnt[g]++ } }
		for (g in cnt) if (cnt[g] > bc || (cnt[g] == bc && first[g] < bf)) {
			bc = cnt[g]; bf = first[g]; b = g }
		print b }' "$L/machine_usage.csv"; }
for s in 5 7; do
	t_exit 2 "alibaba: --step $s, finer than the sampling" "$VMUX" import \
		alibaba "$L/machine_usage.csv" --step $s -o "$O/alstep.out"
	t_grep "import: --step $s s: .* most often $(commonest_gap $s) s apart" \
		"$O/err" "... says readers would take $(commonest_gap $s) s"
done
t_ok "alibaba: --step 20" "$VMUX" import alibaba "$L/machine_usage.csv" \
	--step 20 -o "$O/alstep.out"
# The summary lists the columns written, the provisioned ones too (it
# said "(cpu)" over a file of time,vm,cpu,cpu_prov,mem_prov).
t_grep "^vmux import alibaba: 4 VMs, [0-9]+ rows \($(head -1 "$O/alstep.out" | cut -d, -f3-)\), times" \
	"$O/out" "... the summary names every column written"
t_eq "... which are cpu and the provisioned sizes" \
	"$(head -1 "$O/alstep.out")" "time,vm,cpu,cpu_prov,mem_prov"
t_ok "... size reads it" "$VMUX" size "$O/alstep.out"
t_grep "slots of 20 s" "$O/out" "... at the step given"
# Machines interleaved (rows sorted by time): each machine's rows are
# still in time order, its repeats next to each other.
awk -F, '{ print; if (NR == 5) print }' "$L/machine_usage.csv" |
	LC_ALL=C sort -t, -k2,2n -s >"$O/albytime.csv"
t_ok "alibaba: rows by time, machines interleaved, a repeat" "$VMUX" import \
	alibaba "$O/albytime.csv" --meta "$L/machine_meta.csv" -o "$O/albytime.out"
t_eq "... the sample's own rows" "$(sort "$O/albytime.out" | cksum)" \
	"$(sort "$O/al.csv" | cksum)"
t_grep "import alibaba: 1 row repeats its machine's previous row" "$O/err" \
	"... the repeat dropped and counted"

# --- Counts of one and a core count of 1 are said in the singular (the
# messages said "1 VMs ... assumed 1 cores"): one Azure reading, one
# Alibaba sample and one PlanetLab value, each without a core count.
mkdir -p "$O/one/pl"
head -1 "$A/vm_cpu_readings_sample.csv" >"$O/one/az.csv"
t_ok "azure: one reading, no --vmtable" "$VMUX" import azure "$O/one/az.csv" \
	-o "$O/one/az.out"
cp "$O/err" "$O/one/az.err"
t_ok "azure: 1 VM, assumed 1 core (singular), named" grep -qxF \
	"vmux: warning: import azure: 1 VM without a core count (no --vmtable, or not in it): assumed 1 core (--cores; first '$(cut -d, -f2 "$O/one/az.csv")')" \
	"$O/one/az.err"
t_grep 'import azure: 1 reading: cpu = ' "$O/one/az.err" \
	"azure: 1 reading (singular)"
t_ok "azure: --cores 1.5" "$VMUX" import azure "$O/one/az.csv" --cores 1.5 \
	-o "$O/one/az.out"
t_grep 'import azure: 1 VM without .*: assumed 1\.5 cores \(--cores; first .*\)$' \
	"$O/err" "azure: assumed 1.5 cores (plural)"
head -1 "$L/machine_usage.csv" >"$O/one/al.csv"
t_ok "alibaba: one sample, no --meta" "$VMUX" import alibaba "$O/one/al.csv" \
	-o "$O/one/al.out"
t_grep "import alibaba: 1 machine without cpu_num \\(no --meta, or not in it\\): assumed 1 core \\(--cores; first 'm_1932'\\)\$" \
	"$O/err" "alibaba: 1 machine, assumed 1 core (singular), named"
t_grep 'import alibaba: 1 slot: cpu = ' "$O/err" "alibaba: 1 slot (singular)"
t_grep 'import alibaba: 1 sample: mem_util_percent' "$O/err" \
	"alibaba: 1 sample (singular)"
# Which machines were assumed 1 core: the warning named none (a user with
# a --meta missing some machines could not tell which), now the first
# three in the order read, as other warnings name theirs.
t_ok "alibaba: four machines, no --meta" "$VMUX" import alibaba \
	"$L/machine_usage.csv" -o "$O/one/al4.out"
t_grep "import alibaba: 4 machines without cpu_num \\(no --meta, or not in it\\): assumed 1 core \\(--cores; first 'm_1932', 'm_1933', 'm_1934', \\.\\.\\.\\)\$" \
	"$O/err" "alibaba: the first three machines without cpu_num named"
echo 42 >"$O/one/pl/vm1"
t_ok "planetlab: one value" "$VMUX" import planetlab "$O/one/pl" \
	--start 1299110400 -o "$O/one/pl.out"
t_grep 'import planetlab: 1 value: cpu = CPU % / 100 x 1 core \(--cores' \
	"$O/err" "planetlab: 1 value x 1 core (singular)"
t_grep 'import planetlab: 1 file does not hold 288 lines \(one day\): its rows' \
	"$O/err" "planetlab: 1 file does not hold (singular)"
# A vmtable giving the VM 4 cores, then 1.
v=$(cut -d, -f2 "$O/one/az.csv")
printf '%s,s,d,0,300,90,10,80,Interactive,%s,1.75\n' "$v" 4 "$v" 1 \
	>"$O/one/vmtable.csv"
t_exit 65 "azure: a vmtable giving one VM two core counts exits 65" \
	"$VMUX" import azure "$O/one/az.csv" --vmtable "$O/one/vmtable.csv" \
	-o "$O/one/az.out"
t_grep "vmtable\.csv:2: field 'core count bucket': 1 core, an earlier row of '[^']*' says 4" \
	"$O/err" "... 1 core (singular)"

# Two vmtable rows giving one VM different memory buckets are bad data, as
# for core buckets (before, the later row's silently won).
printf '0,a,1,2,50\n' >"$O/azm.csv"
printf 'a,s,d,0,100,1,1,1,I,2,4\na,s,d,0,100,1,1,1,I,2,8\n' >"$O/azmt.csv"
t_exit 65 "azure: vmtable rows disagreeing on memory" "$VMUX" import azure \
	"$O/azm.csv" --vmtable "$O/azmt.csv" -o "$O/azm.out"
t_grep "azmt.csv:2: field 'memory bucket': 8 GB, an earlier row of 'a' says 4 GB" \
	"$O/err" "azure: ... naming the row and both buckets"

# --- Malformed inputs: exit 65, FILE:LINE: field 'NAME'.
mkdir -p "$O/bad/20110303"
cp "$P3/$(ls "$P3" | head -1)" "$O/bad/20110303/vm"
sed -i '7s/.*/7x/' "$O/bad/20110303/vm"
t_exit 65 "planetlab: a bad value exits 65" \
	"$VMUX" import planetlab "$O/bad/20110303" -o "$O/x.csv"
t_grep "bad/20110303/vm:7: field 'cpu %'" "$O/err" \
	"planetlab: the message names file, line and field"
mkdir -p "$O/bad/rnd"
awk 'BEGIN { FS = OFS = ";" } NR == 5 { $4 = "\tx" } 1' "$B/1.csv" \
	> "$O/bad/rnd/1.csv"
t_exit 65 "bitbrains: a bad row exits 65" \
	"$VMUX" import bitbrains "$O/bad/rnd/1.csv" -o "$O/x.csv"
t_grep "bad/rnd/1.csv:5: field 'CPU usage \\[MHZ\\]'" "$O/err" \
	"bitbrains: the message names file, line and field"
sed '3s/,[^,]*$//' "$A/vm_cpu_readings_sample.csv" > "$O/bad/az.csv"
t_exit 65 "azure: a short row exits 65" \
	"$VMUX" import azure "$O/bad/az.csv" -o "$O/x.csv"
t_grep "bad/az.csv:3: field '\\(row\\)': 4 fields" "$O/err" \
	"azure: the message names file, line and field"
# ... the field as the canonical reader names a row's shape: '(row)'
# (importers said 'row').
field_of() { sed -n "s/.*:[0-9]*: field '\([^']*\)': .*/\1/p" "$1" | head -1; }
imp=$(field_of "$O/err")
printf 'time,vm,cpu\n0,a,1\n300,"a,1\n' >"$O/bad/quote.csv"
t_exit 65 "plan: a malformed row exits 65" \
	"$VMUX" plan "$O/bad/quote.csv" --host-cpu 1 -o "$O/x.csv"
t_eq "... the importer names the row as vmux plan does" "$imp" \
	"$(field_of "$O/err")"
sed '10s/^\([^,]*\),[0-9]*,/\1,ten,/' "$L/machine_usage.csv" > "$O/bad/al.csv"
t_exit 65 "alibaba: a bad time exits 65" \
	"$VMUX" import alibaba "$O/bad/al.csv" -o "$O/x.csv"
t_grep "bad/al.csv:10: field 'time_stamp'" "$O/err" \
	"alibaba: the message names file, line and field"
t_eq "a failed import leaves no output nor temporary file" \
	"$(ls "$O" | grep -c '^x\.csv')" 0

# --- Missing inputs and usage errors.
t_exit 74 "a missing input exits 74" \
	"$VMUX" import bitbrains "$O/no/such.csv" -o "$O/x.csv"
t_grep "no/such.csv" "$O/err" "the I/O message names the path"
t_exit 74 "a missing --meta exits 74" "$VMUX" import alibaba \
	"$L/machine_usage.csv" --meta "$O/none.csv" -o "$O/x.csv"
t_exit 2 "an unknown format exits 2" \
	"$VMUX" import nosuch "$P3" -o "$O/x.csv"
t_grep "^vmux import: FORMAT 'nosuch' is not one of planetlab, bitbrains, azure, alibaba;" \
	"$T_DIR/err" "... naming the format and the known ones"
# The unknown FORMAT is the root cause: said before a per-format option's
# rule would call it another format.
t_exit 2 "an unknown format with a per-format option exits 2" \
	"$VMUX" import nosuch "$P3" --cores 2 -o "$O/x.csv"
t_grep "^vmux import: FORMAT 'nosuch' is not one of" "$T_DIR/err" \
	"... naming the unknown format, not the option's rule"
t_exit 2 "no -o exits 2" "$VMUX" import planetlab "$P3"
t_grep "option '-o' is required" "$T_DIR/err" "... naming -o, as the usage line"
# The output named as the user wrote it, as every other command names -o
# (it said '--output' to a user who typed -o).
mkdir -p "$O/in"
cp "$P3/$(ls "$P3" | head -1)" "$O/in/v1"
t_exit 2 "import -o onto its input exits 2" \
	"$VMUX" import planetlab "$O/in/v1" -o "$O/in/v1"
t_grep "^vmux import: option '-o': '.*in/v1' is also an input" "$T_DIR/err" \
	"... naming -o"
t_exit 2 "import --output onto its input exits 2" \
	"$VMUX" import planetlab "$O/in/v1" --output "$O/in/v1"
t_grep "^vmux import: option '--output': '.*in/v1' is also an input" \
	"$T_DIR/err" "... naming --output"
t_exit 2 "import -o without a value exits 2" \
	"$VMUX" import planetlab "$O/in/v1" -o
t_grep "^vmux import: option '-o' needs a value" "$T_DIR/err" "... naming -o"
# Each missing word is named in the order it is written: a bare
# 'vmux import' complained about --output, not the missing FORMAT.
t_exit 2 "import alone exits 2" "$VMUX" import
t_grep "^vmux import: missing FORMAT \(planetlab, bitbrains, azure, alibaba\)" \
	"$T_DIR/err" "... naming the missing FORMAT, not --output"
t_exit 2 "import FORMAT alone exits 2" "$VMUX" import planetlab
t_grep "^vmux import: missing PATH after planetlab" "$T_DIR/err" \
	"... naming the missing PATH"
t_exit 2 "an option of another format exits 2" \
	"$VMUX" import planetlab "$P3" --vmtable "$A/vmtable_sample.csv" -o "$O/x.csv"
t_grep "[-][-]vmtable" "$O/err" "the usage message names the option"
for f in planetlab bitbrains azure alibaba; do
	t_exit 2 "a canonical trace given to import $f exits 2" \
		"$VMUX" import $f "$O/al.csv" -o "$O/x.csv"
	t_grep "'.*al.csv' is already a canonical trace" "$O/err" \
		"import $f: a canonical trace is said to be one"
done
{ printf '\357\273\277'; cat "$O/al.csv"; } >"$O/bom.csv"
t_exit 2 "a canonical trace behind a byte order mark: exit 2" \
	"$VMUX" import planetlab "$O/bom.csv" -o "$O/x.csv"
t_grep "'.*bom.csv' is already a canonical trace" "$O/err" \
	"behind a byte order mark: said to be one"
# Columns in another order (vm first, as the reader takes it): the same.
awk -F, -v OFS=, '{ t = $1; $1 = $2; $2 = t; print }' "$O/al.csv" \
	>"$O/vmfirst.csv"
t_ok "vm first: a canonical trace vmux size reads" "$VMUX" size \
	"$O/vmfirst.csv"
t_exit 2 "a canonical trace with vm first given to import: exit 2" \
	"$VMUX" import planetlab "$O/vmfirst.csv" -o "$O/x.csv"
t_grep "'.*vmfirst.csv' is already a canonical trace" "$O/err" \
	"vm first: said to be one"
mkdir -p "$O/undated" && cp "$P3/$(ls "$P3" | head -1)" "$O/undated/vm"
t_exit 2 "an undated folder without --start exits 2" \
	"$VMUX" import planetlab "$O/undated" -o "$O/x.csv"
t_ok "an undated folder with --start" "$VMUX" import planetlab "$O/undated" \
	--start 2011-03-03 -o "$O/x.csv"
# --start with a dated folder was ignored without a word: the folder's
# date gave the times (2011-03-03), not the 1000 s typed, exit 0. Now a
# usage error naming the folder; nothing written. Given with an undated
# folder too, --start is used, and said so.
t_exit 2 "planetlab: --start with a dated folder only: exit 2" \
	"$VMUX" import planetlab "$P3" --start 1000 -o "$O/st.csv"
t_grep "^vmux import: option '--start' is not used: every folder read is named by its date YYYYMMDD, which gives its files' times \\(the first, '$P3'\\)" \
	"$O/err" "... said, naming the dated folder"
t_ok "... nothing written" test ! -e "$O/st.csv"
t_ok "planetlab: --start with an undated and a dated folder" \
	"$VMUX" import planetlab "$O/undated" "$P3" --start 1200 -o "$O/st.csv"
t_eq "... the undated folder's VM starts at --start" \
	"$(awk -F, 'NR > 1 && $2 == "vm" { print $1; exit }' "$O/st.csv")" 1200
t_ok "-o - writes the CSV to stdout" "$VMUX" import alibaba \
	"$L/machine_usage.csv" --meta "$L/machine_meta.csv" -o -
t_eq "-o - gives the same bytes as -o FILE" "$(cksum < "$O/out")" \
	"$(cksum < "$O/al.csv")"
# A day folder given through a link is dated by the name given when that
# is a date (it took the target's: pls/20110304 -> 20110306 gave
# 2011-03-06); by the target's when the name given is not (latest), and
# the summary says which name dated it where they differ. Also in a tree
# of linked day folders. 2011-03-04 = 1299196800, 2011-03-06 = 1299369600.
mkdir -p "$O/ln/pls" "$O/ln/tree"
ln -s "$(pwd)/$P6" "$O/ln/pls/20110304"
ln -s "$(pwd)/$P6" "$O/ln/latest"
ln -s "$(pwd)/$P6" "$O/ln/tree/20110304"
n6=$(find "$P6" -type f | wc -l | tr -d ' ')
firsts() { awk -F, 'NR > 1 && !($2 in s) { s[$2] = $1 } END { for (v in s) print s[v] }' "$1" | sort -u | tr '\n' ' '; }
t_ok "planetlab: a day folder linked under a date" "$VMUX" import planetlab \
	"$O/ln/pls/20110304" -o "$O/ln4.csv"
t_eq "... dated by the link's name (2011-03-04)" "$(firsts "$O/ln4.csv")" "1299196800 "
t_grep "^vmux: note: import planetlab: $n6 files: time = the name given" \
	"$O/err" "... the summary says the link's name dated it"
t_ok "... the same with a trailing slash" "$VMUX" import planetlab \
	"$O/ln/pls/20110304/" -o "$O/ln4s.csv"
t_eq "... dated by the link's name" "$(firsts "$O/ln4s.csv")" "1299196800 "
t_ok "planetlab: a tree of linked day folders" "$VMUX" import planetlab \
	"$O/ln/tree" -o "$O/lnt.csv"
t_eq "... dated by the links' names" "$(firsts "$O/lnt.csv")" "1299196800 "
t_ok "planetlab: a link named latest" "$VMUX" import planetlab \
	"$O/ln/latest" -o "$O/lnl.csv"
t_eq "... dated by the target's name (2011-03-06)" "$(firsts "$O/lnl.csv")" "1299369600 "
t_grep "^vmux: note: import planetlab: $n6 files: time = the date of the folder linked to" \
	"$O/err" "... the summary says the target's name dated it"
t_ok "planetlab: the folder itself" "$VMUX" import planetlab "$P6" -o "$O/ln6.csv"
! grep -qE "name given|linked to" "$O/err"
t_report $? "... says nothing of links"

t_ok "import --help" "$VMUX" import --help
t_grep "[-][-]mhz-per-core" "$O/out" "import --help lists every option"
t_done

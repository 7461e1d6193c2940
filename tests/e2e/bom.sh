#!/bin/sh
# End-to-end tests of a UTF-8 byte order mark (EF BB BF) at the start of the
# CSV files vmux reads, as spreadsheet programs write it when they save CSV:
# it belongs to no field. The bundled PlanetLab day with a mark, read in
# one piece (standard input) and by the threaded ingest (a file), plans
# byte for byte as without it; a plan file, an overhead table and a host
# catalogue with a mark read as without it; a mark cut short stays part of
# the first column's name, and is reported with file, line and field.
# Each importer reads a marked input as the same file unmarked.
# Run from the repository root.
. tests/common/e2e.sh
O=$T_DIR
BOM=$(printf '\357\273\277')

"$VMUX" import planetlab traces/planetlab/20110303 -o "$O/pl.csv" \
	>/dev/null 2>&1 || { echo "Bail out! import planetlab failed"; exit 1; }
{ printf '%s' "$BOM"; cat "$O/pl.csv"; } >"$O/plb.csv"

t_ok "plan a trace without a mark" "$VMUX" plan "$O/pl.csv" --host-cpu 1 \
	--csv -o "$O/p.csv"
cp "$O/out" "$O/sum"
t_ok "plan the trace with a mark" "$VMUX" plan "$O/plb.csv" --host-cpu 1 \
	--csv -o "$O/pb.csv"
cmp -s "$O/p.csv" "$O/pb.csv"
t_report $? "the mark changes no row of the plan"
cmp -s "$O/sum" "$O/out"
t_report $? "nor the summary"
VMUX_THREADS=1 "$VMUX" plan - --host-cpu 1 -o "$O/ps.csv" <"$O/plb.csv" \
	>/dev/null 2>&1
cmp -s "$O/p.csv" "$O/ps.csv"
t_report $? "a marked trace on standard input plans the same"

# A plan file with a mark (no terms beside it: capacities given).
{ printf '%s' "$BOM"; cat "$O/p.csv"; } >"$O/hand.csv"
t_ok "evaluate a plan" "$VMUX" evaluate "$O/pl.csv" --plan "$O/p.csv" \
	--csv
cp "$O/out" "$O/e1"
t_ok "evaluate a marked plan file" "$VMUX" evaluate "$O/pl.csv" \
	--plan "$O/hand.csv" --host-cpu 1 --csv
cmp -s "$O/e1" "$O/out"
t_report $? "the marked plan file evaluates the same"

# An overhead table with a mark.
{ printf '%s' "$BOM"; cat models/overhead-literature.csv; } >"$O/ov.csv"
t_ok "plan --virt full, shipped table" "$VMUX" plan "$O/pl.csv" \
	--host-cpu 1 --virt full --overhead models/overhead-literature.csv \
	-o "$O/v1.csv"
t_ok "plan --virt full, marked table" "$VMUX" plan "$O/pl.csv" \
	--host-cpu 1 --virt full --overhead "$O/ov.csv" -o "$O/v2.csv"
cmp -s "$O/v1.csv" "$O/v2.csv"
t_report $? "the marked overhead table gives the same plan"

# A host catalogue with a mark.
{ printf '%s' "$BOM"; cat models/hosts-cloudsim.csv; } >"$O/hosts.csv"
t_ok "simulate, shipped catalogue" "$VMUX" simulate \
	traces/planetlab/20110303 --detector thr --hosts \
	models/hosts-cloudsim.csv -o "$O/c1.csv"
t_ok "simulate, marked catalogue" "$VMUX" simulate \
	traces/planetlab/20110303 --detector thr --hosts "$O/hosts.csv" \
	-o "$O/c2.csv"
# (all but the catalogue column, which names each file)
cut -d, -f1-17 "$O/c1.csv" >"$O/c1.cut"
cut -d, -f1-17 "$O/c2.csv" >"$O/c2.cut"
cmp -s "$O/c1.cut" "$O/c2.cut"
t_report $? "the marked catalogue simulates the same"

# Every importer reads a marked input file as the file without the mark
# (before, Alibaba's first machine became a second VM named with the mark,
# and Bitbrains found no 'Timestamp [ms]' column): the bundled samples of
# each format, each file given a mark, import to the same bytes.
mark() { # SRC DST
	mkdir -p "$(dirname "$2")"
	{ printf '%s' "$BOM"; cat "$1"; } >"$2"; }
B=traces/bitbrains-rnd/2013-7
mark "$B/14.csv" "$O/bb/rnd/14.csv"
mark traces/azure/vm_cpu_readings_sample.csv "$O/az/vm_cpu_readings.csv"
mark traces/azure/vmtable_sample.csv "$O/az/vmtable.csv"
mark traces/alibaba2018/machine_usage.csv "$O/al/usage.csv"
mark traces/alibaba2018/machine_meta.csv "$O/al/meta.csv"
PL=traces/planetlab/20110303
mkdir -p "$O/pl/20110303"
for f in "$PL"/*; do mark "$f" "$O/pl/20110303/${f##*/}"; done
imports() { # NAME FORMAT PLAIN... -- MARKED...
	name=$1 fmt=$2; shift 2
	plain=; while [ "$1" != -- ]; do plain="$plain $1"; shift; done; shift
	# shellcheck disable=SC2086
	"$VMUX" import "$fmt" $plain -o "$O/i1.csv" >/dev/null 2>&1
	# shellcheck disable=SC2086
	t_ok "import $fmt, marked $name" "$VMUX" import "$fmt" "$@" \
		-o "$O/i2.csv"
	cmp -s "$O/i1.csv" "$O/i2.csv"
	t_report $? "import $fmt: the marked $name import the same"
}
mkdir -p "$O/bb0/rnd"; cp "$B/14.csv" "$O/bb0/rnd/14.csv"
imports "header" bitbrains "$O/bb0/rnd/14.csv" -- "$O/bb/rnd/14.csv"
imports "readings and vmtable" azure traces/azure/vm_cpu_readings_sample.csv \
	--vmtable traces/azure/vmtable_sample.csv -- \
	"$O/az/vm_cpu_readings.csv" --vmtable "$O/az/vmtable.csv"
imports "usage and meta" alibaba traces/alibaba2018/machine_usage.csv \
	--meta traces/alibaba2018/machine_meta.csv -- "$O/al/usage.csv" \
	--meta "$O/al/meta.csv"
t_eq "alibaba: 4 machines, none named with the mark" \
	"$(tail -n +2 "$O/i2.csv" | cut -d, -f2 | sort -u | tr '\n' ' ')" \
	"m_1932 m_1933 m_1934 m_1935 "
imports "day files" planetlab "$PL" -- "$O/pl/20110303"

# Two bytes of a mark are not a mark: an unknown column, named.
{ printf '\357\273'; cat "$O/pl.csv"; } >"$O/cut.csv"
t_exit 65 "a mark cut short: bad data" "$VMUX" plan "$O/cut.csv" \
	--host-cpu 1 -o "$O/x.csv"
LC_ALL=C grep -q "cut.csv:1: field '.*time': unknown column" "$O/err"
t_report $? "a mark cut short: file, line and field"
t_done

#!/bin/sh
# Every CSV vmux writes, re-read field for field through libcsv and python's
# csv module (tests/common/csvread.py; both must agree, every row as long as
# the header), for VM and host names holding commas, quotes, line breaks,
# tabs and leading or trailing spaces: import, size (VMs and groups), plan
# (plain, bucketed, sharded and merged; the per-host table and the summary),
# evaluate, frontier (plain and merged from shards), validate, simulate and
# the report's tables. Each name must come back exactly as it went in. The
# writers of names vmux makes itself (gen, bench and its calibration file,
# whose source field holds commas) must re-read too.
. tests/common/e2e.sh
O=$T_DIR
R="python3 tests/common/csvread.py"

if ! python3 -c 'import ctypes; ctypes.CDLL("libcsv.so.3")' 2>/dev/null; then
	t_skip "csv names" "libcsv.so.3 cannot be loaded from python"
	t_done
	exit 0
fi

# check NAME FILE COLUMN EXPECTED: the COLUMN of FILE, as a set, is the set
# of names in EXPECTED (a JSON list).
check() {
	python3 - "$2" "$3" "$4" >"$O/why" 2>&1 <<'EOF'
import json, sys
sys.path.insert(0, "tests/common")
import csvread
path, col, want = sys.argv[1], sys.argv[2], set(json.loads(sys.argv[3]))
got = set(csvread.column(path, col))
if got != want:
    print(f"{col}: got {sorted(got)!r}, wanted {sorted(want)!r}")
    sys.exit(1)
EOF
	t_report $? "$1" "$(head -c 300 "$O/why")"
}

# The names, once, in JSON (python writes them into every input).
NAMES='["plain", "a,b", "say \"hi\"", "line\nbreak", " lead", "trail ",
	"tab\tin", " both, \"x\"\n y "]'
HOSTS='["rack 1, slot 2", " h2", "h\"3\"", "h\n4"]'

# A canonical trace (names quoted, so that the blanks survive ingest), a
# plan with odd host names, and a PlanetLab day whose file names are the
# names: 48 slots from 2011-03-03 00:00 UTC.
python3 - "$O" "$NAMES" "$HOSTS" <<'EOF'
import csv, json, os, sys
out, names, hosts = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
t0 = 1299110400
with open(f"{out}/t.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    w.writerow(["time", "vm", "cpu"])
    for s in range(48):
        for i, n in enumerate(names):
            w.writerow([t0 + 300 * s, n, 0.05 * (1 + i) + 0.01 * ((7 * s + i) % 5)])
with open(f"{out}/plan.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    w.writerow(["vm", "host"])
    for i, n in enumerate(names):
        w.writerow([n, hosts[i % len(hosts)]])
day = f"{out}/pl/20110303"
os.makedirs(day)
for i, n in enumerate(names):
    with open(os.path.join(day, n), "w") as f:
        f.write("".join(f"{(7 * s + i) % 50}\n" for s in range(12)))
EOF

T=$O/t.csv

# readable NAME FILE: every row of FILE as long as the header, both
# readers agreeing.
readable() {
	python3 -c 'import sys; sys.path.insert(0, "tests/common"); import csvread; csvread.read(sys.argv[1])' \
		"$2" >"$O/why" 2>&1
	t_report $? "$1" "$(tail -c 300 "$O/why")"
}
t_ok "import planetlab with odd file names" "$VMUX" import planetlab "$O/pl" -o "$O/imp.csv"
check "import: the vm column" "$O/imp.csv" vm "$NAMES"
t_ok "size --csv" "$VMUX" size "$T" --csv
cp "$O/out" "$O/size.csv"
check "size: the vm column" "$O/size.csv" vm "$NAMES"
t_ok "size -o" "$VMUX" size "$T" -o "$O/size2.csv"
check "size -o: the vm column" "$O/size2.csv" vm "$NAMES"
t_ok "size --group" "$VMUX" size "$T" --group 'plain,"trail "' --group '" lead"' --csv
cp "$O/out" "$O/group.csv"
check "size --group: the group column" "$O/group.csv" group '["plain,\"trail \"", "\" lead\""]'
t_ok "plan -o" "$VMUX" plan "$T" --host-cpu 1 -o "$O/p.csv"
check "plan: the vm column" "$O/p.csv" vm "$NAMES"
t_ok "plan --buckets 2 -o" "$VMUX" plan "$T" --host-cpu 1 --buckets 2 -o "$O/pb.csv"
check "plan --buckets: the vm column" "$O/pb.csv" vm "$NAMES"
t_ok "plan --host-table --csv" "$VMUX" plan "$T" --host-cpu 1 --host-table "$O/ph.csv" --csv
cp "$O/out" "$O/psum.csv"
readable "plan --host-table: the per-host table re-reads" "$O/ph.csv"
readable "plan --csv: the summary re-reads" "$O/psum.csv"
for i in 0 1; do
	"$VMUX" plan "$T" --host-cpu 1 --buckets 2 --shard $i/2 -o "$O/ps$i" \
		>/dev/null 2>&1
	"$VMUX" frontier "$T" --host-cpu 1 --eval-from 1299117600 \
		--policies separate --percentiles 90 --buckets 2 --shard $i/2 \
		-o "$O/fs$i" >/dev/null 2>&1
done
t_ok "merge of plan shards, -o --csv" "$VMUX" merge "$O/ps1" "$O/ps0" \
	-o "$O/pm.csv" --csv
cp "$O/out" "$O/pmsum.csv"
check "merge: the vm column" "$O/pm.csv" vm "$NAMES"
readable "merge --csv: the summary re-reads" "$O/pmsum.csv"
t_ok "merge of frontier shards -o" "$VMUX" merge "$O/fs0" "$O/fs1" -o "$O/fm.csv"
check "merge of frontier shards: the policy column" "$O/fm.csv" policy '["separate"]'
t_ok "evaluate --csv, a plan with odd host names" "$VMUX" evaluate "$T" \
	--plan "$O/plan.csv" --host-cpu 1 --csv
cp "$O/out" "$O/ev.csv"
check "evaluate: the host column" "$O/ev.csv" host \
	"$(printf '%s' "$HOSTS" | sed 's/]$/, "total"]/')"
t_ok "frontier -o" "$VMUX" frontier "$T" --host-cpu 1 --eval-from 1299117600 \
	--policies separate,joint --percentiles 90 -o "$O/fr.csv"
check "frontier: the policy column" "$O/fr.csv" policy '["separate", "joint"]'

# validate replays the host 'rack 1, slot 2' (plain and " both, ...") for
# three slots on real guests.
# (exit 75: the machine was too busy to trust the numbers; the CSV is
# written either way, and only its fields matter here.)
"$VMUX" validate "$T" --plan "$O/plan.csv" --host-cpu 1 \
	--host 'rack 1, slot 2' --to 1299111300 --slot-ms 20 -o "$O/va.csv" \
	>"$O/out" 2>"$O/err"
rc=$?
[ $rc -eq 0 ] || [ $rc -eq 75 ]
t_report $? "validate -o, host 'rack 1, slot 2'" "exit $rc: $(head -c 300 "$O/err")"
check "validate: the host column" "$O/va.csv" host '["rack 1, slot 2", "total"]'

cp "$T" "$O/t, \"odd\".csv"
t_ok "simulate -o, a trace path with a comma and quotes" "$VMUX" simulate \
	"$O/t, \"odd\".csv" -o "$O/sim.csv" --timeline "$O/tl.csv"
check "simulate: the trace column" "$O/sim.csv" trace "[\"$O/t, \\\"odd\\\".csv\"]"
check "simulate --timeline: the policy column" "$O/tl.csv" policy '["thr-mmt-0.8"]'
check "simulate --timeline: the trace column" "$O/tl.csv" trace "[\"$O/t, \\\"odd\\\".csv\"]"

t_ok "report --no-charts" "$VMUX" report --trace "$T" --plan "$O/plan.csv" \
	--host-cpu 1 --no-charts -o "$O/rep"
for f in "$O"/rep/*.csv; do
	readable "report: $(basename "$f") re-reads" "$f"
done
v=$(grep -l '^vm,' "$O"/rep/*.csv | head -1)
if [ -n "$v" ]; then
	check "report: $(basename "$v"): the vm column" "$v" vm "$NAMES"
else
	t_report 1 "report: a table with a vm column" "none in $(ls "$O/rep")"
fi
h=$(grep -l '^host,' "$O"/rep/*.csv | head -1)
check "report: $(basename "$h"): the host column" "$h" host "$HOSTS"

t_ok "gen -o" "$VMUX" gen --vms 3 --slots 4 --seed 1 -o "$O/gen.csv"
readable "gen: the trace re-reads" "$O/gen.csv"
t_ok "bench -o --calibration" "$VMUX" bench --quick --accel tcg \
	--repeat 1 -o "$O/bench.csv" --calibration "$O/cal.csv"
readable "bench: the rows re-read" "$O/bench.csv"
readable "bench --calibration: the file re-reads" "$O/cal.csv"
t_done

#!/bin/sh
# End-to-end tests of bucketed plans (sim/plan/fleet.h): `plan --buckets 1`
# is the plain plan; `plan --shard I/N` for N = 1, 2, 3, 4 and 11 (more
# shards than buckets: some are empty), merged with `vmux merge` in any
# order, gives the bytes and summary of `plan --buckets 8`; every VM's
# bucket is FNV-1a of its name mod 8 (recomputed here in python) and no
# host holds VMs of two buckets, hosts numbered bucket by bucket; the
# bucketed frontier merges from shards to the same bytes, its joint P95
# hosts those of `plan --buckets`; a bucketed plan writes PLAN.meta
# (merged shards the same bytes), and merge refuses shards of conflicting
# terms naming both values; merge
# refuses a missing, repeated, foreign or cut shard (65) and a run that
# fails leaves nothing; usage errors exit 2 (--host-table with buckets).
. tests/common/e2e.sh
O=$T_DIR
P="--host-cpu 12 --host-mem 49152"

"$VMUX" gen --vms 240 --slots 96 --seed 9 --resources cpu,mem \
	-o "$O/g.csv" 2>/dev/null
t_ok "plain plan" "$VMUX" plan "$O/g.csv" $P -o "$O/plain.plan"
t_ok "--buckets 1" "$VMUX" plan "$O/g.csv" $P --buckets 1 -o "$O/b1.plan"
t_ok "--buckets 1 is the plain plan" cmp "$O/plain.plan" "$O/b1.plan"
t_ok "--buckets 8" "$VMUX" plan "$O/g.csv" $P --buckets 8 -o "$O/b8.plan"
cp "$O/out" "$O/b8.txt"

for k in 1 2 3 4 11; do
	files="" i=$((k - 1))
	while [ $i -ge 0 ]; do # last shard first: order must not matter
		"$VMUX" plan "$O/g.csv" $P --buckets 8 --shard $i/$k \
			-o "$O/s$i.$k" >/dev/null 2>&1 || echo "shard $i/$k failed" >&2
		files="$files $O/s$i.$k" i=$((i - 1))
	done
	t_ok "merge of $k shard(s)" "$VMUX" merge $files -o "$O/m$k.plan"
	cp "$O/out" "$O/m$k.txt"
	t_ok "$k shard(s) merged = unsharded plan" cmp "$O/m$k.plan" "$O/b8.plan"
	t_ok "$k shard(s): same summary" cmp "$O/m$k.txt" "$O/b8.txt"
	t_ok "$k shard(s): same PLAN.meta" cmp "$O/m$k.plan.meta" "$O/b8.plan.meta"
done
# A bucketed plan carries its terms (no level: each bucket calibrates).
M=$O/b8.plan.meta
t_eq "bucketed PLAN.meta: capacities, percentile, promise, policy" \
	"$(grep -E '^(host_cpu|host_mem|percentile|promise|policy)=' "$M" | tr '\n' ' ')" \
	"host_cpu=12 host_mem=49152 percentile=95 promise=fleet policy=robust "
t_eq "bucketed PLAN.meta: no level" \
	"$(grep -c -E '^(level|estimate_lo)=' "$M")" 0
t_eq "bucketed PLAN.meta: the trend count, summed over buckets" \
	"$(grep -c -E '^trend_lifted_vms=[0-9]+$' "$M")" 1
t_eq "bucketed PLAN.meta: the plan's SHA-256" \
	"$(sed -n 's/^plan_sha256=//p' "$M")" \
	"$(sha256sum "$O/b8.plan" | cut -d' ' -f1)"
t_ok "evaluate takes a bucketed plan's capacities" "$VMUX" evaluate \
	"$O/g.csv" --plan "$O/b8.plan" --csv
t_exit 2 "evaluate: --host-cpu conflicting with a bucketed plan" "$VMUX" \
	evaluate "$O/g.csv" --plan "$O/b8.plan" --host-cpu 11
"$VMUX" plan "$O/g.csv" --host-cpu 13 --host-mem 49152 --buckets 8 \
	--shard 2/3 -o "$O/c2.3" >/dev/null 2>&1
t_exit 65 "merge: shards of conflicting terms" "$VMUX" merge "$O/s0.3" \
	"$O/s1.3" "$O/c2.3" -o "$O/x.plan"
t_grep "terms conflict: host_cpu=12 vs host_cpu=13 \(shard 0 \\('.*/s0.3'\\) vs shard 2 \\('.*/c2.3'\\)\)" \
	"$O/err" "merge names the conflicting term and both values"
t_eq "merge: a terms conflict says nothing of shard counts" \
	"$(grep -c "file(s) given\|number of shard files" "$O/err")" 0
# Shards of another percentile or policy: the option and both values.
"$VMUX" plan "$O/g.csv" $P --percentile 90 --buckets 8 --shard 2/3 \
	-o "$O/p2.3" >/dev/null 2>&1
t_exit 65 "merge: shards of different percentiles" "$VMUX" merge "$O/s0.3" \
	"$O/s1.3" "$O/p2.3" -o "$O/x.plan"
t_grep "different options: percentile 95 vs 90 \(shard 0 \\('.*/s0.3'\\) vs shard 2 \\('.*/p2.3'\\)\)" \
	"$O/err" "merge names the percentile and both values"
"$VMUX" plan "$O/g.csv" $P --policy joint --buckets 8 --shard 2/3 \
	-o "$O/j2.3" >/dev/null 2>&1
t_exit 65 "merge: shards of different policies" "$VMUX" merge "$O/s0.3" \
	"$O/s1.3" "$O/j2.3" -o "$O/x.plan"
t_grep "different options: policy robust vs joint" "$O/err" \
	"merge names the policy and both values"
"$VMUX" plan "$O/g.csv" --host-cpu 12 --buckets 8 --shard 2/3 \
	-o "$O/r2.3" >/dev/null 2>&1
t_exit 65 "merge: shards of different resources" "$VMUX" merge "$O/s0.3" \
	"$O/s1.3" "$O/r2.3" -o "$O/x.plan"
t_grep "different options: resources cpu,mem vs cpu \(shard 0 \\('.*/s0.3'\\) vs shard 2 \\('.*/r2.3'\\)\)" \
	"$O/err" "merge names the resources by name"

t_grep '^robust: 240 VMs on [0-9]+ hosts, 0 unplaced.*8 buckets' "$O/b8.txt" \
	"summary names the buckets"
# The bucketed summary states the plain one's terms: it lacked the slot
# length (gen's default step, 300 s) and the promise line (P95: 5 %).
t_grep '^robust: .*; service level P95 over 96 slots of 300 s; 8 buckets$' \
	"$O/b8.txt" "bucketed summary: the slot length"
t_grep '^  promise \(fleet\): at most 5% of all host-slots of the plan above capacity$' \
	"$O/b8.txt" "bucketed summary: the promise line"
"$VMUX" plan "$O/g.csv" $P --buckets 8 --policy joint --promise host >"$O/bh.txt" 2>/dev/null
t_grep '^  promise \(host\): a host is above the target when more than 5% of its own slots are above capacity; at most 5% of the hosts may be$' \
	"$O/bh.txt" "bucketed summary: the host promise"

# Buckets recomputed independently: FNV-1a 64 of the name, mod 8.
python3 - "$O/b8.plan" >"$O/check" 2>&1 <<'PY'
import csv, sys
def fnv(s):
    h = 1469598103934665603
    for c in s.encode():
        h = ((h ^ c) * 1099511628211) % 2**64
    return h % 8
rows = list(csv.DictReader(open(sys.argv[1])))
bucket_of_host, last = {}, (-1, -1)
for r in rows:
    b, h = fnv(r["vm"]), int(r["host"])
    if bucket_of_host.setdefault(h, b) != b:
        print("host", h, "holds buckets", bucket_of_host[h], "and", b); sys.exit(1)
    if (b, h) < last:
        print("rows not in bucket, host order at", r["vm"]); sys.exit(1)
    last = (b, h)
if sorted(bucket_of_host) != list(range(len(bucket_of_host))):
    print("hosts not numbered 0..n-1"); sys.exit(1)
print("ok", len(rows), len(bucket_of_host))
PY
t_grep '^ok 240 ' "$O/check" "buckets by FNV-1a of the name, hosts bucket by bucket"

# Default bucket count: one per 20,000 VMs, at least 1, so a small trace
# VMs too large for a host: a plain plan names them (the first ten) on
# standard error; a bucketed plan only counted them ("1098 unplaced"), so
# the unplaced VMs could not be found. Now every way of making the
# bucketed plan names the same ones, as the plain plan words it.
Q="--host-cpu 1 --buckets 8"
t_ok "bucketed plan, VMs above a 1-core host" "$VMUX" plan "$O/g.csv" $Q \
	-o "$O/nf.plan"
cp "$O/err" "$O/nf.err"
awk -F, 'NR > 1 { print $2 }' "$O/g.csv" | sort -u >"$O/all.vms"
awk -F, 'NR > 1 { print $1 }' "$O/nf.plan" | sort -u >"$O/placed.vms"
missing=$(comm -23 "$O/all.vms" "$O/placed.vms" | wc -l | tr -d ' ')
listed=$(grep -c "^vmux: plan: VM '.*' fits on no host: its cpu size at P95 is .*, the host has 1$" "$O/nf.err")
more=$(sed -n 's/^vmux: plan: \.\.\. and no host for \([0-9]*\) more VMs*$/\1/p' "$O/nf.err")
t_eq "... ten VMs named" "$listed" 10
t_eq "... named and counted: every VM missing from the plan" \
	"$((listed + more))" "$missing"
first=$(sed -n "s/^vmux: plan: VM '\(.*\)' fits on no host.*/\1/p" "$O/nf.err" | head -1)
size=$(sed -n "s/^vmux: plan: VM '$first' fits on no host: its cpu size at P95 is \([0-9.]*\),.*/\1/p" "$O/nf.err")
# nearest-rank P95 of its 96 values: the 92nd smallest
want=$(awk -F, -v v="$first" 'NR > 1 && $2 == v { print $3 }' "$O/g.csv" |
	sort -g | sed -n 92p)
awk -v a="$size" -v b="$want" 'BEGIN { exit !(a - b < 1e-4 && b - a < 1e-4 && b > 1) }'
t_report $? "... $first's size is its P95 ($want), above the host" "said $size"
for i in 0 1 2; do
	"$VMUX" plan "$O/g.csv" $Q --shard $i/3 -o "$O/nf$i.3" >/dev/null 2>&1
done
t_ok "... the shards merged" "$VMUX" merge "$O/nf2.3" "$O/nf0.3" "$O/nf1.3" \
	-o "$O/nfm.plan"
cp "$O/err" "$O/nfm.err"
t_ok "... say the same" cmp "$O/nfm.err" "$O/nf.err"
t_ok "... the same plan" cmp "$O/nfm.plan" "$O/nf.plan"
# merge --strict: the shards' unplaced VMs exit 1, as plan --strict does,
# in the same words, after writing the plan; without one, exit 0.
[ "$missing" = 1 ] && vms=VM || vms=VMs
t_exit 1 "merge --strict with unplaced VMs exits 1" "$VMUX" merge --strict \
	"$O/nf2.3" "$O/nf0.3" "$O/nf1.3" -o "$O/nfs.plan"
t_grep "^vmux: merge: no host for $missing $vms \\(--strict\\)$" "$O/err" \
	"... and says how many ($missing)"
t_ok "... the plan written all the same" cmp "$O/nfs.plan" "$O/nf.plan"
t_ok "merge --strict with every VM placed exits 0" "$VMUX" merge --strict \
	"$O/s0.2" "$O/s1.2" -o "$O/ss.plan"
# Shard files carry those VMs on nofit lines (version 2; 3 adds the trend
# and absent counts to bucket lines, 4 the VMs with no data, 5 names the
# first three of them, 6 adds the apart lines); a version 1
# file (none) still merges; a bad nofit line is named at its line.
t_eq "... shard files version 6" "$(head -1 "$O/nf0.3")" "vmux-plan-shard 6"
for i in 0 1 2; do shard_v1 "$O/nf$i.3" "$O/v1nf$i.3"; done
t_ok "... version 1 shards merge" "$VMUX" merge "$O/v1nf0.3" "$O/v1nf1.3" \
	"$O/v1nf2.3" -o "$O/v1nf.plan"
t_ok "... to the same plan" cmp "$O/v1nf.plan" "$O/nf.plan"
sed 's/^\(nofit	[^	]*	[0-9]*	\)cpu/\1gpu/' "$O/nf0.3" >"$O/badnf0.3"
t_exit 65 "... a nofit line of an unknown resource" "$VMUX" merge \
	"$O/badnf0.3" "$O/nf1.3" "$O/nf2.3" -o "$O/x.plan"
t_grep "badnf0.3:[0-9]+: field 'nofit': not a resource of the plan" "$O/err" \
	"... named at its line"
# sharded without --buckets is one bucket (shard 1 of 2 empty) and merges
# to the plain plan.
"$VMUX" plan "$O/g.csv" $P --shard 0/2 -o "$O/d0" >/dev/null 2>&1
"$VMUX" plan "$O/g.csv" $P --shard 1/2 -o "$O/d1" >/dev/null 2>&1
t_grep '^buckets	1$' "$O/d1" "default: one bucket for 240 VMs"
t_grep '^rows	0$' "$O/d1" "the other shard is empty"
t_ok "default shards merge" "$VMUX" merge "$O/d1" "$O/d0" -o "$O/d.plan"
t_ok "... to the plain plan" cmp "$O/d.plan" "$O/plain.plan"

# frontier --buckets: rows are sums over buckets; shards merge to the bytes.
F="--host-cpu 12 --train-to 1704086400 --eval-from 1704086400 --policies joint,robust --percentiles 90,95 --buckets 4"
t_ok "frontier --buckets 4" "$VMUX" frontier "$O/g.csv" $F --csv
cp "$O/out" "$O/fb.csv"
for k in 1 3; do
	files="" i=0
	while [ $i -lt $k ]; do
		"$VMUX" frontier "$O/g.csv" $F --shard $i/$k -o "$O/fs$i.$k" \
			>/dev/null 2>&1
		files="$O/fs$i.$k $files" i=$((i + 1))
	done
	t_ok "frontier: merge of $k shard(s)" "$VMUX" merge $files -o "$O/fm$k.csv"
	t_ok "frontier: $k shard(s) merged = unsharded" cmp "$O/fm$k.csv" "$O/fb.csv"
done
# A count of -1 in a point line, or a header line with more after its
# numbers, is refused at its line (sscanf took -1 as 2^64 - 1 and summed
# it: hosts 2 where 3 + -1 made no sense; "buckets 4junk" was 4).
awk -F'\t' -v OFS='\t' '$1 == "point" && !d { $7 = -1; d = NR } { print }' \
	"$O/fs0.3" >"$O/fneg0"
line=$(awk -F'\t' '$1 == "point" { print NR; exit }' "$O/fs0.3")
t_exit 65 "frontier shard: hosts -1" "$VMUX" merge "$O/fneg0" "$O/fs1.3" \
	"$O/fs2.3" -o "$O/x.csv"
t_grep "fneg0:$line: field 'hosts': not an integer >= 0" "$O/err" \
	"... named at its line and field"
for key in shard buckets points; do
	sed "s/^\($key	.*\)$/\1junk/" "$O/fs0.3" >"$O/fjunk0"
	t_exit 65 "frontier shard: '$key' line with more after it" "$VMUX" \
		merge "$O/fjunk0" "$O/fs1.3" "$O/fs2.3" -o "$O/x.csv"
	t_grep "fjunk0:[234]: field '$key': expected" "$O/err" \
		"... named at its line"
done
# The reader took any blanks for a tab (sscanf's "\t") and did not look
# at P and LEVEL: a shard line "shard 0 3" (spaces), a point line of
# spaces, P or LEVEL NaN, below 0 or 100 and over merged without a word.
# Refused now at the line, the field named, as plan shards are.
sed '2s/	/ /g' "$O/fs0.3" >"$O/fsp0"
t_exit 65 "frontier shard: spaces for the tabs of the shard line" "$VMUX" \
	merge "$O/fsp0" "$O/fs1.3" "$O/fs2.3" -o "$O/x.csv"
t_grep "fsp0:2: field 'shard': expected 'shard I N'" "$O/err" \
	"... named at its line"
sed "${line}s/	/ /g" "$O/fs0.3" >"$O/fsp0"
t_exit 65 "frontier shard: spaces for the tabs of a point line" "$VMUX" \
	merge "$O/fsp0" "$O/fs1.3" "$O/fs2.3" -o "$O/x.csv"
t_grep "fsp0:$line: field 'point': expected a point line" "$O/err" \
	"... named at its line"
for c in p:4:nan p:4:-0x1p+0 p:4:0x1.9p+6 p:4:0x1.9p+7 level:6:nan \
	level:6:-0x1p+0 level:6:0x0p+0 level:6:inf level:6:0x1.9p+6; do
	f=${c%%:*} c=${c#*:}
	awk -F'\t' -v OFS='\t' -v f="${c%%:*}" -v v="${c#*:}" \
		'$1 == "point" && !d { $f = v; d = 1 } { print }' \
		"$O/fs0.3" >"$O/fbad0"
	t_exit 65 "frontier shard: $f ${c#*:}" "$VMUX" merge "$O/fbad0" \
		"$O/fs1.3" "$O/fs2.3" -o "$O/x.csv"
	t_grep "fbad0:$line: field '$f': not .* in \(0, 100\)" "$O/err" \
		"... named at its line and field"
done
t_ok "... nothing written" test ! -e "$O/x.csv"
# sbp's level is a z: below 0 under P50, and merged as it is.
"$VMUX" frontier "$O/g.csv" --host-cpu 12 --train-to 1704086400 \
	--eval-from 1704086400 --policies sbp --percentiles 40 --buckets 4 \
	--shard 0/1 -o "$O/fsbp" >/dev/null 2>&1
t_ok "frontier shard: sbp at P40 merges" "$VMUX" merge "$O/fsbp" -o "$O/fsbp.csv"
t_eq "... its level below 0" "$(awk -F, 'NR == 2 { print ($3 < 0) }' "$O/fsbp.csv")" 1
# --csv reads nothing for frontier shards (their merge is the CSV): it
# ran and did nothing; refused, as every command refuses an option it
# does not read, and nothing is written.
t_exit 2 "merge --csv of frontier shards: exit 2" "$VMUX" merge \
	"$O/fs0.1" --csv -o "$O/fmcsv.csv"
t_grep "option '--csv': '.*fs0.1' is a frontier shard" "$O/err" \
	"... the option and the shard named"
t_ok "... nothing written" test ! -e "$O/fmcsv.csv"
# --strict too: a frontier places no VMs to leave unplaced.
t_exit 2 "merge --strict of frontier shards: exit 2" "$VMUX" merge \
	"$O/fs0.1" --strict -o "$O/fmstrict.csv"
t_grep "option '--strict': '.*fs0.1' is a frontier shard" "$O/err" \
	"... the option and the shard named"
"$VMUX" plan "$O/g.csv" --host-cpu 12 --train-to 1704086400 --policy joint \
	--percentile 95 --buckets 4 --csv >"$O/pj" 2>/dev/null
t_ok "frontier hosts = plan --buckets hosts (joint P95)" test \
	"$(awk -F, '$1 == "joint" && $2 == 95 { print $4 }' "$O/fb.csv")" = \
	"$(awk -F, 'NR == 2 { print $3 }' "$O/pj")"
# The seed in every output: the bucketed CSV and the merged one (the
# shard files carry it); a version 1 shard (before the seed) merges with
# the field empty; shards of two seeds are refused.
seed_of() { awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "seed") k = i; next }
	{ print k ? $k : "none" }' "$1" | sort -u | tr '\n' ' '; }
t_eq "bucketed frontier: the seed column" "$(seed_of "$O/fb.csv")" "1 "
for i in 0 1 2; do
	sed '1s/ 4$/ 1/; /^seed	/d; /^eval_vms	/d; /^caps	/d; /^windows	/d;
		/^train_vms	/d; /^point	/s/	[0-9]*	[0-9]*$//' \
		"$O/fs$i.3" >"$O/v1fs$i"
done
t_ok "merge: version 1 frontier shards" "$VMUX" merge "$O/v1fs0" "$O/v1fs1" \
	"$O/v1fs2" -o "$O/v1.csv"
t_eq "... the seed field empty" "$(seed_of "$O/v1.csv")" " "
"$VMUX" frontier "$O/g.csv" $F --shard 2/3 --seed 5 -o "$O/fs2.seed5" \
	>/dev/null 2>&1
t_exit 65 "merge: frontier shards of two seeds" "$VMUX" merge "$O/fs0.3" \
	"$O/fs1.3" "$O/fs2.seed5"
t_grep "different options: --seed 1 vs 5 \(shard 0 \\('.*/fs0.3'\\) vs shard 2 \\('.*/fs2.seed5'\\)\)" "$O/err" \
	"... named, with both seeds"
# Frontier shards did not record the host capacities, the windows or the
# training trace: shards of --host-cpu 12 and 13, of two --train-to, or
# of two training traces merged into one CSV without a word (PlanetLab
# 20110303 shards of --host-cpu 8 and 9 did). Version 4 records them, and
# merge names the first that differs; a version 3 shard (without them)
# still merges.
# shard2_of SED FILE WHAT: shard 2 of the options F edited by SED, into
# FILE, merged with shards 0 and 1 of F: refused, exit 65 (WHAT).
shard2_of() {
	"$VMUX" frontier "$O/g.csv" $(echo "$F" | sed "$1") --shard 2/3 \
		-o "$O/$2" >/dev/null 2>&1
	t_exit 65 "merge: frontier shards of $3" "$VMUX" merge "$O/fs0.3" \
		"$O/fs1.3" "$O/$2"
}
shard2_of 's/--host-cpu 12/--host-cpu 13/' fs2.cpu13 "two --host-cpu"
t_grep "different options: --host-cpu 12 vs 13 \(shard 0 \\('.*/fs0.3'\\) vs shard 2 \\('.*/fs2.cpu13'\\)\)$" "$O/err" \
	"... named, with both values"
shard2_of 's/--train-to 1704086400/--train-to 1704080000/' fs2.tto \
	"two training windows"
t_grep "different options: --train-to 1704086400 vs 1704080000 \(shard 0 \\('.*/fs0.3'\\) vs shard 2 \\('.*/fs2.tto'\\)\)$" \
	"$O/err" "... named, with both times"
"$VMUX" gen --vms 239 --slots 96 --seed 9 --resources cpu -o "$O/g239.csv" >/dev/null 2>&1
"$VMUX" gen --vms 240 --slots 96 --seed 10 --resources cpu -o "$O/g10.csv" >/dev/null 2>&1
E="--eval-trace $O/g10.csv --host-cpu 12 --policies joint --percentiles 95 --buckets 4"
for i in 0 1; do
	"$VMUX" frontier "$O/g.csv" $E --shard $i/3 -o "$O/ft$i" >/dev/null 2>&1
done
"$VMUX" frontier "$O/g239.csv" $E --shard 2/3 -o "$O/ft2" >/dev/null 2>&1
t_exit 65 "merge: frontier shards of two training traces" "$VMUX" merge \
	"$O/ft0" "$O/ft1" "$O/ft2"
t_grep "different options: a training trace of 240 vs 239 VMs \(TRACE; shard 0 \\('.*/ft0'\\) vs shard 2 \\('.*/ft2'\\)\)$" \
	"$O/err" "... named, with both VM counts"
for i in 0 1 2; do
	sed '1s/ 4$/ 3/; /^caps	/d; /^windows	/d; /^train_vms	/d' "$O/fs$i.3" >"$O/v3fs$i"
done
t_ok "merge: version 3 frontier shards" "$VMUX" merge "$O/v3fs0" "$O/v3fs1" \
	"$O/v3fs2" -o "$O/v3.csv"
t_ok "... the same CSV" cmp "$O/v3.csv" "$O/fb.csv"
t_ok "merge: version 3 and 4 shards together" "$VMUX" merge "$O/v3fs0" \
	"$O/fs1.3" "$O/fs2.3" -o "$O/v34.csv"
t_ok "... the same CSV" cmp "$O/v34.csv" "$O/fb.csv"
t_grep "in-sample overload .*; seed 1; virt none; growth 0; trend rule raised [0-9]+ VMs?; 0 VMs may grow \\(kept apart where two could outgrow a host\\)$" \
	"$O/b8.txt" "bucketed plan summary: the seed, the trend count, may grow"
t_ok "merge --csv" "$VMUX" merge "$O/s0.3" "$O/s1.3" "$O/s2.3" -o "$O/x3.plan" --csv
t_eq "merge --csv: the seed column" "$(seed_of "$O/out")" "1 "
"$VMUX" plan "$O/g.csv" $P --buckets 8 --seed 4 --csv >"$O/p4" 2>/dev/null
t_eq "plan --buckets --csv: the seed column" "$(seed_of "$O/p4")" "4 "
t_exit 65 "merge: frontier shards missing" "$VMUX" merge "$O/fs0.3" "$O/fs1.3"
"$VMUX" frontier "$O/g.csv" $F --percentiles 95 --shard 2/3 -o "$O/fp2.3" \
	>/dev/null 2>&1
t_exit 65 "merge: frontier shards of other levels" "$VMUX" merge "$O/fs0.3" \
	"$O/fs1.3" "$O/fp2.3"
t_grep "different options: 4 vs 2 points .*shard 0 \\('.*/fs0.3'\\) vs shard 2 \\('.*/fp2.3'\\)" "$O/err" \
	"merge names the frontier shards' point counts"
# The same number of points at other levels: merge said "a point has no
# bucket or differs between shards", naming neither the point nor a shard.
shard2_of 's/--percentiles 90,95/--percentiles 85,95/' fp85.3 \
	"as many points at other levels"
t_grep "different options: point 0 is joint at P90 vs joint at P85 \(--policies, --percentiles; shard 0 \\('.*/fs0.3'\\) vs shard 2 \\('.*/fp85.3'\\)\)$" \
	"$O/err" "... the point, both levels and both shards named"

t_exit 65 "merge: a shard missing" "$VMUX" merge "$O/s0.3" "$O/s1.3" -o "$O/x.plan"
t_grep "number of shard files \\(2\\) is not the shards' n \\(3\\)" "$O/err" \
	"merge names what is missing, with both counts"
# Which shard is missing, given twice or of another run, by file: merge
# said "a shard is given twice" and "the number of shard files (2) is not
# the shards' n (3)", naming neither a file nor a shard, nor the buckets'
# values ("planned with different --buckets").
t_grep "\(3\): shard 2 missing$" "$O/err" "... and which shard"
t_exit 65 "merge: shards 0 and 2 missing" "$VMUX" merge "$O/s1.3"
t_grep "number of shard files \(1\) is not the shards' n \(3\): shards 0, 2 missing$" \
	"$O/err" "... both named"
t_exit 65 "merge: a shard twice" "$VMUX" merge "$O/s0.3" "$O/s1.3" "$O/s1.3"
t_grep "merge: a shard is given twice: '$O/s1.3' and '$O/s1.3' are both shard 1 of 3$" \
	"$O/err" "... the two files named"
t_exit 65 "merge: shards of different runs" "$VMUX" merge "$O/s0.2" "$O/s1.3" "$O/s2.3"
t_grep "merge: the shards are of different runs: '$O/s0.2' is shard 0 of 2, '$O/s1.3' shard 1 of 3$" \
	"$O/err" "... the two files named"
t_exit 65 "merge: frontier shards twice" "$VMUX" merge "$O/fs0.3" "$O/fs0.3" "$O/fs1.3"
t_grep "merge: a shard is given twice: '$O/fs0.3' and '$O/fs0.3' are both shard 0 of 3$" \
	"$O/err" "... the frontier's files named too"
"$VMUX" plan "$O/g.csv" $P --buckets 9 --shard 2/3 -o "$O/b9.3" >/dev/null 2>&1
t_exit 65 "merge: shards of different --buckets" "$VMUX" merge "$O/s0.3" \
	"$O/s1.3" "$O/b9.3" -o "$O/x.plan"
t_grep "different options: --buckets 8 vs 9 \(shard 0 \\('.*/s0.3'\\) vs shard 2 \\('.*/b9.3'\\)\)" "$O/err" \
	"... both values named"
head -c 400 "$O/s2.3" >"$O/cut"
t_exit 65 "merge: a cut shard file" "$VMUX" merge "$O/s0.3" "$O/s1.3" "$O/cut" -o "$O/x.plan"
t_grep "^$O/cut:[0-9]+: field" "$O/err" "the cut file is named with a line"
t_exit 65 "merge: a plan file is no shard" "$VMUX" merge "$O/b8.plan"
# A damaged row count: the rows are read as they come (memory follows
# the file), so 10^11 declared rows in a small file are bad data (65),
# not a 5 TB allocation refused as out of memory (71).
sed 's/^rows	.*/rows	113726368008/' "$O/s2.3" >"$O/bigrows"
t_exit 65 "merge: a shard claiming 10^11 rows" "$VMUX" merge "$O/s0.3" \
	"$O/s1.3" "$O/bigrows" -o "$O/x.plan"
t_grep "^$O/bigrows:[0-9]+: field 'rows': the rows end after [0-9]+; the header says 113726368008" \
	"$O/err" "the shard claiming 10^11 rows: file, line, both counts"
# A shard line longer than memory allows is exit 71, not a cut file (65).
# Sanitizer builds reserve terabytes and cannot start under the limit.
if sh -c 'ulimit -v 60000; "$0" version' "$VMUX" >/dev/null 2>&1; then
	{ head -c 400 "$O/s2.3"; head -c 40M /dev/zero | tr '\0' x; } >"$O/big"
	t_exit 71 "merge: out of memory on a shard line" sh -c \
		'ulimit -v 60000; exec "$0" merge "$@"' "$VMUX" "$O/s0.3" \
		"$O/s1.3" "$O/big" -o "$O/x.plan"
	rm -f "$O/big"
else
	t_skip "merge: out of memory on a shard line" "sanitizer build"
fi
t_ok "no plan left by failed merges" test ! -e "$O/x.plan"
t_exit 74 "merge: a missing file" "$VMUX" merge "$O/nope"
t_exit 2 "--shard 3/3" "$VMUX" plan "$O/g.csv" $P --shard 3/3
t_exit 2 "--shard x" "$VMUX" plan "$O/g.csv" $P --shard 1
# Digits only: sscanf's %u skipped blanks and took a sign.
for s in " 0/ 2" "+1/2" "1/+2" "0/2 " "0x0/2" "0/1048577"; do
	t_exit 2 "--shard '$s'" "$VMUX" plan "$O/g.csv" $P --shard "$s"
	t_grep "is not I/N" "$O/err" "--shard '$s': the message says the form"
done
t_exit 2 "--buckets 0" "$VMUX" plan "$O/g.csv" $P --buckets 0
# A bucketed plan has no per-host table: --host-table (or --hosts) was
# accepted and no file written, exit 0.
for o in "--buckets 8" "--shard 0/2"; do
	t_exit 2 "--host-table with $o" "$VMUX" plan "$O/g.csv" $P $o \
		--host-table "$O/ht.csv" -o "$O/ht.plan"
	t_grep "options '--host-table' and '${o%% *}' exclude each other: a bucketed plan" \
		"$O/err" "--host-table with $o: the message names both options"
	t_exit 1 "--host-table with $o: no plan written" test -e "$O/ht.plan"
done
t_exit 2 "--hosts with --buckets" "$VMUX" plan "$O/g.csv" $P --buckets 8 \
	--hosts "$O/ht.csv"
t_exit 2 "merge with no file" "$VMUX" merge
# The sums of a bucketed --csv were written with %.6g: 1048581 MiB as
# 1.04858e+06. P95 of a's two samples is the larger (1048577), b's 4.
printf 'time,vm,cpu,mem\n0,a,1,1048576\n300,a,1,1048577\n0,b,0.5,3\n300,b,0.25,4\n' \
	>"$O/big.csv"
t_ok "plan --buckets --csv of MiB in the millions" "$VMUX" plan \
	"$O/big.csv" --host-cpu 4 --host-mem 4000000 --buckets 2 --csv \
	-o "$O/big.plan"
t_eq "... sums in full" "$(sed -n 2p "$O/out" | cut -d, -f4,5,16,17)" \
	"1.5,1.5,1048581,1048581"
for i in 0 1; do
	"$VMUX" plan "$O/big.csv" --host-cpu 4 --host-mem 4000000 --buckets 2 \
		--shard $i/2 -o "$O/big.$i" >"$O/big.$i.txt" 2>&1
done
t_ok "merge --csv of its shards" "$VMUX" merge "$O/big.0" "$O/big.1" \
	--csv -o "$O/bigm.plan"
t_eq "... sums in full" "$(sed -n 2p "$O/out" | cut -d, -f16,17)" \
	"1048581,1048581"
t_done

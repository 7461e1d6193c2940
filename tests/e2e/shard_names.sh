#!/bin/sh
# End-to-end test of plan shard files (sim/plan/fleet_file.h) whose VMs
# are named as the file's keywords: bucket, nofit, nodata, apart,
# apart_over, end, term, rows (and the header's: shard, buckets, ...,
# and the frontier's point). A shard's first row is read after its
# bucket statistics lines; a VM named `bucket` there was taken for one
# (exit 65, "wrong number of fields"). For each name N in turn a trace of
# eight VMs named so, N the largest (0.9 of a 1-core host: the first row
# of its bucket, host 0), the next name too large for a host (a nofit
# line), the one after with no data in the training window (a nodata
# line), the next two provisioned 32 cores (kept apart; the second one
# reserving more than the host: apart and apart_over lines): shards of
# --buckets 1 and 3, merged, give the bytes, summary and PLAN.meta of the
# unsharded bucketed plan; shards written as versions 1 to 5 merge to the
# same plan; a damaged bucket line is still named at its line.
# Run from the repository root.
. tests/common/e2e.sh
O=$T_DIR
T0=1299110400
NAMES="bucket nofit nodata apart apart_over end term rows"
# small VMs named as the header's keywords, in every trace
EXTRA="shard buckets policy percentile slots resources point"
P="--host-cpu 1 --train-to $((T0 + 3600))"

# trace N: 24 slots; the window is the first 12.
trace() {
	awk -v t0=$T0 -v big="$1" -v names="$NAMES" -v extra="$EXTRA" 'BEGIN {
		n = split(names, v, " ")
		for (i = 1; i <= n; i++) if (v[i] == big) k = i
		print "time,vm,cpu,cpu_prov"
		for (s = 0; s < 24; s++) for (i = 1; i <= n; i++) {
			r = (i - k + n) % n; x = 0.02 * i; p = 0
			if (r == 0) x = 0.9
			if (r == 1) x = 1.5
			if (r == 2 && s < 12) continue
			if (r == 3) { x = 0.2; p = 32 }
			if (r == 4) { x = 0.3; p = 32 }
			print t0 + 300 * s "," v[i] "," x "," p
		}
		n = split(extra, v, " ")
		for (s = 0; s < 24; s++) for (i = 1; i <= n; i++)
			print t0 + 300 * s "," v[i] ",0.01,0" }' >"$O/$1.csv"
}

# merged N B: shards of --buckets B merged, against the unsharded plan
merged() {
	"$VMUX" plan "$O/$1.csv" $P --buckets $2 -o "$O/$1.$2.plan" \
		>"$O/$1.$2.txt" 2>/dev/null
	files="" i=$(($2 - 1))
	while [ $i -ge 0 ]; do
		"$VMUX" plan "$O/$1.csv" $P --buckets $2 --shard $i/$2 \
			-o "$O/$1.s$i.$2" >/dev/null 2>&1
		files="$files $O/$1.s$i.$2" i=$((i - 1))
	done
	t_ok "$1, --buckets $2: shards merge" "$VMUX" merge $files \
		-o "$O/$1.m$2.plan"
	cp "$O/out" "$O/$1.m$2.txt"
	t_ok "... the unsharded plan" cmp "$O/$1.m$2.plan" "$O/$1.$2.plan"
	t_ok "... its summary" cmp "$O/$1.m$2.txt" "$O/$1.$2.txt"
	t_ok "... its PLAN.meta" cmp "$O/$1.m$2.plan.meta" "$O/$1.$2.plan.meta"
}

for vm in $NAMES; do # not n: t_ok's
	trace $vm
	merged $vm 1
	# the row after the one bucket line of the one shard: VM N, host 0
	t_eq "$vm: the shard's first row" "$(awk -F'\t' '!r && $1 == "rows" &&
		NF == 2 { r = NR + 2 } NR == r { print $1, $2, $3 }' "$O/$vm.s0.1")" "$vm 0 0"
	merged $vm 3
done

# The frontier's shards (no VM names: point lines) merge to its CSV too.
F="--host-cpu 1 --train-to $((T0 + 3600)) --eval-from $((T0 + 3600))
	--policies joint,robust --percentiles 90,95 --buckets 3"
t_ok "frontier --buckets 3" "$VMUX" frontier "$O/bucket.csv" $F --csv
cp "$O/out" "$O/f.csv"
for i in 0 1 2; do
	"$VMUX" frontier "$O/bucket.csv" $F --shard $i/3 -o "$O/f$i" >/dev/null 2>&1
done
t_ok "frontier: shards merge" "$VMUX" merge "$O/f2" "$O/f0" "$O/f1" \
	-o "$O/fm.csv"
t_ok "... to the unsharded CSV" cmp "$O/fm.csv" "$O/f.csv"

# Shard files of older versions (bucket lines of 6 + 2 x resources fields
# in versions 1 and 2, 8 + 2 x resources in 3) with a VM `bucket` first.
# shard_lines and shard_vN (tests/common/e2e.sh) tell the lines apart as
# the format has them (the header up to the rows line, bucket lines of
# other than 3 + resources fields, the rows' count).
t_eq "the shards have every kind of line" "$(for f in "$O"/*.s?.?; do
	shard_lines "$f"; done | awk -F'\t' '$1 == "tail" { print $2 }' | sort -u |
	tr '\n' ' ')" "apart apart_over end nodata nofit "
for i in 0 1 2; do
	f=$O/bucket.s$i.3
	for v in 1 2 3 4 5; do shard_v$v "$f" "$f.v$v"; done
done
# the shard whose first row is VM bucket
first=$(grep -l "^bucket	[0-9]*	0	0x1.ccccccccccccdp-1$" "$O"/bucket.s?.3)
t_eq "VM bucket, 0.9, is the first row of a shard of 3" \
	"$(shard_lines "$first" | awk -F'\t' '$1 == "row" { print $2; exit }')" bucket
for v in 1 2 3 4 5; do
	t_eq "version $v: a bucket line, then the row bucket" \
		"$(awk -F'\t' '$1 == "bucket" { print NF }' "$first.v$v" |
			tr '\n' ' ')" "$([ $v -le 2 ] && echo 8 || ([ $v = 3 ] &&
			echo 10 || echo 11)) 4 "
	t_ok "version $v shards with a VM 'bucket' merge" "$VMUX" merge \
		"$O/bucket.s2.3.v$v" "$O/bucket.s1.3.v$v" "$O/bucket.s0.3.v$v" \
		-o "$O/v$v.plan"
	t_ok "... to the same plan" cmp "$O/v$v.plan" "$O/bucket.3.plan"
done

# The helpers picked shard lines by their first word alone (shard_v2 and
# shard_v3 dropped every line opening nodata, apart or apart_over: the
# rows of VMs so named): for each name, its shards of --buckets 3 as
# every older version merge to the plan.
for vm in $NAMES; do
	for v in 1 2 3 4 5; do
		files=""
		for i in 2 1 0; do
			shard_v$v "$O/$vm.s$i.3" "$O/$vm.s$i.3.v$v"
			files="$files $O/$vm.s$i.3.v$v"
		done
		"$VMUX" merge $files -o "$O/$vm.v$v.plan" >/dev/null 2>&1
		t_ok "$vm, shard_v$v: merges to the same plan" \
			cmp "$O/$vm.v$v.plan" "$O/$vm.3.plan"
	done
done

# A damaged bucket line (a field lost) is still a bucket line, named at
# its line; so is a row named bucket of the wrong length.
f=$O/bucket.s0.1
awk -F'\t' -v OFS='\t' '$1 == "bucket" && NF == 11 { NF = 10 } { print }' \
	"$f" >"$O/cut"
line=$(awk -F'\t' '$1 == "bucket" && NF == 11 { print NR }' "$f")
t_exit 65 "a bucket line a field short" "$VMUX" merge "$O/cut" -o "$O/x.plan"
t_grep "cut:$line: field 'bucket': wrong number of fields" "$O/err" \
	"... named at its line"
awk -F'\t' -v OFS='\t' '$1 == "bucket" && NF == 4 { $5 = "0x1p-1" } { print }' \
	"$f" >"$O/long"
t_exit 65 "a row 'bucket' a field long" "$VMUX" merge "$O/long" -o "$O/x.plan"
t_grep "long:$((line + 1)): field '[a-z]+': wrong number of fields" \
	"$O/err" "... named at its line"
t_ok "nothing written" test ! -e "$O/x.plan"
t_done

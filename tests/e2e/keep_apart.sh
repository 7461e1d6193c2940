#!/bin/sh
# End-to-end test of keeping apart what may grow (README: planning) on a
# hand-made canonical trace of two days (288 slots of 300 s each) with
# provisioned sizes: a and b use 1.5 of 32 provisioned cores on day 1 and
# jump to 4.5 on day 2 (a level shift, as Bitbrains VMs did); c uses 1 of
# 2. Planned on day 1 for 8-core hosts: without the provisioned columns
# the default plan puts all three on one host (4 cores), which day 2
# overloads in every slot (10 > 8); with them, a and b may grow (32 > 4 x
# 1.5) and reserve min(32, 4 x 1.5) = 6 cores each, so they are kept
# apart (6 + 6 > 8) and day 2 overloads no host (at most 4.5 + 1 cores):
# the promise (<= 5 % of host-slots) holds. On 5-core hosts each one's
# reservation alone is above the host (6 > 5), which the summary says.
. tests/common/e2e.sh
O=$T_DIR

awk 'BEGIN { print "time,vm,cpu,cpu_prov,mem_prov"
	for (s = 0; s < 576; s++) {
		t = 1000000 + 300 * s; x = s < 288 ? 1.5 : 4.5
		printf "%d,a,%g,32,0\n%d,b,%g,32,0\n%d,c,1,2,0\n", t, x, t, x, t
	} }' >"$O/t.csv"
cut -d, -f1-3 "$O/t.csv" >"$O/bare.csv"
D2=$((1000000 + 288 * 300))

# overload FILE: the overload_rate of evaluate --csv's last row
overload() {
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "overload_rate") c = i }
		 END { print $c }' "$1"
}

t_ok "plan day 1 without provisioned sizes" "$VMUX" plan "$O/bare.csv" \
	--host-cpu 8 --train-to $D2 -o "$O/bare.plan"
t_eq "without them: one host" "$(cut -d, -f2 "$O/bare.plan" | sed 1d | sort -u)" 0
t_ok "evaluate day 2" "$VMUX" evaluate "$O/bare.csv" --plan "$O/bare.plan" \
	--from $D2 --csv
t_eq "without them: day 2 overloaded in every slot" "$(overload "$O/out")" 1
t_ok "plan day 1 with provisioned sizes" "$VMUX" plan "$O/t.csv" \
	--host-cpu 8 --train-to $D2 -o "$O/t.plan"
t_eq "a and b on different hosts" \
	"$(awk -F, '$1 == "a" || $1 == "b" { print $2 }' "$O/t.plan" | sort -u | wc -l | tr -d ' ')" 2
# neither reserves more than the host on its own (6 < 8): no such line
t_eq "no VM reserves more than the 8-core host" \
	"$(grep -c "more than the host holds" "$O/out")" 0
t_grep "^  keeping them apart costs 1 host: packed without the rule, the same VMs at the same level take 1 host, not 2\$" \
	"$O/out" "... and what it costs in hosts"
t_ok "evaluate day 2" "$VMUX" evaluate "$O/t.csv" --plan "$O/t.plan" \
	--from $D2 --csv
t_eq "with them: day 2 never overloaded, the promise holds" \
	"$(overload "$O/out")" 0
t_ok "plan day 1 on 5-core hosts" "$VMUX" plan "$O/t.csv" \
	--host-cpu 5 --train-to $D2 -o "$O/t5.plan"
# a and b reserve 6 > 5 each; c (not growing) joins a and stays there
# (levelling: moving it would leave b's host 2.5 of 5, no more room than
# a's has now), so one is alone and one is not
t_grep "^  2 VMs may grow to more than the host holds on their own \\(reserved: 4 x own size, at most the provisioned; cpu 6 > 5\\): no other VM that may grow on the same resource can share a host with one; 1 is alone on its host, 1 shares only with VMs that do not grow\$" \
	"$O/out" "on 5-core hosts the summary says why a and b are kept apart"
t_done

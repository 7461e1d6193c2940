#!/bin/sh
# End-to-end test of `vmux gen --shape azure` over a 30-day window of
# 5-minute slots, checked here in python against the published figures the
# shape is fitted to (README: "Synthetic fleets"): the mean observed
# lifetime near Azure V2's 60.3 h (162,465,708 VM-hours / 2,695,548 VMs),
# a heavy tail (median far below the mean, a fifth to a half of the VMs
# under an hour), every VM one run of rows, VM 0 the whole window, cpu
# within 32 cores; the shape and seed are in FILE.meta; the same seed gives
# the same bytes; an unknown shape is a usage error.
. tests/common/e2e.sh
O=$T_DIR

t_ok "gen --shape azure" "$VMUX" gen --vms 1500 --slots 8640 --seed 11 \
	--shape azure -o "$O/az.csv"
t_grep '^shape=azure$' "$O/az.csv.meta" "the shape is in FILE.meta"
t_grep '^command=.* --shape azure -o ' "$O/az.csv.meta" "and in the command"
"$VMUX" gen --vms 1500 --slots 8640 --seed 11 --shape azure \
	-o "$O/az2.csv" 2>/dev/null
t_ok "same seed, same bytes" cmp "$O/az.csv" "$O/az2.csv"
python3 - "$O/az.csv" >"$O/check" 2>&1 <<'PY'
import csv, sys
t0, slots, rows, top = None, {}, 0, 0.0
for r in csv.DictReader(open(sys.argv[1])):
    t = int(r["time"]); t0 = t if t0 is None else min(t0, t)
    slots.setdefault(r["vm"], []).append(t)
    top = max(top, float(r["cpu"]))
bad = [v for v, ts in slots.items()
       if sorted(ts) != list(range(min(ts), max(ts) + 300, 300))]
life = sorted(len(ts) * 300 / 3600 for ts in slots.values())
n = len(life); mean = sum(life) / n
under1h = sum(l < 1 for l in life) / n
print("vms", n, "holes", len(bad), "mean %.1f median %.1f under1h %.2f top %.1f"
      % (mean, life[n // 2], under1h, top))
print("vm0", len(slots["vm0000"]))
ok = (n == 1500 and not bad and 48 <= mean <= 72 and life[n // 2] < mean / 4
      and 0.2 <= under1h <= 0.5 and top <= 32 and len(slots["vm0000"]) == 8640)
print("ok" if ok else "FAIL")
PY
t_grep '^ok$' "$O/check" "lifetimes: V2's mean, heavy tail, one run each ($(head -1 "$O/check"))"
t_exit 2 "unknown shape" "$VMUX" gen --vms 4 --slots 4 --seed 1 \
	--shape google -o "$O/x.csv"
t_done

#!/bin/sh
# End-to-end test of what a fleet plan says when no held-out fold had an
# overloaded host-slot: the fold spread is 0 and the 90 % interval
# [0.00%, 0.00%], which alone reads as certainty; plan's summary and the
# report's interval add the 95 % Jeffreys bound on a later fold having
# one (the 95 % quantile of Beta(1/2, n + 1/2) after 0 of n), checked
# against a quantile found here by numeric integration (awk, Simpson's
# rule after x = u^2 takes out the singularity at 0); PLAN.meta records
# the folds (estimate_folds). The host scope, which widens its own
# interval, does not print it.
. tests/common/e2e.sh
O=$T_DIR

# quantile P of Beta(1/2, N + 1/2): CDF(x) = int_0^sqrt(x) (1 - u^2)^(N-1/2)
# du / int_0^1 (same), bisected
jeffreys() {
	awk -v n="$1" -v p="$2" '
	function f(u) { return (1 - u * u) ^ (n - 0.5) }
	function integ(b,   k, h, s, m) { m = 20000; h = b / m; s = f(0) + f(b)
		for (k = 1; k < m; k++) s += (k % 2 ? 4 : 2) * f(k * h)
		return s * h / 3 }
	BEGIN { z = integ(1); lo = 0; hi = 1
		for (i = 0; i < 50; i++) { mid = (lo + hi) / 2
			if (integ(sqrt(mid)) / z < p) lo = mid; else hi = mid }
		printf "%.1f\n", 100 * (lo + hi) / 2 }'
}

# The awk integral against a closed form: Beta(1/2, 3/2) (n = 1) has CDF
# (2 / pi) (t + sin t cos t), t = asin(sqrt(x)), bisected here.
t_eq "jeffreys(1) is the closed form's" "$(jeffreys 1 0.95)" \
	"$(awk 'BEGIN { lo = 0; hi = 1; pi = 3.14159265358979
	for (i = 0; i < 60; i++) { m = (lo + hi) / 2; t = atan2(sqrt(m), sqrt(1 - m))
		if (2 / pi * (t + sin(t) * cos(t)) < 0.95) lo = m; else hi = m }
	printf "%.1f\n", 100 * (lo + hi) / 2 }')"
t_eq "jeffreys(15): bitbrains 2013-7's 15 clean days" "$(jeffreys 15 0.95)" 11.8

# Two VMs at 0.2 and 0.3 cores, 4 days of hourly slots: never near a host
# of 1 core, so no fold overloads.
awk 'BEGIN { print "time,vm,cpu,mem"
	for (s = 0; s < 96; s++) {
		t = 1300000000 - 1300000000 % 86400 + 3600 * s
		printf "%d,a,0.2,100\n%d,b,0.3,100\n", t, t
	} }' >"$O/t.csv"

t_ok "plan" "$VMUX" plan "$O/t.csv" --host-cpu 1 --host-mem 1000 \
	-o "$O/p.csv"
cp "$T_DIR/out" "$O/summary"
t_grep "calibrated on 4 held-out days" "$O/summary" "4 day folds"
t_grep "interval \[0\.00%, 0\.00%\]" "$O/summary" "interval [0, 0]"
X=$(jeffreys 4 0.95)
t_grep "^  no held-out day had an overloaded host-slot: with 4 of 4 days clean, a later day has one with probability at most $X% \(95% Jeffreys bound\)$" \
	"$O/summary" "summary: the Jeffreys bound, $X %"
t_eq "PLAN.meta: estimate_folds" \
	"$(sed -n 's/^estimate_folds=//p' "$O/p.csv.meta")" 4

t_ok "report" "$VMUX" report --trace "$O/t.csv" --plan "$O/p.csv" \
	--no-charts -o "$O/r"
t_grep "like the held-out ones \(no held-out day had an overloaded host-slot: with 4 of 4 days clean, a later day has one with probability at most $X% \(95% Jeffreys bound\)\)" \
	"$O/r/index.html" "report: the Jeffreys bound beside the interval"

# A PLAN.meta of an older vmux, without estimate_folds: no bound.
grep -v '^estimate_folds=' "$O/p.csv.meta" >"$O/m" && mv "$O/m" "$O/p.csv.meta"
t_ok "report, older PLAN.meta" "$VMUX" report --trace "$O/t.csv" \
	--plan "$O/p.csv" --no-charts -o "$O/r2"
grep -q "Jeffreys" "$O/r2/index.html"
t_report $((!$?)) "report, older PLAN.meta: no bound (folds unknown)"

# The host scope widens its own interval: no sentence.
t_ok "plan --promise host" "$VMUX" plan "$O/t.csv" --host-cpu 1 \
	--host-mem 1000 --promise host -o "$O/h.csv"
grep -q "Jeffreys" "$T_DIR/out"
t_report $((!$?)) "host scope: no Jeffreys sentence"
t_done

#!/bin/sh
# End-to-end tests of the lecture's claims as `vmux report` counts them
# (--bench) against `vmux bench`'s own table on the same run: the page
# dropped the table's "RAM (best)" line, so where the terminal showed a
# RAM row better than claimed the page said "0 better". Both RAM lines are
# on the page now (list, table, chart) and the page counts each verdict as
# often as the terminal's table shows it; a hand-made bench CSV checks
# the counts against a hand count. Run from the repository root.
. tests/common/e2e.sh
O=$T_DIR

"$VMUX" import planetlab traces/planetlab/20110303 -o "$O/d1.csv" >/dev/null 2>&1
"$VMUX" plan "$O/d1.csv" --host-cpu 1 -o "$O/plan.csv" >/dev/null 2>&1
t_ok "inputs made" test -s "$O/plan.csv"

# count FILE: "agree worse better inconclusive" in FILE's text.
count() {
	for v in '(agrees' '(worse than claimed' '(better than claimed' \
		'(inconclusive'; do
		grep -oF "$v" "$1" | wc -l
	done | tr '\n' ' ' | sed 's/ $//'
}
# page_count DIR: the same from the page's conclusion ("N agree(s), N
# is/are worse, N better and N inconclusive").
page_count() {
	sed -n 's/.*) \([0-9]*\) agrees*, \([0-9]*\) [a-z]* worse, \([0-9]*\) better and \([0-9]*\) inconclusive.*/\1 \2 \3 \4/p' \
		"$1/index.html"
}

# --- A real run: the terminal's table against the page, same CSV.
t_ok "bench (mem, priv, disk; quick)" "$VMUX" bench --quick --repeat 2 \
	--workloads mem,priv,disk -o "$O/bench.csv"
cp "$T_DIR/out" "$O/bench.out"
sed -n '/^resource /,/^$/p' "$O/bench.out" >"$O/lecture.txt"
t_grep "^RAM \\(best\\) " "$O/lecture.txt" "the terminal has a RAM (best) line"
t_ok "report on its CSV" "$VMUX" report --trace "$O/d1.csv" \
	--plan "$O/plan.csv" --bench "$O/bench.csv" --no-charts -o "$O/r"
want=$(count "$O/lecture.txt")
t_eq "the page counts the terminal's verdicts (agree worse better inconclusive)" \
	"$(page_count "$O/r")" "$want"
t_eq "... as many measurements with a claim" \
	"$(sed -n 's/.*of the \([0-9]*\) measurements above with a claim.*/\1/p' \
		"$O/r/index.html")" \
	"$(echo "$want" | awk '{ print $1 + $2 + $3 + $4 }')"
for w in worst best; do
	term=$(grep "^RAM ($w) " "$O/lecture.txt" |
		sed 's/.*  \([-0-9.]* %\) (\([a-z ]*\).*/\1 \2/')
	page=$(awk -F, -v r="RAM ($w)" '$1 == r && $4 == "hw" {
		v = sprintf("%.1f", $7); if (v == "-0.0") v = "0.0"
		printf "%s %% %s\n", v, $11 }' "$O/r/overhead.csv")
	t_eq "... RAM ($w): the page's hw row is the terminal's" "$page" "$term"
done

# --- A hand-made CSV: hw's largest chase rows 30 % (agrees) and -5 %
# (better); priv full 20 % (worse), hw 4 % (agrees); disk full 10 %
# (agrees), para 50 % range 15-60 (inconclusive). By hand: 3 agree,
# 1 worse, 1 better, 1 inconclusive, of 6.
{
	echo "workload,style,variant,overhead_pct,overhead_lo_pct,overhead_hi_pct"
	echo "mem,hw,chase 256K pg=4k host=4k,90,89,91"
	echo "mem,hw,chase 16M pg=4k host=4k,30,29,31"
	echo "mem,hw,chase 16M pg=2m host=4k,-5,-6,-4"
	echo "priv,full,pio 1/100000,20,19,21"
	echo "priv,hw,cpuid 1/100000,4,3,5"
	echo "disk,full,seq 1M,10,9,11"
	echo "disk,para,seq 1M,50,15,60"
} >"$O/hand.csv"
t_ok "report on a hand-made bench CSV" "$VMUX" report --trace "$O/d1.csv" \
	--plan "$O/plan.csv" --bench "$O/hand.csv" --no-charts -o "$O/h"
t_eq "... 3 agree, 1 worse, 1 better, 1 inconclusive" "$(page_count "$O/h")" \
	"3 1 1 1"
t_grep "<li>RAM \\(best\\) under hw: -5.0 % \\(chase 16M pg=2m host=4k\\): better than claimed.</li>" \
	"$O/h/index.html" "... RAM (best) listed"
t_grep "<li>RAM \\(worst\\) under hw: 30.0 % \\(chase 16M pg=4k host=4k\\): agrees.</li>" \
	"$O/h/index.html" "... RAM (worst) listed"
t_grep "Virtualization overhead against the lecture&#39;s claims: 3 agree, 1 worse, 1 better, 1 inconclusive." \
	"$O/h/index.html" "... and in the summary"

# --- Bars off the top of the chart's scale: their values are written
# upward from just above the plot, 8-pt digits, into the top margin, whose
# lines are of the chart's 10-pt font. A digit of DejaVu Sans is 0.636 em
# wide, so a label of L characters takes 0.636 x 8 / 10 x L lines, and
# one line more at most for its start (2 % of the plot above it); the
# title (one line) must sit above that (its offset lifts it from just
# above the plot: its foot is about half a line above the offset) and
# within the margin. At a margin of 6, offset 2.5, "2460373 %" ran into
# the title.
{
	echo "workload,style,variant,overhead_pct,overhead_lo_pct,overhead_hi_pct"
	echo "priv,full,pio 1/100000,20,19,21"
	echo "disk,full,seq 1M,2460373,2460000,2460500"
	echo "net,full,x,123456789,123456700,123456800"
} >"$O/huge.csv"
if command -v gnuplot >/dev/null 2>&1; then
	t_ok "report with bars off the scale" "$VMUX" report \
		--trace "$O/d1.csv" --plan "$O/plan.csv" --bench "$O/huge.csv" \
		-o "$O/u"
	G="$O/u/overhead.gp"
	t_eq "... both cut bars labelled" \
		"$(grep -c "rotate by 90 font ',8'" "$G")" 2
	awk "/rotate by 90/ { if (match(\$0, /'[^']*'/)) print RLENGTH - 2 }
	     /^set tmargin/ { print \"tm\", \$3 }
	     /^set title offset/ { split(\$4, o, \",\"); print \"off\", o[2] }" \
		"$G" | awk '$1 == "tm" { tm = $2; next } $1 == "off" { off = $2; next }
		{ if ($1 > l) l = $1 }
		END { need = 0.636 * 8 / 10 * l + 1
		      printf "label %d chars, %.2f lines; title offset %s, margin %s\n",
			l, need, off, tm
		      exit !(l == 11 && off + 0.5 >= need && tm >= off + 1.5) }' \
		>"$O/geom"
	t_report $? "... the longest label clears the title, within the margin" \
		"$(cat "$O/geom")"
else
	t_skip "report with bars off the scale" "no gnuplot"
fi
t_done

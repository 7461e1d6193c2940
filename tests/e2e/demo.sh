#!/bin/sh
# End-to-end test of `make demo`'s script, mk/demo.sh, as a new user reads
# it: run on the bundled traces into a build folder of the test's own
# (its vmux a wrapper that shortens the benchmark to the cpu workload and
# the validation to 10 ms slots; every other step as the demo runs it),
# it writes only there, its last line is the report's path, and what the
# terminal says of the plans' out-of-sample replay is in the page's units
# and agrees with the page and with vmux evaluate's CSV (before, it
# printed the CSV's bare total row, 'total,135,0,7488,0.02123397436,...',
# and the validation's CSV after vmux validate's own table).
# Run from the repository root.
. tests/common/e2e.sh
O=$T_DIR
B=$O/b
mkdir -p "$B"
cat >"$B/vmux" <<EOW
#!/bin/sh
case \$1 in
bench) exec "$VMUX" "\$@" --workloads cpu ;;
validate) exec "$VMUX" "\$@" --slot-ms 10 ;;
*) exec "$VMUX" "\$@" ;;
esac
EOW
chmod +x "$B/vmux"
sh mk/demo.sh "$B" >"$O/demo.out" 2>"$O/demo.err"
t_eq "the demo runs to its end" "$?" 0
t_eq "its last line is the report's path" "$(tail -1 "$O/demo.out")" \
	"$B/demo/report/index.html"
t_eq "it writes into its build folder only: demo/ beside the vmux" \
	"$(ls "$B" | tr '\n' ' ')" "demo vmux "
t_grep "^demo: done; outputs in $B/demo\$" "$O/demo.err" "... and says where"
# The warnings on the bundled Bitbrains data (repairs a new user cannot
# act on) are announced as such before the first of them.
first=$(grep -n "warning: .*bitbrains\|warning: .*bitbrains-rnd.csv" \
	"$O/demo.err" | head -1 | cut -d: -f1)
said=$(grep -n "^demo:   the warnings on the Bitbrains trace .* are vmux repairing the bundled data as traces/README.md says: nothing to do\$" \
	"$O/demo.err" | head -1 | cut -d: -f1)
[ -n "$first" ] && [ -n "$said" ] && [ "$said" -lt "$first" ]
t_report $? "the Bitbrains warnings are said to need nothing (line $said, first warning $first)"

# The evaluations' totals: in words, in percent, equal to the CSVs' own
# total rows (fractions) and, for the plan reported, to the page.
for e in eval eval-separate; do
	want=$(awk -F, '$1 == "total" { printf "total: %.2f %% of host-slots over capacity, %.2f %% of the demand unmet, %.2f %% of VM-slots short", 100 * $5, 100 * $6, 100 * $7 }' \
		"$B/demo/$e.csv")
	t_grep "^$want \\($B/demo/$e.csv\\)\$" "$O/demo.out" \
		"the terminal gives $e.csv's total in words and percent"
done
t_exit 1 "no bare CSV total row on the terminal" grep -q '^total,' "$O/demo.out"
over=$(awk -F, '$1 == "total" { printf "%.2f", 100 * $5 }' "$B/demo/eval.csv")
sed "s/<[^>]*>//g" "$B/demo/report/index.html" >"$O/page.txt"
t_grep "the hosts exceeded their capacity in $over % of host-slots" \
	"$O/page.txt" "the page's out-of-sample overload is the terminal's ($over %)"
t_done

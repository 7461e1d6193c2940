# The report's inputs made from the bundled PlanetLab days, as `make demo`
# makes them (sourced by the report tests after e2e.sh).
# report_inputs TRACES OUT COLUMNS: TRACES/20110303 imported as OUT/d1.csv
# and TRACES/20110306 as OUT/d2.csv; OUT/plan.csv planned on d1 (1-core
# hosts), OUT/eval.csv its evaluation on d2; OUT/frontier.csv one row per
# policy (robust, separate) and percentile (90, 95, 98): policy,
# percentile, hosts, then the evaluation's total columns 5, 6, ... named by
# the comma-separated COLUMNS.
report_inputs() {
	"$VMUX" import planetlab "$1/20110303" -o "$2/d1.csv" >/dev/null 2>&1
	"$VMUX" import planetlab "$1/20110306" -o "$2/d2.csv" >/dev/null 2>&1
	"$VMUX" plan "$2/d1.csv" --host-cpu 1 -o "$2/plan.csv" >/dev/null 2>&1
	"$VMUX" evaluate "$2/d2.csv" --plan "$2/plan.csv" --host-cpu 1 \
		-o "$2/eval.csv" 2>/dev/null
	{
		echo "policy,percentile,hosts,$3"
		for pol in robust separate; do for p in 90 95 98; do
			"$VMUX" plan "$2/d1.csv" --host-cpu 1 --policy $pol \
				--percentile $p -o "$2/fp.csv" >/dev/null 2>&1
			h=$(tail -n +2 "$2/fp.csv" | cut -d, -f2 | sort -u | wc -l)
			"$VMUX" evaluate "$2/d2.csv" --plan "$2/fp.csv" \
				--host-cpu 1 --csv 2>/dev/null |
				awk -F, -v a=$pol -v p=$p -v h=$h -v cols="$3" '
				$1 == "total" { s = a "," p "," h
				  k = split(cols, c, ",")
				  for (i = 5; i < 5 + k; i++) s = s "," $i
				  print s }'
		done; done
	} > "$2/frontier.csv"
}

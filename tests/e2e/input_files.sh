#!/bin/sh
# Every option naming an input file says the option and the file when it
# cannot be read (simulate --hosts nofile.csv said "vmux: nofile.csv: No
# such file or directory", naming no option; plan --overhead said "cannot
# open overhead file"), before any work; '-' is standard input where the
# option reads it (a trace or a plan), and a usage error elsewhere (--hosts
# - said "-: No such file or directory", import --meta - "cannot open
# '-'"); standard input is read by one input at most.
# Run from the repository root.
. tests/common/e2e.sh
O=$T_DIR
D=traces/planetlab/20110303
N=$O/nofile.csv

"$VMUX" import planetlab "$D" -o "$O/t.csv" >/dev/null 2>&1
"$VMUX" plan "$O/t.csv" --host-cpu 8 -o "$O/p.csv" >/dev/null 2>&1
t_ok "a trace and a plan to work on" test -s "$O/p.csv"

# option, command line after it: each refers to $N
while IFS='|' read -r opt args; do
	eval "set -- $args"
	t_exit 74 "$opt missing: exit 74" "$VMUX" "$@"
	t_grep "^vmux: option '$opt': cannot open '$N': No such file or directory\$" \
		"$O/err" "... the option and the file named"
	t_eq "... nothing on standard output" "$(wc -c <"$O/out")" 0
done <<LIST
--hosts|simulate $D --hosts $N -o $O/r.csv
--overhead|plan $O/t.csv --host-cpu 8 --virt hw --overhead $N -o $O/p2.csv
--vmtable|import azure traces/azure --vmtable $N -o $O/a.csv
--meta|import alibaba traces/alibaba2018 --meta $N -o $O/b.csv
--plan|evaluate $O/t.csv --plan $N
--plan|validate $O/t.csv --plan $N --host-cpu 8
--eval-trace|frontier $O/t.csv --eval-trace $N --host-cpu 8
--plan|report --trace $O/t.csv --plan $N -o $O/rep
--trace|report --trace $N --plan $O/p.csv -o $O/rep
--bench|report --trace $O/t.csv --plan $O/p.csv --bench $N -o $O/rep
--simulation|report --trace $O/t.csv --plan $O/p.csv --simulation $N -o $O/rep
LIST
for f in r.csv p2.csv a.csv b.csv rep; do
	[ ! -e "$O/$f" ] || echo "# $f written" >&2
done
[ -z "$(ls "$O" | grep -v '^\(t\|p\)\.csv\|meta\|^out$\|^err$')" ]
t_report $? "no output written by any of them"

t_exit 74 "a folder as --hosts: exit 74" "$VMUX" simulate "$D" --hosts "$O"
t_grep "^vmux: option '--hosts': cannot open '$O': Is a directory\$" \
	"$O/err" "... said so"

# '-' where the option reads no standard input.
while IFS='|' read -r opt args; do
	eval "set -- $args"
	t_exit 2 "$opt -: exit 2" "$VMUX" "$@"
	t_grep "^vmux [a-z]*: option '$opt' does not read standard input \('-'\): give a file; see" \
		"$O/err" "... a usage error naming the option"
done <<LIST
--hosts|simulate $D --hosts -
--overhead|plan $O/t.csv --host-cpu 8 --virt hw --overhead -
--meta|import alibaba traces/alibaba2018 --meta - -o $O/b.csv
--vmtable|import azure traces/azure --vmtable - -o $O/a.csv
--bench|report --trace $O/t.csv --plan $O/p.csv --bench - -o $O/rep
LIST

# '-' where it is standard input: read once.
t_ok "evaluate --plan - reads standard input" sh -c \
	'"$0" evaluate "$1" --plan - --host-cpu 8 --csv <"$2"' \
	"$VMUX" "$O/t.csv" "$O/p.csv"
cp "$O/out" "$O/ev-stdin"
t_ok "... as --plan FILE" "$VMUX" evaluate "$O/t.csv" --plan "$O/p.csv" \
	--host-cpu 8 --csv
cp "$O/out" "$O/ev-file"
t_ok "... a CSV of rows" test -s "$O/ev-file"
t_ok "... the same rows" cmp "$O/ev-file" "$O/ev-stdin"
# A plan from standard input has no PLAN.meta: its terms come from the
# command line, said so naming the options (it said "the plan '-' records
# no capacities (no -.meta)"), and no '-.meta' is read: one of garbage in
# the working directory changes nothing.
mkdir "$O/cwd" && echo "not key value" >"$O/cwd/-.meta"
while IFS='|' read -r cmd args opts; do
	t_exit 2 "$cmd --plan - with no --host-cpu: exit 2" sh -c \
		'cd "$1" && shift && exec "$@" <../p.csv' sh "$O/cwd" \
		"$VMUX" $cmd $args --plan -
	t_grep "^vmux $cmd: option '--host-cpu' is required: a plan read from standard input \('--plan -'\) carries no PLAN\.meta, so its terms are given on the command line: --host-cpu, $opts, as the plan was packed; see" \
		"$O/err" "... its terms are the command line's, options named"
	! grep -q -- '-\.meta' "$O/err"
	t_report $? "... no '-.meta' named"
done <<LIST
evaluate|../t.csv|--host-mem, --host-disk, --host-net, --percentile, --virt and --overhead
validate|../t.csv|--percentile, --virt and --overhead
report|--trace ../t.csv -o ../rep|--host-mem, --host-disk, --host-net, --percentile and --promise
LIST
t_ok "evaluate --plan - --host-cpu 8 beside a '-.meta' of garbage" sh -c \
	'cd "$1" && "$2" evaluate ../t.csv --plan - --host-cpu 8 --csv <../p.csv' \
	sh "$O/cwd" "$VMUX"
cp "$O/out" "$O/ev-cwd"
t_ok "... the rows of --plan FILE" cmp "$O/ev-cwd" "$O/ev-file"
t_exit 2 "evaluate - --plan -: exit 2" "$VMUX" evaluate - --plan - \
	--host-cpu 8
t_grep "option '--plan': '-' \(standard input\) is read by the positional argument '-' already" \
	"$O/err" "... standard input is read once"
t_exit 2 "report --trace - --plan -: exit 2" "$VMUX" report --trace - \
	--plan - --host-cpu 8 -o "$O/rep"
t_grep "option '--plan': '-' \(standard input\) is read by '--trace' already" \
	"$O/err" "... the other option named"
t_done

#!/bin/sh
# Malformed canonical traces: each must make `vmux size` exit 65 with
# "FILE:LINE: field 'NAME': reason" naming the right file, line and field,
# and leave no output file behind. Run from the repository root.
. tests/common/e2e.sh
O=$T_DIR
i=0

re() { printf '%s' "$1" | sed 's/[].[\*^$()+?{|]/\\&/g'; }

# bad NAME LINE FIELD CONTENT [ARGS...]: CONTENT is printf %b text.
bad() {
	n=$1 line=$2 fld=$3 content=$4
	shift 4
	i=$((i + 1))
	f=$O/bad$i.csv
	printf '%b' "$content" >"$f"
	t_exit 65 "$n: exit 65" "$VMUX" size "$f" "$@"
	t_grep "^$(re "$f"):$line: field '$(re "$fld")': [^ ]" "$O/err" \
		"$n: message names line $line, field '$fld'"
}

H='time,vm,cpu\n'
bad "empty file" 1 time ''
bad "only blank lines" 1 time '\n\r\n\n'
bad "header only" 2 time "$H"
bad "no time column" 1 time 'vm,cpu\na,1\n'
bad "no vm column" 1 vm 'time,cpu\n0,1\n'
bad "no resource column" 1 cpu 'time,vm\n0,a\n'
bad "mem but no cpu column" 1 cpu 'time,vm,mem\n0,a,1\n'
bad "unknown column" 1 gpu 'time,vm,cpu,gpu\n0,a,1,1\n'
bad "separated by ';'" 1 'time;vm;cpu' 'time;vm;cpu\n0;a;1\n'
t_grep "separated by ';' where the canonical CSV uses commas" "$O/err" \
	"a ';' file: the separator is named"
bad "separated by tabs" 1 'time\x09vm\x09cpu' 'time\tvm\tcpu\n0\ta\t1\n'
t_grep "separated by tabs where" "$O/err" "a tab file: the separator is named"
bad "a raw PlanetLab file" 1 24 '24\n31\n'
t_grep "the first line is not the header time,vm,cpu,... of a canonical trace: vmux import converts" \
	"$O/err" "a file without a header: vmux import is named"
printf 'time,vm,cpu,gpu\n0,a,1,1\n' >"$O/gpu.csv"
"$VMUX" size "$O/gpu.csv" >/dev/null 2>"$O/gpu.err"
t_grep "unknown column 'gpu'" "$O/gpu.err" "an unknown column after the first"
t_exit 1 "an unknown column after the first gets no such hint" \
	grep -q "vmux import" "$O/gpu.err"
mkdir -p "$O/day"
t_exit 74 "a folder given as the trace: exit 74" "$VMUX" size "$O/day"
t_grep "cannot read '.*day': it is a folder, not a canonical trace \(vmux import" \
	"$O/err" "a folder: said so, vmux import named"
bad "a column twice" 1 cpu 'time,vm,cpu,mem,cpu\n0,a,1,1,1\n'
bad "an empty column name" 1 '(empty)' 'time,vm,cpu,\n0,a,1,\n'
bad "non-numeric value" 3 cpu "${H}0,a,1\n300,a,lots\n"
bad "negative value" 4 mem 'time,vm,cpu,mem\n0,a,1,5\n300,a,1,5\n600,a,1,-5\n'
bad "NaN" 2 cpu "${H}0,a,NaN\n"
bad "inf" 3 disk 'time,vm,cpu,disk\n0,a,1,2\n300,a,1,inf\n'
bad "-inf" 2 net 'time,vm,cpu,net\n0,a,1,-inf\n'
bad "overflow to inf" 2 cpu "${H}0,a,1e999\n"
bad "hexadecimal" 2 cpu "${H}0,a,0x1p3\n"
bad "empty value" 2 cpu "${H}0,a,\n"
bad "empty VM name" 3 vm "${H}0,a,1\n300,,1\n"
bad "bad time" 3 time "${H}0,a,1\nyesterday,a,1\n"
bad "negative time" 2 time "${H}-300,a,1\n0,a,1\n"
bad "time off the grid" 5 time "${H}0,a,1\n300,a,1\n600,a,1\n750,a,1\n900,a,1\n"
bad "duplicate (vm, time)" 5 time "${H}0,a,1\n0,b,1\n300,a,1\n0,a,2\n"
bad "duplicate written differently" 4 time "${H}0,a,1\n300,a,1\n300.0,a,2\n"
bad "duplicate as -0" 4 time "${H}0,a,1\n300,a,1\n-0,a,2\n"
bad "two samples on one slot" 4 time "${H}0,a,1\n300,a,1\n300.0000001,a,2\n"
bad "unterminated quote" 3 '(row)' "${H}0,a,1\n300,\"a,1\n600,a,1\n900,a,1\n"
bad "too many fields" 3 '(extra)' "${H}0,a,1\n300,a,1,7\n"
bad "too few fields" 3 cpu "${H}0,a,1\n300,a\n"
bad "NUL byte" 3 '(row)' "${H}0,a,1\n3\\0000,a,1\n"
bad "a time far off for the rows" 4 time "${H}0,a,1\n1,a,1\n2000000000,a,1\n"
bad "negative cpu_prov" 3 cpu_prov 'time,vm,cpu,cpu_prov\n0,a,1,4\n300,a,1,-4\n'
bad "mem_prov above the limit" 2 mem_prov 'time,vm,cpu,mem_prov\n0,a,1,1e13\n'
bad "infinite cpu_prov" 2 cpu_prov 'time,vm,cpu,cpu_prov\n0,a,1,inf\n'
bad "empty mem_prov" 2 mem_prov 'time,vm,cpu,mem_prov\n0,a,1,\n'
bad "time off the grid, rows reversed" 3 time "${H}900,a,1\n750,a,1\n600,a,1\n300,a,1\n0,a,1\n"
bad "two samples on one slot, VM's rows apart" 6 time "${H}0,a,1\n0,b,1\n300,b,1\n600,a,1\n300.0000001,a,2\n300,a,2\n"
bad "CRLF lines" 3 cpu 'time,vm,cpu\r\n0,a,1\r\n300,a,x\r\n'
# Old Mac line ends (issue 16, defect 7: every error was on line 1).
bad "CR-only lines" 3 cpu 'time,vm,cpu\r0,a,0.5\r300,a,x\r'
bad "CR-only lines, a blank one" 4 cpu 'time,vm,cpu\r0,a,0.5\r\r300,a,x\r'
bad "mixed LF and CR lines" 4 cpu 'time,vm,cpu\n0,a,0.5\r300,a,1\n600,a,x\r'
# From a pipe the input cannot be read again to find the first line that
# holds a bad time: the VM's first row is named instead.
printf 'time,vm,cpu\n0,b,1\n0,a,1\n300,a,1\n450,a,1\n' | "$VMUX" size - \
	>"$O/out" 2>"$O/err"
t_eq "a time off the grid from a pipe: exit 65" "$?" 65
t_grep "^-:3: field 'time': 450 is not on the slot grid" "$O/err" \
	"... naming the VM's first row"

# A CRLF split by the 1 MiB read block: its '\n' starts the next block.
awk 'BEGIN { printf "time,vm,cpu\r\n"; n = 12;
	while (n < 1048575 - 40) { s = sprintf("%d,a,0.5\r\n", t); t += 300;
		if (n + length(s) > 1048575 - 40) break; printf "%s", s;
		n += length(s) }
	pad = 1048575 - n - 14; printf "%d,%s,0.5\r", t, substr(sprintf("%0" pad "d", 0), 1, pad) }' \
	>"$O/split.csv"
[ "$(head -c 1048576 "$O/split.csv" | tail -c 1 | od -An -c | tr -d ' ')" = '\r' ]
t_report $? "the fixture's CR is the last byte of the first block"
lines=$(($(tr -cd '\n' <"$O/split.csv" | wc -c) + 1))
printf '\n%d,a,x\r\n' 1 >>"$O/split.csv"
t_exit 65 "a CRLF across the block boundary counts once" "$VMUX" size \
	"$O/split.csv"
t_grep ":$((lines + 1)): field 'cpu'" "$O/err" \
	"a CRLF across the block boundary: line $((lines + 1))"
# A 2,000,000-digit value is cut in the message (issue 16, defect 8).
awk 'BEGIN { printf "time,vm,cpu\n0,a,"; for (i = 0; i < 20000; i++)
	printf "%s", "1234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890";
	printf "x\n" }' >"$O/long.csv"
t_exit 65 "a 2,000,000-digit value: exit 65" "$VMUX" size "$O/long.csv"
[ "$(wc -c <"$O/err")" -lt 300 ]
t_report $? "its message is short ($(wc -c <"$O/err") bytes)"
t_grep ":2: field 'cpu': '1234567890.{50}\.\.\.'" "$O/err" \
	"the value is cut at 60 characters and marked ..."
# Control bytes of the data are escaped in messages: a value holding a
# terminal escape sequence, a VM name holding a line break, a path holding
# an escape byte each stay one plain line.
printf 'time,vm,cpu\n0,a,\033[31mred\n' >"$O/esc.csv"
t_exit 65 "an escape sequence in a value: exit 65" "$VMUX" size "$O/esc.csv"
t_grep "esc.csv:2: field 'cpu': '.x1b\[31mred' is not" "$O/err" \
	"... written as \\x1b in the message"
printf 'time,vm,cpu\n0,"a\nb",1\n0,"a\nb",2\n' >"$O/nl.csv"
t_exit 65 "a VM name with a line break, twice in a slot: exit 65" \
	"$VMUX" size "$O/nl.csv"
t_eq "... its message is one line" "$(wc -l <"$O/err" | tr -d ' ')" 1
t_grep "'a.x0ab'" "$O/err" "... the break written as \\x0a"
t_exit 74 "a missing file whose name holds an escape byte: exit 74" \
	"$VMUX" size "$O/no$(printf '\033')pe.csv"
tr -d '\033' <"$O/err" | cmp -s - "$O/err"
t_report $? "... no escape byte reaches the terminal"
bad "after a blank line" 4 cpu "${H}0,a,1\n\n300,a,x\n"
bad "after a quoted name over two lines" 5 cpu "${H}0,\"x\ny\",1\n300,\"x\ny\",-1\n"
bad "off the --step grid" 3 time "${H}0,a,1\n300,a,1\n" --step 200

# Files of 64 MiB or more are parsed by worker threads in blocks: an error
# is still named at its line, the first one in file order, also behind
# lines the workers leave to the general path (a quoted name); and each
# outcome is the one from a pipe, which one thread reads in order.
# big LINE SED: a 75 MB trace (1,000 VMs x 3,000 slots), edited by SED.
"$VMUX" gen --vms 1000 --slots 3000 --seed 5 -o "$O/big.csv" >/dev/null
big() { sed "$1" "$O/big.csv" >"$O/big1.csv"; }
# same NAME LINE TEXT: big1.csv fails with TEXT on LINE, as from a pipe.
same() {
	t_exit 65 "$1: exit 65" "$VMUX" size "$O/big1.csv"
	t_grep ":$2: field $3" "$O/err" "... named at line $2"
	sed 's/^[^:]*://' "$O/err" >"$O/err.file"
	"$VMUX" size - <"$O/big1.csv" 2>&1 >/dev/null | sed 's/^[^:]*://' |
		cmp -s - "$O/err.file"
	t_report $? "... with the message a pipe gives"
}
big '2500000s/,[0-9.]*$/,x/'
same "a bad value in the second half" 2500000 "'cpu': 'x' is not a number"
big '2500000s/^[0-9]*/1704816600/'
same "a duplicate in the second half" 2500000 "'time': duplicate sample"
big '1500000s/,vm\([0-9]*\),/,"vm\1",/; 1700000s/,[0-9.]*$/,-1/; 2600000s/,[0-9.]*$/,y/'
same "a quoted name, then a negative value" 1700000 "'cpu': negative value"
big '900000s/,[0-9.]*$/,-2/; 2900000s/,[0-9.]*$/,z/'
same "errors in both halves: the first" 900000 "'cpu': negative value"
"$VMUX" size "$O/big.csv" --percentile 95 --csv >"$O/big.out" 2>"$O/err"
t_eq "a large good file loads" "$?" 0
"$VMUX" size - --percentile 95 --csv <"$O/big.csv" 2>&1 >"$O/big.pipe" |
	cmp -s - "$O/err"
t_report $? "... with the warning a pipe gives"
cmp -s "$O/big.out" "$O/big.pipe"
t_report $? "... and the sizes a pipe gives"
# A line longer than a block's reach (a 20,000-character VM name): the
# rest of the file is read by one thread, with the same outcome.
big "1500000s/,vm\\([0-9]*\\),/,vm\\1$(printf '%020000d' 0),/"
"$VMUX" size "$O/big1.csv" --csv >"$O/big.out" 2>"$O/err"
t_eq "a 20,000-character VM name in a large file loads" "$?" 0
"$VMUX" size - --csv <"$O/big1.csv" 2>/dev/null | cmp -s - "$O/big.out"
t_report $? "... with the sizes a pipe gives"
rm -f "$O"/big*

# Standard input is named "-".
printf '%b' "${H}0,a,1\n300,a,-2\n" >"$O/stdin.csv"
t_exit 65 "bad data on stdin: exit 65" sh -c '"$VMUX" size - <"$1"' sh "$O/stdin.csv"
t_grep "^-:3: field 'cpu': " "$O/err" "stdin: message names '-' and line 3"

# A failed run leaves no output file (nor a temporary one) behind.
mkdir "$O/out1" "$O/out2" "$O/out3"
printf '%b' "${H}0,a,1\n300,a,lots\n" >"$O/nan.csv"
printf '%b' "${H}0,a,1\n300,a,1\n450,a,1\n" >"$O/grid.csv"
t_exit 65 "-o with bad data: exit 65" "$VMUX" size "$O/nan.csv" -o "$O/out1/out.csv"
t_eq "... leaves no out.csv behind" "$(ls -A "$O/out1")" ""
t_exit 65 "-o with a grid error: exit 65" "$VMUX" size "$O/grid.csv" -o "$O/out2/out.csv"
t_eq "... leaves no out.csv behind" "$(ls -A "$O/out2")" ""
printf '%b' "${H}0,a,1\n300,a,2\n" >"$O/good.csv"
t_exit 65 "-o with an unknown --group VM: exit 65" \
	"$VMUX" size "$O/good.csv" --group a,b -o "$O/out3/out.csv"
t_eq "... leaves no out.csv behind" "$(ls -A "$O/out3")" ""
echo "old" >"$O/out3/out.csv"
t_exit 65 "-o over an existing file with bad data: exit 65" \
	"$VMUX" size "$O/nan.csv" -o "$O/out3/out.csv"
t_eq "... leaves the old file as it was" "$(cat "$O/out3/out.csv")" "old"
t_done

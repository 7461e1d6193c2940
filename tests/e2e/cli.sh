#!/bin/sh
# End-to-end tests of the command line itself (lib/opt.h, sim/cli/main.c):
# one error format for every command (unknown option with a suggestion,
# a value out of range, no abbreviations; exit 2), `vmux help CMD` is
# `vmux CMD --help`, a misspelt command gets the nearest name, time
# windows take ISO 8601 dates and durations take units with the same
# result as seconds, and `plan --strict` fails when VMs are left unplaced.
. tests/common/e2e.sh
O=$T_DIR


# 24 VMs x 2 days of 5-minute slots from 2024-01-01 00:00 UTC (1704067200).
"$VMUX" gen --vms 24 --slots 576 --seed 3 -o "$O/g.csv" >/dev/null 2>&1
G=$O/g.csv

# --- One message format for every command.
for c in bench evaluate frontier gen import merge plan report run simulate size validate \
	version; do
	t_exit 2 "$c --bogus exits 2" "$VMUX" $c --bogus
	t_eq "$c --bogus: one line in the common format" "$(cat "$O/err")" \
		"vmux $c: unknown option '--bogus'; see 'vmux $c --help'"
	"$VMUX" $c --help > "$O/h1" 2>&1
	"$VMUX" help $c > "$O/h2" 2>&1
	cmp -s "$O/h1" "$O/h2"
	t_report $? "'vmux help $c' prints what 'vmux $c --help' does"
	t_grep "^usage: vmux $c" "$O/h2" "'vmux help $c' starts with its usage"
done

# --- Every help within 79 columns: 'vmux help' and each command's --help
# (usage line, option notes, the text after), for every command it lists.
# 'vmux frontier --help''s usage line was 86 columns, a simulate --param
# rule 83.
"$VMUX" help > "$O/help" 2>&1
cmds=$(awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { exit }' "$O/help")
t_eq "'vmux help' lists the commands" "$(echo $cmds | wc -w | tr -d ' ')" 13
for c in "" $cmds; do
	"$VMUX" help $c > "$O/h" 2>&1
	wide=$(awk 'length($0) > 79 { print NR ": " length($0) " columns" }' "$O/h")
	t_eq "'vmux help${c:+ }$c' fits 79 columns" "$wide" ""
done

# evaluate, report and validate take the level from PLAN.meta when
# --percentile is not given (as --promise, whose help said so): report's
# and validate's help said "(default 95)", as plan's does; evaluate had no
# --percentile.
for c in evaluate report validate; do
	"$VMUX" $c --help >"$O/h" 2>&1
	t_eq "'vmux $c --help': --percentile defaults to PLAN.meta's" \
		"$(grep -A1 -- '--percentile P' "$O/h" | grep -c "capacity (default: PLAN.meta's, else 95)")" 1
done
"$VMUX" plan --help >"$O/h" 2>&1
t_eq "'vmux plan --help': --percentile defaults to 95" \
	"$(grep -A1 -- '--percentile P' "$O/h" | grep -c "capacity (default 95)")" 1

t_exit 2 "a misspelt option exits 2" "$VMUX" plan "$G" --host-cpu 4 --percentle 90
t_eq "... and suggests the nearest" "$(cat "$O/err")" \
	"vmux plan: unknown option '--percentle' (did you mean '--percentile'?); see 'vmux plan --help'"
t_exit 2 "no abbreviations: --percentil" "$VMUX" plan "$G" --host-cpu 4 --percentil 90
t_grep "unknown option '--percentil' \\(did you mean '--percentile'\\?\\)" "$O/err" \
	"... is an unknown option with a suggestion"
t_exit 2 "no abbreviations: --host" "$VMUX" plan "$G" --host 4
t_exit 2 "out of range: --percentile 120" "$VMUX" plan "$G" --host-cpu 4 --percentile 120
t_eq "... names value and range" "$(cat "$O/err")" \
	"vmux plan: option '--percentile': '120' is out of range (0, 100); see 'vmux plan --help'"
for c in size plan report validate; do
	t_exit 2 "$c: --percentile 100 is out of the one range" "$VMUX" $c "$G" \
		--percentile 100
	t_grep "'100' is out of range \\(0, 100\\)" "$O/err" "$c: ... the same words"
done
t_exit 2 "frontier --percentiles 90,100" "$VMUX" frontier "$G" --host-cpu 4 \
	--eval-from 1704153600 --percentiles 90,100
t_grep "'100' is out of range \\(0, 100\\)" "$O/err" "frontier: ... the same range"
t_exit 2 "a bad enum value lists the names" "$VMUX" plan "$G" --host-cpu 4 --policy best
t_grep "'best' is not one of separate, sbp, joint, robust" "$O/err" "... from the one list"
t_exit 2 "a value is missing" "$VMUX" plan "$G" --host-cpu
t_grep "option '--host-cpu' needs a value" "$O/err" "... said so"
t_exit 2 "a flag given a value" "$VMUX" plan "$G" --host-cpu 4 --csv=yes
t_grep "option '--csv' takes no value" "$O/err" "... said so"
t_exit 2 "a bad time" "$VMUX" plan "$G" --host-cpu 4 --train-to 2024-13-01
t_grep "is not a time" "$O/err" "... said so"
t_exit 2 "a bad duration" "$VMUX" size "$G" --step 5x
t_grep "'5x' is not a duration" "$O/err" "... said so"
# Numbers are decimal: strtod's hex (0x1.8p-1 = 0.75 ran simulate as
# thr-mmt-0.75), inf and blanks are usage errors naming option and value;
# decimal forms with an exponent are taken.
t_exit 2 "simulate --param 0x1.8p-1 (hex)" "$VMUX" simulate "$G" \
	--param 0x1.8p-1 -o "$O/hex.csv"
t_eq "... names the option and value" "$(cat "$O/err")" \
	"vmux simulate: option '--param': '0x1.8p-1' is not a number; see 'vmux simulate --help'"
t_exit 1 "... and writes nothing" test -e "$O/hex.csv"
t_exit 2 "plan --host-cpu 0x4 (hex)" "$VMUX" plan "$G" --host-cpu 0x4
t_grep "option '--host-cpu': '0x4' is not a number" "$O/err" "... said so"
t_exit 2 "size --percentile ' 90' (a blank)" "$VMUX" size "$G" --percentile ' 90'
t_grep "option '--percentile': ' 90' is not a number" "$O/err" "... said so"
t_exit 2 "size --step 0x10m (hex duration)" "$VMUX" size "$G" --step 0x10m
t_grep "option '--step': '0x10m' is not a duration" "$O/err" "... said so"
t_exit 2 "size --from 0x10 (hex time)" "$VMUX" size "$G" --from 0x10
t_grep "option '--from': '0x10' is not a time" "$O/err" "... said so"
t_exit 2 "frontier --percentiles 90,0x5F (hex in a list)" "$VMUX" frontier "$G" \
	--host-cpu 4 --eval-from 1704153600 --percentiles 90,0x5F
t_grep "'0x5F' is not a number" "$O/err" "... said so"
"$VMUX" size "$G" --percentile 90 --csv > "$O/p90.csv" 2>&1
t_ok "size --percentile 9e1" "$VMUX" size "$G" --percentile 9e1 --csv
t_eq "... is --percentile 90" "$(cksum < "$O/out")" "$(cksum < "$O/p90.csv")"

# --- A value holding a line break or another control byte is echoed with
# the byte as \xNN: the message stays one line, whatever the value (a
# quote in it too, which ends the quoted run early), in every usage error:
# a bad number, an unknown enum, an unknown option, a callback's value, a
# misspelt command.
nl='
'
esc=$(printf '\033')
t_exit 2 "--percentile with a line break" "$VMUX" size "$G" --percentile "9${nl}5"
t_eq "... one line, the break written as \\x0a" "$(cat "$O/err")" \
	"vmux size: option '--percentile': '9\\x0a5' is not a number; see 'vmux size --help'"
t_exit 2 "--resource with a quote and a line break" "$VMUX" size "$G" \
	--resource "c'p${nl}u"
t_eq "... one line" "$(wc -l <"$O/err" | tr -d ' ')" 1
t_grep "'c'p\\\\x0au' is not one of" "$O/err" "... the break escaped after the quote"
t_exit 2 "an unknown option with an escape byte" "$VMUX" plan "$G" --host-cpu 4 "--x${esc}[31m"
t_grep "unknown option '--x\\\\x1b\\[31m'" "$O/err" "... the ESC written as \\x1b"
t_exit 2 "a callback option's value with a tab" "$VMUX" simulate "$G" --quirk "x	y=on"
t_grep "'x\\\\x09y=on' is not" "$O/err" "... the tab written as \\x09"
t_exit 2 "a command with a line break" "$VMUX" "pl${nl}an"
t_eq "... one line" "$(wc -l <"$O/err" | tr -d ' ')" 1
t_grep "unknown command 'pl\\\\x0aan'" "$O/err" "... the break written as \\x0a"

# --- Commands.
t_exit 2 "vmux plna exits 2" "$VMUX" plna
t_eq "... and suggests plan" "$(cat "$O/err")" \
	"vmux: unknown command 'plna' (did you mean 'plan'?); see 'vmux --help'"
t_exit 2 "vmux help plna: the same" "$VMUX" help plna
t_grep "did you mean 'plan'" "$O/err" "... suggests plan"
t_exit 2 "vmux zzzzzz: no suggestion" "$VMUX" zzzzzz
t_eq "... only the error" "$(cat "$O/err")" \
	"vmux: unknown command 'zzzzzz'; see 'vmux --help'"
t_ok "vmux help" "$VMUX" help
t_grep "^  plan " "$O/out" "vmux help lists the commands"

# --- Times and durations: the same plan from a date as from seconds.
# 2024-01-02 = 1704153600, 2024-01-01T12:00:00Z = 1704110400.
"$VMUX" plan "$G" --host-cpu 8 --train-to 1704153600 --csv > "$O/s.csv" 2>&1
t_ok "--train-to 2024-01-02 is accepted" "$VMUX" plan "$G" --host-cpu 8 \
	--train-to 2024-01-02 --csv
t_eq "... and plans exactly as --train-to 1704153600" "$(cksum < "$O/out")" \
	"$(cksum < "$O/s.csv")"
"$VMUX" size "$G" --from 1704110400 --to 1704153600 --csv > "$O/s.csv" 2>&1
t_ok "size --from 2024-01-01T12:00:00Z --to 2024-01-02" "$VMUX" size "$G" \
	--from 2024-01-01T12:00:00Z --to 2024-01-02 --csv
t_eq "... the same rows as epoch seconds" "$(cksum < "$O/out")" "$(cksum < "$O/s.csv")"
t_ok "an offset: 2024-01-01T13:00:00+01:00" "$VMUX" size "$G" \
	--from 2024-01-01T13:00:00+01:00 --to 2024-01-02 --csv
t_eq "... is 12:00 UTC" "$(cksum < "$O/out")" "$(cksum < "$O/s.csv")"
"$VMUX" size "$G" --step 300 --csv > "$O/s.csv" 2>&1
t_ok "size --step 5m" "$VMUX" size "$G" --step 5m --csv
t_eq "... is --step 300" "$(cksum < "$O/out")" "$(cksum < "$O/s.csv")"
t_exit 65 "size --step 10m on a 5-minute trace" "$VMUX" size "$G" --step 10m --csv
t_grep "step 600 s" "$O/err" "... is read as 600 s"

# --- size --group: names are printed whole (two groups that share their
# first 32 characters print differently).
g1=vm0000,vm0001,vm0002,vm0003,vm0004,vm0005 g2=vm0000,vm0001,vm0002,vm0003,vm0004,vm0006
t_ok "size with two long groups" "$VMUX" size "$G" --group "$g1" --group "$g2"
t_grep "^$g1 " "$O/out" "the first group is printed whole"
t_grep "^$g2 " "$O/out" "the second group is printed whole"
# As many --group as given: 300 (the 257th was refused, "given more than
# 256 times", a cap the help did not state), one row each, in order.
set --
i=0
while [ $i -lt 300 ]; do
	set -- "$@" --group "vm000$((i % 10))"
	i=$((i + 1))
done
t_ok "size with 300 groups" "$VMUX" size "$G" --csv "$@"
t_eq "... one row each" "$(($(wc -l <"$O/out") - 1))" 300
t_eq "... in order" "$(sed -n '2p;301p' "$O/out" | cut -d, -f1 | tr '\n' ' ')" \
	"vm0000 vm0009 "
set --

# --- plan --strict: exit 1 when a VM fits on no host, 0 otherwise.
# gen's VMs have up to 8 cores and peak near them: at 0.5 cores per host
# some VM fits on no host; at 64 every VM fits.
t_ok "plan without --strict: unplaced VMs exit 0" "$VMUX" plan "$G" --host-cpu 0.5
t_grep "unplaced" "$O/out" "... the summary counts them"
nu=$(sed -n 's/.* \([0-9]*\) unplaced.*/\1/p' "$O/out")
t_exit 1 "plan --strict with unplaced VMs exits 1" "$VMUX" plan "$G" --host-cpu 0.5 --strict
[ "$nu" = 1 ] && vms=VM || vms=VMs
t_grep "^vmux: plan: no host for $nu $vms \\(--strict\\)" "$O/err" \
	"... and says how many ($nu $vms)"
t_ok "plan --strict with every VM placed exits 0" "$VMUX" plan "$G" --host-cpu 64 --strict
t_grep " 0 unplaced" "$O/out" "... none unplaced"
t_done

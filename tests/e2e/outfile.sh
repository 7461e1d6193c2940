#!/bin/sh
# End-to-end tests of how every -o output treats what is already at PATH
# (issue 16, defect 1): a character device or FIFO is written in place and
# stays what it was, a symbolic link is followed and its target replaced,
# a folder is refused, an existing file keeps its permissions, a full
# device is exit 74 with a message. Device nodes are made inside the test's
# own folder with mknod (as root; skipped otherwise): the test never writes
# to a system path such as /dev/null.
. tests/common/e2e.sh

tr="$T_DIR/t.csv"
printf 'time,vm,cpu\n0,a,0.5\n300,a,0.25\n0,b,0.75\n300,b,1\n' >"$tr"

is_chr() { [ -c "$1" ]; t_report $? "$2" "$1 is no longer a character device"; }

if [ "$(id -u)" -eq 0 ] && mknod "$T_DIR/null" c 1 3 2>/dev/null &&
	mknod "$T_DIR/full" c 1 7 2>/dev/null; then
	t_ok "size -o onto a null device node" "$VMUX" size "$tr" -o "$T_DIR/null"
	is_chr "$T_DIR/null" "the null node is still a character device"
	t_exit 74 "size -o onto a full device node: exit 74" \
		"$VMUX" size "$tr" -o "$T_DIR/full"
	t_grep 'No space left' "$T_DIR/err" "ENOSPC is named on stderr"
	is_chr "$T_DIR/full" "the full node is still a character device"
	ls "$T_DIR" | grep -q 'tmp\.' ; [ $? -ne 0 ]
	t_report $? "no temporary file left beside the device nodes"
	t_ok "gen -o onto a null device node" "$VMUX" gen --vms 2 --slots 4 \
		--seed 1 -o "$T_DIR/null"
	[ ! -e "$T_DIR/null.meta" ]
	t_report $? "gen makes no .meta beside a device node"
	t_grep 'seed=1' "$T_DIR/err" "gen's parameters go to stderr instead"
	is_chr "$T_DIR/null" "gen left the null node a character device"
	t_exit 74 "simulate --timeline onto a full device node: exit 74" \
		"$VMUX" simulate "$tr" -o "$T_DIR/simfull.csv" \
		--timeline "$T_DIR/full"
	t_ok "... and no -o result left" test ! -e "$T_DIR/simfull.csv"
	t_exit 74 "gen -o onto a full device node: exit 74" "$VMUX" gen \
		--vms 2 --slots 4 --seed 1 -o "$T_DIR/full"
	[ ! -e "$T_DIR/full.meta" ]
	t_report $? "no .meta beside the full node"
	t_exit 74 "size --csv to a full device on stdout: exit 74" \
		sh -c "'$VMUX' size '$tr' --csv >'$T_DIR/full'"
	t_grep 'cannot write' "$T_DIR/err" "the stdout failure has a message"
	# Issue 16, defect 8: a guest's console lost on a full stdout.
	t_exit 74 "run hello with stdout on a full device: exit 74" \
		sh -c "'$VMUX' run hello --accel tcg >'$T_DIR/full'"
	t_grep "cannot write 'standard output'" "$T_DIR/err" \
		"run: the lost console is named"
	# ... with its cause, as bench says it ("a write failed": the
	# console is written on the vCPU threads, whose errno was lost).
	t_grep "cannot write 'standard output': No space left on device" \
		"$T_DIR/err" "run: ENOSPC is named"
	t_exit 74 "run hello --vcpus 2 onto a full device: exit 74" \
		sh -c "'$VMUX' run hello --vcpus 2 >'$T_DIR/full'"
	t_grep "cannot write 'standard output': No space left on device" \
		"$T_DIR/err" "run --vcpus 2: ENOSPC is named"
	mknod "$T_DIR/blk" b 7 250 2>/dev/null &&
		{ t_exit 74 "size -o onto a block device: refused, exit 74" \
			"$VMUX" size "$tr" -o "$T_DIR/blk"
		  [ -b "$T_DIR/blk" ]; t_report $? "the block node is untouched"; }
else
	t_skip "device nodes" "not root or mknod refused: cannot make nodes"
fi

# A FIFO: written in place, read by a reader on the other end.
mkfifo "$T_DIR/fifo"
cat "$T_DIR/fifo" >"$T_DIR/fromfifo" &
t_ok "size -o onto a FIFO" "$VMUX" size "$tr" -o "$T_DIR/fifo"
wait
[ -p "$T_DIR/fifo" ]; t_report $? "the FIFO is still a FIFO"
t_grep '^group|^vm' "$T_DIR/fromfifo" "the reader got the table"

# A symlink: its target is replaced, the link stays.
echo old >"$T_DIR/real.csv"
ln -s real.csv "$T_DIR/link.csv"
t_ok "size -o onto a symlink" "$VMUX" size "$tr" -o "$T_DIR/link.csv"
[ -L "$T_DIR/link.csv" ]; t_report $? "the link is still a link"
t_grep 'a' "$T_DIR/real.csv" "its target holds the new output"
! grep -q '^old$' "$T_DIR/real.csv"; t_report $? "the old content is gone"
mkdir "$T_DIR/sub"
ln -s ../new.csv "$T_DIR/sub/dangling.csv"
t_ok "size -o onto a dangling relative symlink" \
	"$VMUX" size "$tr" -o "$T_DIR/sub/dangling.csv"
[ -L "$T_DIR/sub/dangling.csv" ] && [ -s "$T_DIR/new.csv" ]
t_report $? "the link's target was created, the link kept"
ln -s loop1 "$T_DIR/loop2"; ln -s loop2 "$T_DIR/loop1"
t_exit 74 "a symlink loop is exit 74" "$VMUX" size "$tr" -o "$T_DIR/loop1"

# A folder is refused; an existing file keeps its mode.
t_exit 74 "size -o onto a folder: exit 74" "$VMUX" size "$tr" -o "$T_DIR/sub"
[ -d "$T_DIR/sub" ]; t_report $? "the folder is untouched"
echo x >"$T_DIR/mode.csv"; chmod 600 "$T_DIR/mode.csv"
t_ok "size -o over a 0600 file" "$VMUX" size "$tr" -o "$T_DIR/mode.csv"
[ "$(stat -c %a "$T_DIR/mode.csv")" = 600 ]
t_report $? "the replaced file keeps mode 600"

# An output that cannot be written fails before the work (lib/opt's
# OPT_OUTFILE check): exit 74, the message, nothing planned or printed.
no="$T_DIR/no-such-folder"
t_exit 74 "plan -o into a missing folder: exit 74" \
	"$VMUX" plan "$tr" --host-cpu 2 -o "$no/p.csv"
t_grep "cannot create '.*no-such-folder/p.csv': No such file" "$T_DIR/err" \
	"plan: the missing folder is named"
[ ! -s "$T_DIR/out" ]
t_report $? "plan: nothing planned first (no summary on stdout)"
t_exit 74 "plan --host-table into a missing folder: exit 74, before planning" \
	"$VMUX" plan "$tr" --host-cpu 2 -o "$T_DIR/p.csv" --host-table "$no/h.csv"
[ ! -s "$T_DIR/out" ] && [ ! -e "$T_DIR/p.csv" ]
t_report $? "plan --host-table: no summary, no plan written"
t_exit 74 "plan -o onto a folder: exit 74 before planning" \
	"$VMUX" plan "$tr" --host-cpu 2 -o "$T_DIR/sub"
[ ! -s "$T_DIR/out" ]; t_report $? "plan onto a folder: no summary"
t_exit 74 "simulate --timeline into a missing folder: exit 74" \
	"$VMUX" simulate "$tr" --timeline "$no/t.csv"
[ ! -s "$T_DIR/out" ]; t_report $? "simulate: nothing simulated first"
t_exit 74 "import -o into a missing folder: exit 74" \
	"$VMUX" import planetlab traces/planetlab/20110303 -o "$no/i.csv"
ln -s "$no/x.csv" "$T_DIR/dangling"
t_exit 74 "size -o onto a link into a missing folder: exit 74" \
	"$VMUX" size "$tr" -o "$T_DIR/dangling"
t_ok "size -o - still writes standard output" "$VMUX" size "$tr" -o -

# An output onto one of the command's inputs is refused before anything
# is read (exit 2), the input intact: `plan t.csv -o t.csv` replaced the
# trace with the plan.
cp "$tr" "$T_DIR/keep.csv"
t_exit 2 "plan -o onto its own trace: exit 2" \
	"$VMUX" plan "$tr" --host-cpu 2 -o "$tr"
t_grep "option '-o': '.*t.csv' is also an input" "$T_DIR/err" \
	"plan: the clash is named"
t_ok "plan: the trace is intact" cmp "$tr" "$T_DIR/keep.csv"
ln -s t.csv "$T_DIR/tlink"
t_exit 2 "size -o onto its trace through a link: exit 2" \
	"$VMUX" size "$T_DIR/tlink" -o "$tr"
"$VMUX" plan "$tr" --host-cpu 2 -o "$T_DIR/p.csv" >/dev/null 2>&1
cp "$T_DIR/p.csv" "$T_DIR/keep.plan"
t_exit 2 "evaluate -o onto its --plan: exit 2" \
	"$VMUX" evaluate "$tr" --plan "$T_DIR/p.csv" -o "$T_DIR/p.csv"
t_ok "evaluate: the plan is intact" cmp "$T_DIR/p.csv" "$T_DIR/keep.plan"
t_exit 2 "simulate --timeline onto its trace: exit 2" \
	"$VMUX" simulate "$tr" --timeline "$tr"
# evaluate and validate read PLAN.meta too (the capacities, the level):
# -o PLAN.meta replaced the terms with the command's table, and the next
# evaluate of the plan failed ('is not key=value'). Refused (exit 2), the
# terms intact.
cp "$T_DIR/p.csv.meta" "$T_DIR/keep.meta"
t_exit 2 "evaluate -o onto its plan's PLAN.meta: exit 2" \
	"$VMUX" evaluate "$tr" --plan "$T_DIR/p.csv" -o "$T_DIR/p.csv.meta"
t_grep "option '-o': '.*p.csv.meta' is also an input \\('.*p.csv.meta', the terms of the plan '.*p.csv'\\)" \
	"$T_DIR/err" "evaluate: the clash with PLAN.meta is named"
t_exit 2 "validate -o onto its plan's PLAN.meta (another spelling): exit 2" \
	"$VMUX" validate "$tr" --plan "$T_DIR/p.csv" --slot-ms 10 \
	-o "$T_DIR/./p.csv.meta"
t_ok "... the plan's terms are intact" cmp "$T_DIR/p.csv.meta" "$T_DIR/keep.meta"
t_ok "evaluate -o beside the plan is fine" \
	"$VMUX" evaluate "$tr" --plan "$T_DIR/p.csv" -o "$T_DIR/p.csv.ev"

# -o PLAN also writes PLAN.meta: a trace, an --overhead file or a shard
# named PLAN.meta was replaced by the plan's terms (plan T.csv.meta -o
# T.csv lost the trace), and plan -o P --host-table P.meta wrote the
# table over the terms, so evaluate refused the plan. Refused (exit 2),
# nothing written.
cp "$tr" "$T_DIR/m.csv.meta"
ln -s . "$T_DIR/here2"
t_exit 2 "plan -o PLAN onto a trace named PLAN.meta: exit 2" \
	"$VMUX" plan "$T_DIR/m.csv.meta" --host-cpu 2 -o "$T_DIR/m.csv"
t_grep "option '-o': its terms '.*m.csv.meta' would replace the input" \
	"$T_DIR/err" "plan: the clash with PLAN.meta is named"
t_ok "... the trace is intact, no plan" sh -c \
	"cmp '$tr' '$T_DIR/m.csv.meta' && test ! -e '$T_DIR/m.csv'"
printf 'style,resource,factor,source\nhw,cpu,1.1,test\n' >"$T_DIR/o.csv.meta"
cp "$T_DIR/o.csv.meta" "$T_DIR/keep.ovh"
t_exit 2 "plan -o PLAN onto an --overhead named PLAN.meta: exit 2" \
	"$VMUX" plan "$tr" --host-cpu 2 --virt hw \
	--overhead "$T_DIR/o.csv.meta" -o "$T_DIR/o.csv"
t_ok "... the overhead file is intact" cmp "$T_DIR/o.csv.meta" "$T_DIR/keep.ovh"
t_exit 2 "plan --host-table onto PLAN.meta: exit 2" \
	"$VMUX" plan "$tr" --host-cpu 2 -o "$T_DIR/q.csv" \
	--host-table "$T_DIR/here2/q.csv.meta"
t_grep "option '--host-table': '.*q.csv.meta' is also written by '-o' \\(PLAN.meta" \
	"$T_DIR/err" "plan: both outputs named"
t_ok "... nothing written" test ! -e "$T_DIR/q.csv"
"$VMUX" plan "$tr" --host-cpu 2 --shard 0/1 -o "$T_DIR/s.csv.meta" \
	>/dev/null 2>&1
cp "$T_DIR/s.csv.meta" "$T_DIR/keep.shard"
t_exit 2 "merge -o PLAN onto a shard named PLAN.meta: exit 2" \
	"$VMUX" merge "$T_DIR/s.csv.meta" -o "$T_DIR/s.csv"
t_ok "... the shard is intact, no plan" sh -c \
	"cmp '$T_DIR/s.csv.meta' '$T_DIR/keep.shard' && test ! -e '$T_DIR/s.csv'"
t_ok "merge: -o PLAN beside its shard is fine" \
	"$VMUX" merge "$T_DIR/s.csv.meta" -o "$T_DIR/s2.csv"

# Two outputs of one command onto one file: one was lost without a word
# (simulate -o R --timeline R kept the timeline only; plan -o P
# --host-table P the plan only). Refused (exit 2), nothing written; a
# second spelling of the path (./, a link to the folder) is the same file.
t_exit 2 "simulate -o and --timeline onto one file: exit 2" \
	"$VMUX" simulate "$tr" -o "$T_DIR/r.csv" --timeline "$T_DIR/r.csv"
t_grep "option '--timeline': '.*r.csv' is also written by '-o'" "$T_DIR/err" \
	"simulate: both options named"
t_ok "... nothing written" test ! -e "$T_DIR/r.csv"
ln -s . "$T_DIR/here"
t_exit 2 "plan -o and --host-table, the folder through a link: exit 2" \
	"$VMUX" plan "$tr" --host-cpu 2 -o "$T_DIR/pp.csv" --host-table "$T_DIR/here/pp.csv"
t_ok "... nothing written" test ! -e "$T_DIR/pp.csv"
t_exit 2 "plan -o and --hosts (older name) onto one file: exit 2" \
	"$VMUX" plan "$tr" --host-cpu 2 -o "$T_DIR/pp.csv" --hosts "$T_DIR/pp.csv"
t_ok "plan -o and --host-table apart" "$VMUX" plan "$tr" --host-cpu 2 \
	-o "$T_DIR/pp.csv" --host-table "$T_DIR/ht.csv"
t_eq "... both written" "$(head -1 "$T_DIR/pp.csv")|$(head -1 "$T_DIR/ht.csv" | cut -d, -f1)" "vm,host,size_cpu|host"
t_ok "plan --hosts alone (one option, two names)" "$VMUX" plan "$tr" --host-cpu 2 \
	--hosts "$T_DIR/ht2.csv"
t_ok "simulate -o - and --timeline" "$VMUX" simulate "$tr" -o - --timeline "$T_DIR/tl.csv"
# Standard output ('-') is one file too: plan -o - --host-table - wrote
# the host table and the plan into one stream, --csv --host-table - the
# summary and the host table, simulate and bench the same; refused.
t_exit 2 "plan -o - --host-table -: exit 2" "$VMUX" plan "$tr" --host-cpu 2 \
	-o - --host-table -
t_grep "option '-o': '- \(standard output\)' is also written by '--host-table'" \
	"$T_DIR/err" "... both options named"
t_eq "... nothing on standard output" "$(wc -c <"$T_DIR/out")" 0
t_exit 2 "plan --csv --host-table -: exit 2" "$VMUX" plan "$tr" --host-cpu 2 \
	--csv --host-table -
t_grep "options '--host-table -' and '--csv' exclude each other: both want standard output" \
	"$T_DIR/err" "... both options named"
t_exit 2 "simulate -o - --timeline -: exit 2" "$VMUX" simulate "$tr" -o - \
	--timeline -
# simulate's -o, not given, is standard output too: --timeline - alone
# wrote the result CSV and then the timeline's into one stream (exit 0).
t_exit 2 "simulate --timeline - (no -o): exit 2" "$VMUX" simulate "$tr" \
	--timeline -
t_grep "option '--timeline': '- \(standard output\)' is also written by '-o', which writes there when not given" \
	"$T_DIR/err" "... both options named, and why"
t_eq "... nothing on standard output" "$(wc -c <"$T_DIR/out")" 0
t_ok "simulate --timeline - -o FILE" "$VMUX" simulate "$tr" --timeline - \
	-o "$T_DIR/r2.csv"
t_eq "... the timeline alone on standard output" \
	"$(head -1 "$T_DIR/out" | cut -d, -f1-3)|$(grep -c '^trace,' "$T_DIR/out")" \
	"seed,policy,t|0"
t_exit 2 "bench -o - --calibration -: exit 2" "$VMUX" bench --quick -o - \
	--calibration -
# bench, validate and frontier print their table (or --csv's rows) on
# standard output whatever -o says: --calibration - (without -o) ran the
# table and the calibration CSV into one stream, as did -o - the table
# and the rows' CSV. Refused before anything runs, nothing written.
for args in "bench --quick --calibration -" "bench --quick -o -" \
	"bench --quick --csv --calibration -" \
	"validate $tr --plan $T_DIR/p.csv --host-cpu 2 -o -" \
	"frontier $tr --eval-trace $T_DIR/keep.csv --host-cpu 2 -o -"; do
	set -- $args
	t_exit 2 "vmux $1 ... -: exit 2" "$VMUX" $args
	t_grep "^vmux $1: option '[-a-z]*': '- \(standard output\)' already carries the table \(or --csv's rows\): give the output a file of its own" \
		"$T_DIR/err" "... why, naming the option"
	t_eq "... nothing on standard output" "$(wc -c <"$T_DIR/out")" 0
done
t_ok "plan --host-table - alone" "$VMUX" plan "$tr" --host-cpu 2 \
	--host-table - -o "$T_DIR/pt.csv"
t_eq "... standard output is the host table alone (the summary on stderr)" \
	"$(head -1 "$T_DIR/out" | cut -d, -f1-2)|$(grep -c '^robust: ' "$T_DIR/err")" \
	"host,vms|1"
t_grep "^host,vms" "$T_DIR/out" "... a CSV"

# A command's outputs are all or nothing: simulate wrote -o, then failed
# writing --timeline (past ulimit -f: the 1-line result fits in one
# block, the 287-tick timeline does not) and left the result behind.
"$VMUX" gen --seed 1 --vms 4 --slots 288 -o "$T_DIR/g288.csv" >/dev/null 2>&1
t_exit 74 "simulate --timeline past ulimit -f: exit 74" sh -c "ulimit -f 1; \
	exec '$VMUX' simulate '$T_DIR/g288.csv' -o '$T_DIR/half.csv' \
	--timeline '$T_DIR/half.tl'"
t_grep "cannot write '.*half.tl': File too large" "$T_DIR/err" \
	"... the timeline is named"
t_ok "... no result written either" test ! -e "$T_DIR/half.csv"
t_eq "... no temporary file left" \
	"$(find "$T_DIR" -name 'half*' | wc -l)" 0
# plan likewise: the host table (293 bytes) was renamed into place before
# the plan (4754 bytes, past ulimit -f 4) failed, and stayed.
"$VMUX" gen --seed 3 --vms 300 --slots 48 -o "$T_DIR/g300.csv" >/dev/null 2>&1
t_exit 74 "plan -o past ulimit -f, --host-table small: exit 74" sh -c \
	"ulimit -f 4; exec '$VMUX' plan '$T_DIR/g300.csv' --host-cpu 64 \
	-o '$T_DIR/halfp.csv' --host-table '$T_DIR/halfh.csv'"
t_grep "cannot write '.*halfp.csv': File too large" "$T_DIR/err" \
	"... the plan is named, with the write's own error (it said 'Input/output error')"
t_ok "... no host table written either" test ! -e "$T_DIR/halfh.csv"
t_eq "... nor a plan, a .meta or a temporary file" \
	"$(find "$T_DIR" -name 'half[ph]*' | wc -l)" 0

# An output inside a folder the command reads file by file would be read
# as one of them (import planetlab read its own temporary file as a VM:
# "out.csv.tmp.XXXXXX:1: field 'cpu %'"): exit 2, the folder unchanged.
mkdir -p "$T_DIR/days/20110303"
cp traces/planetlab/20110303/* "$T_DIR/days/20110303/"
before=$(ls "$T_DIR/days/20110303" | wc -l)
t_exit 2 "import -o into the folder it imports: exit 2" \
	"$VMUX" import planetlab "$T_DIR/days/20110303" \
	-o "$T_DIR/days/20110303/out.csv"
t_grep "inside the input folder" "$T_DIR/err" "import: the folder is named"
t_eq "import: nothing added to the folder" \
	"$(ls "$T_DIR/days/20110303" | wc -l)" "$before"
t_ok "import -o beside the folder is fine" \
	"$VMUX" import planetlab "$T_DIR/days/20110303" -o "$T_DIR/days/out.csv"
t_exit 2 "import of a folder of days -o into one of the days: exit 2" \
	"$VMUX" import planetlab "$T_DIR/days" -o "$T_DIR/days/20110303/x.csv"
t_exit 2 "simulate -o into the day folder it reads: exit 2" \
	"$VMUX" simulate "$T_DIR/days/20110303" -o "$T_DIR/days/20110303/r.csv"

# Standard output and a FIFO are all or nothing too: a command that failed
# part-way left the rows it had written on stdout, so the next command in
# a pipe sized a partial trace (`import planetlab DAY -o - | size -`
# printed 135 VMs for a day whose last file is bad at line 5). They are
# written to an unnamed spool in $TMPDIR and copied out on success.
mkdir -p "$T_DIR/bad/20110303" "$T_DIR/spool"
cp traces/planetlab/20110303/* "$T_DIR/bad/20110303/"
last=$(ls "$T_DIR/bad/20110303" | tail -1)
sed -i '5s/.*/x/' "$T_DIR/bad/20110303/$last"
t_exit 65 "a failing import -o -: exit 65" sh -c "TMPDIR='$T_DIR/spool' \
	exec '$VMUX' import planetlab '$T_DIR/bad/20110303' -o - >'$T_DIR/so'"
t_grep "$last:5: field 'cpu %'" "$T_DIR/err" "... the bad line is named"
t_eq "... nothing on standard output" "$(wc -c <"$T_DIR/so")" 0
t_eq "... no spool left" "$(ls -A "$T_DIR/spool" | wc -l)" 0
"$VMUX" import planetlab "$T_DIR/bad/20110303" -o - 2>/dev/null |
	"$VMUX" size - >"$T_DIR/sized" 2>"$T_DIR/sizeerr"
t_grep "no data rows|empty file" "$T_DIR/sizeerr" \
	"... so the next command in the pipe sizes nothing"
mkfifo "$T_DIR/fifo2"
cat "$T_DIR/fifo2" >"$T_DIR/fromfifo2" &
t_exit 65 "a failing import -o FIFO: exit 65" "$VMUX" import planetlab \
	"$T_DIR/bad/20110303" -o "$T_DIR/fifo2"
wait
t_eq "... the FIFO's reader got nothing" "$(wc -c <"$T_DIR/fromfifo2")" 0
[ -p "$T_DIR/fifo2" ]; t_report $? "... and it is still a FIFO"
"$VMUX" import planetlab traces/planetlab/20110303 -o "$T_DIR/day.csv" \
	>/dev/null 2>&1
sh -c "TMPDIR='$T_DIR/spool' exec '$VMUX' import planetlab \
	traces/planetlab/20110303 -o -" 2>"$T_DIR/pipeerr" | cat >"$T_DIR/piped"
t_ok "import -o - through a pipe: the bytes of -o FILE" \
	cmp "$T_DIR/piped" "$T_DIR/day.csv"
t_grep "^vmux import planetlab: 135 VMs, 38880 rows" "$T_DIR/pipeerr" \
	"... and the summary still on stderr"
cat "$T_DIR/day.csv" >"$T_DIR/fifo2" &
t_ok "size -o - from a FIFO" "$VMUX" size "$T_DIR/fifo2" -o -
wait
"$VMUX" size "$T_DIR/day.csv" -o "$T_DIR/sized.txt" 2>/dev/null
cp "$T_DIR/out" "$T_DIR/sizedfifo.txt"
t_ok "... the same table as -o FILE" cmp "$T_DIR/sizedfifo.txt" "$T_DIR/sized.txt"
t_exit 74 "-o - with TMPDIR missing: exit 74 before the work" sh -c \
	"TMPDIR='$T_DIR/nospool' exec '$VMUX' plan '$tr' --host-cpu 2 -o - \
	>'$T_DIR/so'"
t_grep "cannot write 'standard output': its spool file in '.*nospool': No such" \
	"$T_DIR/err" "... the spool's folder is named"
t_eq "... nothing planned first" "$(wc -c <"$T_DIR/so")" 0
t_exit 74 "-o - past ulimit -f (the spool): exit 74" sh -c "ulimit -f 4; \
	TMPDIR='$T_DIR/spool' exec '$VMUX' size '$T_DIR/day.csv' -o - \
	>'$T_DIR/so'"
t_grep "its spool file in .*: File too large" "$T_DIR/err" \
	"... the spool is named with its error"
t_eq "... no spool left, nothing on stdout" \
	"$(ls -A "$T_DIR/spool" | wc -l)|$(wc -c <"$T_DIR/so")" "0|0"
# The spool has no name at any time: nothing in $TMPDIR while the import
# runs (blocked on a FIFO input), nor after SIGKILL.
mkfifo "$T_DIR/infifo"
sleep 5 >"$T_DIR/infifo" &
wpid=$!
TMPDIR="$T_DIR/spool" "$VMUX" import bitbrains "$T_DIR/infifo" -o - \
	>"$T_DIR/ko" 2>/dev/null &
pid=$!
sleep 1
t_eq "a running import -o -: nothing named in TMPDIR" \
	"$(ls -A "$T_DIR/spool" | wc -l)" 0
kill -9 "$pid"
wait "$pid" 2>/dev/null
kill "$wpid" 2>/dev/null
wait "$wpid" 2>/dev/null
t_eq "... nor after SIGKILL, and nothing on stdout" \
	"$(ls -A "$T_DIR/spool" | wc -l)|$(wc -c <"$T_DIR/ko")" "0|0"
t_done

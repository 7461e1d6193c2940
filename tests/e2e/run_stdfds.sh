#!/bin/sh
# vmux started with standard output or standard error closed (`>&-`,
# `2>&-`, a daemon's children): the next file vmux opened took the free
# descriptor, and what was meant for the closed stream went into it.
# `run disk --disk d.img >&-` wrote the guest's console and results into
# the disk image (and exited 0); `run ... 2>&-` on KVM wrote its messages
# to /dev/kvm, and with stdout closed said "cannot write 'standard
# output': Invalid argument" (/dev/kvm's answer). Descriptors 0-2 are now
# held open on /dev/null for the wrong direction, so using a closed stream
# still fails (EBADF) and nothing else lands there.
. tests/common/e2e.sh
O=$T_DIR

# --net-port 9: no sink of vmux's own (its sockets took the descriptors).
"$VMUX" run disk --accel tcg --disk "$O/d.img" --disk-mib 1 --net-port 9 \
	>&- 2>"$O/err"
rc=$?
t_eq "run disk >&-: exit 74" "$rc" 74
t_grep "cannot write 'standard output': Bad file descriptor" "$O/err" \
	"run disk >&-: the closed standard output is named"
! grep -aq 'result' "$O/d.img"
t_report $? "run disk >&-: nothing written into the disk image" \
	"$(grep -a -m1 -o 'result[^=]*=' "$O/d.img")"

rm -f "$O/d2.img"
"$VMUX" run disk --accel tcg --disk "$O/d2.img" --disk-mib 1 \
	--net-port 9 --param kib=4096 >"$O/out" 2>&-
t_eq "run disk 2>&-: a too small disk still exits 1" "$?" 1
! grep -aq 'vmux' "$O/d2.img"
t_report $? "run disk 2>&-: no message written into the disk image" \
	"$(grep -a -m1 -o 'vmux: [a-z ]*' "$O/d2.img")"

if [ -r /dev/kvm ] && [ -w /dev/kvm ]; then
	"$VMUX" run hello --accel kvm >&- 2>"$O/err"
	t_eq "run hello --accel kvm >&-: exit 74" "$?" 74
	t_grep "cannot write 'standard output': Bad file descriptor" \
		"$O/err" "run hello --accel kvm >&-: not /dev/kvm's EINVAL"
else
	t_skip "run hello --accel kvm >&-" "/dev/kvm is absent or not usable"
fi
t_done

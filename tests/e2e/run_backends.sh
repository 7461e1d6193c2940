#!/bin/sh
# `vmux run --stats` on both backends: exits are the guest's, not the
# backend's. A run the guest itself ends (done, or a fault the monitor
# finds in a port or MMIO access) is interrupted by nothing, so it has no
# `intr` exit; tcg counted one per vCPU (the return from Unicorn after its
# I/O callback had already ended the vCPU: `run hello --stats` said 52
# exits on KVM, 53 on tcg, `hello --vcpus 3` 156 against 159). Where
# /dev/kvm works, each guest's exit lines are the same on KVM and tcg.
# The register dump of a fault says what the guest's fault left.
. tests/common/e2e.sh
O=$T_DIR

exits() { grep '^stats: exits' "$1" | tr -s ' '; }
kvm=0
[ -r /dev/kvm ] && [ -w /dev/kvm ] && kvm=1
for g in "hello" "hello --vcpus 3" "hostile_port" "hostile_mmio" \
	"hostile_hcall" "disk --device paravirt" "net --device paravirt"; do
	# shellcheck disable=SC2086 # $g is a guest and its options
	"$VMUX" run $g --accel tcg --stats >"$O/out" 2>"$O/tcg"
	exits "$O/tcg" >"$O/tcg.x"
	[ -s "$O/tcg.x" ] && ! grep -q '^stats: exits intr' "$O/tcg.x"
	t_report $? "run $g on tcg: no intr exit" "$(tr '\n' ';' <"$O/tcg.x")"
	if [ $kvm = 0 ]; then
		t_skip "run $g: the same exits on kvm and tcg" \
			"/dev/kvm is absent or not usable"
		continue
	fi
	# shellcheck disable=SC2086
	"$VMUX" run $g --accel kvm --stats >"$O/out" 2>"$O/kvm"
	exits "$O/kvm" >"$O/kvm.x"
	t_eq "run $g: the same exits on kvm and tcg" \
		"$(tr '\n' ';' <"$O/tcg.x")" "$(tr '\n' ';' <"$O/kvm.x")"
done

# A #GP at CPL 3 (LIDT, RDMSR) is no page fault: CR2 keeps its reset
# value 0, as KVM reports it. tcg said cr2=0xfffffffffffffffe, read after
# Unicorn had gone on from the exception: a page-fault address that never
# was.
for g in hostile_triple "priv --param op=2"; do
	for acc in kvm tcg; do
		if [ $acc = kvm ] && [ $kvm = 0 ]; then
			t_skip "run $g on kvm: cr2=0x0" \
				"/dev/kvm is absent or not usable"
			continue
		fi
		# shellcheck disable=SC2086
		"$VMUX" run $g --accel $acc >"$O/out" 2>"$O/err"
		t_grep "triple fault .* cr2=0x0 " "$O/err" \
			"run $g on $acc: cr2=0x0 in the register dump"
		fl=$(sed -n 's/.* rflags=\(0x[0-9a-f]*\) .*/\1/p' "$O/err")
		printf '%d' "$fl" >"$O/rflags.$acc" 2>/dev/null
	done
	# RFLAGS: tcg's is the guest's own (IOPL 3 from its iretq of 0x3002,
	# the arithmetic flags of its last instruction); KVM may add RF
	# (fault injection) and kvm_pvm drops IOPL (README, "tcg").
	case $g in hostile_triple) want=12358 ;; *) want=12290 ;; esac
	t_eq "run $g on tcg: rflags is the guest's" "$(cat "$O/rflags.tcg")" \
		"$want"
	if [ $kvm = 1 ]; then
		k=$(cat "$O/rflags.kvm")
		t_eq "run $g: kvm and tcg rflags agree outside RF and IOPL" \
			"$((k & ~0x13000))" "$((want & ~0x13000))"
	fi
done
t_done

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
	done
done
t_done

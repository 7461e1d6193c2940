#!/bin/sh
# The QEMU boot path of the guest images (mk/qemu.mk, vmm/guest/qemu_*):
# the same guest programs, booted by QEMU through multiboot, must print
# what they print under vmux (same console bytes, same results but the
# timing), take KEY=VALUE parameters from -append (decimal or 0x hex),
# reject a malformed one, and end QEMU through isa-debug-exit with exit
# status 2 * guest status + 1. QEMU runs under TCG, so no /dev/kvm is
# needed; under KVM too when /dev/kvm is usable. QEMU is a `bench`
# dependency (sh mk/deps.sh bench): without it the tests are skipped.
. tests/common/e2e.sh
G=${VMUX_BUILD:-build}/guest
QEMU_ARGS="-M microvm,pit=off,pic=off,rtc=off,acpi=off,auto-kernel-cmdline=off
 -m 64 -nodefaults -no-user-config -display none -no-reboot -serial stdio
 -device isa-debug-exit,iobase=0x504,iosize=4"

# qemu ACCEL CPU GUEST APPEND: boot GUEST's QEMU image.
qemu() {
	# shellcheck disable=SC2086
	qemu-system-x86_64 -accel "$1" -cpu "$2" $QEMU_ARGS \
		-kernel "$G/$3.qemu.elf" -append "$4" </dev/null
}

if ! command -v qemu-system-x86_64 >/dev/null; then
	t_skip "QEMU boot path" "qemu-system-x86_64 absent: sh mk/deps.sh bench"
	t_done
	exit 0
fi
if ! [ -f "$G/hello.qemu.elf" ] || ! [ -f "$G/priv.qemu.elf" ] ||
	! [ -f "$G/exit.qemu.elf" ]; then
	t_skip "QEMU boot path" "no $G/*.qemu.elf: build with make test"
	t_done
	exit 0
fi

# hello: byte for byte what vmux prints (console, then its one result).
t_exit 1 "hello under QEMU TCG ends with status 0" qemu tcg max hello ""
cp "$T_DIR/out" "$T_DIR/hello.qemu"
t_ok "hello under vmux" "$VMUX" run hello
cp "$T_DIR/out" "$T_DIR/hello.vmux"
t_ok "hello prints the same bytes under QEMU and vmux" \
	cmp "$T_DIR/hello.qemu" "$T_DIR/hello.vmux"
t_grep '^hello from a vmux guest on vCPU 0, 64 MiB of RAM$' \
	"$T_DIR/hello.qemu" "QEMU's 64 MiB reach the parameter page"

# priv: the same code computes the same results (all but the TSC count).
t_exit 1 "priv under QEMU" qemu tcg max priv "iters=1000 period=7 op=0"
grep -v '^result tsc ' "$T_DIR/out" >"$T_DIR/priv.qemu"
t_ok "priv under vmux" "$VMUX" run priv --param iters=1000 \
	--param period=7 --param op=0
grep -v '^result tsc ' "$T_DIR/out" >"$T_DIR/priv.vmux"
t_ok "priv's results agree between QEMU and vmux" \
	cmp "$T_DIR/priv.qemu" "$T_DIR/priv.vmux"
# 1000 rounds, one port write every 7th: ceil(1000 / 7) = 143.
t_grep '^result privileged = 143$' "$T_DIR/priv.qemu" \
	"priv under QEMU did 143 port writes"

# Parameters: hex values, words without '=' (QEMU's file name) skipped.
t_exit 1 "exit guest takes iters=0x64" qemu tcg max exit "mode=0 iters=0x64"
t_grep '^result iters = 100$' "$T_DIR/out" "0x64 read as 100"
t_exit 253 "a malformed value fails (status 126)" qemu tcg max exit \
	"iters=12x"
t_grep "bad parameter word .*: iters=12x" "$T_DIR/out" \
	"the bad word is named"
t_exit 253 "an empty key fails" qemu tcg max exit "=5"
t_exit 5 "the guest's own status 2 comes out as 5" qemu tcg max priv \
	"op=9"

if [ -r /dev/kvm ] && [ -w /dev/kvm ]; then
	t_exit 1 "hello under QEMU KVM" qemu kvm host,arch-capabilities=off \
		hello ""
	cp "$T_DIR/out" "$T_DIR/hello.kvm"
	t_ok "QEMU KVM prints the same bytes as QEMU TCG" \
		cmp "$T_DIR/hello.qemu" "$T_DIR/hello.kvm"
else
	t_skip "hello under QEMU KVM" "/dev/kvm is not usable here"
fi
t_done

# The same guest programs booted by QEMU (bench/40-qemu.sh): each of
# QEMU_PROGS is linked a second time from the same sources as its vmux
# image (vmm/guest/prog_NAME.c and $(GUEST_COMMON) from mk/guest.mk), with
# only the boot path swapped: vmm/guest/qemu_entry.S (a multiboot header
# and the 32 -> 64-bit trampoline) instead of entry.S, plus
# vmm/guest/qemu_boot.c (parameter page from the multiboot command line;
# hypercalls wrapped onto the serial console). QEMU's multiboot loader
# takes 32-bit ELF files only, hence the objcopy to elf32-i386 (the code
# and addresses are unchanged).
QEMU_PROGS := hello priv exit
QEMU_BOOT := vmm/guest/qemu_entry.S vmm/guest/qemu_boot.c
QEMU_GUEST_SRCS = $(filter-out vmm/guest/entry.S,$(GUEST_COMMON)) $(QEMU_BOOT)
QEMU_LDFLAGS := -Wl,--wrap=hc_result,--wrap=hc_log

$(GUEST_DIR)/%.qemu64.elf: vmm/guest/prog_%.c $(GUEST_COMMON) $(QEMU_BOOT) \
		vmm/guest/guest.ld $(wildcard vmm/guest/*.h)
	@mkdir -p $(@D)
	$(GUEST_CC) $(GUEST_CFLAGS) $(GUEST_LDFLAGS) $(QEMU_LDFLAGS) -o $@ $< \
		$(QEMU_GUEST_SRCS)

$(GUEST_DIR)/%.qemu.elf: $(GUEST_DIR)/%.qemu64.elf
	objcopy -O elf32-i386 $< $@

.PRECIOUS: $(GUEST_DIR)/%.qemu64.elf

QEMU_ELFS = $(QEMU_PROGS:%=$(GUEST_DIR)/%.qemu.elf)

# tests/e2e/qemu_boot.sh checks the boot path (skipped without QEMU).
test-run: $(QEMU_ELFS)

# bench/firstbyte times a command's first output; bench/tsc_rate turns
# guest TSC cycles into ns (both built by mk/bench.mk's rule).
BENCH_BINS += $(QEMU_ELFS) $(BUILD)/bench/firstbyte $(BUILD)/bench/tsc_rate

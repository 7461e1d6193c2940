# Guest programs: each vmm/guest/prog_<name>.c (with its GUEST_KEYS line,
# copied into guest_images.inc as IMG(name, "keys")) is linked with the entry
# stub, the guest library and the shared workloads (vmm/guest/work_*.c)
# into a flat image at 2 MiB, which a generated .incbin file embeds in
# the vmm archive. The workloads are also compiled for the host into the vmm archive,
# so benchmarks run the same code natively and in a guest.
GUEST_CC ?= gcc
GUEST_CFLAGS := -std=c11 -O2 -ffreestanding -fno-pic -fno-pie \
	-fno-stack-protector -mno-red-zone -fno-asynchronous-unwind-tables \
	-fcf-protection=none -mcmodel=small -mgeneral-regs-only -Wall -Wextra -Werror \
	-Wshadow -Wstrict-prototypes -Wmissing-prototypes -I. -DVMUX_GUEST
GUEST_LDFLAGS := -nostdlib -static -no-pie -Wl,-T,vmm/guest/guest.ld \
	-Wl,--build-id=none -Wl,-z,noexecstack -Wl,--no-warn-rwx-segments
GUEST_PROGS = $(sort $(patsubst vmm/guest/prog_%.c,%,$(wildcard vmm/guest/prog_*.c)))
# work_fp.c is the one guest file built with SSE (floating point); it is
# compiled on its own and speaks integers to the rest.
GUEST_FP_SRC = vmm/guest/work_fp.c
GUEST_COMMON = vmm/guest/entry.S vmm/guest/lib.c $(wildcard vmm/guest/drv_*.c) \
	$(filter-out $(GUEST_FP_SRC),$(wildcard vmm/guest/work_*.c))
GUEST_DIR = $(BUILD)/guest

SRCS_vmm += $(wildcard vmm/guest/work_*.c)
OBJS_vmm += $(BUILD)/obj/guest_images.o

$(GUEST_DIR)/work_fp.o: $(GUEST_FP_SRC) $(wildcard vmm/guest/*.h)
	@mkdir -p $(@D)
	$(GUEST_CC) $(filter-out -mgeneral-regs-only,$(GUEST_CFLAGS)) -msse2 \
		-fno-math-errno \
		-c -o $@ $<

$(GUEST_DIR)/%.elf: vmm/guest/prog_%.c $(GUEST_COMMON) vmm/guest/guest.ld \
		$(wildcard vmm/guest/*.h) $(GUEST_DIR)/work_fp.o
	@mkdir -p $(@D)
	$(GUEST_CC) $(GUEST_CFLAGS) $(GUEST_LDFLAGS) -o $@ $< $(GUEST_COMMON) \
		$(GUEST_DIR)/work_fp.o

.PRECIOUS: $(GUEST_DIR)/%.elf

$(GUEST_DIR)/%.bin: $(GUEST_DIR)/%.elf
	objcopy -O binary $< $@

$(BUILD)/gen/guest_images.inc: FORCE
	@mkdir -p $(@D)
	@for g in $(GUEST_PROGS); do \
		k=$$(sed -n 's/^GUEST_KEYS(\(".*"\));$$/\1/p' \
			vmm/guest/prog_$$g.c); \
		[ -n "$$k" ] || { echo "vmm/guest/prog_$$g.c: no" \
			"GUEST_KEYS(\"...\"); line (lib.h)" >&2; exit 1; }; \
		echo "IMG($$g, $$k)"; done > $@.new
	@cmp -s $@.new $@ 2>/dev/null && rm -f $@.new || mv $@.new $@

$(BUILD)/gen/guest_images.S: $(GUEST_PROGS:%=$(GUEST_DIR)/%.bin) \
		$(BUILD)/gen/guest_images.inc
	@{ echo '.section .rodata'; for g in $(GUEST_PROGS); do \
		echo ".globl guest_img_$${g}_start, guest_img_$${g}_end"; \
		echo ".balign 64"; \
		echo "guest_img_$${g}_start: .incbin \"$(abspath $(GUEST_DIR))/$$g.bin\""; \
		echo "guest_img_$${g}_end:"; done; \
		echo '.section .note.GNU-stack,"",@progbits'; } > $@

$(BUILD)/obj/guest_images.o: $(BUILD)/gen/guest_images.S
	@mkdir -p $(@D)
	$(CC) -c -o $@ $<

$(BUILD)/obj/vmm/guest_image.o: $(BUILD)/gen/guest_images.inc

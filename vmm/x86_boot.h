/*
 * x86_boot.h - x86-64 long-mode setup in guest RAM: a flat GDT, identity
 * page tables with a chosen page size (4 KiB, 2 MiB or 1 GiB) covering RAM
 * and the MMIO window, and the control-register state to enter at.
 */
#ifndef VMUX_X86_BOOT_H
#define VMUX_X86_BOOT_H

#include "vmm/accel.h"
#include "vmm/mem.h"

#define X86_PAGE_4K (4ull << 10)
#define X86_PAGE_2M (2ull << 20)
#define X86_PAGE_1G (1ull << 30)

/* "4k", "2m", "1g", NULL-terminated. */
extern const char *const x86_page_size_names[];
/* Parse "4k", "2m", "1g" into bytes; -EINVAL otherwise. */
int x86_page_size_parse(const char *s, uint64_t *out);

/*
 * Write the GDT and page tables into MEM and fill *E for entering at RIP
 * with stack RSP and first argument RDI. The page tables take the top of
 * RAM; *PT_BASE says where they start (the guest heap must end below).
 * -EINVAL for a bad page size, -ENOSPC if RAM is too small.
 */
int x86_boot_setup(struct vmm_mem *mem, uint64_t page_size, uint64_t rip,
		   uint64_t rsp, uint64_t rdi, struct vmm_entry *e,
		   uint64_t *pt_base);

#endif

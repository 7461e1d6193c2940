/*
 * x86_boot.c - GDT, identity page tables and entry state for long mode.
 *
 * Page tables are built top-down at the end of RAM: PML4, one PDPT, then
 * page directories and (for 4 KiB pages) page tables. RAM is mapped with
 * the chosen page size; the MMIO window is mapped with one 2 MiB page
 * (or lies inside a 1 GiB page). Entries are present + writable (+ PS for
 * large pages); caches are left enabled.
 */
#include "vmm/x86_boot.h"
#include "vmm/guest/abi.h"

#include <errno.h>
#include <string.h>

#define PTE_P 0x1ull
#define PTE_W 0x2ull
#define PTE_U 0x4ull /* guests run at CPL 3 (see vmm/guest/entry.S) */
#define PTE_PS 0x80ull
#define CR0_PE 0x1ull
#define CR0_MP 0x2ull
#define CR0_ET 0x10ull
#define CR0_NE 0x20ull
#define CR0_WP 0x10000ull
#define CR0_PG 0x80000000ull
#define CR4_PAE 0x20ull
#define CR4_OSFXSR 0x200ull
#define CR4_OSXMMEXCPT 0x400ull
#define EFER_LME 0x100ull
#define EFER_LMA 0x400ull
#define GIB (1ull << 30)

const char *const x86_page_size_names[] = {"4k", "2m", "1g", NULL};
static const uint64_t page_sizes[] = {X86_PAGE_4K, X86_PAGE_2M, X86_PAGE_1G};

int x86_page_size_parse(const char *s, uint64_t *out)
{
	for (int i = 0; x86_page_size_names[i]; i++)
		if (!strcmp(s, x86_page_size_names[i])) {
			*out = page_sizes[i];
			return 0;
		}
	return -EINVAL;
}

static void write_gdt(struct vmm_mem *mem, struct vmm_entry *e)
{
	static const uint64_t gdt[5] = {
	    0,
	    0x00af9b000000ffffull, /* 0x08: 64-bit code, DPL 0 */
	    0x00cf93000000ffffull, /* 0x10: data, DPL 0 */
	    0x00affb000000ffffull, /* 0x1b: 64-bit code, DPL 3 */
	    0x00cff3000000ffffull, /* 0x23: data, DPL 3 */
	};

	vmm_mem_copy_out(mem, ABI_GDT_GPA, gdt, sizeof(gdt));
	e->gdt_base = ABI_GDT_GPA;
	e->gdt_limit = sizeof(gdt) - 1;
	e->code_sel = 0x08;
	e->data_sel = 0x10;
}

/* Bytes of page tables needed to map GIBS gigabytes with PS-sized pages. */
static uint64_t table_bytes(uint64_t gibs, uint64_t ps)
{
	uint64_t n = 2; /* PML4 + PDPT */

	if (ps < GIB)
		n += gibs; /* one page directory per GiB */
	if (ps == X86_PAGE_4K)
		n += gibs * 512; /* one page table per 2 MiB */
	return n * 4096;
}

/* Map [0, GIBS GiB) at page size PS; tables from *NEXT upward. */
static void map_ram(uint64_t *pdpt, uint8_t *base, uint64_t *next,
		    uint64_t gibs, uint64_t ps, uint64_t ram)
{
	for (uint64_t g = 0; g < gibs; g++) {
		uint64_t *pd;

		if (ps == X86_PAGE_1G) {
			pdpt[g] = g * GIB | PTE_P | PTE_W | PTE_U | PTE_PS;
			continue;
		}
		pd = (uint64_t *)(base + *next);
		pdpt[g] = *next | PTE_P | PTE_W | PTE_U;
		*next += 4096;
		for (uint64_t i = 0; i < 512; i++) {
			uint64_t addr = g * GIB + i * X86_PAGE_2M;
			uint64_t *pt = (uint64_t *)(base + *next);

			if (addr >= ram)
				break;
			if (ps == X86_PAGE_2M) {
				pd[i] = addr | PTE_P | PTE_W | PTE_U | PTE_PS;
				continue;
			}
			pd[i] = *next | PTE_P | PTE_W | PTE_U;
			*next += 4096;
			for (uint64_t j = 0; j < 512; j++)
				pt[j] =
				    (addr + j * 4096) | PTE_P | PTE_W | PTE_U;
		}
	}
}

/* The MMIO window: one 2 MiB page in its GiB's directory (new if needed). */
static void map_mmio(uint64_t *pdpt, uint8_t *base, uint64_t *next)
{
	uint64_t g = ABI_MMIO_BASE / GIB,
		 i = (ABI_MMIO_BASE % GIB) / X86_PAGE_2M;
	uint64_t *pd;

	if (pdpt[g] & PTE_PS)
		return; /* already inside a 1 GiB page */
	if (!(pdpt[g] & PTE_P)) {
		pdpt[g] = *next | PTE_P | PTE_W | PTE_U;
		*next += 4096;
	}
	pd = (uint64_t *)(base + (pdpt[g] & ~0xfffull));
	pd[i] = ABI_MMIO_BASE | PTE_P | PTE_W | PTE_U | PTE_PS;
}

int x86_boot_setup(struct vmm_mem *mem, uint64_t ps, uint64_t rip, uint64_t rsp,
		   uint64_t rdi, struct vmm_entry *e, uint64_t *pt_base)
{
	uint64_t ram = vmm_mem_size(mem), gibs, bytes, next;
	uint8_t *base = vmm_mem_base(mem);
	uint64_t *pml4, *pdpt;

	if (ps != X86_PAGE_4K && ps != X86_PAGE_2M && ps != X86_PAGE_1G)
		return -EINVAL;
	gibs = (ram + GIB - 1) / GIB;
	bytes = table_bytes(gibs, ps) + 4096; /* + a directory for MMIO */
	if (bytes + ABI_IMAGE_GPA + (2ull << 20) > ram)
		return -ENOSPC;
	next = (ram - bytes) & ~0xfffull;
	*pt_base = next;
	memset(base + next, 0, bytes);
	pml4 = (uint64_t *)(base + next);
	pdpt = (uint64_t *)(base + next + 4096);
	pml4[0] = (next + 4096) | PTE_P | PTE_W | PTE_U;
	next += 8192;
	map_ram(pdpt, base, &next, gibs, ps, ram);
	map_mmio(pdpt, base, &next);
	memset(e, 0, sizeof(*e));
	write_gdt(mem, e);
	e->cr3 = *pt_base;
	e->cr0 = CR0_PE | CR0_MP | CR0_ET | CR0_NE | CR0_WP | CR0_PG;
	e->cr4 = CR4_PAE | CR4_OSFXSR | CR4_OSXMMEXCPT;
	e->efer = EFER_LME | EFER_LMA;
	e->regs.rip = rip;
	e->regs.rsp = rsp;
	e->regs.rdi = rdi;
	e->regs.rflags = 2;
	return 0;
}

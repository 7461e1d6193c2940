/*
 * mem.h - guest RAM: one anonymous mapping, optionally huge-page backed,
 * mapped at guest physical address 0. The contract for devices: every
 * address and length that comes from a guest goes through vmm_mem_ptr() or
 * vmm_mem_copy_in() before use; they refuse any range that is not wholly
 * inside RAM, including ranges whose end overflows.
 */
#ifndef VMUX_VMM_MEM_H
#define VMUX_VMM_MEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vmm_mem;

/* Map SIZE bytes (rounded up to 2 MiB), with HUGEPAGES on reserved huge
 * pages if there are any (see vmm_mem_backing). -ENOMEM. */
int vmm_mem_create(size_t size, bool hugepages, struct vmm_mem **out);
/*
 * How the RAM is backed: "4k" (normal pages), "hugetlb" (reserved 2 MiB
 * pages) or "thp" (transparent huge pages, the fallback when HUGEPAGES was
 * asked for and none are reserved; a warning says so).
 */
const char *vmm_mem_backing(const struct vmm_mem *m);
void vmm_mem_destroy(struct vmm_mem *m);
void *vmm_mem_base(const struct vmm_mem *m);
size_t vmm_mem_size(const struct vmm_mem *m);
/* Host pointer to [GPA, GPA+LEN), or NULL if any byte is outside RAM. */
void *vmm_mem_ptr(const struct vmm_mem *m, uint64_t gpa, uint64_t len);
/* Copy [GPA, GPA+LEN) to DST once (no time-of-check/time-of-use): -EFAULT
 * if outside RAM. */
int vmm_mem_copy_in(const struct vmm_mem *m, void *dst, uint64_t gpa,
		    uint64_t len);
int vmm_mem_copy_out(struct vmm_mem *m, uint64_t gpa, const void *src,
		     uint64_t len);

#endif

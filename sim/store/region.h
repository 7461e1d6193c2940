/*
 * region.h - a bump allocator over one reserved range of address space,
 * backed by huge pages where the kernel allows, given back front to back.
 *
 * For many allocations made in order and finished with in the same order
 * (the ingest's per-time columns): one page fault per 2 MiB instead of one
 * per 4 KiB, no per-allocation bookkeeping, and memory returned as the
 * consumer moves on, so the resident size follows what is still live.
 * Nothing is ever freed individually.
 */
#ifndef VMUX_REGION_H
#define VMUX_REGION_H

#include <stdbool.h>
#include <stddef.h>

struct region;

/*
 * Reserve SIZE bytes of address space (memory comes as it is touched).
 * Returns 0 or -ENOMEM (no such range to be had).
 */
int region_create(size_t size, struct region **out);

/* SIZE bytes, 64-byte aligned, each above the last; NULL when full. */
void *region_alloc(struct region *rg, size_t size);

/* Whether P lies in RG (NULL RG: false). */
bool region_owns(const struct region *rg, const void *p);

/*
 * The caller is done with every allocation that ends at or below P: give
 * the whole huge pages below it back to the system.
 */
void region_release_below(struct region *rg, const void *p);

/* Unmap everything. NULL is a no-op. */
void region_destroy(struct region *rg);

#endif

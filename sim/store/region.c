/*
 * region.c - bump allocation in one anonymous mapping (see region.h).
 *
 * The mapping is MAP_NORESERVE (address space only) and advised
 * MADV_HUGEPAGE; both are hints, and where the kernel ignores them the
 * region still works with 4 KiB pages. Released memory reads as zero if
 * touched again, which no caller does.
 */
#include "sim/store/region.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#define HUGE_PAGE ((uintptr_t)2 << 20)
#define ALIGN 64

struct region {
	void *map; /* the whole mapping, MAP_SIZE bytes */
	size_t map_size;
	char *base, *top, *end; /* huge-page aligned part, next free byte */
	char *released;		/* everything below was given back */
};

static uintptr_t huge_align(uintptr_t x)
{
	return (x + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
}

int region_create(size_t size, struct region **out)
{
	struct region *rg = calloc(1, sizeof(*rg));

	if (!rg || size > SIZE_MAX / 2)
		goto fail;
	/* One huge page more, to start on a huge page boundary. */
	rg->map_size = huge_align(size) + HUGE_PAGE;
	rg->map = mmap(NULL, rg->map_size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (rg->map == MAP_FAILED)
		goto fail;
	rg->base = (char *)huge_align((uintptr_t)rg->map);
	rg->top = rg->released = rg->base;
	rg->end = rg->base + huge_align(size);
	(void)madvise(rg->base, (size_t)(rg->end - rg->base),
		      MADV_HUGEPAGE); /* a hint only */
	*out = rg;
	return 0;
fail:
	free(rg);
	return -ENOMEM;
}

void *region_alloc(struct region *rg, size_t size)
{
	size_t room = (size_t)(rg->end - rg->top);
	void *p = rg->top;

	if (size > room)
		return NULL;
	size = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if (size > room)
		return NULL;
	rg->top += size;
	return p;
}

bool region_owns(const struct region *rg, const void *p)
{
	const char *c = p;

	return rg && c >= rg->base && c < rg->end;
}

void region_release_below(struct region *rg, const void *p)
{
	char *upto;

	if (!rg || (!region_owns(rg, p) && p != rg->end))
		return;
	upto = (char *)((uintptr_t)p & ~(HUGE_PAGE - 1));
	if (upto <= rg->released)
		return;
	(void)madvise(rg->released, (size_t)(upto - rg->released),
		      MADV_DONTNEED); /* only lowers the resident size */
	rg->released = upto;
}

void region_destroy(struct region *rg)
{
	if (!rg)
		return;
	munmap(rg->map, rg->map_size);
	free(rg);
}

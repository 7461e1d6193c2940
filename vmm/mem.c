/*
 * mem.c - guest RAM and checked access to it (see mem.h).
 */
#include "vmm/mem.h"
#include "lib/error.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define HUGE_2M (2ull << 20)

struct vmm_mem {
	uint8_t *base;
	size_t size;
	const char *backing; /* "4k", "hugetlb" or "thp" */
};

/*
 * No reserved huge pages: ask for transparent huge pages on a normal
 * mapping instead (the kernel backs it with 2 MiB pages when it can), and
 * say so once, with how to reserve real ones.
 */
static void thp_fallback(struct vmm_mem *m, size_t size)
{
	static bool said;

	/* SIZE is whole 2 MiB pages (it said "for 0 MiB" for 256 KiB and
	   asked for a page more than needed). */
	if (!said)
		error_warn("no reserved huge pages for %zu MiB (reserve them "
			   "with: echo %zu > /proc/sys/vm/nr_hugepages); using "
			   "transparent huge pages instead",
			   size >> 20, (size_t)(size / HUGE_2M));
	said = true;
	m->base = mmap(NULL, m->size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	m->backing = "thp";
	if (m->base != MAP_FAILED)
		madvise(m->base, m->size, MADV_HUGEPAGE);
}

int vmm_mem_create(size_t size, bool hugepages, struct vmm_mem **out)
{
	int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
	struct vmm_mem *m;

	m = calloc(1, sizeof(*m));
	if (!m)
		return -ENOMEM;
	m->size = (size + HUGE_2M - 1) & ~(HUGE_2M - 1);
	/* Without MAP_NORESERVE, so that missing huge pages fail here and
	   not as SIGBUS on first touch. */
	if (hugepages)
		flags = (flags & ~MAP_NORESERVE) | MAP_HUGETLB;
	m->base = mmap(NULL, m->size, PROT_READ | PROT_WRITE, flags, -1, 0);
	m->backing = hugepages ? "hugetlb" : "4k";
	if (m->base == MAP_FAILED && hugepages)
		thp_fallback(m, m->size);
	if (m->base == MAP_FAILED) {
		free(m);
		return -ENOMEM;
	}
	*out = m;
	return 0;
}

const char *vmm_mem_backing(const struct vmm_mem *m)
{
	return m->backing;
}

void vmm_mem_destroy(struct vmm_mem *m)
{
	if (!m)
		return;
	munmap(m->base, m->size);
	free(m);
}

void *vmm_mem_base(const struct vmm_mem *m)
{
	return m->base;
}

size_t vmm_mem_size(const struct vmm_mem *m)
{
	return m->size;
}

void *vmm_mem_ptr(const struct vmm_mem *m, uint64_t gpa, uint64_t len)
{
	/* Written so that neither comparison can overflow. */
	if (len > m->size || gpa > m->size - len)
		return NULL;
	return m->base + gpa;
}

int vmm_mem_copy_in(const struct vmm_mem *m, void *dst, uint64_t gpa,
		    uint64_t len)
{
	const void *p = vmm_mem_ptr(m, gpa, len);

	if (!p)
		return -EFAULT;
	memcpy(dst, p, len);
	return 0;
}

int vmm_mem_copy_out(struct vmm_mem *m, uint64_t gpa, const void *src,
		     uint64_t len)
{
	void *p = vmm_mem_ptr(m, gpa, len);

	if (!p)
		return -EFAULT;
	memcpy(p, src, len);
	return 0;
}

/*
 * mem.c - guest RAM and checked access to it (see mem.h).
 */
#include "vmm/mem.h"
#include "sim/error.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define HUGE_2M (2ull << 20)

struct vmm_mem {
	uint8_t *base;
	size_t size;
};

int vmm_mem_create(size_t size, bool hugepages, struct vmm_mem **out)
{
	int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
	struct vmm_mem *m;

	m = calloc(1, sizeof(*m));
	if (!m)
		return -ENOMEM;
	m->size = (size + HUGE_2M - 1) & ~(HUGE_2M - 1);
	if (hugepages)
		flags |= MAP_HUGETLB;
	m->base = mmap(NULL, m->size, PROT_READ | PROT_WRITE, flags, -1, 0);
	if (m->base == MAP_FAILED) {
		int err = errno;

		free(m);
		if (hugepages) {
			error_msg("cannot map %zu MiB of huge pages (%s): reserve "
				  "them first, e.g. echo %zu > "
				  "/proc/sys/vm/nr_hugepages",
				  size >> 20, strerror(err),
				  (size_t)(size / HUGE_2M + 1));
			return -ENODEV;
		}
		return -ENOMEM;
	}
	*out = m;
	return 0;
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

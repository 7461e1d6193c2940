/*
 * vring.c - see vring.h. The guest's vCPU is stopped in the notify exit
 * while we walk its rings, but other vCPUs are not: indices in guest RAM
 * are read once with acquire loads and used only after a check.
 */
#include "vmm/dev/vring.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

__attribute__((format(printf, 2, 3))) static int bad(struct vring *r,
						     const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->why, sizeof(r->why), fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static void *area(struct vring *r, uint64_t gpa, uint64_t len, uint64_t align)
{
	if (gpa & (align - 1))
		return NULL;
	return vmm_mem_ptr(r->mem, gpa, len);
}

int vring_setup(struct vring *r, struct vmm_mem *mem, uint64_t gpa)
{
	struct abi_vq_setup q;
	uint64_t n;

	memset(r, 0, sizeof(*r));
	r->mem = mem;
	if (vmm_mem_copy_in(mem, &q, gpa, sizeof(q)))
		return bad(r, "ring setup block at 0x%llx is outside guest RAM",
			   (unsigned long long)gpa);
	n = q.size;
	if (n == 0 || n > VQ_MAX_SIZE || (n & (n - 1)))
		return bad(r, "ring size %llu is not a power of two in 1..%u",
			   (unsigned long long)n, VQ_MAX_SIZE);
	r->desc = area(r, q.desc, n * sizeof(struct abi_vq_desc), 16);
	r->avail = area(r, q.avail, 4 + 2 * n, 2);
	r->used = area(r, q.used, 4 + n * sizeof(struct abi_vq_used_elem), 4);
	if (!r->desc || !r->avail || !r->used) {
		r->desc = NULL;
		return bad(r,
			   "a ring area (desc 0x%llx, avail 0x%llx, used "
			   "0x%llx) is misaligned or outside guest RAM",
			   (unsigned long long)q.desc,
			   (unsigned long long)q.avail,
			   (unsigned long long)q.used);
	}
	r->q = q;
	r->last_avail = __atomic_load_n(&r->used->idx, __ATOMIC_ACQUIRE);
	return 0;
}

bool vring_ready(const struct vring *r)
{
	return r->q.size != 0;
}

int vring_pop(struct vring *r, uint16_t *head)
{
	uint16_t idx = __atomic_load_n(&r->avail->idx, __ATOMIC_ACQUIRE);
	uint16_t ahead = (uint16_t)(idx - r->last_avail), h;

	if (ahead == 0)
		return 0;
	if (ahead > r->q.size)
		return bad(r,
			   "available index %u is %u entries ahead of the "
			   "device, more than the ring size %u",
			   idx, ahead, r->q.size);
	h = __atomic_load_n(&r->avail->ring[r->last_avail & (r->q.size - 1)],
			    __ATOMIC_RELAXED);
	if (h >= r->q.size)
		return bad(r, "available head %u is not below the ring size %u",
			   h, r->q.size);
	r->last_avail++;
	*head = h;
	return 1;
}

static int one(struct vring *r, uint16_t i, struct vring_buf *b,
	       struct abi_vq_desc *d)
{
	/* One copy of the descriptor; everything below uses the copy. */
	memcpy(d, &r->desc[i], sizeof(*d));
	b->p = vmm_mem_ptr(r->mem, d->addr, d->len);
	if (!b->p || d->len == 0)
		return bad(r, "descriptor %u points at 0x%llx+%u, %s", i,
			   (unsigned long long)d->addr, d->len,
			   d->len ? "outside guest RAM" : "an empty buffer");
	b->len = d->len;
	b->writable = d->flags & VQ_DESC_WRITE;
	return 0;
}

int vring_chain(struct vring *r, uint16_t head, struct vring_buf *bufs,
		unsigned *n)
{
	struct abi_vq_desc d;
	uint16_t i = head;
	unsigned k = 0;

	for (;;) {
		if (k == r->q.size)
			return bad(r,
				   "descriptor chain from head %u is longer "
				   "than the ring (a loop)",
				   head);
		if (one(r, i, &bufs[k], &d) < 0)
			return -EINVAL;
		k++;
		if (!(d.flags & VQ_DESC_NEXT))
			break;
		if (d.next >= r->q.size)
			return bad(r,
				   "descriptor %u: next %u is not below the "
				   "ring size %u",
				   i, d.next, r->q.size);
		i = d.next;
	}
	*n = k;
	return 0;
}

void vring_push(struct vring *r, uint16_t head, uint32_t len)
{
	uint16_t idx = __atomic_load_n(&r->used->idx, __ATOMIC_RELAXED);
	struct abi_vq_used_elem *e = &r->used->ring[idx & (r->q.size - 1)];

	e->id = head;
	e->len = len;
	/* The element is visible before the index that publishes it. */
	__atomic_store_n(&r->used->idx, (uint16_t)(idx + 1), __ATOMIC_RELEASE);
}

const char *vring_why(const struct vring *r)
{
	return r->why;
}

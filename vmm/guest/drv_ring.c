/*
 * drv_ring.c - the guest half of the split rings: static rings of
 * DRV_RING_SIZE entries, set up with the device once, and a synchronous
 * kick (the device consumes everything before the OUT returns).
 */
#include "vmm/guest/drv.h"
#include "vmm/guest/lib.h"

void drv_ring_setup(struct drv_ring *r, uint16_t port)
{
	static struct abi_vq_setup q;

	q.desc = (uintptr_t)r->desc;
	q.avail = (uintptr_t)r->avail;
	q.used = (uintptr_t)r->used;
	q.size = r->size;
	r->avail->idx = 0;
	r->used->idx = 0;
	r->used_seen = 0;
	outl(port + PV_REG_SETUP, (uint32_t)(uintptr_t)&q);
}

void drv_ring_kick(struct drv_ring *r, uint16_t port)
{
	__asm__ volatile("" ::: "memory");
	outl(port + PV_REG_NOTIFY, 0);
	__asm__ volatile("" ::: "memory");
	r->used_seen = r->used->idx;
}

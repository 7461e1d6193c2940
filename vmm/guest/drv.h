/*
 * drv.h - the guest's drivers for the monitor's block devices and NICs,
 * in both styles, behind the work.h operations. Guest side only.
 *   emulated:   one port access (one exit) per 4 bytes moved;
 *   paravirtual: requests on a split ring, one notification per batch.
 */
#ifndef VMUX_GUEST_DRV_H
#define VMUX_GUEST_DRV_H

#include "vmm/guest/abi.h"
#include "vmm/guest/work.h"

/*
 * Fill *B for the block device of style DEV; REQ_BYTES is the size of one
 * paravirtual request (a multiple of BLK_SECTOR). Returns the disk's
 * capacity in sectors (0: no disk, or the ring could not be set up).
 */
uint64_t drv_blk_init(struct work_blk *b, enum abi_device dev,
		      uint32_t req_bytes);
/* Fill *N for the NIC of style DEV. */
void drv_nic_init(struct work_nic *n, enum abi_device dev);

/*
 * The paravirtual rings, for hostile guests that corrupt them on purpose:
 * the block ring and its size.
 */
struct drv_ring {
	struct abi_vq_desc *desc;
	struct abi_vq_avail *avail;
	struct abi_vq_used *used;
	uint16_t size;
	uint16_t used_seen;
};
struct drv_ring *drv_pvblk_ring(void);

/* The memory of a ring of DRV_RING entries, as the device reads it. */
#define DRV_RING 256u
struct drv_ring_mem {
	struct abi_vq_desc desc[DRV_RING] __attribute__((aligned(16)));
	struct {
		uint16_t flags, idx, ring[DRV_RING];
	} avail __attribute__((aligned(4)));
	struct {
		uint16_t flags, idx;
		struct abi_vq_used_elem ring[DRV_RING];
	} used __attribute__((aligned(4)));
};
/* The initialiser of a struct drv_ring over the static MEM. */
#define DRV_RING_OF(mem)                                                       \
	{                                                                      \
		(mem).desc, (struct abi_vq_avail *)&(mem).avail,               \
		    (struct abi_vq_used *)&(mem).used, DRV_RING, 0             \
	}
/* Set up RING at PORT's device; kick it. */
void drv_ring_setup(struct drv_ring *r, uint16_t port);
void drv_ring_kick(struct drv_ring *r, uint16_t port);

#endif

/*
 * vring.h - the device side of a split ring (layout in vmm/guest/abi.h):
 * take the next available chain, walk it, give it back on the used ring.
 *
 * Everything the guest controls is checked before use: the setup block and
 * each descriptor are copied out of guest RAM once and then checked (no
 * time-of-check/time-of-use); the areas must lie inside guest RAM; the
 * ring size must be a power of two up to VQ_MAX_SIZE; a head or next index
 * must be below the size; a chain longer than the ring is a loop; the
 * available index may not run more than the ring size ahead. A failed check
 * returns -EINVAL with the reason in vring_why().
 */
#ifndef VMUX_DEV_VRING_H
#define VMUX_DEV_VRING_H

#include "vmm/guest/abi.h"
#include "vmm/mem.h"

#include <stdbool.h>
#include <stdint.h>

struct vring {
	struct vmm_mem *mem;
	struct abi_vq_setup q;	  /* checked copy; size 0 = not set up */
	struct abi_vq_desc *desc; /* host views of the three areas */
	struct abi_vq_avail *avail;
	struct abi_vq_used *used;
	uint16_t last_avail;
	char why[160];
};

/* One buffer of a chain: a host pointer into guest RAM. */
struct vring_buf {
	uint8_t *p;
	uint32_t len;
	bool writable; /* VQ_DESC_WRITE: the device fills it */
};

/* Read and check the setup block at GPA; resets the ring. */
int vring_setup(struct vring *r, struct vmm_mem *mem, uint64_t gpa);
bool vring_ready(const struct vring *r);

/* The next available head into *HEAD: 1, or 0 if none, or -EINVAL. */
int vring_pop(struct vring *r, uint16_t *head);

/*
 * The buffers of the chain at HEAD into BUFS (room for the ring size), their
 * number into *N. -EINVAL on a bad descriptor or a loop.
 */
int vring_chain(struct vring *r, uint16_t head, struct vring_buf *bufs,
		unsigned *n);

/* Return HEAD on the used ring with LEN bytes written by the device. */
void vring_push(struct vring *r, uint16_t head, uint32_t len);

const char *vring_why(const struct vring *r);

#endif

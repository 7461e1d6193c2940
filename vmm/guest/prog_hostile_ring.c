/*
 * prog_hostile_ring.c - a guest that breaks the I/O devices on purpose,
 * one way per --param mode=M; the monitor must stop it with a clear
 * message and never touch memory outside the guest:
 *   0 a descriptor pointing outside guest RAM    1 a descriptor chain loop
 *   2 a next index beyond the ring              3 an available index that
 *     runs ahead by more than the ring size      4 a ring setup block
 *     outside guest RAM                          5 a head beyond the ring
 *   6 emulated block: data with no command      7 emulated NIC: data past
 *     the frame length                           8 a ring whose areas lie
 *     outside guest RAM
 * Another mode: status BAD_OP (abi.h).
 */
#include "vmm/guest/drv.h"
#include "vmm/guest/lib.h"

int guest_main(const struct abi_params *p, uint64_t cpu);
/* The --param keys this guest reads (vmux run refuses others). */
GUEST_KEYS("mode");

static void one_request(struct drv_ring *r, uint64_t addr, uint16_t flags,
			uint16_t next, uint16_t head, uint16_t ahead)
{
	r->desc[0].addr = addr;
	r->desc[0].len = 512;
	r->desc[0].flags = flags;
	r->desc[0].next = next;
	r->desc[1] = r->desc[0];
	r->avail->ring[0] = head;
	r->avail->idx = ahead;
	drv_ring_kick(r, PORT_PVBLK);
}

static void bad_ring(struct drv_ring *r, uint64_t mode, uint64_t ram)
{
	static struct abi_vq_setup q;

	switch (mode) {
	case 0:
		one_request(r, ram + 4096, 0, 0, 0, 1);
		break;
	case 1:
		one_request(r, (uintptr_t)r->desc, VQ_DESC_NEXT, 1, 0, 1);
		break;
	case 2:
		one_request(r, (uintptr_t)r->desc, VQ_DESC_NEXT, r->size, 0, 1);
		break;
	case 3:
		one_request(r, (uintptr_t)r->desc, 0, 0, 0, r->size + 1);
		break;
	case 4:
		outl(PORT_PVBLK + PV_REG_SETUP, (uint32_t)ram);
		break;
	case 5:
		one_request(r, (uintptr_t)r->desc, 0, 0, r->size, 1);
		break;
	case 8:
		q.desc = ram - 64;
		q.avail = (uintptr_t)r->avail;
		q.used = (uintptr_t)r->used;
		q.size = r->size;
		outl(PORT_PVBLK + PV_REG_SETUP, (uint32_t)(uintptr_t)&q);
		break;
	}
}

int guest_main(const struct abi_params *p, uint64_t cpu)
{
	uint64_t mode = param_u64(p, "mode", 0);
	struct work_blk b;

	(void)cpu;
	if (mode > 8)
		return ABI_ST_BAD_OP;
	if (mode == 6) {
		outl(PORT_BLK + BLK_REG_DATA, 0);
	} else if (mode == 7) {
		outl(PORT_NIC + NIC_REG_LEN, 6);
		for (int i = 0; i < 2; i++)
			outl(PORT_NIC + NIC_REG_DATA, 0);
	} else {
		drv_blk_init(&b, ABI_DEV_PARAVIRT, 4096);
		bad_ring(drv_pvblk_ring(), mode, p->ram_size);
	}
	hc_log("hostile_ring: the monitor let me through\n");
	return 0;
}

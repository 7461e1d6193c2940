/*
 * drv_nic.c - NIC drivers (see drv.h). The paravirtual one puts each frame
 * of a batch in one descriptor and notifies once per ring-full.
 */
#include "vmm/guest/drv.h"
#include "vmm/guest/lib.h"

#define RING DRV_RING

static struct drv_ring_mem m;
static struct drv_ring ring = DRV_RING_OF(m);

static int e_send(void *ctx, const void *buf, uint32_t len, uint32_t n)
{
	const uint8_t *f = buf;
	uint32_t sent = inl(PORT_NIC + NIC_REG_SENT);

	(void)ctx;
	for (uint32_t i = 0; i < n; i++, f += len) {
		outl(PORT_NIC + NIC_REG_LEN, len);
		for (uint32_t j = 0; j < len / 4; j++)
			outl(PORT_NIC + NIC_REG_DATA, ((const uint32_t *)f)[j]);
	}
	return inl(PORT_NIC + NIC_REG_SENT) != sent + n;
}

static int p_send(void *ctx, const void *buf, uint32_t len, uint32_t n)
{
	const uint8_t *f = buf;

	(void)ctx;
	while (n) {
		uint32_t k = n < RING ? n : RING;

		for (uint32_t j = 0; j < k; j++, f += len) {
			m.desc[j].addr = (uintptr_t)f;
			m.desc[j].len = len;
			m.desc[j].flags = 0;
			m.avail.ring[(m.avail.idx + j) % RING] = (uint16_t)j;
		}
		__asm__ volatile("" ::: "memory");
		m.avail.idx = (uint16_t)(m.avail.idx + k);
		drv_ring_kick(&ring, PORT_PVNIC);
		if (m.used.idx != m.avail.idx)
			return 1;
		n -= k;
	}
	return 0;
}

void drv_nic_init(struct work_nic *n, enum abi_device dev)
{
	n->ctx = 0;
	if (dev == ABI_DEV_PARAVIRT) {
		drv_ring_setup(&ring, PORT_PVNIC);
		n->send = p_send;
	} else {
		n->send = e_send;
	}
}

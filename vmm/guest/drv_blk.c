/*
 * drv_blk.c - block drivers (see drv.h). The paravirtual one splits a
 * batch into requests of req_bytes, three descriptors each (header, data,
 * status), as many as the ring holds per notification.
 */
#include "vmm/guest/drv.h"
#include "vmm/guest/lib.h"

#define RING DRV_RING
#define MAX_REQS (RING / 3)

static struct drv_ring_mem m;
static struct abi_pvblk_req hdr[MAX_REQS];
static uint8_t status[MAX_REQS];
static uint32_t req_sectors;
static struct drv_ring ring = DRV_RING_OF(m);

struct drv_ring *drv_pvblk_ring(void)
{
	return &ring;
}

/* ---- emulated: a sector register, a command, a data port ---- */

static void e_start(uint64_t sector, uint32_t cmd)
{
	outl(PORT_BLK + BLK_REG_SECTOR_LO, (uint32_t)sector);
	outl(PORT_BLK + BLK_REG_SECTOR_HI, (uint32_t)(sector >> 32));
	outl(PORT_BLK + BLK_REG_CMD, cmd);
}

static int e_write(void *ctx, uint64_t sector, const void *buf, uint32_t nsect)
{
	const uint32_t *w = buf;

	(void)ctx;
	e_start(sector, BLK_CMD_WRITE);
	for (uint64_t i = 0; i < (uint64_t)nsect * BLK_SECTOR / 4; i++)
		outl(PORT_BLK + BLK_REG_DATA, w[i]);
	return (int)inl(PORT_BLK + BLK_REG_CMD);
}

static int e_read(void *ctx, uint64_t sector, void *buf, uint32_t nsect)
{
	uint32_t *w = buf;

	(void)ctx;
	e_start(sector, BLK_CMD_READ);
	if (inl(PORT_BLK + BLK_REG_CMD))
		return 1;
	for (uint64_t i = 0; i < (uint64_t)nsect * BLK_SECTOR / 4; i++)
		w[i] = inl(PORT_BLK + BLK_REG_DATA);
	return (int)inl(PORT_BLK + BLK_REG_CMD);
}

/* ---- paravirtual: requests on the ring ---- */

static void put(uint16_t i, const void *p, uint32_t len, uint16_t flags)
{
	m.desc[i].addr = (uintptr_t)p;
	m.desc[i].len = len;
	m.desc[i].flags = flags;
	m.desc[i].next = (uint16_t)(i + 1);
}

/* Queue request K: TYPE of NS sectors at SECTOR from BUF. */
static void queue(uint32_t k, uint32_t type, uint64_t sector, uint8_t *buf,
		  uint32_t ns)
{
	uint16_t d = (uint16_t)(3 * k);

	hdr[k].type = type;
	hdr[k].sector = sector;
	status[k] = 0xff;
	put(d, &hdr[k], sizeof(hdr[k]), VQ_DESC_NEXT);
	put(d + 1, buf, ns * BLK_SECTOR,
	    VQ_DESC_NEXT | (type == PVBLK_READ ? VQ_DESC_WRITE : 0));
	put(d + 2, &status[k], 1, VQ_DESC_WRITE);
	m.avail.ring[(m.avail.idx + k) % RING] = d;
}

static int p_batch(uint32_t type, uint64_t sector, uint8_t *buf, uint32_t nsect)
{
	while (nsect) {
		uint32_t k = 0;

		for (; k < MAX_REQS && nsect; k++) {
			uint32_t ns = nsect < req_sectors ? nsect : req_sectors;

			queue(k, type, sector, buf, ns);
			sector += ns;
			buf += ns * BLK_SECTOR;
			nsect -= ns;
		}
		__asm__ volatile("" ::: "memory");
		m.avail.idx = (uint16_t)(m.avail.idx + k);
		drv_ring_kick(&ring, PORT_PVBLK);
		for (uint32_t j = 0; j < k; j++)
			if (status[j])
				return 1;
	}
	return 0;
}

static int p_write(void *ctx, uint64_t sector, const void *buf, uint32_t nsect)
{
	(void)ctx;
	return p_batch(PVBLK_WRITE, sector, (uint8_t *)(uintptr_t)buf, nsect);
}

static int p_read(void *ctx, uint64_t sector, void *buf, uint32_t nsect)
{
	(void)ctx;
	return p_batch(PVBLK_READ, sector, buf, nsect);
}

uint64_t drv_blk_init(struct work_blk *b, enum abi_device dev,
		      uint32_t req_bytes)
{
	uint16_t port = dev == ABI_DEV_PARAVIRT ? PORT_PVBLK : PORT_BLK;
	uint64_t cap =
	    inl(port +
		(dev == ABI_DEV_PARAVIRT ? PV_REG_CAP_LO : BLK_REG_SECTOR_LO));

	cap |=
	    (uint64_t)inl(port + (dev == ABI_DEV_PARAVIRT ? PV_REG_CAP_HI
							  : BLK_REG_SECTOR_HI))
	    << 32;
	b->ctx = 0;
	if (dev == ABI_DEV_PARAVIRT) {
		req_sectors =
		    req_bytes / BLK_SECTOR ? req_bytes / BLK_SECTOR : 1;
		drv_ring_setup(&ring, PORT_PVBLK);
		b->write = p_write;
		b->read = p_read;
	} else {
		b->write = e_write;
		b->read = e_read;
	}
	return cap;
}

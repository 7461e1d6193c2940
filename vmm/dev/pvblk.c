/*
 * pvblk.c - the paravirtual block device: requests on a split ring in guest
 * memory (vmm/dev/vring.h), a header, data buffers and a status byte each
 * (struct abi_pvblk_req), all pending requests served on one notification.
 * Data moves straight between guest RAM and the host file.
 *
 * A malformed chain (header missing or short, a data
 * buffer not a whole number of sectors or of the wrong direction, no
 * writable status byte at the end, unknown type) is a guest fault; a
 * sector range beyond the disk is reported in the status byte.
 */
#include "vmm/dev/disk.h"
#include "vmm/dev/vring.h"
#include "vmm/device.h"
#include "vmm/vm.h"

#include <errno.h>
#include <string.h>

struct dev_pvblk {
	struct vmm_port_dev port; /* backend: the dev_disk */
	struct vring ring;
	struct vring_buf bufs[VQ_MAX_SIZE];
};

static int fault(struct dev_pvblk *b, const char *what)
{
	vmm_vm_fault(b->port.vm, "guest fault: paravirtual block device: %s",
		     what);
	return -EINVAL;
}

static int check(struct dev_pvblk *b, unsigned n, struct abi_pvblk_req *h)
{
	const struct vring_buf *s = &b->bufs[n - 1];

	if (n < 2 || b->bufs[0].writable || b->bufs[0].len < sizeof(*h))
		return fault(b, "a request must start with a device-readable "
				"header and end with a status byte");
	if (!s->writable || s->len != 1)
		return fault(b, "the last buffer of a request must be one "
				"device-writable status byte");
	memcpy(h, b->bufs[0].p, sizeof(*h));
	if (h->type != PVBLK_READ && h->type != PVBLK_WRITE)
		return fault(b, "unknown request type");
	for (unsigned i = 1; i + 1 < n; i++) {
		if (b->bufs[i].len % BLK_SECTOR)
			return fault(b, "a data buffer is not whole sectors");
		if (b->bufs[i].writable != (h->type == PVBLK_READ))
			return fault(b,
				     "a data buffer has the wrong direction");
	}
	return 0;
}

/* Carry out the checked request; bytes written into guest RAM. */
static uint32_t serve(struct dev_pvblk *b, unsigned n,
		      const struct abi_pvblk_req *h)
{
	uint64_t sector = h->sector;
	uint32_t written = 1;
	unsigned st = 0;

	for (unsigned i = 1; i + 1 < n && !st; i++) {
		size_t ns = b->bufs[i].len / BLK_SECTOR;

		if (h->type == PVBLK_READ) {
			st = dev_disk_read(b->port.backend, sector,
					   b->bufs[i].p, ns);
			written += st ? 0 : b->bufs[i].len;
		} else {
			st = dev_disk_write(b->port.backend, sector,
					    b->bufs[i].p, ns);
		}
		sector += ns;
	}
	*b->bufs[n - 1].p = (uint8_t)st;
	return written;
}

static int notify(struct dev_pvblk *b)
{
	struct abi_pvblk_req h;
	uint16_t head;
	unsigned n;
	int rc;

	if (!vring_ready(&b->ring))
		return fault(b, "notified before the ring was set up");
	while ((rc = vring_pop(&b->ring, &head)) > 0) {
		rc = vring_chain(&b->ring, head, b->bufs, &n);
		if (rc < 0)
			break;
		if (check(b, n, &h) < 0)
			return -EINVAL;
		vring_push(&b->ring, head, serve(b, n, &h));
	}
	return rc < 0 ? fault(b, vring_why(&b->ring)) : 0;
}

static int pvblk_io(void *opaque, uint64_t off, uint8_t *d, unsigned size,
		    bool write)
{
	struct dev_pvblk *b = opaque;
	uint64_t cap = dev_disk_sectors(b->port.backend);
	uint32_t v = 0;
	int rc = 0;

	if (size != 4)
		return fault(b, "registers are 4 bytes wide");
	memcpy(&v, d, 4);
	if (write && off == PV_REG_SETUP) {
		if (vring_setup(&b->ring, vmm_vm_mem(b->port.vm), v) < 0)
			rc = fault(b, vring_why(&b->ring));
	} else if (write && off == PV_REG_NOTIFY) {
		rc = notify(b);
	} else if (!write && (off == PV_REG_CAP_LO || off == PV_REG_CAP_HI)) {
		v = (uint32_t)(off == PV_REG_CAP_LO ? cap : cap >> 32);
		memcpy(d, &v, 4);
	} else {
		rc = fault(b, "no such register, or the wrong direction");
	}
	return rc;
}

const struct vmm_device dev_pvblk_device = {
    .name = "pvblk",
    .create = vmm_port_dev_create,
    .destroy = vmm_port_dev_destroy,
    .port = {PORT_PVBLK, 16, sizeof(struct dev_pvblk), pvblk_io,
	     &dev_disk_device},
};

/*
 * pvnic.c - the paravirtual NIC: each chain on its split ring is one frame
 * (device-readable buffers, gathered in order, at most NIC_MAX_FRAME
 * bytes), sent as one UDP datagram; every pending frame goes out on one
 * notification.
 *
 * A device-writable buffer in a transmit chain or a
 * frame above NIC_MAX_FRAME is a guest fault.
 */
#include "vmm/dev/udp.h"
#include "vmm/dev/vring.h"
#include "vmm/device.h"
#include "vmm/vm.h"

#include <errno.h>
#include <string.h>

struct dev_pvnic {
	struct vmm_port_dev port; /* backend: the dev_udp */
	struct vring ring;
	struct vring_buf bufs[VQ_MAX_SIZE];
	uint8_t frame[NIC_MAX_FRAME];
};

static int fault(struct dev_pvnic *n, const char *what)
{
	vmm_vm_fault(n->port.vm, "guest fault: paravirtual NIC: %s", what);
	return -EINVAL;
}

static int send_chain(struct dev_pvnic *n, unsigned nb)
{
	uint32_t len = 0;
	int rc;

	for (unsigned i = 0; i < nb; i++) {
		if (n->bufs[i].writable)
			return fault(n, "a transmit buffer is device-writable");
		if (n->bufs[i].len > NIC_MAX_FRAME - len)
			return fault(n, "a frame is longer than the maximum");
		memcpy(n->frame + len, n->bufs[i].p, n->bufs[i].len);
		len += n->bufs[i].len;
	}
	rc = dev_udp_send(n->port.backend, n->frame, len);
	if (rc < 0)
		vmm_vm_fault(n->port.vm,
			     "paravirtual NIC: sending a frame to UDP "
			     "127.0.0.1:%u failed: %s",
			     dev_udp_port(n->port.backend), strerror(-rc));
	return rc;
}

static int notify(struct dev_pvnic *n)
{
	uint16_t head;
	unsigned nb;
	int rc;

	if (!vring_ready(&n->ring))
		return fault(n, "notified before the ring was set up");
	while ((rc = vring_pop(&n->ring, &head)) > 0) {
		rc = vring_chain(&n->ring, head, n->bufs, &nb);
		if (rc < 0)
			break;
		if (send_chain(n, nb) < 0)
			return -EINVAL;
		vring_push(&n->ring, head, 0);
	}
	return rc < 0 ? fault(n, vring_why(&n->ring)) : 0;
}

static int pvnic_io(void *opaque, uint64_t off, uint8_t *d, unsigned size,
		    bool write)
{
	struct dev_pvnic *n = opaque;
	uint32_t v = 0;
	int rc;

	if (size != 4 || !write)
		return fault(n, "registers are 4 bytes wide and write-only");
	memcpy(&v, d, 4);
	if (off == PV_REG_SETUP) {
		rc = vring_setup(&n->ring, vmm_vm_mem(n->port.vm), v);
		if (rc < 0)
			fault(n, vring_why(&n->ring));
	} else if (off == PV_REG_NOTIFY) {
		rc = notify(n);
	} else {
		rc = fault(n, "no such register");
	}
	return rc;
}

const struct vmm_device dev_pvnic_device = {
    .name = "pvnic",
    .create = vmm_port_dev_create,
    .destroy = vmm_port_dev_destroy,
    .port = {PORT_PVNIC, 16, sizeof(struct dev_pvnic), pvnic_io,
	     &dev_udp_device},
};

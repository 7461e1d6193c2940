/*
 * nic.c - the emulated (register-level) NIC: the guest writes a frame
 * length, then the frame through a data port (1, 2 or 4 bytes per access,
 * each an exit); the complete frame leaves as one UDP datagram (dev_udp).
 * Registers in vmm/guest/abi.h (PORT_NIC).
 *
 * A length of 0 or above NIC_MAX_FRAME, data with no
 * frame started, or data past the frame's length are guest faults; a
 * send the host refuses stops the VM with the host's reason.
 */
#include "vmm/dev/udp.h"
#include "vmm/guest/abi.h"
#include "vmm/device.h"
#include "vmm/vm.h"

#include <errno.h>
#include <string.h>

struct dev_nic {
	struct vmm_port_dev port; /* backend: the dev_udp */
	uint32_t len, pos;	  /* len 0: no frame in progress */
	uint32_t sent;
	uint8_t buf[NIC_MAX_FRAME];
};

static int fault(struct dev_nic *n, const char *what)
{
	vmm_vm_fault(n->port.vm, "guest fault: emulated NIC: %s", what);
	return -EINVAL;
}

static int data(struct dev_nic *n, const uint8_t *d, unsigned size)
{
	int rc;

	if (!n->len)
		return fault(n, "data written with no frame length set");
	if (n->pos + size > n->len)
		return fault(n, "data written past the frame length");
	memcpy(n->buf + n->pos, d, size);
	n->pos += size;
	if (n->pos < n->len)
		return 0;
	rc = dev_udp_send(n->port.backend, n->buf, n->len);
	n->len = 0;
	if (rc < 0) {
		vmm_vm_fault(n->port.vm,
			     "emulated NIC: sending a frame to UDP "
			     "127.0.0.1:%u failed: %s",
			     dev_udp_port(n->port.backend), strerror(-rc));
		return rc;
	}
	n->sent++;
	return 0;
}

static int nic_io(void *opaque, uint64_t off, uint8_t *d, unsigned size,
		  bool write)
{
	struct dev_nic *n = opaque;
	uint32_t v = 0;

	if (off == NIC_REG_DATA && write && size <= 4)
		return data(n, d, size);
	if (size != 4)
		return fault(n, "registers are 4 bytes wide");
	memcpy(&v, d, 4);
	if (off == NIC_REG_LEN && write) {
		if (v == 0 || v > NIC_MAX_FRAME)
			return fault(n, "frame length 0 or above the maximum");
		n->len = v;
		n->pos = 0;
		return 0;
	}
	if (off == NIC_REG_SENT && !write) {
		memcpy(d, &n->sent, 4);
		return 0;
	}
	return fault(n, "no such register, or the wrong direction");
}

const struct vmm_device dev_nic_device = {
    .name = "nic",
    .create = vmm_port_dev_create,
    .destroy = vmm_port_dev_destroy,
    .port = {PORT_NIC, 16, sizeof(struct dev_nic), nic_io, &dev_udp_device},
};

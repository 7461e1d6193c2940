/*
 * pvnic.c - see pvnic.h. A device-writable buffer in a transmit chain or a
 * frame above NIC_MAX_FRAME is a guest fault.
 */
#include "vmm/dev/pvnic.h"
#include "vmm/dev/udp.h"
#include "vmm/dev/vring.h"
#include "vmm/io.h"
#include "vmm/vm.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct dev_pvnic {
	struct vmm_vm *vm;
	struct dev_udp *udp;
	pthread_mutex_t lock;
	struct vring ring;
	struct vring_buf bufs[VQ_MAX_SIZE];
	uint8_t frame[NIC_MAX_FRAME];
};

static int fault(struct dev_pvnic *n, const char *what)
{
	vmm_vm_fault(n->vm, "guest fault: paravirtual NIC: %s", what);
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
	rc = dev_udp_send(n->udp, n->frame, len);
	if (rc < 0)
		vmm_vm_fault(n->vm,
			     "paravirtual NIC: sending a frame failed: "
			     "%s",
			     strerror(-rc));
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
	pthread_mutex_lock(&n->lock);
	if (off == PV_REG_SETUP) {
		rc = vring_setup(&n->ring, vmm_vm_mem(n->vm), v);
		if (rc < 0)
			fault(n, vring_why(&n->ring));
	} else if (off == PV_REG_NOTIFY) {
		rc = notify(n);
	} else {
		rc = fault(n, "no such register");
	}
	pthread_mutex_unlock(&n->lock);
	return rc;
}

int dev_pvnic_create(struct vmm_vm *vm, struct dev_udp *udp,
		     struct dev_pvnic **out)
{
	struct dev_pvnic *n = calloc(1, sizeof(*n));
	int rc;

	if (!n)
		return -ENOMEM;
	n->vm = vm;
	n->udp = udp;
	pthread_mutex_init(&n->lock, NULL);
	rc = vmm_io_register_port(vmm_vm_io(vm), PORT_PVNIC, 16, pvnic_io, n);
	if (rc < 0) {
		dev_pvnic_destroy(n);
		return rc;
	}
	*out = n;
	return 0;
}

void dev_pvnic_destroy(struct dev_pvnic *n)
{
	if (!n)
		return;
	pthread_mutex_destroy(&n->lock);
	free(n);
}

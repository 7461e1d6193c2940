/*
 * nic.c - see nic.h. A length of 0 or above NIC_MAX_FRAME, data with no
 * frame started, or data past the frame's length are guest faults; a
 * send the host refuses stops the VM with the host's reason.
 */
#include "vmm/dev/nic.h"
#include "vmm/dev/udp.h"
#include "vmm/guest/abi.h"
#include "vmm/io.h"
#include "vmm/vm.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct dev_nic {
	struct vmm_vm *vm;
	struct dev_udp *udp;
	pthread_mutex_t lock;
	uint32_t len, pos; /* len 0: no frame in progress */
	uint32_t sent;
	uint8_t buf[NIC_MAX_FRAME];
};

static int fault(struct dev_nic *n, const char *what)
{
	vmm_vm_fault(n->vm, "guest fault: emulated NIC: %s", what);
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
	rc = dev_udp_send(n->udp, n->buf, n->len);
	n->len = 0;
	if (rc < 0) {
		vmm_vm_fault(n->vm, "emulated NIC: sending a frame failed: %s",
			     strerror(-rc));
		return rc;
	}
	n->sent++;
	return 0;
}

static int handle(struct dev_nic *n, uint64_t off, uint8_t *d, unsigned size,
		  bool write)
{
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

static int nic_io(void *opaque, uint64_t off, uint8_t *d, unsigned size,
		  bool write)
{
	struct dev_nic *n = opaque;
	int rc;

	pthread_mutex_lock(&n->lock);
	rc = handle(n, off, d, size, write);
	pthread_mutex_unlock(&n->lock);
	return rc;
}

int dev_nic_create(struct vmm_vm *vm, struct dev_udp *udp, struct dev_nic **out)
{
	struct dev_nic *n = calloc(1, sizeof(*n));
	int rc;

	if (!n)
		return -ENOMEM;
	n->vm = vm;
	n->udp = udp;
	pthread_mutex_init(&n->lock, NULL);
	rc = vmm_io_register_port(vmm_vm_io(vm), PORT_NIC, 16, nic_io, n);
	if (rc < 0) {
		dev_nic_destroy(n);
		return rc;
	}
	*out = n;
	return 0;
}

void dev_nic_destroy(struct dev_nic *n)
{
	if (!n)
		return;
	pthread_mutex_destroy(&n->lock);
	free(n);
}

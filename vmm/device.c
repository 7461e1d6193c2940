/*
 * device.c - the device list (from vmm/dev/devices.def) and the shared
 * scaffolding of port devices: state allocated zeroed, ports claimed, one
 * lock taken around every access.
 */
#include "vmm/device.h"
#include "vmm/vm.h"

#include <errno.h>
#include <stdlib.h>

#define DEVICE(name) extern const struct vmm_device dev_##name##_device;
#include "vmm/dev/devices.def"
#undef DEVICE

const struct vmm_device *const vmm_devices[] = {
#define DEVICE(name) &dev_##name##_device,
#include "vmm/dev/devices.def"
#undef DEVICE
};
const size_t vmm_ndevices = sizeof(vmm_devices) / sizeof(vmm_devices[0]);

static int locked_io(void *opaque, uint64_t off, uint8_t *data, unsigned size,
		     bool write)
{
	struct vmm_port_dev *p = opaque;
	int rc;

	pthread_mutex_lock(&p->lock);
	rc = p->handle(p, off, data, size, write);
	pthread_mutex_unlock(&p->lock);
	return rc;
}

int vmm_port_dev_create(struct vmm_vm *vm, const struct vmm_device *d,
			void **out)
{
	void *backend = d->port.needs ? vmm_vm_device(vm, d->port.needs) : NULL;
	struct vmm_port_dev *p;
	int rc;

	*out = NULL;
	if (d->port.needs && !backend)
		return 0;
	p = calloc(1, d->port.size);
	if (!p)
		return -ENOMEM;
	p->vm = vm;
	p->backend = backend;
	p->handle = d->port.handle;
	pthread_mutex_init(&p->lock, NULL);
	rc = vmm_io_register_port(vmm_vm_io(vm), d->port.base, d->port.len,
				  locked_io, p);
	if (rc < 0) {
		vmm_port_dev_destroy(p);
		return rc;
	}
	*out = p;
	return 0;
}

void vmm_port_dev_destroy(void *dev)
{
	struct vmm_port_dev *p = dev;

	if (!p)
		return;
	pthread_mutex_destroy(&p->lock);
	free(p);
}

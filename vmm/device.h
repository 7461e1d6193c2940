/*
 * device.h - what a device is to the monitor, and the list of them.
 *
 * A device is a struct vmm_device: a name, create, destroy and optional
 * counters. Every VM walks the one list (vmm/dev/devices.def) in order:
 * create makes the device's state or, when the VM's options do not ask
 * for the device, leaves it absent (*out NULL); destroy runs in reverse
 * order. A device built on another (the block devices on the host disk,
 * the NICs on the UDP socket) finds it with vmm_vm_device(); the other
 * must come earlier in the list. Adding a device is one file in vmm/dev/
 * defining `const struct vmm_device dev_NAME_device` and one line
 * DEVICE(NAME) in the list.
 *
 * Port devices share their scaffolding: a descriptor with .port filled
 * and .create = vmm_port_dev_create, .destroy = vmm_port_dev_destroy
 * allocates the device's state (which starts with struct vmm_port_dev),
 * claims its ports and calls its handler with the device's lock held, so
 * several vCPUs may drive it.
 */
#ifndef VMUX_VMM_DEVICE_H
#define VMUX_VMM_DEVICE_H

#include "vmm/io.h"

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

struct vmm_vm;
struct vmm_stats;

struct vmm_device {
	const char *name;
	/* Make the device for VM (*OUT NULL: not wanted). 0 or -errno, with
	   a message on stderr for errors the user can act on. */
	int (*create)(struct vmm_vm *vm, const struct vmm_device *d,
		      void **out);
	/* Free what create made; NULL is a no-op. */
	void (*destroy)(void *dev);
	/* Optional: add the device's counters to ST after a run. */
	void (*counts)(const void *dev, struct vmm_stats *st);
	/* For port devices (vmm_port_dev_create). */
	struct {
		uint16_t base, len; /* ports [base, base + len) */
		size_t size;	    /* bytes of state, >= vmm_port_dev */
		vmm_io_fn handle;   /* called with the state, locked */
		/* Made only when this device (earlier in the list) is
		   present; its state is then vmm_port_dev.backend. */
		const struct vmm_device *needs;
	} port;
};

/* The list, in creation order. */
extern const struct vmm_device *const vmm_devices[];
extern const size_t vmm_ndevices;

/* The state at the start of every port device's own. */
struct vmm_port_dev {
	struct vmm_vm *vm;
	void *backend; /* the instance of port.needs (borrowed) */
	pthread_mutex_t lock;
	vmm_io_fn handle;
};

int vmm_port_dev_create(struct vmm_vm *vm, const struct vmm_device *d,
			void **out);
void vmm_port_dev_destroy(void *dev);

#endif

/*
 * hypercall.h - the monitor's own paravirtual interface: the hypercall port
 * (log, result, done), the done port, the mark port (timestamps; the
 * cheapest exit, used by the exit benchmark), the duty port (validation's
 * slot clock) and a null MMIO page (the MMIO exit benchmark). Ports
 * PORT_HCALL .. PORT_DUTY+3 and MMIO_NULL, see vmm/guest/abi.h.
 */
#ifndef VMUX_DEV_HYPERCALL_H
#define VMUX_DEV_HYPERCALL_H

struct vmm_vm;
struct dev_hypercall;

int dev_hypercall_create(struct vmm_vm *vm, struct dev_hypercall **out);
void dev_hypercall_destroy(struct dev_hypercall *h);

#endif

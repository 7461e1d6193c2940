/*
 * pvnic.h - the paravirtual NIC: each chain on its split ring is one frame
 * (device-readable buffers, gathered in order, at most NIC_MAX_FRAME
 * bytes), sent as one UDP datagram; every pending frame goes out on one
 * notification.
 */
#ifndef VMUX_DEV_PVNIC_H
#define VMUX_DEV_PVNIC_H

struct vmm_vm;
struct dev_udp;
struct dev_pvnic;

/* Claim PORT_PVNIC of VM, sending through UDP (borrowed). */
int dev_pvnic_create(struct vmm_vm *vm, struct dev_udp *udp,
		     struct dev_pvnic **out);
void dev_pvnic_destroy(struct dev_pvnic *n);

#endif

/*
 * nic.h - the emulated (register-level) NIC: the guest writes a frame
 * length, then the frame through a data port (1, 2 or 4 bytes per access,
 * each an exit); the complete frame leaves as one UDP datagram (dev_udp).
 * Registers in vmm/guest/abi.h (PORT_NIC).
 */
#ifndef VMUX_DEV_NIC_H
#define VMUX_DEV_NIC_H

struct vmm_vm;
struct dev_udp;
struct dev_nic;

/* Claim PORT_NIC of VM, sending through UDP (borrowed). */
int dev_nic_create(struct vmm_vm *vm, struct dev_udp *udp,
		   struct dev_nic **out);
void dev_nic_destroy(struct dev_nic *n);

#endif

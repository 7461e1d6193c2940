/*
 * pvblk.h - the paravirtual block device: requests on a split ring in guest
 * memory (vmm/dev/vring.h), a header, data buffers and a status byte each
 * (struct abi_pvblk_req), all pending requests served on one notification.
 * Data moves straight between guest RAM and the host file.
 */
#ifndef VMUX_DEV_PVBLK_H
#define VMUX_DEV_PVBLK_H

struct vmm_vm;
struct dev_disk;
struct dev_pvblk;

/* Claim PORT_PVBLK of VM over DISK (borrowed). */
int dev_pvblk_create(struct vmm_vm *vm, struct dev_disk *disk,
		     struct dev_pvblk **out);
void dev_pvblk_destroy(struct dev_pvblk *b);

#endif

/*
 * blk.h - the emulated (register-level) block device: full virtualization
 * by trap and emulate. The register layout is in vmm/guest/abi.h
 * (PORT_BLK): the guest sets a sector number, issues a command, and moves
 * the sector 2 or 4 bytes per data-port access, each one an exit.
 */
#ifndef VMUX_DEV_BLK_H
#define VMUX_DEV_BLK_H

struct vmm_vm;
struct dev_disk;
struct dev_blk;

/* Claim PORT_BLK of VM over DISK (borrowed; must outlive the device). */
int dev_blk_create(struct vmm_vm *vm, struct dev_disk *disk,
		   struct dev_blk **out);
void dev_blk_destroy(struct dev_blk *b);

#endif

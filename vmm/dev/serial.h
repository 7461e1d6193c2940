/*
 * serial.h - a 16550-style UART as the guest console: transmit holding
 * register and line status only. Full virtualization in its purest form:
 * every byte the guest prints is one port-I/O exit.
 */
#ifndef VMUX_DEV_SERIAL_H
#define VMUX_DEV_SERIAL_H

#include <stdint.h>

struct vmm_vm;
struct dev_serial;

/* Claim ports [BASE, BASE+8) of VM. */
int dev_serial_create(struct vmm_vm *vm, uint16_t base,
		      struct dev_serial **out);
void dev_serial_destroy(struct dev_serial *s);

#endif

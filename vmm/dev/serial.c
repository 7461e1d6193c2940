/*
 * serial.c - the 16550-style console. Registers (offset from the base):
 * 0 THR/RBR (write: transmit a byte; read: no input, 0), 1 IER, 2 IIR/FCR,
 * 3 LCR, 4 MCR, 5 LSR (always "transmitter empty, holding register empty"),
 * 6 MSR, 7 scratch. Bytes go to the VM's console sink. Accesses other than
 * one byte wide are guest faults.
 */
#include "vmm/dev/serial.h"
#include "vmm/vm.h"

#include <errno.h>
#include <stdlib.h>

#define LSR_THRE 0x20
#define LSR_TEMT 0x40

struct dev_serial {
	struct vmm_vm *vm;
	uint8_t regs[8];
};

static int serial_io(void *opaque, uint64_t off, uint8_t *data, unsigned size,
		     bool write)
{
	struct dev_serial *s = opaque;

	if (size != 1)
		return -EINVAL;
	if (write) {
		if (off == 0 && !(s->regs[3] & 0x80))
			vmm_vm_console_write(s->vm, data, 1);
		else
			s->regs[off] = *data;
		return 0;
	}
	if (off == 5)
		*data = LSR_THRE | LSR_TEMT;
	else if (off == 0)
		*data = 0;
	else
		*data = s->regs[off];
	return 0;
}

int dev_serial_create(struct vmm_vm *vm, uint16_t base, struct dev_serial **out)
{
	struct dev_serial *s = calloc(1, sizeof(*s));
	int rc;

	if (!s)
		return -ENOMEM;
	s->vm = vm;
	rc = vmm_io_register_port(vmm_vm_io(vm), base, 8, serial_io, s);
	if (rc < 0) {
		free(s);
		return rc;
	}
	*out = s;
	return 0;
}

void dev_serial_destroy(struct dev_serial *s)
{
	free(s);
}

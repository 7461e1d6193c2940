/*
 * serial.c - a 16550-style UART as the guest console: transmit holding
 * register and line status only. Full virtualization in its purest form:
 * every byte the guest prints is one port-I/O exit.
 *
 * Registers (offset from the base):
 * 0 THR/RBR (write: transmit a byte; read: no input, 0), 1 IER, 2 IIR/FCR,
 * 3 LCR, 4 MCR, 5 LSR (always "transmitter empty, holding register empty"),
 * 6 MSR, 7 scratch. Bytes go to the VM's console sink. Accesses other than
 * one byte wide are guest faults.
 */
#include "vmm/device.h"
#include "vmm/guest/abi.h"
#include "vmm/vm.h"

#include <errno.h>

#define LSR_THRE 0x20
#define LSR_TEMT 0x40

struct dev_serial {
	struct vmm_port_dev port;
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
			vmm_vm_console_write(s->port.vm, data, 1);
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

const struct vmm_device dev_serial_device = {
    .name = "serial",
    .create = vmm_port_dev_create,
    .destroy = vmm_port_dev_destroy,
    .port = {PORT_SERIAL, 8, sizeof(struct dev_serial), serial_io, NULL},
};

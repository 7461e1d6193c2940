/*
 * io.h - the port-I/O and MMIO buses. The contract for devices: register a
 * handler for a range; the dispatcher calls it with the offset into the
 * range, the access size (1, 2, 4 or 8), the direction and a data buffer
 * (filled by the handler on reads). A handler returns 0, or -errno for a
 * guest fault (bad register, bad size, bad descriptor), which stops the VM
 * with the message the handler printed (error_msg, "guest fault: ...").
 */
#ifndef VMUX_VMM_IO_H
#define VMUX_VMM_IO_H

#include <stdbool.h>
#include <stdint.h>

struct vmm_io;

typedef int (*vmm_io_fn)(void *opaque, uint64_t offset, uint8_t *data,
			 unsigned size, bool write);

int vmm_io_create(struct vmm_io **out);
void vmm_io_destroy(struct vmm_io *io);
/* Claim ports [BASE, BASE+LEN). -EBUSY if any is taken. */
int vmm_io_register_port(struct vmm_io *io, uint16_t base, uint16_t len,
			 vmm_io_fn fn, void *opaque);
/* Claim guest physical [BASE, BASE+LEN) outside RAM. */
int vmm_io_register_mmio(struct vmm_io *io, uint64_t base, uint64_t len,
			 vmm_io_fn fn, void *opaque);
/* Dispatch; -ENOENT if nothing is there (a guest fault). */
int vmm_io_port(struct vmm_io *io, uint16_t port, uint8_t *data, unsigned size,
		bool write);
int vmm_io_mmio(struct vmm_io *io, uint64_t addr, uint8_t *data, unsigned size,
		bool write);

#endif

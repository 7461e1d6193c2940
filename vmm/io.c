/*
 * io.c - port and MMIO dispatch. Ports: a 64 Ki table of handler indices,
 * one load per exit. MMIO: a short list of ranges, searched linearly (a
 * handful of devices).
 */
#include "vmm/io.h"

#include <errno.h>
#include <stdlib.h>

#define MAX_HANDLERS 32

struct handler {
	vmm_io_fn fn;
	void *opaque;
	uint64_t base, len;
};

struct vmm_io {
	uint8_t port_map[65536]; /* handler index + 1, 0 = none */
	struct handler ports[MAX_HANDLERS];
	struct handler mmio[MAX_HANDLERS];
	int nports, nmmio;
};

int vmm_io_create(struct vmm_io **out)
{
	*out = calloc(1, sizeof(**out));
	return *out ? 0 : -ENOMEM;
}

void vmm_io_destroy(struct vmm_io *io)
{
	free(io);
}

int vmm_io_register_port(struct vmm_io *io, uint16_t base, uint16_t len,
			 vmm_io_fn fn, void *opaque)
{
	if (io->nports == MAX_HANDLERS || (uint32_t)base + len > 65536)
		return -ENOSPC;
	for (uint32_t p = base; p < (uint32_t)base + len; p++)
		if (io->port_map[p])
			return -EBUSY;
	io->ports[io->nports] = (struct handler){fn, opaque, base, len};
	io->nports++;
	for (uint32_t p = base; p < (uint32_t)base + len; p++)
		io->port_map[p] = (uint8_t)io->nports;
	return 0;
}

int vmm_io_register_mmio(struct vmm_io *io, uint64_t base, uint64_t len,
			 vmm_io_fn fn, void *opaque)
{
	if (io->nmmio == MAX_HANDLERS || base + len < base)
		return -ENOSPC;
	for (int i = 0; i < io->nmmio; i++)
		if (base < io->mmio[i].base + io->mmio[i].len &&
		    io->mmio[i].base < base + len)
			return -EBUSY;
	io->mmio[io->nmmio++] = (struct handler){fn, opaque, base, len};
	return 0;
}

int vmm_io_port(struct vmm_io *io, uint16_t port, uint8_t *data, unsigned size,
		bool write)
{
	unsigned i = io->port_map[port];
	const struct handler *h;

	if (!i)
		return -ENOENT;
	h = &io->ports[i - 1];
	return h->fn(h->opaque, port - h->base, data, size, write);
}

int vmm_io_mmio(struct vmm_io *io, uint64_t addr, uint8_t *data, unsigned size,
		bool write)
{
	for (int i = 0; i < io->nmmio; i++) {
		const struct handler *h = &io->mmio[i];

		if (addr - h->base < h->len &&
		    size <= h->len - (addr - h->base))
			return h->fn(h->opaque, addr - h->base, data, size,
				     write);
	}
	return -ENOENT;
}

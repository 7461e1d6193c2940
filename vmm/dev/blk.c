/*
 * blk.c - the emulated (register-level) block device: full virtualization
 * by trap and emulate. The register layout is in vmm/guest/abi.h
 * (PORT_BLK): the guest sets a sector number, issues a command, and moves
 * the sector 2 or 4 bytes per data-port access, each one an exit.
 *
 * State machine: idle, or a READ/WRITE command in
 * progress with a one-sector buffer and a position in it. A data access
 * with no command in progress, a data access of the wrong width, or an
 * unknown command is a guest fault (the driver is broken); a sector beyond
 * the disk is an I/O error the guest reads in the status register, as a
 * real disk would report it.
 */
#include "vmm/dev/disk.h"
#include "vmm/guest/abi.h"
#include "vmm/device.h"
#include "vmm/vm.h"

#include <errno.h>
#include <string.h>

struct dev_blk {
	struct vmm_port_dev port; /* backend: the dev_disk */
	uint64_t sector;
	uint32_t cmd; /* 0 = idle */
	uint32_t status;
	uint32_t pos;
	bool loaded; /* buf holds the sector being read */
	uint8_t buf[BLK_SECTOR];
};

static int fault(struct dev_blk *b, const char *what)
{
	vmm_vm_fault(b->port.vm, "guest fault: emulated block device: %s",
		     what);
	return -EINVAL;
}

/*
 * Load the sector at b->sector on the first data read of it (no read-ahead
 * past what the guest asks for); a failed read ends the command and reads
 * as zeros, the status register says why.
 */
static void load(struct dev_blk *b)
{
	b->status = dev_disk_read(b->port.backend, b->sector, b->buf, 1);
	b->loaded = true;
	if (b->status) {
		b->cmd = 0;
		memset(b->buf, 0, sizeof(b->buf));
	}
}

static int start_command(struct dev_blk *b, uint32_t cmd)
{
	b->pos = 0;
	b->status = 0;
	b->cmd = 0;
	b->loaded = false;
	switch (cmd) {
	case BLK_CMD_READ:
	case BLK_CMD_WRITE:
		if (b->sector >= dev_disk_sectors(b->port.backend))
			b->status = BLK_ERR_RANGE;
		else
			b->cmd = cmd;
		return 0;
	case BLK_CMD_FLUSH:
		b->status = dev_disk_flush(b->port.backend);
		return 0;
	}
	return fault(b, "unknown command");
}

static int data(struct dev_blk *b, uint8_t *d, unsigned size, bool write)
{
	if (size != 2 && size != 4)
		return fault(b, "data port access must be 2 or 4 bytes");
	if (!b->cmd || write != (b->cmd == BLK_CMD_WRITE))
		return fault(b, write ? "data written with no write command"
				      : "data read with no read command");
	if (b->pos + size > BLK_SECTOR)
		return fault(b, "data access straddles the end of the sector");
	if (write) {
		memcpy(b->buf + b->pos, d, size);
	} else {
		if (!b->loaded)
			load(b);
		memcpy(d, b->buf + b->pos, size);
	}
	b->pos += size;
	if (b->pos < BLK_SECTOR)
		return 0;
	if (write) {
		b->status =
		    dev_disk_write(b->port.backend, b->sector, b->buf, 1);
		b->pos = 0;
		if (b->status)
			b->cmd = 0;
		else if (++b->sector >= dev_disk_sectors(b->port.backend))
			b->cmd = 0; /* the last sector: nothing to arm */
		return 0;
	}
	b->pos = 0;
	b->loaded = false;
	if (++b->sector >= dev_disk_sectors(b->port.backend))
		b->cmd = 0;
	return 0;
}

static int reg32(struct dev_blk *b, uint64_t off, uint8_t *d, bool write)
{
	uint64_t cap = dev_disk_sectors(b->port.backend);
	uint32_t v = 0;

	memcpy(&v, d, 4);
	switch (off) {
	case BLK_REG_SECTOR_LO:
	case BLK_REG_SECTOR_HI:
		if (!write) {
			v = (uint32_t)(off == BLK_REG_SECTOR_LO ? cap
								: cap >> 32);
			memcpy(d, &v, 4);
		} else if (off == BLK_REG_SECTOR_LO) {
			b->sector = (b->sector & ~0xffffffffull) | v;
		} else {
			b->sector = (b->sector & 0xffffffffull) | (uint64_t)v
								      << 32;
		}
		return 0;
	case BLK_REG_CMD:
		if (write)
			return start_command(b, v);
		memcpy(d, &b->status, 4);
		return 0;
	}
	return fault(b, "no register there");
}

static int blk_io(void *opaque, uint64_t off, uint8_t *d, unsigned size,
		  bool write)
{
	struct dev_blk *b = opaque;

	if (off == BLK_REG_DATA)
		return data(b, d, size, write);
	if (size != 4 || (off & 3))
		return fault(b, "registers are 4 bytes wide");
	return reg32(b, off, d, write);
}

const struct vmm_device dev_blk_device = {
    .name = "blk",
    .create = vmm_port_dev_create,
    .destroy = vmm_port_dev_destroy,
    .port = {PORT_BLK, 16, sizeof(struct dev_blk), blk_io, &dev_disk_device},
};

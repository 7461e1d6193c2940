/*
 * disk.h - the host side of the block devices: a real host file holding
 * the guest's disk, BLK_SECTOR-byte sectors read and written with
 * pread/pwrite (no host caching games: the page cache is part of what a
 * real hypervisor's disk costs). Capacity is fixed at creation.
 */
#ifndef VMUX_DEV_DISK_H
#define VMUX_DEV_DISK_H

#include <stddef.h>
#include <stdint.h>

struct dev_disk;
struct vmm_device;

/*
 * Open PATH (created if absent, grown to BYTES if shorter) or, with PATH
 * NULL, an anonymous temporary file of BYTES in $TMPDIR (default /tmp),
 * unlinked at once. BYTES is rounded down to whole sectors; a PATH already
 * longer keeps its size. -errno of the failing call.
 */
int dev_disk_open(const char *path, uint64_t bytes, struct dev_disk **out);
/* The folder of the temporary disk: $TMPDIR, or /tmp when unset or empty. */
const char *dev_disk_temp_dir(void);
void dev_disk_close(struct dev_disk *d);

uint64_t dev_disk_sectors(const struct dev_disk *d);

/*
 * Read or write N sectors at SECTOR through BUF. BLK_ERR_RANGE if any is
 * beyond the capacity, BLK_ERR_IO if the host file fails, else 0.
 */
unsigned dev_disk_read(struct dev_disk *d, uint64_t sector, void *buf,
		       size_t n);
unsigned dev_disk_write(struct dev_disk *d, uint64_t sector, const void *buf,
			size_t n);
unsigned dev_disk_flush(struct dev_disk *d);

/* In the device list: opened from the VM's options, counted in
   vmm_stats.disk_read / disk_written. */
extern const struct vmm_device dev_disk_device;

#endif

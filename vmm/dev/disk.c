/*
 * disk.c - see disk.h.
 */
#include "vmm/dev/disk.h"
#include "vmm/device.h"
#include "vmm/guest/abi.h"
#include "vmm/vm.h"
#include "lib/error.h"
#include "lib/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct dev_disk {
	int fd;
	uint64_t sectors;
	uint64_t rd_bytes, wr_bytes;
	int err; /* errno of the first failed host call, 0 if none */
};

const char *dev_disk_temp_dir(void)
{
	const char *dir = getenv("TMPDIR");

	return dir && *dir ? dir : "/tmp";
}

int dev_disk_open(const char *path, uint64_t bytes, struct dev_disk **out)
{
	struct dev_disk *d = calloc(1, sizeof(*d));
	struct stat st;
	int rc;

	if (!d)
		return -ENOMEM;
	d->fd = path ? open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644)
		     : outfile_unnamed(dev_disk_temp_dir());
	if (d->fd < 0) {
		rc = path ? -errno : d->fd;
		goto fail_free;
	}
	if (fstat(d->fd, &st) < 0)
		goto fail_errno;
	if ((uint64_t)st.st_size < bytes) {
		if (ftruncate(d->fd, (off_t)bytes) < 0)
			goto fail_errno;
	} else {
		bytes = (uint64_t)st.st_size;
	}
	d->sectors = bytes / BLK_SECTOR;
	*out = d;
	return 0;
fail_errno:
	rc = -errno;
	close(d->fd);
fail_free:
	free(d);
	return rc;
}

void dev_disk_close(struct dev_disk *d)
{
	if (!d)
		return;
	close(d->fd);
	free(d);
}

uint64_t dev_disk_sectors(const struct dev_disk *d)
{
	return d->sectors;
}

/* Move LEN bytes at OFF, going on after a short transfer so that a full
 * disk shows as ENOSPC (a reader past the end of the file: EIO). 0, or -1
 * with the cause kept in d->err. */
static int io_all(struct dev_disk *d, bool wr, void *buf, size_t len, off_t off)
{
	while (len) {
		ssize_t n = wr ? pwrite(d->fd, buf, len, off)
			       : pread(d->fd, buf, len, off);

		if (n <= 0) {
			if (n < 0 && errno == EINTR)
				continue;
			if (!d->err)
				d->err = n < 0 ? errno : EIO;
			return -1;
		}
		buf = (char *)buf + n;
		len -= (size_t)n;
		off += n;
	}
	return 0;
}

static int in_range(const struct dev_disk *d, uint64_t sector, size_t n)
{
	return sector <= d->sectors && n <= d->sectors - sector;
}

unsigned dev_disk_read(struct dev_disk *d, uint64_t sector, void *buf, size_t n)
{
	size_t len = n * BLK_SECTOR;

	if (!in_range(d, sector, n))
		return BLK_ERR_RANGE;
	if (io_all(d, false, buf, len, (off_t)(sector * BLK_SECTOR)) < 0)
		return BLK_ERR_IO;
	d->rd_bytes += len;
	return 0;
}

unsigned dev_disk_write(struct dev_disk *d, uint64_t sector, const void *buf,
			size_t n)
{
	size_t len = n * BLK_SECTOR;

	if (!in_range(d, sector, n))
		return BLK_ERR_RANGE;
	if (io_all(d, true, (void *)buf, len, (off_t)(sector * BLK_SECTOR)) < 0)
		return BLK_ERR_IO;
	d->wr_bytes += len;
	return 0;
}

unsigned dev_disk_flush(struct dev_disk *d)
{
	if (fdatasync(d->fd) == 0)
		return 0;
	if (!d->err)
		d->err = errno;
	return BLK_ERR_IO;
}

static void disk_counts(const void *dev, struct vmm_stats *st)
{
	const struct dev_disk *d = dev;

	st->disk_read = d->rd_bytes;
	st->disk_written = d->wr_bytes;
	st->disk_errno = d->err;
}

/* The VM's disk, when its options ask for one (disk_path or disk_bytes). */
static int disk_create(struct vmm_vm *vm, const struct vmm_device *dv,
		       void **out)
{
	const struct vmm_vm_opts *o = vmm_vm_opts(vm);
	int rc;

	(void)dv;
	*out = NULL;
	if (!o->disk_path && !o->disk_bytes)
		return 0;
	rc =
	    dev_disk_open(o->disk_path, o->disk_bytes, (struct dev_disk **)out);
	if (rc < 0 && o->disk_path)
		error_msg("option '--disk': cannot open '%s' (read-write): %s",
			  o->disk_path, strerror(-rc));
	else if (rc < 0)
		error_msg("cannot create the guest's disk (every guest has "
			  "one) as a temporary file in '%s' (TMPDIR): %s; set "
			  "TMPDIR to a folder vmux may write ('vmux run' also "
			  "takes --disk FILE)",
			  dev_disk_temp_dir(), strerror(-rc));
	return rc;
}

static void disk_destroy(void *dev)
{
	dev_disk_close(dev);
}

const struct vmm_device dev_disk_device = {
    .name = "disk",
    .create = disk_create,
    .destroy = disk_destroy,
    .counts = disk_counts,
};

/*
 * prog_disk.c - disk: write --param kib=K KiB (default 32) of a seeded
 * stream through the block device of the run's style (emulated or
 * paravirtual), batch_kib=B at a time (default 64; paravirtual requests of
 * req=R bytes, default 4096), read it back and compare. Results: sum (FNV-1a
 * of the bytes written, which the host can check against the file), bytes,
 * tsc_write, tsc_read, tsc (both). Status (abi.h's table): DEVICE on a
 * device error, MISMATCH, BAD_SIZE (after heap_bytes if the batch does not
 * fit the heap; req not a whole number of 512-byte sectors), or DISK_SMALL if the disk is too small
 * or absent, after the results bytes and disk_bytes (its capacity);
 * ONE_VCPU with more than one vCPU (each would drive the one device).
 */
#include "vmm/guest/drv.h"
#include "vmm/guest/lib.h"

int guest_main(const struct abi_params *p, uint64_t cpu);
/* The --param keys this guest reads (vmux run refuses others). */
GUEST_KEYS("batch_kib kib req seed");

int guest_main(const struct abi_params *p, uint64_t cpu)
{
	uint64_t kib = param_u64(p, "kib", 32);
	uint64_t batch_kib = param_u64(p, "batch_kib", 64);
	uint64_t bytes = kib << 10, batch = batch_kib << 10;
	uint64_t req = param_u64(p, "req", 4096);
	uint64_t sum = 0, tw = 0, tr = 0, cap;
	struct work_blk b;
	int rc;

	(void)cpu;
	if (p->vcpus > 1)
		return ABI_ST_ONE_VCPU;
	/* Sizes of 2^64 bytes or more wrapped (kib=2^64-1 was "writes
	   18014398509481983 KiB", a disk too small). */
	if (kib > UINT64_MAX >> 10 || batch_kib > UINT64_MAX >> 10)
		return ABI_ST_BAD_SIZE;
	/* Requests are whole sectors: req=1 or 1000 ran as 512-byte ones,
	   and req=2^32+4096 as 4096, saying nothing. */
	if (req < BLK_SECTOR || req % BLK_SECTOR || req > UINT32_MAX)
		return ABI_ST_BAD_SIZE;
	if (batch > bytes)
		batch = bytes;
	if (batch > p->heap_size) {
		hc_result("heap_bytes", p->heap_size);
		return ABI_ST_BAD_SIZE;
	}
	cap = drv_blk_init(&b, (enum abi_device)p->device, (uint32_t)req);
	if (cap * BLK_SECTOR < bytes) {
		hc_result("bytes", bytes);
		hc_result("disk_bytes", cap * BLK_SECTOR);
		return ABI_ST_DISK_SMALL;
	}
	rc = work_disk(&b, (void *)(uintptr_t)p->heap_base, batch, bytes,
		       param_u64(p, "seed", 1), rdtsc, &sum, &tw, &tr);
	hc_result("sum", sum);
	hc_result("bytes", bytes);
	hc_result("tsc_write", tw);
	hc_result("tsc_read", tr);
	hc_result("tsc", tw + tr);
	return rc;
}

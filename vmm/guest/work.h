/*
 * work.h - workloads compiled twice: into every guest image and into
 * libvmux.a for the host, so a benchmark runs the same code natively and
 * virtualized. What differs is only how a "sensitive" operation is done:
 * in a guest it is a real port write, CPUID or MSR read that exits; on the
 * host the port write becomes a volatile store (user mode cannot do I/O)
 * and CPUID runs natively. Integer-only: guests are -mgeneral-regs-only.
 */
#ifndef VMUX_GUEST_WORK_H
#define VMUX_GUEST_WORK_H

#include "vmm/guest/abi.h"

#include <stddef.h>
#include <stdint.h>

enum work_priv_op { WORK_PRIV_PIO = 0, WORK_PRIV_CPUID = 1, WORK_PRIV_MSR = 2 };

/* Integer compute (xorshift + multiply mixing): ITERS rounds; a checksum. */
uint64_t work_cpu(uint64_t iters);
/*
 * Floating-point compute: ITERS rounds of a double-precision recurrence
 * (multiply, add, divide, square root); the bits of the final sum.
 */
uint64_t work_fp(uint64_t iters);
/*
 * ITERS rounds of work_cpu's loop body; every PERIOD-th round (0 = never)
 * also does one sensitive operation OP. Returns a checksum; *NPRIV the
 * sensitive operations done.
 */
uint64_t work_priv(uint64_t iters, uint64_t period, enum work_priv_op op,
		   uint64_t *npriv);
/*
 * Link BUF[0..BYTES) into one random cycle of 64-byte lines (Sattolo's
 * algorithm, seeded) for work_mem_chase. BYTES >= 128.
 */
void work_mem_init(void *buf, size_t bytes, uint64_t seed);
/* Follow the cycle STEPS times (dependent loads); returns the last index. */
uint64_t work_mem_chase(const void *buf, uint64_t steps);
/* Sum BUF[0..BYTES) as 64-bit words PASSES times (streaming reads). */
uint64_t work_mem_stream(const void *buf, size_t bytes, uint64_t passes);
/*
 * The I/O workloads see a device through these operations, so the same
 * code drives a guest driver (emulated or paravirtual) or, natively, a
 * host file and socket. One call is one batch: a paravirtual driver turns
 * it into many requests behind one notification.
 */
struct work_blk {
	void *ctx;
	/* Write or read NSECT sectors of WORK_SECTOR bytes at SECTOR; 0 or
	   a device error. */
	int (*write)(void *ctx, uint64_t sector, const void *buf,
		     uint32_t nsect);
	int (*read)(void *ctx, uint64_t sector, void *buf, uint32_t nsect);
};

struct work_nic {
	void *ctx;
	/* Send N frames of LEN bytes each, laid out back to back in BUF. */
	int (*send)(void *ctx, const void *buf, uint32_t len, uint32_t n);
};

#define WORK_SECTOR 512u
#define WORK_FNV_INIT 0xcbf29ce484222325ull

/* FNV-1a 64 of BUF[0..LEN) continued from H (the devices' hash too). */
uint64_t work_fnv(uint64_t h, const void *buf, uint64_t len);

/*
 * Disk: write BYTES (a multiple of BATCH, itself of WORK_SECTOR) of a
 * pseudo-random stream from SEED in batches of BATCH bytes through BUF,
 * then read them back and compare. *SUM = work_fnv of the bytes written,
 * *T_WRITE and *T_READ the time of each phase from CLOCK (a cycle counter
 * in guests, nanoseconds natively). ABI_ST_OK, _DEVICE on a device error,
 * _MISMATCH on a mismatch, _BAD_SIZE on bad sizes (abi.h's status table).
 */
int work_disk(const struct work_blk *b, void *buf, uint64_t batch,
	      uint64_t bytes, uint64_t seed, uint64_t (*clock)(void),
	      uint64_t *sum, uint64_t *t_write, uint64_t *t_read);

/*
 * Network: send FRAMES frames of LEN (>= 8) bytes, BATCH at a time through
 * BUF (room for BATCH frames). Frame i holds i as 8 little-endian bytes,
 * then a stream from SEED. *SUM = work_fnv over every frame in order,
 * *T the time taken. ABI_ST_OK, _DEVICE on a device error, _BAD_SIZE on
 * bad sizes.
 */
int work_net(const struct work_nic *n, void *buf, uint32_t len, uint64_t frames,
	     uint32_t batch, uint64_t seed, uint64_t (*clock)(void),
	     uint64_t *sum, uint64_t *t);

/* One duty-cycle work unit (a fixed amount of integer compute). */
uint64_t work_unit(uint64_t seed);

#endif

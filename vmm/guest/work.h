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

#include <stddef.h>
#include <stdint.h>

enum work_priv_op { WORK_PRIV_PIO = 0, WORK_PRIV_CPUID = 1, WORK_PRIV_MSR = 2 };

/* Integer compute (xorshift + multiply mixing): ITERS rounds; a checksum. */
uint64_t work_cpu(uint64_t iters);
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
/* One duty-cycle work unit (a fixed amount of integer compute). */
uint64_t work_unit(uint64_t seed);

#endif

/*
 * work_cpu.c - compute and privileged-instruction workloads (see work.h).
 */
#include "vmm/guest/work.h"
#include "vmm/guest/abi.h"

#define UNIT_ROUNDS 4096

static inline uint64_t mix(uint64_t x)
{
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return x * 0x9e3779b97f4a7c15ull + 1;
}

uint64_t work_cpu(uint64_t iters)
{
	uint64_t x = 88172645463325252ull;

	for (uint64_t i = 0; i < iters; i++)
		x = mix(x);
	return x;
}

#ifdef VMUX_GUEST
static inline void sensitive(enum work_priv_op op, uint64_t x)
{
	uint32_t a = 0, b, c = 0, d;

	if (op == WORK_PRIV_PIO) {
		__asm__ volatile("outl %0, %1"
				 :
				 : "a"((uint32_t)x), "Nd"((uint16_t)PORT_MARK)
				 : "memory");
	} else if (op == WORK_PRIV_CPUID) {
		__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	} else {
		c = 0x10; /* IA32_TIME_STAMP_COUNTER */
		__asm__ volatile("rdmsr" : "=a"(a), "=d"(d) : "c"(c));
	}
}
#else
static volatile uint64_t host_port;

static inline void sensitive(enum work_priv_op op, uint64_t x)
{
	uint32_t a = 0, b, c = 0, d;

	if (op == WORK_PRIV_CPUID)
		__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	else
		host_port = x; /* what user mode can do instead of I/O */
}
#endif

uint64_t work_priv(uint64_t iters, uint64_t period, enum work_priv_op op,
		   uint64_t *npriv)
{
	uint64_t x = 88172645463325252ull, n = 0;

	for (uint64_t i = 0; i < iters; i++) {
		x = mix(x);
		if (period && i % period == 0) {
			sensitive(op, x);
			n++;
		}
	}
	*npriv = n;
	return x;
}

uint64_t work_unit(uint64_t seed)
{
	uint64_t x = seed | 1;

	for (int i = 0; i < UNIT_ROUNDS; i++)
		x = mix(x);
	return x;
}

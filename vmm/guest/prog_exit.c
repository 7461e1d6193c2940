/*
 * prog_exit.c - the exit micro-benchmark: --param iters=N exits of kind
 * mode=0 port write handled by the monitor (PORT_MARK), 1 MMIO write to the
 * null device, 2 CPUID (handled in the kernel), 3 no exit (loop overhead).
 * Result: tsc for the N exits. Status BAD_OP for another mode.
 */
#include "vmm/guest/lib.h"

int guest_main(const struct abi_params *p, uint64_t cpu);
/* The --param keys this guest reads (vmux run refuses others). */
GUEST_KEYS("iters mode");

static void one(uint64_t mode)
{
	uint32_t a = 0, b, c = 0, d;

	if (mode == 0)
		outl(PORT_MARK, 0);
	else if (mode == 1)
		*(volatile uint32_t *)(uintptr_t)MMIO_NULL = 1;
	else if (mode == 2)
		__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	else
		__asm__ volatile("" ::: "memory");
}

int guest_main(const struct abi_params *p, uint64_t cpu)
{
	uint64_t n = param_u64(p, "iters", 10000);
	uint64_t mode = param_u64(p, "mode", 0), t0;

	(void)cpu;
	if (mode > 3)
		return ABI_ST_BAD_OP;
	one(mode); /* warm up */
	t0 = rdtsc();
	for (uint64_t i = 0; i < n; i++)
		one(mode);
	hc_result("tsc", rdtsc() - t0);
	hc_result("iters", n);
	return 0;
}

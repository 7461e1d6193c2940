/*
 * prog_cpu.c - integer compute: --param iters=N rounds of work_cpu.
 * Results: checksum, tsc (cycles spent), iters.
 */
#include "vmm/guest/lib.h"
#include "vmm/guest/work.h"

int guest_main(const struct abi_params *p, uint64_t cpu);

int guest_main(const struct abi_params *p, uint64_t cpu)
{
	uint64_t n = param_u64(p, "iters", 10000000), t0, sum;

	(void)cpu;
	t0 = rdtsc();
	sum = work_cpu(n);
	hc_result("tsc", rdtsc() - t0);
	hc_result("checksum", sum);
	hc_result("iters", n);
	return 0;
}

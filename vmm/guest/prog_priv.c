/*
 * prog_priv.c - compute with sensitive instructions: --param iters=N,
 * period=K (one sensitive op every K rounds), op=0 port I/O | 1 CPUID |
 * 2 RDMSR. Results: checksum, tsc, privileged (ops done). Status BAD_OP
 * for another op.
 */
#include "vmm/guest/lib.h"
#include "vmm/guest/work.h"

int guest_main(const struct abi_params *p, uint64_t cpu);
/* The --param keys this guest reads (vmux run refuses others). */
GUEST_KEYS("iters op period");

int guest_main(const struct abi_params *p, uint64_t cpu)
{
	uint64_t n = param_u64(p, "iters", 1000000);
	uint64_t period = param_u64(p, "period", 100);
	uint64_t op = param_u64(p, "op", WORK_PRIV_PIO), t0, sum, npriv;

	(void)cpu;
	if (op > WORK_PRIV_MSR)
		return ABI_ST_BAD_OP;
	t0 = rdtsc();
	sum = work_priv(n, period, (enum work_priv_op)op, &npriv);
	hc_result("tsc", rdtsc() - t0);
	hc_result("checksum", sum);
	hc_result("privileged", npriv);
	return 0;
}

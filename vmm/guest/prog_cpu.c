/*
 * prog_cpu.c - compute: --param iters=N rounds of work_cpu (integer), and
 * fp=M rounds of work_fp (double precision; default 0, none). Results:
 * checksum, tsc (cycles of the integer part), iters, and with fp:
 * fp_bits (the bits of work_fp's result), tsc_fp.
 */
#include "vmm/guest/lib.h"
#include "vmm/guest/work.h"

int guest_main(const struct abi_params *p, uint64_t cpu);
/* The --param keys this guest reads (vmux run refuses others). */
GUEST_KEYS("fp iters");

int guest_main(const struct abi_params *p, uint64_t cpu)
{
	uint64_t n = param_u64(p, "iters", 10000000), t0, sum;
	uint64_t fp = param_u64(p, "fp", 0);

	(void)cpu;
	t0 = rdtsc();
	sum = work_cpu(n);
	hc_result("tsc", rdtsc() - t0);
	hc_result("checksum", sum);
	hc_result("iters", n);
	if (fp) {
		t0 = rdtsc();
		sum = work_fp(fp);
		hc_result("tsc_fp", rdtsc() - t0);
		hc_result("fp_bits", sum);
	}
	return 0;
}

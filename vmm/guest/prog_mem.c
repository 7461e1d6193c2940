/*
 * prog_mem.c - memory: --param bytes=W (working set, from the heap),
 * steps=N (pointer-chase loads), passes=P (streaming passes), seed=S.
 * Results: tsc_chase, tsc_stream, last, sum. Status BAD_SIZE if bytes is
 * below 128 or above the heap (after the result heap_bytes).
 */
#include "vmm/guest/lib.h"
#include "vmm/guest/work.h"

int guest_main(const struct abi_params *p, uint64_t cpu);
/* The --param keys this guest reads (vmux run refuses others). */
GUEST_KEYS("bytes passes seed steps");

int guest_main(const struct abi_params *p, uint64_t cpu)
{
	uint64_t bytes = param_u64(p, "bytes", 1 << 20);
	uint64_t steps = param_u64(p, "steps", 1000000);
	uint64_t passes = param_u64(p, "passes", 1);
	void *buf = (void *)(uintptr_t)p->heap_base;
	uint64_t t0, last, sum;

	(void)cpu;
	if (bytes < 128 || bytes > p->heap_size) {
		hc_result("heap_bytes", p->heap_size);
		return ABI_ST_BAD_SIZE;
	}
	work_mem_init(buf, bytes, param_u64(p, "seed", 1));
	t0 = rdtsc();
	last = work_mem_chase(buf, steps);
	hc_result("tsc_chase", rdtsc() - t0);
	t0 = rdtsc();
	sum = work_mem_stream(buf, bytes, passes);
	hc_result("tsc_stream", rdtsc() - t0);
	hc_result("last", last);
	hc_result("sum", sum);
	return 0;
}

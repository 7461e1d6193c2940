/*
 * prog_net.c - network: send --param frames=N (default 64) frames of
 * size=S bytes (default 1024, a multiple of 8, at most NIC_MAX_FRAME)
 * through the NIC of the run's style, batch=B frames at a time (default
 * 64). Results: sum (FNV-1a over every frame in order, which the sink
 * computes too), frames, bytes, tsc. Status (abi.h's table): DEVICE on
 * a device error, BAD_SIZE on bad sizes (after heap_bytes if a batch does
 * not fit the heap), ONE_VCPU with more than one vCPU.
 */
#include "vmm/guest/drv.h"
#include "vmm/guest/lib.h"

int guest_main(const struct abi_params *p, uint64_t cpu);
/* The --param keys this guest reads (vmux run refuses others). */
GUEST_KEYS("batch frames seed size");

int guest_main(const struct abi_params *p, uint64_t cpu)
{
	uint64_t frames = param_u64(p, "frames", 64);
	uint64_t size = param_u64(p, "size", 1024);
	uint64_t batch = param_u64(p, "batch", 64), sum = 0, t = 0;
	struct work_nic n;
	int rc;

	(void)cpu;
	if (p->vcpus > 1)
		return ABI_ST_ONE_VCPU;
	if (size > NIC_MAX_FRAME || !batch || batch > 4096)
		return ABI_ST_BAD_SIZE;
	if (batch * size > p->heap_size) {
		hc_result("heap_bytes", p->heap_size);
		return ABI_ST_BAD_SIZE;
	}
	drv_nic_init(&n, (enum abi_device)p->device);
	rc = work_net(&n, (void *)(uintptr_t)p->heap_base, (uint32_t)size,
		      frames, (uint32_t)batch, param_u64(p, "seed", 1), rdtsc,
		      &sum, &t);
	hc_result("sum", sum);
	hc_result("frames", frames);
	hc_result("bytes", frames * size);
	hc_result("tsc", t);
	return rc;
}

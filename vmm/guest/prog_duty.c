/*
 * prog_duty.c - the validation guest: each read of PORT_DUTY blocks until
 * the monitor's next slot and returns the work units asked for it; the
 * guest does them one by one, publishing progress in the result page
 * (delivered, slot) so the monitor can see what was done by the slot's end
 * even if the guest is still working. When the monitor moves to the next
 * slot (params->duty_slot) the rest of the old slot's units is abandoned,
 * as a real service would drop requests it could not serve in time.
 * DUTY_STOP ends the run.
 */
#include "vmm/guest/lib.h"
#include "vmm/guest/work.h"

int guest_main(const struct abi_params *p, uint64_t cpu);
/* The --param keys this guest reads (vmux run refuses others). */
GUEST_KEYS("");

int guest_main(const struct abi_params *p, uint64_t cpu)
{
	struct abi_result *r = (struct abi_result *)(uintptr_t)ABI_RESULT_GPA;
	const volatile struct abi_params *vp = p;
	uint64_t x = 1, slot, n = 0;
	uint32_t units;

	(void)cpu;
	while ((units = inl(PORT_DUTY)) != DUTY_STOP) {
		slot = vp->duty_slot;
		r->delivered = 0;
		r->slot = slot;
		for (uint32_t i = 0; i < units && vp->duty_slot == slot; i++) {
			x = work_unit(x);
			r->delivered = i + 1;
		}
		n++;
	}
	hc_result("checksum", x);
	hc_result("slots", n);
	return 0;
}

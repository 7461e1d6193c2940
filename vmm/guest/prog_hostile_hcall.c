/*
 * prog_hostile_hcall.c - hostile hypercalls: --param case=0 a log buffer
 * far outside RAM, 1 a buffer whose end overflows 2^64, 2 a request block
 * outside RAM, 3 an unknown hypercall number; another case: status BAD_OP.
 */
#include "vmm/guest/lib.h"

int guest_main(const struct abi_params *p, uint64_t cpu);
/* The --param keys this guest reads (vmux run refuses others). */
GUEST_KEYS("case");

int guest_main(const struct abi_params *p, uint64_t cpu)
{
	struct abi_hcall c = {HCALL_LOG, 64, 0x7fff00000000ull, 0, 0};
	uint64_t which = param_u64(p, "case", 0);

	(void)cpu;
	if (which > 3)
		return ABI_ST_BAD_OP;
	if (which == 1)
		c.addr = ~0ull - 8;
	if (which == 3)
		c.nr = 99;
	if (which == 2)
		outl(PORT_HCALL, 0xfffff000u);
	else
		outl(PORT_HCALL, (uint32_t)(uintptr_t)&c);
	return 0;
}

/* prog_hostile_mmio.c - hostile: writes MMIO space where no device is. */
#include "vmm/guest/lib.h"

int guest_main(const struct abi_params *p, uint64_t cpu);
/* The --param keys this guest reads (vmux run refuses others). */
GUEST_KEYS("");

int guest_main(const struct abi_params *p, uint64_t cpu)
{
	(void)p;
	(void)cpu;
	*(volatile uint32_t *)(uintptr_t)(MMIO_NULL + 0x100000) = 1;
	return 0;
}

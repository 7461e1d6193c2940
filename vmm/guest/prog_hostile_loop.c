/* prog_hostile_loop.c - hostile: spins forever, never exits. */
#include "vmm/guest/lib.h"

int guest_main(const struct abi_params *p, uint64_t cpu);
/* The --param keys this guest reads (vmux run refuses others). */
GUEST_KEYS("");

int guest_main(const struct abi_params *p, uint64_t cpu)
{
	(void)p;
	(void)cpu;
	for (;;)
		__asm__ volatile("" ::: "memory");
}

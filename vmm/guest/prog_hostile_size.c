/* prog_hostile_size.c - hostile: a 2-byte access to the 4-byte done port. */
#include "vmm/guest/lib.h"

int guest_main(const struct abi_params *p, uint64_t cpu);
/* The --param keys this guest reads (vmux run refuses others). */
GUEST_KEYS("");

int guest_main(const struct abi_params *p, uint64_t cpu)
{
	(void)p;
	(void)cpu;
	__asm__ volatile("outw %0, %1"
			 :
			 : "a"((uint16_t)0), "Nd"((uint16_t)PORT_DONE));
	return 0;
}

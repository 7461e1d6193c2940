/* prog_hostile_port.c - hostile: writes a port where no device is. */
#include "vmm/guest/lib.h"

int guest_main(const struct abi_params *p, uint64_t cpu);
/* The --param keys this guest reads (vmux run refuses others). */
GUEST_KEYS("");

int guest_main(const struct abi_params *p, uint64_t cpu)
{
	(void)p;
	(void)cpu;
	outb(0x1234, 0x55);
	return 0;
}

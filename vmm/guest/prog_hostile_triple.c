/* prog_hostile_triple.c - hostile: empty IDT then an exception: triple fault.
 */
#include "vmm/guest/lib.h"

int guest_main(const struct abi_params *p, uint64_t cpu);
/* The --param keys this guest reads (vmux run refuses others). */
GUEST_KEYS("");

int guest_main(const struct abi_params *p, uint64_t cpu)
{
	struct __attribute__((packed)) {
		uint16_t limit;
		uint64_t base;
	} idt = {0, 0};

	(void)p;
	(void)cpu;
	__asm__ volatile("lidt %0; ud2" : : "m"(idt));
	return 0;
}

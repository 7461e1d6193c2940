/*
 * prog_hello.c - the hello guest: prints a greeting through the emulated
 * console (one exit per byte), reports one result, and succeeds (status
 * NO_PARAMS if the parameter page lacks the monitor's magic).
 */
#include "vmm/guest/lib.h"

int guest_main(const struct abi_params *p, uint64_t cpu);
/* The --param keys this guest reads (vmux run refuses others). */
GUEST_KEYS("");

int guest_main(const struct abi_params *p, uint64_t cpu)
{
	if (p->magic != ABI_MAGIC)
		return ABI_ST_NO_PARAMS;
	con_puts("hello from a vmux guest on vCPU ");
	con_put_u64(cpu);
	con_puts(", ");
	con_put_u64(p->ram_size >> 20);
	con_puts(" MiB of RAM\n");
	hc_result("ram_mib", p->ram_size >> 20);
	return 0;
}

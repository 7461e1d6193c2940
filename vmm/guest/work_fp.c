/*
 * work_fp.c - floating-point compute (see work.h): the one workload built
 * with SSE. Guests are otherwise -mgeneral-regs-only, so this file is
 * compiled on its own (mk/guest.mk) and talks to the rest in integers
 * only. The recurrence mixes multiply, add, divide and square root in
 * double precision; IEEE 754 makes its result the same natively and in a
 * guest, bit for bit.
 */
#include "vmm/guest/work.h"

#include <string.h>

uint64_t work_fp(uint64_t iters)
{
	double x = 1.0, y = 0.5, s = 0.0;
	uint64_t bits;

	for (uint64_t i = 0; i < iters; i++) {
		x = x * 1.0000001 + y / (x + 1.0);
		y = __builtin_sqrt(x * x + 1.0) - x;
		s += y;
	}
	memcpy(&bits, &s, sizeof(bits));
	return bits;
}

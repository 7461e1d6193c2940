/*
 * trace_fixture.h - small traces computed from a function, for the planning
 * tests: slots of 300 s, cpu in cores and mem in MiB as the functions give
 * them. Include after "vmux_test.h".
 */
#ifndef VMUX_TRACE_FIXTURE_H
#define VMUX_TRACE_FIXTURE_H

#include "sim/store/trace.h"

/*
 * N VMs x S slots from START: cpu of VM v in slot t is CPU(v, t) and, when
 * MEM is not NULL, mem is MEM(v, t) (else the trace holds cpu only).
 */
static inline struct trace *fx_trace(size_t n, size_t s, double start,
				     double (*cpu)(size_t, size_t),
				     double (*mem)(size_t, size_t))
{
	unsigned mask = RES_MASK(RES_CPU) | (mem ? RES_MASK(RES_MEM) : 0);
	struct trace *t;

	assert_int_equal(trace_create(n, s, start, 300, mask, &t), 0);
	for (size_t v = 0; v < n; v++)
		for (size_t k = 0; k < s; k++) {
			trace_row(t, RES_CPU, v)[k] = cpu(v, k);
			if (mem)
				trace_row(t, RES_MEM, v)[k] = mem(v, k);
		}
	return t;
}

#endif

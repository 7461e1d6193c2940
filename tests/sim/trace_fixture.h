/*
 * trace_fixture.h - small traces computed from a function, for the planning
 * tests: slots of 300 s, cpu in cores and mem in MiB as the functions give
 * them.
 */
#ifndef VMUX_TRACE_FIXTURE_H
#define VMUX_TRACE_FIXTURE_H

#include "vmux_test.h"
#include "sim/store/trace.h"

#include <stdio.h>
#include <stdlib.h>

/*
 * N VMs x S slots from START, of STEP s, for the resources in MASK: VM v is
 * called "vm<v>" and spans every slot, every value 0.
 */
static inline struct trace *fx_dense(size_t n, size_t s, double start,
				     double step, unsigned mask)
{
	struct trace *t;
	char name[24];

	assert_int_equal(trace_create(s, start, step, mask, &t), 0);
	for (size_t v = 0; v < n; v++) {
		snprintf(name, sizeof(name), "vm%zu", v);
		assert_int_equal(trace_add_vm(t, name, 0, s, NULL), 0);
	}
	return t;
}

/*
 * Resource R of VM v (spanning every slot) from X[0..S), encoded as the
 * ingest does (short decimals exactly).
 */
static inline void fx_set(struct trace *t, enum res r, size_t v,
			  const double *x)
{
	float *y = trace_vals_mut(t, r, v);

	trace_set_scale(t, r, v, trace_encode(x, trace_nslots(t), y));
}

/*
 * N VMs x S slots from START: cpu of VM v in slot t is CPU(v, t) and, when
 * MEM is not NULL, mem is MEM(v, t) (else the trace holds cpu only).
 */
static inline struct trace *fx_trace(size_t n, size_t s, double start,
				     double (*cpu)(size_t, size_t),
				     double (*mem)(size_t, size_t))
{
	unsigned mask = RES_MASK(RES_CPU) | (mem ? RES_MASK(RES_MEM) : 0);
	struct trace *t = fx_dense(n, s, start, 300, mask);

	double *x = malloc((s ? s : 1) * sizeof(*x));

	assert_non_null(x);
	for (size_t v = 0; v < n; v++) {
		for (size_t k = 0; k < s; k++)
			x[k] = cpu(v, k);
		fx_set(t, RES_CPU, v, x);
		for (size_t k = 0; mem && k < s; k++)
			x[k] = mem(v, k);
		if (mem)
			fx_set(t, RES_MEM, v, x);
	}
	free(x);
	return t;
}

#endif

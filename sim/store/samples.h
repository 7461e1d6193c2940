/*
 * samples.h - what the ingest has read, per VM, while the slot grid is not
 * known yet (rows come in any order; the step may have to be detected).
 *
 * Each VM keeps its samples on a grid of its own, t0 + k*g: t0 is its
 * first time read and g, from its second, a gap between its times (for
 * times in whole seconds the greatest common divisor of their distances,
 * refined as rows come). For each resource one array of 32-bit floats
 * covers k in [kmin, kmax], NaN in cpu where no sample. Rows in time order
 * at a regular gap, the common case, fill the arrays front to back; rows
 * out of order land in place. Arrays grow by an eighth (large ones without
 * copying, sim/store/fbuf.h), so the buffers hold little more than the
 * store will: a VM's grid is never finer than the store's for input that
 * ingests. A row off its VM's grid (a time not in whole seconds and not
 * exactly t0 + k*g), or one that would stretch the arrays past the budget
 * the caller gives (a few rows must not ask for gigabytes), is kept aside
 * with its time, values and line: an odd sample (about 56 bytes).
 *
 * Values are encoded as the store keeps them (sim/store/trace.h): raw
 * floats over a decimal scale per VM and resource, raised when a value
 * with more decimals comes and given up (nearest floats) when the raw
 * values would reach 2^24.
 */
#ifndef VMUX_SAMPLES_H
#define VMUX_SAMPLES_H

#include "lib/resource.h"
#include "sim/store/rows.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* samples_put(): the VM has a sample at that time already. */
#define SAMPLES_DUP 1

struct samples;

/* Buffers for the resources in MASK (cpu required). -ENOMEM. */
int samples_create(unsigned mask, struct samples **out);
/* Free everything. NULL is a no-op. */
void samples_destroy(struct samples *s);

/* One more VM (index: the count before). -ENOMEM. */
int samples_add_vm(struct samples *s);
size_t samples_nvms(const struct samples *s);

/*
 * Hints that VM's next samples_put() is coming: STAGE 0 fetches its
 * bookkeeping, STAGE 1 (a few rows later) the cells the next slot in time
 * order would take. Rows in time order write to every VM in turn, and
 * with many VMs each write would otherwise wait for memory.
 */
void samples_prefetch(const struct samples *s, uint32_t vm, int stage);

/*
 * Whether M samples of VM at times T[0..M), after those it has, would
 * each take the next slot of its grid in whole seconds (as the first or
 * second sample of a VM, any whole time after the one before): then
 * samples_put() only appends them, the slots spanned grow by one each,
 * and no outcome depends on other VMs' samples.
 */
bool samples_run_simple(const struct samples *s, uint32_t vm, const double *t,
			size_t m);

/*
 * samples_run_simple() of the M times T, T + G, ..., T + (M - 1) * G (T
 * whole, below 2^53; G > 0 if M > 1), in O(1): the same answer.
 */
bool samples_run_even(const struct samples *s, uint32_t vm, double t, int64_t g,
		      size_t m);

/*
 * samples_put() of M samples of VM in a row, at times that
 * samples_run_simple() accepted, the VM having two samples or more
 * already, without looking at the times again or at the budget (the
 * caller checked it): the same outcome, less work. Sample j's value of resource
 * RES[c] (c < NV, every resource of the mask once) is V[IDX[j] * NV + c]. 0 or
 * -ENOMEM.
 */
int samples_append(struct samples *s, uint32_t vm, size_t m,
		   const uint32_t *idx, const struct rows_num *v, int nv,
		   const enum res *res);
/*
 * samples_append() for threads that append at once, each to VMs of its
 * own (no VM is added meanwhile): the slots spanned grow in
 * *CELLS, the thread's count, which samples_add_cells() adds to the
 * store's once the threads are done.
 */
int samples_append_apart(struct samples *s, uint32_t vm, size_t m,
			 const uint32_t *idx, const struct rows_num *v, int nv,
			 const enum res *res, double *cells);
/* The slots spanned by all VMs' arrays (the sum BUDGET bounds). */
double samples_cells(const struct samples *s);
/* CELLS more slots spanned (the threads' counts of
 * samples_append_apart()). */
void samples_add_cells(struct samples *s, double cells);

/*
 * VM's sample at time T (finite, >= 0): V[r] for each resource in the
 * mask, finite and >= 0 (its decimal form, if known, saves the encoding
 * work), read on LINE. BUDGET: how many slots all VMs' arrays may span in
 * all. 0, SAMPLES_DUP, or -ENOMEM.
 */
int samples_put(struct samples *s, uint32_t vm, double t,
		const struct rows_num *v, unsigned long line, double budget);

/* After the last samples_put(): orders the odd samples. -ENOMEM. */
int samples_finish(struct samples *s);

/* Distinct times of VM (after samples_finish). */
size_t samples_count(const struct samples *s, uint32_t vm);

/* VM's samples in time order (after samples_finish). */
struct samples_iter {
	const struct samples *s;
	uint32_t vm;
	int64_t k;	 /* next grid index to look at */
	size_t odd, end; /* next odd sample, end of the VM's */
};
void samples_iter(const struct samples *s, uint32_t vm,
		  struct samples_iter *it);
/*
 * The next sample's time into *T and its line into *LINE (0 when not
 * kept: samples on the VM's grid). False after the last.
 */
bool samples_next(struct samples_iter *it, double *t, unsigned long *line);

/*
 * Whether VM's samples are all on its grid in whole seconds, with no gap:
 * then *T0 is its first time, *G its gap (0 for one sample) and *N the
 * samples, t0 + i*g for i < n.
 */
bool samples_regular(const struct samples *s, uint32_t vm, double *t0,
		     double *g, size_t *n);

/*
 * Hand VM's samples over as the arrays of a store row: LEN slots from slot
 * FIRST of the grid START + i*STEP, each sample in slot
 * nearbyint((t - START) / STEP) (one sample per slot: the caller checked),
 * the other slots NaN in cpu and anything in the other resources. OUT[r]
 * (fbuf_alloc'd, LEN floats) and DEC[r] (the decimal scale) for each
 * resource in the mask. The VM's buffers are freed (also on failure).
 * -ENOMEM.
 */
int samples_take(struct samples *s, uint32_t vm, double start, double step,
		 size_t first, size_t len, float *out[RES_COUNT],
		 unsigned dec[RES_COUNT]);

#endif

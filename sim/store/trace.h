/*
 * trace.h - the trace store: what each VM demanded, per resource, on one
 * slot grid.
 *
 * Slot s covers [start + s*step, start + (s+1)*step) seconds. Each VM holds
 * its own span of the grid, slots [first, first + len), and for each
 * resource present one value per slot of its span; outside its span a VM
 * demands 0. Values are kept as 32-bit floats with a decimal scale per VM
 * and resource: value = raw / scale, scale = 10^d. When every value of the
 * VM's resource has at most d decimals and at most 7 significant digits
 * (raw an integer below 2^24), the value is exactly the double its decimal
 * text reads as; otherwise the scale is 1 and the value is the float
 * nearest to it (about 7 significant digits: within 6e-8 of it,
 * relatively). Whatever is computed from values (sums, percentiles) is
 * computed in double. Memory: 4 bytes per slot of a span per resource,
 * plus about 100 bytes per VM and its name.
 *
 * Units: cpu in cores, mem in MiB, disk and net in KiB/s. Invariants:
 * every value is finite and >= 0; VM names are unique and interned
 * (trace_find is O(1)); VMs are numbered 0, 1, ... in the order added.
 *
 * Limits, far above any real machine, so that sums over any store stay
 * finite: times lie in [0, TRACE_MAX_TIME] s, a value of resource r is at
 * most trace_limit(r). The ingest refuses anything beyond them and the
 * importers check them at the input line that gave the value.
 */
#ifndef VMUX_TRACE_H
#define VMUX_TRACE_H

#include "lib/resource.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The latest time, s: 1e11 s is the year 5138 (Bitbrains' ms threshold). */
#define TRACE_MAX_TIME 1e11
/* The most cores a VM may use: trace_limit(RES_CPU), and import --cores's. */
#define TRACE_MAX_CPU 1e6
/*
 * A resource looks unmeasured for a VM when it is 0 in at least this share
 * of the slots where the VM uses CPU (trace_unmeasured).
 */
#define TRACE_UNMEASURED_SHARE 0.5

struct trace;

/*
 * Create an empty store (no VM yet) of NSLOTS slots from START, of STEP > 0
 * s, for the resources in RES_MASK (a set of RES_MASK bits, cpu required).
 */
int trace_create(size_t nslots, double start, double step, unsigned res_mask,
		 struct trace **out);
/* Free the store. NULL is a no-op. */
void trace_destroy(struct trace *t);

/*
 * Coverage: a slot is covered when some VM of the store has data there (a
 * sample, or a gap held by the ingest's rule); in a slot no VM covers the
 * fleet was not observed (the missing days between non-consecutive
 * PlanetLab days), and windows leave it out rather than count it as a slot
 * of zero demand (README: "Slots without data"). The ingest sets it; a
 * store made otherwise (gen) covers every slot.
 *
 * trace_set_covered() reads COVERED (nslots bytes, 1 = covered; malloc'd,
 * freed here either way; NULL = every slot covered) into counts of the
 * uncovered slots before each slot, so that the questions below are O(1).
 * -ENOMEM.
 */
int trace_set_covered(struct trace *t, uint8_t *covered);
/* Whether SLOT is covered (false past the grid). O(1). */
bool trace_covered(const struct trace *t, size_t slot);
/* How many of slots [FIRST, FIRST + N) are not covered. O(1). */
size_t trace_uncovered(const struct trace *t, size_t first, size_t n);
/*
 * X[0..N), values of slots [FIRST, FIRST + N) (as trace_read() gives
 * them), cut in place to those of the covered slots, in order; how many.
 */
size_t trace_keep_covered(const struct trace *t, size_t first, size_t n,
			  double *x);

/* Make room for NVMS VMs in all (optional: saves regrowing). -ENOMEM. */
int trace_reserve(struct trace *t, size_t nvms);

/*
 * Add a VM called NAME (copied) spanning slots [FIRST, FIRST + LEN), every
 * value 0, its index into *VM (if not NULL). -EINVAL if the span leaves the
 * grid, -EEXIST if another VM has that name, -ENOMEM.
 */
int trace_add_vm(struct trace *t, const char *name, size_t first, size_t len,
		 size_t *vm);

/*
 * trace_add_vm() with the values given: VALS[r] for each resource present
 * is an array of LEN floats from fbuf_alloc() (sim/store/fbuf.h), finite
 * and >= 0, which the store owns from then on. On failure the caller keeps
 * the arrays.
 */
int trace_add_vm_vals(struct trace *t, const char *name, size_t first,
		      size_t len, float *const vals[RES_COUNT], size_t *vm);

const char *trace_name(const struct trace *t, size_t vm);
/* Index of the VM called NAME, or -1. */
long trace_find(const struct trace *t, const char *name);

size_t trace_nvms(const struct trace *t);
size_t trace_nslots(const struct trace *t);
double trace_start(const struct trace *t);
double trace_step(const struct trace *t);
unsigned trace_resources(const struct trace *t);
bool trace_has(const struct trace *t, enum res r);

/* VM's span: slots [*FIRST, *FIRST + *LEN). */
void trace_span(const struct trace *t, size_t vm, size_t *first, size_t *len);
/*
 * Where VM was absent inside its span: the gaps the ingest set to 0
 * (longer than INGEST_MAX_HOLD; sim/store/ingest.h), N runs of trace
 * slots given as (first, len) pairs, ascending, apart, inside the span.
 * trace_set_absent copies them (-EINVAL if they are not so, -ENOMEM);
 * trace_absent points *RUNS at them (2 x n values) and returns n.
 */
int trace_set_absent(struct trace *t, size_t vm, const size_t *runs, size_t n);
size_t trace_absent(const struct trace *t, size_t vm, const size_t **runs);
/*
 * Whether VM has data in slots [FIRST, FIRST + N): a slot of its span
 * where it was not absent (a sample, or a gap held by the ingest).
 */
bool trace_present(const struct trace *t, size_t vm, size_t first, size_t n);
/* Sum of every VM's span length: the values held per resource. */
size_t trace_cells(const struct trace *t);

/*
 * The LEN raw values of VM's span for resource R (raw i is slot first + i;
 * its value raw / trace_scale()); NULL if R is absent. The mutable form
 * keeps the invariants to the caller.
 */
const float *trace_vals(const struct trace *t, enum res r, size_t vm);
float *trace_vals_mut(struct trace *t, enum res r, size_t vm);

/* The divisor of VM's raw values of R: 10^d, d in [0, TRACE_MAX_DEC]. */
double trace_scale(const struct trace *t, enum res r, size_t vm);
/* Set it (D <= TRACE_MAX_DEC); the raw values are the caller's. */
void trace_set_scale(struct trace *t, enum res r, size_t vm, unsigned d);
#define TRACE_MAX_DEC 9

/*
 * Raw floats for the values X[0..N) into RAW, and the number of decimals
 * of their scale: the least d for which every value is an integer raw
 * below 2^24 over 10^d giving back exactly x; else 0 with raw the float
 * nearest to x.
 */
unsigned trace_encode(const double *x, size_t n, float *raw);
/* Whether X is N / 10^D for an integer N below 2^24: *RAW = N. */
bool trace_exact(double x, unsigned d, float *raw);
/* 10^D for D <= TRACE_MAX_DEC. */
double trace_pow10(unsigned d);

/* Value of R for VM in SLOT: 0 outside its span or if R is absent. */
double trace_value(const struct trace *t, enum res r, size_t vm, size_t slot);

/*
 * Slots [FIRST, FIRST + COUNT) of VM for resource R into DST as doubles, 0
 * outside the VM's span (and everywhere if R is absent). The window may
 * reach past the grid (those slots are 0 too).
 */
void trace_read(const struct trace *t, enum res r, size_t vm, size_t first,
		size_t count, double *dst);

/*
 * Mean and peak of VM's R over the covered slots among [FIRST, FIRST +
 * COUNT) (0 outside its span counted), as size_mean_peak() on
 * trace_read()'s doubles of those slots gives them.
 */
void trace_mean_peak(const struct trace *t, enum res r, size_t vm, size_t first,
		     size_t count, double *mean, double *peak);

/*
 * VM's R sized at percentile P over the covered slots among [FIRST, FIRST +
 * COUNT) (0 outside its span counted), as size_percentile() on
 * trace_read()'s doubles of those slots gives it, without a copy: a radix
 * selection on the raw floats in three passes. 0 if none is covered.
 */
double trace_percentile(const struct trace *t, enum res r, size_t vm,
			size_t first, size_t count, double p);

/*
 * trace_read() of the N VMs VMS[] into one new block of N x COUNT doubles
 * (row i is VM VMS[i]; free() it). NULL when out of memory.
 */
double *trace_read_rows(const struct trace *t, enum res r, const size_t *vms,
			size_t n, size_t first, size_t count);
/*
 * trace_read_rows() cut to the covered slots among [FIRST, FIRST +
 * COUNT): N rows of *KEPT values each (row i at i x *KEPT), what the
 * windows of plan, evaluate and size see. NULL when out of memory.
 */
double *trace_read_covered(const struct trace *t, enum res r, const size_t *vms,
			   size_t n, size_t first, size_t count, size_t *kept);

/* Samples actually observed for VM (the rest of its span was repaired). */
size_t trace_samples(const struct trace *t, size_t vm);
void trace_set_samples(struct trace *t, size_t vm, size_t n);

/*
 * Provisioned size of VM (cpu: cores, mem: MiB; a constant per VM, as the
 * trace's cpu_prov and mem_prov columns give it), 0 when unknown and for
 * the other resources. Setting it for another resource is ignored.
 */
double trace_provisioned(const struct trace *t, enum res r, size_t vm);
void trace_set_provisioned(struct trace *t, enum res r, size_t vm, double x);

/* Largest value of R: 1e6 cores, 1e12 MiB (~1 EiB), 1e12 KiB/s (~1 PB/s). */
double trace_limit(enum res r);

/*
 * Whether resource R of VM looks unmeasured: R is 0 in at least
 * TRACE_UNMEASURED_SHARE of the slots where the VM's cpu is > 0 (a running
 * VM always holds some memory; Bitbrains reports 0 KB for whole VMs). False
 * for cpu, for a resource the store lacks, and for a VM that never used CPU.
 */
bool trace_unmeasured(const struct trace *t, enum res r, size_t vm);

/*
 * The slots whose start time lies in [T0, T1): *FIRST and *COUNT.
 * -ERANGE if none does, or none of them is covered (no data in it).
 */
int trace_window(const struct trace *t, double t0, double t1, size_t *first,
		 size_t *count);

/*
 * trace_window, saying why when it fails: "WHO: the WHAT [T0, T1) s holds
 * no slot with data in 'PATH' (its data runs from A s to B s)", WHAT
 * "window", "training window", ..., times in full (an open bound is -inf
 * or inf), and -EBADMSG (bad input).
 */
int trace_window_say(const struct trace *t, double t0, double t1,
		     const char *who, const char *what, const char *path,
		     size_t *first, size_t *count);

/*
 * The part of window [FIRST, FIRST + COUNT) inside VM's span, for loops
 * that skip the zeros outside it: window slots [*LO, *HI) (*LO == *HI if
 * none) hold the raw values returned, p[0 .. *HI - *LO), of resource R,
 * each value p[i] / *SCALE. NULL if R is absent (then *LO == *HI).
 */
const float *trace_overlap(const struct trace *t, enum res r, size_t vm,
			   size_t first, size_t count, size_t *lo, size_t *hi,
			   double *scale);

#endif

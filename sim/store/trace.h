/*
 * trace.h - the trace store: what each VM demanded, per resource, on one
 * slot grid.
 *
 * For each resource present the store holds a dense VMs x slots matrix of
 * doubles, row-major (one contiguous row per VM). Slot s covers
 * [start + s*step, start + (s+1)*step) seconds. Units: cpu in cores, mem in
 * MiB, disk and net in KiB/s. Invariants: every value is finite and >= 0;
 * VM names are unique and interned (trace_find is O(1)).
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

/* The latest time, s: 1e11 s is the year 5138 (Bitbrains' ms threshold). */
#define TRACE_MAX_TIME 1e11
/*
 * A resource looks unmeasured for a VM when it is 0 in at least this share
 * of the slots where the VM uses CPU (trace_unmeasured).
 */
#define TRACE_UNMEASURED_SHARE 0.5

struct trace;

/*
 * Create a store of NVMS x NSLOTS for the resources in RES_MASK (a set of
 * RES_MASK bits, cpu required), every value 0, names unset. STEP > 0.
 */
int trace_create(size_t nvms, size_t nslots, double start, double step,
		 unsigned res_mask, struct trace **out);
/* Free the store. NULL is a no-op. */
void trace_destroy(struct trace *t);

/* Name VM (copied). -EEXIST if another VM has that name. */
int trace_set_name(struct trace *t, size_t vm, const char *name);
const char *trace_name(const struct trace *t, size_t vm);
/* Index of the VM called NAME, or -1. */
long trace_find(const struct trace *t, const char *name);

size_t trace_nvms(const struct trace *t);
size_t trace_nslots(const struct trace *t);
double trace_start(const struct trace *t);
double trace_step(const struct trace *t);
unsigned trace_resources(const struct trace *t);
bool trace_has(const struct trace *t, enum res r);

/* Row of VM for resource R (trace_nslots values); NULL if R is absent. */
double *trace_row(struct trace *t, enum res r, size_t vm);
const double *trace_crow(const struct trace *t, enum res r, size_t vm);

/* Samples actually observed for VM (the rest of its row was repaired). */
size_t trace_samples(const struct trace *t, size_t vm);
void trace_set_samples(struct trace *t, size_t vm, size_t n);

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
 * -ERANGE if none does.
 */
int trace_window(const struct trace *t, double t0, double t1, size_t *first,
		 size_t *count);

#endif

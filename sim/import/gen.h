/*
 * gen.h - synthetic canonical traces for tests, demos and benchmarks.
 *
 * Every VM has a daily cycle (a cosine over 86,400 s with its own phase),
 * autocorrelated noise (an AR(1) process with a one-hour time constant),
 * and bursts (start times a Poisson process, about one every two days;
 * lengths exponential, mean 30 min). cpu is in cores, 0 <= cpu <= the VM's
 * cores (1, 2, 4 or 8); mem in MiB follows the VM's smoothed cpu around a
 * resident base, between 5 % and 100 % of its memory (2 or 4 GiB per core).
 *
 * VMs come in groups of GEN_GROUP consecutive indices, whose kind cycles
 * through (see gen_kind):
 *   correlated       the same phase, one shared noise factor, one shared
 *                    burst process;
 *   anti-correlated  pairs (2k, 2k+1) with phases 12 h apart and the shared
 *                    noise factor with opposite signs;
 *   independent      a phase and noise of its own.
 *
 * Shape GEN_SHAPE_AZURE (`--shape azure`) keeps the cycle, noise and
 * bursts but gives each VM the size, utilisation and lifetime of an
 * Azure-like fleet (README: "Synthetic fleets" gives each parameter's
 * source): cores 1-32 with a mean near 2.9, 1.75, 3.5 or 7 GiB per core,
 * a low mean utilisation (log-normal, median 8 %), and a lifetime in
 * slots: a log-normal length (median e^1.6 h = 5 h, sigma 3) starting
 * at slot 0 for a share E[L] / (window + E[L]) of the VMs (those already
 * running) and uniformly over the window for the rest; VM 0 spans the
 * whole window so that the slot grid is the window. A VM demands 0 (no
 * row in the CSV) outside its lifetime.
 *
 * Values are rounded to the printed precision (cpu 1e-4 cores, mem 1e-2
 * MiB), so a written trace ingests to exactly the values gen_trace()
 * returns. Everything is drawn from one models/rng.h stream in a fixed
 * order: the same options and seed give the same bytes. A VM's own
 * processes (noise, bursts, smoothed cpu) advance and draw only while it
 * lives, its first burst due after its birth, so the work grows with the
 * readings, not with VMs x slots (the mixed shape, where every VM lives
 * throughout, gives the bytes it gave before; the Azure shape's values
 * changed with this rule, its lifetimes did not).
 */
#ifndef VMUX_GEN_H
#define VMUX_GEN_H

#include "sim/store/trace.h"

#include <stdint.h>
#include <stdio.h>

#define GEN_GROUP 4

enum gen_shape { GEN_SHAPE_MIXED, GEN_SHAPE_AZURE };

/* The most VMs a trace may have. */
#define GEN_MAX_VMS 100000000

struct gen_opts {
	size_t nvms, nslots;
	enum gen_shape shape;
	double step;  /* seconds, > 0 */
	double start; /* seconds, >= 0: time of slot 0 */
	uint64_t seed;
	unsigned res_mask; /* RES_MASK(RES_CPU), optionally | mem */
};

enum gen_kind { GEN_CORRELATED, GEN_ANTI, GEN_INDEPENDENT };

/* The shapes' names in enum order, NULL-terminated. */
extern const char *const gen_shape_names[];
/* "mixed" or "azure"; -EINVAL for other names. */
int gen_shape_parse(const char *name, enum gen_shape *out);
const char *gen_shape_name(enum gen_shape s);

/* The kind of VM's group: (VM / GEN_GROUP) % 3 in the enum's order. */
enum gen_kind gen_kind(size_t vm);

/* "kind" as a word: "correlated", "anti-correlated", "independent". */
const char *gen_kind_name(enum gen_kind k);

/*
 * What is wrong with O, naming the option ("--vms must be at least 1"), or
 * NULL if nothing: no VMs or slots, step not > 0, start < 0 or not finite,
 * a resource other than cpu and mem, a last sample's time beyond
 * TRACE_MAX_TIME (1e11 s), which no reader of traces takes.
 */
const char *gen_invalid(const struct gen_opts *o);

/*
 * The name of VM among NVMS into BUF: "vm" and the index zero-padded to
 * the width of NVMS - 1, at least 4 digits ("vm0042"). LEN >= 24 always
 * suffices; a shorter BUF that cannot hold it gets "".
 */
void gen_vm_name(size_t vm, size_t nvms, char *buf, size_t len);

/*
 * Write the trace as canonical CSV (header "time,vm,cpu[,mem]", rows by
 * time, then VM) to FP. Returns 0, -EINVAL (see gen_invalid), -ENOMEM, or
 * the write error as -errno (the caller names the path).
 */
int gen_write(const struct gen_opts *o, FILE *fp);

/*
 * The same trace as a store: *OUT owns it (trace_destroy it). Returns 0,
 * -EINVAL or -ENOMEM.
 */
int gen_trace(const struct gen_opts *o, struct trace **out);

#endif

/*
 * step.h - the slot length of a trace that does not give one: the most
 * common gap between a VM's consecutive samples, VMs walked in the order
 * they first appear (a tie goes to the gap met first); failing that (no
 * VM has two samples), between consecutive distinct times; 0 if there is
 * a single time. Gaps are counted in a histogram of at most STEP_KEYS
 * keys, in microseconds.
 */
#ifndef VMUX_STEP_H
#define VMUX_STEP_H

#include "sim/store/reader.h"

#include <stddef.h>
#include <stdint.h>

#define STEP_KEYS 64

struct step_hist {
	int64_t key[STEP_KEYS];
	size_t count[STEP_KEYS];
	int n;
};

/* The histogram's key of a gap of GAP s. */
int64_t step_key(double gap);
/* N more gaps of key K (new keys only while fewer than STEP_KEYS). */
void step_add_key(struct step_hist *g, int64_t k, size_t n);
/* N more gaps of GAP s. */
void step_add(struct step_hist *g, double gap, size_t n);
/* The times T[0..N) sorted, and the gaps between consecutive distinct
 * ones into G. */
void step_time_gaps(double *t, size_t n, struct step_hist *g);
/* The commonest gap of G, s (a tie goes to the key met first); 0 if none. */
double step_best(const struct step_hist *g);

/* The step of IN's samples (after samples_finish()), s. 0 or -ENOMEM. */
int step_detect(const struct reader *in, double *step);

#endif

/*
 * pack.h - hosts being filled: which VMs each holds, and its summed demand
 * per resource and slot, over a demand matrix (sim/plan/demand.h).
 *
 * A slot of a host is overloaded when any constrained resource's summed
 * demand is above that resource's capacity (demand_limit). The service level
 * P allows k = floor((100 - P) / 100 * n) overloaded slots of n, the same
 * count as percentile sizing (models/size.h). Each host also keeps the mean
 * and variance of its summed demand per resource, for Gaussian effective
 * sizes (models/gauss.h). Every policy places VMs through this state; it
 * never owns the demand. The constrained resources are those of the
 * demand's mask. The functions about a VM (checks, adds) read it from the
 * demand once and keep it until asked about another VM, hence a non-const
 * pack.
 *
 * Keep apart what may grow: where the demand knows provisioned sizes
 * (demand.h prov), a VM whose provisioned size of r exceeds PACK_APART_K
 * times its own P-size of r "may grow" (it was given room it does not
 * use, and can start using it at any time), and it reserves
 * PACK_APART_K x its own P-size of r: the level the same factor says it
 * may grow to, below what it was given by that very test. A host
 * keeps the largest reservation among its may-grow VMs, so that a rule
 * can refuse to put together two VMs that could together outgrow the
 * host (pack_apart_fits). Pairs, not the sum of all: a cloud's many idle
 * VMs may share a host as long as no two of them could fill it (the sum
 * would forbid the consolidation of exactly the VMs that gain most from
 * it).
 */
#ifndef VMUX_PACK_H
#define VMUX_PACK_H

#include "sim/plan/demand.h"

#include <stdint.h>

#define PACK_NONE SIZE_MAX
#define PACK_APART_K 4.0 /* may grow: provisioned > K x own P-size */

struct pack;

/* Overloaded slots allowed of N at percentile P (see above). */
size_t pack_allowed(size_t n, double p);

/*
 * Empty hosts of capacity CAP[r] (r in D's mask) at percentile P over D,
 * which must outlive the pack. -ENOMEM.
 */
int pack_create(const struct demand *d, const double *cap, double p,
		struct pack **out);
/* Free PK. NULL is a no-op. */
void pack_destroy(struct pack *pk);

/* Open a new empty host; its index into *H. -ENOMEM. */
int pack_open(struct pack *pk, size_t *h);
/* Put unplaced VM V on host H. */
void pack_add(struct pack *pk, size_t h, size_t v);

/*
 * Take placed VM V off its host (the inverse of pack_add: sums, mean,
 * variance, overloaded slots, members, apart sizes and sketches follow).
 * O(slots); a VM that may grow costs a pass over all VMs more (its
 * host's largest apart size is found again).
 */
void pack_remove(struct pack *pk, size_t v);

size_t pack_nhosts(const struct pack *pk);
size_t pack_allowed_over(const struct pack *pk);
/* Host of VM V, or PACK_NONE. */
size_t pack_host_of(const struct pack *pk, size_t v);
size_t pack_members(const struct pack *pk, size_t h);
/* Summed demand of host H for resource R (nslots values). */
const double *pack_sum(const struct pack *pk, size_t h, int r);
/* Sum of the mean demands of host H's VMs for resource R. */
double pack_mean(const struct pack *pk, size_t h, int r);
/* Variance of the summed demand of host H's VMs for resource R. */
double pack_var(const struct pack *pk, size_t h, int r);
/* Mean demand of VM V for resource R. */
double pack_vm_mean(const struct pack *pk, size_t v, int r);
const struct demand *pack_demand(const struct pack *pk);
double pack_cap(const struct pack *pk, int r);

/*
 * Slots of host H that would be overloaded with VM V added (H = PACK_NONE:
 * V alone), counting up to LIMIT + 1 and no further.
 */
size_t pack_over(struct pack *pk, size_t h, size_t v, size_t limit);

/*
 * True unless V may grow on some resource r and host H already holds a
 * VM that may grow on r whose reservation of r plus V's exceeds the
 * capacity (see above). Always true without provisioned sizes.
 */
bool pack_apart_fits(const struct pack *pk, size_t h, size_t v);

/* True if VM V may grow on some resource (see above). */
bool pack_may_grow(const struct pack *pk, size_t v);

/*
 * V's reservation of resource R (see above) if V may grow on R and its
 * reservation alone exceeds the host's capacity of R (no other VM that
 * may grow on R can then share its host), else 0.
 */
double pack_apart_over(const struct pack *pk, size_t v, int r);

/* True if host H's mean demand plus V's fits every capacity. */
bool pack_mean_fits(const struct pack *pk, size_t h, size_t v);

/*
 * Gaussian effective size of resource R on host H with VM V added
 * (H = PACK_NONE: V alone): mean + Z * sqrt(variance) of the summed demand.
 */
double pack_gauss_size(struct pack *pk, size_t h, size_t v, int r, double z);

/*
 * Gaussian effective size of resource R on placed VM V's host with V taken
 * off: mean + Z * sqrt(variance) of the summed demand of the others.
 */
double pack_gauss_size_without(struct pack *pk, size_t v, int r, double z);

/*
 * True if, with V added to H (PACK_NONE: alone), the Gaussian effective size
 * at Z fits every capacity. Cheap bounds on the standard deviation of the
 * sum (|sd_H - sd_V| <= sd <= sd_H + sd_V) decide most calls without the
 * O(slots) covariance.
 */
bool pack_gauss_fits(struct pack *pk, size_t h, size_t v, double z);

/*
 * VM V's row of R as the pack read it: values at [*LO, *HI), 0 elsewhere
 * (valid until the next call about another VM).
 */
const double *pack_vm_row(struct pack *pk, size_t v, int r, size_t *lo,
			  size_t *hi);

/*
 * Percentile-P size of host H's summed demand for resource R, using
 * SCRATCH (nslots doubles).
 */
double pack_host_size(const struct pack *pk, size_t h, int r, double p,
		      double *scratch);

#endif

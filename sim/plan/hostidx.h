/*
 * hostidx.h - an index over hosts being filled for first-fit searches.
 *
 * Each host carries a small vector of NRES loads (one per constrained
 * resource; units are the caller's). The index answers "the first host at
 * or after FROM whose load L[i] satisfies L[i] + X[i] <= LIMIT[i] for every
 * i" in O(log hosts) per pruned subtree instead of a scan of every host: a
 * min-tree keeps, per subtree, the least load of each resource, and a
 * subtree whose least load already fails some resource holds no answer
 * (floating-point addition is monotone, so the test on the minimum is
 * exact). Answers are therefore exactly those of a scan in host order.
 */
#ifndef VMUX_HOSTIDX_H
#define VMUX_HOSTIDX_H

#include <stddef.h>
#include <stdint.h>

#define HOSTIDX_NONE SIZE_MAX
#define HOSTIDX_MAXRES 4

struct hostidx;

/* An empty index of NRES (1..HOSTIDX_MAXRES) loads per host. -EINVAL, -ENOMEM.
 */
int hostidx_create(int nres, struct hostidx **out);
/* Free IX. NULL is a no-op. */
void hostidx_destroy(struct hostidx *ix);

/* Append a host with loads LOAD[0..nres); its index into *H. -ENOMEM. */
int hostidx_push(struct hostidx *ix, const double *load, size_t *h);
/* Set host H's loads to LOAD[0..nres). */
void hostidx_set(struct hostidx *ix, size_t h, const double *load);
size_t hostidx_count(const struct hostidx *ix);

/*
 * The first host h >= FROM with load[i] + X[i] <= LIMIT[i] for every i, or
 * HOSTIDX_NONE.
 */
size_t hostidx_first(const struct hostidx *ix, size_t from, const double *x,
		     const double *limit);
/*
 * The first host h > H that fits as above, or HOSTIDX_NONE: the same
 * answer as hostidx_first(ix, h + 1, x, limit), cheaper when walking
 * through the hosts in order. H must be a host of IX.
 */
size_t hostidx_next(const struct hostidx *ix, size_t h, const double *x,
		    const double *limit);

#endif

/*
 * hostidx.c - first-fit host search on a min-tree (see hostidx.h). The tree
 * is an implicit binary heap over a power-of-two number of leaves: node 1 is
 * the root, node i has children 2i and 2i+1, leaf h is node cap + h. Leaves
 * past the last host hold +inf, so they never fit. Growing doubles the
 * leaves and rebuilds (amortised O(1) per host).
 */
#include "sim/plan/hostidx.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

struct hostidx {
	int nres;
	size_t n, cap; /* hosts, leaves (power of two) */
	double *mn;    /* 2 * cap nodes x nres */
};

int hostidx_create(int nres, struct hostidx **out)
{
	struct hostidx *ix;

	if (nres < 1 || nres > HOSTIDX_MAXRES)
		return -EINVAL;
	ix = calloc(1, sizeof(*ix));
	if (!ix)
		return -ENOMEM;
	ix->nres = nres;
	*out = ix;
	return 0;
}

void hostidx_destroy(struct hostidx *ix)
{
	if (!ix)
		return;
	free(ix->mn);
	free(ix);
}

size_t hostidx_count(const struct hostidx *ix)
{
	return ix->n;
}

static double *node(const struct hostidx *ix, size_t i)
{
	return ix->mn + i * (size_t)ix->nres;
}

/* Node I = the least of its children, per resource. */
static void pull(struct hostidx *ix, size_t i)
{
	const double *a = node(ix, 2 * i), *b = node(ix, 2 * i + 1);
	double *m = node(ix, i);

	for (int r = 0; r < ix->nres; r++)
		m[r] = a[r] < b[r] ? a[r] : b[r];
}

static int grow(struct hostidx *ix)
{
	size_t cap = ix->cap ? 2 * ix->cap : 64, old = ix->cap;
	double *mn = malloc(2 * cap * (size_t)ix->nres * sizeof(*mn));

	if (!mn)
		return -ENOMEM;
	for (size_t h = 0; h < cap; h++)
		for (int r = 0; r < ix->nres; r++)
			mn[(cap + h) * (size_t)ix->nres + r] =
			    h < ix->n ? node(ix, old + h)[r] : INFINITY;
	free(ix->mn);
	ix->mn = mn;
	ix->cap = cap;
	for (size_t i = cap - 1; i >= 1; i--)
		pull(ix, i);
	return 0;
}

void hostidx_set(struct hostidx *ix, size_t h, const double *load)
{
	size_t i = ix->cap + h;

	for (int r = 0; r < ix->nres; r++)
		node(ix, i)[r] = load[r];
	for (i /= 2; i >= 1; i /= 2)
		pull(ix, i);
}

int hostidx_push(struct hostidx *ix, const double *load, size_t *h)
{
	if (ix->n == ix->cap && grow(ix) < 0)
		return -ENOMEM;
	*h = ix->n++;
	hostidx_set(ix, *h, load);
	return 0;
}

static bool may_fit(const struct hostidx *ix, size_t i, const double *x,
		    const double *limit)
{
	const double *m = node(ix, i);

	for (int r = 0; r < ix->nres; r++)
		if (!(m[r] + x[r] <= limit[r]))
			return false;
	return true;
}

/* Leftmost fitting leaf >= FROM under node I covering [LO, LO + LEN). */
static size_t search(const struct hostidx *ix, size_t i, size_t lo, size_t len,
		     size_t from, const double *x, const double *limit)
{
	size_t h;

	if (lo + len <= from || lo >= ix->n || !may_fit(ix, i, x, limit))
		return HOSTIDX_NONE;
	if (len == 1)
		return lo;
	h = search(ix, 2 * i, lo, len / 2, from, x, limit);
	if (h == HOSTIDX_NONE)
		h = search(ix, 2 * i + 1, lo + len / 2, len / 2, from, x,
			   limit);
	return h;
}

size_t hostidx_first(const struct hostidx *ix, size_t from, const double *x,
		     const double *limit)
{
	if (from >= ix->n)
		return HOSTIDX_NONE;
	return search(ix, 1, 0, ix->cap, from, x, limit);
}

/*
 * Walk up from leaf H to the first right sibling that may hold an answer
 * and search it: the answer of hostidx_first(ix, h + 1, ...) without a
 * descent from the root per call, so a scan over hosts that mostly fit
 * costs O(1) amortised per host instead of O(log hosts).
 */
size_t hostidx_next(const struct hostidx *ix, size_t h, const double *x,
		    const double *limit)
{
	size_t i = ix->cap + h, len = 1, found;

	if (h >= ix->n)
		return HOSTIDX_NONE;
	for (; i > 1; i /= 2, len *= 2) {
		if (i % 2)
			continue; /* a right child: its sibling lies before H */
		found = search(ix, i + 1, (i + 1) * len - ix->cap, len, 0, x,
			       limit);
		if (found != HOSTIDX_NONE)
			return found;
	}
	return HOSTIDX_NONE;
}

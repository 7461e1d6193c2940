/*
 * test_hostidx.c - the first-fit host index (sim/plan/hostidx.h) against a
 * plain scan in host order, on random loads with one to four resources,
 * every FROM (and hostidx_next() from every host), with hosts updated and
 * appended between queries; and the
 * separate policy against first-fit decreasing written out here on a
 * generated two-resource trace (placements must be identical).
 */
#include "vmux_test.h"
#include "sim/plan/hostidx.h"
#include "sim/plan/plan.h"
#include "sim/import/gen.h"
#include "models/rng.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define HOSTS 300

static size_t scan(const double *load, size_t n, int nres, size_t from,
		   const double *x, const double *limit)
{
	for (size_t h = from; h < n; h++) {
		bool ok = true;

		for (int r = 0; r < nres; r++)
			ok = ok && !(load[h * nres + r] + x[r] > limit[r]);
		if (ok)
			return h;
	}
	return HOSTIDX_NONE;
}

static void check_nres(int nres)
{
	static double load[HOSTS * HOSTIDX_MAXRES];
	double x[HOSTIDX_MAXRES], limit[HOSTIDX_MAXRES];
	struct hostidx *ix;
	struct rng g;
	size_t h;

	rng_seed(&g, 17 + nres);
	assert_int_equal(hostidx_create(nres, &ix), 0);
	for (size_t n = 0; n < HOSTS; n++) {
		for (int r = 0; r < nres; r++)
			load[n * nres + r] = rng_uniform(&g);
		assert_int_equal(hostidx_push(ix, load + n * nres, &h), 0);
		assert_int_equal(h, n);
		/* change an earlier host, as placing a VM does */
		h = rng_below(&g, n + 1);
		for (int r = 0; r < nres; r++)
			load[h * nres + r] = rng_uniform(&g);
		hostidx_set(ix, h, load + h * nres);
		for (int r = 0; r < nres; r++) {
			x[r] = rng_uniform(&g) * 0.5;
			limit[r] = 0.6 + 0.2 * r;
		}
		for (size_t from = 0; from <= n + 1; from++)
			assert_int_equal(
			    hostidx_first(ix, from, x, limit),
			    scan(load, n + 1, nres, from, x, limit));
		for (size_t at = 0; at <= n; at++)
			assert_int_equal(
			    hostidx_next(ix, at, x, limit),
			    scan(load, n + 1, nres, at + 1, x, limit));
		assert_int_equal(hostidx_next(ix, n + 1, x, limit),
				 HOSTIDX_NONE);
	}
	assert_int_equal(hostidx_count(ix), HOSTS);
	hostidx_destroy(ix);
}

static void test_against_scan(void **state)
{
	(void)state;
	for (int nres = 1; nres <= HOSTIDX_MAXRES; nres++)
		check_nres(nres);
}

static void test_bad_args(void **state)
{
	struct hostidx *ix;

	(void)state;
	assert_int_equal(hostidx_create(0, &ix), -EINVAL);
	assert_int_equal(hostidx_create(HOSTIDX_MAXRES + 1, &ix), -EINVAL);
	assert_int_equal(hostidx_create(1, &ix), 0);
	assert_int_equal(hostidx_first(ix, 0, (double[]){0}, (double[]){1}),
			 HOSTIDX_NONE);
	hostidx_destroy(ix);
	hostidx_destroy(NULL);
}

/* Index order of decreasing max(size/cap), ties by index. */
static int cmp_key(const void *a, const void *b, void *ctx)
{
	const double *key = ctx;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;

	if (key[i] != key[j])
		return key[i] > key[j] ? -1 : 1;
	return (i > j) - (i < j);
}

/* First-fit decreasing over PL's own sizes, a scan of every host. */
static size_t naive_ffd(const struct plan *pl, const double *cap,
			size_t *host_of)
{
	size_t n = pl->nvms, nh = 0, *order = malloc(n * sizeof(*order));
	double *key = calloc(n, sizeof(*key));
	double *load = calloc(2 * n, sizeof(*load));
	const double lim[2] = {cap[0] * (1 + EVAL_REL_TOL),
			       cap[1] * (1 + EVAL_REL_TOL)};

	for (size_t v = 0; v < n; v++) {
		order[v] = v;
		for (int r = 0; r < 2; r++)
			if (pl->size[r][v] / cap[r] > key[v])
				key[v] = pl->size[r][v] / cap[r];
	}
	qsort_r(order, n, sizeof(*order), cmp_key, key);
	for (size_t i = 0; i < n; i++) {
		size_t v = order[i], h = 0;

		while (h < nh && (load[2 * h] + pl->size[0][v] > lim[0] ||
				  load[2 * h + 1] + pl->size[1][v] > lim[1]))
			h++;
		nh += h == nh;
		load[2 * h] += pl->size[0][v];
		load[2 * h + 1] += pl->size[1][v];
		host_of[v] = h;
	}
	free(order);
	free(key);
	free(load);
	return nh;
}

static void test_separate_is_first_fit(void **state)
{
	struct gen_opts go = {.nvms = 400,
			      .nslots = 96,
			      .step = 300,
			      .seed = 5,
			      .res_mask =
				  RES_MASK(RES_CPU) | RES_MASK(RES_MEM)};
	struct plan_opts o = {.p = 95, .cap = {16, 48 * 1024}, .seed = 1};
	struct trace *t;
	struct demand *d;
	struct plan *pl;
	size_t *want;

	(void)state;
	assert_int_equal(gen_trace(&go, &t), 0);
	assert_int_equal(
	    demand_from_trace(t, 0, go.nslots, go.res_mask, NULL, 0, NULL, &d),
	    0);
	assert_int_equal(plan_create(PLAN_SEPARATE, d, &o, &pl), 0);
	assert_int_equal(pl->unplaced, 0);
	want = malloc(go.nvms * sizeof(*want));
	assert_int_equal(pl->nhosts, naive_ffd(pl, o.cap, want));
	assert_true(pl->nhosts > 10);
	for (size_t v = 0; v < go.nvms; v++)
		assert_int_equal(pl->host_of[v], want[v]);
	free(want);
	plan_destroy(pl);
	demand_destroy(d);
	trace_destroy(t);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_against_scan),
	       cmocka_unit_test(test_bad_args),
	       cmocka_unit_test(test_separate_is_first_fit))

/*
 * test_pack.c - hosts being filled (sim/plan/pack.h): the allowance, counting
 * slots above capacity, host sizes, and Gaussian sizes grown member by
 * member and taken off again, against hand-worked sums and numpy (values as in
 * tests/models/test_gauss.c: numpy.cov(X, bias=True), NormalDist).
 */
#include "vmux_test.h"
#include "trace_fixture.h"
#include "sim/plan/pack.h"
#include "models/gauss.h"

#include <string.h>

/* VMs 0-2 are the series of test_gauss.c; VM 3 demands nothing. */
static const double cpu[4][8] = {
    {0.2, 0.5, 0.3, 0.7, 0.1, 0.4, 0.6, 0.2},
    {0.4, 0.1, 0.5, 0.2, 0.6, 0.3, 0.1, 0.5},
    {0.3, 0.3, 0.2, 0.6, 0.2, 0.5, 0.4, 0.1},
    {0},
};

static struct trace *trace;
static struct demand *demand;

static int setup(void **state)
{
	(void)state;
	trace = fx_dense(4, 8, 0, 300, RES_MASK(RES_CPU) | RES_MASK(RES_MEM));
	for (size_t v = 0; v < 4; v++) {
		double mem[8];

		fx_set(trace, RES_CPU, v, cpu[v]);
		/* mem: 60 MiB each, except VM 2 asks 80 in slot 0 */
		for (size_t s = 0; s < 8; s++)
			mem[s] = v == 2 && s == 0 ? 80 : 60;
		fx_set(trace, RES_MEM, v, mem);
	}
	return demand_from_trace(trace, 0, 8, RES_MASK(RES_CPU), NULL, 0, NULL,
				 &demand);
}

static int teardown(void **state)
{
	(void)state;
	demand_destroy(demand);
	trace_destroy(trace);
	return 0;
}

static void test_allowed(void **state)
{
	(void)state;
	assert_int_equal(pack_allowed(20, 95), 1);
	assert_int_equal(pack_allowed(288, 95), 14); /* 14.4 */
	assert_int_equal(pack_allowed(100, 99), 1);  /* 0.99999... in binary */
	assert_int_equal(pack_allowed(20, 90), 2);
	assert_int_equal(pack_allowed(8, 95), 0);
}

static void test_over_and_sizes(void **state)
{
	const double cap[RES_COUNT] = {1.0};
	double scratch[8];
	struct pack *pk;
	size_t h;

	(void)state;
	assert_int_equal(pack_create(demand, cap, 95, &pk), 0);
	assert_int_equal(pack_allowed_over(pk), 0);
	assert_int_equal(pack_open(pk, &h), 0);
	pack_add(pk, h, 0);
	/* x0 + x1 = .6 .6 .8 .9 .7 .7 .7 .7: never above 1 */
	assert_int_equal(pack_over(pk, h, 1, 10), 0);
	pack_add(pk, h, 1);
	/* + x2 = .9 .9 1.0 1.5 .9 1.2 1.1 .8: slots 3, 5, 6 (1.0 is not) */
	assert_int_equal(pack_over(pk, h, 2, 10), 3);
	assert_int_equal(pack_over(pk, h, 2, 1), 2); /* stops at limit + 1 */
	assert_int_equal(pack_over(pk, PACK_NONE, 2, 10), 0);
	assert_int_equal(pack_members(pk, h), 2);
	assert_int_equal(pack_host_of(pk, 1), h);
	assert_int_equal(pack_host_of(pk, 2), PACK_NONE);
	assert_close(pack_host_size(pk, h, RES_CPU, 95, scratch), 0.9, 1e-15);
	/* P = 75 over 8 slots lets 2 slots above: the 3rd largest, 0.7 */
	assert_close(pack_host_size(pk, h, RES_CPU, 75, scratch), 0.7, 1e-15);
	assert_close(pack_mean(pk, h, RES_CPU), 0.375 + 0.3375, 1e-15);
	assert_true(pack_mean_fits(pk, h, 3));
	/* means 0.375 + 0.3375 + 0.325 = 1.0375 > 1 */
	assert_false(pack_mean_fits(pk, h, 2));
	pack_destroy(pk);
}

static void test_gauss(void **state)
{
	const double cap[RES_COUNT] = {1.0};
	const double z = gauss_z(95);
	struct pack *pk;
	size_t h;

	(void)state;
	assert_int_equal(pack_create(demand, cap, 95, &pk), 0);
	assert_int_equal(pack_open(pk, &h), 0);
	/* numpy: x2 alone, {x0, x1}, {x0, x1, x2} */
	assert_close(pack_gauss_size(pk, PACK_NONE, 2, RES_CPU, z),
		     0.581802690199257, 1e-12);
	pack_add(pk, h, 0);
	assert_close(pack_gauss_size(pk, h, 1, RES_CPU, z), 0.8649820122461415,
		     1e-12);
	assert_true(pack_gauss_fits(pk, h, 1, z));
	pack_add(pk, h, 1);
	assert_close(pack_gauss_size(pk, h, 2, RES_CPU, z), 1.3858198447829109,
		     1e-12);
	assert_false(pack_gauss_fits(pk, h, 2, z));
	/* z = 0 is the mean alone: 1.0375 > 1 still */
	assert_false(pack_gauss_fits(pk, h, 2, 0));
	assert_true(pack_gauss_fits(pk, h, 3, z));
	pack_add(pk, h, 2);
	/* The variance kept through the adds is the group's: adding a VM
	 * that demands nothing leaves the numpy size. */
	assert_close(pack_gauss_size(pk, h, 3, RES_CPU, z), 1.3858198447829109,
		     1e-12);
	/* pack_remove undoes pack_add: x0 + x1 + x2 is above 1 in slots 3,
	 * 5, 6; x0 + x2 = .5 .8 .5 1.3 .3 .9 1.0 .3 only in slot 3. numpy
	 * for x0 + x2: mean .7, variance (bias=True) .1125, Gaussian size
	 * 1.2517006784350855; pack_gauss_size_without says so before. */
	assert_int_equal(pack_over(pk, h, 3, 10), 3);
	assert_close(pack_gauss_size_without(pk, 1, RES_CPU, z),
		     1.2517006784350855, 1e-12);
	pack_remove(pk, 1);
	assert_int_equal(pack_host_of(pk, 1), PACK_NONE);
	assert_int_equal(pack_members(pk, h), 2);
	assert_int_equal(pack_over(pk, h, 3, 10), 1);
	assert_close(pack_mean(pk, h, RES_CPU), 0.7, 1e-12);
	assert_close(pack_var(pk, h, RES_CPU), 0.1125, 1e-12);
	assert_close(pack_gauss_size(pk, h, 3, RES_CPU, z), 1.2517006784350855,
		     1e-12);
	assert_close(pack_sum(pk, h, RES_CPU)[6], 1.0, 1e-12);
	pack_destroy(pk);
}

/*
 * Two resources: a slot is over when either is, and the Gaussian size must
 * fit each. mem of x2: mean 62.5, variance (17.5^2 + 7 * 2.5^2) / 8 = 43.75;
 * x0's mem is constant, so with x0 the host's mem size is
 * 122.5 + z * sqrt(43.75) = 122.5 + 6.6144 z.
 */
static void test_two_resources(void **state)
{
	double cap[RES_COUNT] = {1.0, 130};
	struct demand *d;
	struct pack *pk;
	size_t h;

	(void)state;
	assert_int_equal(demand_from_trace(
			     trace, 0, 8, RES_MASK(RES_CPU) | RES_MASK(RES_MEM),
			     NULL, 0, NULL, &d),
			 0);
	assert_int_equal(pack_create(d, cap, 95, &pk), 0);
	assert_int_equal(pack_open(pk, &h), 0);
	pack_add(pk, h, 0);
	/* cpu x0 + x2 = .5 .8 .5 1.3 .3 .9 1.0 .3: slot 3; mem 140: slot 0 */
	assert_int_equal(pack_over(pk, h, 2, 10), 2);
	/* x1: cpu never over, mem 120 */
	assert_int_equal(pack_over(pk, h, 1, 10), 0);
	pack_destroy(pk);

	cap[RES_CPU] = 2.0; /* only mem can refuse now */
	assert_int_equal(pack_create(d, cap, 95, &pk), 0);
	assert_int_equal(pack_open(pk, &h), 0);
	pack_add(pk, h, 0);
	assert_int_equal(pack_over(pk, h, 2, 10), 1);
	assert_close(pack_gauss_size(pk, h, 2, RES_MEM, 1.0),
		     122.5 + 6.614378277661476, 1e-9);
	assert_true(pack_gauss_fits(pk, h, 2, 1.0));	/* 129.1 */
	assert_false(pack_gauss_fits(pk, h, 2, 1.645)); /* 133.4 */
	pack_destroy(pk);
	demand_destroy(d);
}

/* Add VM NAME living slots [FIRST, FIRST + LEN) of T with cpu X. */
static void add_span(struct trace *t, const char *name, size_t first,
		     size_t len, const double *x)
{
	size_t v;

	assert_int_equal(trace_add_vm(t, name, first, len, &v), 0);
	trace_set_scale(t, RES_CPU, v,
			trace_encode(x, len, trace_vals_mut(t, RES_CPU, v)));
}

/*
 * VMs that live part of the window, on a host of cap 1 (k = 0 at P95 of 8
 * slots): a lives every slot at .9 but 1.2 in slots 0 and 1 (2 slots over
 * alone); b lives slots 4..7 at .2 (with a: 1.1 in each, 4 slots newly
 * over, 6 in all); c lives slots 0..1 at .05, where a is over already
 * (none new: still 2, then 6 with b).
 */
static void test_over_spans(void **state)
{
	const double a[8] = {1.2, 1.2, .9, .9, .9, .9, .9, .9},
		     b[4] = {.2, .2, .2, .2}, c[2] = {.05, .05};
	const double cap[RES_COUNT] = {1.0};
	struct trace *t;
	struct demand *d;
	struct pack *pk;
	size_t h;

	(void)state;
	assert_int_equal(trace_create(8, 0, 300, RES_MASK(RES_CPU), &t), 0);
	add_span(t, "a", 0, 8, a);
	add_span(t, "b", 4, 4, b);
	add_span(t, "c", 0, 2, c);
	assert_int_equal(
	    demand_from_trace(t, 0, 8, RES_MASK(RES_CPU), NULL, 0, NULL, &d),
	    0);
	assert_int_equal(pack_create(d, cap, 95, &pk), 0);
	assert_int_equal(pack_open(pk, &h), 0);
	assert_int_equal(pack_over(pk, PACK_NONE, 0, 10), 2);
	pack_add(pk, h, 0);
	assert_int_equal(pack_over(pk, h, 1, 10), 6);
	assert_int_equal(pack_over(pk, h, 1, 3), 4); /* stops at limit + 1 */
	assert_int_equal(pack_over(pk, h, 2, 10), 2);
	pack_add(pk, h, 1);
	assert_int_equal(pack_over(pk, h, 2, 10), 6);
	pack_destroy(pk);
	demand_destroy(d);
	trace_destroy(t);
}

/* A day of 288 slots: a daily cycle of VM V's phase and amplitude, and
 * noise from a hash of (V, T), all >= 0. */
static double cyclic(size_t v, size_t t)
{
	uint32_t u = (uint32_t)(v * 2654435761u) ^ (uint32_t)(t * 40503u);
	double noise = (double)((u * 2246822519u) >> 8) / 16777216.0;

	return 0.5 +
	       0.4 * cos(2 * M_PI * ((double)t + 17.0 * (double)v) / 288) *
		   (double)(v % 3) / 2 +
	       0.3 * noise * (double)(v % 4) / 3;
}

/* A pack over D at capacity CAP with VMs 0-79 on hosts 0-7, ten each. */
static struct pack *eight_hosts(const struct demand *d, const double *cap)
{
	struct pack *pk;
	size_t h;

	assert_int_equal(pack_create(d, cap, 95, &pk), 0);
	for (size_t v = 0; v < 80; v++) {
		if (v % 10 == 0)
			assert_int_equal(pack_open(pk, &h), 0);
		pack_add(pk, v / 10, v);
	}
	return pk;
}

/*
 * VMs [FROM, TO) checked on hosts 0-7 at the three Z against LIMIT: how
 * many checks answer as the exact size; *FITS counts those that fit. The
 * check is asked first: the exact size keeps its dot product for it.
 */
static size_t check_all(struct pack *pk, size_t from, size_t to,
			const double *z, double limit, size_t *fits)
{
	size_t agree = 0;

	for (size_t v = from; v < to; v++)
		for (size_t h = 0; h < 8; h++)
			for (int i = 0; i < 3; i++) {
				bool f = pack_gauss_fits(pk, h, v, z[i]);
				bool exact = pack_gauss_size(pk, h, v, RES_CPU,
							     z[i]) <= limit;

				agree += f == exact;
				*fits += exact;
			}
	return agree;
}

/*
 * Whatever decides a Gaussian check (spread bounds, sketches, the exact
 * covariance), the answer is the exact size's: 8 hosts of 10 VMs each,
 * the other 20 VMs tried on each at three z and capacities from below to
 * above the sizes (so many checks are close).
 */
static void test_gauss_decisions(void **state)
{
	struct trace *t = fx_trace(100, 288, 0, cyclic, NULL);
	const double z[3] = {1.0, 1.645, 2.33};
	struct demand *d;
	size_t agree = 0, fits = 0;

	(void)state;
	assert_int_equal(
	    demand_from_trace(t, 0, 288, RES_MASK(RES_CPU), NULL, 0, NULL, &d),
	    0);
	for (double c = 5.0; c < 9.0; c += 0.05) {
		const double cap[RES_COUNT] = {c};
		struct pack *pk = eight_hosts(d, cap);

		agree += check_all(pk, 80, 100, z, demand_limit(c), &fits);
		pack_destroy(pk);
	}
	assert_int_equal(agree, 80 * 20 * 8 * 3);
	assert_true(fits > 0 && fits < agree); /* both answers occur */
	demand_destroy(d);
	trace_destroy(t);
}

/* VM V of test_gauss_blocks: its span in a day of 288 slots. */
static void short_span(size_t v, size_t *first, size_t *len)
{
	*first = v % 5 == 0 ? 0 : (v * 37) % 250;
	*len = v % 5 == 0 ? 288 : 1 + (v * 13) % 38;
}

/* Host H's summed cpu without VM SKIP (SIZE_MAX: none), from the trace. */
static void host_series(const struct pack *pk, const double (*row)[288],
			size_t h, size_t skip, double *s)
{
	memset(s, 0, 288 * sizeof(double));
	for (size_t v = 0; v < 120; v++)
		if (v != skip && pack_host_of(pk, v) == h)
			for (size_t t = 0; t < 288; t++)
				s[t] += row[v][t];
}

/*
 * Short-lived VMs (spans of 1-38 slots, every fifth the whole day): the
 * Gaussian check (whichever bound decides it) answers as the exact size,
 * hosts changed by adds and removals; and the size without a VM (kept
 * dot products) is that of the others' summed series, recomputed here.
 */
static void test_gauss_blocks(void **state)
{
	static double row[120][288];
	const double z[3] = {0.5, 1.645, 2.33};
	struct trace *t;
	struct demand *d;
	size_t agree = 0, fits = 0, h;
	double s[288], mean, var;

	(void)state;
	assert_int_equal(trace_create(288, 0, 300, RES_MASK(RES_CPU), &t), 0);
	for (size_t v = 0; v < 120; v++) {
		size_t first, len;
		char name[16];

		short_span(v, &first, &len);
		for (size_t i = 0; i < len; i++)
			row[v][first + i] = 4 * cyclic(v, first + i);
		snprintf(name, sizeof(name), "vm%zu", v);
		add_span(t, name, first, len, row[v] + first);
	}
	assert_int_equal(
	    demand_from_trace(t, 0, 288, RES_MASK(RES_CPU), NULL, 0, NULL, &d),
	    0);
	/* the trace stores values rounded: read them back as planned */
	for (size_t v = 0; v < 120; v++)
		demand_read(d, RES_CPU, v, row[v]);
	for (int ci = 0; ci < 50; ci++) {
		const double c = 3.0 + 0.1 * ci, cap[RES_COUNT] = {c};
		struct pack *pk = eight_hosts(d, cap);

		for (size_t v = 3; v < 80; v += 7) { /* each host loses one */
			h = pack_host_of(pk, v);
			host_series(pk, row, h, v, s);
			gauss_moments(s, 288, &mean, &var);
			assert_close(
			    pack_gauss_size_without(pk, v, RES_CPU, 1.0),
			    gauss_size(mean, var, 1.0), 1e-9);
			pack_remove(pk, v);
		}
		agree += check_all(pk, 80, 120, z, demand_limit(c), &fits);
		pack_destroy(pk);
	}
	assert_int_equal(agree, 50 * 40 * 8 * 3);
	assert_true(fits > 0 && fits < agree); /* both answers occur */
	demand_destroy(d);
	trace_destroy(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_over_spans),
	    cmocka_unit_test(test_allowed),
	    cmocka_unit_test(test_over_and_sizes),
	    cmocka_unit_test(test_gauss),
	    cmocka_unit_test(test_two_resources),
	    cmocka_unit_test(test_gauss_decisions),
	    cmocka_unit_test(test_gauss_blocks),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

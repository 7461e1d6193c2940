/*
 * test_demand.c - demand views (sim/plan/demand.h): a window of a trace
 * with overhead factors, VM subsets, slicing folds, selecting rows, VMs
 * read over their spans, and the shared "above capacity" rule.
 */
#include "vmux_test.h"
#include "trace_fixture.h"
#include "sim/plan/demand.h"
#include "lib/pool.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Slot S of VM V's R in D, read the way a dense row would be. */
static double at(const struct demand *d, int r, size_t v, size_t s)
{
	double row[64];

	assert_true(d->nslots <= 64);
	demand_read(d, r, v, row);
	return row[s];
}

static double tiny_cpu(size_t v, size_t s)
{
	return (double)v + (double)s / 10;
}

static double tiny_mem(size_t v, size_t s)
{
	return 100.0 * (double)v + (double)s;
}

/* 3 VMs x 6 slots: cpu of VM v in slot s is v + s / 10; mem is 100 v + s. */
static struct trace *tiny(void)
{
	return fx_trace(3, 6, 1000, tiny_cpu, tiny_mem);
}

static void test_from_trace(void **state)
{
	struct trace *t = tiny();
	double factor[RES_COUNT] = {1.5, 2, 1, 1};
	const size_t vms[2] = {2, 0};
	struct demand *d;

	(void)state;
	assert_int_equal(
	    demand_from_trace(t, 1, 4, RES_MASK(RES_CPU) | RES_MASK(RES_MEM),
			      NULL, 0, factor, &d),
	    0);
	assert_int_equal(d->nvms, 3);
	assert_int_equal(d->nslots, 4);
	assert_close(d->start, 1300, 0);
	assert_close(d->step, 300, 0);
	assert_close(at(d, RES_CPU, 1, 0), 1.5 * 1.1, 1e-15);
	assert_close(at(d, RES_MEM, 2, 3), 2 * 204.0, 0);
	assert_false(demand_has(d, RES_DISK));
	demand_destroy(d);

	assert_int_equal(
	    demand_from_trace(t, 0, 6, RES_MASK(RES_CPU), vms, 2, NULL, &d), 0);
	assert_int_equal(d->nvms, 2);
	assert_int_equal(d->vm[0], 2);
	assert_close(at(d, RES_CPU, 0, 5), 2.5, 1e-15);
	assert_close(at(d, RES_CPU, 1, 5), 0.5, 1e-15);
	assert_false(demand_has(d, RES_MEM));
	demand_destroy(d);

	assert_int_equal(
	    demand_from_trace(t, 0, 6, RES_MASK(RES_NET), NULL, 0, NULL, &d),
	    -EINVAL);
	assert_int_equal(
	    demand_from_trace(t, 3, 4, RES_MASK(RES_CPU), NULL, 0, NULL, &d),
	    -EINVAL);
	trace_destroy(t);
}

static void test_slice_select(void **state)
{
	struct trace *t = tiny();
	struct demand *d, *keep, *rest, *sel;
	const size_t idx[2] = {2, 1};

	(void)state;
	assert_int_equal(
	    demand_from_trace(t, 0, 6, RES_MASK(RES_CPU), NULL, 0, NULL, &d),
	    0);
	assert_int_equal(demand_slice(d, 2, 3, true, &keep), 0);
	assert_int_equal(demand_slice(d, 2, 3, false, &rest), 0);
	assert_int_equal(keep->nslots, 3);
	assert_int_equal(rest->nslots, 3);
	assert_close(keep->start, 1600, 0);
	/* keep = slots 2, 3, 4; rest = slots 0, 1, 5 */
	assert_close(at(keep, RES_CPU, 1, 0), 1.2, 1e-15);
	assert_close(at(keep, RES_CPU, 1, 2), 1.4, 1e-15);
	assert_close(at(rest, RES_CPU, 2, 1), 2.1, 1e-15);
	assert_close(at(rest, RES_CPU, 2, 2), 2.5, 1e-15);
	assert_int_equal(demand_slice(d, 4, 3, true, &sel), -EINVAL);

	assert_int_equal(demand_select(d, idx, 2, &sel), 0);
	assert_int_equal(sel->nvms, 2);
	assert_int_equal(sel->vm[0], 2);
	assert_int_equal(sel->vm[1], 1);
	assert_close(at(sel, RES_CPU, 1, 3), 1.3, 1e-15);
	demand_destroy(sel);
	assert_int_equal(demand_select(d, (const size_t[]){3}, 1, &sel),
			 -EINVAL);
	demand_destroy(keep);
	demand_destroy(rest);
	demand_destroy(d);
	demand_destroy(NULL);
	trace_destroy(t);
}

static void test_limit(void **state)
{
	(void)state;
	/* 0.1 + 0.2 + 0.7 is 1.0000000000000002 in binary: not an overload. */
	assert_true(0.1 + 0.2 + 0.7 <= demand_limit(1.0));
	assert_true(1.000001 > demand_limit(1.0));
	assert_close(demand_limit(2.0), 2.0 * (1 + EVAL_REL_TOL), 0);
}

/*
 * Trend rule on 4 days of 2 slots (day = 600 s at step 300; values constant
 * within a day, so the daily medians are the values): VM 0's
 * daily means .1 .2 .3 .4 lie on a line (slope .1 a day, no residual), so
 * every slot rises by .1 * (4 + 1) / 2 = .25; VM 1 alternates .2 .4 .2 .4:
 * slope .04 (sxy = .2 over sxx = 5) with residuals -.04 .12 -.12 .04,
 * se = sqrt(.032 / 2 / 5) = .0566, and .04 < 2 se: left alone; VM 2 is
 * flat: slope 0, left alone. Three days are needed: two are left alone.
 */
static void test_trend_lift(void **state)
{
	static const double m0[4] = {0.1, 0.2, 0.3, 0.4},
			    m1[4] = {0.2, 0.4, 0.2, 0.4};
	struct trace *t;
	struct demand *d, *two;
	size_t lifted;

	(void)state;
	double x[3][8];

	for (size_t s = 0; s < 8; s++) {
		x[0][s] = m0[s / 2];
		x[1][s] = m1[s / 2];
		x[2][s] = 0.5;
	}
	t = fx_dense(3, 8, 0, 300, RES_MASK(RES_CPU));
	for (size_t v = 0; v < 3; v++)
		fx_set(t, RES_CPU, v, x[v]);
	assert_int_equal(
	    demand_from_trace(t, 0, 8, RES_MASK(RES_CPU), NULL, 0, NULL, &d),
	    0);
	assert_int_equal(demand_slice(d, 0, 4, true, &two), 0);
	assert_int_equal(demand_lift_trends(d, 600, NULL, &lifted), 0);
	assert_int_equal(lifted, 1);
	for (size_t s = 0; s < 8; s++) {
		assert_close(at(d, RES_CPU, 0, s), m0[s / 2] + 0.25, 1e-12);
		assert_close(at(d, RES_CPU, 1, s), m1[s / 2], 0);
		assert_close(at(d, RES_CPU, 2, s), 0.5, 0);
	}
	assert_int_equal(demand_lift_trends(two, 600, NULL, &lifted), 0);
	assert_int_equal(lifted, 0);
	demand_destroy(two);
	demand_destroy(d);
	trace_destroy(t);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The lift of row X (NDAYS days of PER slots) by sorting each day: the
 * rule of demand.h computed without the code's selection. */
static double lift_by_sort(const double *x, size_t ndays, size_t per)
{
	double m[8], day[8], mean = 0, c = (ndays - 1) / 2.0, sxx = 0, sxy = 0,
			     sse = 0, b;

	for (size_t k = 0; k < ndays; k++) {
		memcpy(day, x + k * per, per * sizeof(double));
		qsort(day, per, sizeof(double), cmp_double);
		m[k] = per % 2 ? day[per / 2]
			       : (day[per / 2 - 1] + day[per / 2]) / 2;
		mean += m[k] / (double)ndays;
	}
	for (size_t k = 0; k < ndays; k++) {
		sxx += (k - c) * (k - c);
		sxy += (k - c) * (m[k] - mean);
	}
	b = sxy / sxx;
	for (size_t k = 0; k < ndays; k++)
		sse += pow(m[k] - mean - b * (k - c), 2);
	if (!(b > 0) || b < DEMAND_TREND_T * sqrt(sse / (ndays - 2) / sxx))
		return 0;
	return b * (ndays + 1) / 2.0;
}

/*
 * Trend rule on many VMs (more than one range of demand_each()), 5 days
 * of 4 slots, values from {0, .25, .5, 1} (ties and zeros in the daily
 * medians, which take the two middle values): each VM's lifted values
 * against lift_by_sort(), and the same lifts, means and variances, to the
 * bit, from a pool of 3 threads as from none.
 */
static void test_trend_lift_many(void **state)
{
	enum { N = 2 * DEMAND_EACH_VMS + 7, DAYS = 5, PER = 4, S = DAYS * PER };
	static const double level[4] = {0, 0.25, 0.5, 1};
	struct trace *t = fx_dense(N, S, 0, 300, RES_MASK(RES_CPU));
	struct demand *d[2];
	struct pool *pool;
	size_t lifted[2], want = 0;
	unsigned long z = 12345;
	double x[S], row[S];

	(void)state;
	for (size_t v = 0; v < N; v++) {
		for (size_t s = 0; s < S; s++) {
			z = z * 6364136223846793005UL + 1442695040888963407UL;
			/* a rise on every third VM, noise on the others */
			x[s] = level[(z >> 33) % 4] * (v % 3 ? 1 : 0.2) +
			       (v % 3 ? 0 : 0.2 * (double)(s / PER));
		}
		fx_set(t, RES_CPU, v, x);
	}
	assert_int_equal(pool_create(3, &pool), 0);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(demand_from_trace(t, 0, S, RES_MASK(RES_CPU),
						   NULL, 0, NULL, &d[i]),
				 0);
		assert_int_equal(demand_lift_trends(d[i], PER * 300.0,
						    i ? pool : NULL,
						    &lifted[i]),
				 0);
	}
	for (size_t v = 0; v < N; v++) {
		double l;

		demand_read(d[0], RES_CPU, v, row);
		memcpy(x, row, sizeof(x));
		l = d[0]->lift ? d[0]->lift[v * RES_COUNT + RES_CPU] : 0;
		for (size_t s = 0; s < S; s++)
			x[s] -= l; /* the trace's values again */
		assert_close(l, lift_by_sort(x, DAYS, PER), 1e-12);
		want += l > 0;
		demand_read(d[1], RES_CPU, v, x);
		assert_memory_equal(row, x, sizeof(x));
		assert_memory_equal(&d[0]->mean[RES_CPU][v],
				    &d[1]->mean[RES_CPU][v], sizeof(double));
		assert_memory_equal(&d[0]->var[RES_CPU][v],
				    &d[1]->var[RES_CPU][v], sizeof(double));
	}
	assert_int_equal(lifted[0], want);
	assert_int_equal(lifted[1], want);
	assert_true(want > N / 4 && want < N / 2); /* both branches taken */
	pool_destroy(pool);
	demand_destroy(d[0]);
	demand_destroy(d[1]);
	trace_destroy(t);
}

/*
 * Provisioned sizes: VM 0 has 8 cores and 4096 MiB, VM 2 has 2 cores, VM 1
 * none (0). Copied times the factor, by the demand's VM order; a selection
 * keeps them with its rows and a slice whole; a trace without any gives
 * none (NULL).
 */
static void test_provisioned(void **state)
{
	struct trace *t = tiny();
	double factor[RES_COUNT] = {1.5, 2, 1, 1};
	const size_t vms[2] = {2, 0}, idx[1] = {1};
	struct demand *d, *s;

	(void)state;
	assert_int_equal(
	    demand_from_trace(t, 0, 6, RES_MASK(RES_CPU), NULL, 0, NULL, &d),
	    0);
	assert_null(d->prov[RES_CPU]);
	demand_destroy(d);
	trace_set_provisioned(t, RES_CPU, 0, 8);
	trace_set_provisioned(t, RES_MEM, 0, 4096);
	trace_set_provisioned(t, RES_CPU, 2, 2);
	assert_int_equal(
	    demand_from_trace(t, 1, 4, RES_MASK(RES_CPU) | RES_MASK(RES_MEM),
			      vms, 2, factor, &d),
	    0);
	assert_close(d->prov[RES_CPU][0], 3, 0);  /* VM 2: 2 x 1.5 */
	assert_close(d->prov[RES_CPU][1], 12, 0); /* VM 0: 8 x 1.5 */
	assert_close(d->prov[RES_MEM][0], 0, 0);
	assert_close(d->prov[RES_MEM][1], 8192, 0);
	assert_int_equal(demand_select(d, idx, 1, &s), 0);
	assert_close(s->prov[RES_CPU][0], 12, 0);
	assert_close(s->prov[RES_MEM][0], 8192, 0);
	demand_destroy(s);
	assert_int_equal(demand_slice(d, 1, 2, false, &s), 0);
	assert_close(s->prov[RES_CPU][0], 3, 0);
	assert_close(s->prov[RES_CPU][1], 12, 0);
	demand_destroy(s);
	demand_destroy(d);
	trace_destroy(t);
}

/*
 * A cpu trace of 10 slots of 300 s in which VM "a" spans slots 3-6 with
 * values 1 2 3 4 (and FULL, when not NULL, is a VM spanning every slot at
 * .5); ROWS pointed at BUF's rows.
 */
static struct trace *span_trace(const char *full, double buf[][10],
				double **rows)
{
	struct trace *t;
	float *x;

	for (int r = 0; r < RES_COUNT; r++)
		rows[r] = buf[r];
	assert_int_equal(trace_create(10, 0, 300, RES_MASK(RES_CPU), &t), 0);
	assert_int_equal(trace_add_vm(t, "a", 3, 4, NULL), 0);
	x = trace_vals_mut(t, RES_CPU, 0);
	for (int i = 0; i < 4; i++)
		x[i] = (float)(i + 1);
	if (full) {
		assert_int_equal(trace_add_vm(t, full, 0, 10, NULL), 0);
		x = trace_vals_mut(t, RES_CPU, 1);
		for (int i = 0; i < 10; i++)
			x[i] = 0.5f;
	}
	return t;
}

/*
 * A VM living slots 3..6 of 10 (values 1, 2, 3, 4) is read over its span
 * only, in views that cut the window: without slots 4..5 (two runs, the
 * span meeting across the cut) and slots 5..9. Moments by hand over the
 * whole window of 10: mean 10 / 10 = 1; squared deviations 0 + 1 + 4 + 9
 * in the span and 6 x 1 outside, / 10 = 2.
 */
static void test_spans(void **state)
{
	struct demand *d, *cut, *tail;
	double buf[RES_COUNT][10], *rows[RES_COUNT];
	struct trace *t = span_trace(NULL, buf, rows);
	size_t lo, hi;

	(void)state;
	assert_int_equal(
	    demand_from_trace(t, 0, 10, RES_MASK(RES_CPU), NULL, 0, NULL, &d),
	    0);
	demand_vm(d, 0, rows, &lo, &hi);
	assert_int_equal(lo, 3);
	assert_int_equal(hi, 7);
	assert_close(buf[RES_CPU][6], 4, 0);
	assert_close(d->mean[RES_CPU][0], 1, 0);
	assert_close(d->var[RES_CPU][0], 2, 1e-15);
	assert_close(at(d, RES_CPU, 0, 2), 0, 0);
	assert_int_equal(demand_slice(d, 4, 2, false, &cut), 0);
	demand_vm(cut, 0, rows, &lo, &hi);
	assert_int_equal(cut->nslots, 8);
	assert_int_equal(lo, 3);
	assert_int_equal(hi, 5);
	assert_close(buf[RES_CPU][3], 1, 0);
	assert_close(buf[RES_CPU][4], 4, 0);
	assert_int_equal(demand_slice(d, 5, 5, true, &tail), 0);
	demand_vm(tail, 0, rows, &lo, &hi);
	assert_int_equal(lo, 0);
	assert_int_equal(hi, 2);
	assert_close(buf[RES_CPU][1], 4, 0);
	/* tail: values 3, 4 and three zeros: mean 7 / 5, var by hand */
	assert_close(tail->mean[RES_CPU][0], 1.4, 1e-15);
	assert_close(tail->var[RES_CPU][0], (2.56 + 6.76 + 3 * 1.96) / 5,
		     1e-12);
	demand_destroy(tail);
	demand_destroy(cut);
	demand_destroy(d);
	trace_destroy(t);
}

/*
 * Slots no VM covers are left out of the window: 12 slots, VM a on 0-7
 * and VM b on 4-11, covered only 0-1, 4-5 and 9-11 (as if days 2-3 and
 * 6-8 were missing). The demand is the 7 covered slots back to back;
 * values, spans, moments and slices worked by hand.
 */
static void test_uncovered(void **state)
{
	static const uint8_t cov[12] = {1, 1, 0, 0, 1, 1, 0, 0, 0, 1, 1, 1};
	static const float av[8] = {1, 2, 0, 0, 3, 4, 0, 0};
	static const float bv[8] = {5, 6, 0, 0, 0, 7, 8, 9};
	struct trace *t;
	struct demand *d, *cut, *keep;
	double buf[RES_COUNT][12], *rows[RES_COUNT];
	uint8_t *c = malloc(sizeof(cov));
	size_t lo, hi;

	(void)state;
	for (int r = 0; r < RES_COUNT; r++)
		rows[r] = buf[r];
	assert_non_null(c);
	memcpy(c, cov, sizeof(cov));
	assert_int_equal(trace_create(12, 1000, 300, RES_MASK(RES_CPU), &t), 0);
	assert_int_equal(trace_add_vm(t, "a", 0, 8, NULL), 0);
	assert_int_equal(trace_add_vm(t, "b", 4, 8, NULL), 0);
	/* a on slots 0-7, b on 4-11 (0 where uncovered, as the ingest has) */
	memcpy(trace_vals_mut(t, RES_CPU, 0), av, sizeof(av));
	memcpy(trace_vals_mut(t, RES_CPU, 1), bv, sizeof(bv));
	assert_int_equal(trace_set_covered(t, c), 0);
	assert_int_equal(trace_uncovered(t, 0, 12), 5);
	assert_int_equal(trace_uncovered(t, 2, 3), 2);	/* 2, 3 of 2-4 */
	assert_int_equal(trace_uncovered(t, 10, 4), 2); /* past the grid */
	assert_false(trace_covered(t, 8));
	assert_true(trace_covered(t, 9));
	assert_int_equal(
	    demand_from_trace(t, 0, 12, RES_MASK(RES_CPU), NULL, 0, NULL, &d),
	    0);
	assert_int_equal(d->nslots, 7);
	assert_close(d->start, 1000, 0);
	assert_close(d->end, 1000 + 12 * 300, 0);
	/* a: 1 2 3 4 0 0 0; b: 0 0 5 6 7 8 9 */
	demand_vm(d, 0, rows, &lo, &hi);
	assert_int_equal(lo, 0);
	assert_int_equal(hi, 4);
	assert_close(buf[RES_CPU][3], 4, 0);
	demand_vm(d, 1, rows, &lo, &hi);
	assert_int_equal(lo, 2);
	assert_int_equal(hi, 7);
	for (int s = 2; s < 7; s++)
		assert_close(buf[RES_CPU][s], s + 3, 0);
	assert_close(d->mean[RES_CPU][0], 10.0 / 7, 1e-15);
	assert_close(d->mean[RES_CPU][1], 5, 1e-15);
	/* b: squares 25 36 49 64 81 = 255; var = 255 / 7 - 25 */
	assert_close(d->var[RES_CPU][1], 255.0 / 7 - 25, 1e-12);
	/* Leave out demand slots 3-4 (a's 4, b's 6 and 7): 5 slots. */
	assert_int_equal(demand_slice(d, 3, 2, false, &cut), 0);
	assert_int_equal(cut->nslots, 5);
	assert_close(at(cut, RES_CPU, 0, 2), 3, 0);
	assert_close(at(cut, RES_CPU, 1, 3), 8, 0);
	assert_close(cut->mean[RES_CPU][1], (5 + 8 + 9) / 5.0, 1e-15);
	/* Keep demand slots 4-6: source slots 9-11. */
	assert_int_equal(demand_slice(d, 4, 3, true, &keep), 0);
	assert_int_equal(keep->nslots, 3);
	assert_close(keep->start, 1000 + 9 * 300, 0);
	assert_close(keep->end, 1000 + 12 * 300, 0);
	assert_close(at(keep, RES_CPU, 1, 0), 7, 0);
	assert_close(at(keep, RES_CPU, 1, 2), 9, 0);
	demand_destroy(keep);
	demand_destroy(cut);
	demand_destroy(d);
	trace_destroy(t);
}

/*
 * Absent is not idle: of 10 slots, VM a spans 3-6 (values 1 2 3 4) and b
 * every slot. Filled at P75 (one slot of 4 may be above), a stands at its
 * own size 3 outside its span: 3 3 3 1 2 3 4 3 3 3, mean 28 / 10 = 2.8,
 * variance (6 * 9 + 1 + 4 + 9 + 16) / 10 - 2.8^2 = 0.56 (by hand); b is
 * whole and keeps 0 fills. A slice does not keep the fill.
 */
static void test_fill_absent(void **state)
{
	struct demand *d, *s;
	double buf[RES_COUNT][10], *rows[RES_COUNT];
	struct trace *t = span_trace("b", buf, rows);
	size_t lo, hi, n;

	(void)state;
	assert_int_equal(
	    demand_from_trace(t, 0, 10, RES_MASK(RES_CPU), NULL, 0, NULL, &d),
	    0);
	assert_int_equal(demand_fill_absent(d, 75, NULL, &n), 0);
	assert_int_equal(n, 1);
	demand_vm(d, 0, rows, &lo, &hi);
	assert_int_equal(lo, 0);
	assert_int_equal(hi, 10);
	for (int i = 0; i < 10; i++)
		assert_close(buf[RES_CPU][i], i >= 3 && i < 7 ? i - 2 : 3, 0);
	assert_close(at(d, RES_CPU, 0, 9), 3, 0);
	assert_close(d->mean[RES_CPU][0], 2.8, 1e-15);
	assert_close(d->var[RES_CPU][0], 0.56, 1e-12);
	assert_close(d->mean[RES_CPU][1], 0.5, 0);
	assert_int_equal(demand_slice(d, 0, 10, true, &s), 0);
	demand_vm(s, 0, rows, &lo, &hi);
	assert_int_equal(lo, 3);
	assert_int_equal(hi, 7);
	assert_close(s->mean[RES_CPU][0], 1, 1e-15);
	demand_destroy(s);
	demand_destroy(d);
	trace_destroy(t);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_spans), cmocka_unit_test(test_trend_lift),
	       cmocka_unit_test(test_fill_absent),
	       cmocka_unit_test(test_uncovered),
	       cmocka_unit_test(test_trend_lift_many),
	       cmocka_unit_test(test_provisioned),
	       cmocka_unit_test(test_from_trace),
	       cmocka_unit_test(test_slice_select),
	       cmocka_unit_test(test_limit))

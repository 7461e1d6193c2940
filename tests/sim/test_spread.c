/*
 * test_spread.c - the summary of repeated measurements (median, range,
 * MAD, outliers) and the CPU a cap entitles a host's VMs to
 * (validate_entitled), and the totals of hosts replayed several times
 * (validate_runs_total), on cases worked out by hand below.
 */
#include "vmux_test.h"
#include "sim/measure/spread.h"
#include "sim/measure/validate.h"
#include "sim/measure/validate_runs.h"

#include <string.h>

/*
 * 1, 2, 3, 4, 100: median 3, range 1..100; deviations 2, 1, 0, 1, 97 ->
 * MAD 1 (1/3 of the median); only 100 lies beyond 3 MADs.
 */
static void test_spread_outlier(void **state)
{
	double x[] = {4, 100, 1, 3, 2};
	struct spread s;

	(void)state;
	spread_of(x, 5, &s);
	assert_int_equal(s.n, 5);
	assert_close(s.median, 3, 1e-12);
	assert_close(s.min, 1, 1e-12);
	assert_close(s.max, 100, 1e-12);
	assert_close(s.mad, 1, 1e-12);
	assert_close(s.rel_mad, 1.0 / 3, 1e-12);
	assert_int_equal(s.outliers, 1);
}

/* Identical runs: no spread, no outlier (the 1 % floor). Two runs: mean. */
static void test_spread_flat(void **state)
{
	double same[] = {5, 5, 5}, two[] = {4, 2};
	struct spread s;

	(void)state;
	spread_of(same, 3, &s);
	assert_close(s.mad, 0, 1e-12);
	assert_int_equal(s.outliers, 0);
	spread_of(two, 2, &s);
	assert_close(s.median, 3, 1e-12);
	assert_close(s.mad, 1, 1e-12);
	assert_int_equal(s.outliers, 0);
}

/*
 * Cap 1 core, 1 s: 0.2 + 0.3 s of need fit (0.5); two VMs of 0.8 s share
 * the core (1.0). Cap 1.5: two VMs of 2 s get 0.75 core each (1.5); 0.1
 * and 5 s: both at 0.75 until the small one is done at 0.1333 s, then the
 * big one alone at its one-core limit for 0.8667 s: 0.1 + 0.1 + 0.8667.
 */
static void test_entitled(void **state)
{
	double a[] = {0.3, 0.2}, b[] = {0.8, 0.8}, c[] = {2, 2}, d[] = {5, 0.1};

	(void)state;
	assert_close(validate_entitled(a, 2, 1, 1), 0.5, 1e-12);
	assert_close(validate_entitled(b, 2, 1, 1), 1.0, 1e-12);
	assert_close(validate_entitled(c, 2, 1.5, 1), 1.5, 1e-12);
	assert_close(validate_entitled(d, 2, 1.5, 1),
		     0.1 + 0.1 + (1 - 0.1 / 0.75), 1e-9);
}

static void run(struct validate_runs *h, int i, size_t over, double asked,
		double unmet, double used, size_t contaminated)
{
	struct validate_run *v = &h->run[i];

	v->r.slots = 10;
	v->r.vm_slots = 20;
	v->r.overloaded = over;
	v->r.asked = asked;
	v->r.unmet = unmet;
	v->r.contaminated = contaminated;
	v->m[VM_USED] = used;
	v->reliable = contaminated == 0;
	h->n = i + 1;
}

/*
 * Hosts A and B, 10 slots each, two runs. Run 0: A 2 overloaded slots,
 * 10 of 100 units unmet, B 1 and 5 of 50: total 3/20 = 0.15, unmet
 * 15/150 = 0.1, used 0.5 + 0.4 = 0.9. Run 1: A 4 and 20/100, B 0 and 0:
 * 4/20 = 0.2, 20/150, used 1.0. Medians 0.175, 0.11667, 0.95. Then B's
 * run 1 has a contaminated slot (1/10 > 1 %): run 1 of the total is not
 * reliable, and the total is run 0 alone.
 */
static void test_runs_total(void **state)
{
	struct validate_runs a, b, t;
	const struct validate_runs *sets[2] = {&a, &b};

	(void)state;
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	run(&a, 0, 2, 100, 10, 0.5, 0);
	run(&a, 1, 4, 100, 20, 0.7, 0);
	run(&b, 0, 1, 50, 5, 0.4, 0);
	run(&b, 1, 0, 50, 0, 0.3, 0);
	validate_runs_total(sets, 2, &t);
	assert_int_equal(t.n, 2);
	assert_int_equal(t.reliable, 2);
	assert_close(t.s[VM_OVERLOAD].median, 0.175, 1e-12);
	assert_close(t.s[VM_OVERLOAD].min, 0.15, 1e-12);
	assert_close(t.s[VM_OVERLOAD].max, 0.2, 1e-12);
	assert_close(t.s[VM_UNMET].median, (0.1 + 20.0 / 150) / 2, 1e-12);
	assert_close(t.s[VM_USED].median, 0.95, 1e-12);
	run(&b, 1, 0, 50, 0, 0.3, 1);
	validate_runs_total(sets, 2, &t);
	assert_int_equal(t.reliable, 1);
	assert_close(t.s[VM_OVERLOAD].median, 0.15, 1e-12);
	assert_close(t.s[VM_OVERLOAD].max, 0.15, 1e-12);
	assert_close(t.contaminated, 1.0 / 20, 1e-12);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_spread_outlier),
	       cmocka_unit_test(test_spread_flat),
	       cmocka_unit_test(test_entitled),
	       cmocka_unit_test(test_runs_total))

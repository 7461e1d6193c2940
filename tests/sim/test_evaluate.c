/*
 * test_evaluate.c - overload rate, unmet fraction and violations on a tiny
 * trace worked by hand, per host, per VM and in total; the rounding
 * tolerance; empty hosts and unplanned VMs; option checks.
 */
#include "vmux_test.h"
#include "trace_fixture.h"
#include "sim/plan/evaluate.h"

#include <errno.h>
#include <string.h>

/*
 * 4 VMs x 4 slots, cpu (cores) and mem (MiB); host capacity cpu 1, mem 100.
 * Host A = {v0, v1}, host B = {v2}, v3 unplanned.
 *
 *            slot:   0     1     2     3
 *   v0 cpu         0.5   0.8   0.0   0.0
 *   v1 cpu         0.4   0.6   1.1   0.3
 *   A  cpu D(s)    0.9   1.4   1.1   0.3   > 1 in slots 1, 2
 *   v0 mem          50    50    50    50
 *   v1 mem          40    60    40    40
 *   A  mem D(s)     90   110    90    90   > 100 in slot 1
 *   v2 cpu         0.7   0.7   0.7   0.7   never > 1
 *   v2 mem         120     0     0     0   > 100 in slot 0
 *   v3 cpu/mem       9     9     9     9   (not placed: ignored)
 *
 * Host A, cpu only: overloaded slots {1, 2}: rate 2/4 = 0.5.
 *   excess 0.4 + 0.1 = 0.5, demand 0.9 + 1.4 + 1.1 + 0.3 = 3.7,
 *   unmet 0.5 / 3.7. Violations: slot 1 v0 and v1 (both ask cpu), slot 2
 *   only v1 (v0 asks 0 cpu) = 3 of 8 VM-slots.
 *   Per VM shortfall x (D - cap) / D: v0 0.8 * 0.4 / 1.4 = 0.2285714;
 *   v1 0.6 * 0.4 / 1.4 + 1.1 * 0.1 / 1.1 = 0.2714286 (sum 0.5).
 * Host B, cpu only: no overload; demand 2.8.
 * Total, cpu only: 8 host-slots, 2 overloaded = 0.25; unmet 0.5 / 6.5;
 *   violations 3 / 12.
 * With mem too: A overloaded in {1, 2} (slot 1 on both), mem excess 10 of
 *   380; B overloaded in {0} on mem (excess 20 of 120), v2 violated there.
 *   Total: 3 / 8 host-slots overloaded, cpu unmet 0.5 / 6.5, mem unmet
 *   30 / 500, violations (3 + 1) / 12.
 */
static const double cpu[4][4] = {{0.5, 0.8, 0.0, 0.0},
				 {0.4, 0.6, 1.1, 0.3},
				 {0.7, 0.7, 0.7, 0.7},
				 {9, 9, 9, 9}};
static const double mem[4][4] = {
    {50, 50, 50, 50}, {40, 60, 40, 40}, {120, 0, 0, 0}, {9, 9, 9, 9}};
static const long host_of[4] = {0, 0, 1, -1};

static struct trace *tiny(void)
{
	struct trace *t;

	t = fx_dense(4, 4, 0, 300, RES_MASK(RES_CPU) | RES_MASK(RES_MEM));
	for (size_t v = 0; v < 4; v++) {
		fx_set(t, RES_CPU, v, cpu[v]);
		fx_set(t, RES_MEM, v, mem[v]);
	}
	return t;
}

static void test_cpu_only(void **state)
{
	struct trace *t = tiny();
	struct eval_opts o = {.first = 0, .nslots = 4};
	struct eval_stats h[2], tot;

	(void)state;
	o.cap[RES_CPU] = 1;
	assert_int_equal(eval_placement(t, host_of, 2, &o, h, &tot), 0);
	assert_int_equal(h[0].vms, 2);
	assert_int_equal(h[0].slots, 4);
	assert_int_equal(h[0].overloaded, 2);
	assert_close(eval_overload_rate(&h[0]), 0.5, 1e-12);
	assert_close(eval_unmet_fraction(&h[0], RES_CPU), 0.5 / 3.7, 1e-12);
	assert_int_equal(h[0].violated, 3);
	assert_close(eval_violation_rate(&h[0]), 3.0 / 8, 1e-12);
	assert_close(eval_overload_rate(&h[1]), 0, 0);
	assert_close(eval_unmet_fraction(&h[1], RES_CPU), 0, 0);
	assert_close(h[1].demand[RES_CPU], 2.8, 1e-12);
	assert_int_equal(tot.vms, 3);
	assert_int_equal(tot.slots, 8);
	assert_close(eval_overload_rate(&tot), 0.25, 1e-12);
	assert_close(eval_unmet_fraction(&tot, RES_CPU), 0.5 / 6.5, 1e-12);
	assert_close(eval_violation_rate(&tot), 3.0 / 12, 1e-12);
	trace_destroy(t);
}

static void test_cpu_and_mem(void **state)
{
	struct trace *t = tiny();
	struct eval_opts o = {.first = 0, .nslots = 4};
	struct eval_stats h[2], tot;

	(void)state;
	o.cap[RES_CPU] = 1;
	o.cap[RES_MEM] = 100;
	assert_int_equal(eval_placement(t, host_of, 2, &o, h, &tot), 0);
	assert_int_equal(h[0].overloaded, 2);
	assert_int_equal(h[0].over[RES_CPU], 2);
	assert_int_equal(h[0].over[RES_MEM], 1);
	assert_close(eval_unmet_fraction(&h[0], RES_MEM), 10.0 / 380, 1e-12);
	assert_int_equal(h[0].violated, 3);
	assert_int_equal(h[1].overloaded, 1);
	assert_int_equal(h[1].violated, 1);
	assert_close(eval_overload_rate(&tot), 3.0 / 8, 1e-12);
	assert_close(eval_overload_rate_res(&tot, RES_CPU), 2.0 / 8, 1e-12);
	assert_close(eval_overload_rate_res(&tot, RES_MEM), 2.0 / 8, 1e-12);
	assert_close(eval_unmet_fraction(&tot, RES_CPU), 0.5 / 6.5, 1e-12);
	assert_close(eval_unmet_fraction(&tot, RES_MEM), 30.0 / 500, 1e-12);
	assert_close(eval_violation_rate(&tot), 4.0 / 12, 1e-12);
	trace_destroy(t);
}

static void test_per_vm(void **state)
{
	struct trace *t = tiny();
	struct eval_opts o = {.first = 0, .nslots = 4};
	static const size_t vms[2] = {0, 1};
	struct eval_stats st;
	struct eval_vm pv[2];

	(void)state;
	o.cap[RES_CPU] = 1;
	assert_int_equal(eval_host(t, vms, 2, &o, &st, pv), 0);
	assert_int_equal(pv[0].violated, 1);
	assert_int_equal(pv[1].violated, 2);
	assert_close(pv[0].demand[RES_CPU], 1.3, 1e-12);
	assert_close(pv[1].demand[RES_CPU], 2.4, 1e-12);
	assert_close(pv[0].unmet[RES_CPU], 0.8 * 0.4 / 1.4, 1e-12);
	assert_close(pv[1].unmet[RES_CPU], 0.6 * 0.4 / 1.4 + 0.1, 1e-12);
	/* The split hands out exactly the excess. */
	assert_close(pv[0].unmet[RES_CPU] + pv[1].unmet[RES_CPU],
		     st.unmet[RES_CPU], 1e-12);
	trace_destroy(t);
}

/* Slots 1..2 only: A overloaded in both (cpu 1.4, 1.1), B in neither. */
static void test_window(void **state)
{
	struct trace *t = tiny();
	struct eval_opts o = {.first = 1, .nslots = 2};
	struct eval_stats h[2], tot;

	(void)state;
	o.cap[RES_CPU] = 1;
	assert_int_equal(eval_placement(t, host_of, 2, &o, h, &tot), 0);
	assert_int_equal(tot.slots, 4);
	assert_close(eval_overload_rate(&h[0]), 1, 0);
	/* (0.4 + 0.1) / (1.4 + 1.1) */
	assert_close(eval_unmet_fraction(&h[0], RES_CPU), 0.2, 1e-12);
	assert_close(eval_overload_rate(&tot), 0.5, 1e-12);
	trace_destroy(t);
}

/* 0.1 + 0.2 = 0.30000000000000004 in doubles: not an overload of 0.3. */
static void test_rounding_tolerance(void **state)
{
	struct trace *t;
	struct eval_opts o = {.first = 0, .nslots = 1};
	static const size_t vms[2] = {0, 1};
	struct eval_stats st;

	(void)state;
	t = fx_dense(2, 1, 0, 1, RES_MASK(RES_CPU));
	fx_set(t, RES_CPU, 0, (const double[]){0.1});
	fx_set(t, RES_CPU, 1, (const double[]){0.2});
	o.cap[RES_CPU] = 0.3;
	assert_int_equal(eval_host(t, vms, 2, &o, &st, NULL), 0);
	assert_int_equal(st.overloaded, 0);
	o.cap[RES_CPU] = 0.2999;
	assert_int_equal(eval_host(t, vms, 2, &o, &st, NULL), 0);
	assert_int_equal(st.overloaded, 1);
	assert_int_equal(st.violated, 2);
	trace_destroy(t);
}

static void test_empty_host(void **state)
{
	struct trace *t = tiny();
	struct eval_opts o = {.first = 0, .nslots = 4};
	struct eval_stats h[3], tot;

	(void)state;
	o.cap[RES_CPU] = 1;
	assert_int_equal(eval_placement(t, host_of, 3, &o, h, &tot), 0);
	assert_int_equal(h[2].vms, 0);
	assert_int_equal(h[2].slots, 0);
	assert_true(isnan(eval_overload_rate(&h[2])));
	assert_true(isnan(eval_unmet_fraction(&h[2], RES_CPU)));
	assert_true(isnan(eval_violation_rate(&h[2])));
	/* The empty host adds nothing to the total. */
	assert_int_equal(tot.slots, 8);
	assert_close(eval_overload_rate(&tot), 0.25, 1e-12);
	trace_destroy(t);
}

static void test_bad_options(void **state)
{
	struct trace *t = tiny(), *c;
	struct eval_opts o = {.first = 0, .nslots = 4};
	struct eval_stats h[2];
	static const long bad_host[4] = {0, 2, 1, -1};
	static const size_t bad_vm[1] = {4};

	(void)state;
	assert_int_equal(eval_check(t, &o), -EINVAL); /* nothing constrained */
	o.cap[RES_CPU] = 1;
	assert_int_equal(eval_check(t, &o), 0);
	o.nslots = 5;
	assert_int_equal(eval_check(t, &o), -EINVAL);
	o.first = 4;
	o.nslots = 1;
	assert_int_equal(eval_check(t, &o), -EINVAL);
	o.first = 0;
	o.cap[RES_NET] = 5; /* the trace has no net */
	assert_int_equal(eval_check(t, &o), -EINVAL);
	o.cap[RES_NET] = 0;
	o.cap[RES_MEM] = -1;
	assert_int_equal(eval_check(t, &o), -EINVAL);
	o.cap[RES_MEM] = 0;
	assert_int_equal(eval_placement(t, bad_host, 2, &o, h, NULL), -EINVAL);
	assert_int_equal(eval_host(t, bad_vm, 1, &o, h, NULL), -EINVAL);
	c = fx_dense(1, 1, 0, 1, RES_MASK(RES_CPU));
	o.cap[RES_MEM] = 100;
	assert_int_equal(eval_check(c, &o), -EINVAL);
	trace_destroy(c);
	trace_destroy(t);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_cpu_only),
	       cmocka_unit_test(test_cpu_and_mem),
	       cmocka_unit_test(test_per_vm), cmocka_unit_test(test_window),
	       cmocka_unit_test(test_rounding_tolerance),
	       cmocka_unit_test(test_empty_host),
	       cmocka_unit_test(test_bad_options))

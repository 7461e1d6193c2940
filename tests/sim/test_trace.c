/*
 * test_trace.c - the trace store: shape, names, rows, windows.
 */
#include "vmux_test.h"
#include "sim/store/trace.h"

#include <errno.h>

static void test_create_and_names(void **state)
{
	struct trace *t;

	(void)state;
	assert_int_equal(trace_create(3, 4, 100, 300,
				      RES_MASK(RES_CPU) | RES_MASK(RES_MEM),
				      &t),
			 0);
	assert_int_equal(trace_nvms(t), 3);
	assert_int_equal(trace_nslots(t), 4);
	assert_true(trace_has(t, RES_MEM));
	assert_false(trace_has(t, RES_NET));
	assert_null(trace_row(t, RES_NET, 0));
	assert_int_equal(trace_set_name(t, 0, "a b"), 0);
	assert_int_equal(trace_set_name(t, 1, "c,d"), 0);
	assert_int_equal(trace_set_name(t, 2, "a b"), -EEXIST);
	assert_int_equal(trace_find(t, "c,d"), 1);
	assert_int_equal(trace_find(t, "zz"), -1);
	trace_row(t, RES_CPU, 1)[3] = 2.5;
	assert_close(trace_crow(t, RES_CPU, 1)[3], 2.5, 0);
	assert_close(trace_crow(t, RES_MEM, 1)[3], 0, 0);
	trace_destroy(t);
	trace_destroy(NULL);
}

static void test_many_names(void **state)
{
	struct trace *t;
	char buf[32];

	(void)state;
	assert_int_equal(trace_create(5000, 1, 0, 1, RES_MASK(RES_CPU), &t), 0);
	for (int i = 0; i < 5000; i++) {
		snprintf(buf, sizeof(buf), "vm%d", i);
		assert_int_equal(trace_set_name(t, i, buf), 0);
	}
	for (int i = 0; i < 5000; i++) {
		snprintf(buf, sizeof(buf), "vm%d", i);
		assert_int_equal(trace_find(t, buf), i);
	}
	trace_destroy(t);
}

static void test_window(void **state)
{
	struct trace *t;
	size_t first, count;

	(void)state;
	/* Slots start at 100, 400, 700, 1000. */
	assert_int_equal(trace_create(1, 4, 100, 300, RES_MASK(RES_CPU), &t),
			 0);
	assert_int_equal(trace_window(t, 400, 1000, &first, &count), 0);
	assert_int_equal(first, 1);
	assert_int_equal(count, 2);
	assert_int_equal(trace_window(t, 401, 1e9, &first, &count), 0);
	assert_int_equal(first, 2);
	assert_int_equal(count, 2);
	assert_int_equal(trace_window(t, -INFINITY, INFINITY, &first, &count),
			 0);
	assert_int_equal(count, 4);
	assert_int_equal(trace_window(t, 2000, 3000, &first, &count), -ERANGE);
	trace_destroy(t);
}

static void test_bad_create(void **state)
{
	struct trace *t;

	(void)state;
	assert_int_equal(trace_create(1, 1, 0, 0, RES_MASK(RES_CPU), &t),
			 -EINVAL);
	assert_int_equal(trace_create(1, 1, 0, 1, RES_MASK(RES_MEM), &t),
			 -EINVAL);
}

/*
 * Unmeasured memory, 4 slots: VM 0 runs in 4, mem 0 in 2 (half: yes);
 * VM 1 runs in 4, mem 0 in 1 (no); VM 2 runs in 1 slot with mem 0 and
 * idles with mem 0 in 3 more (yes: only running slots count); VM 3 never
 * runs (no). Never for cpu, nor a resource the store lacks.
 */
static void test_unmeasured(void **state)
{
	static const double cpu[4][4] = {
	    {1, 1, 1, 1}, {1, 2, 3, 4}, {0, 0.5, 0, 0}, {0, 0, 0, 0}};
	static const double mem[4][4] = {
	    {0, 9, 0, 9}, {0, 9, 9, 9}, {0, 0, 0, 0}, {0, 0, 0, 0}};
	static const bool want[4] = {true, false, true, false};
	struct trace *t;

	(void)state;
	assert_int_equal(trace_create(4, 4, 0, 300,
				      RES_MASK(RES_CPU) | RES_MASK(RES_MEM),
				      &t),
			 0);
	for (size_t v = 0; v < 4; v++)
		for (size_t i = 0; i < 4; i++) {
			trace_row(t, RES_CPU, v)[i] = cpu[v][i];
			trace_row(t, RES_MEM, v)[i] = mem[v][i];
		}
	for (size_t v = 0; v < 4; v++) {
		if (trace_unmeasured(t, RES_MEM, v) != want[v])
			fail_msg("VM %zu: unmeasured %d", v, !want[v]);
		assert_false(trace_unmeasured(t, RES_CPU, v));
		assert_false(trace_unmeasured(t, RES_NET, v));
	}
	trace_destroy(t);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_create_and_names),
	       cmocka_unit_test(test_many_names), cmocka_unit_test(test_window),
	       cmocka_unit_test(test_bad_create),
	       cmocka_unit_test(test_unmeasured))

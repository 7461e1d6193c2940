/*
 * test_trace.c - the trace store: shape, names, spans, windows, reads,
 * provisioned sizes.
 */
#include "vmux_test.h"
#include "sim/store/fbuf.h"
#include "sim/store/trace.h"

#include <errno.h>

static void test_create_and_names(void **state)
{
	struct trace *t;
	size_t vm = 99, first, len;

	(void)state;
	assert_int_equal(trace_create(4, 100, 300,
				      RES_MASK(RES_CPU) | RES_MASK(RES_MEM),
				      &t),
			 0);
	assert_int_equal(trace_nvms(t), 0);
	assert_int_equal(trace_nslots(t), 4);
	assert_true(trace_has(t, RES_MEM));
	assert_false(trace_has(t, RES_NET));
	assert_int_equal(trace_add_vm(t, "a b", 0, 4, &vm), 0);
	assert_int_equal(vm, 0);
	assert_int_equal(trace_add_vm(t, "c,d", 1, 3, &vm), 0);
	assert_int_equal(vm, 1);
	assert_int_equal(trace_add_vm(t, "a b", 0, 1, NULL), -EEXIST);
	assert_int_equal(trace_add_vm(t, "e", 2, 3, NULL), -EINVAL);
	assert_int_equal(trace_add_vm(t, "e", 5, 0, NULL), -EINVAL);
	assert_int_equal(trace_nvms(t), 2);
	assert_null(trace_vals(t, RES_NET, 0));
	assert_int_equal(trace_find(t, "c,d"), 1);
	assert_int_equal(trace_find(t, "zz"), -1);
	trace_span(t, 1, &first, &len);
	assert_int_equal(first, 1);
	assert_int_equal(len, 3);
	assert_int_equal(trace_cells(t), 7);
	/* Slot 3 of VM 1 is its span's value 2. */
	trace_vals_mut(t, RES_CPU, 1)[2] = 2.5f;
	assert_close(trace_vals(t, RES_CPU, 1)[2], 2.5, 0);
	assert_close(trace_value(t, RES_CPU, 1, 3), 2.5, 0);
	assert_close(trace_value(t, RES_CPU, 1, 0), 0, 0);
	assert_close(trace_value(t, RES_MEM, 1, 3), 0, 0);
	assert_close(trace_value(t, RES_NET, 1, 3), 0, 0);
	trace_destroy(t);
	trace_destroy(NULL);
}

static void test_many_names(void **state)
{
	struct trace *t;
	char buf[32];

	(void)state;
	assert_int_equal(trace_create(1, 0, 1, RES_MASK(RES_CPU), &t), 0);
	for (int i = 0; i < 5000; i++) {
		snprintf(buf, sizeof(buf), "vm%d", i);
		assert_int_equal(trace_add_vm(t, buf, 0, (size_t)(i % 2), NULL),
				 0);
	}
	for (int i = 0; i < 5000; i++) {
		snprintf(buf, sizeof(buf), "vm%d", i);
		assert_int_equal(trace_find(t, buf), i);
	}
	assert_int_equal(trace_cells(t), 2500);
	trace_destroy(t);
}

/*
 * A VM spanning slots 2..4 of 6 holding 1, 2, 3: reads of windows that
 * cover it, cut it and miss it, worked by hand.
 */
static void test_read_and_overlap(void **state)
{
	struct trace *t;
	double x[8];
	size_t lo, hi;
	const float *p;
	double sc;
	float *v;

	(void)state;
	assert_int_equal(trace_create(6, 0, 300, RES_MASK(RES_CPU), &t), 0);
	assert_int_equal(trace_add_vm(t, "a", 2, 3, NULL), 0);
	v = trace_vals_mut(t, RES_CPU, 0);
	v[0] = 1;
	v[1] = 2;
	v[2] = 3;
	trace_read(t, RES_CPU, 0, 0, 6, x);
	assert_close(x[0] + x[1] + x[5], 0, 0);
	assert_close(x[2], 1, 0);
	assert_close(x[4], 3, 0);
	trace_read(t, RES_CPU, 0, 3, 5, x); /* past the grid: zeros */
	assert_close(x[0], 2, 0);
	assert_close(x[1], 3, 0);
	assert_close(x[2] + x[3] + x[4], 0, 0);
	trace_read(t, RES_MEM, 0, 0, 3, x);
	assert_close(x[0] + x[1] + x[2], 0, 0);
	p = trace_overlap(t, RES_CPU, 0, 1, 2, &lo, &hi, &sc);
	assert_int_equal(lo, 1);
	assert_int_equal(hi, 2);
	assert_close(p[0], 1, 0);
	p = trace_overlap(t, RES_CPU, 0, 4, 2, &lo, &hi, &sc);
	assert_int_equal(lo, 0);
	assert_int_equal(hi, 1);
	assert_close(p[0], 3, 0);
	trace_overlap(t, RES_CPU, 0, 5, 1, &lo, &hi, &sc);
	assert_int_equal(hi - lo, 0);
	assert_null(trace_overlap(t, RES_MEM, 0, 0, 6, &lo, &hi, &sc));
	assert_int_equal(hi - lo, 0);
	/* Raw 25 at 1 decimal is 2.5. */
	trace_set_scale(t, RES_CPU, 0, 1);
	v[1] = 25;
	assert_close(trace_value(t, RES_CPU, 0, 3), 2.5, 0);
	p = trace_overlap(t, RES_CPU, 0, 0, 6, &lo, &hi, &sc);
	assert_close(p[1] / sc, 2.5, 0);
	trace_read(t, RES_CPU, 0, 0, 6, x);
	assert_close(x[2], 0.1, 0);
	trace_destroy(t);
}

/*
 * Encoding: short decimals come back as exactly the double they read as;
 * 0.1 + 0.2 sums as it does in doubles; values needing more than 7 digits
 * (or below 1e-9) are the nearest floats.
 */
static void test_encode(void **state)
{
	static const double dec[4] = {0.1, 0.25, 12.5, 0};
	static const double wide[3] = {0.1, 835.5820312, 3};
	static const double tiny[2] = {1e-12, 1};
	float raw[4];

	(void)state;
	assert_int_equal(trace_encode(dec, 4, raw), 2);
	for (int i = 0; i < 4; i++)
		assert_true(raw[i] / 1e2 == dec[i]);
	assert_true(raw[0] / 1e2 + raw[1] / 1e2 == 0.1 + 0.25);
	assert_int_equal(trace_encode(wide, 3, raw), 0);
	assert_true(raw[1] == (float)835.5820312);
	assert_close(raw[1], 835.5820312, 835.5820312 * 6e-8);
	assert_int_equal(trace_encode(tiny, 2, raw), 0);
	assert_true(raw[0] == (float)1e-12);
	assert_int_equal(trace_encode(wide + 2, 1, raw), 0);
	assert_true(raw[0] == 3);
}

/* Values handed over are the store's; a large array is mapped. */
static void test_add_vals(void **state)
{
	size_t n = 200000; /* 800 kB: past FBUF_MAP_BYTES */
	float *v[RES_COUNT] = {fbuf_alloc(n), NULL, NULL, NULL};
	struct trace *t;

	(void)state;
	assert_non_null(v[0]);
	for (size_t i = 0; i < n; i++)
		v[0][i] = (float)(i % 7);
	v[0] = fbuf_resize(v[0], n, n + 1);
	assert_non_null(v[0]);
	v[0][n] = 5;
	assert_close(v[0][n - 1], (n - 1) % 7, 0);
	assert_int_equal(trace_create(n + 3, 0, 1, RES_MASK(RES_CPU), &t), 0);
	assert_int_equal(trace_add_vm_vals(t, "big", 2, n + 1, v, NULL), 0);
	assert_close(trace_value(t, RES_CPU, 0, 2 + 13), 13 % 7, 0);
	assert_close(trace_value(t, RES_CPU, 0, n + 2), 5, 0);
	trace_destroy(t);
}

static void test_provisioned(void **state)
{
	struct trace *t;

	(void)state;
	assert_int_equal(trace_create(1, 0, 1, RES_MASK(RES_CPU), &t), 0);
	assert_int_equal(trace_add_vm(t, "a", 0, 1, NULL), 0);
	assert_close(trace_provisioned(t, RES_CPU, 0), 0, 0);
	trace_set_provisioned(t, RES_CPU, 0, 8);
	trace_set_provisioned(t, RES_MEM, 0, 16384);
	trace_set_provisioned(t, RES_NET, 0, 3);
	assert_close(trace_provisioned(t, RES_CPU, 0), 8, 0);
	assert_close(trace_provisioned(t, RES_MEM, 0), 16384, 0);
	assert_close(trace_provisioned(t, RES_NET, 0), 0, 0);
	assert_close(trace_provisioned(t, RES_CPU, 1), 0, 0);
	trace_destroy(t);
}

static void test_window(void **state)
{
	struct trace *t;
	size_t first, count;

	(void)state;
	/* Slots start at 100, 400, 700, 1000. */
	assert_int_equal(trace_create(4, 100, 300, RES_MASK(RES_CPU), &t), 0);
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
	assert_int_equal(trace_create(1, 0, 0, RES_MASK(RES_CPU), &t), -EINVAL);
	assert_int_equal(trace_create(1, 0, 1, RES_MASK(RES_MEM), &t), -EINVAL);
}

/*
 * Unmeasured memory, 4 slots: VM 0 runs in 4, mem 0 in 2 (half: yes);
 * VM 1 runs in 4, mem 0 in 1 (no); VM 2 runs in 1 slot with mem 0 and
 * idles with mem 0 in 3 more (yes: only running slots count); VM 3 never
 * runs (no). Never for cpu, nor a resource the store lacks.
 */
static void test_unmeasured(void **state)
{
	static const float cpu[4][4] = {
	    {1, 1, 1, 1}, {1, 2, 3, 4}, {0, 0.5, 0, 0}, {0, 0, 0, 0}};
	static const float mem[4][4] = {
	    {0, 9, 0, 9}, {0, 9, 9, 9}, {0, 0, 0, 0}, {0, 0, 0, 0}};
	static const bool want[4] = {true, false, true, false};
	struct trace *t;
	char name[8];

	(void)state;
	assert_int_equal(
	    trace_create(4, 0, 300, RES_MASK(RES_CPU) | RES_MASK(RES_MEM), &t),
	    0);
	for (size_t v = 0; v < 4; v++) {
		snprintf(name, sizeof(name), "v%zu", v);
		assert_int_equal(trace_add_vm(t, name, 0, 4, NULL), 0);
		memcpy(trace_vals_mut(t, RES_CPU, v), cpu[v], sizeof(cpu[v]));
		memcpy(trace_vals_mut(t, RES_MEM, v), mem[v], sizeof(mem[v]));
	}
	for (size_t v = 0; v < 4; v++) {
		if (trace_unmeasured(t, RES_MEM, v) != want[v])
			fail_msg("VM %zu: unmeasured %d", v, !want[v]);
		assert_false(trace_unmeasured(t, RES_CPU, v));
		assert_false(trace_unmeasured(t, RES_NET, v));
	}
	trace_destroy(t);
}

/* A VM's absences inside its span: kept as given, refused when a run
 * leaves the span, overlaps the one before or is empty. */
static void test_absent(void **state)
{
	struct trace *t;
	const size_t *got;
	size_t ok[] = {3, 2, 6, 1}, out[] = {3, 2, 6, 3}, back[] = {3, 2, 4, 1},
	       empty[] = {3, 0}, past[] = {9, 1};

	(void)state;
	assert_int_equal(trace_create(10, 0, 300, RES_MASK(RES_CPU), &t), 0);
	assert_int_equal(trace_add_vm(t, "a", 2, 6, NULL), 0); /* slots 2-7 */
	assert_int_equal(trace_absent(t, 0, &got), 0);
	assert_int_equal(trace_set_absent(t, 0, ok, 2), 0);
	assert_int_equal(trace_absent(t, 0, &got), 2);
	assert_memory_equal(got, ok, sizeof(ok));
	assert_int_equal(trace_set_absent(t, 0, out, 2), -EINVAL);
	assert_int_equal(trace_set_absent(t, 0, back, 2), -EINVAL);
	assert_int_equal(trace_set_absent(t, 0, empty, 1), -EINVAL);
	assert_int_equal(trace_set_absent(t, 0, past, 1), -EINVAL);
	assert_int_equal(trace_set_absent(t, 1, ok, 1), -EINVAL);
	assert_int_equal(trace_absent(t, 0, &got), 2); /* unchanged */
	assert_int_equal(trace_set_absent(t, 0, ok, 0), 0);
	assert_int_equal(trace_absent(t, 0, &got), 0);
	trace_destroy(t);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_create_and_names),
	       cmocka_unit_test(test_absent), cmocka_unit_test(test_many_names),
	       cmocka_unit_test(test_read_and_overlap),
	       cmocka_unit_test(test_add_vals), cmocka_unit_test(test_encode),
	       cmocka_unit_test(test_provisioned),
	       cmocka_unit_test(test_window), cmocka_unit_test(test_bad_create),
	       cmocka_unit_test(test_unmeasured))

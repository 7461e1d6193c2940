/*
 * test_groups.c - a parsed text's records grouped by VM name
 * (sim/store/groups.h): each name's records in file order, and whether
 * its times are whole seconds at one gap; and the names of a time-sorted
 * text of many VMs, which rows_parse() stops looking up when the first
 * rows name mostly different VMs and looks up again once the rows cycle
 * (sim/store/rows.c). Expected groups are worked out by hand beside each
 * text.
 */
#include "vmux_test.h"
#include "sim/store/groups.h"
#include "sim/store/rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Parse TEXT (time,vm,cpu rows) into *O: every line taken. */
static void parse(const char *text, struct rows_out *o, char **buf)
{
	struct rows_format f = {.ncols = 3, .nvals = 1, .vm = 1};
	size_t n = strlen(text);

	f.kind[0] = ROWS_TIME;
	f.kind[1] = ROWS_VM;
	f.kind[2] = ROWS_VALUE;
	f.res[2] = RES_CPU;
	f.limit[0] = f.limit[2] = 1e12;
	*buf = strdup(text);
	assert_non_null(*buf);
	memset(o, 0, sizeof(*o));
	while (o->cap < n) /* room for every line */
		assert_true(rows_out_grow(o, 1));
	rows_out_reset(o);
	rows_parse(&f, *buf, n, n, o);
	assert_false(o->stopped);
	assert_int_equal(o->bytes, n);
}

/* Name K of O is NAME, with the records WANT[0..M) in that order. */
static void assert_group(const struct rows_out *o, const struct groups *g,
			 size_t k, const char *name, const uint32_t *want,
			 size_t m)
{
	assert_string_equal(o->names[k].s, name);
	assert_int_equal(g->start[k + 1] - g->start[k], m);
	for (size_t j = 0; j < m; j++)
		assert_int_equal(g->order[g->start[k] + j], want[j]);
}

static void test_groups_by_name(void **state)
{
	/* records 0..6: a 0, b 0, a 300, c 0.5, a 600, b 300, b 900 */
	static const char text[] = "0,a,1\n0,b,2\n300,a,3\n0.5,c,4\n"
				   "600,a,5\n300,b,6\n900,b,7\n";
	static const uint32_t a[] = {0, 2, 4}, b[] = {1, 5, 6}, c[] = {3};
	struct rows_out o;
	struct groups g = {0};
	char *buf;

	(void)state;
	parse(text, &o, &buf);
	assert_int_equal(o.nnames, 3);
	assert_true(groups_build(&g, &o));
	assert_true(g.valid);
	assert_group(&o, &g, 0, "a", a, 3);
	assert_group(&o, &g, 1, "b", b, 3);
	assert_group(&o, &g, 2, "c", c, 1);
	/* a: 0, 300, 600 at one gap; b: 0, 300, 900 is not; c: not whole */
	assert_true(g.run[0].regular);
	assert_true(g.run[0].t0 == 0);
	assert_int_equal(g.run[0].g, 300);
	assert_false(g.run[1].regular);
	assert_false(g.run[2].regular);
	groups_free(&g);
	rows_out_free(&o);
	free(buf);
}

static void test_groups_one_time_and_backwards(void **state)
{
	/* d: one whole time (regular, gap 0); e: 600 then 300 (backwards) */
	static const char text[] = "300,d,1\n600,e,2\n300,e,3\n";
	struct rows_out o;
	struct groups g = {0};
	char *buf;

	(void)state;
	parse(text, &o, &buf);
	assert_true(groups_build(&g, &o));
	assert_true(g.run[0].regular);
	assert_true(g.run[0].t0 == 300);
	assert_int_equal(g.run[0].g, 0);
	assert_false(g.run[1].regular);
	groups_free(&g);
	rows_out_free(&o);
	free(buf);
}

/*
 * 300 VMs x 3 slots in time order: the first 256 rows name 256 VMs, so
 * from row 256 on names are taken one per record (v256..v299); at row 300
 * the first VM comes again and names are looked up from there on (v0..v299
 * found again): 300 names, not one per record, each VM's records in file
 * order.
 */
static void test_names_cycle(void **state)
{
	size_t len = 0, cap = 300 * 3 * 24;
	char *text = malloc(cap), *buf;
	struct rows_out o;
	struct groups g = {0};

	(void)state;
	assert_non_null(text);
	for (int s = 0; s < 3; s++)
		for (int v = 0; v < 300; v++)
			len += (size_t)snprintf(text + len, cap - len,
						"%d,v%d,%d\n", s * 300, v, v);
	parse(text, &o, &buf);
	assert_int_equal(o.n, 900);
	assert_int_equal(o.nnames, 300);
	assert_true(groups_build(&g, &o));
	for (size_t k = 0; k < 300; k++) {
		uint32_t want[3] = {(uint32_t)k, (uint32_t)k + 300,
				    (uint32_t)k + 600};
		char name[8];

		snprintf(name, sizeof(name), "v%zu", k);
		assert_group(&o, &g, k, name, want, 3);
		assert_true(g.run[k].regular);
		assert_int_equal(g.run[k].g, 300);
	}
	groups_free(&g);
	rows_out_free(&o);
	free(buf);
	free(text);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_groups_by_name),
	       cmocka_unit_test(test_groups_one_time_and_backwards),
	       cmocka_unit_test(test_names_cycle))

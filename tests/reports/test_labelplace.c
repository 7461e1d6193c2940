/*
 * test_labelplace.c - the frontier chart's point labels: the demo's
 * frontier (four policies, seven levels each, 20 to 49 hosts: points close
 * together around 21-25 hosts, where the labels lay on one another) drawn
 * at the chart's scale, then points on top of one another. No two label
 * boxes may intersect, each box estimated here from the text's length x
 * the font size (not the module's own sizes), and the best point and
 * every line's ends keep their label.
 */
#include "vmux_test.h"
#include "reports/labelplace.h"

#define FONT 8.0

static const struct labelplace_geom geom = {.left = 70,
					    .top = 40,
					    .right = 780,
					    .bottom = 390,
					    .font = FONT,
					    .marker = 5};

/* No two shown labels of IT[N] intersect, on boxes of strlen x 0.75 x
   FONT by 1.4 x FONT at their centres; and each lies in the plot area. */
static void assert_apart(const struct labelplace_item *it, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		double wi = (double)strlen(it[i].text) * 0.75 * FONT;
		double hi = 1.4 * FONT;

		if (!it[i].shown)
			continue;
		assert_true(it[i].box.x - wi / 2 >= geom.left - 1e-9);
		assert_true(it[i].box.x + wi / 2 <= geom.right + 1e-9);
		assert_true(it[i].box.y - hi / 2 >= geom.top - 1e-9);
		assert_true(it[i].box.y + hi / 2 <= geom.bottom + 1e-9);
		for (size_t j = i + 1; j < n; j++) {
			double wj = (double)strlen(it[j].text) * 0.75 * FONT;
			bool x = fabs(it[i].box.x - it[j].box.x) <
				 (wi + wj) / 2 - 1e-9;
			bool y = fabs(it[i].box.y - it[j].box.y) < hi - 1e-9;

			if (x && y)
				fail_msg("labels %zu '%s' and %zu '%s' "
					 "intersect",
					 i, it[i].text, j, it[j].text);
		}
	}
}

/* The demo's frontier: hosts and out-of-sample overload (%) per policy
   (separate, sbp, joint, robust) at P80, 85, 90, 92.5, 95, 97.5, 99. */
static const double hosts[4][7] = {{23, 24, 27, 29, 31, 37, 49},
				   {21, 22, 23, 24, 25, 27, 29},
				   {20, 21, 22, 24, 25, 26, 29},
				   {21, 22, 23, 24, 26, 30, 36}};
static const double over[4][7] = {{5.10, 3.40, 2.20, 1.76, 1.11, 0.54, 0.19},
				  {10.30, 6.76, 5.13, 4.02, 2.93, 2.15, 1.51},
				  {12.93, 8.68, 7.13, 5.19, 3.83, 2.59, 1.47},
				  {8.99, 5.35, 4.12, 3.37, 2.12, 1.02, 0.35}};
static const char *const level[7] = {"P80", "P85",   "P90", "P92.5",
				     "P95", "P97.5", "P99"};

static void test_demo_frontier(void **state)
{
	struct labelplace_item it[28];
	size_t n = 0, shown = 0;

	(void)state;
	/* x from 19 to 50 hosts, y from 0 to 16.16 %, as the chart. */
	for (int p = 0; p < 4; p++)
		for (int k = 0; k < 7; k++)
			it[n++] = (struct labelplace_item){
			    .px = 70 + (hosts[p][k] - 19) / 31 * 710,
			    .py = 390 - over[p][k] / 16.16 * 350,
			    .text = level[k],
			    /* the ends; the best point: robust P90, 23 */
			    .keep = k == 0 || k == 6 || (p == 3 && k == 2)};
	labelplace_run(it, n, &geom);
	assert_apart(it, n);
	for (size_t i = 0; i < n; i++) {
		if (it[i].keep)
			assert_true(it[i].shown);
		shown += it[i].shown;
	}
	/* Most still carry a label: skipping is the exception. */
	assert_true(shown >= 20);
}

/* Points on one spot: the kept labels find room around it, the others
   are left out rather than laid on them. */
static void test_same_spot(void **state)
{
	struct labelplace_item it[12];
	size_t k = 0;

	(void)state;
	for (size_t i = 0; i < 12; i++)
		it[i] = (struct labelplace_item){
		    .px = 300, .py = 200, .text = "P97.5", .keep = i < 3};
	labelplace_run(it, 12, &geom);
	assert_apart(it, 12);
	for (size_t i = 0; i < 3; i++)
		assert_true(it[i].shown);
	/* 8 spots around a point, and far ones for kept labels only. */
	for (size_t i = 3; i < 12; i++)
		k += it[i].shown;
	assert_true(k <= 8);
}

/* A label that would leave the plot area goes to another side. */
static void test_edges(void **state)
{
	struct labelplace_item it = {
	    .px = 775, .py = 45, .text = "P99", .keep = true};

	(void)state;
	labelplace_run(&it, 1, &geom);
	assert_true(it.shown);
	assert_apart(&it, 1);
	assert_true(it.box.x < it.px && it.box.y > it.py);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_demo_frontier),
	       cmocka_unit_test(test_same_spot), cmocka_unit_test(test_edges))

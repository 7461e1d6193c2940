/*
 * test_frontiercsv.c - frontier CSV: policies numbered in order of first
 * appearance, optional columns, bad data, and the best point per policy
 * under a target (hand-checked).
 */
#include "report_fixture.h"
#include "reports/frontiercsv.h"

#include <errno.h>

#define read_text(TEXT, OUT) fx_read(TEXT, frontiercsv_read, OUT)

static void test_best(void **state)
{
	struct frontiercsv *f;
	const struct frontiercsv_row *b;

	(void)state;
	assert_int_equal(read_text("policy,percentile,hosts,overload_rate,"
				   "unmet_fraction,violation_rate\n"
				   "robust,90,10,0.06,0.01,0.05\n"
				   "separate,90,13,0.045,0.01,0.04\n"
				   "robust,95,12,0.04,0.01,0.03\n"
				   "robust,97,14,0.01,0,0.01\n"
				   "separate,95,15,0.02,0,0.02\n"
				   "robust,96,12,0.03,0,0.02\n",
				   &f),
			 0);
	assert_int_equal(f->nrows, 6);
	assert_int_equal(f->npolicies, 2);
	assert_string_equal(f->policy[0], "robust");
	assert_string_equal(f->policy[1], "separate");
	assert_int_equal(f->row[1].policy_id, 1);
	/* At 5 %: robust's fewest hosts is 12, twice; the lower overload
	 * (line 7) wins. separate: 13 hosts at 4.5 %. */
	b = frontiercsv_best(f, 0, 0.05);
	assert_non_null(b);
	assert_int_equal(b->hosts, 12);
	assert_int_equal(b->line, 7);
	assert_close(b->percentile, 96, 0);
	b = frontiercsv_best(f, 1, 0.05);
	assert_int_equal(b->hosts, 13);
	/* At 1 %: robust 14; separate none. */
	assert_int_equal(frontiercsv_best(f, 0, 0.01)->hosts, 14);
	assert_null(frontiercsv_best(f, 1, 0.01));
	frontiercsv_destroy(f);

	/* Only the required columns. */
	assert_int_equal(read_text("hosts,policy,overload_rate\n3,a,0.5\n", &f),
			 0);
	assert_true(isnan(f->row[0].percentile));
	assert_true(isnan(f->row[0].unmet));
	assert_string_equal(f->row[0].seed, "");
	frontiercsv_destroy(f);

	/* The seed as written, up to 2^64 - 1; empty where not given. */
	assert_int_equal(read_text("policy,hosts,overload_rate,seed\n"
				   "a,3,0.5,7\na,4,0.2,18446744073709551615\n"
				   "a,5,0.1,\n",
				   &f),
			 0);
	assert_string_equal(f->row[0].seed, "7");
	assert_string_equal(f->row[1].seed, "18446744073709551615");
	assert_string_equal(f->row[2].seed, "");
	frontiercsv_destroy(f);
	frontiercsv_destroy(NULL);
}

/* The coverage columns: counts as written; absent or empty, unknown
   (an older vmux), never 0. */
static void test_cover(void **state)
{
	static const struct fx_bad bad[] = {
	    {"a,2,0.1,5,1.5,0\n", ":2: field 'missing': 1.5 is not a whole"},
	    {"a,2,0.1,5,-1,0\n", ":2: field 'missing': -1 is outside"},
	    {"a,2,0.1,5,0x1,0\n",
	     ":2: field 'missing': '0x1' is not a decimal number"},
	    {"a,2,0.1,5,,0\n", ":2: field 'missing': empty or absent where "
			       "'vms' is not"},
	    {"a,2,0.1,,,0\n", ":2: field 'vms': empty or absent where "
			      "'not_planned' is not"},
	};
	struct frontiercsv *f;

	(void)state;
	assert_int_equal(
	    read_text("policy,hosts,overload_rate,vms,missing,not_planned\n"
		      "a,3,0.5,108,27,7\na,4,0.2,,,\n",
		      &f),
	    0);
	assert_true(f->row[0].cover);
	assert_int_equal(f->row[0].vms, 108);
	assert_int_equal(f->row[0].missing, 27);
	assert_int_equal(f->row[0].not_planned, 7);
	assert_false(f->row[1].cover);
	frontiercsv_destroy(f);
	assert_int_equal(read_text("policy,hosts,overload_rate\na,3,0.5\n", &f),
			 0);
	assert_false(f->row[0].cover);
	frontiercsv_destroy(f);
	fx_bad_data(frontiercsv_read, f,
		    "policy,hosts,overload_rate,vms,missing,not_planned\n",
		    bad);
	assert_int_equal(
	    read_text("policy,hosts,overload_rate,vms\na,3,0.5,4\n", &f),
	    -EBADMSG);
	assert_msg(":2: field 'missing': empty or absent where 'vms' is not");
}

/* A point with no host (vmux frontier writes one where no VM fits on a
 * host: no plan, its rates empty) is read, and never a policy's best. */
static void test_no_host(void **state)
{
	struct frontiercsv *f;

	(void)state;
	assert_int_equal(read_text("policy,percentile,hosts,overload_rate,"
				   "unmet_fraction,violation_rate\n"
				   "joint,99,0,,,\n"
				   "joint,95,3,0.02,0.001,0.01\n"
				   "sep,95,0,,,\n",
				   &f),
			 0);
	assert_int_equal(f->nrows, 3);
	assert_int_equal(f->row[0].hosts, 0);
	assert_true(isnan(f->row[0].overload));
	assert_true(isnan(f->row[0].unmet));
	assert_int_equal(frontiercsv_best(f, 0, 0.05)->hosts, 3);
	assert_null(frontiercsv_best(f, 1, 0.05));
	assert_null(frontiercsv_best(f, 1, 1));
	assert_int_equal(frontiercsv_noplan(f), 2);
	frontiercsv_destroy(f);
}

/* A point that leaves more VMs unplaced hosts fewer VMs: its hosts are
 * not comparable (joint P99 on 0.3-core hosts: 169 hosts, 493 of 1052 VMs
 * unplaced, against 242 hosts and 279 at P95). Among the points meeting
 * the target, the best places the most VMs, then uses the fewest hosts. */
static void test_unplaced(void **state)
{
	struct frontiercsv *f;

	(void)state;
	assert_int_equal(read_text("policy,percentile,hosts,unplaced,"
				   "overload_rate\n"
				   "joint,95,242,279,0.023\n"
				   "joint,99,169,493,0.009\n"
				   "sep,99,282,493,0.004\n"
				   "sep,95,313,279,0.015\n"
				   "x,95,0,1052,\n",
				   &f),
			 0);
	assert_true(f->row[1].unplaced_known);
	assert_int_equal(f->row[1].unplaced, 493);
	assert_int_equal(frontiercsv_best(f, 0, 0.05)->hosts, 242);
	assert_int_equal(frontiercsv_best(f, 1, 0.05)->hosts, 313);
	/* At 1 % only P99 meets the target. */
	assert_int_equal(frontiercsv_best(f, 0, 0.01)->hosts, 169);
	assert_int_equal(frontiercsv_best(f, 1, 0.001 + 0.003)->hosts, 282);
	assert_null(frontiercsv_best(f, 1, 0.003));
	frontiercsv_destroy(f);
	/* Without the column: unknown, hosts alone compared. */
	assert_int_equal(read_text("policy,hosts,overload_rate\na,3,0.01\n"
				   "a,2,0.02\n",
				   &f),
			 0);
	assert_false(f->row[0].unplaced_known);
	assert_int_equal(frontiercsv_best(f, 0, 0.05)->hosts, 2);
	frontiercsv_destroy(f);
	/* Bad: not a count. */
	assert_int_equal(read_text("policy,hosts,unplaced,overload_rate\n"
				   "a,3,1.5,0.01\n",
				   &f),
			 -EBADMSG);
	assert_msg(":2: field 'unplaced': 1.5 is not a whole number");
}

static void test_bad_data(void **state)
{
	static const struct fx_bad cases[] = {
	    {"a,0,0.1\n", ":2: field 'overload_rate': 0.1 over no host: a "
			  "point with no host (no plan) has no rate"},
	    {"a,2,\n", ":2: field 'overload_rate': empty: a number is "
		       "required"},
	    {"a,2,0.1\n\"\",3,0.1\n", ":3: field 'policy': empty policy name"},
	};
	static const struct fx_bad seeds[] = {
	    {"a,2,0.1,x\n", ":2: field 'seed': 'x' is not an integer"},
	    {"a,2,0.1,-1\n", ":2: field 'seed': '-1' is not an integer"},
	    {"a,2,0.1,1.5\n", ":2: field 'seed': '1.5' is not an integer"},
	    {"a,2,0.1,18446744073709551616\n",
	     ":2: field 'seed': '18446744073709551616' is not an integer in "
	     "[0, 2^64-1]"},
	};
	struct frontiercsv *f;

	(void)state;
	fx_bad_data(frontiercsv_read, f, "policy,hosts,overload_rate\n", cases);
	fx_bad_data(frontiercsv_read, f, "policy,hosts,overload_rate,seed\n",
		    seeds);
	assert_int_equal(read_text("policy,hosts,overload_rate,percentile\n"
				   "a,2,0.1,100.5\n",
				   &f),
			 -EBADMSG);
	assert_msg(":2: field 'percentile': 100.5 is outside");
	assert_int_equal(read_text("policy,hosts\na,2\n", &f), -EBADMSG);
	assert_msg(":1: field 'overload_rate': missing column");
}

VMUX_TEST_MAIN(cmocka_unit_test(test_best), cmocka_unit_test(test_cover),
	       cmocka_unit_test(test_no_host), cmocka_unit_test(test_unplaced),
	       cmocka_unit_test(test_bad_data))

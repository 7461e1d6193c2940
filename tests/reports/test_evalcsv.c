/*
 * test_evalcsv.c - reading `vmux evaluate --csv` output back: values,
 * optional columns, empty rates of an empty host, and bad data.
 */
#include "report_fixture.h"
#include "reports/evalcsv.h"

#include <errno.h>

#define read_text(TEXT, OUT) fx_read(TEXT, evalcsv_read, OUT)

static void test_evaluate_output(void **state)
{
	struct evalcsv *e;

	(void)state;
	/* As vmux evaluate writes it, with a host whose VMs are missing. */
	assert_int_equal(
	    read_text("host,vms,missing,slots,overload_rate,unmet_fraction,"
		      "violation_rate\n"
		      "0,1,0,288,0.000000,0.000000,0.000000\n"
		      "1,3,0,288,0.024306,0.013759,0.023148\n"
		      "x,0,2,0,,,\n"
		      "total,4,2,576,0.012153,0.011000,0.017361\n",
		      &e),
	    0);
	assert_int_equal(e->nhosts, 3);
	assert_string_equal(e->host[1].host, "1");
	assert_int_equal(e->host[1].vms, 3);
	assert_int_equal(e->host[1].slots, 288);
	assert_int_equal(e->host[1].line, 3);
	assert_close(e->host[1].overload, 0.024306, 0);
	assert_close(e->host[1].unmet, 0.013759, 0);
	assert_close(e->host[1].violation, 0.023148, 0);
	assert_true(isnan(e->host[2].overload));
	assert_close(e->host[2].missing, 2, 0);
	assert_string_equal(e->total.host, "total");
	assert_int_equal(e->total.slots, 576);
	evalcsv_destroy(e);

	/* Only the required columns, in another order. */
	assert_int_equal(read_text("overload_rate,host,unmet_fraction,slots,"
				   "vms\n0.5,h,0.1,4,2\n0.5,total,0.1,4,2\n",
				   &e),
			 0);
	assert_true(isnan(e->host[0].violation));
	assert_true(isnan(e->host[0].missing));
	evalcsv_destroy(e);
	evalcsv_destroy(NULL);
}

static void test_bad_data(void **state)
{
	static const char head[] = "host,vms,slots,overload_rate,"
				   "unmet_fraction\n";
	static const struct fx_bad cases[] = {
	    {"a,1,4,1.5,0\ntotal,1,4,1,0\n",
	     ":2: field 'overload_rate': 1.5 is outside [0, 1]"},
	    {"a,1,4,,0\ntotal,1,4,0,0\n", ":2: field 'overload_rate': empty"},
	    {"a,1.5,4,0,0\ntotal,1,4,0,0\n",
	     ":2: field 'vms': 1.5 is not a whole number"},
	    {"a,1,4,0,0\n", ":2: field 'host': the last row must be the "
			    "'total' row"},
	    {"a,1,4,0,0\na,1,4,0,0\ntotal,2,8,0,0\n",
	     ":3: field 'host': 'a' appears twice"},
	};
	struct evalcsv *e;

	(void)state;
	fx_bad_data(evalcsv_read, e, head, cases);
	assert_int_equal(read_text("host,vms,slots\na,1,2\n", &e), -EBADMSG);
	assert_msg("missing column 'overload_rate'");
}

VMUX_TEST_MAIN(cmocka_unit_test(test_evaluate_output),
	       cmocka_unit_test(test_bad_data))

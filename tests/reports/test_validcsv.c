/*
 * test_validcsv.c - reading `vmux validate --csv` output back.
 */
#include "report_fixture.h"
#include "reports/validcsv.h"

#include <errno.h>

static const char head[] =
    "host,vms,capacity,scale,slots,predicted_overload,measured_overload,"
    "predicted_unmet,measured_unmet,predicted_violation,measured_violation,"
    "predicted_saving,measured_saving\n";

static int read_rows(const char *rows, struct validcsv **v)
{
	char text[1024];

	snprintf(text, sizeof(text), "%s%s", head, rows);
	return fx_read(text, validcsv_read, v);
}

static void test_validate_output(void **state)
{
	struct validcsv *v;

	(void)state;
	/* As vmux validate wrote it for host 5 of the PlanetLab plan. */
	assert_int_equal(
	    read_rows("5,3,1,1,144,0.027778,0.006944,0.004156,0.002317,"
		      "0.020833,0.006944,0.107843,0.107837\n"
		      "total,3,1,0,144,0.027778,0.006944,0.004156,0.002317,"
		      "0.020833,0.006944,0.107843,0.107837\n",
		      &v),
	    0);
	assert_int_equal(v->nhosts, 1);
	assert_string_equal(v->host[0].host, "5");
	assert_int_equal(v->host[0].vms, 3);
	assert_int_equal(v->host[0].slots, 144);
	assert_close(v->host[0].capacity, 1, 0);
	assert_close(v->host[0].predicted[VALID_OVERLOAD], 0.027778, 0);
	assert_close(v->host[0].measured[VALID_OVERLOAD], 0.006944, 0);
	assert_close(v->host[0].measured[VALID_UNMET], 0.002317, 0);
	assert_close(v->host[0].predicted[VALID_VIOLATION], 0.020833, 0);
	assert_close(v->host[0].measured[VALID_SAVING], 0.107837, 0);
	assert_close(v->total.scale, 0, 0);
	assert_string_equal(validcsv_metric_name(VALID_UNMET), "unmet");
	validcsv_destroy(v);

	/* Savings may be negative or empty. */
	assert_int_equal(read_rows("a,2,1.5,0.5,10,0,0,0,0,0,0,-0.2,\n"
				   "total,2,1.5,0,10,0,0,0,0,0,0,-0.2,\n",
				   &v),
			 0);
	assert_close(v->host[0].predicted[VALID_SAVING], -0.2, 0);
	assert_true(isnan(v->host[0].measured[VALID_SAVING]));
	validcsv_destroy(v);
	validcsv_destroy(NULL);
}

static void test_bad_data(void **state)
{
	static const struct fx_bad cases[] = {
	    {"a,2,0,1,10,0,0,0,0,0,0,0,0\ntotal,2,0,0,10,0,0,0,0,0,0,0,0\n",
	     ":2: field 'capacity': 0 is outside"},
	    {"a,2,1,1,10,0,2,0,0,0,0,0,0\ntotal,2,1,0,10,0,0,0,0,0,0,0,0\n",
	     ":2: field 'measured_overload': 2 is outside [0, 1]"},
	    {"a,2,1,1,10,0,0,0,0,0,0,0,0\n",
	     "the last row must be the 'total' row"},
	};
	struct validcsv *v;

	(void)state;
	fx_bad_data(validcsv_read, v, head, cases);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_validate_output),
	       cmocka_unit_test(test_bad_data))

/*
 * test_benchcsv.c - reading `vmux bench --csv` output, the lecture's
 * claims, and which rows stand for each resource and style.
 */
#include "report_fixture.h"
#include "reports/benchcsv.h"

#include <errno.h>

#define read_text(TEXT, OUT) fx_read(TEXT, benchcsv_read, OUT)

/* Rows of a `vmux bench --quick --csv` run on this kind of machine. */
static const char bench[] =
    "workload,style,variant,accel,native_s,guest_s,overhead_pct,"
    "overhead_lo_pct,overhead_hi_pct,exits,per_op_ns,native_op_ns,noisy\n"
    "cpu,hw,int,kvm,0.0138,0.0139,0.763,-7.309,1.255,5,2.79,2.77,0\n"
    "priv,full,pio 1/10000,kvm,0.014,0.027,94.851,92.702,95.702,505,1,1,0\n"
    "priv,full,pio 1/100000,kvm,0.014,0.015,11.626,10.566,11.849,55,1,1,0\n"
    "priv,hw,cpuid 1/10000,kvm,0.015,0.016,1.624,-0.028,2.696,5,1,1,0\n"
    "priv,hw,cpuid 1/100000,kvm,0.014,0.014,0.834,-0.273,2.766,5,1,1,0\n"
    "mem,hw,chase 256K pg=4k host=4k,kvm,0.004,0.004,9.5,1,12,6,1,1,0\n"
    "mem,hw,chase 16M pg=4k host=4k,kvm,0.15,0.16,6.271,2.321,10.628,6,1,1,"
    "0\n"
    "mem,hw,chase 16M pg=2m host=thp,kvm,0.13,0.13,3.992,-1.816,6.339,6,1,"
    "1,0\n"
    "mem,hw,stream 16M pg=2m host=4k,kvm,0.005,0.002,-53.4,-54.8,-43.0,6,"
    "1,1,0\n"
    "disk,full,32K in 16K batches,kvm,6.9e-05,0.42,606590.289,270974.739,"
    "618107.517,16411,1,1,1\n"
    "disk,para,32K in 16K batches,kvm,6.5e-05,0.0002,232.996,180.971,"
    "243.236,14,1,1,1\n"
    "disk,para,1024K in 256K batches,kvm,0.0027,0.0033,22.885,12.036,"
    "40.968,18,1,1,0\n"
    "net,para,500 x 1024B frames,kvm,0.0043,0.0046,7.142,-16.394,19.334,15,"
    "1,1,1\n";

static void test_pick(void **state)
{
	/* The lecture's overhead ranges, in %. */
	static const struct {
		enum benchcsv_res r;
		double lo, hi;
	} claims[] = {
	    {BRES_PRIV, 1, 7},
	    {BRES_RAM, 25, 75},
	    {BRES_RAM_BEST, 25, 75},
	    {BRES_DISK, 5, 20},
	    {BRES_NET, 0, 10},
	};
	struct benchcsv *b;
	const struct benchcsv_row *r;
	double lo, hi;

	(void)state;
	assert_int_equal(read_text(bench, &b), 0);
	assert_int_equal(b->nrows, 13);
	r = benchcsv_pick(b, BRES_CPU, BENCH_HW);
	assert_string_equal(r->variant, "int");
	assert_close(r->pct, 0.763, 0);
	/* Privileged CPU: the last row, the lowest sensitive fraction. */
	assert_string_equal(benchcsv_pick(b, BRES_PRIV, BENCH_FULL)->variant,
			    "pio 1/100000");
	assert_string_equal(benchcsv_pick(b, BRES_PRIV, BENCH_HW)->variant,
			    "cpuid 1/100000");
	assert_null(benchcsv_pick(b, BRES_PRIV, BENCH_PARA));
	/* RAM: the worst chase over the largest working set (16M, not the
	 * 256K row with more overhead, not the stream row). */
	r = benchcsv_pick(b, BRES_RAM, BENCH_HW);
	assert_string_equal(r->variant, "chase 16M pg=4k host=4k");
	assert_int_equal(r->line, 8);
	/* ... and the best one, vmux bench's "RAM (best)" line. */
	r = benchcsv_pick(b, BRES_RAM_BEST, BENCH_HW);
	assert_string_equal(r->variant, "chase 16M pg=2m host=thp");
	assert_int_equal(r->line, 9);
	assert_null(benchcsv_pick(b, BRES_RAM_BEST, BENCH_FULL));
	assert_string_equal(benchcsv_res_name(BRES_RAM), "RAM (worst)");
	assert_string_equal(benchcsv_res_name(BRES_RAM_BEST), "RAM (best)");
	/* I/O: the largest batch (the last row of the style). */
	r = benchcsv_pick(b, BRES_DISK, BENCH_PARA);
	assert_string_equal(r->variant, "1024K in 256K batches");
	assert_false(r->noisy);
	r = benchcsv_pick(b, BRES_DISK, BENCH_FULL);
	assert_true(r->noisy);
	assert_close(r->hi, 618107.517, 0);
	assert_null(benchcsv_pick(b, BRES_NET, BENCH_FULL));
	assert_string_equal(b->row[0].accel, "kvm");
	benchcsv_destroy(b);
	benchcsv_destroy(NULL);

	/* The lecture's claims. */
	assert_false(benchcsv_claim(BRES_CPU, &lo, &hi));
	for (size_t i = 0; i < sizeof(claims) / sizeof(*claims); i++) {
		assert_true(benchcsv_claim(claims[i].r, &lo, &hi));
		assert_close(lo, claims[i].lo, 0);
		assert_close(hi, claims[i].hi, 0);
	}
	assert_string_equal(benchcsv_style_name(BENCH_PARA), "para");
}

static void test_bad_data(void **state)
{
	static const char head[] = "workload,style,variant,overhead_pct,"
				   "overhead_lo_pct,overhead_hi_pct,noisy\n";
	static const struct fx_bad cases[] = {
	    {"cpu,qemu,int,1,0,2,0\n",
	     ":2: field 'style': unknown style 'qemu'"},
	    {"cpu,hw,int,-101,0,2,0\n",
	     ":2: field 'overhead_pct': -101 is outside"},
	    {"cpu,hw,int,1,x,2,0\n",
	     ":2: field 'overhead_lo_pct': 'x' is not a decimal number"},
	    {"cpu,hw,int,1,0,2,0.5\n",
	     ":2: field 'noisy': '0.5' is not 0 or 1"},
	    {",hw,int,1,0,2,0\n", ":2: field 'workload': empty"},
	};
	struct benchcsv *b;

	(void)state;
	fx_bad_data(benchcsv_read, b, head, cases);
}

/*
 * Exit rows are read as cost per exit: by the headline column where the
 * CSV has it, else (bench CSVs before it) by the workload being exit;
 * per_op_ns is then the headline, in ns.
 */
static void test_per_exit(void **state)
{
	static const char old[] =
	    "workload,style,variant,overhead_pct,overhead_lo_pct,"
	    "overhead_hi_pct,per_op_ns\n"
	    "exit,hw,pio,68090314.2,56591913.1,101274911.6,246623.5\n"
	    "cpu,hw,int,0.763,-7.309,1.255,2.79\n";
	static const char now[] =
	    "workload,style,variant,overhead_pct,overhead_lo_pct,"
	    "overhead_hi_pct,per_op_ns,per_op_lo_ns,per_op_hi_ns,headline\n"
	    "exit,hw,pio,68090314.2,56591913.1,101274911.6,246623.5,200000,"
	    "300000,per_exit\n"
	    "cpu,hw,int,0.763,-7.309,1.255,2.79,2.7,2.9,overhead\n";
	struct benchcsv *b;

	(void)state;
	assert_int_equal(read_text(old, &b), 0);
	assert_true(b->row[0].per_exit);
	assert_close(b->row[0].per_op_ns, 246623.5, 0);
	assert_false(b->row[1].per_exit);
	benchcsv_destroy(b);
	assert_int_equal(read_text(now, &b), 0);
	assert_true(b->row[0].per_exit);
	assert_close(b->row[0].per_op_ns, 246623.5, 0);
	assert_false(b->row[1].per_exit);
	benchcsv_destroy(b);
	/* the core rows of a CSV without per_op_ns read as before */
	assert_int_equal(read_text(bench, &b), 0);
	assert_false(b->row[0].per_exit);
	benchcsv_destroy(b);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_pick), cmocka_unit_test(test_bad_data),
	       cmocka_unit_test(test_per_exit))

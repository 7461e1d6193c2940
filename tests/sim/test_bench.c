/*
 * test_bench.c - the benchmark's arithmetic and outputs, without running a
 * guest: medians, the overhead and its range, the noisy flag, the CSV
 * columns, the lecture table's choices and the calibration file, all on
 * hand-made measurements worked out by hand below.
 */
#include "vmux_test.h"
#include "sim/measure/bench.h"
#include "sim/measure/bench_claim.h"
#include "sim/measure/bench_report.h"

#include <stdlib.h>
#include <string.h>

static void test_median(void **state)
{
	double odd[] = {5, 1, 3}, even[] = {4, 1, 3, 2};

	(void)state;
	assert_close(bench_median(odd, 3), 3, 1e-12);
	assert_close(bench_median(even, 4), 2.5, 1e-12);
	assert_close(bench_median(odd, 0), 0, 1e-12);
}

/*
 * native 1.0, 1.05, 0.9 s (median 1.0); guest 1.2, 1.3, 1.25 (median 1.25):
 * overhead 25 %; range [1.2/1.05 - 1, 1.3/0.9 - 1] = [14.286 %, 44.444 %];
 * spreads 0.15/1.0 = 15 % and 0.1/1.25 = 8 %: not noisy.
 * 1000 operations: 1.25 ms per op in the guest.
 */
static void test_add_row(void **state)
{
	struct bench b = {.repeat = 3};
	double nat[] = {1.0, 1.05, 0.9}, gst[] = {1.2, 1.3, 1.25};
	double ex[] = {7, 9, 8};

	(void)state;
	assert_int_equal(
	    bench_add(&b, "disk", BENCH_PARA, "x", nat, gst, ex, 3, 1000), 0);
	assert_int_equal(b.nrows, 1);
	assert_close(b.rows[0].native_s, 1.0, 1e-12);
	assert_close(b.rows[0].guest_s, 1.25, 1e-12);
	assert_close(b.rows[0].overhead_pct, 25, 1e-9);
	assert_close(b.rows[0].lo_pct, 100 * (1.2 / 1.05 - 1), 1e-9);
	assert_close(b.rows[0].hi_pct, 100 * (1.3 / 0.9 - 1), 1e-9);
	assert_close(b.rows[0].exits, 8, 1e-12);
	assert_close(b.rows[0].per_op_ns, 1.25e6, 1e-3);
	assert_false(b.rows[0].noisy);
	/* best: guest min / native min = 1.2 / 0.9: 33.333 %. */
	assert_close(b.rows[0].best_pct, 100 * (1.2 / 0.9 - 1), 1e-9);
	assert_string_equal(b.rows[0].style, "para");
	/* The caller's arrays are not reordered. */
	assert_close(nat[1], 1.05, 0);
	/* 1, 2, 1.5: spread 1 > 20 % of 1.5: noisy. */
	nat[0] = 1, nat[1] = 2, nat[2] = 1.5;
	assert_int_equal(
	    bench_add(&b, "net", BENCH_FULL, "y", nat, gst, ex, 3, 0), 0);
	assert_true(b.rows[1].noisy);
	/* (other processes may have been busy since the first row too) */
	assert_int_equal(strncmp(b.rows[1].noise, "native spread 67 %", 18), 0);
	bench_free(&b);
}

/*
 * Both sides spread: both are named (only the native side's was, though
 * the guest's 1 .. 3 s, spread 2 / 2 = 100 %, was the worse), in the row,
 * the table and the CSV.
 */
static void test_noise_both_sides(void **state)
{
	struct bench b = {.repeat = 3};
	double nat[] = {1, 2, 1.5}, gst[] = {1, 3, 2}, ex[] = {0, 0, 0};
	static char buf[4096];
	FILE *fp;

	(void)state;
	assert_int_equal(
	    bench_add(&b, "net", BENCH_FULL, "y", nat, gst, ex, 3, 0), 0);
	assert_true(b.rows[0].noisy);
	assert_string_equal(b.rows[0].noise,
			    "native spread 67 %; guest spread 100 %");
	fp = fmemopen(buf, sizeof(buf), "w");
	bench_print_rows(&b, fp);
	fclose(fp);
	assert_non_null(
	    strstr(buf, "NOISY (native spread 67 %; guest spread 100 %)\n"));
	fp = fmemopen(buf, sizeof(buf), "w");
	bench_write_csv(&b, fp);
	fclose(fp);
	assert_non_null(
	    strstr(buf, ",native spread 67 %; guest spread 100 %,"));
	bench_free(&b);
}

static char *csv_of(const struct bench *b)
{
	static char buf[4096];
	FILE *fp = fmemopen(buf, sizeof(buf), "w");

	bench_write_csv(b, fp);
	fclose(fp);
	return buf;
}

static void test_csv(void **state)
{
	struct bench b = {.repeat = 1};
	double n = 2, g = 3, e = 4;

	(void)state;
	bench_add(&b, "cpu", BENCH_HW, "int", &n, &g, &e, 1, 0);
	assert_non_null(strstr(
	    csv_of(&b), "workload,style,variant,accel,native_s,guest_s,"
			"overhead_pct,overhead_lo_pct,overhead_hi_pct,"
			"exits,per_op_ns,native_op_ns,noisy,overhead_best_pct,"
			"runs,warmup,native_mad_pct,guest_mad_pct,outliers,"
			"others_cores,noise,nested,cpu_model,cores,"
			"load_before,load_after,note,"
			"per_op_lo_ns,per_op_hi_ns,headline\n"
			"cpu,hw,int,"));
	/* One run: no spread to judge, so not trustworthy (noisy 1) with
	   that reason and no MAD (it was "0.00", not noisy, no reason). */
	assert_non_null(strstr(csv_of(&b), ",2,3,50.000,50.000,50.000,4,0.00,"
					   "0.00,1,50.000,1,1,,,0,0.00,one "
					   "run: no spread to judge,"));
	assert_true(b.rows[0].unjudged);
	assert_int_equal(bench_trustworthy(&b), 0);
	bench_free(&b);
}

/* The table says so too: no mad, UNJUDGED, and not counted as
   trustworthy ("1 of 1 row trustworthy" with "mad 0.0 %"). */
static void test_one_run_table(void **state)
{
	struct bench b = {.repeat = 1};
	double n = 2, g = 3, e = 4;
	static char buf[4096];
	FILE *fp;

	(void)state;
	bench_add(&b, "cpu", BENCH_HW, "int", &n, &g, &e, 1, 0);
	fp = fmemopen(buf, sizeof(buf), "w");
	bench_print_rows(&b, fp);
	fclose(fp);
	assert_non_null(strstr(buf, "]%      -         4        0.0  UNJUDGED "
				    "(one run: no spread to judge)\n"));
	assert_non_null(strstr(buf, "\n0 of 1 row trustworthy (not noisy; 1 "
				    "of one run cannot be judged: no "
				    "spread); 1 run each"));
	bench_free(&b);
}

static void add(struct bench *b, const char *w, enum bench_style s,
		const char *v, double nat, double gst)
{
	double e = 0;

	assert_int_equal(bench_add(b, w, s, v, &nat, &gst, &e, 1, 0), 0);
}

/*
 * Calibration: cpu 2 % slower, priv pio 10 %, priv cpuid 1 %, mem chase
 * 2m/4k 30 %, disk full 400 %, para 50 %, net full 900 %, para -5 %:
 * full cpu 1.02 x 1.10 = 1.122; hw cpu 1.02 x 1.01 = 1.0302; mem 1.3
 * everywhere; hw disk = para disk 1.5; para net clamps to 1.
 */
static void test_calibration(void **state)
{
	struct bench b = {.repeat = 1};
	static char buf[8192];
	FILE *fp = fmemopen(buf, sizeof(buf), "w");

	(void)state;
	add(&b, "cpu", BENCH_HW, "int", 1, 1.02);
	add(&b, "priv", BENCH_FULL, "pio 1/100000", 1, 1.10);
	add(&b, "priv", BENCH_HW, "cpuid 1/100000", 1, 1.01);
	add(&b, "mem", BENCH_HW, "chase 64M pg=4k host=4k", 1, 1.8);
	add(&b, "mem", BENCH_HW, "chase 64M pg=2m host=4k", 1, 1.3);
	add(&b, "disk", BENCH_FULL, "64K", 1, 5);
	add(&b, "disk", BENCH_PARA, "8M", 1, 1.5);
	add(&b, "net", BENCH_FULL, "50", 1, 10);
	add(&b, "net", BENCH_PARA, "4000", 1, 0.95);
	assert_int_equal(bench_write_calibration(&b, fp), 0);
	fclose(fp);
	assert_holds_all(
	    buf, "style,resource,factor,source\n", "full,cpu,1.1220,",
	    "hw,cpu,1.0302,", "para,mem,1.3000,", "full,disk,5.0000,",
	    "hw,disk,1.5000,", "full,net,10.0000,", "para,net,1.0000,", NULL);
	fp = fmemopen(buf, sizeof(buf), "w");
	bench_print_lecture(&b, fp);
	fclose(fp);
	/* Worst RAM row is the 4k one at 80 %: worse than 25-75 %. */
	assert_holds_all(buf, "80.0 % (worse than claimed)", "30.0 % (agrees)",
			 "-5.0 % (better than claimed)", NULL);
	/* the claimed ranges read "LO % to HI %", as every range */
	assert_holds_all(buf, "RAM (worst)     25 % to 75 %  ",
			 "disk I/O        5 % to 20 %   ", NULL);
	bench_free(&b);
}

/*
 * Exit rows: the native side is ~5000 plain stores (2 .. 3.3 us: spread
 * 1.3 / 2.1 = 62 %), the guest 1.20 .. 1.30 s for 5000 exits. The headline
 * is the cost per exit, 1.25 s / 5000 = 250 us [240, 260] us, judged on
 * the guest's spread (0.1 / 1.25 = 8 %) alone; the overhead (~60,000,000 %)
 * is not in the table, and the native spread makes no row noisy.
 */
static void test_exit_rows(void **state)
{
	struct bench b = {.repeat = 3};
	double nat[] = {2e-6, 3.3e-6, 2.1e-6}, gst[] = {1.25, 1.20, 1.30};
	double ex[] = {5005, 5005, 5005};
	static char buf[4096];
	FILE *fp;

	(void)state;
	assert_int_equal(bench_add_per_exit(&b, "pio", nat, gst, ex, 3, 5000),
			 0);
	assert_true(b.rows[0].per_exit);
	assert_close(b.rows[0].per_op_ns, 250e3, 1e-6);
	assert_close(b.rows[0].op_lo_ns, 240e3, 1e-6);
	assert_close(b.rows[0].op_hi_ns, 260e3, 1e-6);
	assert_null(strstr(b.rows[0].noise, "native spread"));
	assert_string_equal(b.rows[0].style, "hw");
	fp = fmemopen(buf, sizeof(buf), "w");
	bench_print_rows(&b, fp);
	fclose(fp);
	/* mad: |250 - 250|, |240 - 250|, |260 - 250| -> 10 / 250 = 4 % */
	assert_non_null(strstr(buf, "exit     hw    pio               "
				    "250.000 us [ 240.000,  260.000] us   "
				    "4.0%      5005        0.4 ns\n"));
	assert_null(strstr(buf, "62500000")); /* no overhead column */
	fp = fmemopen(buf, sizeof(buf), "w");
	bench_write_csv(&b, fp);
	fclose(fp);
	/* new columns last: old readers find every column where it was */
	assert_non_null(strstr(buf, ",note,per_op_lo_ns,per_op_hi_ns,"
				    "headline\n"));
	assert_non_null(strstr(buf, ",240000.00,260000.00,per_exit\n"));
	bench_free(&b);
}

/*
 * The verdict on a row's range (bench_claim.h), against 5 % to 20 %:
 * a median inside agrees whatever the range; outside, worse or better
 * only when the whole range is beyond the claim, else inconclusive. The
 * median stands for a NAN bound and widens a range that misses it.
 */
static void test_judge(void **state)
{
	double lo, hi;

	(void)state;
	assert_true(bench_claim("disk", &lo, &hi));
	assert_close(lo, 5, 0);
	assert_close(hi, 20, 0);
	assert_true(bench_claim("priv", &lo, &hi) && lo == 1 && hi == 7);
	assert_true(bench_claim("mem", &lo, &hi) && lo == 25 && hi == 75);
	assert_true(bench_claim("net", &lo, &hi) && lo == 0 && hi == 10);
	assert_false(bench_claim("cpu", &lo, &hi));
	assert_false(bench_claim("exit", &lo, &hi));
	/* median inside: agrees, even with a range wider than the claim */
	assert_int_equal(bench_judge(12, -50, 90, 5, 20), BENCH_AGREES);
	assert_int_equal(bench_judge(20, 19, 21, 5, 20), BENCH_AGREES);
	assert_int_equal(bench_judge(5, 5, 5, 5, 20), BENCH_AGREES);
	/* above: worse only when the range's lowest is above 20 */
	assert_int_equal(bench_judge(30, 21, 40, 5, 20), BENCH_WORSE);
	assert_int_equal(bench_judge(30, 12, 40, 5, 20), BENCH_INCONCLUSIVE);
	assert_int_equal(bench_judge(30, 20, 40, 5, 20), BENCH_INCONCLUSIVE);
	/* below: better only when the range's highest is below 5 */
	assert_int_equal(bench_judge(1, -3, 4.9, 5, 20), BENCH_BETTER);
	assert_int_equal(bench_judge(1, -3, 6, 5, 20), BENCH_INCONCLUSIVE);
	/* one run: no range (NAN), the median alone */
	assert_int_equal(bench_judge(30, NAN, NAN, 5, 20), BENCH_WORSE);
	assert_int_equal(bench_judge(1, NAN, NAN, 5, 20), BENCH_BETTER);
	/* a range that misses the median is widened to it */
	assert_int_equal(bench_judge(30, 35, 40, 5, 20), BENCH_WORSE);
	assert_int_equal(bench_judge(30, 10, 25, 5, 20), BENCH_INCONCLUSIVE);
	assert_string_equal(bench_verdict_name(BENCH_INCONCLUSIVE),
			    "inconclusive");
	assert_string_equal(bench_verdict_name(BENCH_WORSE),
			    "worse than claimed");
}

static void add3(struct bench *b, const char *w, enum bench_style s,
		 const char *v, double g0, double g1, double g2)
{
	double nat[] = {1, 1, 1}, gst[] = {g0, g1, g2}, e[] = {0, 0, 0};

	assert_int_equal(bench_add(b, w, s, v, nat, gst, e, 3, 0), 0);
}

/*
 * The lecture table judges each cell on its row's range (native 1 s in
 * every run, so the range is the guest's lowest to highest - 1):
 *   RAM worst   128M pg=4k 80 % [70, 90] vs 25-75: inconclusive
 *   RAM best    128M pg=2m 10 % [5, 15]: better
 *   disk full   40 % [30, 50] vs 5-20: worse
 *   disk para   25 % [10, 50]: inconclusive (it said worse)
 *   net full    5 % [4, 12] vs 0-10: agrees
 *   net para    -3 % [-5, -1]: better
 *   priv full   0.5 % [-0.5, 2] vs 1-7: inconclusive (it said better)
 *   priv hw     3 % [2, 4]: agrees
 */
static void test_lecture_ranges(void **state)
{
	struct bench b = {.repeat = 3};
	static char buf[8192];
	FILE *fp;

	(void)state;
	add3(&b, "mem", BENCH_HW, "chase 128M pg=4k host=4k", 1.7, 1.8, 1.9);
	add3(&b, "mem", BENCH_HW, "chase 128M pg=2m host=4k", 1.05, 1.1, 1.15);
	add3(&b, "disk", BENCH_FULL, "64K", 1.3, 1.4, 1.5);
	add3(&b, "disk", BENCH_PARA, "8M", 1.1, 1.25, 1.5);
	add3(&b, "net", BENCH_FULL, "50", 1.04, 1.05, 1.12);
	add3(&b, "net", BENCH_PARA, "4000", 0.95, 0.97, 0.99);
	add3(&b, "priv", BENCH_FULL, "pio 1/100000", 0.995, 1.005, 1.02);
	add3(&b, "priv", BENCH_HW, "cpuid 1/100000", 1.02, 1.03, 1.04);
	fp = fmemopen(buf, sizeof(buf), "w");
	bench_print_lecture(&b, fp);
	fclose(fp);
	assert_holds_all(buf, "80.0 % (inconclusive, range 70.0 % to 90.0 %)",
			 "10.0 % (better than claimed)",
			 "40.0 % (worse than claimed)",
			 "25.0 % (inconclusive, range 10.0 % to 50.0 %)",
			 "5.0 % (agrees)", "-3.0 % (better than claimed)",
			 "0.5 % (inconclusive, range -0.5 % to 2.0 %)",
			 "3.0 % (agrees)", NULL);
	bench_free(&b);
}

/* The number of lines of TEXT that end in a space. */
static int trailing(const char *text)
{
	int n = 0;

	for (const char *p = strchr(text, '\n'); p; p = strchr(p + 1, '\n'))
		n += p > text && p[-1] == ' ';
	return n;
}

/*
 * The closing note speaks of what ran: with priv and net rows alone it
 * said how RAM is paged ("RAM under hw is two-dimensional paging") and
 * broke a sentence over two short lines ("...made for; privileged CPU\n
 * rows use..."); no line of the table ended in padding.
 */
static void test_lecture_closing(void **state)
{
	struct bench b = {.repeat = 3};
	static char buf[8192];
	FILE *fp;

	(void)state;
	add3(&b, "net", BENCH_FULL, "50", 1.04, 1.05, 1.12);
	add3(&b, "priv", BENCH_HW, "cpuid 1/100000", 1.02, 1.03, 1.04);
	fp = fmemopen(buf, sizeof(buf), "w");
	bench_print_lecture(&b, fp);
	fclose(fp);
	assert_null(strstr(buf, "paging"));
	assert_null(strstr(buf, "RAM worst"));
	assert_non_null(strstr(buf, "\nPrivileged CPU rows use the lowest "
				    "sensitive fraction.\n"));
	assert_int_equal(trailing(buf), 0);
	/* and with mem rows the note on paging is back, in one piece */
	add3(&b, "mem", BENCH_HW, "chase 128M pg=4k host=4k", 1.7, 1.8, 1.9);
	fp = fmemopen(buf, sizeof(buf), "w");
	bench_print_lecture(&b, fp);
	fclose(fp);
	assert_non_null(strstr(buf, "\nRAM under hw is two-dimensional paging "
				    "(EPT/NPT), not the shadow paging the\n"
				    "claim was made for.\n"));
	assert_non_null(strstr(buf, "\nRAM worst: chase 128M pg=4k host=4k; "
				    "best: chase 128M pg=4k host=4k.\n"));
	assert_int_equal(trailing(buf), 0);
	/* the rows' table: header and rows */
	fp = fmemopen(buf, sizeof(buf), "w");
	bench_print_rows(&b, fp);
	fclose(fp);
	assert_int_equal(trailing(buf), 0);
	bench_free(&b);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_median), cmocka_unit_test(test_add_row),
	       cmocka_unit_test(test_noise_both_sides),
	       cmocka_unit_test(test_csv), cmocka_unit_test(test_one_run_table),
	       cmocka_unit_test(test_calibration),
	       cmocka_unit_test(test_exit_rows), cmocka_unit_test(test_judge),
	       cmocka_unit_test(test_lecture_ranges),
	       cmocka_unit_test(test_lecture_closing))

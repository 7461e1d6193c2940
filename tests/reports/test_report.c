/*
 * test_report.c - the report end to end in-process (tables only, so no
 * gnuplot is needed) on a hand-worked case, checking the numbers in its
 * text and tables; and that bad input leaves nothing behind.
 *
 * The case (4 slots of 300 s, capacity 4.5 cores, 75th percentile: one
 * slot in four may be over, target 25 %):
 *   training   a = 1 2 3 4, b = 4 3 2 1 on h0; c = .5 .5 .5 .5,
 *              d = 1 2 3 5 on h1.
 *   own sizes  a 3, b 3, c 0.5, d 3 (the second largest value);
 *   joint      h0: a+b = 5 5 5 5 -> 5; h1: c+d = 1.5 2.5 3.5 5.5 -> 3.5;
 *   so 9.5 cores alone, 8.5 together: saving 1 - 8.5/9.5 = 10.5 %;
 *   h0 saves 1 - 5/6 = 16.7 %; joint / capacity = 8.5 / 9 = 94.4 %.
 *   Training overload: h0 4 of 4 slots (5 > 4.5), h1 1 of 4: 5 of 8
 *   host-slots, 62.50 %.
 *   evaluation a = 2 2 2 2, b = 2 2 2 3, c = .5, d = 4 4 1 1:
 *   h0 sums 4 4 4 5 (1 slot over, excess 0.5 of 17), h1 4.5 4.5 1.5 1.5
 *   (none over: 4.5 is not above 4.5): 1 of 8 host-slots = 12.50 %,
 *   unmet 0.5 / 29 = 1.72 %, 2 of 16 VM-slots short = 12.50 %.
 *   `vmux evaluate` and `vmux size --group` print the same numbers.
 *   Correlation: corr(a, b) = -1 (within h0); corr(a, d) = 0.9827 and
 *   corr(b, d) = -0.9827 (between, mean 0); c is constant.
 */
#include "report_fixture.h"
#include "reports/report.h"

#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>

static char base[64], out[128], train[160], evtrace[160], plan[160];
static char ev[160], fr[160], bench[160], val[160];
static char *page;

static void put(char *path, const char *name, const char *text)
{
	FILE *fp;

	snprintf(path, 160, "%s/%s", base, name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static int setup(void **state)
{
	(void)state;
	if (fx_mkdir(base, "rep") < 0)
		return -1;
	snprintf(out, sizeof(out), "%s/out", base);
	put(train, "train.csv",
	    "time,vm,cpu\n0,a,1\n300,a,2\n600,a,3\n900,a,4\n0,b,4\n300,b,3\n"
	    "600,b,2\n900,b,1\n0,c,0.5\n300,c,0.5\n600,c,0.5\n900,c,0.5\n"
	    "0,d,1\n300,d,2\n600,d,3\n900,d,5\n");
	put(evtrace, "eval_trace.csv",
	    "time,vm,cpu\n0,a,2\n300,a,2\n600,a,2\n900,a,2\n0,b,2\n300,b,2\n"
	    "600,b,2\n900,b,3\n0,c,0.5\n300,c,0.5\n600,c,0.5\n900,c,0.5\n"
	    "0,d,4\n300,d,4\n600,d,1\n900,d,1\n");
	put(plan, "plan.csv", "vm,host\na,h0\nb,h0\nc,h1\nd,h1\n");
	/* What vmux evaluate printed for it. */
	put(ev, "eval.csv",
	    "host,vms,missing,slots,overload_rate,unmet_fraction,"
	    "violation_rate\nh0,2,0,4,0.250000,0.029412,0.250000\n"
	    "h1,2,0,4,0.000000,0.000000,0.000000\n"
	    "total,4,0,8,0.125000,0.017241,0.125000\n");
	put(fr, "frontier.csv",
	    "policy,percentile,hosts,overload_rate,seed\nrobust,70,10,0.30,7\n"
	    "robust,75,12,0.2,7\nrobust,80,14,0.1,7\nseparate,75,13,0.24,7\n"
	    "separate,80,15,0.1,\n");
	put(bench, "bench.csv",
	    "workload,style,variant,accel,overhead_pct,overhead_lo_pct,"
	    "overhead_hi_pct,noisy\ncpu,hw,int,kvm,0.763,-7.3,1.3,0\n"
	    "priv,full,pio 1/100000,kvm,11.626,10.5,11.8,0\n"
	    "priv,hw,cpuid 1/100000,kvm,0.834,-0.3,2.8,0\n"
	    "mem,hw,chase 16M pg=4k host=4k,kvm,6.271,2.3,10.6,0\n"
	    "disk,full,32K in 16K batches,kvm,606590.289,270974,618107,1\n"
	    "disk,para,1024K in 256K batches,kvm,22.885,12.0,41.0,0\n"
	    "net,para,500 x 1024B frames,kvm,7.142,-16.4,19.3,1\n");
	put(val, "valid.csv",
	    "host,vms,capacity,scale,slots,predicted_overload,"
	    "measured_overload,predicted_unmet,measured_unmet,"
	    "predicted_violation,measured_violation,predicted_saving,"
	    "measured_saving\nh0,2,4.5,1,4,0.25,0.2,0.03,0.02,0.25,0.2,0.17,"
	    "0.16\nh1,2,4.5,1,4,0,0.005,0,0.001,0,0.01,0,0.01\n"
	    "total,4,9,0,8,0.125,0.1025,0.017,0.011,0.125,0.105,0.1,0.09\n");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(page);
	page = NULL;
	return fx_rmdir(base);
}

static struct report_opts opts(void)
{
	return (struct report_opts){.trace = train,
				    .plan = plan,
				    .out = out,
				    .train_from = NAN,
				    .train_to = NAN,
				    .eval_from = NAN,
				    .eval_to = NAN,
				    .host_cpu = 4.5,
				    .percentile = 75,
				    .top = 4,
				    .max_vms = 300,
				    .charts = false};
}

static char *slurp(const char *dir, const char *name)
{
	char path[256], *s;
	FILE *fp;
	long n;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "r");
	if (!fp)
		fail_msg("no %s", path);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	s = malloc((size_t)n + 1);
	assert_int_equal(fread(s, 1, (size_t)n, fp), (size_t)n);
	s[n] = 0;
	fclose(fp);
	return s;
}

#define assert_page(s)                                                         \
	do {                                                                   \
		if (!strstr(page, (s)))                                        \
			fail_msg("the page lacks '%s'", (s));                  \
	} while (0)

static void test_numbers_in_text(void **state)
{
	struct report_opts o = opts();
	char *csv;

	(void)state;
	o.eval = ev;
	o.eval_trace = evtrace;
	o.frontier = fr;
	o.bench = bench;
	o.validation = val;
	o.plan_seed = "18446744073709551615";
	o.plan_policy = "robust";
	assert_int_equal(report_write(&o), 0);
	page = slurp(out, "index.html");
	/* The plan's seed (PLAN.meta's, as cmd_report passes it). */
	assert_page("Seed</dt><dd>the plan&#39;s: 18446744073709551615 "
		    "(PLAN.meta; policy robust)");
	/* Sizing. */
	assert_page("need 9.5 cores; sized together, host by host, they "
		    "need 8.5 cores: joint sizing saves 10.5 % over separate "
		    "sizing");
	assert_page("fill 94.4 % of their 9 cores");
	assert_page("host h0: 2 VMs that need 6 cores alone share 5 (16.7 % "
		    "less)");
	/* In sample, fleet-wide: h0's 4 and h1's 1 of 8 host-slots. */
	assert_page("In the training window itself, the hosts exceeded their "
		    "capacity in 62.50 % of host-slots, and 1 of 2 hosts in "
		    "more than 25 % of their own slots. The plan&#39;s promise, "
		    "fleet-wide (at most 25 % of all host-slots above "
		    "capacity), did not hold in sample: 62.50 %.");
	/* Out of sample. */
	assert_page("exceeded their capacity in 12.50 % of host-slots against "
		    "a 25 % target; 1.72 % of the demand went unmet; VMs got "
		    "less than they asked in 12.50 % of VM-slots");
	assert_page("0 of 2 hosts exceeded the target; the worst, host h0, "
		    "exceeded its capacity in 25.00 % of slots");
	assert_page("every host&#39;s overload rate matches");
	/* Demand over time. */
	assert_page("Host h0 (2 VMs): over its 4.5-core capacity in 25.00 % "
		    "of evaluation slots (1 of 4) and in 100.00 % of training "
		    "slots (4 of 4)");
	assert_page("peaks at 5 cores, 111 % of capacity");
	/* Correlation. */
	assert_page("VMs sharing a host correlate -1.000 on average (1 pair), "
		    "VMs on different hosts 0.000 (2 pairs)");
	assert_page("1 of them has constant demand");
	/* Frontier. */
	assert_page("robust: 12 hosts at P = 75 (20.00 % over capacity)");
	assert_page("the fewest hosts are robust&#39;s 12 (separate 13 hosts, "
		    "8.3 % more). This best point is chosen with hindsight, on "
		    "the evaluation window&#39;s realised overload; a planner "
		    "without the evaluation data cannot pick it.");
	/* ... said in the summary too, and of each policy's fewest. */
	assert_page("out-of-sample overload the "
		    "fewest hosts are robust&#39;s 12 (separate 13 hosts, "
		    "8.3 % more), chosen with hindsight, on the evaluation "
		    "window&#39;s realised overload; a planner without the "
		    "evaluation data cannot pick it.</li>");
	assert_page("target on the evaluation window (read "
		    "off its realised overload, with hindsight):");
	/* The seed of the frontier's points, from its seed column. */
	assert_page("The frontier&#39;s plans were made with seed 7 (its seed "
		    "column, in the table below); 1 row records none.");
	/* Overhead, judged on the rows' ranges: priv full 11.6 [10.5, 11.8]
	 * all above 7: worse; priv hw 0.8 below 1 but [-0.3, 2.8] reaches
	 * into 1-7: inconclusive; RAM 6.3 [2.3, 10.6] all below 25: better,
	 * counted twice, as vmux bench's table shows it (the only chase is
	 * both RAM (worst) and RAM (best));
	 * disk full 606590 [270974, 618107] worse; disk para 22.9 above 20
	 * but [12, 41] reaches into 5-20: inconclusive; net 7.1 in 0-10
	 * agrees; CPU has no claim. */
	assert_page("of the 7 measurements above with a claim (2 of them "
		    "flagged noisy) 1 agrees, 2 are worse, 2 better and 2 "
		    "inconclusive: their medians lie outside the claim, but "
		    "their ranges reach into it");
	assert_page("CPU privileged under hw: 0.8 % (cpuid 1/100000): "
		    "inconclusive (range -0.3 % to 2.8 %).");
	assert_page("disk I/O under para: 22.9 % (1024K in 256K batches): "
		    "inconclusive (range 12.0 % to 41.0 %).");
	assert_page("CPU privileged under full: 11.6 % (pio 1/100000): worse "
		    "than claimed.");
	/* noisy with no noise column (an older bench CSV): "noisy", not
	   "noisy: " and nothing */
	assert_page("network under para: 7.1 % (500 x 1024B frames, noisy): "
		    "agrees.");
	assert_page("against the lecture&#39;s claims: 1 agrees, 2 worse, 2 "
		    "better, 2 inconclusive.");
	assert_page("RAM (worst) under hw: 6.3 % (chase 16M pg=4k host=4k): "
		    "better than claimed.");
	assert_page("RAM (best) under hw: 6.3 % (chase 16M pg=4k host=4k): "
		    "better than claimed.");
	assert_page("The guests ran by hardware-assisted virtualization (KVM). "
		    "5 of 7 benchmark rows are trustworthy");
	assert_page("disk I/O under full: 606590 %");
	/* Validation: h0 5 pp apart, h1 0.5 pp. */
	assert_page("within 1 percentage point of the prediction on 1 of 2 "
		    "reliably measured hosts; the largest gap is host h0: "
		    "predicted 25.00 %, "
		    "measured 20.00 %");
	assert_page("Chart not drawn (--no-charts)");
	/* The tables beside the page, from the same numbers. */
	csv = slurp(out, "hosts.csv");
	assert_non_null(strstr(csv,
			       "h0,2,2,6,5,4.5,0.1666666667,1.111111111,"
			       "1\nh1,2,2,3.5,3.5,4.5,0,0.7777777778,0.25\n"));
	free(csv);
	csv = slurp(out, "frontier.csv");
	assert_non_null(
	    strstr(csv, ",violation_rate,seed,vms,missing,not_planned\n"
			"robust,70,10,,0.3,,,7,,,\n"));
	assert_non_null(strstr(csv, "separate,80,15,,0.1,,,,,,\n"));
	free(csv);
	csv = slurp(out, "evaluation.csv");
	assert_non_null(strstr(csv, "h0,2,4,0.25,0.029412,0.25,0.25,1\n"));
	assert_non_null(strstr(csv, "total,4,8,0.125,0.017241,0.125,0.125,"
				    "0.625\n"));
	free(csv);
	csv = slurp(out, "demand_0.csv");
	assert_non_null(strstr(csv, "evaluation,900,5,4.5,1\n"));
	free(csv);
}

static void test_absent_inputs(void **state)
{
	struct report_opts o = opts();

	(void)state;
	assert_int_equal(report_write(&o), 0);
	page = slurp(out, "index.html");
	assert_page("Input absent: no evaluation");
	assert_page("Input absent: no frontier");
	assert_page("Input absent: no benchmark");
	assert_page("Input absent: no validation");
	assert_page("Evaluation window</dt><dd>none");
	assert_page("Seed</dt><dd>the plan&#39;s is not known (no PLAN.meta");
	free(page);
	/* A window of the same trace: --train-to splits it. */
	o.train_to = 600;
	assert_int_equal(report_write(&o), 0);
	page = slurp(out, "index.html");
	assert_page("recomputed here from the evaluation window");
	assert_page("t = 600 s to t = 1200 s, 2 slots of 300 s");
}

static void test_bad_input_leaves_nothing(void **state)
{
	struct report_opts o = opts();
	struct stat st;
	char text[160], cmd[256];
	int rc;

	(void)state;
	put(text, "other_eval.csv",
	    "host,vms,slots,overload_rate,unmet_fraction\nh9,1,4,0,0\n"
	    "total,1,4,0,0\n");
	o.eval = text;
	rc = fx_quiet(report_write(&o));
	assert_int_equal(rc, -EBADMSG);
	assert_msg("other_eval.csv:2: field 'host': host 'h9' is not in the "
		   "plan");
	assert_int_equal(stat(out, &st), -1);
	o.eval = "/nonexistent/eval.csv";
	rc = fx_quiet(report_write(&o));
	assert_int_equal(rc, -ENOENT);
	assert_msg("cannot open '/nonexistent/eval.csv'");
	/* Nothing beside it either: no half-built folder. */
	snprintf(cmd, sizeof(cmd), "ls '%s' | grep -q tmp", base);
	assert_int_not_equal(system(cmd), 0);
}

VMUX_TEST_MAIN(cmocka_unit_test_setup_teardown(test_numbers_in_text, setup,
					       teardown),
	       cmocka_unit_test_setup_teardown(test_absent_inputs, setup,
					       teardown),
	       cmocka_unit_test_setup_teardown(test_bad_input_leaves_nothing,
					       setup, teardown))

/*
 * test_import_alibaba.c - the Alibaba v2018 reader on hand-made
 * machine_usage and machine_meta. Expected values worked by hand: each
 * 300 s slot takes the mean cpu_util_percent of its samples, x cpu_num /
 * 100.
 */
#include "vmux_test.h"
#include "import_fixture.h"
#include "sim/import/import_alibaba.h"

#include <errno.h>
#include <sys/resource.h>

/*
 * m_1 (cpu_num 4): slot 0 holds 50 % and 70 % -> mean 60 % -> 2.4 cores;
 *     slots 1 and 2 are empty; slot 3 (900 s) 10 % -> 0.4. Provisioned
 *     (cpu_prov) 4 cores; mem_size is normalized, so mem_prov 0.
 * m_2 (not in the meta, --cores 1): an empty cpu field (not used);
 *     slot 0: 20 % -> 0.2; slot 1: 150 % clipped to 100 -> 1; slot 2: 30 %
 *     -> 0.3. Provisioned 0 (not known: --cores is an assumption).
 * Gaps between a machine's written slots: 900 s once, 300 s twice, so
 * readers take the trace at the 300 s it was written at (check_step).
 */
static const char usage[] = "m_1,10,50,60,,,1.5,2.5,3\n"
			    "m_2,0,,61,,,1,1,1\n"
			    "m_1,290,70,60,,,1,1,1\n"
			    "m_2,5,20,61,,,1,1,1\n"
			    "m_1,900,10,60,,,1,1,1\n"
			    "m_2,310,150,61,,,1,1,1\n"
			    "m_2,600,30,61,,,1,1,1\n";
static const char meta[] = "m_1,0,1,2,4,100,USING\n"
			   "m_1,500,1,2,4,100,USING\n"
			   "m_9,0,1,2,96,100,USING\n";

static void test_slots(void **state)
{
	struct fx *f = *state;

	f->o.meta = fx_file(f, "machine_meta.csv", meta);
	assert_int_equal(
	    fx_run_file(f, "alibaba", &f->o, "machine_usage.csv", usage), 0);
	assert_string_equal(f->out, "time,vm,cpu,cpu_prov,mem_prov\n"
				    "0,m_1,2.4,4,0\n"
				    "900,m_1,0.4,4,0\n"
				    "0,m_2,0.2,0,0\n"
				    "300,m_2,1,0,0\n"
				    "600,m_2,0.3,0,0\n");
	fx_noted(f, {IMPORT_N_AL_EMPTY, 2}, {IMPORT_N_AL_NOCPU, 1},
		 {IMPORT_N_AL_NOCORES, 1}, {IMPORT_N_AL_SAMPLES, 6},
		 {IMPORT_N_AL_CPU, 5}, {IMPORT_N_AL_DROPPED, 7},
		 {IMPORT_N_OVER100, 1});
	free((char *)f->o.meta);
}

/*
 * --step 600, no meta, --cores 2: m_1 slot 0 (10, 290 s) 60 % -> 1.2,
 * slot 1 (900 s) 10 % -> 0.2 at 600 s; m_2 slot 0 (5, 310 s): 20 % and
 * 100 % -> 60 % -> 1.2. Rows in any order: the input reversed.
 */
static void test_step_and_order(void **state)
{
	static const char reversed[] = "m_2,310,150,61,,,1,1,1\n"
				       "m_1,900,10,60,,,1,1,1\n"
				       "m_2,5,20,61,,,1,1,1\n"
				       "m_1,290,70,60,,,1,1,1\n"
				       "m_1,10,50,60,,,1.5,2.5,3\n";
	struct fx *f = *state;

	f->o.step = 600;
	f->o.cores = 2;
	assert_int_equal(fx_run_file(f, "alibaba", &f->o, "u.csv", reversed),
			 0);
	assert_string_equal(f->out, "time,vm,cpu,cpu_prov,mem_prov\n"
				    "0,m_2,1.2,0,0\n"
				    "0,m_1,1.2,0,0\n"
				    "600,m_1,0.2,0,0\n");
	assert_int_equal(import_noted(f->im, IMPORT_N_AL_NOCORES), 2);
}

/*
 * Readers take a trace's commonest gap between a VM's consecutive samples
 * for its step: samples 900 s apart written in 300 s slots would be read
 * at 900 s, so the step is refused (-EINVAL, a usage error); --step 900
 * writes what readers take at 900 s.
 */
static void test_step_readers_take(void **state)
{
	static const char sparse[] = "m_1,0,10,60,,,1,1,1\n"
				     "m_1,900,20,60,,,1,1,1\n"
				     "m_1,1800,30,60,,,1,1,1\n";
	struct fx *f = *state;

	assert_int_equal(fx_run_file(f, "alibaba", NULL, "u.csv", sparse),
			 -EINVAL);
	f->o.step = 900;
	assert_int_equal(fx_run_file(f, "alibaba", &f->o, "u.csv", sparse), 0);
	assert_string_equal(f->out, "time,vm,cpu,cpu_prov,mem_prov\n"
				    "0,m_1,0.1,0,0\n"
				    "900,m_1,0.2,0,0\n"
				    "1800,m_1,0.3,0,0\n");
}

static long peak_rss_kib(void)
{
	struct rusage ru;

	assert_int_equal(getrusage(RUSAGE_SELF, &ru), 0);
	return ru.ru_maxrss;
}

/*
 * Memory follows the samples, not the span between them: a 6-line input
 * whose machines span 9,666,667 and 33,333,334 slots once took 110 MB (a
 * dense grid of bins; past 10^7 slots it was refused) and must now take
 * well under 16 MiB. Slots by hand: 2.9e9 / 300 = 9666666.7 -> 9666666
 * (written at 2899999800 s), 19200 / 300 = 64, 18900 / 300 = 63, 19500 /
 * 300 = 65, 1e10 / 300 = 33333333.3 -> 33333333 (9999999900 s); rows come
 * out in time order whatever the input order. Empty slots: m_1 has
 * 9666667 - 5, m_2 33333334 - 2, 42999994 in all. Gaps of 300 s are the
 * commonest (twice), as readers must find them (check_step).
 */
static void test_far_apart_samples(void **state)
{
	static const char far[] = "m_1,2900000000,40,60,,,1,1,1\n"
				  "m_1,0,10,60,,,1,1,1\n"
				  "m_2,10000000000,50,60,,,1,1,1\n"
				  "m_1,19200,30,60,,,1,1,1\n"
				  "m_1,18900,20,60,,,1,1,1\n"
				  "m_2,5,5,60,,,1,1,1\n"
				  "m_1,19500,60,60,,,1,1,1\n";
	struct fx *f = *state;
	long before;

	before = peak_rss_kib();
	assert_int_equal(fx_run_file(f, "alibaba", NULL, "u.csv", far), 0);
	assert_in_range(peak_rss_kib() - before, 0, 16 * 1024);
	assert_string_equal(f->out, "time,vm,cpu,cpu_prov,mem_prov\n"
				    "0,m_1,0.1,0,0\n"
				    "18900,m_1,0.2,0,0\n"
				    "19200,m_1,0.3,0,0\n"
				    "19500,m_1,0.6,0,0\n"
				    "2899999800,m_1,0.4,0,0\n"
				    "0,m_2,0.05,0,0\n"
				    "9999999900,m_2,0.5,0,0\n");
	fx_noted(f, {IMPORT_N_AL_EMPTY, 42999994}, {IMPORT_N_AL_SAMPLES, 7},
		 {IMPORT_N_AL_CPU, 7});
}

static void test_bad_input(void **state)
{
	static const char *const bad[] = {
	    "m_1,10,50,60,,,1,1\n",    /* 8 fields */
	    "m_1,x,50,60,,,1,1,1\n",   /* time not a number */
	    ",10,50,60,,,1,1,1\n",     /* empty machine_id */
	    "m_1,10,-5,60,,,1,1,1\n",  /* negative cpu */
	    "m_1,1e30,5,60,,,1,1,1\n", /* time out of range */
	    "m_1,10,,60,,,1,1,1\n",    /* no cpu at all: no rows */
	};
	static const char *const bad_meta[] = {
	    "m_1,0,1,2,4,100,USING\nm_1,9,1,2,8,100,USING\n",
	    "m_1,0,1,2,0,100,USING\n",
	    "m_1,0,1,2,,100,USING\n",
	    "m_1,0,1,2,4,100\n",
	};
	struct fx *f = *state;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(
		    fx_run_file(f, "alibaba", NULL, "u.csv", bad[i]), -EBADMSG);
	}
	for (size_t i = 0; i < sizeof(bad_meta) / sizeof(bad_meta[0]); i++) {
		f->o.meta = fx_file(f, "meta.csv", bad_meta[i]);
		assert_int_equal(
		    fx_run_file(f, "alibaba", &f->o, "u.csv", usage), -EBADMSG);
		free((char *)f->o.meta);
	}
}

VMUX_TEST_MAIN(fx_test(test_slots), fx_test(test_step_and_order),
	       fx_test(test_step_readers_take), fx_test(test_far_apart_samples),
	       fx_test(test_bad_input))

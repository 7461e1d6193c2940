/*
 * test_import_bitbrains.c - the Bitbrains reader on hand-made files.
 * Expected values worked by hand from the rules in import_bitbrains.h:
 * cpu = usage MHz / (capacity MHz / cores), clipped to cores; mem = KB /
 * 1024; disk = read + write; net = in + out; time to the nearest 300 s;
 * rows on one slot merge by maximum.
 */
#include "vmux_test.h"
#include "import_fixture.h"
#include "sim/import/import_bitbrains.h"

#include <errno.h>

#define HEADER                                                                 \
	"Timestamp [ms];\tCPU cores;\tCPU capacity provisioned [MHZ];\t"       \
	"CPU usage [MHZ];\tCPU usage [%];\tMemory capacity provisioned "       \
	"[KB];\tMemory usage [KB];\tDisk read throughput [KB/s];\tDisk "       \
	"write throughput [KB/s];\tNetwork received throughput [KB/s];\t"      \
	"Network transmitted throughput [KB/s]\n"

/*
 * Row 1: 1000 s -> 900; 1250 MHz / (5000 / 2) = 0.5 cores; 2048 KB = 2 MiB;
 *        disk 1 + 2 = 3; net 4 + 5 = 9; provisioned 2 cores and 4096 KB =
 *        4 MiB (cpu_prov, mem_prov).
 * Row 2: 1301 s -> 1200; 6000 / 2500 = 2.4 > 2 cores: clipped to 2.
 * Row 3: 1350 s -> 1500 (4.5 slots, halves up); 0 cores, 0 MHz used: cpu 0.
 * Row 4: 1500 s; 0 cores, 250 MHz at the VM's usual 2500 MHz/core: 0.1.
 *        Same slot as row 3: each resource the maximum of the two.
 */
static const char vm3[] =
    HEADER "1000;\t2;\t5000;\t1250;\t25;\t4096;\t2048;\t1;\t2;\t4;\t5\n"
	   "1301;\t2;\t5000;\t6000;\t120;\t4096;\t1024;\t0;\t0;\t0;\t1\n"
	   "1350;\t0;\t0;\t0;\t0;\t0;\t512;\t10;\t0;\t0;\t0\n"
	   "1500;\t0;\t0.0;\t250;\t0;\t0;\t0;\t1;\t0;\t0;\t2\n";

static void test_rules(void **state)
{
	struct fx *f = *state;

	assert_int_equal(
	    fx_run_file(f, "bitbrains", NULL, "rnd/2013-7/3.csv", vm3), 0);
	assert_string_equal(f->out,
			    "time,vm,cpu,mem,disk,net,cpu_prov,mem_prov\n"
			    "900,rnd-3,0.5,2,3,9,2,4\n"
			    "1200,rnd-3,2,1,0,1,2,4\n"
			    "1500,rnd-3,0.1,0.5,10,2,0,0\n");
	fx_noted(f, {IMPORT_N_SNAPPED, 3}, {IMPORT_N_MERGED, 1},
		 {IMPORT_N_BB_ZERO_CORES, 2}, {IMPORT_N_OVER100, 1},
		 {IMPORT_N_BB_CPU, 4}, {IMPORT_N_BB_UNITS, 4});
}

/* --mhz-per-core 1000: 1250 -> 1.25; 6000 -> 6, clipped to 2; 250 -> 0.25. */
static void test_fixed_mhz(void **state)
{
	struct fx *f = *state;

	f->o.mhz_per_core = 1000;
	assert_int_equal(
	    fx_run_file(f, "bitbrains", &f->o, "rnd/2013-7/3.csv", vm3), 0);
	assert_string_equal(f->out,
			    "time,vm,cpu,mem,disk,net,cpu_prov,mem_prov\n"
			    "900,rnd-3,1.25,2,3,9,2,4\n"
			    "1200,rnd-3,2,1,0,1,2,4\n"
			    "1500,rnd-3,0.25,0.5,10,2,0,0\n");
	fx_noted(f, {IMPORT_N_BB_CPU_FIXED, 4}, {IMPORT_N_BB_CPU, 0});
}

/* Folders: *.csv in natural order; names from the folder; ms times. */
static void test_folder_names_ms(void **state)
{
	struct fx *f = *state;

	free(fx_file(f, "bitbrains-fastStorage/10.csv",
		     HEADER "1372629900000;\t1;\t2000;\t500;\t25;\t0;\t0;\t0;"
			    "\t0;\t0;\t0\n"));
	free(fx_file(f, "bitbrains-fastStorage/9.csv",
		     HEADER
		     "600;\t4;\t8000;\t1000;\t0;\t0;\t0;\t0;\t0;\t0;\t0\n"));
	free(fx_file(f, "bitbrains-fastStorage/notes.txt", "x\n"));
	assert_int_equal(
	    fx_run_at(f, "bitbrains", NULL, "bitbrains-fastStorage"), 0);
	assert_string_equal(f->out,
			    "time,vm,cpu,mem,disk,net,cpu_prov,mem_prov\n"
			    "600,fastStorage-9,0.5,0,0,0,4,0\n"
			    "1372629900,fastStorage-10,0.25,0,0,0,1,0\n");
	fx_noted(f, {IMPORT_N_BB_MS, 1}, {IMPORT_N_SKIPPED, 1});
}

static void test_bad_files(void **state)
{
	static const char *const bad[] = {
	    /* 0 cores with usage and no row giving the per-core MHz */
	    HEADER "300;\t0;\t0;\t5;\t0;\t0;\t0;\t0;\t0;\t0;\t0\n",
	    /* a column missing from the header */
	    "Timestamp [ms];\tCPU cores\n300;\t1\n",
	    /* a row with one field too few */
	    HEADER "300;\t1;\t2000;\t5;\t0;\t0;\t0;\t0;\t0;\t0\n",
	    /* not a number, negative */
	    HEADER "300;\t1;\t2000;\tx;\t0;\t0;\t0;\t0;\t0;\t0;\t0\n",
	    HEADER "300;\t1;\t2000;\t5;\t0;\t0;\t-3;\t0;\t0;\t0;\t0\n",
	    /* header only, empty file */
	    HEADER,
	    "",
	    /* past the store's limits: time, cores, memory, disk sum, cpu */
	    HEADER "1e300;\t1;\t2000;\t5;\t0;\t0;\t0;\t0;\t0;\t0;\t0\n",
	    HEADER "300;\t1e300;\t2000;\t5;\t0;\t0;\t0;\t0;\t0;\t0;\t0\n",
	    HEADER "300;\t1;\t2000;\t5;\t0;\t0;\t1e300;\t0;\t0;\t0;\t0\n",
	    HEADER "300;\t1;\t2000;\t5;\t0;\t0;\t0;\t6e11;\t6e11;\t0;\t0\n",
	    /* provisioned memory past the limit */
	    HEADER "300;\t1;\t2000;\t5;\t0;\t2e15;\t0;\t0;\t0;\t0;\t0\n",
	    HEADER "300;\t1;\t2000;\t5;\t0;\t0;\t0;\t0;\t0;\t0;\t0\n"
		   "600;\t0;\t0;\t1e300;\t0;\t0;\t0;\t0;\t0;\t0;\t0\n",
	};
	char *paths[2];
	struct fx *f = *state;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		paths[0] = fx_file(f, "rnd/1.csv", bad[i]);
		assert_int_equal(fx_run(f, "bitbrains", NULL, paths, 1),
				 -EBADMSG);
		free(paths[0]);
	}
	/* The same file twice (once through its folder). */
	paths[0] = fx_file(f, "a/rnd/1.csv", vm3);
	paths[1] = fx_path(f, "a/rnd");
	assert_int_equal(fx_run(f, "bitbrains", NULL, paths, 2), -EBADMSG);
	free(paths[0]);
	free(paths[1]);
	paths[0] = fx_path(f, "nowhere.csv");
	assert_int_equal(fx_run(f, "bitbrains", NULL, paths, 1), -ENOENT);
	free(paths[0]);
}

/*
 * One VM over two month folders: rnd/2013-7/21.csv and rnd/2013-8/21.csv
 * are one VM rnd-21, given in either order. July ends at 1200 s; August
 * starts at 1190 s (slot 1200, merged with July's: maximum) and goes on
 * at 1500 s. 2500 MHz per core throughout; rnd-3 in between keeps its own.
 */
static void test_months(void **state)
{
	static const char jul[] =
	    HEADER "900;\t1;\t2500;\t250;\t0;\t0;\t1024;\t0;\t0;\t0;\t0\n"
		   "1200;\t1;\t2500;\t500;\t0;\t0;\t2048;\t0;\t0;\t0;\t0\n";
	static const char aug[] =
	    HEADER "1190;\t1;\t2500;\t750;\t0;\t0;\t1024;\t1;\t0;\t0;\t0\n"
		   "1500;\t1;\t2500;\t1000;\t0;\t0;\t3072;\t0;\t0;\t0;\t0\n";
	static const char want[] =
	    "time,vm,cpu,mem,disk,net,cpu_prov,mem_prov\n"
	    "900,rnd-21,0.1,1,0,0,1,0\n"
	    "1200,rnd-21,0.3,2,1,0,1,0\n"
	    "1500,rnd-21,0.4,3,0,0,1,0\n";
	char *paths[2];
	struct fx *f = *state;

	free(fx_file(f, "rnd/2013-7/21.csv", jul));
	free(fx_file(f, "rnd/2013-8/21.csv", aug));
	paths[0] = fx_path(f, "rnd/2013-8");
	paths[1] = fx_path(f, "rnd/2013-7");
	for (int order = 0; order < 2; order++) {
		assert_int_equal(fx_run(f, "bitbrains", NULL, paths + order, 1),
				 0);
		assert_int_equal(fx_run(f, "bitbrains", NULL, paths, 2), 0);
		assert_string_equal(f->out, want);
		assert_int_equal(import_noted(f->im, IMPORT_N_MERGED), 1);
		assert_int_equal(import_noted(f->im, IMPORT_N_BB_CPU), 4);
		char *t = paths[0];
		paths[0] = paths[1];
		paths[1] = t;
	}
	free(paths[0]);
	free(paths[1]);
}

/*
 * Memory 0 while CPU runs: rnd-1 runs in 4 slots, mem 0 in 2 (50 %:
 * unmeasured, named); rnd-2 runs in 4, mem 0 in 1, and idles at mem 0 in 2
 * more (25 %: measured). Only the summary count and the warning change;
 * the values are written as read.
 */
static void test_zero_memory(void **state)
{
	static const char vm1[] =
	    HEADER "0;\t1;\t1000;\t500;\t0;\t0;\t0;\t0;\t0;\t0;\t0\n"
		   "300;\t1;\t1000;\t500;\t0;\t0;\t0;\t0;\t0;\t0;\t0\n"
		   "600;\t1;\t1000;\t500;\t0;\t0;\t1024;\t0;\t0;\t0;\t0\n"
		   "900;\t1;\t1000;\t500;\t0;\t0;\t1024;\t0;\t0;\t0;\t0\n";
	static const char vm2[] =
	    HEADER "0;\t1;\t1000;\t500;\t0;\t0;\t0;\t0;\t0;\t0;\t0\n"
		   "300;\t1;\t1000;\t500;\t0;\t0;\t9;\t0;\t0;\t0;\t0\n"
		   "600;\t1;\t1000;\t500;\t0;\t0;\t9;\t0;\t0;\t0;\t0\n"
		   "900;\t1;\t1000;\t500;\t0;\t0;\t9;\t0;\t0;\t0;\t0\n"
		   "1200;\t1;\t1000;\t0;\t0;\t0;\t0;\t0;\t0;\t0;\t0\n"
		   "1500;\t1;\t1000;\t0;\t0;\t0;\t0;\t0;\t0;\t0;\t0\n";
	struct import_summary sum;
	struct fx *f = *state;

	free(fx_file(f, "rnd/1.csv", vm1));
	free(fx_file(f, "rnd/2.csv", vm2));
	assert_int_equal(fx_run_at(f, "bitbrains", NULL, "rnd"), 0);
	import_get_summary(f->im, &sum);
	assert_int_equal(sum.vms, 2);
	assert_int_equal(sum.unmeasured, 1);
	assert_non_null(strstr(f->out, "\n0,rnd-1,0.5,0,0,0,1,0\n"));
}

VMUX_TEST_MAIN(fx_test(test_rules), fx_test(test_fixed_mhz),
	       fx_test(test_folder_names_ms), fx_test(test_bad_files),
	       fx_test(test_months), fx_test(test_zero_memory))

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
 *        disk 1 + 2 = 3; net 4 + 5 = 9.
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
	struct fx f;
	char *path;

	(void)state;
	fx_init(&f);
	path = fx_file(&f, "rnd/2013-7/3.csv", vm3);
	assert_int_equal(fx_run(&f, "bitbrains", NULL, &path, 1), 0);
	assert_string_equal(f.out, "time,vm,cpu,mem,disk,net\n"
				   "900,rnd-3,0.5,2,3,9\n"
				   "1200,rnd-3,2,1,0,1\n"
				   "1500,rnd-3,0.1,0.5,10,2\n");
	assert_int_equal(import_noted(f.im, IMPORT_N_SNAPPED), 3);
	assert_int_equal(import_noted(f.im, IMPORT_N_MERGED), 1);
	assert_int_equal(import_noted(f.im, IMPORT_N_BB_ZERO_CORES), 2);
	assert_int_equal(import_noted(f.im, IMPORT_N_OVER100), 1);
	assert_int_equal(import_noted(f.im, IMPORT_N_BB_CPU), 4);
	assert_int_equal(import_noted(f.im, IMPORT_N_BB_UNITS), 4);
	free(path);
	fx_done(&f);
}

/* --mhz-per-core 1000: 1250 -> 1.25; 6000 -> 6, clipped to 2; 250 -> 0.25. */
static void test_fixed_mhz(void **state)
{
	struct import_opts o;
	struct fx f;
	char *path;

	(void)state;
	fx_init(&f);
	path = fx_file(&f, "rnd/2013-7/3.csv", vm3);
	import_opts_init(&o);
	o.mhz_per_core = 1000;
	assert_int_equal(fx_run(&f, "bitbrains", &o, &path, 1), 0);
	assert_string_equal(f.out, "time,vm,cpu,mem,disk,net\n"
				   "900,rnd-3,1.25,2,3,9\n"
				   "1200,rnd-3,2,1,0,1\n"
				   "1500,rnd-3,0.25,0.5,10,2\n");
	assert_int_equal(import_noted(f.im, IMPORT_N_BB_CPU_FIXED), 4);
	assert_int_equal(import_noted(f.im, IMPORT_N_BB_CPU), 0);
	free(path);
	fx_done(&f);
}

/* Folders: *.csv in natural order; names from the folder; ms times. */
static void test_folder_names_ms(void **state)
{
	struct fx f;
	char *dir;

	(void)state;
	fx_init(&f);
	free(fx_file(&f, "bitbrains-fastStorage/10.csv",
		     HEADER "1372629900000;\t1;\t2000;\t500;\t25;\t0;\t0;\t0;"
			    "\t0;\t0;\t0\n"));
	free(fx_file(&f, "bitbrains-fastStorage/9.csv",
		     HEADER
		     "600;\t4;\t8000;\t1000;\t0;\t0;\t0;\t0;\t0;\t0;\t0\n"));
	free(fx_file(&f, "bitbrains-fastStorage/notes.txt", "x\n"));
	dir = fx_path(&f, "bitbrains-fastStorage");
	assert_int_equal(fx_run(&f, "bitbrains", NULL, &dir, 1), 0);
	assert_string_equal(f.out, "time,vm,cpu,mem,disk,net\n"
				   "600,fastStorage-9,0.5,0,0,0\n"
				   "1372629900,fastStorage-10,0.25,0,0,0\n");
	assert_int_equal(import_noted(f.im, IMPORT_N_BB_MS), 1);
	assert_int_equal(import_noted(f.im, IMPORT_N_SKIPPED), 1);
	free(dir);
	fx_done(&f);
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
	};
	char *paths[2];
	struct fx f;

	(void)state;
	fx_init(&f);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		paths[0] = fx_file(&f, "rnd/1.csv", bad[i]);
		assert_int_equal(fx_run(&f, "bitbrains", NULL, paths, 1),
				 -EBADMSG);
		free(paths[0]);
	}
	/* Two files that would both be VM "rnd-1". */
	paths[0] = fx_file(&f, "a/rnd/1.csv", vm3);
	paths[1] = fx_file(&f, "b/rnd/2013-8/1.csv", vm3);
	assert_int_equal(fx_run(&f, "bitbrains", NULL, paths, 2), -EBADMSG);
	free(paths[0]);
	free(paths[1]);
	paths[0] = fx_path(&f, "nowhere.csv");
	assert_int_equal(fx_run(&f, "bitbrains", NULL, paths, 1), -ENOENT);
	free(paths[0]);
	fx_done(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rules),
	    cmocka_unit_test(test_fixed_mhz),
	    cmocka_unit_test(test_folder_names_ms),
	    cmocka_unit_test(test_bad_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

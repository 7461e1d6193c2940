/*
 * test_import_azure.c - the Azure V1 reader on hand-made readings and
 * vmtable. Expected values worked by hand: cpu = avg % / 100 x cores.
 */
#include "vmux_test.h"
#include "import_fixture.h"
#include "sim/import/import_azure.h"

#include <errno.h>
#include <sys/resource.h>

/*
 * vmA: 4 cores (vmtable). 0 s: 50 % -> 2; 300 s: 150 % clipped to 100 -> 4.
 *      Provisioned (cpu_prov, mem_prov): 4 cores, 1.75 GB = 1792 MiB.
 * vmB: not in the vmtable, --cores 2. 0 s: 10 % -> 0.2; 301 s -> 300 s
 * (20 %) and 300 s (30 %) share a slot: the maximum, 30 % -> 0.6.
 *      Provisioned: not known (0, 0): --cores is an assumption, not data.
 * vmC: '>24' cores and 70 GB: provisioned 24 cores, 71680 MiB.
 */
static const char readings[] = "0,vmA,1,2,50\n"
			       "0,vmB,0,0,10\n"
			       "300,vmA,1,2,150\n"
			       "301,vmB,0,0,20\n"
			       "300,vmB,0,0,30\n";
static const char vmtable[] =
    "vmA,s,d,0,2591700,99,3.4,10,Interactive,4,1.75\n"
    "vmC,s,d,0,2591700,99,3.4,10,Interactive,>24,70\n";

static void test_cores_from_vmtable(void **state)
{
	struct fx *f = *state;

	f->o.vmtable = fx_file(f, "vmtable.csv", vmtable);
	f->o.cores = 2;
	assert_int_equal(fx_run_file(f, "azure", &f->o,
				     "vm_cpu_readings-file-1-of-1.csv",
				     readings),
			 0);
	assert_string_equal(f->out, "time,vm,cpu,cpu_prov,mem_prov\n"
				    "0,vmA,2,4,1792\n"
				    "300,vmA,4,4,1792\n"
				    "0,vmB,0.2,0,0\n"
				    "300,vmB,0.6,0,0\n");
	fx_noted(f, {IMPORT_N_AZ_NOCORES, 1}, {IMPORT_N_AZ_CPU, 5},
		 {IMPORT_N_OVER100, 1}, {IMPORT_N_SNAPPED, 1},
		 {IMPORT_N_MERGED, 1});
	/* VMs the readings lack are not counted in the '>24' note. */
	assert_int_equal(import_noted(f->im, IMPORT_N_AZ_BUCKET), 0);
	free((char *)f->o.vmtable);
}

/* No vmtable: 1 core each (counted); '>24' is 24 cores; header rows. */
static void test_defaults_and_bucket(void **state)
{
	struct fx *f = *state;
	char *path;

	path =
	    fx_file(f, "r.csv", "timestamp,vmid,min,max,avg\n0,vmC,0,0,50\n");
	assert_int_equal(fx_run(f, "azure", NULL, &path, 1), 0);
	assert_string_equal(f->out,
			    "time,vm,cpu,cpu_prov,mem_prov\n0,vmC,0.5,0,0\n");
	assert_int_equal(import_noted(f->im, IMPORT_N_AZ_NOCORES), 1);
	f->o.vmtable = fx_file(f, "vmtable.csv", vmtable);
	assert_int_equal(fx_run(f, "azure", &f->o, &path, 1), 0);
	assert_string_equal(
	    f->out, "time,vm,cpu,cpu_prov,mem_prov\n0,vmC,12,24,71680\n");
	fx_noted(f, {IMPORT_N_AZ_BUCKET, 1}, {IMPORT_N_AZ_NOCORES, 0});
	free((char *)f->o.vmtable);
	free(path);
}

static void test_bad_input(void **state)
{
	static const char *const bad[] = {
	    "0,vmA,1,2\n",		    /* 4 fields */
	    "0,vmA,1,2,x\n",		    /* avg not a number */
	    "0,,1,2,3\n",		    /* empty vmid */
	    "-300,vmA,1,2,3\n",		    /* negative time */
	    "timestamp,vmid,min,max,avg\n", /* no readings */
	};
	static const char *const bad_table[] = {
	    "vmA,s,d,0,1,2,3,4,I,0,1\n", /* 0 cores */
	    "vmA,s,d,0,1,2,3,4,I,2,1\nvmA,s,d,0,1,2,3,4,I,4,1\n",
	    "vmA,s,d,0,1,2,3,4,I,2\n", /* 10 fields */
	};
	struct fx *f = *state;
	char *path;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(fx_run_file(f, "azure", NULL, "r.csv", bad[i]),
				 -EBADMSG);
	}
	path = fx_file(f, "r.csv", "0,vmA,1,2,3\n");
	for (size_t i = 0; i < sizeof(bad_table) / sizeof(bad_table[0]); i++) {
		f->o.vmtable = fx_file(f, "t.csv", bad_table[i]);
		assert_int_equal(fx_run(f, "azure", &f->o, &path, 1), -EBADMSG);
		free((char *)f->o.vmtable);
	}
	f->o.vmtable = fx_path(f, "no-such-vmtable.csv");
	assert_int_equal(fx_run(f, "azure", &f->o, &path, 1), -ENOENT);
	free((char *)f->o.vmtable);
	free(path);
}

static long peak_rss_kib(void)
{
	struct rusage ru;

	assert_int_equal(getrusage(RUSAGE_SELF, &ru), 0);
	return ru.ru_maxrss;
}

/*
 * Readings wait in memory for the vmtable: 270,000 of one VM at one time
 * (merged into one row, so the output is small) took 72 bytes each plus
 * the doubling slack, over 37 MB (the public V1 trace's 1.2 billion,
 * 86 GB at least); a reading now holds 16 bytes (slot, VM, cpu): under
 * 30 MiB with the slack, the sort's copy and a sanitizer's overheads.
 */
static void test_memory_per_reading(void **state)
{
	enum { N = 270000 };
	struct fx *f = *state;
	char *text = malloc((size_t)N * 16 + 1), *p = text, *path;
	long before;

	assert_non_null(text);
	for (int i = 0; i < N; i++)
		p += sprintf(p, "0,v,1,2,%d\n", i % 100);
	path = fx_file(f, "r.csv", text);
	free(text);
	before = peak_rss_kib();
	assert_int_equal(fx_run(f, "azure", NULL, &path, 1), 0);
	assert_in_range(peak_rss_kib() - before, 0, 30 * 1024);
	assert_string_equal(f->out, "time,vm,cpu,cpu_prov,mem_prov\n"
				    "0,v,0.99,0,0\n");
	fx_noted(f, {IMPORT_N_AZ_NOCORES, 1}, {IMPORT_N_AZ_CPU, N},
		 {IMPORT_N_MERGED, N - 1});
	free(path);
}

VMUX_TEST_MAIN(fx_test(test_cores_from_vmtable),
	       fx_test(test_defaults_and_bucket), fx_test(test_bad_input),
	       fx_test(test_memory_per_reading))

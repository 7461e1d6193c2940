/*
 * test_import_planetlab.c - the PlanetLab reader on hand-made day folders.
 * Expected values worked by hand: cpu = % / 100 x cores, time = the
 * folder's UTC midnight + 300 s per line (20110303 = 1299110400 s, as
 * `date -u -d 2011-03-03 +%s` prints).
 */
#include "vmux_test.h"
#include "import_fixture.h"
#include "sim/import/import_planetlab.h"

#include <errno.h>
#include <math.h>

static void test_day_folder(void **state)
{
	struct fx *f = *state;

	/* Names with a space and a comma; CRLF and a trailing blank line. */
	free(fx_file(f, "20110303/vm a", "10\n0\n150\n"));
	free(fx_file(f, "20110303/b,c", "50\r\n7\r\n\r\n"));
	free(fx_file(f, "20110303/.hidden", "1\n"));
	f->o.cores = 2;
	assert_int_equal(fx_run_at(f, "planetlab", &f->o, "20110303"), 0);
	assert_string_equal(f->out, "time,vm,cpu\n"
				    "1299110400,\"b,c\",1\n"
				    "1299110700,\"b,c\",0.14\n"
				    "1299110400,vm a,0.2\n"
				    "1299110700,vm a,0\n"
				    "1299111000,vm a,2\n");
	fx_noted(f, {IMPORT_N_OVER100, 1}, {IMPORT_N_PL_CPU, 5},
		 {IMPORT_N_PL_TIME, 2}, {IMPORT_N_PL_LENGTH, 2},
		 {IMPORT_N_SKIPPED, 1});
}

static void test_start_option_and_days(void **state)
{
	char *paths[3];
	struct fx *f = *state;

	paths[0] = fx_file(f, "trace/x", "100\n");
	/* Undated folder, no --start: the user must say when it starts. */
	assert_int_equal(fx_run(f, "planetlab", &f->o, paths, 1), -EINVAL);
	f->o.start = 1200;
	assert_int_equal(fx_run(f, "planetlab", &f->o, paths, 1), 0);
	assert_string_equal(f->out, "time,vm,cpu\n1200,x,1\n");
	assert_int_equal(import_noted(f->im, IMPORT_N_PL_START), 1);
	assert_int_equal(import_noted(f->im, IMPORT_N_SNAPPED), 0);
	/* Off the 300 s grid: moved to its nearest multiple, counted. */
	f->o.start = 1000;
	assert_int_equal(fx_run(f, "planetlab", &f->o, paths, 1), 0);
	assert_string_equal(f->out, "time,vm,cpu\n900,x,1\n");
	assert_int_equal(import_noted(f->im, IMPORT_N_SNAPPED), 1);
	/* The same VM on two days is two spans of one VM. */
	paths[1] = fx_file(f, "20110306/x", "20\n");
	paths[2] = fx_file(f, "20110303/x", "30\n");
	assert_int_equal(fx_run(f, "planetlab", NULL, paths + 1, 2), 0);
	assert_string_equal(f->out, "time,vm,cpu\n"
				    "1299369600,x,0.2\n"
				    "1299110400,x,0.3\n");
	for (int i = 0; i < 3; i++)
		free(paths[i]);
}

/* A folder of day folders is the whole trace; other entries are skipped. */
static void test_folder_of_days(void **state)
{
	struct fx *f = *state;

	free(fx_file(f, "pl/20110306/x", "20\n"));
	free(fx_file(f, "pl/20110303/x", "30\n40\n"));
	free(fx_file(f, "pl/README", "not data\n"));
	free(fx_file(f, "pl/other/y", "1\n"));
	assert_int_equal(fx_run_at(f, "planetlab", NULL, "pl"), 0);
	assert_string_equal(f->out, "time,vm,cpu\n"
				    "1299110400,x,0.3\n"
				    "1299110700,x,0.4\n"
				    "1299369600,x,0.2\n");
	fx_noted(f, {IMPORT_N_SKIPPED, 2}, {IMPORT_N_PL_TIME, 2});
}

static void test_same_vm_same_day(void **state)
{
	char *paths[2];
	struct fx *f = *state;

	paths[0] = fx_file(f, "a/20110303/x", "1\n");
	paths[1] = fx_file(f, "b/20110303/x", "2\n");
	assert_int_equal(fx_run(f, "planetlab", NULL, paths, 2), -EBADMSG);
	free(paths[0]);
	free(paths[1]);
}

static void test_bad_files(void **state)
{
	static const char *const bad[] = {
	    "1\nabc\n", /* not a number */
	    "1\n-1\n",	/* negative */
	    "1\n\n2\n", /* blank line inside */
	    "",		/* empty */
	    "1\nnan\n", /* not finite */
	    "0x10\n",	/* hex is not decimal */
	};
	struct fx *f = *state;
	char *path;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(
		    fx_run_file(f, "planetlab", NULL, "20110303/v", bad[i]),
		    -EBADMSG);
	}
	assert_int_equal(fx_run_at(f, "planetlab", NULL, "20110303/missing"),
			 -ENOENT);
	path = fx_path(f, "empty");
	mkdir(path, 0755);
	assert_int_equal(fx_run(f, "planetlab", NULL, &path, 1), -EINVAL);
	free(path);
	path = fx_path(f, "20110309");
	mkdir(path, 0755);
	assert_int_equal(fx_run(f, "planetlab", NULL, &path, 1), -EBADMSG);
	free(path);
}

VMUX_TEST_MAIN(fx_test(test_day_folder), fx_test(test_start_option_and_days),
	       fx_test(test_folder_of_days), fx_test(test_same_vm_same_day),
	       fx_test(test_bad_files))

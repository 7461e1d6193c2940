/*
 * test_import.c - the shared parts of the importers: the canonical writer
 * (header, quoting, numbers), notes, the merge of samples on one slot, the
 * string set, and the input helpers (lines, fields, numbers, dates).
 */
#include "vmux_test.h"
#include "import_fixture.h"
#include "sim/import/import_input.h"
#include "sim/import/import_names.h"

#include <errno.h>
#include <math.h>

static void test_writer(void **state)
{
	double v[RES_COUNT] = {1.5, 2048, 0.25, 1e-3};
	const double prov[2] = {2, 4096};
	struct import_opts o;
	struct import *im;
	struct import_summary s;
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);

	(void)state;
	import_opts_init(&o);
	assert_int_equal(import_create("nosuch", &o, mem, &im), -EINVAL);
	assert_int_equal(import_create("bitbrains", &o, mem, &im), 0);
	assert_int_equal(import_row(im, "plain", 300, v, prov), 0);
	assert_int_equal(import_row(im, "a b", 0, v, prov), 0);
	assert_int_equal(import_row(im, "say \"hi\", ok", 1299110400, v, prov),
			 0);
	assert_int_equal(import_row(im, "plain", 600, v, prov), 0);
	fclose(mem);
	assert_string_equal(buf, "time,vm,cpu,mem,disk,net,cpu_prov,mem_prov\n"
				 "300,plain,1.5,2048,0.25,0.001,2,4096\n"
				 "0,a b,1.5,2048,0.25,0.001,2,4096\n"
				 "1299110400,\"say \"\"hi\"\", ok\",1.5,2048,"
				 "0.25,0.001,2,4096\n"
				 "600,plain,1.5,2048,0.25,0.001,2,4096\n");
	import_get_summary(im, &s);
	assert_int_equal(s.vms, 3);
	assert_int_equal(s.rows, 4);
	assert_close(s.first, 0, 0);
	assert_close(s.last, 1299110400, 0);
	import_destroy(im);
	import_destroy(NULL);
	free(buf);
}

static void test_notes_and_opts(void **state)
{
	struct import_opts o;
	struct import *im;
	FILE *mem = fopen("/dev/null", "w");

	(void)state;
	import_opts_init(&o);
	assert_true(isnan(o.start));
	assert_close(o.cores, 1, 0);
	assert_close(o.step, 300, 0);
	assert_true(import_format_known("planetlab"));
	assert_true(import_format_known("alibaba"));
	assert_false(import_format_known("PlanetLab"));
	for (int i = 0; import_format_names[i]; i++) /* the table's names */
		assert_true(import_format_known(import_format_names[i]));
	assert_null(import_format_names[4]);
	assert_int_equal(import_create("azure", &o, mem, &im), 0);
	import_note(im, IMPORT_N_MERGED, 2);
	import_note(im, IMPORT_N_MERGED, 3);
	assert_int_equal(import_noted(im, IMPORT_N_MERGED), 5);
	assert_int_equal(import_noted(im, IMPORT_N_SNAPPED), 0);
	import_destroy(im);
	fclose(mem);
}

static void test_merge_max(void **state)
{
	struct import_sample s[5] = {
	    {.time = 600, .vm = 1, .v = {1, 0, 0, 0}},
	    {.time = 300, .vm = 0, .v = {1, 5, 0, 0}},
	    {.time = 600, .vm = 1, .v = {3, 0, 2, 0}},
	    {.time = 300, .vm = 0, .v = {2, 4, 0, 1}},
	    {.time = 0, .vm = 1, .v = {7, 0, 0, 0}},
	};
	struct import *im;
	FILE *mem = fopen("/dev/null", "w");
	struct import_opts o;

	(void)state;
	import_opts_init(&o);
	assert_int_equal(import_create("bitbrains", &o, mem, &im), 0);
	assert_int_equal(import_merge_max(im, s, 5), 3);
	assert_int_equal(s[0].vm, 0);
	assert_close(s[0].time, 300, 0);
	assert_close(s[0].v[0], 2, 0);
	assert_close(s[0].v[1], 5, 0);
	assert_close(s[0].v[3], 1, 0);
	assert_close(s[1].time, 0, 0);
	assert_close(s[1].v[0], 7, 0);
	assert_close(s[2].time, 600, 0);
	assert_close(s[2].v[0], 3, 0);
	assert_close(s[2].v[2], 2, 0);
	assert_int_equal(import_noted(im, IMPORT_N_MERGED), 2);
	assert_int_equal(import_merge_max(im, s, 0), 0);
	import_destroy(im);
	fclose(mem);
}

static void test_names(void **state)
{
	struct import_names *s;
	char buf[32];
	bool added;

	(void)state;
	assert_int_equal(import_names_create(&s), 0);
	for (int i = 0; i < 5000; i++) {
		snprintf(buf, sizeof(buf), "vm-%d", i);
		assert_int_equal(import_names_intern(s, buf, &added), i);
		assert_true(added);
	}
	assert_int_equal(import_names_intern(s, "vm-42", &added), 42);
	assert_false(added);
	assert_int_equal(import_names_find(s, "vm-4999"), 4999);
	assert_int_equal(import_names_find(s, "vm-5000"), -1);
	assert_string_equal(import_names_get(s, 7), "vm-7");
	assert_int_equal(import_names_count(s), 5000);
	import_names_destroy(s);
	import_names_destroy(NULL);
}

static void test_split_num_snap(void **state)
{
	char line[] = " a ;\tb;;c\t";
	char *f[3];
	struct import_input in = {.path = "x.csv", .line = 7};
	double v;
	size_t n;
	char quoted[] = "\"m,1\" ,\" a \"\"b\"\"\",\"\",7";
	char open[] = "1,\"m_1";
	char after[] = "\"m_1\"x,2";
	char inside[] = "m_1,5\"0";

	(void)state;
	assert_int_equal(import_input_split(&in, line, ';', f, 3, &n), 0);
	assert_int_equal(n, 4);
	assert_string_equal(f[0], "a");
	assert_string_equal(f[1], "b");
	assert_string_equal(f[2], "");
	/* RFC 4180 quotes: the separator and blanks inside are data. */
	assert_int_equal(import_input_split(&in, quoted, ',', f, 3, &n), 0);
	assert_int_equal(n, 4);
	assert_string_equal(f[0], "m,1");
	assert_string_equal(f[1], " a \"b\"");
	assert_string_equal(f[2], "");
	assert_int_equal(import_input_split(&in, open, ',', f, 3, &n),
			 -EBADMSG);
	assert_int_equal(import_input_split(&in, after, ',', f, 3, &n),
			 -EBADMSG);
	/* RFC 4180 quotes a field holding one, as the quoted reader of
	 * lib/csvlist.h takes it: a bare quote is a damaged field. */
	assert_int_equal(import_input_split(&in, inside, ',', f, 3, &n),
			 -EBADMSG);
	assert_int_equal(import_input_num(&in, "n", " 2.5e1 ", &v), -EBADMSG);
	assert_int_equal(import_input_num(&in, "n", "2.5e1", &v), 0);
	assert_close(v, 25, 0);
	assert_int_equal(import_input_num(&in, "n", "-0", &v), 0);
	assert_false(signbit(v));
	assert_int_equal(import_input_num(&in, "n", "", &v), -EBADMSG);
	assert_int_equal(import_input_num(&in, "n", "inf", &v), -EBADMSG);
	assert_int_equal(import_input_num(&in, "n", "1e999", &v), -EBADMSG);
	/* Below the least double: the nearest double, 0, as every reader of
	 * numbers takes it (lib/numtext.h; it was "out of range"); a value
	 * among the subnormals is kept. */
	assert_int_equal(import_input_num(&in, "n", "1e-400", &v), 0);
	assert_true(v == 0 && !signbit(v));
	assert_int_equal(import_input_num(&in, "n", "1e-310", &v), 0);
	assert_true(v > 0 && v < 2e-310);
	assert_int_equal(import_input_num(&in, "n", "-1", &v), -EBADMSG);
	assert_int_equal(import_input_num(&in, "n", "1,5", &v), -EBADMSG);
	/* Nearest multiple, halves up. */
	assert_close(import_snap(1000, 300), 900, 0);
	assert_close(import_snap(1050, 300), 1200, 0);
	assert_close(import_snap(1372629804, 300), 1372629900, 0);
	assert_close(import_snap(1372629749, 300), 1372629600, 0);
}

static void test_dates(void **state)
{
	/* Values from `date -u -d 2011-03-03 +%s` and friends. */
	static const struct parse_case days[] = {
	    {"20110303", 0, 1299110400},
	    {"20110230", -EINVAL, 0},
	    {"2011033", -EINVAL, 0},
	    {"2011-03-03", -EINVAL, 0},
	};
	static const struct parse_case times[] = {
	    {"2011-03-03", 0, 1299110400},
	    {"2013-07-01T00:03:24Z", 0, 1372637004},
	    {"2013-07-01T00:03:24", 0, 1372637004},
	    {"86400.5", 0, 86400.5},
	    {"2013-07-01T25:00:00", -EINVAL, 0},
	    {"tomorrow", -EINVAL, 0},
	    {"", -EINVAL, 0},
	};

	(void)state;
	assert_parses(import_parse_day, PARSE_CASES(days));
	assert_parses(import_parse_time, PARSE_CASES(times));
}

static void test_lines(void **state)
{
	struct import_input in;
	struct fx f;
	char *path, *line;

	(void)state;
	fx_init(&f);
	path = fx_file(&f, "a.txt", "one\r\n  \ntwo\n\n \t\n");
	assert_int_equal(import_input_open(&in, path), 0);
	assert_int_equal(import_input_next(&in, &line), 1);
	assert_string_equal(line, "one");
	/* A blank line followed by data is bad; trailing blanks are not. */
	assert_int_equal(import_input_next(&in, &line), -EBADMSG);
	import_input_close(&in);
	free(path);
	path = fx_file(&f, "b.txt", "one\ntwo\r\n\n\r\n");
	assert_int_equal(import_input_open(&in, path), 0);
	assert_int_equal(import_input_next(&in, &line), 1);
	assert_int_equal(import_input_next(&in, &line), 1);
	assert_string_equal(line, "two");
	assert_int_equal(in.line, 2);
	assert_int_equal(import_input_next(&in, &line), 0);
	import_input_close(&in);
	import_input_close(&in);
	assert_int_equal(import_input_open(&in, f.dir), -EISDIR);
	free(path);
	path = fx_path(&f, "missing");
	assert_int_equal(import_input_open(&in, path), -ENOENT);
	assert_int_equal(import_input_isdir(path), -ENOENT);
	assert_int_equal(import_input_isdir(f.dir), 1);
	free(path);
	fx_done(&f);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_writer),
	       cmocka_unit_test(test_notes_and_opts),
	       cmocka_unit_test(test_merge_max), cmocka_unit_test(test_names),
	       cmocka_unit_test(test_split_num_snap),
	       cmocka_unit_test(test_dates), cmocka_unit_test(test_lines))

/*
 * test_ingest.c - the canonical CSV reader: what it accepts (quoted fields,
 * CRLF, a trailing blank line, columns and rows in any order, a detected or
 * a given step, gaps, several resources) and what it rejects.
 *
 * Every expected matrix is written out by hand beside its input; the gap
 * rule checked is the one sim/store/grid.h states: inside a VM's observed
 * span a missing slot holds the previous sample (counted as filled) when its
 * gap lasts at most INGEST_MAX_HOLD s, a longer gap is 0 (counted in gaps and
 * gap_slots), outside the span the VM demands 0 (counted as absent). Messages
 * for bad input (file, line, field) are checked end to end in
 * tests/e2e/ingest_errors.sh.
 */
#include "vmux_test.h"
#include "sim/store/ingest.h"
#include "sim/store/trace.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Write LEN bytes of TEXT to a new temporary file; its path into PATH. */
static void write_tmp(const char *text, size_t len, char *path)
{
	strcpy(path, "/tmp/vmux-test-ingest-XXXXXX");
	test_temp_file(path, text, len);
}

/* A and B hold the same: grid, VMs, spans, raw values and scales. */
static void assert_same_trace(const struct trace *a, const struct trace *b)
{
	assert_int_equal(trace_nvms(a), trace_nvms(b));
	assert_int_equal(trace_nslots(a), trace_nslots(b));
	assert_true(trace_start(a) == trace_start(b));
	assert_true(trace_step(a) == trace_step(b));
	assert_int_equal(trace_resources(a), trace_resources(b));
	for (size_t v = 0; v < trace_nvms(a); v++) {
		size_t fa, la, fb, lb;

		assert_string_equal(trace_name(a, v), trace_name(b, v));
		trace_span(a, v, &fa, &la);
		trace_span(b, v, &fb, &lb);
		assert_int_equal(fa, fb);
		assert_int_equal(la, lb);
		assert_int_equal(trace_samples(a, v), trace_samples(b, v));
		for (int r = 0; r < RES_COUNT; r++) {
			const float *x = trace_vals(a, (enum res)r, v);
			const float *y = trace_vals(b, (enum res)r, v);

			assert_true(trace_scale(a, (enum res)r, v) ==
				    trace_scale(b, (enum res)r, v));
			assert_true(trace_provisioned(a, (enum res)r, v) ==
				    trace_provisioned(b, (enum res)r, v));
			assert_true(!x == !y);
			if (x)
				assert_memory_equal(x, y, la * sizeof(float));
		}
	}
}

/*
 * Ingest LEN bytes of TEXT with step STEP (0 = detect), in the caller's
 * thread and again by worker threads on tiny blocks (every line boundary
 * a block boundary somewhere): both must give the same.
 */
static int load_n(const char *text, size_t len, double step, struct trace **t,
		  struct ingest_stats *st)
{
	struct ingest_opts o = {.step = step, .quiet = true, .threads = 1};
	struct ingest_opts par = {
	    .step = step, .quiet = true, .threads = 3, .block = 7};
	struct ingest_stats s1 = {0}, s2 = {0};
	struct trace *t2 = NULL;
	char path[64];
	int rc, rc2;

	write_tmp(text, len, path);
	*t = NULL;
	rc = ingest_file(path, &o, t, &s1);
	rc2 = ingest_file(path, &par, &t2, &s2);
	unlink(path);
	assert_int_equal(rc, rc2);
	assert_memory_equal(&s1, &s2, sizeof(s1));
	if (rc < 0) {
		assert_null(*t);
		assert_null(t2);
	} else {
		assert_same_trace(*t, t2);
	}
	trace_destroy(t2);
	if (st)
		*st = s1;
	return rc;
}

static int load(const char *text, double step, struct trace **t,
		struct ingest_stats *st)
{
	return load_n(text, strlen(text), step, t, st);
}

/* VM NAME's resource R over the whole grid, 0 outside its span. */
static double *full_row(const struct trace *t, enum res r, const char *name)
{
	long vm = trace_find(t, name);
	size_t v = (size_t)vm;
	double *row;

	if (vm < 0)
		fail_msg("no VM '%s'", name);
	assert_non_null(trace_vals(t, r, v));
	row = trace_read_rows(t, r, &v, 1, 0, trace_nslots(t));
	assert_non_null(row);
	return row;
}

/*
 * Assert VM NAME's row of resource R equals WANT[0..nslots) exactly (the
 * store keeps short decimals exactly).
 */
static void assert_row(const struct trace *t, enum res r, const char *name,
		       const double *want)
{
	double *row = full_row(t, r, name);

	for (size_t s = 0; s < trace_nslots(t); s++)
		if (row[s] != want[s])
			fail_msg("%s %s slot %zu = %.17g, expected %.17g", name,
				 res_name(r), s, row[s], want[s]);
	free(row);
}

static void test_quoted_crlf_blank_line(void **state)
{
	static const char csv[] = "time,vm,cpu\r\n"
				  "0,\"a,b\",1.5\r\n"
				  "0,\"say \"\"hi\"\"\",0.25\r\n"
				  "300,\"a,b\",2\r\n"
				  "\"300\",\"say \"\"hi\"\"\",\"1e-1\"\r\n"
				  "\r\n";
	static const double ab[] = {1.5, 2}, hi[] = {0.25, 0.1};
	struct ingest_stats st;
	struct trace *t;

	(void)state;
	assert_int_equal(load(csv, 0, &t, &st), 0);
	assert_int_equal(trace_nvms(t), 2);
	assert_int_equal(trace_nslots(t), 2);
	assert_close(trace_start(t), 0, 0);
	assert_close(trace_step(t), 300, 0);
	assert_row(t, RES_CPU, "a,b", ab);
	assert_row(t, RES_CPU, "say \"hi\"", hi);
	assert_int_equal(trace_resources(t), RES_MASK(RES_CPU));
	assert_int_equal(st.rows, 4);
	assert_int_equal(st.filled, 0);
	assert_int_equal(st.absent, 0);
	trace_destroy(t);
}

/* No final newline, spaces around unquoted fields, several number forms. */
static void test_number_forms(void **state)
{
	static const char csv[] = "time,vm,cpu\n"
				  "0, a ,+3\n"
				  "60,a,.5\n"
				  "120,a,5.\n"
				  "180,a,2.5e1\n"
				  "240,a,0.000\n"
				  "300,a,7";
	static const double want[] = {3, 0.5, 5, 25, 0, 7};
	struct trace *t;

	(void)state;
	assert_int_equal(load(csv, 0, &t, NULL), 0);
	assert_int_equal(trace_nslots(t), 6);
	assert_close(trace_step(t), 60, 0);
	assert_row(t, RES_CPU, "a", want);
	trace_destroy(t);
}

/* Header in a shuffled order, rows shuffled, all four resources. */
static void test_columns_and_rows_any_order(void **state)
{
	static const char csv[] = "net,cpu,vm,time,mem,disk\n"
				  "120,0.5,b,1120,2048,30\n"
				  "10,1.5,a,1000,512,0\n"
				  "20,2.5,a,1060,640,5\n"
				  "100,0.25,b,1000,1024,10\n"
				  "30,3.5,a,1120,768,15\n"
				  "110,0.75,b,1060,1536,20\n";
	static const double a_cpu[] = {1.5, 2.5, 3.5},
			    a_mem[] = {512, 640, 768}, a_disk[] = {0, 5, 15},
			    a_net[] = {10, 20, 30};
	static const double b_cpu[] = {0.25, 0.75, 0.5},
			    b_mem[] = {1024, 1536, 2048},
			    b_disk[] = {10, 20, 30}, b_net[] = {100, 110, 120};
	struct ingest_stats st;
	struct trace *t;

	(void)state;
	assert_int_equal(load(csv, 0, &t, &st), 0);
	assert_int_equal(trace_nvms(t), 2);
	assert_int_equal(trace_nslots(t), 3);
	assert_close(trace_start(t), 1000, 0);
	assert_close(trace_step(t), 60, 0);
	assert_int_equal(trace_resources(t), 0xf);
	assert_row(t, RES_CPU, "a", a_cpu);
	assert_row(t, RES_MEM, "a", a_mem);
	assert_row(t, RES_DISK, "a", a_disk);
	assert_row(t, RES_NET, "a", a_net);
	assert_row(t, RES_CPU, "b", b_cpu);
	assert_row(t, RES_MEM, "b", b_mem);
	assert_row(t, RES_DISK, "b", b_disk);
	assert_row(t, RES_NET, "b", b_net);
	assert_int_equal(trace_samples(t, (size_t)trace_find(t, "a")), 3);
	assert_int_equal(st.rows, 6);
	assert_int_equal(st.filled + st.absent, 0);
	trace_destroy(t);
}

static void test_subset_of_resources(void **state)
{
	struct trace *t;

	(void)state;
	assert_int_equal(
	    load("vm,disk,time,cpu\na,4,0,1\na,8,10,2\n", 0, &t, NULL), 0);
	assert_true(trace_has(t, RES_DISK));
	assert_false(trace_has(t, RES_MEM));
	assert_false(trace_has(t, RES_NET));
	assert_null(trace_vals(t, RES_NET, 0));
	assert_close(trace_value(t, RES_DISK, 0, 1), 8, 0);
	trace_destroy(t);
}

/*
 * Samples at 0, 600 and 1200 s: the detected step is 600 (3 slots, no
 * repair). With --step 300 the grid has 5 slots and slots 300 and 900 hold
 * the previous sample: 1 1 2 2 3, two filled. 600 is not a multiple of 250.
 */
static void test_step_detected_vs_given(void **state)
{
	static const char csv[] = "time,vm,cpu\n0,a,1\n600,a,2\n1200,a,3\n";
	static const double d[] = {1, 2, 3}, g[] = {1, 1, 2, 2, 3};
	struct ingest_stats st;
	struct trace *t;

	(void)state;
	assert_int_equal(load(csv, 0, &t, &st), 0);
	assert_close(trace_step(t), 600, 0);
	assert_int_equal(trace_nslots(t), 3);
	assert_row(t, RES_CPU, "a", d);
	assert_int_equal(st.filled, 0);
	trace_destroy(t);

	assert_int_equal(load(csv, 300, &t, &st), 0);
	assert_close(trace_step(t), 300, 0);
	assert_int_equal(trace_nslots(t), 5);
	assert_row(t, RES_CPU, "a", g);
	assert_int_equal(st.filled, 2);
	assert_int_equal(st.absent, 0);
	assert_int_equal(trace_samples(t, 0), 3);
	trace_destroy(t);

	assert_int_equal(load(csv, 250, &t, NULL), -EBADMSG);
}

/*
 * The step is the most common gap between a VM's own consecutive samples:
 * a has gaps 300 300 300, b one of 900, so 300 (not 900, and not the gap
 * between distinct times of different VMs). b: 5 at 0, held over 300 and
 * 600, 6 at 900.
 */
static void test_step_most_common_gap(void **state)
{
	static const char csv[] = "time,vm,cpu\n0,b,5\n900,b,6\n0,a,1\n"
				  "300,a,1\n600,a,1\n900,a,1\n";
	static const double b[] = {5, 5, 5, 6};
	struct ingest_stats st;
	struct trace *t;

	(void)state;
	assert_int_equal(load(csv, 0, &t, &st), 0);
	assert_close(trace_step(t), 300, 0);
	assert_row(t, RES_CPU, "b", b);
	assert_int_equal(st.filled, 2);
	trace_destroy(t);

	/* Decimal seconds: gaps of 0.5 s. */
	assert_int_equal(
	    load("time,vm,cpu\n10,a,1\n10.5,a,2\n11,a,3\n11.5,a,4\n", 0, &t,
		 NULL),
	    0);
	assert_close(trace_step(t), 0.5, 0);
	assert_close(trace_start(t), 10, 0);
	assert_int_equal(trace_nslots(t), 4);
	trace_destroy(t);
}

/* No VM has two samples: the most common gap between distinct times
 * (300, 300, 600 -> 300), so 5 slots; each VM is absent from four. */
static void test_step_one_sample_each(void **state)
{
	static const char csv[] = "time,vm,cpu\n0,a,1\n300,b,2\n600,c,3\n"
				  "1200,d,4\n";
	static const double d[] = {0, 0, 0, 0, 4};
	struct ingest_stats st;
	struct trace *t;

	(void)state;
	assert_int_equal(load(csv, 0, &t, &st), 0);
	assert_close(trace_step(t), 300, 0);
	assert_int_equal(trace_nslots(t), 5);
	assert_row(t, RES_CPU, "d", d);
	assert_int_equal(st.filled, 0);
	assert_int_equal(st.absent, 4 * 5 - 4);
	trace_destroy(t);
}

/*
 * Gap rule with two resources, start 1000, step 300 (5 slots):
 *   a: 1000 (1,10) 1300 (2,20) [1600 missing] 1900 (4,40) 2200 (5,50)
 *   b:                         1600 (7,70)   1900 (8,80)
 * a's slot 1600 holds 1300's sample for both resources (1 filled); b is 0
 * before 1600 and after 1900 (3 absent).
 */
static void test_gaps(void **state)
{
	static const char csv[] = "time,vm,cpu,mem\n"
				  "1900,b,8,80\n1000,a,1,10\n1300,a,2,20\n"
				  "1900,a,4,40\n2200,a,5,50\n1600,b,7,70\n";
	static const double a_cpu[] = {1, 2, 2, 4, 5},
			    a_mem[] = {10, 20, 20, 40, 50};
	static const double b_cpu[] = {0, 0, 7, 8, 0},
			    b_mem[] = {0, 0, 70, 80, 0};
	struct ingest_stats st;
	struct trace *t;

	(void)state;
	assert_int_equal(load(csv, 0, &t, &st), 0);
	assert_close(trace_start(t), 1000, 0);
	assert_close(trace_step(t), 300, 0);
	assert_int_equal(trace_nslots(t), 5);
	assert_row(t, RES_CPU, "a", a_cpu);
	assert_row(t, RES_MEM, "a", a_mem);
	assert_row(t, RES_CPU, "b", b_cpu);
	assert_row(t, RES_MEM, "b", b_mem);
	assert_int_equal(st.rows, 6);
	assert_int_equal(st.filled, 1);
	assert_int_equal(st.absent, 3);
	assert_int_equal(trace_samples(t, (size_t)trace_find(t, "a")), 4);
	assert_int_equal(trace_samples(t, (size_t)trace_find(t, "b")), 2);
	trace_destroy(t);
}

/*
 * The hold limit, step 300 s: a sample at 0 s and the next after 12
 * missing slots (3900 s, a 1 h gap) holds 1 over those 12; after 13
 * missing slots (4200 s, 65 min) the VM is absent there: 0 over 13, one
 * gap of 13 slots counted. Sample values 1 then 2, by hand.
 */
static void test_gap_limit(void **state)
{
	struct ingest_stats st;
	double want[16];
	struct trace *t;

	(void)state;
	assert_close(INGEST_MAX_HOLD, 3600, 0);
	assert_int_equal(
	    load("time,vm,cpu,mem\n0,a,1,5\n3900,a,2,6\n", 300, &t, &st), 0);
	assert_int_equal(trace_nslots(t), 14);
	for (int i = 0; i < 14; i++)
		want[i] = i < 13 ? 1 : 2;
	assert_row(t, RES_CPU, "a", want);
	for (int i = 0; i < 14; i++)
		want[i] = i < 13 ? 5 : 6;
	assert_row(t, RES_MEM, "a", want);
	assert_int_equal(st.filled, 12);
	assert_int_equal(st.gaps, 0);
	assert_int_equal(st.gap_slots, 0);
	trace_destroy(t);

	assert_int_equal(load("time,vm,cpu,mem\n0,a,1,5\n4200,a,2,6\n"
			      "4500,a,3,7\n",
			      300, &t, &st),
			 0);
	assert_int_equal(trace_nslots(t), 16);
	memset(want, 0, sizeof(want));
	want[0] = 1, want[14] = 2, want[15] = 3;
	assert_row(t, RES_CPU, "a", want);
	want[0] = 5, want[14] = 6, want[15] = 7;
	assert_row(t, RES_MEM, "a", want);
	assert_int_equal(st.filled, 0);
	assert_int_equal(st.gaps, 1);
	assert_int_equal(st.gap_slots, 13);
	assert_int_equal(st.absent, 0);
	trace_destroy(t);

	/* Step 3600 s: one missing slot is an hour, held; two are not. */
	assert_int_equal(
	    load("time,vm,cpu\n0,a,1\n7200,a,2\n18000,a,3\n", 3600, &t, &st),
	    0);
	assert_int_equal(st.filled, 1);
	assert_int_equal(st.gap_slots, 2);
	assert_close(trace_value(t, RES_CPU, 0, 1), 1, 0);
	assert_close(trace_value(t, RES_CPU, 0, 3), 0, 0);
	trace_destroy(t);
}

/* Values up to the store's limits are read; one step above is refused. */
static void test_limits(void **state)
{
	static const char *const bad[] = {
	    "time,vm,cpu\n100000000001,a,1\n",
	    "time,vm,cpu\n0,a,1000001\n",
	    "time,vm,cpu,mem\n0,a,1,1.000001e12\n",
	    "time,vm,cpu,disk\n0,a,1,1e300\n",
	    "time,vm,cpu,net\n0,a,1,2e12\n",
	};
	struct trace *t;

	(void)state;
	assert_close(trace_limit(RES_CPU), 1e6, 0);
	assert_close(trace_limit(RES_MEM), 1e12, 0);
	assert_int_equal(load("time,vm,cpu,mem,disk,net\n"
			      "100000000000,a,1000000,1e12,1e12,1e12\n",
			      0, &t, NULL),
			 0);
	trace_destroy(t);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (load(bad[i], 0, &t, NULL) != -EBADMSG)
			fail_msg("accepted bad input %zu: %s", i, bad[i]);
}

/* Ingest CSV (QUIET or not) and capture what it writes to stderr. */
static void capture_stderr(char *buf, size_t size, const char *csv, bool quiet)
{
	struct ingest_opts o = {.quiet = quiet};
	char path[64], cap[64];
	struct trace *t = NULL;
	int saved = dup(2), fd;
	ssize_t n;

	write_tmp(csv, strlen(csv), path);
	write_tmp("", 0, cap);
	fd = open(cap, O_WRONLY);
	assert_true(saved >= 0 && fd >= 0);
	fflush(stderr);
	dup2(fd, 2);
	assert_int_equal(ingest_file(path, &o, &t, NULL), 0);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	close(fd);
	fd = open(cap, O_RDONLY);
	n = read(fd, buf, size - 1);
	buf[n > 0 ? n : 0] = '\0';
	close(fd);
	unlink(cap);
	unlink(path);
	trace_destroy(t);
}

/* The repair counts of test_gaps appear in one warning, unless quiet. */
static void test_gap_warning(void **state)
{
	static const char csv[] = "time,vm,cpu\n1000,a,1\n1300,a,2\n1900,a,4\n"
				  "2200,a,5\n1600,b,7\n1900,b,8\n";
	char buf[512];

	(void)state;
	capture_stderr(buf, sizeof(buf), csv, false);
	assert_non_null(strstr(buf, "warning"));
	assert_non_null(strstr(buf, "1 slot inside"));
	assert_non_null(strstr(buf, "3 slots outside"));
	capture_stderr(buf, sizeof(buf), csv, true);
	assert_string_equal(buf, "");
	capture_stderr(buf, sizeof(buf), "time,vm,cpu\n0,a,1\n5,a,1\n", false);
	assert_string_equal(buf, "");
}

/* Distinct times of different VMs may share a slot (within 1e-6 of a
 * step); the sample goes to the nearest grid point. */
static void test_near_times_other_vms(void **state)
{
	static const char csv[] = "time,vm,cpu\n0,a,1\n300,a,1\n600,a,5\n"
				  "300.0000001,b,9\n";
	static const double b[] = {0, 9, 0};
	struct trace *t;

	(void)state;
	assert_int_equal(load(csv, 0, &t, NULL), 0);
	assert_int_equal(trace_nslots(t), 3);
	assert_row(t, RES_CPU, "b", b);
	trace_destroy(t);
}

/*
 * 700 VMs x 30 slots (more VMs than the first hash table holds) in three
 * row orders: by time, by VM, and scrambled (row i -> 7919 i mod N, 7919
 * prime to N = 21000). cpu of VM v at slot s is v + s/8, exact in decimal.
 */
static char *many_rows(int order, size_t *len)
{
	const int nv = 700, ns = 30, n = nv * ns;
	char *buf = malloc((size_t)n * 40 + 64), *p = buf;

	assert_non_null(buf);
	p += sprintf(p, "cpu,vm,time\n");
	for (int i = 0; i < n; i++) {
		int j = order == 2 ? (int)((7919LL * i) % n) : i;
		int v = order == 1 ? j / ns : j % nv;
		int s = order == 1 ? j % ns : j / nv;

		p +=
		    sprintf(p, "%.3f,vm%d,%d\n", v + s / 8.0, v, 3600 + 60 * s);
	}
	*len = (size_t)(p - buf);
	return buf;
}

static void test_many_vms_any_order(void **state)
{
	(void)state;
	for (int order = 0; order < 3; order++) {
		size_t len;
		char *csv = many_rows(order, &len), name[16];
		struct ingest_stats st;
		struct trace *t;

		assert_int_equal(load_n(csv, len, 0, &t, &st), 0);
		free(csv);
		assert_int_equal(trace_nvms(t), 700);
		assert_int_equal(trace_nslots(t), 30);
		assert_close(trace_step(t), 60, 0);
		assert_int_equal(st.rows, 21000);
		for (int v = 0; v < 700; v++) {
			double *row;

			snprintf(name, sizeof(name), "vm%d", v);
			row = full_row(t, RES_CPU, name);
			for (int s = 0; s < 30; s++)
				assert_close(row[s], v + s / 8.0, 0);
			free(row);
		}
		trace_destroy(t);
	}
}

/*
 * The LEN bytes of BUF (freed here) ingested by two threads in blocks of
 * BLOCK bytes into *T, which must be the store the one-thread ingest
 * gives.
 */
static void load_split(char *buf, size_t len, size_t block, struct trace **t)
{
	struct ingest_opts one = {.quiet = true, .threads = 1};
	struct ingest_opts two = {.quiet = true, .threads = 2, .block = block};
	struct trace *t1 = NULL;
	char path[64];

	write_tmp(buf, len, path);
	free(buf);
	*t = NULL;
	assert_int_equal(ingest_file(path, &two, t, NULL), 0);
	assert_int_equal(ingest_file(path, &one, &t1, NULL), 0);
	unlink(path);
	assert_same_trace(*t, t1);
	trace_destroy(t1);
}

/*
 * A fleet in time order with more VMs than a block has rows (6,000 VMs x
 * 12 slots, cpu and mem, ~1.6 MB in blocks of 256 KiB): every block's
 * names are VMs of their own, so past the first two slots the threaded
 * ingest stores each block's VMs split among its threads (take.c). cpu of
 * VM v at slot s is v mod 97 + s/8 (the scale rises from 2 to 3 decimals
 * at slot 3, after the split began), mem 2v + s: written by hand, the
 * expectation; the single-thread ingest must give the same store.
 */
static void test_split_storing(void **state)
{
	const int nv = 6000, ns = 12;
	char *buf = malloc((size_t)nv * ns * 40 + 64), *p = buf;
	struct trace *t;

	(void)state;
	assert_non_null(buf);
	p += sprintf(p, "time,vm,cpu,mem\n");
	for (int s = 0; s < ns; s++)
		for (int v = 0; v < nv; v++)
			p += sprintf(p, "%d,vm%d,%g,%d\n", 300 * s, v,
				     v % 97 + s / 8.0, 2 * v + s);
	load_split(buf, (size_t)(p - buf), 256 << 10, &t);
	assert_int_equal(trace_nvms(t), nv);
	assert_int_equal(trace_nslots(t), ns);
	for (int v = 0; v < nv; v++) {
		char name[16];
		size_t vm;

		snprintf(name, sizeof(name), "vm%d", v);
		assert_true(trace_find(t, name) == v);
		vm = (size_t)v;
		for (int s = 0; s < ns; s++) {
			assert_close(trace_value(t, RES_CPU, vm, (size_t)s),
				     v % 97 + s / 8.0, 0);
			assert_close(trace_value(t, RES_MEM, vm, (size_t)s),
				     2 * v + s, 0);
		}
	}
	trace_destroy(t);
}

/*
 * As test_split_storing, with VMs born and ending throughout (Azure's
 * shape): VM v lives in slots [v mod 6, 12 - v mod 4), so every block has
 * VMs with fewer than two samples, which the threads leave to the reading
 * thread. cpu of VM v at slot s is v mod 89 + s/4 where it lives, else 0.
 */
static void test_split_storing_births(void **state)
{
	const int nv = 6000, ns = 12;
	char *buf = malloc((size_t)nv * ns * 32 + 64), *p = buf;
	struct trace *t;

	(void)state;
	assert_non_null(buf);
	p += sprintf(p, "time,vm,cpu\n");
	for (int s = 0; s < ns; s++)
		for (int v = 0; v < nv; v++)
			if (s >= v % 6 && s < 12 - v % 4)
				p += sprintf(p, "%d,vm%d,%g\n", 300 * s, v,
					     v % 89 + s / 4.0);
	load_split(buf, (size_t)(p - buf), 128 << 10, &t);
	assert_int_equal(trace_nvms(t), nv);
	assert_int_equal(trace_nslots(t), ns);
	for (int v = 0; v < nv; v++) {
		char name[16];
		double *row;

		snprintf(name, sizeof(name), "vm%d", v);
		row = full_row(t, RES_CPU, name);
		for (int s = 0; s < ns; s++)
			assert_close(
			    row[s],
			    s >= v % 6 && s < 12 - v % 4 ? v % 89 + s / 4.0 : 0,
			    0);
		free(row);
	}
	trace_destroy(t);
}

/* One process as a group (struct ingest_comm), for ingest_runs(). */
static int solo_reduce(void *ctx, int64_t *v, size_t n, enum ingest_op op)
{
	(void)ctx;
	(void)v;
	(void)n;
	(void)op;
	return 0;
}

static int solo_allgather(void *ctx, const void *buf, size_t len, char **all,
			  size_t *lens)
{
	(void)ctx;
	*all = malloc(len ? len : 1);
	assert_non_null(*all);
	memcpy(*all, buf, len);
	lens[0] = len;
	return 0;
}

static int solo_exchange(void *ctx, const char *const *send,
			 const size_t *scount, char **recv, size_t *rcount)
{
	(void)ctx;
	(void)send;
	(void)scount;
	*recv = malloc(1);
	rcount[0] = 0;
	return *recv ? 0 : -ENOMEM;
}

/* A text given to ingest_runs() as its header line, then its data lines
 * as one segmented run: segments of 1, 2, ..., 7 lines (or, ONE, a
 * single segment), segment j placed 3 j lines further down the file than
 * its text is (as if other processes' lines came between). */
struct segs {
	char *text;
	size_t hlen, len;
	struct ingest_seg seg[8000];
	size_t nseg;
	int given;
};

static void split_segs(struct segs *g, char *text, size_t len, bool one)
{
	char *s = strchr(text, '\n') + 1, *e = text + len;
	uint64_t line = 2;

	*g =
	    (struct segs){.text = text, .hlen = (size_t)(s - text), .len = len};
	while (s < e) {
		struct ingest_seg *x = &g->seg[g->nseg];

		assert_true(g->nseg < 8000);
		*x = (struct ingest_seg){line + 3 * g->nseg, 0, 0};
		for (; s < e && (one || x->lines < 1 + g->nseg % 7);
		     x->lines++) {
			char *nl = strchr(s, '\n') + 1;

			x->len += (uint64_t)(nl - s);
			s = nl;
		}
		line += x->lines;
		g->nseg++;
	}
}

/* The file line of data line D (0 = line 2) as split_segs() places it. */
static unsigned long seg_line(const struct segs *g, uint64_t d)
{
	for (size_t j = 0;; d -= g->seg[j++].lines)
		if (d < g->seg[j].lines)
			return (unsigned long)(g->seg[j].line + d);
}

static bool next_seg(void *ctx, struct ingest_run *run)
{
	struct segs *g = ctx;

	if (g->given == 0)
		*run = (struct ingest_run){g->text, g->hlen, 1, NULL, 0};
	else if (g->given == 1)
		*run = (struct ingest_run){g->text + g->hlen, g->len - g->hlen,
					   0, g->seg, g->nseg};
	g->given++;
	return g->given <= 2;
}

/* TEXT through ingest_runs() in segments; what it printed into ERR. */
static int load_segs(char *text, size_t len, bool one, struct segs *g,
		     struct trace **t, char *err, size_t size)
{
	struct ingest_comm c = {.size = 1,
				.reduce = solo_reduce,
				.allgather = solo_allgather,
				.exchange = solo_exchange};
	struct ingest_opts o = {.quiet = true};
	int fd, saved, rc;

	split_segs(g, text, len, one);
	saved = test_capture_stderr(&fd);
	rc = ingest_runs("f.csv", next_seg, g, 0, &c, &o, t, NULL);
	test_release_stderr(saved, fd, err, size);
	return rc;
}

/* Where data line D (0: the line after the header) of TEXT starts. */
static char *data_line(char *text, int d)
{
	for (int i = 0; i <= d; i++)
		text = strchr(text, '\n') + 1;
	return text;
}

/*
 * Segmented runs (the partitioned ingest's): the store is the one the
 * file gives, and a row's errors name its line in the file, past the
 * first block of rows (where a block starts inside a segment).
 */
static void test_segmented_runs(void **state)
{
	size_t len, dup;
	char *csv, err[512], want[64], *at;
	struct segs *g = malloc(sizeof(*g));
	struct trace *t, *ref;

	(void)state;
	assert_non_null(g);
	for (int one = 0; one < 2; one++) {
		csv = many_rows(2, &len);
		assert_int_equal(load_n(csv, len, 0, &ref, NULL), 0);
		assert_int_equal(
		    load_segs(csv, len, one, g, &t, err, sizeof(err)), 0);
		assert_same_trace(t, ref);
		trace_destroy(t);
		trace_destroy(ref);
		free(csv);
		/* data line 15000 made bad: "x" for its cpu */
		csv = many_rows(2, &len);
		data_line(csv, 15000)[0] = 'x';
		t = NULL;
		assert_int_equal(
		    load_segs(csv, len, one, g, &t, err, sizeof(err)),
		    -EBADMSG);
		assert_null(t);
		snprintf(want, sizeof(want), "f.csv:%lu: field 'cpu'",
			 seg_line(g, 15000));
		assert_holds_all(err, want, NULL);
		free(csv);
		/* data line 5 again at the end (data line 21000) */
		csv = many_rows(2, &len);
		at = data_line(csv, 5);
		dup = (size_t)(strchr(at, '\n') + 1 - at);
		memcpy(csv + len, at, dup);
		assert_int_equal(
		    load_segs(csv, len + dup, one, g, &t, err, sizeof(err)),
		    -EBADMSG);
		snprintf(want, sizeof(want),
			 "f.csv:%lu: field 'time': duplicate",
			 seg_line(g, 21000));
		assert_holds_all(err, want, NULL);
		free(csv);
	}
	free(g);
}

/* One VM over 3000 distinct times (more than the first time table). */
static void test_many_times(void **state)
{
	char *csv = malloc(3000 * 32 + 32), *p = csv;
	struct trace *t;

	(void)state;
	assert_non_null(csv);
	p += sprintf(p, "time,vm,cpu\n");
	for (int i = 2999; i >= 0; i--)
		p += sprintf(p, "%d,x,%d\n", 1372636800 + 300 * i, i % 17);
	assert_int_equal(load_n(csv, (size_t)(p - csv), 0, &t, NULL), 0);
	free(csv);
	assert_int_equal(trace_nslots(t), 3000);
	assert_close(trace_start(t), 1372636800, 0);
	for (int i = 0; i < 3000; i++)
		assert_close(trace_value(t, RES_CPU, 0, (size_t)i), i % 17, 0);
	trace_destroy(t);
}

/*
 * One VM's 9 rows (slots 0-4, 6, 9, 10, 30 of 300 s: a held slot, a held
 * pair and a gap of 19 > 12 slots) and another VM's 2, in four orders: by
 * time, reversed, scrambled, and the far rows first (the VM's grid starts
 * at 9000 s apart and is refined). Every order gives the same store and
 * counts; values are exact (decimal).
 */
static void test_row_orders(void **state)
{
	static const int slot[9] = {2, 0, 1, 3, 4, 6, 9, 10, 30};
	static const char *const val[9] = {"0.25", "0.5",   "0.125", "1",   "2",
					   "0.1",  "0.375", "0.7",   "12.5"};
	static const int order[4][9] = {{1, 2, 0, 3, 4, 5, 6, 7, 8},
					{8, 7, 6, 5, 4, 3, 0, 2, 1},
					{5, 8, 2, 7, 0, 4, 6, 1, 3},
					{8, 1, 6, 0, 2, 3, 4, 5, 7}};
	double want[31] = {0};
	struct ingest_stats st;
	char csv[1024], *p;
	struct trace *t;

	(void)state;
	for (int i = 0; i < 9; i++)
		want[slot[i]] = atof(val[i]);
	want[5] = want[4];	     /* one slot held */
	want[7] = want[8] = want[6]; /* two held */
	for (int k = 0; k < 4; k++) {
		p = csv + sprintf(csv, "time,vm,cpu\n");
		for (int i = 0; i < 9; i++) {
			int j = order[k][i];

			if (i == 4)
				p += sprintf(p, "600,b,1\n3000,b,2\n");
			p += sprintf(p, "%d,a,%s\n", 300 * slot[j], val[j]);
		}
		assert_int_equal(load(csv, 0, &t, &st), 0);
		assert_close(trace_step(t), 300, 0);
		assert_int_equal(trace_nslots(t), 31);
		assert_row(t, RES_CPU, "a", want);
		assert_int_equal(trace_samples(t, (size_t)trace_find(t, "a")),
				 9);
		assert_int_equal(st.filled, 3 + 7); /* a: 3; b: slots 3-9 */
		assert_int_equal(st.gaps, 1 + 0);
		assert_int_equal(st.gap_slots, 19);
		assert_int_equal(st.absent, 0 + 31 - 9);
		trace_destroy(t);
	}
}

/*
 * Time-sorted rows whose live VMs change from slot to slot (one ends, one
 * starts, the order flips): names are guessed from the order of the slot
 * before, so each row must still reach its own VM. VM v's value at slot s
 * is 10 v + s where it lives; a VM lives from its first to its last row.
 */
static void test_live_set_changes(void **state)
{
	static const int order[6][6] = {
	    {0, 1, 2, 3, 4, -1}, {0, 1, 2, 3, 4, -1}, {0, 1, 3, 4, -1},
	    {4, 5, 3, 1, 0, -1}, {4, 5, 3, 1, 0, -1}, {5, 0, 1, -1}};
	double want[6][6] = {{0}};
	char csv[2048], *p = csv + sprintf(csv, "time,vm,cpu\n"), name[8];
	struct trace *t;

	(void)state;
	for (int s = 0; s < 6; s++)
		for (int i = 0; order[s][i] >= 0; i++) {
			int v = order[s][i];

			p += sprintf(p, "%d,vm%d,%d\n", 300 * s, v, 10 * v + s);
			want[v][s] = 10 * v + s;
		}
	assert_int_equal(load(csv, 0, &t, NULL), 0);
	assert_int_equal(trace_nvms(t), 6);
	assert_int_equal(trace_nslots(t), 6);
	for (int v = 0; v < 6; v++) {
		sprintf(name, "vm%d", v);
		if (v == 2)
			want[v][2] = 0; /* ended at slot 1 */
		if (v == 3 || v == 4)
			want[v][5] = 0; /* ended at slot 4 */
		assert_row(t, RES_CPU, name, want[v]);
	}
	trace_destroy(t);
}

/*
 * Values come back as the doubles their text reads as when a VM's values
 * have at most 7 significant digits, else as the nearest floats.
 */
static void test_value_precision(void **state)
{
	static const double a[] = {0.1, 0.25, 1234.567};
	static const double b[] = {835.5820312, 0.01, 3};
	struct trace *t;
	double *row;

	(void)state;
	assert_int_equal(load("time,vm,cpu\n0,a,0.1\n300,a,.25\n600,a,"
			      "1234.567\n0,b,835.5820312\n300,b,0.01\n"
			      "600,b,3\n",
			      0, &t, NULL),
			 0);
	assert_row(t, RES_CPU, "a", a);
	row = full_row(t, RES_CPU, "b");
	for (int i = 0; i < 3; i++)
		assert_true(row[i] == (double)(float)b[i]);
	free(row);
	trace_destroy(t);
}

/*
 * Times that are not whole seconds (step 0.1 s from 12.5, shuffled) land
 * on their slots.
 */
static void test_fraction_times(void **state)
{
	static const int k[6] = {3, 0, 5, 1, 4, 2};
	double want[6];
	char csv[512], *p = csv + sprintf(csv, "time,vm,cpu\n");
	struct trace *t;

	(void)state;
	for (int i = 0; i < 6; i++) {
		p += sprintf(p, "%.1f,x,%d\n", 12.5 + 0.1 * k[i], k[i] + 1);
		want[i] = i + 1;
	}
	assert_int_equal(load(csv, 0, &t, NULL), 0);
	assert_int_equal(trace_nslots(t), 6);
	assert_close(trace_step(t), 0.1, 1e-9);
	assert_row(t, RES_CPU, "x", want);
	trace_destroy(t);
}

/* cpu_prov and mem_prov: each VM's largest; 0 without the columns. */
static void test_provisioned(void **state)
{
	struct trace *t;

	(void)state;
	assert_int_equal(
	    load("time,vm,cpu,cpu_prov,mem_prov\n0,a,1,4,8192\n300,a,1,8,"
		 "4096\n0,b,0.5,0,0\n",
		 0, &t, NULL),
	    0);
	assert_close(trace_provisioned(t, RES_CPU, 0), 8, 0);
	assert_close(trace_provisioned(t, RES_MEM, 0), 8192, 0);
	assert_close(trace_provisioned(t, RES_CPU, 1), 0, 0);
	assert_false(trace_has(t, RES_MEM));
	trace_destroy(t);
	assert_int_equal(load("time,vm,cpu\n0,a,1\n", 0, &t, NULL), 0);
	assert_close(trace_provisioned(t, RES_CPU, 0), 0, 0);
	trace_destroy(t);
}

/* Bad input returns -EBADMSG and no store; a missing file -ENOENT. */
static void test_rejects(void **state)
{
	static const char *const bad[] = {
	    "",
	    "time,vm,cpu\n",
	    "vm,cpu\na,1\n",
	    "time,cpu\n0,1\n",
	    "time,vm\n0,a\n",
	    "time,vm,cpu,gpu\n0,a,1,1\n",
	    "time,vm,cpu,\n0,a,1,\n",
	    "time,vm,cpu,cpu\n0,a,1,1\n",
	    "time,vm,cpu\n0,a,one\n",
	    "time,vm,cpu\n0,a,-1\n",
	    "time,vm,cpu\n0,a,nan\n",
	    "time,vm,cpu\n0,a,inf\n",
	    "time,vm,cpu\n0,a,0x10\n",
	    "time,vm,cpu\n0,a,\n",
	    "time,vm,cpu\n0,,1\n",
	    "time,vm,cpu\n0,a,1\n300,a,1\n450,a,1\n",
	    "time,vm,cpu\n0,a,1\n300,a,1\n0,a,2\n",
	    "time,vm,cpu\n0,a,1\n300,a,1\n-0,a,2\n",
	    "time,vm,cpu\n0,a,1\n300,a,1\n300.0000001,a,2\n",
	    "time,vm,cpu\n0,a,1\n1,a,1\n2000000000,a,1\n",
	    "time,vm,cpu\n0,\"a,1\n300,a,2\n",
	    "time,vm,cpu\n0,a,1,2\n",
	    "time,vm,cpu\n0,a\n",
	    "time,vm,cpu\nyesterday,a,1\n",
	};
	struct trace *t;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (load(bad[i], 0, &t, NULL) != -EBADMSG)
			fail_msg("accepted bad input %zu: %s", i, bad[i]);
	assert_int_equal(
	    load_n("time,vm,cpu\n0,a,1\n3\0000,a,1\n", 26, 0, &t, NULL),
	    -EBADMSG);
	/* in the header too, which the threaded path reads by itself (a
	 * fuzz find: it took "cpu\0\0" for "cpu") */
	assert_int_equal(
	    load_n("time,vm,cpu\0\0\r\n0,a,1\r\n300,a,2\r\n", 31, 0, &t, NULL),
	    -EBADMSG);
	t = NULL;
	assert_int_equal(ingest_file("/nonexistent/trace.csv", NULL, &t, NULL),
			 -ENOENT);
	assert_null(t);
}

VMUX_TEST_MAIN(
    cmocka_unit_test(test_quoted_crlf_blank_line),
    cmocka_unit_test(test_number_forms),
    cmocka_unit_test(test_columns_and_rows_any_order),
    cmocka_unit_test(test_subset_of_resources),
    cmocka_unit_test(test_step_detected_vs_given),
    cmocka_unit_test(test_step_most_common_gap),
    cmocka_unit_test(test_step_one_sample_each), cmocka_unit_test(test_gaps),
    cmocka_unit_test(test_gap_warning), cmocka_unit_test(test_gap_limit),
    cmocka_unit_test(test_limits), cmocka_unit_test(test_near_times_other_vms),
    cmocka_unit_test(test_many_vms_any_order),
    cmocka_unit_test(test_split_storing),
    cmocka_unit_test(test_split_storing_births),
    cmocka_unit_test(test_many_times), cmocka_unit_test(test_row_orders),
    cmocka_unit_test(test_live_set_changes),
    cmocka_unit_test(test_value_precision),
    cmocka_unit_test(test_fraction_times), cmocka_unit_test(test_provisioned),
    cmocka_unit_test(test_rejects), cmocka_unit_test(test_segmented_runs))

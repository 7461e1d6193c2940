/*
 * test_simulate.c - the simulator on cases small enough to work by hand:
 *
 *  - PABFD on 3 hosts (1 x 2000 MIPS; watts 100 110 115 118 120 122 124
 *    126 130 140 200): host 0 off, host 1 at 1000 MIPS (u .5), host 2 at
 *    1400 (u .7). A 500-MIPS VM costs 116.5 - 100 = 16.5 W on host 0 (idle
 *    power charged, CloudSim) or 116.5 W (vmux), 128 - 122 = 6 W on
 *    host 1; host 2 would reach 0.95 > THR 0.8. So host 1, then host 0 if
 *    host 1 is excluded or THR is 0.7.
 *  - migration timing on 2 hosts (2 x 2500 MIPS, watts 100 + 100 u), 3
 *    VMs at a constant 20 %: VM0 (870 MB) alone on host 0 moves to host 1
 *    at 300.1 s and arrives 870 / 62.5 = 13.92 s later.
 *  - the metric integrals on 2 hosts (2 x 2000 MIPS), 3 VMs, 3 ticks with
 *    a fixed placement: an over-requesting VM, a VM that drops to 0 %.
 *  - determinism: the same seed gives the same result.
 */
#include "vmux_test.h"

#include "sim/simulate/catalogue.h"
#include "sim/simulate/dc.h"
#include "sim/simulate/optimize.h"
#include "sim/simulate/tent.h"
#include "sim/simulate/simulate.h"
#include "sim/simulate/workload.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct catalogue *catalogue(const char *row)
{
	char path[] = "/tmp/vmux-test-catXXXXXX";
	int fd = mkstemp(path);
	FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;
	struct catalogue *c = NULL;

	assert_non_null(fp);
	fprintf(fp,
		"type,count,cores,mips,ram_mb,bw_kbps,p0,p10,p20,p30,p40,"
		"p50,p60,p70,p80,p90,p100\n%s\n",
		row);
	fclose(fp);
	assert_int_equal(catalogue_load(path, &c), 0);
	unlink(path);
	return c;
}

static struct workload *constant(size_t n, size_t ns, const double *u)
{
	double *rows = malloc(n * ns * sizeof(*rows));
	const double *s[8];
	struct workload *w = NULL;

	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < ns; k++)
			rows[i * ns + k] = u[i];
		s[i] = rows + i * ns;
	}
	assert_int_equal(workload_from(n, ns, s, &w), 0);
	free(rows);
	return w;
}

static void pabfd_three_hosts(void **state)
{
	struct catalogue *cat = catalogue(
	    "t,3,1,2000,4096,1000000,100,110,115,118,120,122,124,126,130,"
	    "140,200");
	struct workload *w = constant(4, 4, (double[]){.5, .5, .5, .5});
	struct sim_config cfg;
	struct dc d;
	bool ex[3] = {false, true, false};

	(void)state;
	simulate_defaults(&cfg, SIM_MODEL_CLOUDSIM);
	assert_int_equal(dc_init(&d, w, cat, &cfg), 0);
	dc_attach(&d, 1, 2, false);
	dc_attach(&d, 2, 1, false);
	d.v[2].req = 1000;
	d.v[1].req = 1400;
	d.v[3].req = 500;
	for (int h = 0; h < 3; h++)
		dc_host_update(&d, h, 1);
	assert_int_equal(tent_begin(&d), 0);
	assert_int_equal(optimize_pabfd(&d, 3, 500, NULL, false, false), 1);
	assert_int_equal(optimize_pabfd(&d, 3, 500, ex, false, false), 0);
	/* host 1 tentatively holds 1500 MIPS: a 1000-MIPS VM fits only on
	 * host 0 */
	tent_add(&d, 1, 3);
	d.v[0].req = 1000;
	assert_int_equal(optimize_pabfd(&d, 0, 1000, NULL, false, false), 0);
	tent_remove(&d, 1, 3);
	cfg.det.param = 0.7; /* host 1 with the VM: 0.75 > 0.7 */
	assert_int_equal(optimize_pabfd(&d, 3, 500, NULL, false, false), 0);
	cfg.det.param = 0.8;
	cfg.q.wake_free = false; /* waking host 0 costs 116.5 W */
	for (int h = 0; h < 3; h++)
		dc_host_update(&d, h, 2);
	assert_int_equal(optimize_pabfd(&d, 3, 500, NULL, false, false), 1);
	dc_free(&d);
	workload_destroy(w);
	catalogue_destroy(cat);
}

static void migration_timing(void **state)
{
	struct catalogue *cat = catalogue(
	    "t,2,2,2500,4096,1000000,100,110,120,130,140,150,160,170,180,"
	    "190,200");
	struct workload *w = constant(3, 4, (double[]){.2, .2, .2});
	struct sim_config cfg;
	struct sim_result r;
	struct sim_tick *tk = NULL;
	size_t n = 0;
	double d = 870 / 62.5, after = 600.1 - (300.1 + d);

	(void)state;
	simulate_defaults(&cfg, SIM_MODEL_CLOUDSIM);
	assert_int_equal(simulate_run(w, cat, &cfg, &r, &tk, &n), 0);
	assert_int_equal(r.migrations, 1);
	assert_int_equal(n, 3);
	assert_int_equal(tk[0].migrations, 1);
	assert_int_equal(tk[1].migrations + tk[2].migrations, 0);
	/* host 0 active only while VM0 leaves, host 1 from 300.1 to 900.1 */
	assert_close(r.host_hours, (d + 600) / 3600, 1e-9);
	/* VM0 loses 10 % of 500 MIPS for 13.92 s of 660000 MIPS s asked */
	assert_close(r.pdm, 0.1 * 500 * d / ((500 + 400 + 200) * 600.0), 1e-12);
	/* host 1 asked for VM0 in full (1100) but granted 650 meanwhile */
	assert_close(r.slatah, d / (d + 600), 1e-9);
	/* host 0 at 0.1 and host 1 at 0.13 during the move, then host 1 at
	 * 0.22 alone */
	assert_close(r.energy_kwh * 3.6e6,
		     110 * d + 113 * d + 122 * (after + 300), 1e-6);
	free(tk);
	workload_destroy(w);
	catalogue_destroy(cat);
}

/* CloudSim's interpolation at a tick: the sample after T's step plus the
 * slope times the 0.1 s past it. */
static double at(const double *s, int k)
{
	return s[k + 1] + (s[k + 2] - s[k + 1]) / 300 * 0.1;
}

static void metric_integrals(void **state)
{
	struct catalogue *cat = catalogue(
	    "t,2,2,2000,4096,1000000,100,110,120,130,140,150,160,170,180,"
	    "190,200");
	const double s0[4] = {.9, .9, .9, .9}, s1[4] = {.25, .25, 0, 0},
		     s2[4] = {.5, .5, 1, 1};
	const double *s[3] = {s0, s1, s2};
	const int place[3] = {0, 1, 0};
	struct workload *w = NULL;
	struct sim_config cfg;
	struct sim_result r;

	(void)state;
	assert_int_equal(workload_from(3, 4, s, &w), 0);
	simulate_defaults(&cfg, SIM_MODEL_CLOUDSIM);
	cfg.policy = SIM_STATIC;
	cfg.placement = place;
	assert_int_equal(simulate_run(w, cat, &cfg, &r, NULL, NULL), 0);
	/* tick 0: VM0 asks 2250, gets one core (2000); VM2 asks r2; VM1 r1.
	 * tick 1: VM2 at 1000; VM1 at 0, destroyed; host 1 off. */
	double r2 = 1000 * at(s2, 0), r1 = 2000 * at(s1, 0);
	double u0 = (2000 + r2) / 4000;

	assert_int_equal(r.dropped, 1);
	assert_close(r.slatah, 600.0 / 900, 1e-9);
	assert_close(r.pdm, 0, 0);
	assert_close(
	    r.overall_sla,
	    250 * 600 / (2250 * 600 + r2 * 300 + 1000 * 300 + r1 * 300), 1e-12);
	assert_close(r.energy_kwh * 3.6e6,
		     ((100 + 100 * u0) + 175) / 2 * 300 +
			 ((100 + 100 * r1 / 4000) + 100) / 2 * 300 + 175 * 300,
		     1e-6);
	assert_close(r.host_hours, 900 / 3600.0, 1e-9);
	assert_int_equal(r.shutdowns, 1);
	cfg.q.pooled = false; /* per host: (600/600 + 0/300) / 2 */
	assert_int_equal(simulate_run(w, cat, &cfg, &r, NULL, NULL), 0);
	assert_close(r.slatah, 0.5, 1e-9);
	workload_destroy(w);
	catalogue_destroy(cat);
}

static void same_seed_same_result(void **state)
{
	struct catalogue *cat = catalogue(
	    "t,20,2,2660,4096,1000000,93.7,97,101,105,110,116,121,125,129,"
	    "133,135");
	double rows[40][49];
	const double *s[40];
	struct workload *w = NULL;
	struct sim_config cfg;
	struct sim_result a, b;
	struct rng g;

	(void)state;
	rng_seed(&g, 3);
	for (int i = 0; i < 40; i++) {
		for (int k = 0; k < 49; k++)
			rows[i][k] = 0.05 + 0.9 * rng_uniform(&g);
		s[i] = rows[i];
	}
	assert_int_equal(workload_from(40, 49, s, &w), 0);
	simulate_defaults(&cfg, SIM_MODEL_VMUX);
	cfg.sel = SIM_SEL_RS;
	cfg.seed = 11;
	assert_int_equal(simulate_run(w, cat, &cfg, &a, NULL, NULL), 0);
	assert_int_equal(simulate_run(w, cat, &cfg, &b, NULL, NULL), 0);
	assert_memory_equal(&a, &b, sizeof(a));
	assert_true(a.migrations > 0);
	workload_destroy(w);
	catalogue_destroy(cat);
}

static void catalogue_errors(void **state)
{
	char path[] = "/tmp/vmux-test-catXXXXXX";
	int fd = mkstemp(path);
	FILE *fp = fdopen(fd, "w");
	struct catalogue *c = NULL;

	(void)state;
	fprintf(fp, "type,count,cores,mips,ram_mb,bw_kbps,p0,p10,p20,p30,p40,"
		    "p50,p60,p70,p80,p90,p100\nx,2,0,1,1,1,1,1,1,1,1,1,1,1,1,"
		    "1,1\n");
	fclose(fp);
	assert_int_equal(catalogue_load(path, &c), -EBADMSG);
	assert_null(c);
	unlink(path);
	assert_int_equal(catalogue_load(NULL, &c), 0); /* built-in */
	assert_int_equal(catalogue_nhosts(c), 800);
	assert_string_equal(catalogue_host_type(c, 0)->name, "hp-ml110-g4");
	assert_string_equal(catalogue_host_type(c, 1)->name, "hp-ml110-g5");
	assert_close(catalogue_host_type(c, 1)->power.w[10], 135, 0);
	catalogue_destroy(c);
}

VMUX_TEST_MAIN(cmocka_unit_test(pabfd_three_hosts),
	       cmocka_unit_test(migration_timing),
	       cmocka_unit_test(metric_integrals),
	       cmocka_unit_test(same_seed_same_result),
	       cmocka_unit_test(catalogue_errors))

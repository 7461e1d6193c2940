/*
 * test_plan.c - the four policies (sim/plan/plan.h) on small traces worked by
 * hand. Values are multiples of 1/8 or 1/16, exact in binary, so sums and
 * covariances that are zero by hand are zero in the machine too.
 *
 *   anti-correlated pair: x0 = .75 .25 .75 ..., x1 = .25 .75 .25 ...
 *     (40 slots, P95 lets 2 slots above): own sizes .75 + .75 = 1.5 > 1,
 *     so `separate` needs 2 hosts; the sum is 1.0 in every slot, so
 *     `joint` shares one host; mu = .5 each, var .0625 each, cov -.0625,
 *     so the Gaussian size is 1.0 + z * 0 and `sbp` shares too.
 *   perfectly correlated pair: x0 = x1 = .75 .25 ...: the joint size of
 *     the pair is 1.5 = .75 + .75, no saving; above 1 in 20 slots.
 */
#include "vmux_test.h"
#include "trace_fixture.h"
#include "sim/plan/pack.h"
#include "sim/plan/plan.h"
#include "sim/plan/plan_fit.h"
#include "sim/plan/plan_robust.h"
#include "models/gauss.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>

#define MAXV 4

/* A cpu-only demand of N VMs x S slots, value f(v, s). */
static struct demand *make(size_t n, size_t s, double (*f)(size_t, size_t),
			   struct trace **tp)
{
	struct demand *d;

	*tp = fx_trace(n, s, 0, f, NULL);
	assert_int_equal(
	    demand_from_trace(*tp, 0, s, RES_MASK(RES_CPU), NULL, 0, NULL, &d),
	    0);
	return d;
}

/* Plan D under POLICY at P95 with one cpu capacity, as `vmux plan`
 * does (what the keep-apart rule costs too); host of each VM. */
static struct plan *plan(enum plan_policy policy, const struct demand *d,
			 double cap)
{
	struct plan_opts o = {
	    .p = 95, .cap = {cap}, .seed = 1, .cost_apart = true};
	struct plan *pl;

	assert_int_equal(plan_create(policy, d, &o, &pl), 0);
	return pl;
}

static double anti(size_t v, size_t t)
{
	return (v + t) % 2 ? 0.25 : 0.75;
}

static double same(size_t v, size_t t)
{
	(void)v;
	return t % 2 ? 0.25 : 0.75;
}

static void test_anti_correlated(void **state)
{
	struct trace *t;
	struct demand *d = make(2, 40, anti, &t);
	const size_t want[PLAN_NPOLICY] = {[PLAN_SEPARATE] = 2,
					   [PLAN_SBP] = 1,
					   [PLAN_JOINT] = 1,
					   [PLAN_ROBUST] = 1};

	(void)state;
	for (int p = 0; p < PLAN_NPOLICY; p++) {
		struct plan *pl = plan((enum plan_policy)p, d, 1.0);

		if (pl->nhosts != want[p])
			fail_msg("%s: %zu hosts, wanted %zu",
				 plan_policy_name((enum plan_policy)p),
				 pl->nhosts, want[p]);
		assert_int_equal(pl->unplaced, 0);
		if (p == PLAN_ROBUST) {
			/* never above capacity in any held-out block */
			assert_close(pl->heldout, 0, 0);
			assert_close(pl->level, 95, 0);
			assert_false(pl->level_capped);
		}
		plan_destroy(pl);
	}
	demand_destroy(d);
	trace_destroy(t);
}

static void test_correlated_gains_nothing(void **state)
{
	const struct plan_opts o = {.p = 95, .cap = {2.0}};
	struct plan_summary s;
	struct trace *t;
	struct demand *d = make(2, 40, same, &t);

	(void)state;
	for (int p = 0; p < PLAN_NPOLICY; p++) {
		struct plan *pl = plan((enum plan_policy)p, d, 1.0);

		/* together they are above 1 in 20 slots: never shared */
		assert_int_equal(pl->nhosts, 2);
		plan_destroy(pl);
	}
	for (int p = 0; p < PLAN_NPOLICY; p++) {
		struct plan *pl;

		/* a host of 2 holds both, and their joint size is the sum */
		assert_int_equal(plan_create((enum plan_policy)p, d, &o, &pl),
				 0);
		assert_int_equal(pl->nhosts, 1);
		assert_int_equal(plan_summarize(pl, d, &o, &s), 0);
		assert_close(s.sum_individual[RES_CPU], 1.5, 0);
		assert_close(s.sum_joint[RES_CPU], 1.5, 0);
		assert_close(s.overload, 0, 0);
		plan_destroy(pl);
	}
	demand_destroy(d);
	trace_destroy(t);
}

/* The series of tests/models/test_gauss.c. */
static double gx(size_t v, size_t t)
{
	static const double x[3][8] = {
	    {0.2, 0.5, 0.3, 0.7, 0.1, 0.4, 0.6, 0.2},
	    {0.4, 0.1, 0.5, 0.2, 0.6, 0.3, 0.1, 0.5},
	    {0.3, 0.3, 0.2, 0.6, 0.2, 0.5, 0.4, 0.1},
	};

	return x[v][t];
}

/*
 * sbp against numpy: the Gaussian size of {x0, x1} at z(95) is
 * 0.8649820122461415 and of {x0, x1, x2} 1.3858198447829109
 * (numpy.cov(X, bias=True), statistics.NormalDist().inv_cdf(0.95)). Alone:
 * x0 0.7014, x1 0.6333, x2 0.5818, so x0 opens host 0 and x1 comes next.
 * A host just above 0.86498 takes x0 and x1, one just below does not.
 */
static void test_sbp_threshold(void **state)
{
	const double eps = 1e-6, s01 = 0.8649820122461415;
	const double s012 = 1.3858198447829109;
	struct trace *t;
	struct demand *d = make(3, 8, gx, &t);
	struct plan *pl;

	(void)state;
	pl = plan(PLAN_SBP, d, s01 + eps);
	assert_int_equal(pl->host_of[1], 0);
	assert_int_equal(pl->host_of[2], 1);
	assert_int_equal(pl->nhosts, 2);
	assert_close(pl->level, gauss_z(95), 0);
	plan_destroy(pl);
	pl = plan(PLAN_SBP, d, s01 - eps);
	assert_int_equal(pl->nhosts, 3);
	plan_destroy(pl);
	pl = plan(PLAN_SBP, d, s012 + eps);
	assert_int_equal(pl->nhosts, 1);
	plan_destroy(pl);
	pl = plan(PLAN_SBP, d, s012 - eps);
	assert_int_equal(pl->nhosts, 2);
	plan_destroy(pl);
	demand_destroy(d);
	trace_destroy(t);
}

static double with_big(size_t v, size_t t)
{
	return v == 1 ? 1.25 : anti(v, t); /* VM 1 alone is above a host */
}

static void test_unplaced(void **state)
{
	struct trace *t;
	struct demand *d = make(3, 40, with_big, &t);

	(void)state;
	for (int p = 0; p < PLAN_NPOLICY; p++) {
		struct plan *pl = plan((enum plan_policy)p, d, 1.0);
		struct plan_summary s;
		const struct plan_opts o = {.p = 95, .cap = {1.0}};

		assert_int_equal(pl->unplaced, 1);
		assert_int_equal(pl->host_of[1], PLAN_UNPLACED);
		assert_true(pl->host_of[0] != PLAN_UNPLACED);
		assert_true(pl->host_of[2] != PLAN_UNPLACED);
		assert_close(pl->size[RES_CPU][1], 1.25, 0);
		assert_int_equal(plan_summarize(pl, d, &o, &s), 0);
		assert_int_equal(s.vms, 2);
		assert_int_equal(s.unplaced, 1);
		/* VMs 0 and 2 are the same series: a correlated pair */
		assert_close(s.sum_individual[RES_CPU], 1.5, 0);
		plan_destroy(pl);
	}
	demand_destroy(d);
	trace_destroy(t);
}

static double mib600(size_t v, size_t t)
{
	(void)v;
	(void)t;
	return 600;
}

/* cpu anti-correlated (shares), mem 600 MiB each: the host's mem decides. */
static void test_every_resource_fits(void **state)
{
	struct plan_opts o = {.p = 95, .cap = {1.0, 1000}};
	struct trace *t;
	struct demand *d;
	struct plan *pl;

	(void)state;
	t = fx_trace(2, 40, 0, anti, mib600);
	assert_int_equal(
	    demand_from_trace(t, 0, 40, RES_MASK(RES_CPU) | RES_MASK(RES_MEM),
			      NULL, 0, NULL, &d),
	    0);
	for (int p = 0; p < PLAN_NPOLICY; p++) {
		o.cap[RES_MEM] = 1000;
		assert_int_equal(plan_create((enum plan_policy)p, d, &o, &pl),
				 0);
		assert_int_equal(pl->nhosts, 2);
		plan_destroy(pl);
		o.cap[RES_MEM] = 1200;
		assert_int_equal(plan_create((enum plan_policy)p, d, &o, &pl),
				 0);
		assert_int_equal(pl->nhosts, p == PLAN_SEPARATE ? 2 : 1);
		plan_destroy(pl);
	}
	demand_destroy(d);
	trace_destroy(t);
}

/*
 * Least growth (joint) against first fit, cap 2, 20 slots, 1 allowed:
 * a = 1.75 .5 ..., b = .5 1.75 ... (a + b = 2.25: never together),
 * c = .25 0 ...: on a's host its P95 size grows 1.75 -> 2.0, on b's it
 * stays 1.75. First fit puts c with a (host 0), joint with b (host 1).
 */
static double abc(size_t v, size_t t)
{
	static const double x[3][2] = {{1.75, 0.5}, {0.5, 1.75}, {0.25, 0}};

	return x[v][t % 2];
}

static void test_least_growth(void **state)
{
	const double cap[RES_COUNT] = {2.0};
	const size_t order[3] = {0, 1, 2};
	struct plan_fit_rule first = {.empirical = true};
	struct plan_fit_rule least = {.empirical = true, .grow_p = 95};
	struct trace *t;
	struct demand *d = make(3, 20, abc, &t);
	struct pack *pk;
	struct plan *pl;

	(void)state;
	assert_int_equal(pack_create(d, cap, 95, &pk), 0);
	assert_int_equal(plan_fit(pk, order, 3, &first), 0);
	assert_int_equal(pack_host_of(pk, 2), 0);
	pack_destroy(pk);
	assert_int_equal(pack_create(d, cap, 95, &pk), 0);
	assert_int_equal(plan_fit(pk, order, 3, &least), 0);
	assert_int_equal(pack_host_of(pk, 2), 1);
	pack_destroy(pk);
	pl = plan(PLAN_JOINT, d, 2.0);
	assert_int_equal(pl->host_of[2], pl->host_of[1]);
	assert_int_equal(pl->nhosts, 2);
	plan_destroy(pl);
	demand_destroy(d);
	trace_destroy(t);
}

/* v0..v2 = .6, v3..v5 = .3, constant (Gaussian size = mean). */
static double sixes_threes(size_t v, size_t t)
{
	(void)t;
	return v < 3 ? 0.6 : 0.3;
}

/* Hosts of VMs 0..5 planned in order with window W on cap 1: D's pack. */
static size_t fit_window(const struct demand *d, size_t w, size_t *host)
{
	const double cap[RES_COUNT] = {1.0};
	const size_t order[6] = {0, 1, 2, 3, 4, 5};
	struct plan_fit_rule rule = {
	    .empirical = true, .gauss = true, .z = gauss_z(95), .window = w};
	struct pack *pk;
	size_t n;

	assert_int_equal(pack_create(d, cap, 95, &pk), 0);
	assert_int_equal(plan_fit(pk, order, 6, &rule), 0);
	for (size_t v = 0; v < 6; v++)
		host[v] = pack_host_of(pk, v);
	for (size_t h = 0; h < pack_nhosts(pk); h++)
		for (size_t t = 0; t < 20; t++)
			assert_true(pack_sum(pk, h, RES_CPU)[t] <= 1 + 1e-9);
	n = pack_nhosts(pk);
	pack_destroy(pk);
	return n;
}

/*
 * Bounded search, by hand: unbounded, each .3 joins a .6 (3 hosts). With
 * 3 open hosts at most, the same. With 2: the third .6 closes host 0 (ties
 * of room: the lowest index), the .3s fill hosts 1 and 2, and the last
 * opens host 3.
 */
static void test_window(void **state)
{
	const size_t all[6] = {0, 1, 2, 0, 1, 2}, two[6] = {0, 1, 2, 1, 2, 3};
	size_t host[6];
	struct trace *t;
	struct demand *d = make(6, 20, sixes_threes, &t);

	(void)state;
	assert_int_equal(fit_window(d, 0, host), 3);
	assert_memory_equal(host, all, sizeof(all));
	assert_int_equal(fit_window(d, 3, host), 3);
	assert_memory_equal(host, all, sizeof(all));
	assert_int_equal(fit_window(d, 2, host), 4);
	assert_memory_equal(host, two, sizeof(two));
	demand_destroy(d);
	trace_destroy(t);
}

/* Constant VMs .5, .375, .25 (Gaussian size = mean: sd 0). */
static double halves(size_t v, size_t t)
{
	static const double x[3] = {0.5, 0.375, 0.25};

	(void)t;
	return x[v];
}

/*
 * Levelling the open hosts, by hand (cap 1; room = 1 - size). First fit:
 * .5 and .375 share host 0 (.875, room .125), .25 opens host 1 (room
 * .75). Host 1 has the most room and takes from host 0 the VM whose move
 * leaves the larger min of the two rooms: the .5 would leave min(.625,
 * .25) = .25, the .375 min(.5, .375) = .375: the .375 moves. Then host 0
 * (.5, room .5) has the most room, and no move from host 1 raises that
 * host's room .375 (the .375 back: min(.75, .125); the .25: min(.625,
 * .25)): it stops. Without the rule the first fit stays.
 */
static void test_level(void **state)
{
	const double cap[RES_COUNT] = {1.0};
	const size_t order[3] = {0, 1, 2};
	struct plan_fit_rule rule = {
	    .empirical = true, .gauss = true, .z = gauss_z(95)};
	struct trace *t;
	struct demand *d = make(3, 20, halves, &t);
	struct pack *pk;

	(void)state;
	assert_int_equal(pack_create(d, cap, 95, &pk), 0);
	assert_int_equal(plan_fit(pk, order, 3, &rule), 0);
	assert_int_equal(pack_host_of(pk, 0), 0);
	assert_int_equal(pack_host_of(pk, 1), 0);
	assert_int_equal(pack_host_of(pk, 2), 1);
	pack_destroy(pk);
	rule.level = true;
	assert_int_equal(pack_create(d, cap, 95, &pk), 0);
	assert_int_equal(plan_fit(pk, order, 3, &rule), 0);
	assert_int_equal(pack_nhosts(pk), 2);
	assert_int_equal(pack_host_of(pk, 0), 0);
	assert_int_equal(pack_host_of(pk, 1), 1);
	assert_int_equal(pack_host_of(pk, 2), 1);
	assert_close(pack_mean(pk, 0, RES_CPU), 0.5, 1e-12);
	assert_close(pack_mean(pk, 1, RES_CPU), 0.625, 1e-12);
	assert_int_equal(pack_members(pk, 0), 1);
	assert_int_equal(pack_members(pk, 1), 2);
	pack_destroy(pk);
	demand_destroy(d);
	trace_destroy(t);
}

/*
 * robust places as joint does (least growth), worked by hand: cap 2, 20
 * slots (too short to calibrate: q = P95, 1 slot allowed), a = 1.5 .9
 * ..., b = .9 1.5 ... (means 1.2: never together), c = .2 0 ... Order by
 * mu + 1.645 sd: a, b 1.69 (tie: a first), c .26. c fits either host
 * (with a: mean 1.3 + 1.645 * .4 = 1.96 and slots 1.7 / .9; with b:
 * 1.3 + 1.645 * .2 = 1.63, slots 1.1 / 1.5); its P95 size (2nd largest
 * of 20) grows 1.5 -> 1.7 on a's host and stays 1.5 on b's: host 1.
 * First fit would put it on host 0.
 */
static double abc2(size_t v, size_t t)
{
	static const double x[3][2] = {{1.5, 0.9}, {0.9, 1.5}, {0.2, 0}};

	return x[v][t % 2];
}

static void test_robust_least_growth(void **state)
{
	struct trace *t;
	struct demand *d = make(3, 20, abc2, &t);
	struct plan *pl = plan(PLAN_ROBUST, d, 2.0);

	(void)state;
	assert_close(pl->level, 95, 0);
	assert_int_equal(pl->nhosts, 2);
	assert_int_equal(pl->host_of[0], 0);
	assert_int_equal(pl->host_of[1], 1);
	assert_int_equal(pl->host_of[2], 1);
	plan_destroy(pl);
	demand_destroy(d);
	trace_destroy(t);
}

/*
 * In-sample overload: v0 = .5 always, v1 = .25 but .75 in slots 7 and 30.
 * P95 of 40 slots allows 2 above, so joint shares; the host is above 1 in
 * exactly 2 of 40 slots (0.05), its P95 size is .75, own sizes .5 + .25.
 */
static double spiky(size_t v, size_t t)
{
	if (v == 0)
		return 0.5;
	return t == 7 || t == 30 ? 0.75 : 0.25;
}

static void test_summary(void **state)
{
	const struct plan_opts o = {.p = 95, .cap = {1.0}};
	struct plan_summary s;
	struct trace *t;
	struct demand *d = make(2, 40, spiky, &t);
	struct plan *pl = plan(PLAN_JOINT, d, 1.0);

	(void)state;
	assert_int_equal(pl->nhosts, 1);
	assert_int_equal(plan_summarize(pl, d, &o, &s), 0);
	assert_close(s.overload, 0.05, 1e-15);
	assert_close(s.sum_individual[RES_CPU], 0.75, 0);
	assert_close(s.sum_joint[RES_CPU], 0.75, 0);
	assert_int_equal(s.hosts, 1);
	assert_int_equal(s.vms, 2);
	plan_destroy(pl);
	demand_destroy(d);
	trace_destroy(t);
}

/*
 * Robust calibration by hand: 24 slots = 4 held-out blocks of 6.
 * a = .625 always; b = .25 in blocks 0-2 and .625 in block 3.
 * Holding out block 3: on blocks 0-2 a + b = .875 fits (no spread), they
 * share, and block 3 replays at 1.25 > 1 in all 6 slots: rate 1.
 * Holding out block 0, 1 or 2: the fit part holds block 3 (6 slots above,
 * 0 allowed of 18), so 2 hosts, never above: rate 0.
 * Estimate = mean + sd / sqrt(4) = .25 + .5 / 2 = .5 (sd with n - 1:
 * sqrt((3 * .25^2 + .75^2) / 3) = .5), at every level: above the 5 %
 * target even at the most cautious level, which the plan says.
 */
static double drift(size_t v, size_t t)
{
	if (v == 0)
		return 0.625;
	return t >= 18 ? 0.625 : 0.25;
}

static void test_robust_calibration(void **state)
{
	const struct plan_opts o = {.p = 95, .cap = {1.0}, .seed = 1};
	const size_t todo[2] = {0, 1};
	struct trace *t;
	struct demand *d = make(2, 24, drift, &t);
	struct plan *pl;
	double est;

	(void)state;
	assert_int_equal(plan_robust_heldout(d, &o, todo, 2, 95, &est), 0);
	assert_close(est, 0.5, 1e-15);
	assert_int_equal(plan_robust_heldout(d, &o, todo, 2, 99, &est), 0);
	assert_close(est, 0.5, 1e-15);
	pl = plan(PLAN_ROBUST, d, 1.0);
	assert_true(pl->level_capped);
	assert_close(pl->level, ROBUST_MAX_LEVEL, 0);
	assert_close(pl->heldout, 0.5, 1e-15);
	assert_int_equal(pl->cal_vms, 2);
	/* each held-out block is 6 slots of the trace's step: what the
	   interval is of (not the whole window) */
	assert_false(pl->fold_days);
	assert_close(pl->fold_secs, 6 * trace_step(t), 0);
	assert_int_equal(pl->nhosts, 2); /* 6 slots above, none allowed */
	plan_destroy(pl);
	/* joint at P95 would share: 6 of 24 above is more than 1 allowed */
	pl = plan(PLAN_JOINT, d, 1.0);
	assert_int_equal(pl->nhosts, 2);
	plan_destroy(pl);
	demand_destroy(d);
	trace_destroy(t);
}

/*
 * P above ROBUST_MAX_LEVEL, where P misses the target (the drift above,
 * 0.5 at every level): no level more cautious than P is left, so the plan
 * is packed at P itself, capped. It was packed at ROBUST_MAX_LEVEL, less
 * cautious than the P asked for (P99.99 packed at 99.9), after a bisection
 * that tried levels below P.
 */
static void test_robust_above_max_level(void **state)
{
	const struct plan_opts o = {.p = 99.95, .cap = {1.0}, .seed = 1};
	struct trace *t;
	struct demand *d = make(2, 24, drift, &t);
	struct plan *pl;

	(void)state;
	assert_int_equal(plan_create(PLAN_ROBUST, d, &o, &pl), 0);
	assert_true(pl->level_capped);
	assert_close(pl->level, 99.95, 0);
	assert_close(pl->heldout, 0.5, 1e-15);
	assert_int_equal(pl->nhosts, 2);
	plan_destroy(pl);
	demand_destroy(d);
	trace_destroy(t);
}

/* A window too short to hold back 4 blocks of 6: packed at P, said so. */
static void test_robust_short_window(void **state)
{
	const struct plan_opts o = {.p = 95, .cap = {1.0}};
	const size_t todo[2] = {0, 1};
	struct trace *t;
	struct demand *d = make(2, 20, anti, &t);
	struct plan *pl = plan(PLAN_ROBUST, d, 1.0);
	double est;

	(void)state;
	assert_true(isnan(pl->heldout));
	assert_close(pl->level, 95, 0);
	assert_int_equal(pl->nhosts, 1);
	assert_int_equal(plan_robust_heldout(d, &o, todo, 2, 95, &est),
			 -ERANGE);
	plan_destroy(pl);
	demand_destroy(d);
	trace_destroy(t);
}

/*
 * A level shift on day 2 (two days of 288 slots, step 300 s): a = .5
 * always; b = .25, then .625 in the last 20 slots of day 2, where a + b =
 * 1.125 > 1. In sample 20 of 576 slots are above, within the 28 that P95
 * allows, so `joint` stacks them. robust holds out whole days: fitted on
 * day 2 (20 above, more than the 14 of 288 allowed) they are kept apart
 * and day 1 replays at 0; fitted on day 1 (.75, no spread) they share and
 * day 2 replays at 20/288. Estimate = mean + sd/sqrt(2) = 10/288 + 10/288
 * = 20/288 > 5 % at every level (day 1 alone always stacks them), so q is
 * the most cautious level, which allows none of the 576 slots above:
 * apart, and a day 3 that stays at the new level is never overloaded.
 * Interval: 10/288 -+ t(0.95, 1 df) * sd * sqrt(1 + 1/2), sd = 10/288 *
 * sqrt(2), t = 6.313751514675 (Student quantile, tables), clipped at 0.
 */
static double shift(size_t v, size_t t)
{
	if (v == 0)
		return 0.5;
	return t >= 556 ? 0.625 : 0.25;
}

static void test_level_shift(void **state)
{
	struct trace *t;
	struct demand *d = make(2, 576, shift, &t);
	struct plan *pl = plan(PLAN_JOINT, d, 1.0);
	double m = 10.0 / 288, w = 6.313751514675 * m * sqrt(2) * sqrt(1.5);

	(void)state;
	assert_int_equal(pl->nhosts, 1);
	plan_destroy(pl);
	pl = plan(PLAN_ROBUST, d, 1.0);
	assert_int_equal(pl->folds, 2);
	assert_true(pl->fold_days);
	assert_close(pl->fold_secs, 86400, 0);
	assert_true(pl->level_capped);
	assert_close(pl->heldout, 20.0 / 288, 1e-12);
	assert_close(pl->est_mean, m, 1e-12);
	assert_close(pl->est_lo, 0, 0);
	assert_close(pl->est_hi, m + w, 1e-9);
	assert_int_equal(pl->nhosts, 2);
	assert_true(pl->host_of[0] != pl->host_of[1]);
	plan_destroy(pl);
	demand_destroy(d);
	trace_destroy(t);
}

/*
 * The host promise: fold statistic = share of hosts above the target.
 * With the shift above, fitted on day 1 the single host is above 5 % of
 * day 2 (20/288): share 1; fitted on day 2, two hosts, none above: 0.
 * Estimate .5 + .5 = 1 at every level: most cautious level, kept apart.
 */
static void test_promise_host(void **state)
{
	struct plan_opts o = {
	    .p = 95, .cap = {1.0}, .seed = 1, .promise = PLAN_PROMISE_HOST};
	const size_t todo[2] = {0, 1};
	struct trace *t;
	struct demand *d = make(2, 576, shift, &t);
	double est;

	(void)state;
	assert_int_equal(plan_robust_heldout(d, &o, todo, 2, 95, &est), 0);
	assert_close(est, 1.0, 1e-15);
	demand_destroy(d);
	trace_destroy(t);
}

/*
 * The host promise's fold statistic counts a host above the target by the
 * one rule of evaluate and report (eval_above_target): P99.2 over 500
 * slots, 4 held-out blocks of 125. a = .5 always, b = .25 but .625 in the
 * first slot of each block (a + b = 1.125 > 1): fitted on 3 blocks (3 of
 * 375 slots above, 3 allowed) they share a host, and each held-out block
 * replays it above in 1 of 125 slots, 0.8 %: exactly the target, not
 * above it. target * 125 = 0.9999999999999966 in doubles, so comparing
 * 1 > target * 125 counted every host above: estimate 1, not 0.
 */
static double tick(size_t v, size_t t)
{
	if (v == 0)
		return 0.5;
	return t % 125 == 0 ? 0.625 : 0.25;
}

static void test_promise_host_at_target(void **state)
{
	struct plan_opts o = {
	    .p = 99.2, .cap = {1.0}, .seed = 1, .promise = PLAN_PROMISE_HOST};
	const size_t todo[2] = {0, 1};
	struct trace *t;
	struct demand *d = make(2, 500, tick, &t);
	double est;

	(void)state;
	assert_int_equal(plan_robust_heldout(d, &o, todo, 2, 99.2, &est), 0);
	assert_close(est, 0, 0);
	demand_destroy(d);
	trace_destroy(t);
}

/*
 * The host scope's interval is of a share of the plan's hosts. On the
 * trace above every fold is at 0 (4 host-folds, none above), so the t
 * interval of the folds is [0, 0]; but of one host, above the target with
 * probability p ~ Beta(1/2, 4 + 1/2), the predictive chance that it is
 * above is (1/2) / 5 = 10 % > 5 %: the interval is [0, 1] (before, [0, 0]
 * claimed certainty from four blocks).
 */
static void test_promise_host_interval(void **state)
{
	struct plan_opts o = {
	    .p = 99.2, .cap = {1.0}, .seed = 1, .promise = PLAN_PROMISE_HOST};
	struct trace *t;
	struct demand *d = make(2, 500, tick, &t);
	struct plan *pl;

	(void)state;
	assert_int_equal(plan_create(PLAN_ROBUST, d, &o, &pl), 0);
	assert_int_equal(pl->nhosts, 1);
	assert_close(pl->level, 99.2, 0);
	assert_int_equal(pl->fold_hosts, 4);
	assert_int_equal(pl->fold_above, 0);
	assert_close(pl->est_mean, 0, 0);
	assert_close(pl->est_lo, 0, 0);
	assert_close(pl->est_hi, 1, 0);
	plan_destroy(pl);
	/* fleet scope keeps the folds' t interval: all at 0, [0, 0] */
	o.promise = PLAN_PROMISE_FLEET;
	assert_int_equal(plan_create(PLAN_ROBUST, d, &o, &pl), 0);
	assert_close(pl->est_lo, 0, 0);
	assert_close(pl->est_hi, 0, 0);
	plan_destroy(pl);
	demand_destroy(d);
	trace_destroy(t);
}

/*
 * The beta-binomial interval of a share of N hosts, the quantiles checked
 * against exact rational arithmetic (Python fractions: P(X = 0) = prod_i
 * (b + i) / (a + b + i), then P(x + 1) / P(x) = (N - x)(x + a) / ((x + 1)
 * (N - x - 1 + b)), a = ABOVE + 1/2, b = HOSTS - ABOVE + 1/2; the ends
 * are the smallest x whose cdf reaches 5 % and 95 %), not lgamma:
 *   (0 of 1, N 1): cdf(0) = .75            -> [0, 1]
 *   (0 of 15, N 1): cdf(0) = .96875        -> [0, 0]
 *   (0 of 100, N 25): cdf .8947 .9845      -> [0, 1/25]
 *   (2 of 100, N 25): cdf .5703 .8612 .9618 -> [0, 2/25]
 *   (30 of 400, N 100): cdf(2) .0255, cdf(3) .0684 -> [3, 13] / 100
 *   (40 of 40, N 5): cdf(3) .0039, cdf(4) .0569 -> [4/5, 1]
 */
static void test_share_interval(void **state)
{
	static const struct {
		size_t above, hosts, n;
		double lo, hi;
	} c[] = {{0, 1, 1, 0, 1},
		 {0, 15, 1, 0, 0},
		 {0, 100, 25, 0, 0.04},
		 {2, 100, 25, 0, 0.08},
		 {30, 400, 100, 0.03, 0.13},
		 {40, 40, 5, 0.8, 1},
		 {0, 0, 0, 0, 0}};
	double lo, hi;

	(void)state;
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		plan_robust_share_interval(c[i].above, c[i].hosts, c[i].n, &lo,
					   &hi);
		assert_close(lo, c[i].lo, 1e-15);
		assert_close(hi, c[i].hi, 1e-15);
	}
}

static void test_options(void **state)
{
	struct plan_opts o = {.p = 100, .cap = {1.0}};
	enum plan_policy p;
	struct trace *t;
	struct demand *d = make(2, 20, anti, &t);
	struct plan *pl;

	(void)state;
	assert_int_equal(plan_create(PLAN_JOINT, d, &o, &pl), -EINVAL);
	o.p = 95;
	o.cap[RES_CPU] = 0;
	assert_int_equal(plan_create(PLAN_JOINT, d, &o, &pl), -EINVAL);
	for (int i = 0; i < PLAN_NPOLICY; i++) {
		assert_int_equal(plan_policy_parse(
				     plan_policy_name((enum plan_policy)i), &p),
				 0);
		assert_int_equal(p, i);
	}
	assert_int_equal(plan_policy_parse("best", &p), -EINVAL);
	plan_destroy(NULL);
	demand_destroy(d);
	trace_destroy(t);
}

/*
 * Keep apart what may grow (pack.h). Day 1 (288 slots), host of 8 cores:
 * a and b use 1.5 cores, c uses 1, d and e use .5, constant. Provisioned:
 * a, b 32 cores (> 4 x 1.5: may grow, reserve min(32, 6) = 6; 6 + 6 > 8),
 * c 2 (< 4 x 1: not), d, e 3 (> 4 x .5: may grow, reserve min(3, 2) =
 * 2). Without provisioned sizes everything fits one host (5 cores). With
 * them, first fit in decreasing size: a opens host 0; b may not join a
 * (6 + 6 > 8): host 1; c joins a (c does not grow); d joins a (6 + 2 <=
 * 8), e too (6 + 2 and 2 + 2 <= 8): host 0 at 3.5 cores, host 1 at 1.5.
 * Levelling (robust): host 1 (room 6.5/8) takes c from host 0 (room
 * 4.5/8: min(5.5/8 without c, 5.5/8 with it on host 1) > 4.5/8), then
 * nothing moves (a, b, d, e may grow and stay). On a day 2 where a and b
 * jump to 4.5 cores (the Bitbrains level shift, within 4 x), one shared
 * host would be at 9 + 2 cores in every slot; kept apart, the hosts hold
 * 4.5 + .5 + .5 and 4.5 + 1 <= 8: never overloaded.
 */
static double flat(size_t v, size_t t)
{
	static const double x[5] = {1.5, 1.5, 1, 0.5, 0.5};

	(void)t;
	return x[v];
}

/* Set D's provisioned cpu to PROV[0..N). */
static void provision(struct demand *d, const double *prov, size_t n)
{
	d->prov[RES_CPU] = malloc(n * sizeof(double));
	assert_non_null(d->prov[RES_CPU]);
	for (size_t v = 0; v < n; v++)
		d->prov[RES_CPU][v] = prov[v];
}

static void test_keep_apart(void **state)
{
	static const double prov[5] = {32, 32, 2, 3, 3},
			    day2[5] = {4.5, 4.5, 1, 0.5, 0.5};
	struct trace *t;
	struct demand *d = make(5, 288, flat, &t);
	struct plan *pl = plan(PLAN_ROBUST, d, 8);
	double load[5] = {0};

	(void)state;
	assert_int_equal(pl->nhosts, 1);
	plan_destroy(pl);
	provision(d, prov, 5);
	pl = plan(PLAN_ROBUST, d, 8);
	assert_int_equal(pl->nhosts, 2);
	assert_int_equal(pl->host_of[0], 0);
	assert_int_equal(pl->host_of[1], 1);
	assert_int_equal(pl->host_of[2], 1);
	assert_int_equal(pl->host_of[3], 0);
	assert_int_equal(pl->host_of[4], 0);
	assert_int_equal(pl->apart, 4);	     /* a, b, d, e */
	assert_int_equal(pl->apart_over, 0); /* reservations 6 and 2 < 8 */
	assert_int_equal(pl->apart_alone, 0);
	assert_int_equal(pl->hosts_unapart, 1); /* the cost: 2 hosts, not 1 */
	for (size_t v = 0; v < 5; v++)
		load[pl->host_of[v]] += day2[v];
	assert_close(load[0], 5.5, 0);
	assert_close(load[1], 5.5, 0);
	plan_destroy(pl);
	/* the baselines do not use the rule */
	pl = plan(PLAN_JOINT, d, 8);
	assert_int_equal(pl->nhosts, 1);
	plan_destroy(pl);
	demand_destroy(d);
	trace_destroy(t);
}

/*
 * Many may-grow VMs with huge provisioned sizes and tiny use share (the
 * Bitbrains fastStorage shape): on hosts of 8 cores, A and B use 1.5 of
 * 32 provisioned cores (reserve 6), 40 VMs use .25 of 32 (reserve 1).
 * First fit in decreasing size: A opens host 0, B host 1 (6 + 6 > 8);
 * each small VM may join A or B (6 + 1 and 1 + 1 <= 8), so host 0 takes
 * A and 26 of them (1.5 + 26 x .25 = 8, a 27th would make 8.25) and host
 * 1 B and the other 14 (5 cores): 2 hosts, what packing without the rule
 * takes too (13 cores: 2 hosts). With the provisioned size as the
 * reservation (32 + 32 > 8 for every pair) each of the 42 VMs would sit
 * alone: 42 hosts.
 */
static double small(size_t v, size_t t)
{
	(void)t;
	return v < 2 ? 1.5 : 0.25;
}

static void test_keep_apart_share(void **state)
{
	double prov[42];
	struct trace *t;
	struct demand *d = make(42, 288, small, &t);
	struct plan *pl;
	size_t on0 = 0;

	(void)state;
	for (size_t v = 0; v < 42; v++)
		prov[v] = 32;
	provision(d, prov, 42);
	pl = plan(PLAN_ROBUST, d, 8);
	assert_int_equal(pl->nhosts, 2);
	assert_int_equal(pl->host_of[0], 0);
	assert_int_equal(pl->host_of[1], 1);
	for (size_t v = 2; v < 42; v++)
		on0 += pl->host_of[v] == 0;
	assert_int_equal(on0, 26);
	assert_int_equal(pl->apart, 42);
	assert_int_equal(pl->apart_over, 0);
	assert_int_equal(pl->hosts_unapart, 2); /* the rule costs nothing */
	plan_destroy(pl);
	demand_destroy(d);
	trace_destroy(t);
}

/*
 * 4 x own size above the host stays apart: on hosts of 8 cores, a and b
 * use 2.5 of 32 provisioned cores (reserve min(32, 10) = 10: alone above
 * the host), c uses .5 of 1 (does not grow). a opens host 0, b may not
 * join it (10 + 10 > 8): host 1; c joins a (first fit). Levelling: host
 * 1 (room 5.5/8) takes c from host 0 (room 5/8: min(5.5/8, 5/8) = 5/8 is
 * not above 5/8): c stays. Both a and b are counted as reserving more
 * than the host alone (10 > 8), b alone on its host, a sharing only with
 * c, which does not grow; without the rule all three fit one host
 * (5.5 cores).
 */
static double big(size_t v, size_t t)
{
	(void)t;
	return v < 2 ? 2.5 : 0.5;
}

static void test_keep_apart_over(void **state)
{
	static const double prov[3] = {32, 32, 1};
	struct trace *t;
	struct demand *d = make(3, 288, big, &t);
	struct plan *pl;

	(void)state;
	provision(d, prov, 3);
	pl = plan(PLAN_ROBUST, d, 8);
	assert_int_equal(pl->nhosts, 2);
	assert_int_equal(pl->host_of[0], 0);
	assert_int_equal(pl->host_of[1], 1);
	assert_int_equal(pl->host_of[2], 0);
	assert_int_equal(pl->apart, 2);
	assert_int_equal(pl->apart_over, 2);
	assert_int_equal(pl->apart_alone, 1);
	assert_true(pl->over_lo[RES_CPU] == 10 && pl->over_hi[RES_CPU] == 10);
	assert_int_equal(pl->hosts_unapart, 1);
	plan_destroy(pl);
	demand_destroy(d);
	trace_destroy(t);
}

/*
 * The pass without the rule is only for `vmux plan`'s summary: without
 * cost_apart (frontier, simulate) robust does not pack it, hosts_unapart
 * is nhosts, and the plan is the same (test_keep_apart_over's VMs: 1
 * host without the rule when asked, 2 hosts either way).
 */
static void test_keep_apart_uncosted(void **state)
{
	static const double prov[3] = {32, 32, 1};
	struct plan_opts o = {.p = 95, .cap = {8}, .seed = 1};
	struct trace *t;
	struct demand *d = make(3, 288, big, &t);
	struct plan *pl, *asked;

	(void)state;
	provision(d, prov, 3);
	assert_int_equal(plan_create(PLAN_ROBUST, d, &o, &pl), 0);
	asked = plan(PLAN_ROBUST, d, 8);
	assert_int_equal(asked->hosts_unapart, 1);
	assert_int_equal(pl->hosts_unapart, 2); /* not packed: nhosts */
	assert_int_equal(pl->nhosts, 2);
	assert_int_equal(pl->apart, 2);
	for (size_t v = 0; v < 3; v++)
		assert_int_equal(pl->host_of[v], asked->host_of[v]);
	plan_destroy(asked);
	plan_destroy(pl);
	demand_destroy(d);
	trace_destroy(t);
}

/*
 * Absent is not idle: of 40 slots, VM 0 runs at .75 in 0-19 and VM 1 at
 * .75 in 20-39 (each absent, 0 in the trace, the other half). Read as
 * zeros their sum is .75 in every slot and one host of 1 holds both; a
 * later period in which both run puts 1.5 on it in every slot. Each
 * stands at its own P95 size .75 where it is absent: 1.5 everywhere, two
 * hosts, under every policy.
 */
static void test_absent_not_idle(void **state)
{
	struct trace *t;
	struct demand *d;
	struct plan *pl;
	float *x;
	enum plan_policy pols[] = {PLAN_SEPARATE, PLAN_SBP, PLAN_JOINT,
				   PLAN_ROBUST};

	(void)state;
	assert_int_equal(trace_create(40, 0, 300, RES_MASK(RES_CPU), &t), 0);
	assert_int_equal(trace_add_vm(t, "early", 0, 20, NULL), 0);
	assert_int_equal(trace_add_vm(t, "late", 20, 20, NULL), 0);
	for (size_t v = 0; v < 2; v++) {
		x = trace_vals_mut(t, RES_CPU, v);
		for (int i = 0; i < 20; i++)
			x[i] = 0.75f;
	}
	assert_int_equal(
	    demand_from_trace(t, 0, 40, RES_MASK(RES_CPU), NULL, 0, NULL, &d),
	    0);
	for (size_t i = 0; i < sizeof(pols) / sizeof(pols[0]); i++) {
		pl = plan(pols[i], d, 1.0);
		assert_int_equal(pl->absent, 2);
		assert_int_equal(pl->nhosts, 2);
		assert_close(pl->size[RES_CPU][0], 0.75, 0);
		plan_destroy(pl);
	}
	demand_destroy(d);
	trace_destroy(t);
}

VMUX_TEST_MAIN(
    cmocka_unit_test(test_absent_not_idle),
    cmocka_unit_test(test_anti_correlated),
    cmocka_unit_test(test_correlated_gains_nothing),
    cmocka_unit_test(test_sbp_threshold), cmocka_unit_test(test_unplaced),
    cmocka_unit_test(test_every_resource_fits),
    cmocka_unit_test(test_least_growth), cmocka_unit_test(test_level),
    cmocka_unit_test(test_robust_least_growth), cmocka_unit_test(test_summary),
    cmocka_unit_test(test_robust_calibration),
    cmocka_unit_test(test_robust_above_max_level),
    cmocka_unit_test(test_robust_short_window),
    cmocka_unit_test(test_level_shift), cmocka_unit_test(test_promise_host),
    cmocka_unit_test(test_promise_host_at_target),
    cmocka_unit_test(test_promise_host_interval),
    cmocka_unit_test(test_share_interval), cmocka_unit_test(test_keep_apart),
    cmocka_unit_test(test_keep_apart_share),
    cmocka_unit_test(test_keep_apart_over),
    cmocka_unit_test(test_keep_apart_uncosted), cmocka_unit_test(test_options),
    cmocka_unit_test(test_window))

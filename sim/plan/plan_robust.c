/*
 * plan_robust.c - max-of-predictors packing at a level calibrated on
 * held-back blocks of the training window (see plan_robust.h). Folds are
 * views of the calibration sample (sim/plan/demand.h), cut when they are
 * needed and freed after.
 */
#include "sim/plan/plan_robust.h"
#include "sim/plan/plan_fit.h"
#include "sim/plan/evaluate.h"
#include "models/gauss.h"
#include "models/rng.h"
#include "lib/numtext.h"
#include "lib/pool.h"

#include <gsl/gsl_cdf.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The admission rule at level Q under O's window. */
static struct plan_fit_rule rule_at(const struct plan_opts *o, double q)
{
	return (struct plan_fit_rule){.empirical = true,
				      .gauss = true,
				      .z = gauss_z(q),
				      .grow_p = q,
				      .apart = true,
				      .level = true,
				      .window = plan_fit_window(o->window)};
}

/*
 * ORDER = all of D's VMs by decreasing Gaussian size at level Q relative to
 * the host (mean + z_q sd: large and bursty VMs first).
 */
static int order_at(const struct demand *d, const struct plan_opts *o, double q,
		    size_t *order)
{
	double *key = malloc((d->nvms ? d->nvms : 1) * sizeof(*key));

	if (!key)
		return -ENOMEM;
	for (size_t v = 0; v < d->nvms; v++)
		order[v] = v;
	plan_fit_gauss_key(d, o->cap, gauss_z(q), key);
	plan_fit_sort_vms(order, d->nvms, key, d);
	free(key);
	return 0;
}

/* What one fold's replay found: its statistic, and (for the host scope's
 * interval) how many of its hosts were above the target. */
struct fold_out {
	double rate;
	size_t above, hosts;
};

/* SUM[r][h * nslots + t] += TEST's demand of PK's VMs on host h. */
static void host_sums(const struct pack *pk, const struct demand *test,
		      double **sum, double **rows)
{
	size_t nt = test->nslots, lo, hi;

	for (size_t v = 0; v < test->nvms; v++) {
		demand_vm(test, v, rows, &lo, &hi);
		for (int r = 0; r < RES_COUNT; r++) {
			double *s;

			if (!sum[r])
				continue;
			s = sum[r] + pack_host_of(pk, v) * nt;
			for (size_t t = lo; t < hi; t++)
				s[t] += rows[r][t];
		}
	}
}

/* Slots of host H whose SUM is above capacity in some resource. */
static size_t host_over(const struct pack *pk, double *const *sum, size_t h,
			size_t nt)
{
	size_t n = 0;

	for (size_t t = 0; t < nt; t++)
		for (int r = 0; r < RES_COUNT; r++)
			if (sum[r] && sum[r][h * nt + t] >
					  demand_limit(pack_cap(pk, r))) {
				n++;
				break;
			}
	return n;
}

/*
 * The fold statistic of TEST replayed through PK's hosts: overloaded
 * host-slots / host-slots (fleet), or the share of hosts overloaded in
 * more than the target share of their slots (host), by the one rule of
 * evaluate and report (eval_above_target).
 */
static int replay(const struct pack *pk, const struct demand *test,
		  const struct plan_opts *o, struct fold_out *out)
{
	size_t nh = pack_nhosts(pk), nt = test->nslots, over = 0, bad = 0;
	double *sum[RES_COUNT] = {0}, *rows[RES_COUNT] = {0};
	double target = (100 - o->p) / 100;
	int rc = 0;

	for (int r = 0; r < RES_COUNT && rc == 0; r++)
		if (demand_has(test, r) &&
		    (!(sum[r] = calloc(nh * nt + 1, sizeof(double))) ||
		     !(rows[r] = malloc((nt + 1) * sizeof(double)))))
			rc = -ENOMEM;
	if (rc == 0)
		host_sums(pk, test, sum, rows);
	for (size_t h = 0; rc == 0 && h < nh; h++) {
		size_t n = host_over(pk, sum, h, nt);

		over += n;
		bad += nt && eval_above_target((double)n / (double)nt, target);
	}
	out->above = bad;
	out->hosts = nh;
	if (rc == 0 && o->promise == PLAN_PROMISE_HOST)
		out->rate = nh ? (double)bad / (double)nh : 0;
	else if (rc == 0)
		out->rate = nh && nt ? (double)over / (double)(nh * nt) : 0;
	for (int r = 0; r < RES_COUNT; r++) {
		free(sum[r]);
		free(rows[r]);
	}
	return rc;
}

/* Pack FIT at level Q and replay TEST: the fold statistic. */
static int fit_and_replay(const struct demand *fit, const struct demand *test,
			  const struct plan_opts *o, double q,
			  struct fold_out *out)
{
	struct plan_fit_rule rule = rule_at(o, q);
	size_t *order = malloc((fit->nvms ? fit->nvms : 1) * sizeof(*order));
	struct pack *pk = NULL;
	int rc = order ? order_at(fit, o, q, order) : -ENOMEM;

	if (rc == 0)
		rc = pack_create(fit, o->cap, q, &pk);
	if (rc == 0)
		rc = plan_fit(pk, order, fit->nvms, &rule);
	if (rc == 0)
		rc = replay(pk, test, o, out);
	pack_destroy(pk);
	free(order);
	return rc;
}

size_t plan_robust_folds(const struct demand *d, bool *days)
{
	double span = (double)d->nslots * d->step;
	size_t n = (size_t)(span / ROBUST_DAY);

	*days = d->step > 0 && n >= 2;
	if (!*days)
		return ROBUST_FOLDS;
	return n < ROBUST_MAX_DAYS ? n : ROBUST_MAX_DAYS;
}

/* Held-out statistic of fold B of K of DC at level Q. */
static int fold_rate(const struct demand *dc, const struct plan_opts *o,
		     double q, size_t b, size_t k, struct fold_out *out)
{
	size_t first = b * dc->nslots / k;
	size_t len = (b + 1) * dc->nslots / k - first;
	struct demand *fit = NULL, *test = NULL;
	int rc = demand_slice(dc, first, len, false, &fit);
	size_t absent;

	if (rc == 0)
		rc = demand_slice(dc, first, len, true, &test);
	/* The fold plans as the plan does, on what its fitting part saw; the
	 * held-out part is replayed as it was (absent: no demand). */
	if (rc == 0)
		rc = demand_fill_absent(fit, o->p, NULL, &absent);
	if (rc == 0)
		rc = fit_and_replay(fit, test, o, q, out);
	demand_destroy(fit);
	demand_destroy(test);
	return rc;
}

/* The folds of one level: fold B's replay into out[b]. */
struct folds {
	const struct demand *dc;
	const struct plan_opts *o;
	double q;
	size_t k;
	struct fold_out out[ROBUST_MAX_DAYS];
};

static int fold_task(void *ctx, size_t b)
{
	struct folds *f = ctx;

	return fold_rate(f->dc, f->o, f->q, b, f->k, &f->out[b]);
}

/*
 * Mean and sd (n - 1) of the fold statistics of DC at level Q, and the
 * hosts above the target over all folds. The folds are packed and
 * replayed on POOL's threads (NULL: in the caller), each into its own
 * out[b], and combined in fold order: the same sums for any number of
 * threads.
 */
static int fold_stats(const struct demand *dc, const struct plan_opts *o,
		      double q, struct pool *pool, struct robust_est *e)
{
	bool days;
	struct folds f = {.dc = dc, .o = o, .q = q};
	double ss = 0;
	int rc;

	f.k = plan_robust_folds(dc, &days);
	rc = pool_run(pool, f.k, fold_task, &f);
	if (rc < 0)
		return rc;
	e->k = f.k;
	e->mean = 0;
	e->above = e->hosts = 0;
	for (size_t b = 0; b < f.k; b++) {
		e->mean += f.out[b].rate / (double)f.k;
		e->above += f.out[b].above;
		e->hosts += f.out[b].hosts;
	}
	for (size_t b = 0; b < f.k; b++)
		ss += (f.out[b].rate - e->mean) * (f.out[b].rate - e->mean);
	e->sd = sqrt(ss / (double)(f.k - 1));
	e->upper = e->mean + e->sd / sqrt((double)f.k);
	return 0;
}

void plan_robust_interval(const struct robust_est *e, double *lo, double *hi)
{
	double t =
	    gsl_cdf_tdist_Pinv(0.5 + ROBUST_INTERVAL / 2, (double)(e->k - 1));
	double w = t * e->sd * sqrt(1 + 1 / (double)e->k);

	*lo = e->mean - w > 0 ? e->mean - w : 0;
	*hi = e->mean + w < 1 ? e->mean + w : 1;
}

/* log of the beta function */
static double lbeta(double a, double b)
{
	return lgamma(a) + lgamma(b) - lgamma(a + b);
}

void plan_robust_share_interval(size_t above, size_t hosts, size_t n,
				double *lo, double *hi)
{
	double a = (double)above + 0.5, b = (double)(hosts - above) + 0.5;
	double tail = (1 - ROBUST_INTERVAL) / 2, cdf = 0, base = lbeta(a, b);
	bool low = false;

	*lo = *hi = n ? 1 : 0;
	for (size_t x = 0; x <= n && n; x++) {
		double nx = (double)n, xx = (double)x;

		cdf +=
		    exp(lgamma(nx + 1) - lgamma(xx + 1) - lgamma(nx - xx + 1) +
			lbeta(xx + a, nx - xx + b) - base);
		if (!low && cdf >= tail) {
			*lo = xx / nx;
			low = true;
		}
		/* 1e-12: the sum of n + 1 rounded terms may end a hair short
		 * of 1 */
		if (cdf >= 1 - tail - 1e-12) {
			*hi = xx / nx;
			return;
		}
	}
}

double plan_robust_clean_bound(size_t k)
{
	return k ? gsl_cdf_beta_Pinv(ROBUST_CLEAN_BOUND, 0.5, (double)k + 0.5)
		 : 1;
}

const char *plan_robust_period(double secs, char *buf, size_t n)
{
	double v;
	const char *unit = numtext_time_unit(secs, &v);

	if (secs == ROBUST_DAY)
		snprintf(buf, n, "day");
	else
		snprintf(buf, n, "%.3g-%s block", v, unit);
	return buf;
}

const char *plan_robust_clean_text(size_t k, double secs, char *buf, size_t n)
{
	char per[48];

	plan_robust_period(secs, per, sizeof(per));
	snprintf(buf, n,
		 "no held-out %s had an overloaded host-slot: with %zu of %zu "
		 "%s%s clean, a later %s has one with probability at most "
		 "%.1f%% (%g%% Jeffreys bound)",
		 per, k, k, per, k == 1 ? "" : "s", per,
		 100 * plan_robust_clean_bound(k), 100 * ROBUST_CLEAN_BOUND);
	return buf;
}

int plan_robust_heldout(const struct demand *d, const struct plan_opts *o,
			const size_t *todo, size_t n, double q, double *est)
{
	struct demand *dc;
	struct robust_est e;
	bool days;
	int rc;

	if (d->nslots < plan_robust_folds(d, &days) * ROBUST_MIN_BLOCK)
		return -ERANGE;
	rc = demand_select(d, todo, n, &dc);
	if (rc == 0)
		rc = fold_stats(dc, o, q, NULL, &e);
	if (rc == 0)
		*est = e.upper;
	demand_destroy(dc);
	return rc;
}

/*
 * Bisect for the smallest level whose criterion meets the target; *E the
 * fold statistics at the level chosen (computed once: the interval is
 * drawn from them). The most cautious level is packed only when no level
 * below it met the target (to learn whether even it misses): a level met
 * on the way is the answer, so most calibrations skip that pack.
 */
static int calibrate_level(const struct demand *dc, const struct plan_opts *o,
			   struct pool *pool, struct plan *pl,
			   struct robust_est *e)
{
	double target = (100 - o->p) / 100, lo = o->p, hi = ROBUST_MAX_LEVEL;
	struct robust_est m;
	bool met = false;
	int rc = fold_stats(dc, o, o->p, pool, e);

	pl->level = o->p;
	if (rc < 0 || e->upper <= target)
		return rc;
	if (o->p >= ROBUST_MAX_LEVEL) { /* no more cautious level: P */
		pl->level_capped = true;
		return 0;
	}
	for (int i = 0; rc == 0 && i < ROBUST_STEPS; i++) {
		double mid = (lo + hi) / 2;

		rc = fold_stats(dc, o, mid, pool, &m);
		if (rc == 0 && m.upper <= target) {
			hi = mid;
			pl->level = mid;
			*e = m;
			met = true;
		} else {
			lo = mid;
		}
	}
	if (rc < 0 || met)
		return rc;
	rc = fold_stats(dc, o, ROBUST_MAX_LEVEL, pool, e);
	pl->level = ROBUST_MAX_LEVEL;
	pl->level_capped = e->upper > target;
	return rc;
}

/* Calibrate: the level, its criterion, interval and fold count. */
static int calibrate(const struct demand *dc, const struct plan_opts *o,
		     struct pool *pool, struct plan *pl)
{
	struct robust_est e;
	int rc = calibrate_level(dc, o, pool, pl, &e);

	if (rc == 0) {
		pl->heldout = e.upper;
		plan_robust_interval(&e, &pl->est_lo, &pl->est_hi);
		pl->est_mean = e.mean;
		pl->folds = e.k;
		pl->fold_above = e.above;
		pl->fold_hosts = e.hosts;
		plan_robust_folds(dc, &pl->fold_days);
		pl->fold_secs =
		    pl->fold_days ? ROBUST_DAY
				  : (double)dc->nslots * dc->step / (double)e.k;
	}
	return rc;
}

static int by_index(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;

	return (i > j) - (i < j);
}

static int by_name(const void *a, const void *b, void *ctx)
{
	const struct demand *d = ctx;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	const char *x = demand_name(d, i), *y = demand_name(d, j);
	int c = x && y ? strcmp(x, y) : 0;

	return c ? c : (i > j) - (i < j);
}

/*
 * The calibration VMs: TODO, or a seeded sample of ROBUST_CAL_VMS of D's
 * VMs, drawn from them in name order (the same sample whatever the order
 * of the trace's rows).
 */
static int sample(const struct demand *d, const size_t *todo, size_t n,
		  uint64_t seed, size_t *cal, size_t *m)
{
	struct rng rng;

	memcpy(cal, todo, n * sizeof(*cal));
	*m = n < ROBUST_CAL_VMS ? n : ROBUST_CAL_VMS;
	if (*m == n)
		return 0;
	qsort_r(cal, n, sizeof(*cal), by_name, (void *)d);
	rng_seed(&rng, seed);
	for (size_t i = 0; i < *m; i++) {
		size_t j = i + (size_t)rng_below(&rng, n - i), t = cal[i];

		cal[i] = cal[j];
		cal[j] = t;
	}
	qsort(cal, *m, sizeof(*cal), by_index);
	return 0;
}

static int calibrate_sample(const struct demand *d, const struct plan_opts *o,
			    const size_t *todo, size_t n, struct pool *pool,
			    struct plan *pl)
{
	size_t *cal = malloc((n ? n : 1) * sizeof(*cal)), m = 0;
	struct demand *dc = NULL;
	int rc = cal ? sample(d, todo, n, o->seed, cal, &m) : -ENOMEM;

	if (rc == 0)
		rc = demand_select(d, cal, m, &dc);
	if (rc == 0)
		rc = calibrate(dc, o, pool, pl);
	pl->cal_vms = m;
	demand_destroy(dc);
	free(cal);
	return rc;
}

static int plan_robust_lifted(const struct demand *d, const struct plan_opts *o,
			      struct pool *pool, const size_t *todo, size_t n,
			      struct plan *pl);

int plan_robust(const struct demand *d, const struct plan_opts *o,
		struct pool *pool, const size_t *todo, size_t n,
		struct plan *pl)
{
	struct demand *lifted = NULL;
	double days = (double)d->nslots * d->step / ROBUST_DAY;
	int rc;

	if (days < DEMAND_TREND_DAYS) /* no trend rule: no view */
		return plan_robust_lifted(d, o, pool, todo, n, pl);
	rc = demand_slice(d, 0, d->nslots, true, &lifted);
	if (rc == 0)
		rc = demand_lift_trends(lifted, ROBUST_DAY, pool, &pl->lifted);
	/* The slice left the fill behind: drawn again, on top of the lifts */
	if (rc == 0)
		rc = demand_fill_absent(lifted, o->p, pool, &pl->absent);
	if (rc == 0)
		rc = plan_robust_lifted(lifted, o, pool, todo, n, pl);
	demand_destroy(lifted);
	return rc;
}

/* What keeping apart costs: PL->hosts_unapart, the hosts of ORDER[0..N)
 * packed by RULE without the keep-apart rule (plan.h), if PL kept any
 * VM apart and O asks (a pass more, for plan's summary alone). */
static int unapart_hosts(const struct demand *d, const struct plan_opts *o,
			 const size_t *order, size_t n,
			 struct plan_fit_rule rule, struct plan *pl)
{
	struct plan tmp = {.nvms = d->nvms};
	int rc;

	pl->hosts_unapart = pl->nhosts;
	if (!pl->apart || !o->cost_apart)
		return 0;
	tmp.host_of = malloc((d->nvms ? d->nvms : 1) * sizeof(*tmp.host_of));
	if (!tmp.host_of)
		return -ENOMEM;
	rule.apart = false;
	rc = plan_fit_plan(d, o->cap, pl->level, order, n, &rule, &tmp);
	if (rc == 0)
		pl->hosts_unapart = tmp.nhosts;
	free(tmp.host_of);
	return rc;
}

/*
 * In host scope the statistic is a share of PL's hosts, and the t
 * interval of the folds knows nothing of how few hosts, or how few above
 * the target, it was drawn from (all folds at 0 gave [0, 0]): widen it to
 * hold the beta-binomial interval of the share of the plan's hosts.
 */
static void share_interval(struct plan *pl)
{
	double lo, hi;

	plan_robust_share_interval(pl->fold_above, pl->fold_hosts, pl->nhosts,
				   &lo, &hi);
	if (lo < pl->est_lo)
		pl->est_lo = lo;
	if (hi > pl->est_hi)
		pl->est_hi = hi;
}

/* plan_robust() on demand D whose growing VMs are already raised. */
static int plan_robust_lifted(const struct demand *d, const struct plan_opts *o,
			      struct pool *pool, const size_t *todo, size_t n,
			      struct plan *pl)
{
	size_t *order = malloc((n ? n : 1) * sizeof(*order));
	double *key = malloc((d->nvms ? d->nvms : 1) * sizeof(*key));
	struct plan_fit_rule rule;
	int rc = order && key ? 0 : -ENOMEM;
	bool days;

	pl->level = o->p;
	if (rc == 0 && n > 0 &&
	    d->nslots >= plan_robust_folds(d, &days) * ROBUST_MIN_BLOCK)
		rc = calibrate_sample(d, o, todo, n, pool, pl);
	if (rc == 0) {
		rule = rule_at(o, pl->level);
		memcpy(order, todo, n * sizeof(*order));
		plan_fit_gauss_key(d, o->cap, rule.z, key);
		plan_fit_sort_vms(order, n, key, d);
		rc = plan_fit_plan(d, o->cap, pl->level, order, n, &rule, pl);
	}
	if (rc == 0)
		rc = unapart_hosts(d, o, order, n, rule, pl);
	if (rc == 0 && o->promise == PLAN_PROMISE_HOST && pl->folds)
		share_interval(pl);
	free(key);
	free(order);
	return rc;
}

/*
 * plan_robust.h - the default policy: a plan whose promise is calibrated
 * to hold on data it was not fitted to.
 *
 * Rule at in-sample level q (percent): a host holds a set G of VMs when
 * BOTH predictors of its demand fit every constrained resource r (the
 * max-of-predictors idea of Bashir et al., EuroSys 2021, "Take it to the
 * limit: peak prediction-driven resource overcommitment in datacenters"):
 *   empirical  at most floor((100 - q) / 100 * n) of its n slots with
 *              sum_{i in G} x_i[r](t) > cap[r]  (joint percentile-q size);
 *   Gaussian   sum mu_i + z_q * sqrt(1' Cov_G 1) <= cap[r],
 *              z_q = Phi^-1(q / 100) (N-sigma).
 * VMs are taken in decreasing order of their own Gaussian size,
 * max_r (mu + z_q sigma) / cap[r], each placed as `joint` places it: of
 * the first PLAN_FIT_CANDIDATES hosts that admit it, on the one whose
 * joint percentile-q size grows least (summed over resources relative to
 * the capacity), which pairs VMs whose peaks do not coincide. On the 16
 * shared PlanetLab day pairs this took 1,056 hosts where first fit took
 * 1,061 (calibrated), and 1,035 where first fit took 1,044 at the level
 * each pair needed in hindsight; it costs about a third more CPU time.
 *
 * Calibration of q (cross-validation on the training window): the window
 * is cut into ROBUST_FOLDS contiguous blocks; for block b, the VMs are
 * packed at level q on the other blocks and block b is replayed through
 * those hosts, giving o_b = overloaded host-slots / host-slots. The
 * held-out estimate is mean(o) + sd(o) / sqrt(ROBUST_FOLDS) (one standard
 * error above the mean, sd with n - 1). q is P if that estimate is within
 * the target (100 - P) / 100, otherwise the smallest level in
 * (P, ROBUST_MAX_LEVEL] that meets it, found by bisection to within
 * (ROBUST_MAX_LEVEL - P) / 2^ROBUST_STEPS; if even ROBUST_MAX_LEVEL misses
 * the target, q = ROBUST_MAX_LEVEL and the plan says so (level_capped);
 * with P at or above ROBUST_MAX_LEVEL no level is more cautious: q = P,
 * capped when P misses the target.
 * The final plan packs every VM on the whole window at level q.
 *
 * A level's folds are packed and replayed on the threads of the pool
 * plan_create() passes (plan_threads(o) of them, lib/pool.h), each fold
 * into its own statistic, combined in fold order:
 * the plan is the same bytes for any number of threads.
 *
 * With more than ROBUST_CAL_VMS VMs, calibration packs a sample of that
 * many, drawn without replacement from the seeded generator
 * (models/rng.h); the overload rate of a host does not depend on how many
 * other hosts there are. A window shorter than ROBUST_FOLDS *
 * ROBUST_MIN_BLOCK slots is not calibrated (q = P, heldout = NAN).
 */
#ifndef VMUX_PLAN_ROBUST_H
#define VMUX_PLAN_ROBUST_H

#include "sim/plan/plan.h"

#define ROBUST_FOLDS 4
#define ROBUST_MIN_BLOCK 6
#define ROBUST_MAX_LEVEL 99.9
#define ROBUST_STEPS 6
#define ROBUST_CAL_VMS 2000
#define ROBUST_DAY 86400.0	/* s: a window of >= 2 of these folds by day */
#define ROBUST_MAX_DAYS 31	/* at most this many day folds */
#define ROBUST_INTERVAL 0.90	/* coverage of the printed interval */
#define ROBUST_CLEAN_BOUND 0.95 /* level of plan_robust_clean_bound() */

/* Fold statistics at one level: K folds, their mean and sd (n - 1), and
 * the calibration criterion mean + sd / sqrt(K). */
struct robust_est {
	size_t k;
	double mean, sd, upper;
	size_t above, hosts; /* over the K folds: hosts above the target, and
			      * hosts replayed (host-folds) */
};

/*
 * How D's window is cut for calibration: into whole days (*DAYS true) when
 * it spans at least two (a partial last day joins the last fold; at most
 * ROBUST_MAX_DAYS), else into ROBUST_FOLDS contiguous blocks. Returns the
 * number of folds.
 */
size_t plan_robust_folds(const struct demand *d, bool *days);

/*
 * The ROBUST_INTERVAL prediction interval for the statistic of one more
 * period like the held-out folds: mean -+ t * sd * sqrt(1 + 1/K), t the
 * Student quantile with K - 1 degrees of freedom, clipped to [0, 1].
 */
void plan_robust_interval(const struct robust_est *e, double *lo, double *hi);

/*
 * The ROBUST_INTERVAL prediction interval [*LO, *HI] for the share of N
 * hosts above the target in one more fold, from ABOVE of HOSTS host-folds
 * above it in calibration: the count above among N is beta-binomial, its
 * probability p ~ Beta(ABOVE + 1/2, HOSTS - ABOVE + 1/2) (Jeffreys). The
 * ends are x / N for the (1 - ROBUST_INTERVAL) / 2 and (1 +
 * ROBUST_INTERVAL) / 2 quantiles x of the count. N = 0: [0, 0].
 */
void plan_robust_share_interval(size_t above, size_t hosts, size_t n,
				double *lo, double *hi);

/*
 * When none of K held-out folds had an overloaded host-slot (fleet scope:
 * the interval is [0, 0]), the ROBUST_CLEAN_BOUND upper bound on the
 * probability that one more fold has one: the ROBUST_CLEAN_BOUND quantile
 * of Beta(1/2, K + 1/2), the Jeffreys posterior of that probability after
 * 0 of K. K = 0: 1.
 */
double plan_robust_clean_bound(size_t k);

/*
 * The sentence plan's summary and the report print beside a fleet
 * interval of [0, 0] from K folds of SECS seconds, into BUF[N]: "no
 * held-out day had an overloaded host-slot: with 15 of 15 days clean, a
 * later day has one with probability at most 14.3% (95% Jeffreys
 * bound)". Returns BUF.
 */
const char *plan_robust_clean_text(size_t k, double secs, char *buf, size_t n);

/*
 * The period a held-out fold of SECS seconds is, as the summary, the
 * warnings and the report name it, into BUF[N]: "day" (ROBUST_DAY), else
 * "6-h block", "30-min block", "40-s block". Returns BUF.
 */
const char *plan_robust_period(double secs, char *buf, size_t n);

/*
 * Place TODO[0..N) (VMs of D that fit a host alone; PL->size filled) into
 * PL: host_of, nhosts, level = q, heldout, level_capped, cal_vms, with
 * the per-VM work and the folds on POOL's threads (NULL: the caller's).
 * -ENOMEM.
 */
int plan_robust(const struct demand *d, const struct plan_opts *o,
		struct pool *pool, const size_t *todo, size_t n,
		struct plan *pl);

/*
 * The held-out overload estimate (above) of packing D's VMs TODO[0..N) at
 * level Q under O, into *EST. -ERANGE if D is too short to cut into folds,
 * -ENOMEM.
 */
int plan_robust_heldout(const struct demand *d, const struct plan_opts *o,
			const size_t *todo, size_t n, double q, double *est);

#endif

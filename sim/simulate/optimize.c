/*
 * optimize.c - the consolidation round (see optimize.h).
 */
#include "sim/simulate/optimize.h"
#include "sim/simulate/cands.h"
#include "sim/simulate/corr.h"
#include "sim/simulate/select.h"
#include "sim/simulate/tent.h"
#include "lib/grow.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int optimize_push(struct moves *mv, int vm, int dest)
{
	if (grow_array((void **)&mv->m, &mv->cap, mv->n + 1, sizeof(*mv->m),
		       64))
		return -ENOMEM;
	mv->m[mv->n++] = (struct move){vm, dest};
	return 0;
}

bool optimize_overloaded(struct dc *d, int hi, int v)
{
	struct dc_host *x = &d->h[hi];
	struct dc_tent *t = &x->t;
	double hh[DETECT_HISTORY], req, maxram = 0;
	const double *h;
	unsigned nh;

	tent_refresh(d, hi);
	if (d->cfg->policy == SIM_CORR)
		return corr_overloaded(d, hi, v);
	req = t->req + (v >= 0 ? d->v[v].req : 0);
	if (!tent_joint_history(d))
		return detect_overloaded(&d->cfg->det, req / x->total, NULL, 0,
					 0);
	h = tent_history_with(d, hi, v, hh, &nh);
	for (unsigned i = 0; i < t->n; i++)
		if (d->v[t->vm[i]].ram > maxram)
			maxram = d->v[t->vm[i]].ram;
	if (v >= 0 && d->v[v].ram > maxram)
		maxram = d->v[v].ram;
	return detect_overloaded(&d->cfg->det, req / x->total, h, nh,
				 ceil(maxram / DC_MIG_RATE(x) / 300.0));
}

/* Host I's PABFD score for VM V (NAN if V does not fit there): a VM runs
 * on one core, which must be as fast as the VM (core_request: as its
 * request REQ). */
static double score_of(struct dc *d, int i, int v, double req, bool ram)
{
	struct dc_host *x = &d->h[i];
	double core = d->cfg->q.core_request ? req : fmax(req, d->v[v].mips);

	if (x->t.dirty)
		tent_refresh(d, i);
	if (x->pe < core || x->t.avail < req ||
	    (ram && x->t.ram + d->v[v].ram > x->ram))
		return NAN;
	if (d->cfg->policy == SIM_CORR)
		return corr_score(d, i, v);
	return power_at(&x->type->power, (x->t.alloc + req) / x->total) -
	       x->p_now;
}

/*
 * PABFD picks the least score, ties to the lowest index, among the hosts
 * the detector accepts: the candidates are tried in (score, index) order,
 * so the detector (the costly part) runs on as few hosts as possible; the
 * pick is the one a plain scan would make. Position in CAND[0..N) of the
 * least (score SC[k], host CAND[k]) left, -1 if none (a rejected host's
 * score is NAN).
 */
static long least(const double *sc, const int *cand, size_t n)
{
	long pick = -1;

	for (size_t k = 0; k < n; k++) {
		if (isnan(sc[k]))
			continue;
		if (pick < 0 || sc[k] < sc[pick] ||
		    (sc[k] == sc[pick] && cand[k] < cand[pick]))
			pick = (long)k;
	}
	return pick;
}

int optimize_pabfd(struct dc *d, int v, double req, const bool *excluded,
		   bool ram, bool initial)
{
	double *sc = d->w.score;
	int *cand = d->w.cand;
	size_t n = cands_collect(d, excluded, cand), m = 0;
	long k = -1;

	/* scores beside their hosts, the least found on the way */
	for (size_t j = 0; j < n; j++) {
		int i = cand[j];
		double s = score_of(d, i, v, req, ram);

		if (isnan(s))
			continue;
		if (k < 0 || s < sc[k] || (s == sc[k] && i < cand[k]))
			k = (long)m;
		sc[m] = s;
		cand[m++] = i;
	}
	for (; k >= 0; k = least(sc, cand, m)) {
		int pick = cand[k];

		if (initial || d->h[pick].t.alloc == 0 ||
		    !optimize_overloaded(d, pick, v))
			return pick;
		sc[k] = NAN;
	}
	return -1;
}

/* MC's pick among the VMs of tentative list T, -1 if the regression
 * cannot be made: more VMs than it takes (SELECT_MAX_VMS; more than a
 * history holds, so no fit either), or select_mc's reasons. */
static long pick_mc(const struct dc *d, const struct dc_tent *t)
{
	const double *hist[SELECT_MAX_VMS];
	unsigned m = ~0u;

	if (t->n > SELECT_MAX_VMS)
		return -1;
	for (unsigned i = 0; i < t->n; i++) {
		hist[i] = dc_vm_hist(&d->v[t->vm[i]]);
		if (d->v[t->vm[i]].nhist < m)
			m = d->v[t->vm[i]].nhist;
	}
	return select_mc(hist, t->n, m);
}

/* The VM the selection policy takes off host H (tentative list), among
 * all its VMs (MC falls back to MMT where it cannot fit). */
static int pick_vm(struct dc *d, int hi, struct rng *rng)
{
	struct dc_tent *t = &d->h[hi].t;
	double *key = d->w.key;
	unsigned n = t->n;
	long mc;

	if (!n)
		return -1;
	switch (d->cfg->sel) {
	case SIM_SEL_RS:
		return t->vm[rng_below(rng, n)];
	case SIM_SEL_MU:
		for (unsigned i = 0; i < n; i++)
			key[i] =
			    select_mu_key(d->v[t->vm[i]].u, d->v[t->vm[i]].mips,
					  d->cfg->q.mu_rounding);
		return t->vm[select_mu(key, n)];
	case SIM_SEL_MC:
		if ((mc = pick_mc(d, t)) >= 0)
			return t->vm[mc];
		break;
	case SIM_SEL_MMT:
		break;
	}
	for (unsigned i = 0; i < n; i++)
		key[i] = d->v[t->vm[i]].ram;
	return t->vm[select_mmt(key, n)];
}

/* Decreasing request; equal requests keep their order (pairs vm,
 * position). */
static int by_req(const void *a, const void *b, void *arg)
{
	const struct dc *d = arg;
	const int *x = a, *y = b;
	double rx = d->v[x[0]].req, ry = d->v[y[0]].req;

	if (rx != ry)
		return rx > ry ? -1 : 1;
	return (x[1] > y[1]) - (x[1] < y[1]);
}

/* Sort VMS[0..N) by decreasing request, stably. */
static void sort_by_req(struct dc *d, int *vms, size_t n)
{
	int *pair = d->w.pair;

	for (size_t i = 0; i < n; i++)
		pair[2 * i] = vms[i], pair[2 * i + 1] = (int)i;
	qsort_r(pair, n, 2 * sizeof(*pair), by_req, d);
	for (size_t i = 0; i < n; i++)
		vms[i] = pair[2 * i];
}

/* Steps 1-3: unload the overloaded hosts (an empty host never is). */
static int unload(struct dc *d, struct rng *rng, struct moves *mv,
		  unsigned *nover)
{
	struct dc_work *w = &d->w;
	size_t n = 0;
	int rc;

	for (size_t i = 0; i < d->nh; i++)
		if ((w->over[i] =
			 d->h[i].t.n > 0 && optimize_overloaded(d, (int)i, -1)))
			(*nover)++;
	for (size_t i = 0; i < d->nh; i++) {
		while (w->over[i]) {
			int v = pick_vm(d, (int)i, rng);

			if (v < 0)
				break;
			w->vms[n++] = v;
			tent_remove(d, (int)i, v);
			if (!optimize_overloaded(d, (int)i, -1))
				break;
		}
	}
	sort_by_req(d, w->vms, n);
	for (size_t k = 0; k < n; k++) {
		int v = w->vms[k];
		int h = optimize_pabfd(d, v, d->v[v].req, w->over,
				       !d->cfg->q.ram_once, false);

		if (h >= 0 && ((rc = tent_add(d, h, v)) < 0 ||
			       (rc = optimize_push(mv, v, h)) < 0))
			return rc;
	}
	return 0;
}

/* Measured utilisation, then index: the order underloaded hosts are tried
 * in (the measurements hold through the round). */
static int by_load(const void *a, const void *b, void *arg)
{
	const struct dc *d = arg;
	int x = *(const int *)a, y = *(const int *)b;
	double ux = d->h[x].u, uy = d->h[y].u;

	if (ux != uy)
		return ux < uy ? -1 : 1;
	return (x > y) - (x < y);
}

/* The hosts on (dc_host_off) with a measured utilisation below 1 into
 * w->order, least loaded first; returns how many. */
static size_t by_utilisation(struct dc *d)
{
	size_t n = 0;

	for (size_t i = 0; i < d->nh; i++)
		if (!dc_host_off(d, &d->h[i]) && d->h[i].u < 1)
			d->w.order[n++] = (int)i;
	qsort_r(d->w.order, n, sizeof(*d->w.order), by_load, d);
	return n;
}

/* Place all VMs of host H elsewhere (their moves into tvm/tdst, *NMOVES
 * of them), or none. */
static int evacuate(struct dc *d, int h, size_t *nmoves)
{
	struct dc_work *w = &d->w;
	struct dc_tent *t = &d->h[h].t;
	size_t n = t->n;
	int rc;

	*nmoves = 0;
	memcpy(w->vms, t->vm, n * sizeof(*w->vms));
	sort_by_req(d, w->vms, n);
	for (size_t k = 0; k < n; k++) {
		int v = w->vms[k];
		int dst = optimize_pabfd(d, v, d->v[v].req, w->exp,
					 !d->cfg->q.ram_once, false);

		if (dst < 0) {
			for (size_t j = 0; j < k; j++)
				tent_remove(d, w->tdst[j], w->tvm[j]);
			return 0;
		}
		if ((rc = tent_add(d, dst, v)) < 0)
			return rc;
		w->tvm[k] = v;
		w->tdst[k] = dst;
	}
	*nmoves = n;
	return 0;
}

/*
 * Step 4: switch off underloaded hosts whose VMs fit elsewhere, the least
 * loaded first (excluded: those overloaded, off, a destination already,
 * and for SIM_CORR those not underloaded by joint size).
 */
static int consolidate(struct dc *d, struct moves *mv)
{
	struct dc_work *w = &d->w;
	size_t n = by_utilisation(d), moves;
	int rc;

	for (size_t i = 0; i < d->nh; i++) {
		bool off = dc_host_off(d, &d->h[i]);

		w->exu[i] = w->exp[i] = w->over[i] || off;
		if (d->cfg->policy == SIM_CORR && !off &&
		    !corr_underloaded(d, (int)i))
			w->exu[i] = true;
	}
	if (!d->cfg->q.double_move)
		for (size_t k = 0; k < mv->n; k++)
			w->exu[mv->m[k].dest] = true;
	for (size_t j = 0; j < n; j++) {
		int h = w->order[j];

		if (w->exu[h])
			continue;
		w->exu[h] = w->exp[h] = true;
		if ((rc = evacuate(d, h, &moves)) < 0)
			return rc;
		for (size_t k = 0; k < moves; k++) {
			w->exu[w->tdst[k]] = true;
			if ((rc = optimize_push(mv, w->tvm[k], w->tdst[k])) < 0)
				return rc;
		}
	}
	return 0;
}

int optimize_round(struct dc *d, struct rng *rng, struct moves *mv,
		   unsigned *nover)
{
	int rc;

	mv->n = 0;
	*nover = 0;
	if ((rc = tent_begin(d)) < 0 || (rc = unload(d, rng, mv, nover)) < 0)
		return rc;
	return consolidate(d, mv);
}

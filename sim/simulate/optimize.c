/*
 * optimize.c - the consolidation round (see optimize.h).
 */
#include "sim/simulate/optimize.h"
#include "sim/simulate/corr.h"
#include "sim/simulate/select.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int optimize_push(struct moves *mv, int vm, int dest)
{
	if (mv->n == mv->cap) {
		size_t cap = mv->cap ? 2 * mv->cap : 64;
		void *p = realloc(mv->m, cap * sizeof(*mv->m));

		if (!p)
			return -ENOMEM;
		mv->m = p;
		mv->cap = cap;
	}
	mv->m[mv->n++] = (struct move){vm, dest};
	return 0;
}

int optimize_add(struct dc *d, int h, int v)
{
	struct dc_tent *t = &d->h[h].t;

	if (t->n == t->cap) {
		unsigned cap = t->cap ? 2 * t->cap : 8;
		void *p = realloc(t->vm, cap * sizeof(*t->vm));

		if (!p)
			return -ENOMEM;
		t->vm = p;
		t->cap = cap;
	}
	t->vm[t->n++] = v;
	t->dirty = true;
	return 0;
}

void optimize_remove(struct dc *d, int h, int v)
{
	struct dc_tent *t = &d->h[h].t;

	for (unsigned i = 0; i < t->n; i++)
		if (t->vm[i] == v) {
			memmove(&t->vm[i], &t->vm[i + 1],
				(t->n - i - 1) * sizeof(*t->vm));
			t->n--;
			t->dirty = true;
			return;
		}
}

int optimize_begin(struct dc *d)
{
	int rc;

	for (size_t i = 0; i < d->nh; i++) {
		struct dc_host *h = &d->h[i];

		h->t.n = 0;
		for (unsigned k = 0; k < h->n; k++)
			if (!h->slot[k].in &&
			    (rc = optimize_add(d, (int)i, h->slot[k].vm)) < 0)
				return rc;
		h->t.dirty = true;
	}
	return 0;
}

/* Host history H += VM V's history scaled to host X. */
static void add_history(double *hh, unsigned *nh, const struct dc_vm *v,
			const struct dc_host *x)
{
	for (unsigned k = 0; k < v->nhist; k++)
		hh[k] += v->hist[k] * v->mips / x->total;
	if (v->nhist > *nh)
		*nh = v->nhist;
}

static unsigned trim(const double *hh, unsigned n)
{
	while (n > 0 && hh[n - 1] == 0)
		n--;
	return n;
}

void optimize_refresh(struct dc *d, int hi)
{
	struct dc_host *x = &d->h[hi];
	struct dc_tent *t = &x->t;
	double sum = 0;
	bool over = false;

	if (!t->dirty)
		return;
	t->avail = x->total;
	t->req = t->ram = 0;
	t->nh = 0;
	memset(t->h, 0, sizeof(t->h));
	for (unsigned i = 0; i < t->n; i++) {
		const struct dc_vm *v = &d->v[t->vm[i]];
		double c = v->req > x->pe ? x->pe : v->req;

		sum += c;
		if (!over && t->avail >= c)
			t->avail -= c;
		else
			over = true;
		t->req += v->req;
		t->ram += v->ram;
		add_history(t->h, &t->nh, v, x);
	}
	t->alloc = sum;
	if (over) {
		t->avail = 0;
		t->alloc = 0;
		for (unsigned i = 0; i < t->n; i++) {
			const struct dc_vm *v = &d->v[t->vm[i]];
			double c = v->req > x->pe ? x->pe : v->req;

			t->alloc += floor(c * x->total / sum);
		}
	}
	t->nh = trim(t->h, t->nh);
	t->dirty = false;
}

bool optimize_overloaded(struct dc *d, int hi, int v)
{
	struct dc_host *x = &d->h[hi];
	struct dc_tent *t = &x->t;
	double hh[DETECT_HISTORY], req, maxram = 0;
	unsigned nh;

	optimize_refresh(d, hi);
	req = t->req;
	nh = t->nh;
	memcpy(hh, t->h, sizeof(hh));
	if (v >= 0) {
		req += d->v[v].req;
		add_history(hh, &nh, &d->v[v], x);
		nh = trim(hh, nh > t->nh ? nh : t->nh);
	}
	if (d->cfg->policy == SIM_CORR)
		return corr_overloaded(d, hi, v);
	for (unsigned i = 0; i < t->n; i++)
		if (d->v[t->vm[i]].ram > maxram)
			maxram = d->v[t->vm[i]].ram;
	if (v >= 0 && d->v[v].ram > maxram)
		maxram = d->v[v].ram;
	return detect_overloaded(&d->cfg->det, req / x->total, hh, nh,
				 ceil(maxram / DC_MIG_RATE / 300.0));
}

/* Host I's PABFD score for VM V (NAN if V does not fit there). */
static double score_of(struct dc *d, int i, int v, double req, bool ram)
{
	struct dc_host *x = &d->h[i];

	if (x->t.dirty)
		optimize_refresh(d, i);
	if (x->pe < req || x->t.avail < req ||
	    (ram && x->t.ram + d->v[v].ram > x->ram))
		return NAN;
	double score =
	    power_at(&x->type->power, (x->t.alloc + req) / x->total) - x->p_now;

	return d->cfg->policy == SIM_CORR ? corr_score(d, i, v, score) : score;
}

/*
 * The least score among candidates, ties to the lowest index, among those
 * the detector accepts: the candidates are tried in (score, index) order,
 * so the detector (the costly part) runs on as few hosts as possible; the
 * pick is the one a plain scan would make.
 */
/* Position in CAND[0..N) of the least score SC[CAND[k]], ties to the
 * lowest host index (candidates are in index order); -1 if none left. */
static long least(const double *sc, const int *cand, size_t n)
{
	long pick = -1;

	for (size_t k = 0; k < n; k++)
		if (!isnan(sc[cand[k]]) &&
		    (pick < 0 || sc[cand[k]] < sc[cand[pick]]))
			pick = (long)k;
	return pick;
}

/* Is host X a switched-off empty host of a type SEEN already (then it
 * scores exactly as that one, which has the lower index)? Records it. */
static bool idle_twin(const struct dc *d, const struct dc_host *x,
		      const struct host_type **seen)
{
	unsigned k = 0;

	if (x->t.n != 0 || x->u != 0 || d->cfg->policy == SIM_CORR)
		return false;
	for (; k < 8 && seen[k] && seen[k] != x->type; k++)
		;
	if (k < 8 && seen[k] == x->type)
		return true;
	if (k < 8)
		seen[k] = x->type;
	return false;
}

int optimize_pabfd(struct dc *d, int v, double req, const bool *excluded,
		   bool ram, bool initial)
{
	const struct host_type *seen[8] = {0};
	double *sc = d->scratch;
	int *cand = d->cand;
	size_t n = 0;

	for (size_t i = 0; i < d->nh; i++) {
		if ((excluded && excluded[i]) || idle_twin(d, &d->h[i], seen))
			continue;
		sc[i] = score_of(d, (int)i, v, req, ram);
		if (!isnan(sc[i]))
			cand[n++] = (int)i;
	}
	for (long k; (k = least(sc, cand, n)) >= 0;) {
		int pick = cand[k];

		if (initial || d->h[pick].t.alloc == 0 ||
		    !optimize_overloaded(d, pick, v))
			return pick;
		sc[pick] = NAN;
	}
	return -1;
}

/* The VM the selection policy takes off host H (tentative list). */
static int pick_vm(struct dc *d, int hi, struct rng *rng)
{
	struct dc_tent *t = &d->h[hi].t;
	double key[SELECT_MAX_VMS];
	const double *hist[SELECT_MAX_VMS];
	unsigned n = t->n < SELECT_MAX_VMS ? t->n : SELECT_MAX_VMS, m = ~0u;
	long mc;

	if (!n)
		return -1;
	switch (d->cfg->sel) {
	case SIM_SEL_RS:
		return t->vm[rng_below(rng, n)];
	case SIM_SEL_MU:
		for (unsigned i = 0; i < n; i++)
			key[i] = d->v[t->vm[i]].u;
		return t->vm[select_mu(key, n)];
	case SIM_SEL_MC:
		for (unsigned i = 0; i < n; i++) {
			hist[i] = d->v[t->vm[i]].hist;
			if (d->v[t->vm[i]].nhist < m)
				m = d->v[t->vm[i]].nhist;
		}
		if ((mc = select_mc(hist, n, m)) >= 0)
			return t->vm[mc];
		break;
	case SIM_SEL_MMT:
		break;
	}
	for (unsigned i = 0; i < n; i++)
		key[i] = d->v[t->vm[i]].ram;
	return t->vm[select_mmt(key, n)];
}

static const struct dc *sort_dc;

/* Decreasing request; equal requests keep their order (index tiebreak). */
static int by_req(const void *a, const void *b)
{
	const int *x = a, *y = b;
	double rx = sort_dc->v[x[0]].req, ry = sort_dc->v[y[0]].req;

	if (rx != ry)
		return rx > ry ? -1 : 1;
	return (x[1] > y[1]) - (x[1] < y[1]);
}

/* Sort VMS[0..N) by decreasing request, stably (pairs vm, position). */
static int sort_by_req(const struct dc *d, int *vms, size_t n)
{
	int *pair = malloc(2 * n * sizeof(*pair) + 1);

	if (!pair)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++)
		pair[2 * i] = vms[i], pair[2 * i + 1] = (int)i;
	sort_dc = d;
	qsort(pair, n, 2 * sizeof(*pair), by_req);
	for (size_t i = 0; i < n; i++)
		vms[i] = pair[2 * i];
	free(pair);
	return 0;
}

struct round {
	bool *over, *exu, *exp;
	int *vms;
	size_t nvms;
	struct moves tmp;
};

/* Steps 1-3: unload the overloaded hosts. */
static int unload(struct dc *d, struct rng *rng, struct round *r,
		  struct moves *mv, unsigned *nover)
{
	int rc;

	for (size_t i = 0; i < d->nh; i++)
		if ((r->over[i] = optimize_overloaded(d, (int)i, -1)))
			(*nover)++;
	for (size_t i = 0; i < d->nh; i++) {
		while (r->over[i]) {
			int v = pick_vm(d, (int)i, rng);

			if (v < 0)
				break;
			r->vms[r->nvms++] = v;
			optimize_remove(d, (int)i, v);
			if (!optimize_overloaded(d, (int)i, -1))
				break;
		}
	}
	if ((rc = sort_by_req(d, r->vms, r->nvms)) < 0)
		return rc;
	for (size_t k = 0; k < r->nvms; k++) {
		int v = r->vms[k];
		int h = optimize_pabfd(d, v, d->v[v].req, r->over,
				       !d->cfg->q.ram_once, false);

		if (h >= 0 && ((rc = optimize_add(d, h, v)) < 0 ||
			       (rc = optimize_push(mv, v, h)) < 0))
			return rc;
	}
	return 0;
}

/* Host with the least measured utilisation in (0, 1), not excluded. */
static int underloaded(const struct dc *d, const bool *ex)
{
	double best = 1;
	int pick = -1;

	for (size_t i = 0; i < d->nh; i++)
		if (!ex[i] && d->h[i].u > 0 && d->h[i].u < best) {
			best = d->h[i].u;
			pick = (int)i;
		}
	return pick;
}

/* Place all VMs of host H elsewhere (into r->tmp), or none. */
static int evacuate(struct dc *d, struct round *r, int h)
{
	struct dc_tent *t = &d->h[h].t;
	int rc;

	r->tmp.n = 0;
	r->nvms = t->n;
	memcpy(r->vms, t->vm, t->n * sizeof(*r->vms));
	if ((rc = sort_by_req(d, r->vms, r->nvms)) < 0)
		return rc;
	for (size_t k = 0; k < r->nvms; k++) {
		int v = r->vms[k];
		int dst = optimize_pabfd(d, v, d->v[v].req, r->exp,
					 !d->cfg->q.ram_once, false);

		if (dst < 0) {
			for (size_t j = 0; j < r->tmp.n; j++)
				optimize_remove(d, r->tmp.m[j].dest,
						r->tmp.m[j].vm);
			r->tmp.n = 0;
			return 0;
		}
		if ((rc = optimize_add(d, dst, v)) < 0 ||
		    (rc = optimize_push(&r->tmp, v, dst)) < 0)
			return rc;
	}
	return 0;
}

/* Step 4: switch off underloaded hosts whose VMs fit elsewhere. */
static int consolidate(struct dc *d, struct round *r, struct moves *mv)
{
	size_t nex = 0;
	int rc;

	for (size_t i = 0; i < d->nh; i++) {
		bool off = d->h[i].u == 0;

		r->exu[i] = r->exp[i] = r->over[i] || off;
		if (d->cfg->policy == SIM_CORR && !off &&
		    !corr_underloaded(d, (int)i))
			r->exu[i] = true;
	}
	if (!d->cfg->q.double_move)
		for (size_t k = 0; k < mv->n; k++)
			r->exu[mv->m[k].dest] = true;
	for (size_t i = 0; i < d->nh; i++)
		nex += r->exu[i];
	while (nex < d->nh) {
		int h = underloaded(d, r->exu);

		if (h < 0)
			break;
		r->exu[h] = r->exp[h] = true;
		nex++;
		if ((rc = evacuate(d, r, h)) < 0)
			return rc;
		for (size_t k = 0; k < r->tmp.n; k++) {
			int dst = r->tmp.m[k].dest;

			if (!r->exu[dst])
				r->exu[dst] = true, nex++;
			if ((rc = optimize_push(mv, r->tmp.m[k].vm, dst)) < 0)
				return rc;
		}
	}
	return 0;
}

int optimize_round(struct dc *d, struct rng *rng, struct moves *mv,
		   unsigned *nover)
{
	struct round r = {0};
	int rc = -ENOMEM;

	mv->n = 0;
	*nover = 0;
	r.over = calloc(d->nh, sizeof(*r.over));
	r.exu = calloc(d->nh, sizeof(*r.exu));
	r.exp = calloc(d->nh, sizeof(*r.exp));
	r.vms = malloc((d->nv + 1) * sizeof(*r.vms));
	if (!r.over || !r.exu || !r.exp || !r.vms)
		goto out;
	if ((rc = optimize_begin(d)) < 0 ||
	    (rc = unload(d, rng, &r, mv, nover)) < 0 ||
	    (rc = consolidate(d, &r, mv)) < 0)
		goto out;
out:
	free(r.over);
	free(r.exu);
	free(r.exp);
	free(r.vms);
	free(r.tmp.m);
	return rc;
}

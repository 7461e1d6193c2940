/*
 * corr.c - the correlation-aware policy (see corr.h).
 */
#include "sim/simulate/corr.h"
#include "models/size.h"
#include "sim/simulate/tent.h"

#include <string.h>

/* Joint size of host X's tentative VMs alone, cached until they change
 * (tent_refresh clears size_ok). */
static double size_alone(struct dc *d, struct dc_host *x)
{
	struct dc_tent *t = &x->t;
	double s[DETECT_HISTORY];

	if (!t->size_ok) {
		memcpy(s, t->h, sizeof(t->h));
		t->size =
		    t->nh ? size_percentile_inplace(s, t->nh, d->cfg->corr_pct)
			  : 0;
		t->size_ok = true;
	}
	return t->size;
}

double corr_size(struct dc *d, int hi, int v)
{
	struct dc_host *x = &d->h[hi];
	struct dc_tent *t = &x->t;
	double s[DETECT_HISTORY];
	unsigned n;

	tent_refresh(d, hi);
	if (v < 0)
		return size_alone(d, x);
	const struct dc_vm *m = &d->v[v];
	const double *h = dc_vm_scaled(m, x->kind);

	n = t->nh;
	memcpy(s, t->h, sizeof(t->h));
	for (unsigned k = 0; k < m->nhist; k++)
		s[k] += h[k];
	if (m->nhist > n)
		n = m->nhist;
	if (n == 0)
		return 0;
	return size_percentile_inplace(s, n, d->cfg->corr_pct);
}

bool corr_overloaded(struct dc *d, int hi, int v)
{
	struct dc_host *x = &d->h[hi];
	double req = x->t.req + (v >= 0 ? d->v[v].req : 0);

	if (req / x->total > d->cfg->corr_cap)
		return true;
	return corr_size(d, hi, v) > d->cfg->corr_cap;
}

double corr_score(struct dc *d, int hi, int v)
{
	struct dc_host *x = &d->h[hi];
	const struct power_table *p = &x->type->power;
	double before = corr_size(d, hi, -1), after = corr_size(d, hi, v);

	if (after > 1)
		after = 1;
	if (x->t.n == 0 && !d->cfg->q.wake_free)
		return power_at(p, after);
	return power_at(p, after) - power_at(p, before);
}

bool corr_underloaded(struct dc *d, int hi)
{
	return corr_size(d, hi, -1) < d->cfg->corr_low;
}

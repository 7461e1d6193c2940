/*
 * tent.c - the tentative view of a host during a consolidation round (see
 * tent.h).
 */
#include "sim/simulate/tent.h"
#include "lib/grow.h"
#include "sim/simulate/cands.h"

#include <errno.h>
#include <math.h>
#include <string.h>

/* Host history HH += VM V's history scaled to host X. */
static void add_history(double *hh, unsigned *nh, const struct dc_vm *v,
			const struct dc_host *x)
{
	const double *h = dc_vm_scaled(v, x->kind);

	for (unsigned k = 0; k < v->nhist; k++)
		hh[k] += h[k];
	if (v->nhist > *nh)
		*nh = v->nhist;
}

static unsigned trim(const double *hh, unsigned n)
{
	while (n > 0 && hh[n - 1] == 0)
		n--;
	return n;
}

/* The capped requests of host X's tentative VMs in list order, their
 * floor-rounded shares once over-subscribed (as dc_host_update grants). */
static double shares(const struct dc *d, const struct dc_host *x)
{
	const struct dc_tent *t = &x->t;
	double alloc = 0;

	for (unsigned i = 0; i < t->n; i++) {
		const struct dc_vm *v = &d->v[t->vm[i]];
		double c = v->req > x->pe ? x->pe : v->req;

		alloc += floor(c * x->total / t->sum);
	}
	return alloc;
}

bool tent_joint_history(const struct dc *d)
{
	return d->cfg->policy == SIM_CORR || d->cfg->det.kind != DETECT_THR;
}

/* One more tentative VM V on host X, taken last into the running sums
 * (nh untrimmed until finish()). */
static void take(const struct dc *d, struct dc_host *x, const struct dc_vm *v)
{
	struct dc_tent *t = &x->t;
	double c = v->req > x->pe ? x->pe : v->req;

	t->sum += c;
	if (!t->over && t->avail >= c)
		t->avail -= c;
	else
		t->over = true;
	t->req += v->req;
	t->ram += v->ram;
	if (tent_joint_history(d))
		add_history(t->h, &t->nh, v, x);
}

static void finish(const struct dc *d, struct dc_host *x)
{
	struct dc_tent *t = &x->t;

	t->nh = trim(t->h, t->nh);
	t->alloc = t->over ? shares(d, x) : t->sum;
	if (t->over)
		t->avail = 0;
	t->size_ok = false;
}

int tent_add(struct dc *d, int h, int v)
{
	struct dc_host *x = &d->h[h];
	struct dc_tent *t = &x->t;

	if (grow_array((void **)&t->vm, &t->cap, t->n + 1, sizeof(*t->vm), 8))
		return -ENOMEM;
	t->vm[t->n++] = v;
	if (!t->dirty) {
		/* appended: each sum takes it last, as a refresh would; past
		 * the trimmed length the history sums are exact zeros */
		take(d, x, &d->v[v]);
		finish(d, x);
	}
	cands_note_add(d, h);
	return 0;
}

void tent_refresh(struct dc *d, int hi)
{
	struct dc_host *x = &d->h[hi];
	struct dc_tent *t = &x->t;

	if (!t->dirty)
		return;
	t->avail = x->total;
	t->req = t->ram = t->sum = 0;
	t->over = false;
	t->nh = 0;
	memset(t->h, 0, sizeof(t->h));
	for (unsigned i = 0; i < t->n; i++)
		take(d, x, &d->v[t->vm[i]]);
	finish(d, x);
	t->dirty = false;
}

void tent_remove(struct dc *d, int h, int v)
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

int tent_begin(struct dc *d)
{
	int rc;

	for (size_t i = 0; i < d->nh; i++) {
		struct dc_host *h = &d->h[i];

		/* dirty first: the sums are made once, when asked for */
		h->t.n = 0;
		h->t.dirty = true;
		for (unsigned k = 0; k < h->n; k++)
			if (!h->slot[k].in &&
			    (rc = tent_add(d, (int)i, h->slot[k].vm)) < 0)
				return rc;
	}
	d->w.valid = false;
	return 0;
}

const double *tent_history_with(const struct dc *d, int hi, int v, double *hh,
				unsigned *nh)
{
	const struct dc_host *x = &d->h[hi];

	*nh = x->t.nh;
	if (v < 0)
		return x->t.h;
	memcpy(hh, x->t.h, sizeof(x->t.h));
	add_history(hh, nh, &d->v[v], x);
	*nh = trim(hh, *nh);
	return hh;
}

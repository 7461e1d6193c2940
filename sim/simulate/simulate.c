/*
 * simulate.c - the event loop: initial placement, ticks every 300 s from
 * 300.1 s, migrations completing in between (see simulate.h).
 *
 * Order at a tick T: update every host and integrate energy up to T; run
 * the optimiser on that state; start its migrations in order (destination
 * and source updated at T); each completes at T + RAM / half the
 * destination's network (62.5 MB/s at 1 Gbit/s), where
 * every host is updated (energy up to then), the VM moved, and every host
 * updated again.
 */
#include "sim/simulate/simulate.h"
#include "sim/simulate/dc.h"
#include "sim/simulate/optimize.h"
#include "sim/simulate/tent.h"
#include "lib/grow.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define FIRST_TICK 300.1

struct pending {
	double t;
	int vm, dest;
	size_t seq;
};

struct run {
	struct dc d;
	struct rng rng;
	struct moves mv;
	struct pending *p;
	size_t np, cap, seq;
	struct sim_tick *ticks;
	size_t nticks;
	unsigned long migrations, doubles;
	size_t unplaced; /* place(): the VM no host could take */
};

#define QUIRK(F)                                                               \
	{                                                                      \
#F, offsetof(struct sim_quirks, F)                             \
	}
static const struct {
	const char *name;
	size_t off;
} quirks[] = {
    QUIRK(ram_once),	 QUIRK(double_move),	   QUIRK(pooled),
    QUIRK(energy_edges), QUIRK(dest_full_request), QUIRK(wake_free),
    QUIRK(drop_idle),	 QUIRK(mu_rounding),	   QUIRK(state_counters),
    QUIRK(idle_off),	 QUIRK(share_rounding),	   QUIRK(core_request),
};
#undef QUIRK
#define NQUIRKS (sizeof(quirks) / sizeof(quirks[0]))

const char *simulate_quirk_name(size_t i)
{
	return i < NQUIRKS ? quirks[i].name : NULL;
}

bool simulate_quirk(const struct sim_quirks *q, size_t i)
{
	return *(const bool *)((const char *)q + quirks[i].off);
}

void simulate_quirk_set(struct sim_quirks *q, size_t i, bool on)
{
	*(bool *)((char *)q + quirks[i].off) = on;
}

void simulate_defaults(struct sim_config *c, enum sim_model model)
{
	bool q = model == SIM_MODEL_CLOUDSIM;

	memset(c, 0, sizeof(*c));
	c->model = model;
	c->policy = SIM_MIGRATE;
	c->det = (struct detector){DETECT_THR, 0.8};
	c->sel = SIM_SEL_MMT;
	c->q = (struct sim_quirks){q, q, q, q, q, q, q, q, q, q, q, q};
	c->seed = 1;
	c->corr_pct = 95;
	c->corr_cap = 1.0;
	c->corr_low = 0.5;
}

/* NPA and DVFS: first fit with each VM's full size, RAM checked. */
static int first_fit(struct dc *d, int v)
{
	for (size_t i = 0; i < d->nh; i++) {
		struct dc_host *x = &d->h[i];
		double used = 0, ram = 0;

		for (unsigned k = 0; k < x->n; k++) {
			used += d->v[x->slot[k].vm].mips;
			ram += d->v[x->slot[k].vm].ram;
		}
		if (x->pe >= d->v[v].mips && x->total - used >= d->v[v].mips &&
		    ram + d->v[v].ram <= x->ram)
			return (int)i;
	}
	return -1;
}

static int place(struct run *r)
{
	struct dc *d = &r->d;
	int rc;

	for (size_t i = 0; i < d->nh; i++)
		d->h[i].t.n = 0, d->h[i].t.dirty = true;
	/* Being created, a VM asks for its full size. */
	for (size_t i = 0; i < d->nv; i++)
		d->v[i].req = d->v[i].mips;
	for (size_t i = 0; i < d->nv; i++) {
		int h;

		if (d->cfg->policy == SIM_STATIC)
			h = d->cfg->placement[i];
		else if (d->cfg->policy == SIM_NPA ||
			 d->cfg->policy == SIM_DVFS)
			h = first_fit(d, (int)i);
		else
			h = optimize_pabfd(d, (int)i, d->v[i].mips, NULL, true,
					   true);
		if (h < 0 || (size_t)h >= d->nh) {
			r->unplaced = i;
			return -ENOSPC;
		}
		if ((rc = dc_attach(d, h, (int)i, false)) < 0 ||
		    (rc = tent_add(d, h, (int)i)) < 0)
			return rc;
		d->v[i].home = h;
	}
	for (size_t i = 0; i < d->nv; i++)
		d->v[i].req = 0;
	return 0;
}

static int by_time(const void *a, const void *b)
{
	const struct pending *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

static int start_moves(struct run *r, double t)
{
	struct dc *d = &r->d;
	int rc;

	if (grow_array((void **)&r->p, &r->cap, r->np + r->mv.n, sizeof(*r->p),
		       r->np + r->mv.n))
		return -ENOMEM;
	for (size_t k = 0; k < r->mv.n; k++) {
		int v = r->mv.m[k].vm, dst = r->mv.m[k].dest;

		if (d->v[v].migrating)
			r->doubles++;
		d->v[v].migrating = true;
		if ((rc = dc_attach(d, dst, v, true)) < 0)
			return rc;
		r->p[r->np++] =
		    (struct pending){t + d->v[v].ram / DC_MIG_RATE(&d->h[dst]),
				     v, dst, r->seq++};
		dc_host_update(d, dst, t);
		dc_host_update(d, d->v[v].home, t);
	}
	r->migrations += r->mv.n;
	if (r->np > 1) /* r->p is NULL until a migration is pending */
		qsort(r->p, r->np, sizeof(*r->p), by_time);
	return 0;
}

/* Complete every migration due at or before LIMIT. */
static int complete_until(struct run *r, double limit)
{
	struct dc *d = &r->d;
	size_t k = 0;
	int rc;

	while (k < r->np && r->p[k].t <= limit) {
		double t = r->p[k].t;

		dc_update(d, t, false);
		for (; k < r->np && r->p[k].t == t; k++) {
			struct pending *p = &r->p[k];
			int src = d->v[p->vm].home;

			dc_detach(d, src, p->vm, false);
			dc_detach(d, p->dest, p->vm, true);
			if ((rc = dc_attach(d, p->dest, p->vm, false)) < 0)
				return rc;
			d->v[p->vm].home = p->dest;
			d->v[p->vm].migrating = false;
			d->h[src].touched = d->h[p->dest].touched = true;
		}
		/* The update after the moves, at the same instant: only the
		 * hosts the moves touched change. */
		for (size_t i = 0; i < d->nh; i++) {
			if (d->h[i].touched)
				dc_host_update(d, (int)i, t);
			d->h[i].u_prev = d->h[i].u;
			d->h[i].on_prev = d->h[i].on;
			d->h[i].touched = false;
		}
	}
	if (k) /* r->p is NULL while nothing was ever pending */
		memmove(r->p, r->p + k, (r->np - k) * sizeof(*r->p));
	r->np -= k;
	return 0;
}

/* The host-seconds short of CPU (SLATAH's numerator) counted so far:
 * every host's entry is closed at a tick, where it is read, or is
 * inactive (resting), which counts none. */
static double short_seconds(const struct dc *d)
{
	double s = 0;

	for (size_t i = 0; i < d->nh; i++)
		s += d->h[i].viol_s;
	return s;
}

static int record_tick(struct run *r, double t, unsigned over)
{
	struct dc *d = &r->d;
	struct sim_tick *k;

	if (!(r->nticks & (r->nticks + 1)) || !r->ticks) {
		void *p = realloc(r->ticks, (2 * r->nticks + 2) * sizeof(*k));

		if (!p)
			return -ENOMEM;
		r->ticks = p;
	}
	k = &r->ticks[r->nticks++];
	/* shorts: the host-seconds short so far, made a mean by shorts() */
	*k = (struct sim_tick){
	    t, 0, over, (unsigned)r->mv.n, 0, short_seconds(d)};
	for (size_t i = 0; i < d->nh; i++) {
		k->active += dc_host_on(d, (int)i);
		k->power_w += dc_host_power(d, (int)i);
	}
	return 0;
}

/* Each tick's short_seconds() so far into the mean hosts short from it
 * to the next (the first from 0, the last to END), SLATAH's host-seconds
 * counted by the end (ALL) spread over the ticks. */
static void shorts(struct sim_tick *k, size_t n, double all, double end)
{
	double from = 0, before = 0;

	for (size_t i = 0; i < n; i++) {
		double to = i + 1 < n ? k[i + 1].t : end;
		double upto = i + 1 < n ? k[i + 1].shorts : all;

		k[i].shorts = to > from ? (upto - before) / (to - from) : 0;
		from = to;
		before = upto;
	}
}

static int tick(struct run *r, double t)
{
	unsigned over = 0;
	int rc;

	dc_update(&r->d, t, true);
	r->mv.n = 0;
	if (r->d.cfg->policy == SIM_MIGRATE || r->d.cfg->policy == SIM_CORR) {
		if ((rc = optimize_round(&r->d, &r->rng, &r->mv, &over)) < 0 ||
		    (rc = start_moves(r, t)) < 0)
			return rc;
	}
	return record_tick(r, t, over);
}

static int loop(struct run *r, double end)
{
	int rc;
	double t = FIRST_TICK;

	if (!r->d.cfg->q.energy_edges)
		dc_update(&r->d, 0, false);
	/* Tick times accumulate as a discrete-event clock's do. */
	for (; t < end; t += 300.0)
		if ((rc = complete_until(r, t)) < 0 || (rc = tick(r, t)) < 0)
			return rc;
	if ((rc = complete_until(r, end)) < 0)
		return rc;
	if (!r->d.cfg->q.energy_edges)
		dc_update(&r->d, end, false);
	return 0;
}

int simulate_run(const struct workload *w, const struct catalogue *cat,
		 const struct sim_config *cfg, struct sim_result *res,
		 struct sim_tick **ticks, size_t *nticks)
{
	struct run r = {0};
	double end = (double)(workload_nsamples(w) - 1) * WORKLOAD_STEP;
	int rc;

	memset(res, 0, sizeof(*res));
	rng_seed(&r.rng, cfg->seed);
	if ((rc = dc_init(&r.d, w, cat, cfg)) < 0)
		return rc;
	if ((rc = place(&r)) < 0 || (rc = loop(&r, end)) < 0) {
		res->unplaced = r.unplaced;
		goto out;
	}
	shorts(r.ticks, r.nticks, short_seconds(&r.d), end);
	dc_finish(&r.d, res);
	res->migrations = r.migrations;
	res->double_moves = r.doubles;
	res->dropped = r.d.dropped;
	if (ticks) {
		*ticks = r.ticks;
		*nticks = r.nticks;
		r.ticks = NULL;
	}
out:
	free(r.ticks);
	free(r.p);
	free(r.mv.m);
	dc_free(&r.d);
	return rc;
}

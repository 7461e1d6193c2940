/*
 * dc.c - host updates, CPU shares and the energy/SLA integrals of the
 * simulated data centre (see dc.h).
 *
 * CPU sharing is time-shared with over-subscription: each VM asks for its
 * request capped at one core's MIPS (an incoming VM for 10 % of it); while
 * the requests fit they are granted, otherwise every VM gets its capped
 * request scaled by capacity / total asked, rounded down to whole MIPS. A
 * VM migrating out gets 90 % of its share, the other 10 % going to the
 * migration; the host's utilisation counts the whole share (CloudSim
 * divides the 90 % back by 0.9: the quirk share_rounding).
 */
#include "sim/simulate/dc.h"
#include "lib/grow.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The optimiser's buffers (struct dc_work). */
static int work_init(struct dc *d)
{
	struct dc_work *w = &d->w;
	size_t nh = d->nh + 1, nv = d->nv + 1, nt = d->ntypes + 1;

	w->score = calloc(nh + nt, sizeof(*w->score));
	w->cand = calloc(nh + nt, sizeof(*w->cand));
	w->over = calloc(nh, sizeof(*w->over));
	w->exu = calloc(nh, sizeof(*w->exu));
	w->exp = calloc(nh, sizeof(*w->exp));
	w->vms = calloc(nv, sizeof(*w->vms));
	w->pair = calloc(2 * nv, sizeof(*w->pair));
	w->tvm = calloc(nv, sizeof(*w->tvm));
	w->tdst = calloc(nv, sizeof(*w->tdst));
	w->key = calloc(nv, sizeof(*w->key));
	w->order = calloc(nh, sizeof(*w->order));
	w->live = calloc(nh, sizeof(*w->live));
	w->idle = calloc(nh, sizeof(*w->idle));
	w->is_live = calloc(nh, sizeof(*w->is_live));
	w->first = calloc(nt, sizeof(*w->first));
	w->head = calloc(nt, sizeof(*w->head));
	if (!w->score || !w->cand || !w->over || !w->exu || !w->exp ||
	    !w->vms || !w->pair || !w->tvm || !w->tdst || !w->key ||
	    !w->order || !w->live || !w->idle || !w->is_live || !w->first ||
	    !w->head)
		return -ENOMEM;
	return 0;
}

static void work_free(struct dc_work *w)
{
	free(w->score);
	free(w->cand);
	free(w->over);
	free(w->exu);
	free(w->exp);
	free(w->vms);
	free(w->pair);
	free(w->tvm);
	free(w->tdst);
	free(w->key);
	free(w->order);
	free(w->live);
	free(w->idle);
	free(w->is_live);
	free(w->first);
	free(w->head);
	memset(w, 0, sizeof(*w));
}

static void hosts_init(struct dc *d, const struct catalogue *cat)
{
	for (size_t i = 0; i < d->nh; i++) {
		struct dc_host *h = &d->h[i];

		h->type = catalogue_host_type(cat, i);
		for (size_t k = 0; k < d->ntypes; k++)
			if (catalogue_type(cat, k) == h->type)
				h->kind = (unsigned)k;
		h->pe = h->type->mips;
		h->total = h->type->mips * h->type->cores;
		h->ram = h->type->ram_mb;
		h->was_active = d->cfg->q.state_counters;
		d->kind_total[h->kind] = h->total;
	}
}

int dc_init(struct dc *d, const struct workload *w, const struct catalogue *cat,
	    const struct sim_config *cfg)
{
	memset(d, 0, sizeof(*d));
	d->cfg = cfg;
	d->nh = catalogue_nhosts(cat);
	d->ntypes = catalogue_ntypes(cat);
	d->nv = workload_nvms(w);
	d->h = calloc(d->nh, sizeof(*d->h));
	d->v = calloc(d->nv, sizeof(*d->v));
	d->kind_total = calloc(d->ntypes + 1, sizeof(*d->kind_total));
	d->rings =
	    calloc(d->nv * (1 + d->ntypes) * DC_RING + 1, sizeof(*d->rings));
	if (!d->h || !d->v || !d->kind_total || !d->rings || work_init(d) < 0) {
		dc_free(d);
		return -ENOMEM;
	}
	hosts_init(d, cat);
	for (size_t i = 0; i < d->nv; i++) {
		const struct vm_type *vt =
		    workload_vm_type(workload_type_of(w, i));

		d->v[i].series = workload_series(w, i);
		d->v[i].mips = vt->mips;
		d->v[i].ram = vt->ram_mb;
		d->v[i].home = -1;
		d->v[i].hpos = DC_RING;
		d->v[i].rings = d->rings + i * (1 + d->ntypes) * DC_RING;
	}
	return 0;
}

void dc_free(struct dc *d)
{
	for (size_t i = 0; d->h && i < d->nh; i++) {
		free(d->h[i].slot);
		free(d->h[i].t.vm);
	}
	free(d->h);
	free(d->v);
	free(d->kind_total);
	free(d->rings);
	work_free(&d->w);
	d->h = NULL;
	d->v = NULL;
	d->kind_total = d->rings = NULL;
}

int dc_attach(struct dc *d, int h, int v, bool in)
{
	struct dc_host *x = &d->h[h];

	if (grow_array((void **)&x->slot, &x->cap, x->n + 1, sizeof(*x->slot),
		       8))
		return -ENOMEM;
	x->slot[x->n++] = (struct dc_slot){v, in};
	return 0;
}

void dc_detach(struct dc *d, int h, int v, bool in)
{
	struct dc_host *x = &d->h[h];

	for (unsigned i = 0; i < x->n; i++)
		if (x->slot[i].vm == v && x->slot[i].in == in) {
			memmove(&x->slot[i], &x->slot[i + 1],
				(x->n - i - 1) * sizeof(*x->slot));
			x->n--;
			return;
		}
}

/* Integrate VM entry E up to T, then replace it. */
static void vm_entry(struct dc_vm *v, double t, double alloc, double req,
		     bool mig)
{
	struct dc_entry *e = &v->e;

	if (e->set && t > e->t) {
		double dt = t - e->t;

		v->req_s += e->req * dt;
		v->alloc_s += e->alloc * dt;
		if (e->flag && e->alloc < e->req)
			v->loss_s += (e->req - e->alloc) * dt;
	}
	*e = (struct dc_entry){t, alloc, req, mig, true};
}

static void host_close(struct dc_host *h)
{
	if (h->was_active && !h->e.flag)
		h->shutdowns++;
	h->was_active = h->e.flag;
}

static void host_entry(struct dc_host *h, double t, double alloc, double req,
		       bool active)
{
	struct dc_entry *e = &h->e;

	if (e->set && t > e->t) {
		double dt = t - e->t;

		if (e->flag) {
			h->active_s += dt;
			if (e->alloc < e->req)
				h->viol_s += dt;
		}
		host_close(h);
	}
	*e = (struct dc_entry){t, alloc, req, active, true};
}

/* Capped request (what the scheduler is asked for) of slot S. */
static double asked(const struct dc_host *h, const struct dc_vm *v,
		    const struct dc_slot *s)
{
	double c = v->req > h->pe ? h->pe : v->req;

	return s->in ? c * 0.1 : c;
}

static double granted(const struct dc_host *h, const struct dc_vm *v,
		      const struct dc_slot *s, double scale)
{
	double c = v->req > h->pe ? h->pe : v->req;
	bool out = v->migrating && !s->in;

	if (scale == 0) /* the requests fit */
		return out ? c * DC_MIG_SHARE : s->in ? c * 0.1 : c;
	if (out)
		return floor(c * scale * DC_MIG_SHARE);
	return floor((s->in ? c * 0.1 : c) * scale);
}

/* What slot S, granted G, takes of host H: a VM migrating out uses its
 * whole share, 90 % for itself and 10 % for the migration. */
static double taken(const struct dc *d, const struct dc_host *h,
		    const struct dc_vm *v, const struct dc_slot *s, double g,
		    double scale)
{
	double c = v->req > h->pe ? h->pe : v->req;

	if (!v->migrating || s->in)
		return g;
	if (d->cfg->q.share_rounding)
		return g / DC_MIG_SHARE;
	return scale == 0 ? c : floor(c * scale);
}

void dc_host_update(struct dc *d, int hi, double t)
{
	struct dc_host *h = &d->h[hi];
	double avail = h->total, sum = 0, scale = 0, util = 0, req = 0;
	bool over = false;

	for (unsigned i = 0; i < h->n; i++) {
		double a = asked(h, &d->v[h->slot[i].vm], &h->slot[i]);

		sum += a;
		if (!over && avail >= a)
			avail -= a;
		else
			over = true;
	}
	if (over)
		scale = h->total / sum;
	for (unsigned i = 0; i < h->n; i++) {
		const struct dc_slot *s = &h->slot[i];
		struct dc_vm *v = &d->v[s->vm];
		double g = granted(h, v, s, scale);

		/* An incoming VM's state is its source's to record. */
		if (!s->in)
			vm_entry(v, t, g, v->req, v->migrating);
		util += taken(d, h, v, s, g, scale);
		req += s->in && !d->cfg->q.dest_full_request ? v->req * 0.1
							     : v->req;
	}
	h->util_mips = util;
	h->u_prev = h->u;
	h->on_prev = h->on;
	h->u = util / h->total > 1 ? 1 : util / h->total;
	h->on = d->cfg->q.energy_edges ? util > 0 : h->n > 0;
	h->p_now = dc_host_off(d, h) && !d->cfg->q.wake_free
		       ? 0
		       : power_at(&h->type->power, h->u);
	host_entry(h, t, util, req, h->on);
	d->w.valid = false;
}

/* NPA charges every host full power all the time: the counters follow. */
static bool all_on(const struct dc *d)
{
	return d->cfg->policy == SIM_NPA && !d->cfg->q.state_counters;
}

bool dc_host_on(const struct dc *d, int hi)
{
	return all_on(d) || d->h[hi].on;
}

double dc_host_power(const struct dc *d, int hi)
{
	const struct dc_host *h = &d->h[hi];

	if (d->cfg->policy == SIM_NPA)
		return h->type->power.w[POWER_POINTS - 1];
	return h->on ? power_at(&h->type->power, h->u) : 0;
}

static double host_energy(const struct dc *d, const struct dc_host *h,
			  double dt)
{
	const struct power_table *p = &h->type->power;

	if (d->cfg->policy == SIM_NPA)
		return p->w[POWER_POINTS - 1] * dt;
	if (d->cfg->q.energy_edges)
		return h->u_prev == 0 ? 0
				      : power_energy(p, h->u_prev, h->u, dt);
	double p0 = h->on_prev ? power_at(p, h->u_prev) : 0;
	double p1 = h->on ? power_at(p, h->u) : 0;

	return (p0 + p1) / 2 * dt;
}

/* Append V's utilisation to its history rings (see struct dc_vm). */
static void vm_history(const struct dc *d, struct dc_vm *v)
{
	const size_t keep = DETECT_HISTORY - 1, nr = 1 + d->ntypes;
	double *r = v->rings;

	if (v->hpos == 0) {
		/* slide the newest values to the top half */
		for (size_t k = 0; k < nr; k++)
			memcpy(&r[k * DC_RING + DC_RING - keep],
			       &r[k * DC_RING], keep * sizeof(double));
		v->hpos = (unsigned)(DC_RING - keep);
	}
	v->hpos--;
	r[v->hpos] = v->u;
	for (size_t k = 0; k < d->ntypes; k++)
		r[(k + 1) * DC_RING + v->hpos] =
		    v->u * v->mips / d->kind_total[k];
	if (v->nhist < DETECT_HISTORY)
		v->nhist++;
}

/* CloudSim takes a VM that requests nothing for finished and destroys it
 * for the rest of the run (unless it is migrating). */
static void drop_idle(struct dc *d)
{
	for (size_t i = 0; i < d->nh; i++) {
		struct dc_host *h = &d->h[i];

		for (unsigned k = 0; k < h->n;) {
			struct dc_vm *v = &d->v[h->slot[k].vm];

			if (!h->slot[k].in && !v->migrating && v->req == 0) {
				v->home = -1;
				d->dropped++;
				dc_detach(d, (int)i, h->slot[k].vm, false);
			} else {
				k++;
			}
		}
	}
}

/*
 * An empty host in its resting state (switched off, nothing requested,
 * already so at its last two updates): updating it again changes nothing
 * but its entry's time, which an inactive entry never charges, and it adds
 * no energy (unless NPA's hosts never rest).
 */
static bool resting(const struct dc *d, const struct dc_host *h)
{
	return h->n == 0 && h->e.set && !h->e.flag && h->e.alloc == 0 &&
	       h->e.req == 0 && !h->was_active && h->u == 0 && h->u_prev == 0 &&
	       !h->on && !h->on_prev && d->cfg->policy != SIM_NPA;
}

void dc_update(struct dc *d, double t, bool tick)
{
	struct workload_pos pos;
	bool energy = t > d->t_last;

	workload_pos_at(t, &pos);
	for (size_t i = 0; i < d->nv; i++) {
		struct dc_vm *v = &d->v[i];

		if (v->home < 0)
			continue; /* destroyed (drop_idle) */
		v->u = workload_value(v->series, &pos);
		v->req = v->u * v->mips;
		if (tick)
			vm_history(d, v);
	}
	/* Each host's energy once it is updated: the sum runs in host
	 * order as ever, resting hosts add exactly 0. */
	for (size_t i = 0; i < d->nh; i++) {
		if (resting(d, &d->h[i]))
			continue;
		dc_host_update(d, (int)i, t);
		if (energy)
			d->energy_j += host_energy(d, &d->h[i], t - d->t_last);
	}
	d->t_last = t;
	d->w.valid = false;
	if (d->cfg->q.drop_idle)
		drop_idle(d);
}

static void metrics(const struct dc *d, struct sim_result *r)
{
	double act = 0, viol = 0, hosts = 0, frac_h = 0;
	double req = 0, alloc = 0, loss = 0, vms = 0, frac_v = 0;

	for (size_t i = 0; i < d->nh; i++) {
		const struct dc_host *h = &d->h[i];

		act += h->active_s;
		viol += h->viol_s;
		r->shutdowns += h->shutdowns;
		if (h->active_s > 0)
			hosts++, frac_h += h->viol_s / h->active_s;
	}
	for (size_t i = 0; i < d->nv; i++) {
		const struct dc_vm *v = &d->v[i];

		req += v->req_s;
		alloc += v->alloc_s;
		loss += v->loss_s;
		if (v->req_s > 0)
			vms++, frac_v += v->loss_s / v->req_s;
	}
	bool pooled = d->cfg->q.pooled;

	r->slatah = pooled ? (act > 0 ? viol / act : 0)
			   : (hosts > 0 ? frac_h / hosts : 0);
	r->pdm =
	    pooled ? (req > 0 ? loss / req : 0) : (vms > 0 ? frac_v / vms : 0);
	r->overall_sla = req > 0 ? (req - alloc) / req : 0;
	r->host_hours = act / 3600;
	if (all_on(d)) { /* energy: every host from 0 to the last update */
		r->host_hours = (double)d->nh * d->t_last / 3600;
		r->shutdowns = 0;
	}
}

void dc_finish(struct dc *d, struct sim_result *r)
{
	for (size_t i = 0; i < d->nh; i++)
		host_close(&d->h[i]);
	r->shutdowns = 0;
	metrics(d, r);
	r->energy_kwh = d->energy_j / 3.6e6;
	r->slav = r->slatah * r->pdm;
	r->esv = r->energy_kwh * r->slav;
}

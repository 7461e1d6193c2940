/*
 * evaluate.c - replay a trace window through a placement (definitions in
 * evaluate.h).
 *
 * Per host: one pass over its VMs sums the demand per constrained resource
 * and slot, one pass over the slots finds the overloads, and a last pass
 * over the VMs, touching only overloaded slots, counts violations (and, if
 * asked, each VM's share of the shortfall). Memory: one slot vector per
 * constrained resource plus one byte per slot, reused across hosts.
 */
#include "sim/plan/evaluate.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Scratch for one host: summed demand per resource, overload mask. */
struct host_sums {
	double *d[RES_COUNT];
	uint8_t *mask; /* bit r set: slot overloaded on r */
	size_t *over;  /* indices of overloaded slots */
	size_t nover;
};

static bool constrained(const struct eval_opts *o, int r)
{
	return o->cap[r] > 0;
}

int eval_check(const struct trace *t, const struct eval_opts *o)
{
	bool any = false;

	if (o->nslots == 0 || o->first > trace_nslots(t) ||
	    o->nslots > trace_nslots(t) - o->first)
		return -EINVAL;
	for (int r = 0; r < RES_COUNT; r++) {
		if (!isfinite(o->cap[r]) || o->cap[r] < 0)
			return -EINVAL;
		if (constrained(o, r) && !trace_has(t, (enum res)r))
			return -EINVAL;
		any |= constrained(o, r);
	}
	return any ? 0 : -EINVAL;
}

static void sums_free(struct host_sums *h)
{
	for (int r = 0; r < RES_COUNT; r++)
		free(h->d[r]);
	free(h->mask);
	free(h->over);
}

static int sums_alloc(struct host_sums *h, const struct eval_opts *o)
{
	size_t n = o->nslots;

	memset(h, 0, sizeof(*h));
	for (int r = 0; r < RES_COUNT; r++)
		if (constrained(o, r) &&
		    !(h->d[r] = malloc(n * sizeof(double))))
			goto fail;
	h->mask = malloc(n);
	h->over = malloc(n * sizeof(size_t));
	if (h->mask && h->over)
		return 0;
fail:
	sums_free(h);
	return -ENOMEM;
}

/* D_r(s) for every constrained r over the window, in the order of VMS. */
static void sum_demand(const struct trace *t, const size_t *vms, size_t n,
		       const struct eval_opts *o, struct host_sums *h)
{
	for (int r = 0; r < RES_COUNT; r++) {
		if (!h->d[r])
			continue;
		memset(h->d[r], 0, o->nslots * sizeof(double));
		for (size_t i = 0; i < n; i++) {
			size_t lo, hi;
			double sc;
			const float *x =
			    trace_overlap(t, (enum res)r, vms[i], o->first,
					  o->nslots, &lo, &hi, &sc);

			for (size_t s = lo; s < hi; s++)
				h->d[r][s] += x[s - lo] / sc;
		}
	}
}

/* Overloads and excess per slot into ST and H's mask / slot list. */
static void find_overloads(const struct eval_opts *o, struct host_sums *h,
			   struct eval_stats *st)
{
	h->nover = 0;
	for (size_t s = 0; s < o->nslots; s++) {
		uint8_t m = 0;

		for (int r = 0; r < RES_COUNT; r++) {
			double d, cap = o->cap[r];

			if (!h->d[r])
				continue;
			d = h->d[r][s];
			st->demand[r] += d;
			if (d > cap * (1 + EVAL_REL_TOL)) {
				m |= (uint8_t)(1u << r);
				st->over[r]++;
				st->unmet[r] += d - cap;
			}
		}
		h->mask[s] = m;
		if (m)
			h->over[h->nover++] = s;
	}
	st->overloaded = h->nover;
}

/* Violated slots of VM (and its shortfall into OUT if not NULL). */
static size_t vm_violations(const struct trace *t, size_t vm,
			    const struct eval_opts *o,
			    const struct host_sums *h, struct eval_vm *out)
{
	size_t violated = 0;

	for (size_t k = 0; k < h->nover; k++) {
		size_t s = h->over[k];
		bool short_of = false;

		for (int r = 0; r < RES_COUNT; r++) {
			double x, d;

			if (!(h->mask[s] & (1u << r)))
				continue;
			x = trace_value(t, (enum res)r, vm, o->first + s);
			if (!(x > 0))
				continue;
			short_of = true;
			d = h->d[r][s];
			if (out)
				out->unmet[r] += x * (d - o->cap[r]) / d;
		}
		violated += short_of;
	}
	return violated;
}

static void vm_demand(const struct trace *t, size_t vm,
		      const struct eval_opts *o, struct eval_vm *out)
{
	for (int r = 0; r < RES_COUNT; r++) {
		size_t lo, hi;
		double sc;
		const float *x;

		if (!constrained(o, r))
			continue;
		x = trace_overlap(t, (enum res)r, vm, o->first, o->nslots, &lo,
				  &hi, &sc);
		for (size_t s = lo; s < hi; s++)
			out->demand[r] += x[s - lo] / sc;
	}
}

/* One host with scratch H already allocated. */
static void host_eval(const struct trace *t, const size_t *vms, size_t n,
		      const struct eval_opts *o, struct host_sums *h,
		      struct eval_stats *st, struct eval_vm *per_vm)
{
	memset(st, 0, sizeof(*st));
	if (n == 0)
		return;
	/* A slot no VM has data for is no slot of the window (its demand,
	 * 0, is no observation): the rates are over the covered slots. */
	st->vms = n;
	st->slots = o->nslots - trace_uncovered(t, o->first, o->nslots);
	st->vm_slots = n * st->slots;
	sum_demand(t, vms, n, o, h);
	find_overloads(o, h, st);
	for (size_t i = 0; i < n; i++) {
		struct eval_vm *out = per_vm ? &per_vm[i] : NULL;

		if (out) {
			memset(out, 0, sizeof(*out));
			vm_demand(t, vms[i], o, out);
		}
		if (h->nover || out) {
			size_t v = vm_violations(t, vms[i], o, h, out);

			st->violated += v;
			if (out)
				out->violated = v;
		}
	}
}

int eval_host(const struct trace *t, const size_t *vms, size_t n,
	      const struct eval_opts *o, struct eval_stats *st,
	      struct eval_vm *per_vm)
{
	struct host_sums h;
	int rc = eval_check(t, o);

	for (size_t i = 0; rc == 0 && i < n; i++)
		if (vms[i] >= trace_nvms(t))
			rc = -EINVAL;
	if (rc == 0)
		rc = sums_alloc(&h, o);
	if (rc < 0)
		return rc;
	host_eval(t, vms, n, o, &h, st, per_vm);
	sums_free(&h);
	return 0;
}

/* Group the placed VMs by host: members of h are list[start[h]..start[h+1]). */
static int group(const long *host_of, size_t nvms, size_t nhosts,
		 size_t **start, size_t **list)
{
	size_t *next = calloc(nhosts + 1, sizeof(size_t));

	*start = calloc(nhosts + 1, sizeof(size_t));
	*list = malloc((nvms ? nvms : 1) * sizeof(size_t));
	if (!next || !*start || !*list) {
		free(next);
		return -ENOMEM;
	}
	for (size_t v = 0; v < nvms; v++)
		if (host_of[v] >= 0)
			(*start)[host_of[v] + 1]++;
	for (size_t h = 0; h < nhosts; h++) {
		(*start)[h + 1] += (*start)[h];
		next[h] = (*start)[h];
	}
	for (size_t v = 0; v < nvms; v++)
		if (host_of[v] >= 0)
			(*list)[next[host_of[v]]++] = v;
	free(next);
	return 0;
}

int eval_placement(const struct trace *t, const long *host_of, size_t nhosts,
		   const struct eval_opts *o, struct eval_stats *hosts,
		   struct eval_stats *total)
{
	size_t *start = NULL, *list = NULL, nvms = trace_nvms(t);
	struct host_sums h;
	int rc = eval_check(t, o);

	for (size_t v = 0; rc == 0 && v < nvms; v++)
		if (host_of[v] < -1 ||
		    (host_of[v] >= 0 && (size_t)host_of[v] >= nhosts))
			rc = -EINVAL;
	if (rc < 0)
		return rc;
	if (sums_alloc(&h, o) < 0)
		return -ENOMEM;
	rc = group(host_of, nvms, nhosts, &start, &list);
	if (total)
		memset(total, 0, sizeof(*total));
	for (size_t k = 0; rc == 0 && k < nhosts; k++) {
		host_eval(t, list + start[k], start[k + 1] - start[k], o, &h,
			  &hosts[k], NULL);
		if (total)
			eval_add(total, &hosts[k]);
	}
	sums_free(&h);
	free(start);
	free(list);
	return rc;
}

void eval_add(struct eval_stats *sum, const struct eval_stats *x)
{
	sum->vms += x->vms;
	sum->slots += x->slots;
	sum->overloaded += x->overloaded;
	for (int r = 0; r < RES_COUNT; r++) {
		sum->over[r] += x->over[r];
		sum->demand[r] += x->demand[r];
		sum->unmet[r] += x->unmet[r];
	}
	sum->vm_slots += x->vm_slots;
	sum->violated += x->violated;
}

double eval_overload_rate(const struct eval_stats *s)
{
	return s->slots ? (double)s->overloaded / (double)s->slots : NAN;
}

double eval_overload_rate_res(const struct eval_stats *s, enum res r)
{
	return s->slots ? (double)s->over[r] / (double)s->slots : NAN;
}

double eval_unmet_fraction(const struct eval_stats *s, enum res r)
{
	if (!s->slots)
		return NAN;
	return s->demand[r] > 0 ? s->unmet[r] / s->demand[r] : 0;
}

double eval_violation_rate(const struct eval_stats *s)
{
	return s->vm_slots ? (double)s->violated / (double)s->vm_slots : NAN;
}

bool eval_above_target(double rate, double target)
{
	return rate > target + 1e-12;
}

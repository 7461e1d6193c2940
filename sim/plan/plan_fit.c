/*
 * plan_fit.c - first-fit decreasing with admission rules (see plan_fit.h).
 * The checks run cheapest first: the mean (O(1)), the Gaussian size (O(1)
 * when the bounds on the sum's spread decide, else one dot product), then
 * the count of slots above capacity, which stops at the first slot past the
 * allowance. For the least-growth choice each host's current percentile
 * size is cached, so a candidate costs one selection over its slots. Hosts
 * whose mean demand has no room are skipped through a min-tree over the
 * hosts' means (sim/plan/hostidx.h), so a full fleet of hosts costs
 * O(log hosts) per VM, not a scan; the hosts visited, and so the plan, are
 * exactly those of the scan, since the mean is the first check.
 */
#include "sim/plan/plan_fit.h"
#include "sim/plan/hostidx.h"
#include "models/gauss.h"
#include "models/size.h"
#include "lib/grow.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/*
 * The slots where a host's sum of one resource is >= its cached size, in
 * slot order: outside a VM's span these are the only values size_with
 * gathers, so a VM that lives a day of a month's window costs its span and
 * this list (~(100 - grow_p) % of the slots), not the window. Built when
 * first wanted after the host changed (stale), and only for VMs whose span
 * is under half the window (for the others the scan is as cheap).
 */
struct above {
	size_t *t, n, cap;
	bool stale;
};

struct fitter {
	struct pack *pk;
	const struct plan_fit_rule *rule;
	struct hostidx *ix;	  /* hosts' mean demand, per resource */
	int res[RES_COUNT], nres; /* constrained resources */
	double limit[RES_COUNT];  /* per constrained resource */
	double *scratch;	  /* nslots */
	size_t *slots;		  /* nslots: above_add's */
	double *hsize;	     /* per host x RES_COUNT: current grow_p size */
	struct above *above; /* per host x RES_COUNT, beside hsize */
	size_t hcap;
	size_t *open, nopen; /* the open hosts, with a window */
	/* Least growth: each resource's size with the VM on the host being
	 * tried (grown) and on the best so far (chosen), which becomes that
	 * host's cached size when the VM goes there (the same sums). */
	double grown[RES_COUNT], chosen[RES_COUNT];
	bool have_chosen;
};

struct vm_keys {
	const double *key;
	const struct demand *d;
};

static int by_key_name(const void *a, const void *b, void *ctx)
{
	const struct vm_keys *k = ctx;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	const char *x, *y;
	int c;

	if (k->key[i] != k->key[j])
		return k->key[i] > k->key[j] ? -1 : 1;
	x = k->d ? demand_name(k->d, i) : NULL;
	y = k->d ? demand_name(k->d, j) : NULL;
	if (x && y && (c = strcmp(x, y)) != 0)
		return c;
	return (i > j) - (i < j);
}

void plan_fit_sort_vms(size_t *idx, size_t n, const double *key,
		       const struct demand *d)
{
	struct vm_keys k = {key, d};

	qsort_r(idx, n, sizeof(*idx), by_key_name, &k);
}

void plan_fit_sort(size_t *idx, size_t n, const double *key)
{
	plan_fit_sort_vms(idx, n, key, NULL);
}

static bool admits(struct pack *pk, size_t h, size_t v,
		   const struct plan_fit_rule *rule)
{
	size_t k = pack_allowed_over(pk);

	if (!pack_mean_fits(pk, h, v))
		return false;
	if (rule->apart && !pack_apart_fits(pk, h, v))
		return false;
	if (rule->gauss && !pack_gauss_fits(pk, h, v, rule->z))
		return false;
	return !rule->empirical || pack_over(pk, h, v, k) <= k;
}

/* A's slots: those where S >= OLD, in order; -ENOMEM leaves A stale. */
static int above_build(struct above *a, const double *s, size_t n, double old)
{
	a->n = 0;
	for (size_t t = 0; t < n; t++)
		if (s[t] >= old) {
			if (grow_array((void **)&a->t, &a->cap, a->n + 1,
				       sizeof(*a->t), 64))
				return -ENOMEM;
			a->t[a->n++] = t;
		}
	a->stale = false;
	return 0;
}

/*
 * After a row over [LO, HI) joined sums S (S is the new sum), whose cached
 * size went from OLD to NEW: A updated in O(list + span), since with NEW >=
 * OLD only listed slots can reach NEW outside the span; else A is stale.
 */
static void above_add(struct fitter *f, struct above *a, const double *s,
		      size_t lo, size_t hi, double old, double new)
{
	size_t c = 0, j = 0, *y = f->slots;

	if (a->stale || !(new >= old)) {
		a->stale = true;
		return;
	}
	for (; j < a->n && a->t[j] < lo; j++)
		if (s[a->t[j]] >= new)
			y[c++] = a->t[j];
	for (size_t t = lo; t < hi; t++)
		if (s[t] >= new)
			y[c++] = t;
	while (j < a->n && a->t[j] < hi)
		j++;
	for (; j < a->n; j++)
		if (s[a->t[j]] >= new)
			y[c++] = a->t[j];
	if (grow_array((void **)&a->t, &a->cap, c ? c : 1, sizeof(*a->t), 64)) {
		a->stale = true;
		return;
	}
	memcpy(a->t, y, c * sizeof(*y));
	a->n = c;
}

/* Host H's lists (struct above), when it closes or the fit ends. */
static void above_free(struct fitter *f, size_t h)
{
	if (h >= f->hcap)
		return;
	for (int r = 0; r < RES_COUNT; r++) {
		struct above *a = &f->above[h * RES_COUNT + r];

		free(a->t);
		*a = (struct above){.stale = true};
	}
}

/*
 * The values >= OLD of sums S with row X added over [LO, HI) into Y; their
 * count. Outside the span from A's list when A is given (it holds exactly
 * the slots where S >= OLD), else by a scan.
 */
static size_t gather(double *y, const double *s, const struct above *a,
		     size_t n, const double *x, size_t lo, size_t hi,
		     double old)
{
	size_t c = 0, j = 0;

	if (a)
		for (; j < a->n && a->t[j] < lo; j++)
			y[c++] = s[a->t[j]];
	else
		for (size_t t = 0; t < lo; t++)
			if (s[t] >= old)
				y[c++] = s[t];
	for (size_t t = lo; t < hi; t++)
		if (s[t] + x[t] >= old)
			y[c++] = s[t] + x[t];
	if (!a) {
		for (size_t t = hi; t < n; t++)
			if (s[t] >= old)
				y[c++] = s[t];
		return c;
	}
	while (j < a->n && a->t[j] < hi)
		j++;
	for (; j < a->n; j++)
		y[c++] = s[a->t[j]];
	return c;
}

/*
 * The grow_p size of sums S with row X added over [LO, HI): the value of
 * ascending rank size_rank(n, grow_p). X >= 0 raises every order
 * statistic, so that value is at least OLD, the size of S alone: only the
 * values >= OLD are gathered (at least n - rank of them) and the rank is
 * selected among them, the same value as a selection over all n slots
 * (which stays as the fallback, should a value below 0 break the bound).
 * A (NULL: scan) lists where S >= OLD (struct above).
 */
static double size_with(struct fitter *f, const double *s,
			const struct above *a, const double *x, size_t lo,
			size_t hi, double old)
{
	size_t n = pack_demand(f->pk)->nslots;
	size_t top = n - size_rank(n, f->rule->grow_p);
	double *y = f->scratch;
	size_t c = gather(y, s, a, n, x, lo, hi, old);

	if (c >= top)
		return size_rank_inplace(y, c, c - top);
	memcpy(y, s, n * sizeof(double));
	for (size_t t = lo; t < hi; t++)
		y[t] += x[t];
	return size_percentile_inplace(y, n, f->rule->grow_p);
}

/* Sum over resources of the growth of H's size with V, relative to cap. */
static double growth(struct fitter *f, size_t h, size_t v)
{
	const struct demand *d = pack_demand(f->pk);
	size_t lo, hi;
	double g = 0;

	for (int r = 0; r < RES_COUNT; r++) {
		struct above *a = &f->above[h * RES_COUNT + r];
		const double *x, *s = pack_sum(f->pk, h, r);
		double old;

		if (!demand_has(d, r))
			continue;
		old = f->hsize[h * RES_COUNT + r];
		x = pack_vm_row(f->pk, v, r, &lo, &hi);
		if (2 * (hi - lo) >= d->nslots ||
		    (a->stale && above_build(a, s, d->nslots, old) < 0))
			a = NULL; /* the scan: as cheap, or no memory */
		f->grown[r] = size_with(f, s, a, x, lo, hi, old);
		g += (f->grown[r] - old) / pack_cap(f->pk, r);
	}
	return g;
}

/* The host to put V on, or PACK_NONE if none admits it. */
static size_t choose(struct fitter *f, size_t v)
{
	size_t best = PACK_NONE, seen = 0;
	double best_g = INFINITY, x[RES_COUNT];

	for (int i = 0; i < f->nres; i++)
		x[i] = pack_vm_mean(f->pk, v, f->res[i]);
	for (size_t h = hostidx_first(f->ix, 0, x, f->limit); h != HOSTIDX_NONE;
	     h = hostidx_next(f->ix, h, x, f->limit)) {
		double g;

		if (!admits(f->pk, h, v, f->rule))
			continue;
		if (!(f->rule->grow_p > 0))
			return h;
		g = growth(f, h, v);
		if (g < best_g) {
			best_g = g;
			best = h;
			memcpy(f->chosen, f->grown, sizeof(f->chosen));
		}
		if (++seen == PLAN_FIT_CANDIDATES)
			break;
	}
	return best;
}

/* Refresh the cached sizes of host H (least-growth only), to which VM V
 * was just added (when have_chosen: else H is new or V is none). */
static int cache_sizes(struct fitter *f, size_t h, size_t v)
{
	const struct demand *d = pack_demand(f->pk);

	if (!(f->rule->grow_p > 0))
		return 0;
	if (h >= f->hcap) {
		size_t cap = f->hcap;

		if (grow_array((void **)&f->above, &cap, h + 1,
			       RES_COUNT * sizeof(*f->above), 64))
			return -ENOMEM;
		memset(f->above + f->hcap * RES_COUNT, 0,
		       (cap - f->hcap) * RES_COUNT * sizeof(*f->above));
		if (grow_array((void **)&f->hsize, &f->hcap, h + 1,
			       RES_COUNT * sizeof(*f->hsize), 64))
			return -ENOMEM;
	}
	for (int r = 0; r < RES_COUNT; r++) {
		struct above *a = &f->above[h * RES_COUNT + r];
		double *size = &f->hsize[h * RES_COUNT + r];
		size_t lo, hi;

		if (!demand_has(d, r))
			continue;
		if (!f->have_chosen) {
			*size = pack_host_size(f->pk, h, r, f->rule->grow_p,
					       f->scratch);
			a->stale = true;
			continue;
		}
		pack_vm_row(f->pk, v, r, &lo, &hi);
		above_add(f, a, pack_sum(f->pk, h, r), lo, hi, *size,
			  f->chosen[r]);
		*size = f->chosen[r];
	}
	return 0;
}

/* Host H's means into the index (a new host when H is past its end). */
static int index_host(struct fitter *f, size_t h)
{
	double m[RES_COUNT];

	for (int i = 0; i < f->nres; i++)
		m[i] = pack_mean(f->pk, h, f->res[i]);
	if (h < hostidx_count(f->ix)) {
		hostidx_set(f->ix, h, m);
		return 0;
	}
	return hostidx_push(f->ix, m, &h);
}

size_t plan_fit_window(size_t window)
{
	if (window == SIZE_MAX)
		return 0;
	return window ? window : PLAN_FIT_WINDOW;
}

/*
 * Gaussian room of host H as it is (V = PACK_NONE), with V added (V placed
 * elsewhere) or, when V is on H, with V taken off: min over resources of
 * (limit - size) / cap.
 */
static double room_moved(const struct fitter *f, size_t h, size_t v)
{
	double m = INFINITY;

	for (int i = 0; i < f->nres; i++) {
		int r = f->res[i];
		double g;

		if (v == PACK_NONE)
			g = gauss_size(pack_mean(f->pk, h, r),
				       pack_var(f->pk, h, r), f->rule->z);
		else if (pack_host_of(f->pk, v) == h)
			g = pack_gauss_size_without(f->pk, v, r, f->rule->z);
		else
			g = pack_gauss_size(f->pk, h, v, r, f->rule->z);
		m = fmin(m, (f->limit[i] - g) / pack_cap(f->pk, r));
	}
	return m;
}

/* Gaussian room of host H as it is. */
static double room(const struct fitter *f, size_t h)
{
	return room_moved(f, h, PACK_NONE);
}

/* Close the open host with the least room (ties: lowest index): it leaves
 * the index (loads +inf) and the open list. */
static void close_fullest(struct fitter *f)
{
	size_t best = 0;
	double inf[HOSTIDX_MAXRES], rb = room(f, f->open[0]);

	for (size_t i = 1; i < f->nopen; i++) {
		double r = room(f, f->open[i]);

		if (r < rb || (r == rb && f->open[i] < f->open[best])) {
			rb = r;
			best = i;
		}
	}
	for (int i = 0; i < f->nres; i++)
		inf[i] = INFINITY;
	hostidx_set(f->ix, f->open[best], inf);
	above_free(f, f->open[best]);
	f->open[best] = f->open[--f->nopen];
}

/* Open a new host into *H, closing one first if the window is full. */
static int open_host(struct fitter *f, size_t *h)
{
	int rc;

	if (f->rule->window && f->nopen == f->rule->window)
		close_fullest(f);
	rc = pack_open(f->pk, h);
	if (rc == 0 && f->rule->window)
		f->open[f->nopen++] = *h;
	return rc;
}

static int place(struct fitter *f, size_t v)
{
	size_t h = choose(f, v);
	int rc;

	f->have_chosen = h != PACK_NONE;
	if (h == PACK_NONE) {
		rc = open_host(f, &h);
		if (rc < 0)
			return rc;
	}
	pack_add(f->pk, h, v);
	rc = index_host(f, h);
	rc = rc < 0 ? rc : cache_sizes(f, h, v);
	f->have_chosen = false;
	return rc;
}

/* The hosts PK already holds are open, the last W of them if more. */
static int open_existing(struct fitter *f)
{
	size_t n = pack_nhosts(f->pk), w = f->rule->window;

	f->open = malloc(w * sizeof(*f->open));
	if (!f->open)
		return -ENOMEM;
	for (size_t h = 0; h < n; h++) {
		if (f->nopen == w)
			close_fullest(f);
		f->open[f->nopen++] = h;
	}
	return 0;
}

/* The index over the hosts PK already holds. */
static int fitter_init(struct fitter *f)
{
	const struct demand *d = pack_demand(f->pk);
	int rc;

	for (int r = 0; r < RES_COUNT; r++)
		if (demand_has(d, r)) {
			f->limit[f->nres] = demand_limit(pack_cap(f->pk, r));
			f->res[f->nres++] = r;
		}
	rc = hostidx_create(f->nres, &f->ix);
	for (size_t h = 0; rc == 0 && h < pack_nhosts(f->pk); h++) {
		rc = index_host(f, h);
		if (rc == 0)
			rc = cache_sizes(f, h, PACK_NONE);
	}
	if (rc == 0 && f->rule->window)
		rc = open_existing(f);
	return rc;
}

/* Of hosts H[0..N), the one with the most room (ties: lowest index). */
static size_t roomiest(const struct fitter *f, const size_t *h, size_t n)
{
	size_t best = h[0];
	double rb = room(f, best);

	for (size_t i = 1; i < n; i++) {
		double r = room(f, h[i]);

		if (r > rb || (r == rb && h[i] < best)) {
			rb = r;
			best = h[i];
		}
	}
	return best;
}

/*
 * One move onto E from donor D: of D's VMs VS[0..N) that do not may-grow
 * and that E admits, the one that leaves the larger minimum of the two
 * hosts' rooms, if that minimum is above D's room now (so D's Gaussian
 * size still fits without it). True if a VM moved.
 */
static bool move_one(struct fitter *f, size_t d, size_t e, const size_t *vs,
		     size_t n)
{
	size_t best = PACK_NONE;
	double best_m = room(f, d);

	for (size_t i = 0; i < n; i++) {
		double m;

		if (pack_may_grow(f->pk, vs[i]))
			continue; /* stays where the keep-apart rule put it */
		m = room_moved(f, d, vs[i]);
		if (m <= best_m)
			continue;
		m = fmin(m, room_moved(f, e, vs[i]));
		if (m > best_m && admits(f->pk, e, vs[i], f->rule)) {
			best_m = m;
			best = vs[i];
		}
	}
	if (best == PACK_NONE)
		return false;
	pack_remove(f->pk, best);
	pack_add(f->pk, e, best);
	return true;
}

/* The hosts to level, BY[0..*NH): the open ones (every host without a
 * window), fullest first; KEY[h] = -room of h. */
static void level_set(const struct fitter *f, size_t *by, size_t *nh,
		      double *key)
{
	*nh = f->rule->window ? f->nopen : pack_nhosts(f->pk);
	for (size_t i = 0; i < *nh; i++) {
		by[i] = f->rule->window ? f->open[i] : i;
		key[by[i]] = -room(f, by[i]);
	}
	plan_fit_sort(by, *nh, key);
}

/*
 * The VMs of ORDER[0..N) on the hosts BY[0..NH), grouped by host in VS:
 * host BY[i]'s at VS[AT[i]..AT[i + 1]). SLOT (nhosts) is scratch.
 */
static void members(const struct fitter *f, const size_t *order, size_t n,
		    const size_t *by, size_t nh, size_t *slot, size_t *at,
		    size_t *vs)
{
	size_t nall = pack_nhosts(f->pk);

	for (size_t h = 0; h < nall; h++)
		slot[h] = SIZE_MAX;
	for (size_t i = 0; i <= nh; i++)
		at[i] = 0;
	for (size_t i = 0; i < nh; i++)
		slot[by[i]] = i;
	for (size_t i = 0; i < n; i++) {
		size_t h = pack_host_of(f->pk, order[i]);

		if (h != PACK_NONE && slot[h] != SIZE_MAX)
			at[slot[h] + 1]++;
	}
	for (size_t i = 0; i < nh; i++)
		at[i + 1] += at[i];
	for (size_t i = 0; i < n; i++) {
		size_t h = pack_host_of(f->pk, order[i]);

		if (h != PACK_NONE && slot[h] != SIZE_MAX)
			vs[at[slot[h]]++] = order[i];
	}
	for (size_t i = nh; i > 0; i--) /* back to the starts */
		at[i] = at[i - 1];
	at[0] = 0;
}

/* One round of level_hosts(): true if a VM moved. */
static bool level_round(struct fitter *f, const size_t *by, size_t nh,
			const size_t *at, const size_t *vs)
{
	size_t e = roomiest(f, by, nh);
	bool moved = false;

	for (size_t i = 0; i < nh; i++)
		if (by[i] != e && room(f, by[i]) < room(f, e))
			moved |= move_one(f, by[i], e, vs + at[i],
					  at[i + 1] - at[i]);
	return moved;
}

/*
 * Level the open hosts (rule->level). Packing leaves the last host opened
 * with most of the plan's room and every other one as full as the rules
 * allow, so demand a little above what training showed overloads all of
 * those at once. Each round, the open host with the most room E takes
 * from each other open host D with less room, fullest first, the VM whose
 * move best raises min(room of D, room of E) (move_one); rounds end when
 * no VM moves, or after as many rounds as open hosts. Room is the Gaussian
 * one at z (room()). Every host still meets the admission rules after
 * each move: E admitted the VM, and D lost demand in every slot (fewer
 * overloaded slots, a lower mean) with its Gaussian size at most the
 * capacity minus the room it keeps. The number of hosts does not change.
 */
static int level_hosts(struct fitter *f, const size_t *order, size_t n)
{
	size_t nall = pack_nhosts(f->pk), nh = 0;
	size_t *by = malloc((nall + 1) * sizeof(*by));
	size_t *slot = malloc((nall + 1) * sizeof(*slot));
	size_t *at = malloc((nall + 2) * sizeof(*at));
	size_t *vs = malloc((n + 1) * sizeof(*vs));
	double *key = malloc((nall + 1) * sizeof(*key));
	int rc = by && slot && at && vs && key ? 0 : -ENOMEM;
	bool moved = true;

	for (size_t round = 0; rc == 0 && moved; round++) {
		level_set(f, by, &nh, key);
		if (nh < 2 || round == nh)
			break;
		members(f, order, n, by, nh, slot, at, vs);
		moved = level_round(f, by, nh, at, vs);
	}
	free(by);
	free(slot);
	free(at);
	free(vs);
	free(key);
	return rc;
}

int plan_fit(struct pack *pk, const size_t *order, size_t n,
	     const struct plan_fit_rule *rule)
{
	size_t slots = pack_demand(pk)->nslots;
	struct fitter f = {.pk = pk, .rule = rule};
	int rc = 0;

	f.scratch = malloc((slots ? slots : 1) * sizeof(double));
	f.slots = malloc((slots ? slots : 1) * sizeof(size_t));
	rc = f.scratch && f.slots ? fitter_init(&f) : -ENOMEM;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = place(&f, order[i]);
	if (rc == 0 && rule->level)
		rc = level_hosts(&f, order, n);
	hostidx_destroy(f.ix);
	for (size_t h = 0; h < f.hcap; h++)
		above_free(&f, h);
	free(f.above);
	free(f.open);
	free(f.scratch);
	free(f.slots);
	free(f.hsize);
	return rc;
}

void plan_fit_own_key(const struct plan *pl, const double *cap, double *key)
{
	for (size_t v = 0; v < pl->nvms; v++) {
		key[v] = 0;
		for (int r = 0; r < RES_COUNT; r++)
			if (pl->size[r] && pl->size[r][v] / cap[r] > key[v])
				key[v] = pl->size[r][v] / cap[r];
	}
}

void plan_fit_gauss_key(const struct demand *d, const double *cap, double z,
			double *key)
{
	for (size_t v = 0; v < d->nvms; v++) {
		key[v] = 0;
		for (int r = 0; r < RES_COUNT; r++)
			if (demand_has(d, r))
				key[v] =
				    fmax(key[v], gauss_size(d->mean[r][v],
							    d->var[r][v], z) /
						     cap[r]);
	}
}

/* Count VM V into PL's may-grow VMs reserving more than the host alone
 * (plan.h apart_over), if it is one. */
static void count_over(struct pack *pk, size_t v, struct plan *pl)
{
	size_t h = pack_host_of(pk, v);
	bool over = false;

	for (int r = 0; r < RES_COUNT; r++) {
		double x = pack_apart_over(pk, v, r);

		if (x <= 0)
			continue;
		pl->over_lo[r] =
		    pl->over_lo[r] > 0 ? fmin(pl->over_lo[r], x) : x;
		pl->over_hi[r] = fmax(pl->over_hi[r], x);
		over = true;
	}
	pl->apart_over += over;
	pl->apart_alone += over && h != PACK_NONE && pack_members(pk, h) == 1;
}

/* The keep-apart counts of PL (plan.h) from PK, which placed ORDER[0..N). */
static void count_apart(struct pack *pk, const size_t *order, size_t n,
			const struct plan_fit_rule *rule, struct plan *pl)
{
	pl->apart = pl->apart_over = pl->apart_alone = 0;
	for (int r = 0; r < RES_COUNT; r++)
		pl->over_lo[r] = pl->over_hi[r] = 0;
	for (size_t i = 0; rule->apart && i < n; i++) {
		pl->apart += pack_may_grow(pk, order[i]);
		count_over(pk, order[i], pl);
	}
}

int plan_fit_plan(const struct demand *d, const double *cap, double p_allow,
		  const size_t *order, size_t n,
		  const struct plan_fit_rule *rule, struct plan *pl)
{
	struct pack *pk;
	int rc = pack_create(d, cap, p_allow, &pk);

	if (rc < 0)
		return rc;
	rc = plan_fit(pk, order, n, rule);
	if (rc == 0) {
		for (size_t i = 0; i < n; i++)
			pl->host_of[order[i]] = pack_host_of(pk, order[i]);
		count_apart(pk, order, n, rule, pl);
		pl->nhosts = pack_nhosts(pk);
	}
	pack_destroy(pk);
	return rc;
}

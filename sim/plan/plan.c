/*
 * plan.c - what every policy shares (see plan.h): own sizes, setting aside
 * the VMs no host can hold, dispatch, and the in-sample summary.
 */
#include "sim/plan/plan.h"
#include "sim/plan/pack.h"
#include "sim/plan/plan_joint.h"
#include "sim/plan/plan_robust.h"
#include "sim/plan/plan_sbp.h"
#include "sim/plan/plan_separate.h"
#include "models/size.h"
#include "lib/names.h"
#include "lib/pool.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const plan_policy_names[PLAN_NPOLICY + 1] = {
    [PLAN_SEPARATE] = "separate", [PLAN_SBP] = "sbp",	 [PLAN_JOINT] = "joint",
    [PLAN_ROBUST] = "robust",	  [PLAN_NPOLICY] = NULL,
};

const char *plan_policy_name(enum plan_policy p)
{
	return (unsigned)p < PLAN_NPOLICY ? plan_policy_names[p] : "?";
}

unsigned plan_threads(const struct plan_opts *o)
{
	const char *env = getenv("VMUX_THREADS");
	char *end;
	unsigned long n;

	if (o->threads)
		return o->threads;
	if (env && *env >= '1' && *env <= '9') {
		n = strtoul(env, &end, 10);
		if (!*end && n <= PLAN_MAX_THREADS)
			return (unsigned)n;
	}
	return pool_cpus();
}

int plan_policy_parse(const char *name, enum plan_policy *out)
{
	int i = names_index(plan_policy_names, name);

	if (i < 0)
		return -EINVAL;
	*out = (enum plan_policy)i;
	return 0;
}

const char *const plan_promise_names[] = {"fleet", "host", NULL};

const char *plan_promise_name(enum plan_promise p)
{
	return p == PLAN_PROMISE_HOST ? "host" : "fleet";
}

int plan_promise_parse(const char *name, enum plan_promise *out)
{
	int i = names_index(plan_promise_names, name);

	if (i < 0)
		return -EINVAL;
	*out = (enum plan_promise)i;
	return 0;
}

static int check_opts(const struct demand *d, const struct plan_opts *o)
{
	if (!(o->p > 0 && o->p < 100))
		return -EINVAL;
	for (int r = 0; r < RES_COUNT; r++)
		if (demand_has(d, r) && !(o->cap[r] > 0 && isfinite(o->cap[r])))
			return -EINVAL;
	return 0;
}

static struct plan *alloc_plan(const struct demand *d)
{
	struct plan *pl = calloc(1, sizeof(*pl));
	size_t m = d->nvms ? d->nvms : 1;

	if (!pl)
		return NULL;
	pl->nvms = d->nvms;
	pl->heldout = pl->est_lo = pl->est_hi = pl->est_mean = NAN;
	pl->fold_secs = NAN;
	pl->host_of = malloc(m * sizeof(*pl->host_of));
	if (!pl->host_of)
		goto fail;
	for (int r = 0; r < RES_COUNT; r++) {
		if (!demand_has(d, r))
			continue;
		pl->size[r] = malloc(m * sizeof(double));
		if (!pl->size[r])
			goto fail;
	}
	return pl;
fail:
	plan_destroy(pl);
	return NULL;
}

struct own_of {
	const struct plan_opts *o;
	struct plan *pl;
};

/* demand_each(): the own sizes of VMs [FROM, TO). */
static int own_range(const struct demand *d, size_t from, size_t to,
		     double *const *rows, void *arg)
{
	const struct own_of *w = arg;
	size_t lo, hi;

	for (size_t v = from; v < to; v++) {
		demand_vm(d, v, rows, &lo, &hi);
		for (int r = 0; r < RES_COUNT; r++)
			if (demand_has(d, r))
				w->pl->size[r][v] = size_percentile_zeros(
				    rows[r] + lo, hi - lo, d->nslots, w->o->p);
		w->pl->host_of[v] = PLAN_UNPLACED;
	}
	return 0;
}

/*
 * Own sizes of every VM (the VMs shared by the threads of POOL);
 * the VMs that fit a host alone go to TODO (in index order), the others
 * stay PLAN_UNPLACED.
 */
static int own_sizes(const struct demand *d, const struct plan_opts *o,
		     struct pool *pool, struct plan *pl, size_t *todo,
		     size_t *ntodo)
{
	struct own_of w = {o, pl};
	int rc = demand_each(d, pool, own_range, &w);

	if (rc < 0)
		return rc;
	*ntodo = 0;
	for (size_t v = 0; v < d->nvms; v++) {
		bool fits = true;

		for (int r = 0; r < RES_COUNT; r++)
			fits =
			    fits && (!demand_has(d, r) ||
				     pl->size[r][v] <= demand_limit(o->cap[r]));
		if (fits)
			todo[(*ntodo)++] = v;
	}
	pl->unplaced = d->nvms - *ntodo;
	return 0;
}

static int dispatch(enum plan_policy policy, const struct demand *d,
		    const struct plan_opts *o, struct pool *pool,
		    const size_t *todo, size_t n, struct plan *pl)
{
	switch (policy) {
	case PLAN_SEPARATE:
		return plan_separate(d, o, todo, n, pl);
	case PLAN_SBP:
		return plan_sbp(d, o, todo, n, pl);
	case PLAN_JOINT:
		return plan_joint(d, o, todo, n, pl);
	case PLAN_ROBUST:
		return plan_robust(d, o, pool, todo, n, pl);
	default:
		return -EINVAL;
	}
}

/*
 * A view of D in which the VMs absent from part of the window stand at
 * their own size there (demand_fill_absent): what every policy plans on.
 * *ABSENT: how many.
 */
static int filled_view(const struct demand *d, const struct plan_opts *o,
		       struct pool *pool, struct demand **out, size_t *absent)
{
	int rc = demand_slice(d, 0, d->nslots, true, out);

	if (rc == 0)
		rc = demand_fill_absent(*out, o->p, pool, absent);
	return rc;
}

/*
 * The one pool of plan_threads(O) threads that planning D under POLICY
 * shares (per-VM work, robust's folds), into *OUT; NULL (the caller's
 * thread alone, no thread started) when nothing would run on a second
 * thread: one range of DEMAND_EACH_VMS holds every VM and there are no
 * folds (not robust, or a window too short to calibrate).
 */
static int plan_pool(enum plan_policy policy, const struct demand *d,
		     const struct plan_opts *o, struct pool **out)
{
	bool days;

	*out = NULL;
	if (d->nvms <= DEMAND_EACH_VMS &&
	    (policy != PLAN_ROBUST ||
	     d->nslots < plan_robust_folds(d, &days) * ROBUST_MIN_BLOCK))
		return 0;
	return pool_create(plan_threads(o), out);
}

int plan_create(enum plan_policy policy, const struct demand *d,
		const struct plan_opts *o, struct plan **out)
{
	struct demand *fd = NULL;
	struct pool *pool = NULL;
	struct plan *pl;
	size_t *todo, n;
	int rc = check_opts(d, o);

	if (rc < 0)
		return rc;
	pl = alloc_plan(d);
	todo = malloc((d->nvms ? d->nvms : 1) * sizeof(*todo));
	if (!pl || !todo) {
		rc = -ENOMEM;
		goto fail;
	}
	pl->policy = policy;
	rc = plan_pool(policy, d, o, &pool);
	if (rc == 0)
		rc = filled_view(d, o, pool, &fd, &pl->absent);
	if (rc == 0)
		rc = own_sizes(fd, o, pool, pl, todo, &n);
	if (rc == 0)
		rc = dispatch(policy, fd, o, pool, todo, n, pl);
	if (rc < 0)
		goto fail;
	pool_destroy(pool);
	demand_destroy(fd);
	free(todo);
	*out = pl;
	return 0;
fail:
	pool_destroy(pool);
	demand_destroy(fd);
	free(todo);
	plan_destroy(pl);
	return rc;
}

void plan_destroy(struct plan *pl)
{
	if (!pl)
		return;
	for (int r = 0; r < RES_COUNT; r++)
		free(pl->size[r]);
	free(pl->host_of);
	free(pl);
}

/* A plan row for sorting: host, then name (then index: names are
 * unique, so never reached). */
struct row_key {
	size_t host, v;
	const char *name;
};

static int row_cmp(const void *a, const void *b)
{
	const struct row_key *x = a, *y = b;
	int c;

	if (x->host != y->host)
		return x->host < y->host ? -1 : 1;
	c = strcmp(x->name, y->name);
	if (c)
		return c;
	return (x->v > y->v) - (x->v < y->v);
}

int plan_rows(const struct plan *pl, const char *const *name, size_t *rows)
{
	size_t m = 0;
	struct row_key *k = malloc((pl->nvms ? pl->nvms : 1) * sizeof(*k));

	if (!k)
		return -ENOMEM;
	for (size_t v = 0; v < pl->nvms; v++)
		if (pl->host_of[v] != PLAN_UNPLACED)
			k[m++] = (struct row_key){pl->host_of[v], v, name[v]};
	qsort(k, m, sizeof(*k), row_cmp);
	for (size_t i = 0; i < m; i++)
		rows[i] = k[i].v;
	free(k);
	return 0;
}

/* Rebuild PL's hosts in a pack over D. */
static int rebuild(const struct plan *pl, const struct demand *d,
		   const struct plan_opts *o, struct pack **out)
{
	struct pack *pk;
	size_t id;
	int rc = pack_create(d, o->cap, o->p, &pk);

	if (rc < 0)
		return rc;
	for (size_t h = 0; h < pl->nhosts; h++) {
		rc = pack_open(pk, &id);
		if (rc < 0) {
			pack_destroy(pk);
			return rc;
		}
	}
	for (size_t v = 0; v < d->nvms; v++)
		if (pl->host_of[v] != PLAN_UNPLACED)
			pack_add(pk, pl->host_of[v], v);
	*out = pk;
	return 0;
}

/* Overloaded slots of host H: any resource above its limit. */
static size_t host_overloaded(const struct pack *pk, size_t h)
{
	const struct demand *d = pack_demand(pk);
	size_t c = 0;

	for (size_t t = 0; t < d->nslots; t++)
		for (int r = 0; r < RES_COUNT; r++)
			if (demand_has(d, r) &&
			    pack_sum(pk, h, r)[t] >
				demand_limit(pack_cap(pk, r))) {
				c++;
				break;
			}
	return c;
}

int plan_hosts(const struct plan *pl, const struct demand *d,
	       const struct plan_opts *o, struct plan_host *hosts)
{
	double *tmp = malloc((d->nslots ? d->nslots : 1) * sizeof(*tmp));
	struct pack *pk = NULL;

	if (!tmp || rebuild(pl, d, o, &pk) < 0) {
		free(tmp);
		return -ENOMEM;
	}
	memset(hosts, 0, pl->nhosts * sizeof(*hosts));
	for (size_t v = 0; v < d->nvms; v++) {
		size_t h = pl->host_of[v];

		if (h == PLAN_UNPLACED)
			continue;
		hosts[h].vms++;
		for (int r = 0; r < RES_COUNT; r++)
			if (demand_has(d, r))
				hosts[h].own[r] += pl->size[r][v];
	}
	for (size_t h = 0; h < pl->nhosts; h++) {
		for (int r = 0; r < RES_COUNT; r++) {
			if (!demand_has(d, r))
				continue;
			hosts[h].joint[r] = pack_host_size(pk, h, r, o->p, tmp);
			hosts[h].headroom[r] =
			    1 - hosts[h].joint[r] / o->cap[r];
		}
		hosts[h].overload = d->nslots ? (double)host_overloaded(pk, h) /
						    (double)d->nslots
					      : 0;
	}
	pack_destroy(pk);
	free(tmp);
	return 0;
}

int plan_summarize(const struct plan *pl, const struct demand *d,
		   const struct plan_opts *o, struct plan_summary *s)
{
	double *tmp = malloc((d->nslots ? d->nslots : 1) * sizeof(*tmp));
	struct pack *pk = NULL;
	size_t over = 0;

	memset(s, 0, sizeof(*s));
	if (!tmp || rebuild(pl, d, o, &pk) < 0) {
		free(tmp);
		return -ENOMEM;
	}
	s->vms = d->nvms - pl->unplaced;
	s->hosts = pl->nhosts;
	s->unplaced = pl->unplaced;
	for (int r = 0; r < RES_COUNT; r++) {
		if (!demand_has(d, r))
			continue;
		for (size_t v = 0; v < d->nvms; v++)
			if (pl->host_of[v] != PLAN_UNPLACED)
				s->sum_individual[r] += pl->size[r][v];
		for (size_t h = 0; h < pl->nhosts; h++)
			s->sum_joint[r] += pack_host_size(pk, h, r, o->p, tmp);
	}
	for (size_t h = 0; h < pl->nhosts; h++)
		over += host_overloaded(pk, h);
	s->overload = pl->nhosts && d->nslots
			  ? (double)over / (double)(pl->nhosts * d->nslots)
			  : NAN; /* no host-slot: undefined */
	pack_destroy(pk);
	free(tmp);
	return 0;
}

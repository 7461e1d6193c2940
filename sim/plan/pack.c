/*
 * pack.c - hosts being filled (see pack.h). Host sums live in one growing
 * array per resource (host h at h * nslots). A VM is read from the demand
 * once (demand_vm) and every check of it, and its add, run over its span
 * only: each host counts its overloaded slots, so a check counts only the
 * slots the VM newly overloads and stops at the first past the allowance. A
 * host's variance is updated on every add with the covariance of the new
 * member and the sum before it, the same quantity pack_gauss_size() uses,
 * so a check and the state it leads to agree.
 *
 * Sketches (sim/plan/sketch.h) decide most Gaussian checks the spread's
 * bounds leave open without the covariance: each host keeps the sketch of
 * its sums and their squared norm (updated on every add from the exact dot
 * product the variance needs), the VM being placed is sketched once, and
 * the interval they give on the dot product, pushed through the same
 * floating-point formula as the exact size (monotone in the dot product for
 * z >= 0), either fits or fails at both ends, or the exact dot product
 * decides. So every decision is the exact one. They are made the first
 * time they are needed (policies without the Gaussian rule never pay);
 * if there is no memory for them, or they decide too few checks to pay for
 * themselves (noisy rows, short windows), the exact check runs alone.
 * Before them, each host's least and largest sums per block of slots
 * bound the dot product by the VM's row sum (blocks_bound_res): tight for
 * a VM that lives hours of a month. A VM is sketched only after a few
 * exact checks. Exact dot products are kept while their host is unchanged
 * (a check and the add after it; a VM with its own host), so none is
 * computed twice; every decision is still the exact one.
 */
#include "sim/plan/pack.h"
#include "sim/plan/sketch.h"
#include "models/gauss.h"
#include "models/size.h"

#include <errno.h>
#include <float.h>
#include <math.h>

/* Sketches are given up when, after SKETCH_TRIAL checks, they decided
 * fewer than 1 in SKETCH_KEEP: then they cost more than they save. */
#define SKETCH_TRIAL 2048
#define SKETCH_KEEP 2
/* Slots per block of a host's least and largest sums (blocks_bound). */
#define PACK_BLOCK 64
/* The reservation of a VM that does not grow, and the largest one of a
 * host holding no may-grow VM (reservations are >= 0). */
#define APART_NONE (-1.0)
/* A VM is sketched only once it has needed SKETCH_AFTER exact checks:
 * its sketch costs k + 1 dot products over its span, an exact check one,
 * and most VMs need a few checks only (ski rental: at most twice the
 * better of the two). */
#ifndef SKETCH_AFTER
#define SKETCH_AFTER 16
#endif
#include <stdlib.h>
#include <string.h>

struct pack {
	const struct demand *d;
	int res[RES_COUNT], nres; /* constrained resources */
	double cap[RES_COUNT], limit[RES_COUNT];
	size_t k;
	size_t nhosts, hcap;
	double *sum[RES_COUNT];		/* hcap x nslots */
	double *hmean[RES_COUNT];	/* per host */
	double *hvar[RES_COUNT];	/* per host */
	size_t *members;		/* per host */
	size_t *hover;			/* per host: overloaded slots */
	const double *vmean[RES_COUNT]; /* per VM: the demand's */
	const double *vvar[RES_COUNT];	/* per VM: the demand's */
	size_t *host_of;		/* per VM */
	double *apart[RES_COUNT];   /* per VM: reservation if it may grow, else
				     * APART_NONE */
	double *happart[RES_COUNT]; /* per host: max of its VMs' apart */
	bool any_apart;
	/* The VM last read (PACK_NONE: none), its rows over [lo, hi). */
	size_t cur, lo, hi;
	double *row[RES_COUNT]; /* nslots each */
	/* Sketches (NULL: not made yet); the VM sketched last (PACK_NONE). */
	struct sketch *sk;
	size_t sk_k, sk_cur;
	size_t sk_tries, sk_decided; /* checks the sketches were asked */
	bool sk_off;		     /* they decide too few: not used */
	size_t exact_of, exact_n;    /* exact checks of that VM so far */
	double *hproj[RES_COUNT];    /* hcap x sk_k: host sums' sketches */
	double *hnorm2[RES_COUNT];   /* per host: squared norm of its sums */
	double *vproj[RES_COUNT];    /* sk_k: the VM's sketch */
	double vnorm2[RES_COUNT];
	/* Exact dot products kept while their host's sums are unchanged: a
	 * host gets a new stamp on every change (stamps are never reused).
	 * Per host, the loaded VM's dot with it (hdot_vm: whose; PACK_NONE:
	 * none), so a check and the add after it compute it once; per VM
	 * (made on first use, NULL: none), its dot with its own host's sums
	 * and the stamp they had, for levelling's rooms without it. */
	uint64_t stamp, *hstamp;
	size_t *hdot_vm[RES_COUNT];
	double *hdot[RES_COUNT];
	uint64_t *odot_stamp;
	double *odot[RES_COUNT];
	/* Per host and block of PACK_BLOCK slots, the least and largest value
	 * of its sums (hcap x nblk each); the loaded VM's row sum (vsum_of:
	 * whose; PACK_NONE: not yet). */
	size_t nblk;
	double *bmin[RES_COUNT], *bmax[RES_COUNT];
	size_t vsum_of;
	double vsum[RES_COUNT];
};

size_t pack_allowed(size_t n, double p)
{
	/* As models/size.c: the epsilon absorbs (100 - P) / 100 * n landing
	 * a hair below an integer in floating point. */
	return (size_t)floor((100.0 - p) / 100.0 * (double)n + 1e-9);
}

/* Scratch rows for the VM being placed. */
static int vm_rows(struct pack *pk)
{
	size_t n = pk->d->nslots ? pk->d->nslots : 1;

	pk->cur = PACK_NONE;
	for (int i = 0; i < pk->nres; i++) {
		int r = pk->res[i];

		pk->vmean[r] = pk->d->mean[r];
		pk->vvar[r] = pk->d->var[r];
		pk->row[r] = malloc(n * sizeof(double));
		if (!pk->row[r])
			return -ENOMEM;
	}
	return 0;
}

/* Read VM V's rows, unless they are the ones read last. */
static void load(struct pack *pk, size_t v)
{
	if (pk->cur == v)
		return;
	demand_vm(pk->d, v, pk->row, &pk->lo, &pk->hi);
	pk->cur = v;
}

/* VM V's reservation of R (pack.h): PACK_APART_K x its own P-size if
 * its provisioned size exceeds that (it may grow; the reservation is then
 * the smaller of the two by that very test), else APART_NONE. V's rows
 * are loaded. */
static double reservation(const struct pack *pk, size_t v, int r, double p)
{
	double grown = PACK_APART_K * size_percentile_zeros(pk->row[r] + pk->lo,
							    pk->hi - pk->lo,
							    pk->d->nslots, p);

	return pk->d->prov[r][v] > grown ? grown : APART_NONE;
}

/* Each VM's reservation per resource; nothing without provisioned
 * sizes. */
static int apart_sizes(struct pack *pk, double p)
{
	const struct demand *d = pk->d;

	for (int i = 0; i < pk->nres; i++) {
		int r = pk->res[i];

		if (!d->prov[r])
			continue;
		pk->apart[r] = malloc((d->nvms ? d->nvms : 1) * sizeof(double));
		if (!pk->apart[r])
			return -ENOMEM;
		for (size_t v = 0; v < d->nvms; v++) {
			load(pk, v);
			pk->apart[r][v] = reservation(pk, v, r, p);
			pk->any_apart |= pk->apart[r][v] != APART_NONE;
		}
		pk->cur = PACK_NONE; /* the row was reordered */
	}
	return 0;
}

int pack_create(const struct demand *d, const double *cap, double p,
		struct pack **out)
{
	struct pack *pk = calloc(1, sizeof(*pk));

	if (!pk)
		return -ENOMEM;
	pk->d = d;
	for (int r = 0; r < RES_COUNT; r++) {
		if (!(d->mask & RES_MASK(r)))
			continue;
		pk->res[pk->nres++] = r;
		pk->cap[r] = cap[r];
		pk->limit[r] = demand_limit(cap[r]);
	}
	pk->k = pack_allowed(d->nslots, p);
	pk->nblk = (d->nslots + PACK_BLOCK - 1) / PACK_BLOCK;
	pk->vsum_of = PACK_NONE;
	pk->exact_of = PACK_NONE;
	pk->host_of = malloc((d->nvms ? d->nvms : 1) * sizeof(size_t));
	if (!pk->host_of || vm_rows(pk) < 0 || apart_sizes(pk, p) < 0) {
		pack_destroy(pk);
		return -ENOMEM;
	}
	for (size_t v = 0; v < d->nvms; v++)
		pk->host_of[v] = PACK_NONE;
	*out = pk;
	return 0;
}

void pack_destroy(struct pack *pk)
{
	if (!pk)
		return;
	for (int r = 0; r < RES_COUNT; r++) {
		free(pk->sum[r]);
		free(pk->hmean[r]);
		free(pk->hvar[r]);
		free(pk->row[r]);
		free(pk->apart[r]);
		free(pk->happart[r]);
		free(pk->hproj[r]);
		free(pk->hnorm2[r]);
		free(pk->vproj[r]);
		free(pk->hdot[r]);
		free(pk->bmin[r]);
		free(pk->bmax[r]);
		free(pk->hdot_vm[r]);
		free(pk->odot[r]);
	}
	free(pk->hstamp);
	free(pk->odot_stamp);
	sketch_destroy(pk->sk);
	free(pk->members);
	free(pk->hover);
	free(pk->host_of);
	free(pk);
}

/* realloc *P to N doubles; the old block stays valid on failure. */
static int grow(double **p, size_t n)
{
	double *q = realloc(*p, n * sizeof(double));

	if (!q)
		return -ENOMEM;
	*p = q;
	return 0;
}

static int grow_stamps(uint64_t **p, size_t n)
{
	uint64_t *q = realloc(*p, n * sizeof(uint64_t));

	if (!q)
		return -ENOMEM;
	*p = q;
	return 0;
}

/* Host H's sums changed over [LO, HI): its blocks there again. */
static void blocks_update(struct pack *pk, size_t h, size_t lo, size_t hi)
{
	size_t n = pk->d->nslots;

	for (int i = 0; lo < hi && i < pk->nres; i++) {
		int r = pk->res[i];
		const double *s = pk->sum[r] + h * n;

		for (size_t b = lo / PACK_BLOCK; b * PACK_BLOCK < hi; b++) {
			size_t e =
			    (b + 1) * PACK_BLOCK < n ? (b + 1) * PACK_BLOCK : n;
			double mn = s[b * PACK_BLOCK], mx = mn;

			/* not fmin/fmax: calls, and sums are never NaN */
			for (size_t t = b * PACK_BLOCK + 1; t < e; t++) {
				mn = s[t] < mn ? s[t] : mn;
				mx = s[t] > mx ? s[t] : mx;
			}
			pk->bmin[r][h * pk->nblk + b] = mn;
			pk->bmax[r][h * pk->nblk + b] = mx;
		}
	}
}

/* Host H's sums changed: the dot products kept with them are stale. */
static void changed(struct pack *pk, size_t h)
{
	pk->hstamp[h] = ++pk->stamp;
	for (int i = 0; i < pk->nres; i++)
		pk->hdot_vm[pk->res[i]][h] = PACK_NONE;
}

static int grow_hosts(struct pack *pk)
{
	size_t n = pk->hcap ? 2 * pk->hcap : 16, slots = pk->d->nslots;
	size_t *m;

	for (int i = 0; i < pk->nres; i++) {
		int r = pk->res[i];

		if (grow(&pk->sum[r], n * (slots ? slots : 1)) < 0 ||
		    grow(&pk->hmean[r], n) < 0 || grow(&pk->hvar[r], n) < 0 ||
		    grow(&pk->hdot[r], n) < 0 ||
		    grow(&pk->bmin[r], n * pk->nblk + 1) < 0 ||
		    grow(&pk->bmax[r], n * pk->nblk + 1) < 0 ||
		    (pk->apart[r] && grow(&pk->happart[r], n) < 0) ||
		    (pk->sk && (grow(&pk->hproj[r], n * pk->sk_k + 1) < 0 ||
				grow(&pk->hnorm2[r], n) < 0)))
			return -ENOMEM;
	}
	m = realloc(pk->members, n * sizeof(*m));
	if (!m)
		return -ENOMEM;
	pk->members = m;
	m = realloc(pk->hover, n * sizeof(*m));
	if (!m)
		return -ENOMEM;
	pk->hover = m;
	for (int i = 0; i < pk->nres; i++) {
		m = realloc(pk->hdot_vm[pk->res[i]], n * sizeof(*m));
		if (!m)
			return -ENOMEM;
		pk->hdot_vm[pk->res[i]] = m;
	}
	if (grow_stamps(&pk->hstamp, n) < 0)
		return -ENOMEM;
	pk->hcap = n;
	return 0;
}

int pack_open(struct pack *pk, size_t *h)
{
	size_t slots = pk->d->nslots;

	if (pk->nhosts == pk->hcap && grow_hosts(pk) < 0)
		return -ENOMEM;
	for (int i = 0; i < pk->nres; i++) {
		int r = pk->res[i];

		memset(pk->sum[r] + pk->nhosts * slots, 0,
		       slots * sizeof(double));
		pk->hmean[r][pk->nhosts] = 0;
		pk->hvar[r][pk->nhosts] = 0;
		memset(pk->bmin[r] + pk->nhosts * pk->nblk, 0,
		       pk->nblk * sizeof(double));
		memset(pk->bmax[r] + pk->nhosts * pk->nblk, 0,
		       pk->nblk * sizeof(double));
		if (pk->happart[r])
			pk->happart[r][pk->nhosts] = APART_NONE;
		if (pk->sk) {
			memset(pk->hproj[r] + pk->nhosts * pk->sk_k, 0,
			       pk->sk_k * sizeof(double));
			pk->hnorm2[r][pk->nhosts] = 0;
		}
	}
	pk->members[pk->nhosts] = 0;
	pk->hover[pk->nhosts] = 0;
	changed(pk, pk->nhosts);
	*h = pk->nhosts++;
	return 0;
}

/* Covariance of VM V with host H's sum for resource R, from their dot
 * product DOT (as models/gauss.h gauss_cov_span). */
static double cov_of(const struct pack *pk, size_t h, size_t v, int r,
		     double dot)
{
	if (pk->d->nslots == 0)
		return 0;
	return dot / (double)pk->d->nslots - pk->hmean[r][h] * pk->vmean[r][v];
}

/* Dot product of VM V with host H's current sum for R: kept from the last
 * time V was checked on H if H has not changed since, else computed (V
 * read first) and kept. */
static double host_dot(struct pack *pk, size_t h, size_t v, int r)
{
	if (pk->hdot_vm[r][h] != v) {
		load(pk, v);
		pk->hdot[r][h] =
		    gauss_dot(pack_sum(pk, h, r), pk->row[r], pk->lo, pk->hi);
		pk->hdot_vm[r][h] = v;
	}
	return pk->hdot[r][h];
}

/* Per-VM dot products with their own hosts (struct pack): made on first
 * use; false if there is no memory for them (then nothing is kept). */
static bool own_dots(struct pack *pk)
{
	size_t n = pk->d->nvms ? pk->d->nvms : 1;

	if (pk->odot_stamp)
		return true;
	for (int i = 0; i < pk->nres; i++) {
		int r = pk->res[i];

		pk->odot[r] = malloc(n * sizeof(double));
		if (!pk->odot[r])
			return false;
	}
	/* Stamps start at 1: 0 matches no host. */
	pk->odot_stamp = calloc(n * RES_COUNT, sizeof(uint64_t));
	return pk->odot_stamp != NULL;
}

/* Dot product of placed VM V with its host's sum for R (which holds V):
 * kept per VM while that host is unchanged. */
static double own_dot(struct pack *pk, size_t v, int r)
{
	size_t h = pk->host_of[v];
	uint64_t *st;

	if (!own_dots(pk))
		return host_dot(pk, h, v, r);
	st = &pk->odot_stamp[v * RES_COUNT + r];
	if (*st != pk->hstamp[h]) {
		pk->odot[r][v] = host_dot(pk, h, v, r);
		*st = pk->hstamp[h];
	}
	return pk->odot[r][v];
}

/* Sketch the loaded VM, unless it is the one sketched last. */
static void sketch_vm(struct pack *pk)
{
	if (pk->sk_cur == pk->cur)
		return;
	for (int i = 0; i < pk->nres; i++) {
		int r = pk->res[i];

		sketch_project(pk->sk, pk->row[r], pk->lo, pk->hi, pk->vproj[r],
			       &pk->vnorm2[r]);
	}
	pk->sk_cur = pk->cur;
}

/* Is slot T of host H above some limit? */
static bool host_slot_over(const struct pack *pk, size_t h, size_t t)
{
	for (int i = 0; i < pk->nres; i++) {
		int r = pk->res[i];

		if (pack_sum(pk, h, r)[t] > pk->limit[r])
			return true;
	}
	return false;
}

/* Add the loaded VM's rows to host H's sums; the slots newly over. */
static size_t add_rows(struct pack *pk, size_t h)
{
	size_t n = pk->d->nslots, c = 0;

	if (pk->nres == 1) {
		int r = pk->res[0];
		double *s = pk->sum[r] + h * n, lim = pk->limit[r];
		const double *x = pk->row[r];

		for (size_t t = pk->lo; t < pk->hi; t++) {
			bool was = s[t] > lim;

			s[t] += x[t];
			c += !was && s[t] > lim;
		}
		return c;
	}
	for (size_t t = pk->lo; t < pk->hi; t++) {
		bool was = host_slot_over(pk, h, t);

		for (int i = 0; i < pk->nres; i++)
			pk->sum[pk->res[i]][h * n + t] +=
			    pk->row[pk->res[i]][t];
		c += !was && host_slot_over(pk, h, t);
	}
	return c;
}

void pack_add(struct pack *pk, size_t h, size_t v)
{
	load(pk, v);
	if (pk->sk)
		sketch_vm(pk);
	/* Each resource's covariance with the sum before the add. */
	for (int i = 0; i < pk->nres; i++) {
		int r = pk->res[i];
		double dot = host_dot(pk, h, v, r);

		if (pk->sk) {
			for (size_t j = 0; j < pk->sk_k; j++)
				pk->hproj[r][h * pk->sk_k + j] +=
				    pk->vproj[r][j];
			pk->hnorm2[r][h] += 2 * dot + pk->vnorm2[r];
		}
		pk->hvar[r][h] += pk->vvar[r][v] + 2 * cov_of(pk, h, v, r, dot);
		pk->hmean[r][h] += pk->vmean[r][v];
		if (pk->happart[r])
			pk->happart[r][h] =
			    fmax(pk->happart[r][h], pk->apart[r][v]);
	}
	pk->hover[h] += add_rows(pk, h);
	blocks_update(pk, h, pk->lo, pk->hi);
	changed(pk, h);
	pk->members[h]++;
	pk->host_of[v] = h;
}

/* Take the loaded VM's rows off host H's sums; the slots no longer over. */
static size_t sub_rows(struct pack *pk, size_t h)
{
	size_t n = pk->d->nslots, c = 0;

	for (size_t t = pk->lo; t < pk->hi; t++) {
		bool was = host_slot_over(pk, h, t);

		for (int i = 0; i < pk->nres; i++)
			pk->sum[pk->res[i]][h * n + t] -=
			    pk->row[pk->res[i]][t];
		c += was && !host_slot_over(pk, h, t);
	}
	return c;
}

/* The largest apart size of R among host H's VMs (after a removal). */
static double host_apart(const struct pack *pk, size_t h, int r)
{
	double m = APART_NONE;

	for (size_t u = 0; u < pk->d->nvms; u++)
		if (pk->host_of[u] == h)
			m = fmax(m, pk->apart[r][u]);
	return m;
}

void pack_remove(struct pack *pk, size_t v)
{
	size_t h = pk->host_of[v];

	load(pk, v);
	for (int i = 0; i < pk->nres; i++) {
		int r = pk->res[i];

		/* var(S - x) = var(S) + var(x) - 2 cov(S, x), S holding x */
		pk->hvar[r][h] +=
		    pk->vvar[r][v] - 2 * cov_of(pk, h, v, r, own_dot(pk, v, r));
		pk->hmean[r][h] -= pk->vmean[r][v];
	}
	pk->hover[h] -= sub_rows(pk, h);
	blocks_update(pk, h, pk->lo, pk->hi);
	changed(pk, h);
	pk->members[h]--;
	pk->host_of[v] = PACK_NONE;
	for (int i = 0; i < pk->nres; i++) {
		int r = pk->res[i];

		if (pk->happart[r] && pk->apart[r][v] != APART_NONE)
			pk->happart[r][h] = host_apart(pk, h, r);
		if (pk->sk) /* the host's sketch from its sums again */
			sketch_project(
			    pk->sk, pack_sum(pk, h, r), 0, pk->d->nslots,
			    pk->hproj[r] + h * pk->sk_k, &pk->hnorm2[r][h]);
	}
}

double pack_gauss_size_without(struct pack *pk, size_t v, int r, double z)
{
	size_t h = pk->host_of[v];
	double var = pk->hvar[r][h] + pk->vvar[r][v] -
		     2 * cov_of(pk, h, v, r, own_dot(pk, v, r));

	return gauss_size(pk->hmean[r][h] - pk->vmean[r][v], var, z);
}

size_t pack_nhosts(const struct pack *pk)
{
	return pk->nhosts;
}

size_t pack_allowed_over(const struct pack *pk)
{
	return pk->k;
}

size_t pack_host_of(const struct pack *pk, size_t v)
{
	return pk->host_of[v];
}

size_t pack_members(const struct pack *pk, size_t h)
{
	return pk->members[h];
}

const double *pack_sum(const struct pack *pk, size_t h, int r)
{
	return pk->sum[r] + h * pk->d->nslots;
}

double pack_mean(const struct pack *pk, size_t h, int r)
{
	return pk->hmean[r][h];
}

double pack_var(const struct pack *pk, size_t h, int r)
{
	return pk->hvar[r][h];
}

double pack_vm_mean(const struct pack *pk, size_t v, int r)
{
	return pk->vmean[r][v];
}

const struct demand *pack_demand(const struct pack *pk)
{
	return pk->d;
}

double pack_cap(const struct pack *pk, int r)
{
	return pk->cap[r];
}

/*
 * Slots of [LO, HI) that the loaded VM would newly overload on a host of
 * sums S (NULL: no host), counting from C and stopping at STOP. Single
 * resource, kept tight for the compiler.
 */
static size_t new_one(const double *s, const double *x, size_t lo, size_t hi,
		      double limit, size_t c, size_t stop)
{
	for (size_t t = lo; t < hi && c < stop; t++) {
		double y = s ? s[t] + x[t] : x[t];

		c += y > limit && !(s && s[t] > limit);
	}
	return c;
}

/* Is slot T of host H (PACK_NONE: empty) overloaded, with the loaded VM
 * (WITH) or without? */
static bool slot_over(const struct pack *pk, size_t h, size_t t, bool with)
{
	for (int i = 0; i < pk->nres; i++) {
		int r = pk->res[i];
		double y = with ? pk->row[r][t] : 0;

		if (h != PACK_NONE)
			y = with ? y + pack_sum(pk, h, r)[t]
				 : pack_sum(pk, h, r)[t];
		if (y > pk->limit[r])
			return true;
	}
	return false;
}

/*
 * The host's overloaded slots outside V's span stay as they are (V adds 0
 * there), and a slot overloaded without V stays so with it (x >= 0 and
 * rounding is monotone): so the count with V is the host's count plus the
 * slots of V's span that V newly overloads.
 */
size_t pack_over(struct pack *pk, size_t h, size_t v, size_t limit)
{
	size_t c = h == PACK_NONE ? 0 : pk->hover[h], stop = limit + 1;

	load(pk, v);
	if (pk->nres == 1) {
		int r = pk->res[0];

		c = new_one(h == PACK_NONE ? NULL : pack_sum(pk, h, r),
			    pk->row[r], pk->lo, pk->hi, pk->limit[r], c, stop);
		return c < stop ? c : stop;
	}
	for (size_t t = pk->lo; t < pk->hi && c < stop; t++)
		c += slot_over(pk, h, t, true) &&
		     !(h != PACK_NONE && slot_over(pk, h, t, false));
	return c < stop ? c : stop;
}

bool pack_apart_fits(const struct pack *pk, size_t h, size_t v)
{
	for (int i = 0; pk->any_apart && i < pk->nres; i++) {
		int r = pk->res[i];

		if (pk->apart[r] && pk->apart[r][v] != APART_NONE &&
		    pk->happart[r][h] != APART_NONE &&
		    pk->happart[r][h] + pk->apart[r][v] > pk->limit[r])
			return false;
	}
	return true;
}

bool pack_may_grow(const struct pack *pk, size_t v)
{
	for (int i = 0; pk->any_apart && i < pk->nres; i++)
		if (pk->apart[pk->res[i]] &&
		    pk->apart[pk->res[i]][v] != APART_NONE)
			return true;
	return false;
}

double pack_apart_over(const struct pack *pk, size_t v, int r)
{
	if (!pk->any_apart || !pk->apart[r] || !(pk->d->mask & RES_MASK(r)))
		return 0;
	return pk->apart[r][v] > pk->limit[r] ? pk->apart[r][v] : 0;
}

bool pack_mean_fits(const struct pack *pk, size_t h, size_t v)
{
	for (int i = 0; i < pk->nres; i++) {
		int r = pk->res[i];

		if (pk->hmean[r][h] + pk->vmean[r][v] > pk->limit[r])
			return false;
	}
	return true;
}

/* The Gaussian size of R on host H with the loaded VM V, given the
 * covariance COV of the two: one formula for the exact size and the
 * sketches' bounds, monotone in COV for Z >= 0. */
static double size_with(const struct pack *pk, size_t h, size_t v, int r,
			double z, double cov)
{
	return gauss_size(pk->vmean[r][v] + pk->hmean[r][h],
			  pk->vvar[r][v] + (pk->hvar[r][h] + 2 * cov), z);
}

double pack_gauss_size(struct pack *pk, size_t h, size_t v, int r, double z)
{
	if (h == PACK_NONE)
		return gauss_size(pk->vmean[r][v], pk->vvar[r][v], z);
	return size_with(pk, h, v, r, z,
			 cov_of(pk, h, v, r, host_dot(pk, h, v, r)));
}

/* Make the sketches: the basis, the VM's, those of the hosts so far. */
static int sketch_start(struct pack *pk)
{
	size_t n = pk->d->nslots, k, hn = pk->hcap ? pk->hcap : 1;
	int rc = sketch_create(n, pk->d->step, &pk->sk);

	k = rc == 0 ? sketch_rank(pk->sk) : 0;
	for (int i = 0; rc == 0 && i < pk->nres; i++) {
		int r = pk->res[i];

		pk->hproj[r] = malloc((hn * k + 1) * sizeof(double));
		pk->hnorm2[r] = malloc(hn * sizeof(double));
		pk->vproj[r] = malloc((k + 1) * sizeof(double));
		if (!pk->hproj[r] || !pk->hnorm2[r] || !pk->vproj[r])
			rc = -ENOMEM;
		for (size_t h = 0; rc == 0 && h < pk->nhosts; h++)
			sketch_project(pk->sk, pack_sum(pk, h, r), 0, n,
				       pk->hproj[r] + h * k, &pk->hnorm2[r][h]);
	}
	pk->sk_k = k;
	pk->sk_cur = PACK_NONE;
	return rc;
}

/* Give up the sketches (no memory for them). */
static void sketch_stop(struct pack *pk)
{
	for (int r = 0; r < RES_COUNT; r++) {
		free(pk->hproj[r]);
		free(pk->hnorm2[r]);
		free(pk->vproj[r]);
		pk->hproj[r] = pk->hnorm2[r] = pk->vproj[r] = NULL;
	}
	sketch_destroy(pk->sk);
	pk->sk = NULL;
}

/* What the sketches say of resource R of loaded VM V on host H at Z >= 0:
 * -1 does not fit, 1 fits, 0 undecided. */
static int sketch_bound_res(struct pack *pk, size_t h, size_t v, int r,
			    double z)
{
	double lo, hi;

	if (pk->sk_off || pk->d->nslots == 0)
		return 0;
	if ((!pk->sk && sketch_start(pk) < 0) ||
	    (pk->sk_tries >= SKETCH_TRIAL &&
	     pk->sk_decided < pk->sk_tries / SKETCH_KEEP)) {
		sketch_stop(pk);
		pk->sk_off = true;
		return 0;
	}
	sketch_vm(pk);
	sketch_dot_bounds(pk->sk, pk->hproj[r] + h * pk->sk_k, pk->hnorm2[r][h],
			  pk->members[h], pk->vproj[r], pk->vnorm2[r], 1, &lo,
			  &hi);
	pk->sk_tries++;
	pk->sk_decided++;
	if (size_with(pk, h, v, r, z, cov_of(pk, h, v, r, hi)) <= pk->limit[r])
		return 1;
	if (size_with(pk, h, v, r, z, cov_of(pk, h, v, r, lo)) > pk->limit[r])
		return -1;
	pk->sk_decided--;
	return 0;
}

/*
 * What the blocks say of resource R of loaded VM V on host H at Z >= 0 (-1
 * does not fit, 1 fits, 0 undecided). V's row x is >= 0 and lives on [lo,
 * hi), so m sum(x) <= x . S <= M sum(x) with m, M the least and largest of
 * H's sums S over the blocks that cover the span. The dot product as
 * gauss_dot computes it is within (span + 8) eps sum |x S| of the true one,
 * and so is sum(x) as summed here, with sum |x S| <= sum(x) max(|m|, |M|)
 * (a sum may be a hair below 0 after removals): widened by 64 times that,
 * the interval holds the computed dot product, and goes through the exact
 * size's formula (monotone in it) as the sketches' does.
 */
static int blocks_bound_res(struct pack *pk, size_t h, size_t v, int r,
			    double z)
{
	const double *bmin = pk->bmin[r] + h * pk->nblk;
	const double *bmax = pk->bmax[r] + h * pk->nblk;
	double m = INFINITY, mx = -INFINITY, w, lo, hi;

	if (pk->lo >= pk->hi)
		return 0;
	if (pk->vsum_of != v) {
		for (int i = 0; i < pk->nres; i++) {
			int q = pk->res[i];

			pk->vsum[q] = 0;
			for (size_t t = pk->lo; t < pk->hi; t++)
				pk->vsum[q] += pk->row[q][t];
		}
		pk->vsum_of = v;
	}
	for (size_t b = pk->lo / PACK_BLOCK; b * PACK_BLOCK < pk->hi; b++) {
		m = bmin[b] < m ? bmin[b] : m;
		mx = bmax[b] > mx ? bmax[b] : mx;
	}
	w = 64.0 * (double)(pk->hi - pk->lo + 8) * DBL_EPSILON * pk->vsum[r] *
	    fmax(fabs(m), fabs(mx));
	lo = pk->vsum[r] * m - w;
	hi = pk->vsum[r] * mx + w;
	if (size_with(pk, h, v, r, z, cov_of(pk, h, v, r, hi)) <= pk->limit[r])
		return 1;
	if (size_with(pk, h, v, r, z, cov_of(pk, h, v, r, lo)) > pk->limit[r])
		return -1;
	return 0;
}

/* What the bounds on the sum's spread say of resource R: -1 does not
 * fit, 1 fits, 0 undecided. */
static int gauss_bound_res(const struct pack *pk, size_t h, size_t v, int r,
			   double z)
{
	double mean = pk->hmean[r][h] + pk->vmean[r][v];
	double sh = sqrt(fmax(pk->hvar[r][h], 0));
	double sv = sqrt(fmax(pk->vvar[r][v], 0));

	/* The bounds order with z's sign; only z >= 0 is worth the care. */
	if (z >= 0 && mean + z * fabs(sh - sv) > pk->limit[r])
		return -1;
	if (z >= 0 && mean + z * (sh + sv) <= pk->limit[r])
		return 1;
	return 0;
}

/* One resource of pack_gauss_fits(). */
static bool gauss_fits_res(struct pack *pk, size_t h, size_t v, int r, double z)
{
	int b = gauss_bound_res(pk, h, v, r, z);

	if (b)
		return b > 0;
	load(pk, v);
	if (z >= 0 && pk->hdot_vm[r][h] != v)
		b = blocks_bound_res(pk, h, v, r, z);
	if (b)
		return b > 0;
	if (pk->exact_of != v) {
		pk->exact_of = v;
		pk->exact_n = 0;
	}
	if (z >= 0 && pk->hdot_vm[r][h] != v &&
	    (pk->sk_cur == v || ++pk->exact_n > SKETCH_AFTER))
		b = sketch_bound_res(pk, h, v, r, z);
	if (b)
		return b > 0;
	return pack_gauss_size(pk, h, v, r, z) <= pk->limit[r];
}

bool pack_gauss_fits(struct pack *pk, size_t h, size_t v, double z)
{
	for (int i = 0; i < pk->nres; i++) {
		int r = pk->res[i];

		if (h == PACK_NONE) {
			if (pack_gauss_size(pk, h, v, r, z) > pk->limit[r])
				return false;
		} else if (!gauss_fits_res(pk, h, v, r, z)) {
			return false;
		}
	}
	return true;
}

const double *pack_vm_row(struct pack *pk, size_t v, int r, size_t *lo,
			  size_t *hi)
{
	load(pk, v);
	*lo = pk->lo;
	*hi = pk->hi;
	return pk->row[r];
}

double pack_host_size(const struct pack *pk, size_t h, int r, double p,
		      double *scratch)
{
	size_t n = pk->d->nslots;

	memcpy(scratch, pack_sum(pk, h, r), n * sizeof(*scratch));
	return size_percentile_inplace(scratch, n, p);
}

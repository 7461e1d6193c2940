/*
 * fleet.c - planning bucket by bucket (see fleet.h). A shard's demand is
 * a view of its own VMs in the trace (sim/plan/demand.h), so planning
 * memory (the hosts' summed demand) is split among shards.
 */
#include "sim/plan/fleet.h"
#include "lib/hash.h"
#include "lib/strv.h"
#include "sim/plan/planfile.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fleet_input {
	const struct trace *t;
	struct demand *d; /* the shard's VMs, trace order */
	char **name;	  /* per demand VM */
	unsigned *bucket; /* per demand VM */
	size_t *nodata;	  /* trace VMs of the shard with no data in the
			   * window (trace_present): not planned; bucket,
			   * then trace order */
	unsigned *nodata_bucket;
	size_t nnodata;
};

unsigned fleet_bucket(const char *name, unsigned nb)
{
	return (unsigned)(hash_str(name) % nb);
}

unsigned fleet_default_buckets(size_t nvms)
{
	size_t b = nvms / FLEET_VMS_PER_BUCKET;

	return b < 1			       ? 1
	       : b > FLEET_DEFAULT_MAX_BUCKETS ? FLEET_DEFAULT_MAX_BUCKETS
					       : (unsigned)b;
}

static int check_opts(const struct fleet_opts *o)
{
	if (o->buckets < 1 || o->buckets > FLEET_MAX_BUCKETS ||
	    o->nshards < 1 || o->shard >= o->nshards)
		return -EINVAL;
	return 0;
}

void fleet_input_destroy(struct fleet_input *in)
{
	if (!in)
		return;
	strv_free(in->name, in->name ? in->d->nvms : 0);
	free(in->bucket);
	free(in->nodata);
	free(in->nodata_bucket);
	demand_destroy(in->d);
	free(in);
}

const struct demand *fleet_input_demand(const struct fleet_input *in)
{
	return in->d;
}

size_t fleet_input_nvms(const struct fleet_input *in)
{
	return in->d->nvms;
}

size_t fleet_input_nodata(const struct fleet_input *in, const size_t **vms)
{
	*vms = in->nodata;
	return in->nnodata;
}

/* Bucket, then trace order. */
static int by_bucket(const void *a, const void *b)
{
	const size_t *x = a, *y = b; /* bucket, VM */

	if (x[0] != y[0])
		return x[0] < y[0] ? -1 : 1;
	return x[1] < y[1] ? -1 : x[1] > y[1];
}

/* IN's nodata list in bucket, then trace order: a bucketed plan names the
 * first of them, the same ones however it is split. -ENOMEM. */
static int sort_nodata(struct fleet_input *in)
{
	size_t n = in->nnodata, *pair = malloc((n ? n : 1) * 2 * sizeof(*pair));

	if (!pair)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		pair[2 * i] = in->nodata_bucket[i];
		pair[2 * i + 1] = in->nodata[i];
	}
	qsort(pair, n, 2 * sizeof(*pair), by_bucket);
	for (size_t i = 0; i < n; i++) {
		in->nodata_bucket[i] = (unsigned)pair[2 * i];
		in->nodata[i] = pair[2 * i + 1];
	}
	free(pair);
	return 0;
}

/* The trace VMs O's shard holds with data in the window, and their
 * buckets; those without, into IN's nodata list. */
static int pick(const struct trace *t, const struct fleet_opts *o, size_t *vms,
		struct fleet_input *in, size_t *n)
{
	size_t m = trace_nvms(t) ? trace_nvms(t) : 1;

	in->nodata = malloc(m * sizeof(*in->nodata));
	in->nodata_bucket = malloc(m * sizeof(*in->nodata_bucket));
	if (!in->nodata || !in->nodata_bucket)
		return -ENOMEM;
	*n = 0;
	for (size_t v = 0; v < trace_nvms(t); v++) {
		unsigned b = fleet_bucket(trace_name(t, v), o->buckets);

		if (b % o->nshards != o->shard)
			continue;
		if (!trace_present(t, v, o->first, o->nslots)) {
			in->nodata_bucket[in->nnodata] = b;
			in->nodata[in->nnodata++] = v;
			continue;
		}
		vms[*n] = v;
		in->bucket[(*n)++] = b;
	}
	return sort_nodata(in);
}

int fleet_load(const struct trace *t, const struct fleet_opts *o,
	       struct fleet_input **out)
{
	size_t m = trace_nvms(t) ? trace_nvms(t) : 1, n;
	struct fleet_input *in = calloc(1, sizeof(*in));
	size_t *vms = malloc(m * sizeof(*vms));
	int rc = check_opts(o);

	if (rc == 0 &&
	    (!in || !vms || !(in->bucket = malloc(m * sizeof(*in->bucket)))))
		rc = -ENOMEM;
	if (rc == 0) {
		in->t = t;
		rc = pick(t, o, vms, in, &n);
	}
	if (rc == 0)
		rc = demand_from_trace(t, o->first, o->nslots, o->mask, vms, n,
				       o->factor, &in->d);
	if (rc == 0 && !(in->name = calloc(n ? n : 1, sizeof(char *))))
		rc = -ENOMEM;
	for (size_t v = 0; rc == 0 && v < n; v++)
		if (!(in->name[v] = strdup(trace_name(t, vms[v]))))
			rc = -ENOMEM;
	free(vms);
	if (rc < 0) {
		fleet_input_destroy(in);
		return rc;
	}
	*out = in;
	return 0;
}

static int nres_of(unsigned mask)
{
	return __builtin_popcount(mask);
}

int fleet_part_alloc(size_t nrows, unsigned buckets, struct fleet_part **out)
{
	struct fleet_part *p = calloc(1, sizeof(*p));
	size_t m = nrows ? nrows : 1;

	if (!p)
		return -ENOMEM;
	p->buckets = buckets;
	p->nshards = 1;
	p->vm = calloc(m, sizeof(*p->vm));
	p->bucket = malloc(m * sizeof(*p->bucket));
	p->host = malloc(m * sizeof(*p->host));
	p->size = malloc(m * RES_COUNT * sizeof(*p->size));
	p->stats = calloc(buckets ? buckets : 1, sizeof(*p->stats));
	if (!p->vm || !p->bucket || !p->host || !p->size || !p->stats) {
		fleet_part_destroy(p);
		return -ENOMEM;
	}
	*out = p;
	return 0;
}

void fleet_part_destroy(struct fleet_part *p)
{
	if (!p)
		return;
	strv_free(p->vm, p->nrows);
	free(p->bucket);
	free(p->host);
	free(p->size);
	free(p->stats);
	free(p->terms);
	for (size_t i = 0; i < p->nnofit; i++)
		free(p->nofit[i].vm);
	for (size_t i = 0; i < p->nnodata; i++)
		free(p->nodata[i].vm);
	free(p);
}

int fleet_nodata_add(struct fleet_part *p, const char *vm, unsigned bucket)
{
	char *name;

	if (p->nnodata == FLEET_NODATA_LISTED)
		return 0;
	if (!(name = strdup(vm)))
		return -ENOMEM;
	p->nodata[p->nnodata++] = (struct fleet_nodata){name, bucket};
	return 0;
}

int fleet_nofit_add(struct fleet_part *p, const char *vm, unsigned bucket,
		    enum res res, double size, double cap)
{
	char *name;

	if (p->nnofit == FLEET_NOFIT_LISTED)
		return 0;
	if (!(name = strdup(vm)))
		return -ENOMEM;
	p->nofit[p->nnofit++] =
	    (struct fleet_nofit){name, bucket, res, size, cap};
	return 0;
}

/* The VMs of bucket B that PL left unplaced, named in P (up to the list's
 * room), with the resource each is too large in. */
static int add_nofit(struct fleet_part *p, const struct fleet_input *in,
		     const size_t *idx, const struct plan *pl,
		     const struct plan_opts *po, unsigned b)
{
	int rc = 0;

	for (size_t v = 0; rc == 0 && pl->unplaced && v < pl->nvms; v++) {
		if (pl->host_of[v] != PLAN_UNPLACED)
			continue;
		for (int r = 0; r < RES_COUNT; r++)
			if (pl->size[r] &&
			    pl->size[r][v] > demand_limit(po->cap[r])) {
				rc = fleet_nofit_add(
				    p, in->name[idx[v]], b, (enum res)r,
				    pl->size[r][v], po->cap[r]);
				break;
			}
	}
	return rc;
}

static int64_t quanta(double x)
{
	return (int64_t)llround(x / FLEET_QUANTUM);
}

/* Bucket stats *ST of PL (its summary S), and its range of reservations
 * above the host folded into P's. */
static void bucket_stats(struct fleet_part *p, const struct plan *pl,
			 const struct plan_summary *s,
			 struct fleet_bucket_stats *st)
{
	*st = (struct fleet_bucket_stats){
	    .vms = s->vms,
	    .hosts = s->hosts,
	    .unplaced = s->unplaced,
	    .lifted = pl->lifted,
	    .absent = pl->absent,
	    .apart = pl->apart,
	    .apart_over = pl->apart_over,
	    .apart_alone = pl->apart_alone,
	    .unapart = pl->apart ? pl->hosts_unapart : 0};
	st->over = isnan(s->overload)
		       ? 0
		       : (uint64_t)llround(s->overload * (double)s->hosts *
					   (double)p->nslots);
	for (int r = 0; r < RES_COUNT; r++) {
		st->ind[r] = quanta(s->sum_individual[r]);
		st->joint[r] = quanta(s->sum_joint[r]);
	}
	fleet_over_add(p, pl->over_lo, pl->over_hi);
}

/* Append the rows of PL (over the bucket's demand SUB) and its stats. */
static int add_bucket(struct fleet_part *p, const struct fleet_input *in,
		      const size_t *idx, const struct plan *pl,
		      const struct plan_summary *s, unsigned b)
{
	size_t m = pl->nvms - pl->unplaced,
	       *rows = malloc((m ? m : 1) * sizeof(*rows));
	const char **name = malloc((pl->nvms ? pl->nvms : 1) * sizeof(*name));
	struct fleet_bucket_stats *st = &p->stats[b];
	int nres = nres_of(p->mask);

	for (size_t v = 0; name && v < pl->nvms; v++)
		name[v] = in->name[idx[v]];
	if (!rows || !name || plan_rows(pl, name, rows) < 0) {
		free(rows);
		free(name);
		return -ENOMEM;
	}
	free(name);
	for (size_t i = 0; i < m; i++, p->nrows++) {
		size_t v = rows[i], row = p->nrows;

		p->vm[row] = strdup(in->name[idx[v]]);
		if (!p->vm[row]) {
			free(rows);
			return -ENOMEM;
		}
		p->bucket[row] = b;
		p->host[row] = pl->host_of[v];
		for (int r = 0, j = 0; r < RES_COUNT; r++)
			if (p->mask & RES_MASK(r))
				p->size[row * nres + j++] = pl->size[r][v];
	}
	bucket_stats(p, pl, s, st);
	free(rows);
	return 0;
}

/* Plan bucket B, whose VMs are IDX[0..N) of IN. */
static int plan_bucket(struct fleet_part *p, const struct fleet_input *in,
		       const struct fleet_opts *o, unsigned b,
		       const size_t *idx, size_t n)
{
	struct demand *sub = NULL;
	struct plan *pl = NULL;
	struct plan_summary s;
	int rc = demand_select(in->d, idx, n, &sub);

	if (rc == 0)
		rc = plan_create(o->policy, sub, &o->po, &pl);
	if (rc == 0)
		rc = plan_summarize(pl, sub, &o->po, &s);
	if (rc == 0)
		rc = add_bucket(p, in, idx, pl, &s, b);
	if (rc == 0)
		rc = add_nofit(p, in, idx, pl, &o->po, b);
	plan_destroy(pl);
	demand_destroy(sub);
	return rc;
}

/* IN's VMs grouped by bucket (trace order inside): START[b]..START[b+1]. */
static int group(const struct fleet_input *in, unsigned nb, size_t *start,
		 size_t *idx)
{
	size_t n = in->d->nvms;

	memset(start, 0, (nb + 1) * sizeof(*start));
	for (size_t v = 0; v < n; v++)
		start[in->bucket[v] + 1]++;
	for (unsigned b = 0; b < nb; b++)
		start[b + 1] += start[b];
	for (size_t v = 0; v < n; v++)
		idx[start[in->bucket[v]]++] = v;
	for (unsigned b = nb; b > 0; b--)
		start[b] = start[b - 1];
	start[0] = 0;
	return 0;
}

int fleet_plan(const struct fleet_input *in, const struct fleet_opts *o,
	       struct fleet_part **out)
{
	size_t n = in->d->nvms;
	size_t *start = malloc((o->buckets + 1) * sizeof(*start));
	size_t *idx = malloc((n ? n : 1) * sizeof(*idx));
	struct fleet_part *p = NULL;
	int rc = start && idx ? fleet_part_alloc(n, o->buckets, &p) : -ENOMEM;

	if (rc == 0) {
		p->shard = o->shard;
		p->nshards = o->nshards;
		p->policy = o->policy;
		p->p = o->po.p;
		p->nslots = o->nslots;
		p->mask = o->mask;
		rc = group(in, o->buckets, start, idx);
	}
	for (unsigned b = o->shard; rc == 0 && b < o->buckets; b += o->nshards)
		if (start[b + 1] > start[b])
			rc = plan_bucket(p, in, o, b, idx + start[b],
					 start[b + 1] - start[b]);
	for (size_t i = 0; rc == 0 && i < in->nnodata; i++) {
		p->stats[in->nodata_bucket[i]].nodata++;
		rc = fleet_nodata_add(p, trace_name(in->t, in->nodata[i]),
				      in->nodata_bucket[i]);
	}
	free(start);
	free(idx);
	if (rc < 0) {
		fleet_part_destroy(p);
		return rc;
	}
	*out = p;
	return 0;
}

#define NAME_CUT 200 /* characters of a shard file's name in a message */

/* "shard S ('FILE')" of P into BUF[N], or "shard S" when P has no name. */
static const char *shard_named(const struct fleet_part *p, char *buf, size_t n)
{
	if (p->name)
		snprintf(buf, n, "shard %u ('%.*s')", p->shard, NAME_CUT,
			 p->name);
	else
		snprintf(buf, n, "shard %u", p->shard);
	return buf;
}

/* The first shard whose terms differ from shard file 0's, said, or NULL. */
static const char *terms_mismatch(struct fleet_part *const *parts, size_t n)
{
	static _Thread_local char why[2 * PLANTERMS_STR + 2 * NAME_CUT + 256];
	char diff[2 * PLANTERMS_STR + 64], s0[NAME_CUT + 32], si[NAME_CUT + 32];

	for (size_t i = 1; i < n; i++) {
		const struct plan_terms *a = parts[0]->terms,
					*b = parts[i]->terms;

		if (!a != !b) {
			snprintf(why, sizeof(why),
				 "%s records the plan's terms and %s does not",
				 shard_named(a ? parts[0] : parts[i], s0,
					     sizeof(s0)),
				 shard_named(a ? parts[i] : parts[0], si,
					     sizeof(si)));
			return why;
		}
		if (a && planterms_compare(a, b, diff, sizeof(diff)) < 0) {
			snprintf(why, sizeof(why),
				 "the shards' terms conflict: %s (%s vs %s)",
				 diff, shard_named(parts[0], s0, sizeof(s0)),
				 shard_named(parts[i], si, sizeof(si)));
			return why;
		}
	}
	return NULL;
}

const char *fleet_count_why(size_t files, unsigned nshards)
{
	static _Thread_local char why[96];

	snprintf(why, sizeof(why),
		 "the number of shard files (%zu) is not the shards' n (%u)",
		 files, nshards);
	return why;
}

/* Which option of the plan A and X differ in, both values and shards
 * named, or NULL. */
static const char *options_why(const struct fleet_part *a,
			       const struct fleet_part *x)
{
	static _Thread_local char why[2 * NAME_CUT + 256];
	const char *what = "percentile";
	char va[32], vx[32], sa[NAME_CUT + 32], sx[NAME_CUT + 32];

	if (x->buckets != a->buckets) {
		what = "--buckets";
		snprintf(va, sizeof(va), "%u", a->buckets);
		snprintf(vx, sizeof(vx), "%u", x->buckets);
	} else if (x->policy != a->policy) {
		what = "policy";
		snprintf(va, sizeof(va), "%s", plan_policy_name(a->policy));
		snprintf(vx, sizeof(vx), "%s", plan_policy_name(x->policy));
	} else if (x->p != a->p) {
		snprintf(va, sizeof(va), "%.10g", a->p);
		snprintf(vx, sizeof(vx), "%.10g", x->p);
	} else if (x->nslots != a->nslots) {
		what = "training slots";
		snprintf(va, sizeof(va), "%zu", a->nslots);
		snprintf(vx, sizeof(vx), "%zu", x->nslots);
	} else if (x->mask != a->mask) {
		what = "resources";
		res_mask_names(a->mask, va, sizeof(va));
		res_mask_names(x->mask, vx, sizeof(vx));
	} else {
		return NULL;
	}
	snprintf(why, sizeof(why),
		 "the shards were planned with different options: %s %s vs "
		 "%s (%s vs %s)",
		 what, va, vx, shard_named(a, sa, sizeof(sa)),
		 shard_named(x, sx, sizeof(sx)));
	return why;
}

/* Why parts cannot be merged, or NULL. */
static const char *mismatch(struct fleet_part *const *parts, size_t n)
{
	const struct fleet_part *a = parts[0];
	char *seen = calloc(n, 1);
	const char *why = seen ? NULL : "out of memory";

	for (size_t i = 0; !why && i < n; i++) {
		const struct fleet_part *x = parts[i];

		if (x->nshards != n)
			why = fleet_count_why(n, x->nshards);
		else if (!(why = options_why(a, x)) &&
			 (x->shard >= n || seen[x->shard]++))
			why = "a shard is given twice";
	}
	free(seen);
	return why ? why : terms_mismatch(parts, n);
}

/* Copy row I of X to the end of P. */
static int copy_row(struct fleet_part *p, const struct fleet_part *x, size_t i)
{
	int nres = nres_of(x->mask);
	size_t row = p->nrows;

	p->vm[row] = strdup(x->vm[i]);
	if (!p->vm[row])
		return -ENOMEM;
	p->bucket[row] = x->bucket[i];
	p->host[row] = x->host[i];
	memcpy(p->size + row * nres, x->size + i * nres,
	       nres * sizeof(*p->size));
	p->nrows++;
	return 0;
}

/* X's VMs of bucket B that fit on no host or have no data, appended to
 * P's lists. */
static int merge_nofit(struct fleet_part *p, const struct fleet_part *x,
		       unsigned b)
{
	int rc = 0;

	for (size_t k = 0; rc == 0 && k < x->nnodata; k++)
		if (x->nodata[k].bucket == b)
			rc = fleet_nodata_add(p, x->nodata[k].vm, b);

	for (size_t k = 0; rc == 0 && k < x->nnofit; k++) {
		const struct fleet_nofit *f = &x->nofit[k];

		if (f->bucket == b)
			rc = fleet_nofit_add(p, f->vm, b, f->res, f->size,
					     f->cap);
	}
	return rc;
}

/* What the merged plan P shares with its N PARTS: the options of the
 * first, one shard of one, the notes of any; 0 or -ENOMEM. */
static int merge_head(struct fleet_part *p, struct fleet_part *const *parts,
		      size_t n)
{
	p->shard = 0;
	p->nshards = 1;
	p->policy = parts[0]->policy;
	p->p = parts[0]->p;
	p->nslots = parts[0]->nslots;
	p->mask = parts[0]->mask;
	p->nrows = 0;
	for (size_t i = 0; i < n; i++)
		p->lifted_unknown |= parts[i]->lifted_unknown;
	for (size_t i = 0; i < n; i++) {
		p->nodata_unknown |= parts[i]->nodata_unknown;
		p->nodata_unnamed |= parts[i]->nodata_unnamed;
		p->apart_unknown |= parts[i]->apart_unknown;
		fleet_over_add(p, parts[i]->over_lo, parts[i]->over_hi);
	}
	if (parts[0]->terms && !(p->terms = malloc(sizeof(*p->terms))))
		return -ENOMEM;
	else if (parts[0]->terms)
		*p->terms = *parts[0]->terms;
	return 0;
}

/* Each bucket of P from the shard that planned it (BY[b % N], its rows
 * from AT[b % N] on): stats, rows and VMs that fit nowhere. */
static int merge_buckets(struct fleet_part *p, struct fleet_part *const *by,
			 size_t *at, size_t n)
{
	int rc = 0;

	for (unsigned b = 0; rc == 0 && b < p->buckets; b++) {
		const struct fleet_part *x = by[b % n];
		size_t *i = &at[b % n];

		p->stats[b] = x->stats[b];
		for (; rc == 0 && *i < x->nrows && x->bucket[*i] == b; (*i)++)
			rc = copy_row(p, x, *i);
		if (rc == 0)
			rc = merge_nofit(p, x, b);
	}
	return rc;
}

int fleet_merge(struct fleet_part *const *parts, size_t n,
		struct fleet_part **out, const char **why)
{
	size_t rows = 0, *at = calloc(n ? n : 1, sizeof(*at));
	struct fleet_part *p = NULL, **by = calloc(n ? n : 1, sizeof(*by));
	int rc = at && by ? 0 : -ENOMEM;

	*why = n ? (rc == 0 ? mismatch(parts, n) : NULL) : "no shard files";
	if (*why)
		rc = -EINVAL;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		by[parts[i]->shard] = parts[i];
		rows += parts[i]->nrows;
	}
	if (rc == 0)
		rc = fleet_part_alloc(rows, parts[0]->buckets, &p);
	if (rc == 0)
		rc = merge_head(p, parts, n);
	if (rc == 0)
		rc = merge_buckets(p, by, at, n);
	free(at);
	free(by);
	if (rc < 0) {
		fleet_part_destroy(p);
		return rc;
	}
	*out = p;
	return 0;
}

void fleet_over_add(struct fleet_part *p, const double *lo, const double *hi)
{
	for (int r = 0; r < RES_COUNT; r++) {
		if (!(hi[r] > 0))
			continue;
		p->over_lo[r] =
		    p->over_lo[r] > 0 ? fmin(p->over_lo[r], lo[r]) : lo[r];
		p->over_hi[r] = fmax(p->over_hi[r], hi[r]);
	}
}

void fleet_totals(const struct fleet_part *p, struct fleet_bucket_stats *t)
{
	memset(t, 0, sizeof(*t));
	for (unsigned b = 0; b < p->buckets; b++) {
		const struct fleet_bucket_stats *s = &p->stats[b];

		t->vms += s->vms;
		t->hosts += s->hosts;
		t->unplaced += s->unplaced;
		t->over += s->over;
		t->lifted += s->lifted;
		t->absent += s->absent;
		t->nodata += s->nodata;
		t->apart += s->apart;
		t->apart_over += s->apart_over;
		t->apart_alone += s->apart_alone;
		t->unapart += s->apart ? s->unapart : s->hosts;
		for (int r = 0; r < RES_COUNT; r++) {
			t->ind[r] += s->ind[r];
			t->joint[r] += s->joint[r];
		}
	}
}

/* P's terms for PLAN.meta (in BUF), with the VMs its buckets' trend rule
 * raised, those absent from part of the window, those with no data there
 * and those that may grow, or NULL (no terms). */
static const struct plan_terms *meta_terms(const struct fleet_part *p,
					   struct plan_terms *buf)
{
	struct fleet_bucket_stats t;

	if (!p->terms)
		return NULL;
	*buf = *p->terms;
	fleet_totals(p, &t);
	if (!p->lifted_unknown) {
		buf->lifted = (size_t)t.lifted;
		buf->absent = (size_t)t.absent;
	}
	buf->nodata = p->nodata_unknown ? PLANTERMS_UNKNOWN : (size_t)t.nodata;
	buf->apart = p->apart_unknown ? PLANTERMS_UNKNOWN : (size_t)t.apart;
	return buf;
}

int fleet_write_plan(const struct fleet_part *p, const char *path)
{
	struct plan_terms terms;
	size_t m = p->nrows ? p->nrows : 1, *host = malloc(m * sizeof(*host));
	uint64_t *off = calloc(p->buckets + 1, sizeof(*off));
	char names[RES_COUNT][16];
	const char *en[RES_COUNT];
	int ne = 0, rc = host && off ? 0 : -ENOMEM;

	for (int r = 0; r < RES_COUNT; r++)
		if (p->mask & RES_MASK(r)) {
			snprintf(names[ne], sizeof(names[ne]), "size_%s",
				 res_name((enum res)r));
			en[ne] = names[ne];
			ne++;
		}
	for (unsigned b = 0; rc == 0 && b < p->buckets; b++)
		off[b + 1] = off[b] + p->stats[b].hosts;
	for (size_t i = 0; rc == 0 && i < p->nrows; i++)
		host[i] = off[p->bucket[i]] + p->host[i];
	if (rc == 0)
		rc = planfile_write_terms(
		    path,
		    &(struct planfile_table){p->nrows,
					     (const char *const *)p->vm, host,
					     (size_t)ne, en, p->size},
		    meta_terms(p, &terms));
	free(host);
	free(off);
	return rc;
}

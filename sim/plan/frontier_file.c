/*
 * frontier_file.c - frontier shard files (see frontier_file.h): written
 * with fr_recs_write(), read back line by line through lib/tabline, every
 * field checked, bad input an error naming file, line and field.
 */
#include "sim/plan/frontier_file.h"
#include "lib/error.h"
#include "lib/grow.h"
#include "lib/tabline.h"
#include "sim/plan/fleet.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int fr_recs_add(struct fr_recs *s, const struct fr_rec *r)
{
	if (grow_array((void **)&s->r, &s->cap, s->n + 1, sizeof(*s->r), 64))
		return -ENOMEM;
	s->r[s->n++] = *r;
	return 0;
}

void fr_recs_free(struct fr_recs *s)
{
	free(s->r);
	s->r = NULL;
	s->n = s->cap = 0;
}

int fr_recs_write(FILE *fp, const struct fr_recs *s)
{
	fprintf(fp,
		FRONTIER_SHARD_MAGIC "\nshard\t%u\t%u\nbuckets\t%u\n"
				     "points\t%u\nseed\t%" PRIu64
				     "\neval_vms\t%" PRIu64 "\n",
		s->shard, s->nshards, s->buckets, s->npoints, s->seed,
		s->eval_vms);
	fprintf(fp,
		"caps\t%a\t%a\t%a\t%a\nwindows\t%a\t%a\t%a\t%a\n"
		"train_vms\t%" PRIu64 "\n",
		s->host_cap[RES_CPU], s->host_cap[RES_MEM],
		s->host_cap[RES_DISK], s->host_cap[RES_NET], s->win[0],
		s->win[1], s->win[2], s->win[3], s->train_vms);
	for (size_t i = 0; i < s->n; i++) {
		const struct fr_rec *r = &s->r[i];

		fprintf(fp,
			"point\t%u\t%s\t%a\t%u\t%a\t%" PRIu64 "\t%" PRIu64
			"\t%" PRIu64 "\t%" PRIu64 "\t%" PRIu64 "\t%" PRIu64
			"\t%" PRIu64 "\t%" PRIu64 "\t%" PRId64 "\t%" PRId64
			"\t%" PRIu64 "\t%" PRIu64 "\n",
			r->point, plan_policy_name(r->policy), r->p, r->bucket,
			r->level, r->hosts, r->unplaced, r->over_in,
			r->slots_in, r->ev_slots, r->ev_over, r->vm_slots,
			r->violated, r->demand, r->unmet, r->ev_vms,
			r->missing);
	}
	fputs("end\n", fp);
	return ferror(fp) ? -EIO : 0;
}

/* The most fields of a line: a point line of version 3 on. */
#define MAX_FIELDS 18

/* A header line "KEY VALUE..." of NF fields in all, else "expected
 * 'USAGE'". */
static int keyed(struct tabline *r, const char *key, int nf, const char *usage)
{
	int rc = tabline_next(r, "header", key);

	if (rc == 0 && (r->nf != nf || strcmp(r->f[0], key)))
		rc = error_data(r->name, r->line, key, "expected '%s'", usage);
	return rc;
}

/* A header line "KEY N" (USAGE) into *OUT (at most MAX). */
static int keyed_u64(struct tabline *r, const char *key, const char *usage,
		     uint64_t max, uint64_t *out)
{
	int rc = keyed(r, key, 2, usage);

	if (rc == 0 && !tabline_u64(r, 1, max, out))
		rc = error_data(r->name, r->line, key, "expected '%s'", usage);
	return rc;
}

/* A header line "KEY A B C D" of four numbers into X: capacities (CAPS:
 * >= 0 and finite) or window bounds (not NaN). */
static int keyed_four(struct tabline *r, const char *key, const char *usage,
		      bool caps, double x[4])
{
	int rc = keyed(r, key, 5, usage);

	for (int i = 0; rc == 0 && i < 4; i++)
		if (!tabline_num(r, i + 1, &x[i]) || isnan(x[i]) ||
		    (caps && (x[i] < 0 || isinf(x[i]))))
			rc = error_data(r->name, r->line, key,
					"expected '%s' (%s)", usage,
					caps ? "numbers >= 0" : "not NaN");
	return rc;
}

/* Version 4's caps, windows and train_vms lines (7 to 9). */
static int read_terms(struct tabline *r, struct fr_recs *s)
{
	int rc = keyed_four(r, "caps", "caps C M D N", true, s->host_cap);

	if (rc == 0)
		rc = keyed_four(r, "windows", "windows TF TT EF ET", false,
				s->win);
	if (rc == 0)
		rc = keyed_u64(r, "train_vms", "train_vms T", UINT64_MAX,
			       &s->train_vms);
	return rc;
}

/* The seed line (line 5) from version 2, the eval_vms line (6) from
 * version 3, lines 7-9 from version 4. */
static int read_seed(struct tabline *r, struct fr_recs *s)
{
	int rc = 0;

	if (s->has_seed)
		rc = keyed_u64(r, "seed", "seed X", UINT64_MAX, &s->seed);
	if (rc == 0 && s->has_cover)
		rc = keyed_u64(r, "eval_vms", "eval_vms E", UINT64_MAX,
			       &s->eval_vms);
	return rc || !s->has_terms ? rc : read_terms(r, s);
}

/* Whether M (no line end) is the first line of a frontier shard. */
static bool is_magic(const char *m)
{
	return !strcmp(m, FRONTIER_SHARD_MAGIC) ||
	       !strcmp(m, FRONTIER_SHARD_MAGIC_V3) ||
	       !strcmp(m, FRONTIER_SHARD_MAGIC_V2) ||
	       !strcmp(m, FRONTIER_SHARD_MAGIC_V1);
}

bool fr_recs_is_magic(const char *line)
{
	char m[32];
	size_t n = strlen(line);

	if (!n || n > sizeof(m) || line[n - 1] != '\n')
		return false;
	memcpy(m, line, n - 1);
	m[n - 1] = 0;
	return is_magic(m);
}

/* The magic line: which version. */
static int read_magic(struct tabline *r, struct fr_recs *s)
{
	int rc = tabline_next(r, "header", "magic");
	const char *m = r->f[0];

	if (rc == 0 && (r->nf != 1 || !is_magic(m)))
		return error_data(r->name, r->line, "magic",
				  "not a frontier shard (" FRONTIER_SHARD_MAGIC
				  ")");
	s->has_terms = rc == 0 && !strcmp(m, FRONTIER_SHARD_MAGIC);
	s->has_cover =
	    s->has_terms || (rc == 0 && !strcmp(m, FRONTIER_SHARD_MAGIC_V3));
	s->has_seed =
	    s->has_cover || (rc == 0 && !strcmp(m, FRONTIER_SHARD_MAGIC_V2));
	return rc;
}

static int read_header(struct tabline *r, struct fr_recs *s)
{
	uint64_t i = 0, n = 0, b = 0, k = 0;
	int rc = read_magic(r, s);

	if (rc == 0)
		rc = keyed(r, "shard", 3, "shard I N");
	if (rc == 0 && (!tabline_u64(r, 1, UINT32_MAX, &i) ||
			!tabline_u64(r, 2, UINT32_MAX, &n) || i >= n))
		rc = error_data(r->name, r->line, "shard",
				"expected 'shard I N', 0 <= I < N");
	if (rc == 0 &&
	    !(rc = keyed_u64(r, "buckets", "buckets B", FLEET_MAX_BUCKETS,
			     &b)) &&
	    !b)
		rc = error_data(r->name, r->line, "buckets", "not in 1..2^20");
	if (rc == 0)
		rc = keyed_u64(r, "points", "points K", UINT32_MAX, &k);
	s->shard = (unsigned)i;
	s->nshards = (unsigned)n;
	s->buckets = (unsigned)b;
	s->npoints = (unsigned)k;
	return rc == 0 ? read_seed(r, s) : rc;
}

/* The names of a point line's fields, as fr_recs_write() puts them. */
static const char *const point_field[] = {
    "point",	"k",	    "policy",  "p",	   "bucket",   "level",
    "hosts",	"unplaced", "over_in", "slots_in", "ev_slots", "ev_over",
    "vm_slots", "violated", "demand",  "unmet",	   "ev_vms",   "missing"};

/* Point line field F is "not WHY". */
static int bad_point(const struct tabline *r, int f, const char *why)
{
	return error_data(r->name, r->line, point_field[f],
			  "not %s (point line)", why);
}

/* A point line's K, policy, P, bucket and level into X. */
static int point_key(const struct tabline *r, const struct fr_recs *s,
		     struct fr_rec *x)
{
	uint64_t u;

	if (!tabline_u64(r, 1, s->npoints ? s->npoints - 1 : 0, &u) ||
	    u >= s->npoints)
		return bad_point(r, 1, "a point of the header's count");
	x->point = (unsigned)u;
	if (plan_policy_parse(r->f[2], &x->policy) < 0)
		return bad_point(r, 2, "a policy");
	if (!tabline_num(r, 3, &x->p) || !(x->p > 0 && x->p < 100))
		return bad_point(r, 3, "a service level in (0, 100)");
	if (!tabline_u64(r, 4, s->buckets - 1, &u) ||
	    u % s->nshards != s->shard)
		return bad_point(r, 4, "a bucket of this shard");
	x->bucket = (unsigned)u;
	/* sbp's level is a z (any sign), the others' a percentile */
	if (!tabline_num(r, 5, &x->level) || !isfinite(x->level) ||
	    (x->policy != PLAN_SBP && !(x->level > 0 && x->level < 100)))
		return bad_point(r, 5,
				 x->policy == PLAN_SBP
				     ? "a finite number"
				     : "a percentile in (0, 100)");
	return 0;
}

/* The counts of a point line (fields 6 on) into X. */
static int point_counts(const struct tabline *r, struct fr_rec *x)
{
	uint64_t *u[] = {&x->hosts,    &x->unplaced, &x->over_in,  &x->slots_in,
			 &x->ev_slots, &x->ev_over,  &x->vm_slots, &x->violated,
			 &x->ev_vms,   &x->missing};
	int nu = r->nf == 18 ? 10 : 8;

	for (int i = 0; i < nu; i++) {
		int f = i < 8 ? 6 + i : 8 + i; /* ev_vms, missing: 16, 17 */

		if (!tabline_u64(r, f, UINT64_MAX, u[i]))
			return bad_point(r, f, "an integer >= 0");
	}
	if (!tabline_i64(r, 14, &x->demand))
		return bad_point(r, 14, "an integer");
	if (!tabline_i64(r, 15, &x->unmet))
		return bad_point(r, 15, "an integer");
	return 0;
}

/* The point line in R into X (S: the header read). */
static int read_point(const struct tabline *r, const struct fr_recs *s,
		      struct fr_rec *x)
{
	int rc;

	memset(x, 0, sizeof(*x));
	if (r->nf != (s->has_cover ? 18 : 16))
		return error_data(r->name, r->line, "point",
				  "%d fields, not %d", r->nf,
				  s->has_cover ? 18 : 16);
	rc = point_key(r, s, x);
	return rc ? rc : point_counts(r, x);
}

int fr_recs_read(FILE *fp, const char *name, struct fr_recs *s)
{
	struct tabline r = {.fp = fp, .name = name, .max = MAX_FIELDS};
	int rc = read_header(&r, s);

	s->name = name;
	while (rc == 0 && (rc = tabline_next(&r, "end", "point")) == 0) {
		struct fr_rec x;

		if (r.nf == 1 && !strcmp(r.f[0], "end"))
			break;
		if (strcmp(r.f[0], "point"))
			rc = error_data(name, r.line, "point",
					"expected a point line or end");
		if (rc == 0)
			rc = read_point(&r, s, &x);
		if (rc == 0)
			rc = fr_recs_add(s, &x);
	}
	tabline_free(&r);
	return rc;
}

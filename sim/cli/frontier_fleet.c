/*
 * frontier_fleet.c - bucketed frontier points and their shard files (see
 * frontier_fleet.h). Rows are sums over buckets of integers, divided only
 * at the end, so the grouping of buckets cannot change a digit.
 */
#include "sim/cli/frontier_fleet.h"
#include "lib/csvout.h"
#include "lib/error.h"
#include "sim/cli/evalcover.h"
#include "lib/grow.h"
#include "lib/numtext.h"
#include "lib/tabline.h"
#include "sim/plan/evaluate.h"
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

/* S's seed as text into BUF (24 bytes), "unknown" from a version 1 file. */
static const char *seed_str(const struct fr_recs *s, char *buf)
{
	if (!s->has_seed)
		return "unknown";
	snprintf(buf, 24, "%" PRIu64, s->seed);
	return buf;
}

/* Option value V into BUF (32 bytes): "none" if not given (0 or
 * unbounded), a whole number (a time in seconds) in full. */
static const char *opt_value(double v, char *buf)
{
	if (v == 0 || !isfinite(v))
		return "none";
	if (v == floor(v) && fabs(v) < 1e15)
		snprintf(buf, 32, "%.0f", v);
	else
		numtext_exact(buf, 32, v);
	return buf;
}

/* Whether option values U and V differ (NaN, not given, as NaN). */
static bool differ(double u, double v)
{
	return u != v && !(isnan(u) && isnan(v));
}

#define NAME_CUT 200 /* characters of a shard file's name in a message */
#define NAMED_LEN (NAME_CUT + 32)

/* "shard S ('FILE')" of S into BUF (NAMED_LEN), or "shard S" unnamed. */
static const char *named(const struct fr_recs *s, char *buf)
{
	if (s->name)
		snprintf(buf, NAMED_LEN, "shard %u ('%.*s')", s->shard,
			 NAME_CUT, s->name);
	else
		snprintf(buf, NAMED_LEN, "shard %u", s->shard);
	return buf;
}

/* Which of the version 4 terms A and X differ in, said into WHY (LEN), or
 * NULL. */
static const char *terms_why(const struct fr_recs *a, const struct fr_recs *x,
			     char *why, size_t len)
{
	static const char *const wins[4] = {"train-from", "train-to",
					    "eval-from", "eval-to"};
	const char *what = NULL;
	double u = 0, v = 0;
	char s1[32], s2[32], opt[24], n1[NAMED_LEN], n2[NAMED_LEN];

	for (int r = 0; !what && r < RES_COUNT; r++)
		if (differ(a->host_cap[r], x->host_cap[r])) {
			snprintf(opt, sizeof(opt), "host-%s",
				 res_name((enum res)r));
			what = opt;
			u = a->host_cap[r];
			v = x->host_cap[r];
		}
	for (int w = 0; !what && w < 4; w++)
		if (differ(a->win[w], x->win[w])) {
			what = wins[w];
			u = a->win[w];
			v = x->win[w];
		}
	if (what)
		snprintf(why, len,
			 "the shards were made with different options: --%s "
			 "%s vs %s (%s vs %s)",
			 what, opt_value(u, s1), opt_value(v, s2), named(a, n1),
			 named(x, n2));
	else if (a->train_vms != x->train_vms)
		snprintf(why, len,
			 "the shards were made with different options: a "
			 "training trace of %" PRIu64 " vs %" PRIu64
			 " VMs (TRACE; %s vs %s)",
			 a->train_vms, x->train_vms, named(a, n1),
			 named(x, n2));
	else
		return NULL;
	return why;
}

/* Which option the frontier shards A and X differ in, both values and
 * shards named, or NULL. */
static const char *options_why(const struct fr_recs *a, const struct fr_recs *x)
{
	static _Thread_local char why[2 * NAMED_LEN + 200];
	char s1[24], s2[24], n1[NAMED_LEN], n2[NAMED_LEN];

	if (x->buckets != a->buckets)
		snprintf(why, sizeof(why),
			 "the shards were made with different options: "
			 "--buckets %u vs %u (%s vs %s)",
			 a->buckets, x->buckets, named(a, n1), named(x, n2));
	else if (x->has_seed != a->has_seed || x->seed != a->seed)
		snprintf(why, sizeof(why),
			 "the shards were made with different options: "
			 "--seed %s vs %s (%s vs %s)",
			 seed_str(a, s1), seed_str(x, s2), named(a, n1),
			 named(x, n2));
	else if (x->has_cover && a->has_cover && x->eval_vms != a->eval_vms)
		snprintf(why, sizeof(why),
			 "the shards were made with different options: an "
			 "evaluation trace of %" PRIu64 " vs %" PRIu64
			 " VMs (--eval-trace; %s vs %s)",
			 a->eval_vms, x->eval_vms, named(a, n1), named(x, n2));
	else if (x->npoints != a->npoints)
		snprintf(why, sizeof(why),
			 "the shards were made with different options: %u vs "
			 "%u points (--policies x --percentiles; %s vs %s)",
			 a->npoints, x->npoints, named(a, n1), named(x, n2));
	else if (a->has_terms && x->has_terms)
		return terms_why(a, x, why, sizeof(why));
	else
		return NULL;
	return why;
}

/* The first record of point K in PARTS[0..N) other than *FIRST's (NULL:
 * any) whose policy or P differs from it, or the first at all. */
static const struct fr_rec *point_rec(const struct fr_recs *parts, size_t n,
				      unsigned k, const struct fr_rec *first,
				      size_t *in)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < parts[i].n; j++) {
			const struct fr_rec *r = &parts[i].r[j];

			if (r->point == k &&
			    (!first || r->policy != first->policy ||
			     r->p != first->p)) {
				*in = i;
				return r;
			}
		}
	return NULL;
}

/* Why point K cannot be summed (none of its records, or two of other
 * policies or levels, shards named) into WHY (LEN), or NULL. */
static const char *point_why(const struct fr_recs *parts, size_t n, unsigned k,
			     char *why, size_t len)
{
	size_t i = 0, j = 0;
	const struct fr_rec *a = point_rec(parts, n, k, NULL, &i), *b;
	char n1[NAMED_LEN], n2[NAMED_LEN];

	if (!a) {
		snprintf(why, len, "no shard holds point %u of %u", k,
			 parts[0].npoints);
		return why;
	}
	b = point_rec(parts, n, k, a, &j);
	if (!b)
		return NULL;
	snprintf(why, len,
		 "the shards were made with different options: point %u is "
		 "%s at P%g vs %s at P%g (--policies, --percentiles; %s vs "
		 "%s)",
		 k, plan_policy_name(a->policy), a->p,
		 plan_policy_name(b->policy), b->p, named(&parts[i], n1),
		 named(&parts[j], n2));
	return why;
}

/* Why the parts cannot make one frontier, or NULL. */
static const char *mismatch(const struct fr_recs *parts, size_t n)
{
	char *seen = calloc(n ? n : 1, 1);
	const char *why = seen ? NULL : "out of memory";

	if (!n)
		why = "no shard files";
	for (size_t i = 0; !why && i < n; i++) {
		if (parts[i].nshards != n)
			why = fleet_count_why(n, parts[i].nshards);
		else if (!(why = options_why(&parts[0], &parts[i])) &&
			 seen[parts[i].shard]++)
			why = "a shard is given twice";
	}
	free(seen);
	return why;
}

static double ratio(uint64_t a, uint64_t b)
{
	return b ? (double)a / (double)b : NAN;
}

void fr_rec_rates(const struct fr_rec *t, double x[4])
{
	x[0] = ratio(t->over_in, t->slots_in);
	x[1] = ratio(t->ev_over, t->ev_slots);
	x[2] = !t->ev_slots    ? NAN
	       : t->demand > 0 ? (double)t->unmet / (double)t->demand
			       : 0;
	x[3] = ratio(t->violated, t->vm_slots);
}

/* The four rates of point T, each after a comma; an undefined one (no
 * host-slot, no evaluated slot) is an empty field. */
static void rates(FILE *out, const struct fr_rec *t)
{
	double x[4];

	fr_rec_rates(t, x);
	for (int i = 0; i < 4; i++) {
		fputc(',', out);
		csvout_rate(out, x[i]);
	}
	fputc(',', out);
}

int fr_recs_point(const struct fr_recs *parts, size_t n, unsigned k,
		  struct fr_rec *t, bool *one_level)
{
	bool any = false;

	memset(t, 0, sizeof(*t));
	*one_level = true;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < parts[i].n; j++) {
			const struct fr_rec *r = &parts[i].r[j];

			if (r->point != k)
				continue;
			if (any && (r->policy != t->policy || r->p != t->p))
				return -EINVAL;
			if (!any) {
				t->policy = r->policy;
				t->p = r->p;
				t->level = r->level;
			}
			*one_level = *one_level && r->level == t->level;
			any = true;
			t->hosts += r->hosts;
			t->unplaced += r->unplaced;
			t->over_in += r->over_in;
			t->slots_in += r->slots_in;
			t->ev_slots += r->ev_slots;
			t->ev_over += r->ev_over;
			t->vm_slots += r->vm_slots;
			t->violated += r->violated;
			t->demand += r->demand;
			t->unmet += r->unmet;
			t->ev_vms += r->ev_vms;
			t->missing += r->missing;
		}
	return any ? 0 : -EINVAL;
}

/* Whether every part knows its coverage (version 3). */
static bool all_cover(const struct fr_recs *parts, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!parts[i].has_cover)
			return false;
	return true;
}

/* Point T's coverage fields after its seed: evaluated, missing, not
 * planned; empty when unknown (COVER false: a shard of an older vmux). */
static void coverage(FILE *out, const struct fr_rec *t, uint64_t eval_vms,
		     bool cover)
{
	if (cover)
		fprintf(out, ",%" PRIu64 ",%" PRIu64 ",%" PRIu64, t->ev_vms,
			t->missing, eval_vms - t->ev_vms);
	else
		fputs(",,,", out);
}

int fr_recs_csv(const struct fr_recs *parts, size_t n, FILE *out,
		const char **why, struct fr_cover *cover)
{
	bool known;

	*why = mismatch(parts, n);
	if (*why)
		return -EINVAL;
	known = all_cover(parts, n);
	fputs(FR_CSV_HEADER, out);
	for (unsigned k = 0; k < parts[0].npoints; k++) {
		struct fr_rec t;
		char lv[32];
		bool one;

		if (fr_recs_point(parts, n, k, &t, &one) < 0) {
			static _Thread_local char buf[2 * NAMED_LEN + 200];

			*why = point_why(parts, n, k, buf, sizeof(buf));
			if (!*why)
				*why = "a point differs between shards";
			return -EINVAL;
		}
		fprintf(out, "%s,%g,", plan_policy_name(t.policy), t.p);
		if (one) /* as PLAN.meta has it: it reads back exactly */
			fputs(numtext_exact(lv, sizeof(lv), t.level), out);
		fprintf(out, ",%" PRIu64 ",%" PRIu64, t.hosts, t.unplaced);
		rates(out, &t);
		if (parts[0].has_seed) /* the same in every part: mismatch() */
			fprintf(out, "%" PRIu64, parts[0].seed);
		coverage(out, &t, parts[0].eval_vms, known);
		fputc('\n', out);
		if (known && cover)
			fr_cover_add(cover, t.policy, t.p, t.ev_vms, t.missing,
				     EVALCOVER_UNKNOWN);
	}
	return 0;
}

void fr_cover_add(struct fr_cover *c, enum plan_policy policy, double p,
		  uint64_t vms, uint64_t missing, uint64_t absent)
{
	uint64_t planned = vms + missing;

	if (c->known && (double)missing * (double)c->planned !=
			    (double)c->missing * (double)planned)
		c->differ = true;
	if (c->known && (double)missing * (double)c->planned <=
			    (double)c->missing * (double)planned)
		return;
	c->known = true;
	c->planned = planned;
	c->missing = missing;
	c->absent = absent;
	c->policy = policy;
	c->p = p;
}

void fr_cover_warn(const char *cmd, const struct fr_cover *c, const char *trace,
		   bool window)
{
	char lead[64], worst[64] = "";

	if (!c->known)
		return;
	snprintf(lead, sizeof(lead), "vmux: warning: %s: ", cmd);
	if (c->differ)
		snprintf(worst, sizeof(worst),
			 " (the most of any point: %s at P%g)",
			 plan_policy_name(c->policy), c->p);
	evalcover_say(stderr, lead, c->missing, c->absent, c->planned, trace,
		      window, worst);
}

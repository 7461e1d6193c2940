/*
 * frontier_fleet.c - bucketed frontier points merged into the CSV (see
 * frontier_fleet.h). Rows are sums over buckets of integers, divided only
 * at the end, so the grouping of buckets cannot change a digit.
 */
#include "sim/cli/frontier_fleet.h"
#include "lib/csvout.h"
#include "sim/cli/evalcover.h"
#include "lib/numtext.h"
#include "sim/plan/evaluate.h"
#include "sim/plan/fleet.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

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

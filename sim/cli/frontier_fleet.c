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
#include "lib/textline.h"
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

/* Version 3's last two fields (coverage) at L into R; false if not. */
static bool parse_cover(const char *l, struct fr_rec *r)
{
	int len = 0;

	return sscanf(l, "\t%" SCNu64 "\t%" SCNu64 "%n", &r->ev_vms,
		      &r->missing, &len) == 2 &&
	       (!l[len] || l[len] == '\n');
}

/* Field F of a point line is an unsigned count (K, BUCKET, HOSTS to
 * VIOLATED, EV_VMS, MISSING). */
static bool unsigned_field(int f)
{
	return f == 1 || f == 4 || (f >= 6 && f <= 13) || f >= 16;
}

/*
 * True if no unsigned field of the point line L begins with '-': sscanf's
 * %u and %lu take "-1" as 2^32 - 1 and 2^64 - 1 (a shard of hosts -1 was
 * summed as 2^64 - 1).
 */
static bool no_minus(const char *l)
{
	int f = 0;

	for (const char *s = l; *s; f += *s++ == '\t')
		if (*s == '-' && unsigned_field(f) &&
		    (s == l || s[-1] == '\t' || s[-1] == ' '))
			return false;
	return true;
}

/* One "point" line into R (COVER: with version 3's coverage); false if
 * it is not one. */
static bool parse_point(const char *l, bool cover, struct fr_rec *r)
{
	char pol[16];
	int len = 0;

	memset(r, 0, sizeof(*r));
	if (!no_minus(l))
		return false;
	if (sscanf(l,
		   "point\t%u\t%15[a-z]\t%la\t%u\t%la\t%" SCNu64 "\t%" SCNu64
		   "\t%" SCNu64 "\t%" SCNu64 "\t%" SCNu64 "\t%" SCNu64
		   "\t%" SCNu64 "\t%" SCNu64 "\t%" SCNd64 "\t%" SCNd64 "%n",
		   &r->point, pol, &r->p, &r->bucket, &r->level, &r->hosts,
		   &r->unplaced, &r->over_in, &r->slots_in, &r->ev_slots,
		   &r->ev_over, &r->vm_slots, &r->violated, &r->demand,
		   &r->unmet, &len) != 15)
		return false;
	if (cover ? !parse_cover(l + len, r) : l[len] && l[len] != '\n')
		return false;
	return plan_policy_parse(pol, &r->policy) == 0;
}

/* Line LINE of the header into BUF. */
static int header_line(FILE *fp, const char *name, unsigned long line,
		       char **buf, size_t *cap)
{
	int rc = 0;

	if (getline(buf, cap, fp) < 0 && (rc = textline_stop(fp)) == 0)
		rc = error_data(name, line, "header", "the file ends early");
	return rc;
}

bool fr_recs_is_magic(const char *line)
{
	return !strcmp(line, FRONTIER_SHARD_MAGIC "\n") ||
	       !strcmp(line, FRONTIER_SHARD_MAGIC_V3 "\n") ||
	       !strcmp(line, FRONTIER_SHARD_MAGIC_V2 "\n") ||
	       !strcmp(line, FRONTIER_SHARD_MAGIC_V1 "\n");
}

/* "KEY\tA" (B NULL) or "KEY\tA\tB": unsigned decimals, nothing after;
 * false if not so. */
static bool uints(const char *l, const char *key, unsigned *a, unsigned *b)
{
	size_t k = strlen(key);
	int len = 0, n;

	if (strncmp(l, key, k) || strchr(l, '-'))
		return false;
	n = b ? sscanf(l + k, "\t%u\t%u%n", a, b, &len)
	      : sscanf(l + k, "\t%u%n", a, &len);
	return n == (b ? 2 : 1) && !strcmp(l + k + len, "\n");
}

/* Four hex floats after KEY on line LINE into X; false if not so. */
static bool four(const char *l, const char *key, double x[4])
{
	size_t k = strlen(key);
	int len = 0;

	return !strncmp(l, key, k) &&
	       sscanf(l + k, "\t%la\t%la\t%la\t%la%n", &x[0], &x[1], &x[2],
		      &x[3], &len) == 4 &&
	       !strcmp(l + k + len, "\n");
}

/* Version 4's caps, windows and train_vms lines (7 to 9). */
static int read_terms(FILE *fp, const char *name, struct fr_recs *s, char **buf,
		      size_t *cap)
{
	int rc, len = 0;

	if (!(rc = header_line(fp, name, 7, buf, cap)) &&
	    !four(*buf, "caps", s->host_cap))
		rc = error_data(name, 7, "caps", "expected 'caps C M D N'");
	if (!rc && !(rc = header_line(fp, name, 8, buf, cap)) &&
	    !four(*buf, "windows", s->win))
		rc = error_data(name, 8, "windows",
				"expected 'windows TF TT EF ET'");
	if (!rc && !(rc = header_line(fp, name, 9, buf, cap)) &&
	    (sscanf(*buf, "train_vms\t%" SCNu64 "%n", &s->train_vms, &len) !=
		 1 ||
	     strcmp(*buf + len, "\n") || strchr(*buf, '-')))
		rc = error_data(name, 9, "train_vms", "expected 'train_vms T'");
	return rc;
}

/* The seed line (line 5) from version 2, the eval_vms line (6) from
 * version 3, lines 7-9 from version 4. */
static int read_seed(FILE *fp, const char *name, struct fr_recs *s, char **buf,
		     size_t *cap)
{
	int rc = 0, len = 0;

	if (!s->has_seed)
		return 0;
	if (!(rc = header_line(fp, name, 5, buf, cap)) &&
	    (sscanf(*buf, "seed\t%" SCNu64 "%n", &s->seed, &len) != 1 ||
	     strcmp(*buf + len, "\n") || strchr(*buf, '-')))
		rc = error_data(name, 5, "seed", "expected 'seed X'");
	if (rc || !s->has_cover)
		return rc;
	if (!(rc = header_line(fp, name, 6, buf, cap)) &&
	    (sscanf(*buf, "eval_vms\t%" SCNu64 "%n", &s->eval_vms, &len) != 1 ||
	     strcmp(*buf + len, "\n") || strchr(*buf, '-')))
		rc = error_data(name, 6, "eval_vms", "expected 'eval_vms E'");
	return rc || !s->has_terms ? rc : read_terms(fp, name, s, buf, cap);
}

static int read_header(FILE *fp, const char *name, struct fr_recs *s,
		       char **buf, size_t *cap)
{
	int rc = header_line(fp, name, 1, buf, cap);

	if (rc == 0 && !fr_recs_is_magic(*buf))
		rc = error_data(name, 1, "magic",
				"not a frontier shard (" FRONTIER_SHARD_MAGIC
				")");
	s->has_terms = rc == 0 && !strcmp(*buf, FRONTIER_SHARD_MAGIC "\n");
	s->has_cover = s->has_terms ||
		       (rc == 0 && !strcmp(*buf, FRONTIER_SHARD_MAGIC_V3 "\n"));
	s->has_seed = s->has_cover ||
		      (rc == 0 && !strcmp(*buf, FRONTIER_SHARD_MAGIC_V2 "\n"));
	if (rc == 0 && !(rc = header_line(fp, name, 2, buf, cap)) &&
	    !uints(*buf, "shard", &s->shard, &s->nshards))
		rc = error_data(name, 2, "shard", "expected 'shard I N'");
	if (rc == 0 && !(rc = header_line(fp, name, 3, buf, cap)) &&
	    !uints(*buf, "buckets", &s->buckets, NULL))
		rc = error_data(name, 3, "buckets", "expected 'buckets B'");
	if (rc == 0 && !(rc = header_line(fp, name, 4, buf, cap)) &&
	    !uints(*buf, "points", &s->npoints, NULL))
		rc = error_data(name, 4, "points", "expected 'points K'");
	if (rc == 0 && (!s->nshards || s->shard >= s->nshards || !s->buckets ||
			s->buckets > FLEET_MAX_BUCKETS))
		rc = error_data(name, 2, "shard", "I, N or B out of range");
	return rc == 0 ? read_seed(fp, name, s, buf, cap) : rc;
}

int fr_recs_read(FILE *fp, const char *name, struct fr_recs *s)
{
	char *buf = NULL;
	size_t cap = 0;
	int rc = read_header(fp, name, s, &buf, &cap);
	unsigned long line = s->has_terms   ? 9
			     : s->has_cover ? 6
			     : s->has_seed  ? 5
					    : 4;

	s->name = name;
	while (rc == 0) {
		struct fr_rec r;

		line++;
		if (getline(&buf, &cap, fp) < 0) {
			rc = textline_stop(fp);
			if (rc == 0)
				rc = error_data(name, line, "end",
						"the file ends early");
		} else if (!strcmp(buf, "end\n")) {
			break;
		} else if (!parse_point(buf, s->has_cover, &r) ||
			   r.point >= s->npoints || r.bucket >= s->buckets ||
			   r.bucket % s->nshards != s->shard) {
			rc = error_data(name, line, "point", "malformed");
		} else {
			rc = fr_recs_add(s, &r);
		}
	}
	free(buf);
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

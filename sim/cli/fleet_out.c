/*
 * fleet_out.c - summaries and files of bucketed plans (see fleet_out.h).
 * Sums are printed from integer quanta, so they are the same bytes however
 * the buckets were grouped.
 */
#include "sim/cli/fleet_out.h"
#include "lib/csvout.h"
#include "lib/error.h"
#include "lib/numtext.h"
#include "lib/outfile.h"
#include "sim/plan/fleet_file.h"
#include "sim/plan/hostsize.h"
#include "sim/plan/pack.h"
#include "sim/plan/planterms.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

/* Q quanta: Q / 10^6 is rounded once, to the double nearest the decimal,
 * so numtext writes it in its fewest digits (Q * 1e-6 is rounded twice). */
static double unq(int64_t q)
{
	return (double)q / (1 / FLEET_QUANTUM);
}

/* ",X" for a sum: all its digits (%.6g wrote 1048581 as 1.04858e+06). */
static void put_sum(FILE *fp, int64_t q)
{
	char buf[32];

	fprintf(fp, ",%s", numtext_fewest(buf, sizeof(buf), unq(q), false));
}

void fleet_out_put_sum(FILE *fp, double sum)
{
	put_sum(fp, (int64_t)llround(sum / FLEET_QUANTUM));
}

/* NAN where undefined (hostsize_saving). */
static double saving(int64_t ind, int64_t joint)
{
	return hostsize_saving((double)ind, (double)joint);
}

/* ",X": an empty cell where undefined. */
static void put_saving(FILE *fp, int64_t ind, int64_t joint)
{
	fputc(',', fp);
	csvout_rate(fp, saving(ind, joint));
}

static double overload(const struct fleet_part *p,
		       const struct fleet_bucket_stats *t)
{
	return t->hosts && p->nslots
		   ? (double)t->over / ((double)t->hosts * (double)p->nslots)
		   : NAN; /* no host-slot: undefined */
}

static void csv(FILE *fp, const struct fleet_part *p,
		const struct fleet_bucket_stats *t)
{
	fputs("policy,vms,hosts,sum_individual,sum_joint,saving,unplaced,"
	      "percentile,overload_in,slots,buckets,shard,shards,seed,no_data",
	      fp);
	for (int r = RES_CPU + 1; r < RES_COUNT; r++)
		if (p->mask & RES_MASK(r))
			fprintf(fp, ",%s_sum_individual,%s_sum_joint,%s_saving",
				res_name((enum res)r), res_name((enum res)r),
				res_name((enum res)r));
	fprintf(fp, "," FLEET_OUT_APART_COLS "\n%s,%" PRIu64 ",%" PRIu64,
		plan_policy_name(p->policy), t->vms, t->hosts);
	put_sum(fp, t->ind[RES_CPU]);
	put_sum(fp, t->joint[RES_CPU]);
	put_saving(fp, t->ind[RES_CPU], t->joint[RES_CPU]);
	fprintf(fp, ",%" PRIu64 ",%g,", t->unplaced, p->p);
	csvout_rate(fp, overload(p, t));
	fprintf(fp, ",%zu,%u,%u,%u", p->nslots, p->buckets, p->shard,
		p->nshards);
	if (p->terms) /* none: a shard of an older vmux */
		fprintf(fp, ",%" PRIu64, p->terms->seed);
	else
		fputc(',', fp);
	fputc(',', fp);
	if (!p->nodata_unknown)
		fprintf(fp, "%" PRIu64, t->nodata);
	for (int r = RES_CPU + 1; r < RES_COUNT; r++)
		if (p->mask & RES_MASK(r)) {
			put_sum(fp, t->ind[r]);
			put_sum(fp, t->joint[r]);
			put_saving(fp, t->ind[r], t->joint[r]);
		}
	fleet_out_apart_csv(fp, !p->apart_unknown, t->apart, t->apart_over,
			    t->apart_alone, t->unapart);
	fputc('\n', fp);
}

void fleet_out_apart_csv(FILE *fp, bool known, uint64_t apart, uint64_t over,
			 uint64_t alone, uint64_t unapart)
{
	if (known)
		fprintf(fp, ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64,
			apart, over, alone, unapart);
	else
		fputs(",,,,", fp);
}

void fleet_out_overload(FILE *fp, double rate)
{
	if (isnan(rate))
		fprintf(fp, "  in-sample overload n/a (no host)");
	else
		fprintf(fp, "  in-sample overload %.2f%% of host-slots",
			100 * rate);
}

void fleet_out_virt_growth(FILE *fp, const char *virt, double growth)
{
	fprintf(fp, "; virt %s; growth %g", virt, growth);
}

void fleet_out_scaled_by(FILE *fp, bool virt, double growth)
{
	if (growth > 0)
		fprintf(fp, " [with %s%.4g%% growth]",
			virt ? "overhead and " : "", 100 * growth);
	else if (virt)
		fputs(" [with overhead]", fp);
	fputc('\n', fp);
}

/* The --virt style of terms T ("none": a shard file's terms without
 * one). */
static const char *virt_style(const struct plan_terms *t)
{
	return t->virt[0] ? t->virt : "none";
}

/* The end of resource R's sums line of a bucketed plan, from its terms
 * (fleet_out_scaled_by): nothing when they do not say whether --virt
 * scaled R (none, or a style without its factors: a shard file of an
 * older vmux). */
static void scaled_by(FILE *fp, const struct plan_terms *t, enum res r)
{
	bool none = t && !strcmp(virt_style(t), "none");

	if (t && (none || t->virt_factor[r] > 0))
		fleet_out_scaled_by(fp, !none && t->virt_factor[r] != 1,
				    t->growth);
	else
		fputc('\n', fp);
}

void fleet_out_promise(FILE *fp, enum plan_promise promise, double p)
{
	if (promise == PLAN_PROMISE_HOST)
		fprintf(fp,
			"  promise (host): a host is above the target when "
			"more than %g%% of its own slots are above capacity; "
			"at most %g%% of the hosts may be\n",
			100 - p, 100 - p);
	else
		fprintf(fp,
			"  promise (fleet): at most %g%% of all host-slots of "
			"the plan above capacity\n",
			100 - p);
}

/* The first line: policy, VMs, hosts, the level over the slots (of the
 * step the terms record: none in a shard of an older vmux), buckets. */
static void headline(FILE *fp, const struct fleet_part *p,
		     const struct fleet_bucket_stats *t)
{
	fprintf(fp,
		"%s: %" PRIu64 " VM%s on %" PRIu64 " host%s, %" PRIu64
		" unplaced; service level P%g over %zu slot%s",
		plan_policy_name(p->policy), t->vms, t->vms == 1 ? "" : "s",
		t->hosts, t->hosts == 1 ? "" : "s", t->unplaced, p->p,
		p->nslots, p->nslots == 1 ? "" : "s");
	if (p->terms && p->terms->step > 0)
		fprintf(fp, " of %g s", p->terms->step);
	fprintf(fp, "; %u bucket%s", p->buckets, p->buckets == 1 ? "" : "s");
}

/* The saving above counts the absence too: each own size is over the
 * slots its VM is present, each host's joint size takes the absent slots
 * as 0. */
void fleet_out_absent_note(FILE *fp, uint64_t n)
{
	if (!n)
		return;
	fprintf(fp,
		"  %" PRIu64 " VM%s absent from part of the window: "
		"planned at %s own size there (absent is not idle)\n",
		n, n == 1 ? "" : "s", n == 1 ? "its" : "their");
	fprintf(fp,
		"  the saving includes %s absence: a VM's own size is over the "
		"slots it is\n  present, the host joint sizes count its absent "
		"slots as no demand\n",
		n == 1 ? "its" : "their");
}

void fleet_out_nodata_list(FILE *fp, const char *const *name, size_t n)
{
	for (size_t i = 0; i < n && i < FLEET_OUT_NODATA_NAMED; i++)
		fprintf(fp, "%s'%s'", i ? ", " : " (first ", name[i]);
	fputs(n > FLEET_OUT_NODATA_NAMED ? ", ...)" : n ? ")" : "", fp);
}

void fleet_out_nodata_note(FILE *fp, uint64_t n, const char *const *name,
			   size_t nnamed)
{
	if (!n)
		return;
	fprintf(fp,
		"  %" PRIu64 " VM%s with no data in the training window: "
		"not planned",
		n, n == 1 ? "" : "s");
	if (nnamed &&
	    nnamed >= (n < FLEET_OUT_NODATA_NAMED ? n : FLEET_OUT_NODATA_NAMED))
		fleet_out_nodata_list(fp, name, (size_t)n);
	fputc('\n', fp);
}

/* The bucketed plan's note: the VMs P names (none from an older shard
 * file, which carries only their count). */
static void nodata_note(FILE *fp, const struct fleet_part *p, uint64_t n)
{
	const char *name[FLEET_NODATA_LISTED];

	for (size_t i = 0; i < p->nnodata; i++)
		name[i] = p->nodata[i].vm;
	fleet_out_nodata_note(fp, n, name, p->nodata_unnamed ? 0 : p->nnodata);
}

void fleet_out_lifted_note(FILE *fp, uint64_t n, bool table)
{
	if (n)
		fprintf(fp,
			"  %" PRIu64 " VM%s packed at %s demand raised by the "
			"trend rule; the sizes%s shown are of the demand as "
			"measured%s\n",
			n, n == 1 ? "" : "s", n == 1 ? "its" : "their",
			table ? ", overloads and host table" : " and overloads",
			table ? " (a host may show room the raised demand "
				"fills)"
			      : "");
}

void fleet_out_may_grow(FILE *fp, uint64_t n)
{
	fprintf(fp,
		"; %" PRIu64 " VM%s may grow (kept apart where two could "
		"outgrow a host)\n",
		n, n == 1 ? "" : "s");
}

/* "R LO-HI > CAP UNIT" (cpu 1.2-1.5 > 1 cores) per resource with a
 * reservation above the host. */
static void over_ranges(FILE *fp, const double *lo, const double *hi,
			const double *cap)
{
	const char *sep = "";

	for (int r = 0; r < RES_COUNT; r++) {
		if (hi[r] <= 0)
			continue;
		fprintf(fp, "%s%s %.6g", sep, res_name((enum res)r), lo[r]);
		if (hi[r] > lo[r])
			fprintf(fp, "-%.6g", hi[r]);
		fprintf(fp, " > %.6g %s", cap[r], res_unit((enum res)r));
		sep = ", ";
	}
}

void fleet_out_over_note(FILE *fp, uint64_t n, uint64_t alone, const double *lo,
			 const double *hi, const double *cap)
{
	if (!n)
		return;
	fprintf(fp,
		"  %" PRIu64 " VM%s may grow to more than the host holds on "
		"%s own (reserved: %g x own size, at most the provisioned; ",
		n, n == 1 ? "" : "s", n == 1 ? "its" : "their", PACK_APART_K);
	over_ranges(fp, lo, hi, cap);
	fprintf(fp,
		"): no other VM that may grow on the same resource can share "
		"a host with %s; ",
		n == 1 ? "it" : "one");
	if (alone)
		fprintf(fp, "%" PRIu64 " %s alone on %s host%s", alone,
			alone == 1 ? "is" : "are", alone == 1 ? "its" : "their",
			alone < n ? ", " : "\n");
	if (alone < n)
		fprintf(fp,
			"%" PRIu64 " share%s only with VMs that do not grow\n",
			n - alone, n - alone == 1 ? "s" : "");
}

void fleet_out_unapart_note(FILE *fp, uint64_t apart, uint64_t unapart,
			    uint64_t hosts)
{
	uint64_t cost = hosts - unapart;

	if (!apart || unapart >= hosts)
		return;
	fprintf(fp,
		"  keeping them apart costs %" PRIu64 " host%s: packed without "
		"the rule, the same VMs at the same level take %" PRIu64
		" host%s, not %" PRIu64 "\n",
		cost, cost == 1 ? "" : "s", unapart, unapart == 1 ? "" : "s",
		hosts);
}

/* The lines on VMs that may grow of a bucketed plan (none from a shard
 * file before them), after the in-sample overload's. */
static void apart_notes(FILE *fp, const struct fleet_part *p,
			const struct fleet_bucket_stats *t)
{
	if (p->apart_unknown) {
		fputc('\n', fp);
		return;
	}
	fleet_out_may_grow(fp, t->apart);
	if (p->terms)
		fleet_out_over_note(fp, t->apart_over, t->apart_alone,
				    p->over_lo, p->over_hi, p->terms->cap);
	fleet_out_unapart_note(fp, t->apart, t->unapart, t->hosts);
}

/* The in-sample overload's line of a bucketed plan, up to the may-grow
 * clause: what its terms record (none from a shard file of an older vmux
 * that carried none). */
static void overload_line(FILE *fp, const struct fleet_part *p,
			  const struct fleet_bucket_stats *t)
{
	fleet_out_overload(fp, overload(p, t));
	if (p->terms)
		fprintf(fp, "; seed %" PRIu64, p->terms->seed);
	if (p->terms)
		fleet_out_virt_growth(fp, virt_style(p->terms),
				      p->terms->growth);
	if (p->terms && !p->lifted_unknown)
		fprintf(fp, "; trend rule raised %" PRIu64 " VM%s", t->lifted,
			t->lifted == 1 ? "" : "s");
}

void fleet_out_summary(FILE *fp, const struct fleet_part *p,
		       const struct fleet_bucket_stats *t, bool as_csv)
{
	char sv[64];

	if (as_csv) {
		csv(fp, p, t);
		return;
	}
	headline(fp, p, t);
	if (p->nshards > 1)
		fprintf(fp, ", shard %u of %u", p->shard, p->nshards);
	fputc('\n', fp);
	for (int r = 0; r < RES_COUNT; r++) {
		if (!(p->mask & RES_MASK(r)))
			continue;
		fprintf(fp,
			"  %s: sum of own sizes %.4f %s, sum of host joint "
			"sizes %.4f %s (%s)",
			res_name((enum res)r), unq(t->ind[r]),
			res_unit((enum res)r), unq(t->joint[r]),
			res_unit((enum res)r),
			hostsize_saving_text(saving(t->ind[r], t->joint[r]), sv,
					     sizeof(sv)));
		scaled_by(fp, p->terms, (enum res)r);
	}
	if (p->terms) /* each bucket packed to the same promise */
		fleet_out_promise(fp,
				  strcmp(p->terms->promise, "host")
				      ? PLAN_PROMISE_FLEET
				      : PLAN_PROMISE_HOST,
				  p->p);
	overload_line(fp, p, t);
	apart_notes(fp, p, t);
	if (!p->lifted_unknown)
		fleet_out_absent_note(fp, t->absent);
	if (!p->nodata_unknown)
		nodata_note(fp, p, t->nodata);
	if (!p->lifted_unknown)
		fleet_out_lifted_note(fp, t->lifted, false);
}

void fleet_out_nofit(const struct fleet_part *p,
		     const struct fleet_bucket_stats *t)
{
	uint64_t more = t->unplaced > p->nnofit ? t->unplaced - p->nnofit : 0;

	for (size_t i = 0; i < p->nnofit; i++) {
		const struct fleet_nofit *f = &p->nofit[i];

		error_msg("plan: VM '%s' fits on no host: its %s size at P%g "
			  "is %.6g, the host has %g",
			  f->vm, res_name(f->res), p->p, f->size, f->cap);
	}
	if (more)
		error_msg("plan: ... and no host for %" PRIu64 " more VM%s",
			  more, more == 1 ? "" : "s");
}

bool fleet_out_none_placed(const struct fleet_bucket_stats *t)
{
	return t->hosts == 0 && t->unplaced > 0;
}

void fleet_out_say_none_placed(uint64_t unplaced, const char *why)
{
	const char *because = *why ? why : "each named above";

	if (unplaced == 1)
		error_msg("plan: the VM fits on no host (%s): there is no plan",
			  *why ? why : "named above");
	else
		error_msg("plan: none of the %" PRIu64 " VMs fits on a host "
			  "(%s): there is no plan",
			  unplaced, because);
}

/* The decimal digits at *S (at least one, at most FLEET_MAX_BUCKETS in
   value, so no overflow) into *V; *S moves past them. -EINVAL. */
static int shard_number(const char **s, unsigned *v)
{
	const char *p = *s;

	for (*v = 0; *p >= '0' && *p <= '9'; p++) {
		*v = *v * 10 + (unsigned)(*p - '0');
		if (*v > FLEET_MAX_BUCKETS)
			return -EINVAL;
	}
	if (p == *s)
		return -EINVAL;
	*s = p;
	return 0;
}

const char *fleet_out_parse_shard(const char *s, unsigned *i, unsigned *n)
{
	/* Digits only: sscanf's %u took " 0/ 2" and "+1/2". */
	if (shard_number(&s, i) < 0 || *s++ != '/' || shard_number(&s, n) < 0 ||
	    *s || *n < 1 || *i >= *n)
		return "is not I/N with 0 <= I < N";
	return NULL;
}

int fleet_out_shard(const struct fleet_part *p, const char *path)
{
	struct outfile *of;
	int rc = outfile_open(path, &of);

	if (rc < 0)
		return rc;
	rc = fleet_file_write(outfile_fp(of), p);
	if (rc < 0) {
		error_msg("cannot write '%s': %s", path, strerror(-rc));
		outfile_abort(of);
		return rc;
	}
	return outfile_commit(of);
}

int fleet_out_read(const char *path, struct fleet_part **out)
{
	FILE *fp = strcmp(path, "-") ? fopen(path, "r") : stdin;
	int rc;

	if (!fp) {
		rc = -errno;
		error_msg("cannot open '%s': %s", path, strerror(errno));
		return rc;
	}
	rc = fleet_file_read(fp, path, out);
	if (rc == -EIO)
		error_msg("cannot read '%s'", path);
	if (fp != stdin)
		fclose(fp);
	return rc;
}

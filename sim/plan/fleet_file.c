/*
 * fleet_file.c - shard files (see fleet_file.h). Read line by line with
 * getline, so every message names its line; a file cut short lacks the
 * `end` line and is refused.
 */
#include "sim/plan/fleet_file.h"
#include "lib/error.h"
#include "lib/escape.h"
#include "lib/grow.h"
#include "lib/tabline.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAGIC "vmux-plan-shard 6"
/* before the apart lines; read too */
#define MAGIC_V5 "vmux-plan-shard 5"
/* before the nodata lines; read too */
#define MAGIC_V4 "vmux-plan-shard 4"
/* before stats' nodata; read too */
#define MAGIC_V3 "vmux-plan-shard 3"
/* before stats' lifted and absent; read too */
#define MAGIC_V2 "vmux-plan-shard 2"
#define MAGIC_V1 "vmux-plan-shard 1" /* before the nofit lines; read too */

static void put_stats(FILE *fp, const struct fleet_part *p, unsigned b)
{
	const struct fleet_bucket_stats *s = &p->stats[b];

	fprintf(fp,
		"bucket\t%u\t%" PRIu64 "\t%" PRIu64 "\t%" PRIu64 "\t%" PRIu64,
		b, s->vms, s->hosts, s->unplaced, s->over);
	for (int r = 0; r < RES_COUNT; r++)
		if (p->mask & RES_MASK(r))
			fprintf(fp, "\t%" PRId64 "\t%" PRId64, s->ind[r],
				s->joint[r]);
	fprintf(fp, "\t%" PRIu64 "\t%" PRIu64 "\t%" PRIu64 "\n", s->lifted,
		s->absent, s->nodata);
}

/* The "nofit" and "nodata" lines of P. */
static void put_lists(FILE *fp, const struct fleet_part *p)
{
	for (size_t i = 0; i < p->nnofit; i++) {
		const struct fleet_nofit *f = &p->nofit[i];

		fputs("nofit\t", fp);
		escape_line_put(fp, f->vm);
		fprintf(fp, "\t%u\t%s\t%a\t%a\n", f->bucket, res_name(f->res),
			f->size, f->cap);
	}
	for (size_t i = 0; i < p->nnodata; i++) {
		fputs("nodata\t", fp);
		escape_line_put(fp, p->nodata[i].vm);
		fprintf(fp, "\t%u\n", p->nodata[i].bucket);
	}
}

/* The "apart" lines: each held bucket's VMs kept apart, then the part's
 * range of reservations above the host per resource. */
static void put_apart(FILE *fp, const struct fleet_part *p)
{
	for (unsigned b = p->shard; b < p->buckets; b += p->nshards) {
		const struct fleet_bucket_stats *s = &p->stats[b];

		if (s->apart)
			fprintf(fp,
				"apart\t%u\t%" PRIu64 "\t%" PRIu64 "\t%" PRIu64
				"\t%" PRIu64 "\n",
				b, s->apart, s->apart_over, s->apart_alone,
				s->unapart);
	}
	for (int r = 0; r < RES_COUNT; r++)
		if (p->over_hi[r] > 0)
			fprintf(fp, "apart_over\t%s\t%a\t%a\n",
				res_name((enum res)r), p->over_lo[r],
				p->over_hi[r]);
}

/* P's terms as "term KEY=VALUE" lines (escaped as names). -ENOMEM. */
static int put_terms(FILE *fp, const struct fleet_part *p)
{
	char *buf = NULL, *line, *save;
	size_t n = 0;
	FILE *m;

	if (!p->terms)
		return 0;
	m = open_memstream(&buf, &n);
	if (!m)
		return -ENOMEM;
	planterms_write(m, p->terms, NULL);
	/* glibc's fclose returns 0 even when its last realloc failed, with
	 * BUF set to NULL. */
	if (fclose(m) != 0 || !buf) {
		free(buf);
		return -ENOMEM;
	}
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		fputs("term\t", fp);
		escape_line_put(fp, line);
		fputc('\n', fp);
	}
	free(buf);
	return 0;
}

/* The header's lines from the magic to the resources. */
static void put_head(FILE *fp, const struct fleet_part *p)
{
	const char *sep = "";

	fprintf(fp,
		MAGIC "\nshard\t%u\t%u\nbuckets\t%u\npolicy\t%s\n"
		      "percentile\t%a\nslots\t%zu\nresources\t",
		p->shard, p->nshards, p->buckets, plan_policy_name(p->policy),
		p->p, p->nslots);
	for (int r = 0; r < RES_COUNT; r++)
		if (p->mask & RES_MASK(r)) {
			fprintf(fp, "%s%s", sep, res_name((enum res)r));
			sep = ",";
		}
	fputc('\n', fp);
}

/* The rows: "VM BUCKET HOST SIZE...". */
static void put_rows(FILE *fp, const struct fleet_part *p)
{
	int nres = __builtin_popcount(p->mask);

	for (size_t i = 0; i < p->nrows; i++) {
		escape_line_put(fp, p->vm[i]);
		fprintf(fp, "\t%u\t%zu", p->bucket[i], p->host[i]);
		for (int j = 0; j < nres; j++)
			fprintf(fp, "\t%a", p->size[i * nres + j]);
		fputc('\n', fp);
	}
}

int fleet_file_write(FILE *fp, const struct fleet_part *p)
{
	put_head(fp, p);
	if (put_terms(fp, p) < 0)
		return -ENOMEM;
	fprintf(fp, "rows\t%zu\n", p->nrows);
	for (unsigned b = p->shard; b < p->buckets; b += p->nshards)
		if (p->stats[b].vms || p->stats[b].unplaced ||
		    p->stats[b].nodata)
			put_stats(fp, p, b);
	put_rows(fp, p);
	put_lists(fp, p);
	put_apart(fp, p);
	fputs("end\n", fp);
	return ferror(fp) ? -EIO : 0;
}

#define MAX_FIELDS (5 + 3 + 2 * RES_COUNT)

/* The next line of R, split at its tabs (tabline.h); a bad line is named
 * by its first field. */
static int next(struct tabline *r)
{
	return tabline_next(r, "end", NULL);
}

static int bad(struct tabline *r, const char *field, const char *why)
{
	return error_data(r->name, r->line, field, "%s", why);
}

/* Line "KEY VALUE..." with NF fields in all. */
static int keyed(struct tabline *r, const char *key, int nf)
{
	int rc = next(r);

	if (rc == 0 && (strcmp(r->f[0], key) || r->nf != nf))
		rc = bad(r, key, "expected here, with its value(s)");
	return rc;
}

static int get_u64(struct tabline *r, int i, uint64_t max, uint64_t *out)
{
	return tabline_u64(r, i, max, out)
		   ? 0
		   : bad(r, r->f[0], "not an integer in range");
}

static int get_i64(struct tabline *r, int i, int64_t *out)
{
	return tabline_i64(r, i, out)
		   ? 0
		   : bad(r, r->f[0], "not an integer in range");
}

static int get_num(struct tabline *r, int i, double *out)
{
	return !tabline_num(r, i, out) || !(*out >= 0) || isinf(*out)
		   ? bad(r, r->f[0], "not a number >= 0")
		   : 0;
}

static int get_resources(struct tabline *r, unsigned *mask)
{
	char *save, *tok;
	enum res res;
	int last = -1;

	*mask = 0;
	for (tok = strtok_r(r->f[1], ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (res_parse(tok, &res) < 0 || (int)res <= last)
			return bad(r, "resources", "unknown or out of order");
		last = (int)res;
		*mask |= RES_MASK(res);
	}
	return *mask ? 0 : bad(r, "resources", "none");
}

struct header {
	uint64_t shard, nshards, buckets, slots, rows;
	enum plan_policy policy;
	double p;
	unsigned mask;
	bool old; /* before stats' lifted and absent (MAGIC_V2, MAGIC_V1) */
	bool v3;  /* before stats' nodata (MAGIC_V3) */
	bool v4;  /* before the nodata lines (MAGIC_V4 and older) */
	bool v5;  /* before the apart lines (MAGIC_V5 and older) */
	bool has_terms;
	struct plan_terms terms;
};

static int unescape(struct tabline *r, char *s);

/* "term KEY=VALUE" lines, if any, then the "rows" line. */
static int read_terms(struct tabline *r, struct header *h)
{
	int rc;

	planterms_clear(&h->terms);
	while ((rc = next(r)) == 0 && !strcmp(r->f[0], "term")) {
		if (r->nf != 2)
			return bad(r, "term", "expected KEY=VALUE");
		rc = unescape(r, r->f[1]);
		if (rc == 0)
			rc =
			    planterms_set(&h->terms, r->f[1], r->name, r->line);
		if (rc < 0)
			return rc;
		h->has_terms = true;
	}
	if (rc == 0 && (strcmp(r->f[0], "rows") || r->nf != 2))
		rc = bad(r, "rows", "expected here, with its value(s)");
	return rc;
}

static int read_header(struct tabline *r, struct header *h)
{
	int rc = next(r);

	if (rc == 0 &&
	    (r->nf != 1 ||
	     (strcmp(r->f[0], MAGIC) && strcmp(r->f[0], MAGIC_V5) &&
	      strcmp(r->f[0], MAGIC_V4) && strcmp(r->f[0], MAGIC_V3) &&
	      strcmp(r->f[0], MAGIC_V2) && strcmp(r->f[0], MAGIC_V1))))
		return bad(r, "magic", "not a vmux plan shard (" MAGIC ")");
	h->v3 = rc == 0 && !strcmp(r->f[0], MAGIC_V3);
	h->v5 = rc == 0 && strcmp(r->f[0], MAGIC);
	h->v4 = h->v5 && strcmp(r->f[0], MAGIC_V5);
	h->old = h->v4 && strcmp(r->f[0], MAGIC_V4) && !h->v3;
	if (rc == 0 && !(rc = keyed(r, "shard", 3)))
		rc = get_u64(r, 1, UINT32_MAX - 1, &h->shard) ||
			     get_u64(r, 2, UINT32_MAX, &h->nshards) ||
			     h->shard >= h->nshards
			 ? bad(r, "shard", "I N with 0 <= I < N")
			 : 0;
	if (rc == 0 && !(rc = keyed(r, "buckets", 2)))
		rc =
		    get_u64(r, 1, FLEET_MAX_BUCKETS, &h->buckets) || !h->buckets
			? bad(r, "buckets", "not in 1..2^20")
			: 0;
	if (rc == 0 && !(rc = keyed(r, "policy", 2)) &&
	    plan_policy_parse(r->f[1], &h->policy) < 0)
		rc = bad(r, "policy", "unknown policy");
	if (rc == 0 && !(rc = keyed(r, "percentile", 2)))
		rc = get_num(r, 1, &h->p);
	if (rc == 0 && !(rc = keyed(r, "slots", 2)))
		rc = get_u64(r, 1, SIZE_MAX, &h->slots);
	if (rc == 0 && !(rc = keyed(r, "resources", 2)))
		rc = get_resources(r, &h->mask);
	if (rc == 0 && !(rc = read_terms(r, h)))
		rc = get_u64(r, 1, (uint64_t)1 << 40, &h->rows);
	return rc;
}

/*
 * True if the line in R is a "bucket" line, not a row of a VM named
 * bucket: a row has 3 + resources fields, a bucket line never (6 + 2 x
 * resources and more), so a line "bucket ..." of any other count is one
 * (a damaged one is refused as a bucket line).
 */
static bool is_stats(const struct tabline *r, const struct fleet_part *p)
{
	return !strcmp(r->f[0], "bucket") &&
	       r->nf != 3 + __builtin_popcount(p->mask);
}

/* "bucket ..." lines; the first other line is left in R. */
static int read_stats(struct tabline *r, struct fleet_part *p)
{
	int nres = __builtin_popcount(p->mask), rc = 0;
	long last = -1;

	while (rc == 0 && (rc = next(r)) == 0 && is_stats(r, p)) {
		struct fleet_bucket_stats *s;
		uint64_t b;

		if (r->nf !=
		    6 + 2 * nres + 2 * !p->lifted_unknown + !p->nodata_unknown)
			return bad(r, "bucket", "wrong number of fields");
		if (get_u64(r, 1, p->buckets - 1, &b) || (long)b <= last ||
		    b % p->nshards != p->shard)
			return bad(r, "bucket",
				   "not a bucket of this shard, "
				   "in increasing order");
		last = (long)b;
		s = &p->stats[b];
		rc = get_u64(r, 2, UINT64_MAX, &s->vms) ||
			     get_u64(r, 3, UINT64_MAX, &s->hosts) ||
			     get_u64(r, 4, UINT64_MAX, &s->unplaced) ||
			     get_u64(r, 5, UINT64_MAX, &s->over)
			 ? -EBADMSG
			 : 0;
		for (int r_ = 0, j = 6; rc == 0 && r_ < RES_COUNT; r_++)
			if (p->mask & RES_MASK(r_))
				rc = get_i64(r, j++, &s->ind[r_]) ||
					     get_i64(r, j++, &s->joint[r_])
					 ? -EBADMSG
					 : 0;
		if (rc == 0 && !p->lifted_unknown &&
		    (get_u64(r, 6 + 2 * nres, UINT64_MAX, &s->lifted) ||
		     get_u64(r, 7 + 2 * nres, UINT64_MAX, &s->absent)))
			rc = -EBADMSG;
		if (rc == 0 && !p->nodata_unknown &&
		    get_u64(r, 8 + 2 * nres, UINT64_MAX, &s->nodata))
			rc = -EBADMSG;
	}
	return rc;
}

/* Undo escape_line_put() in place. */
static int unescape(struct tabline *r, char *s)
{
	return escape_line_undo(s) < 0 ? bad(r, "vm", "bad escape") : 0;
}

/* Row I from the line in R. */
static int read_row(struct tabline *r, struct fleet_part *p, size_t i)
{
	int nres = __builtin_popcount(p->mask), rc;
	uint64_t b, h;

	if (r->nf != 3 + nres)
		return bad(r, "vm", "wrong number of fields");
	if ((rc = unescape(r, r->f[0])) < 0)
		return rc;
	if (!*r->f[0])
		return bad(r, "vm", "empty name");
	if (get_u64(r, 1, p->buckets - 1, &b) || b % p->nshards != p->shard ||
	    (i && b < p->bucket[i - 1]))
		return bad(r, "bucket", "not a bucket of this shard, in order");
	if (get_u64(r, 2, UINT64_MAX, &h) || h >= p->stats[b].hosts ||
	    (i && b == p->bucket[i - 1] && h < p->host[i - 1]))
		return bad(r, "host", "not a host of its bucket, in order");
	for (int j = 0; j < nres; j++)
		if (get_num(r, 3 + j, &p->size[i * nres + j]) < 0)
			return -EBADMSG;
	p->bucket[i] = (unsigned)b;
	p->host[i] = h;
	p->vm[i] = strdup(r->f[0]);
	p->nrows = i + 1;
	return p->vm[i] ? 0 : -ENOMEM;
}

/*
 * Room in P's row arrays for row I: they grow by doubling as rows are
 * read (CAP the rows they hold), so memory follows the rows the file has,
 * not the count a damaged header claims (a 1 KiB file saying rows
 * 113726368008 must not ask for 900 GB).
 */
static int room_for(struct fleet_part *p, size_t *cap, size_t i)
{
	size_t c[4] = {*cap, *cap, *cap, *cap};

	if (grow_array((void **)&p->vm, &c[0], i + 1, sizeof(*p->vm), 64) ||
	    grow_array((void **)&p->bucket, &c[1], i + 1, sizeof(*p->bucket),
		       64) ||
	    grow_array((void **)&p->host, &c[2], i + 1, sizeof(*p->host), 64) ||
	    grow_array((void **)&p->size, &c[3], i + 1,
		       RES_COUNT * sizeof(*p->size), 64))
		return -ENOMEM;
	*cap = c[0]; /* the four grew alike */
	return 0;
}

/* A "nofit VM BUCKET RES SIZE CAP" line: a VM no host of its bucket can
 * hold, after the last one's bucket, at most FLEET_NOFIT_LISTED. */
static int read_nofit(struct tabline *r, struct fleet_part *p)
{
	uint64_t b;
	double size, cap;
	enum res res;
	int rc;

	if (r->nf != 6)
		return bad(r, "nofit", "wrong number of fields");
	if ((rc = unescape(r, r->f[1])) < 0)
		return rc;
	if (!*r->f[1] || p->nnofit == FLEET_NOFIT_LISTED)
		return bad(r, "nofit", "an empty name, or more than ten");
	if (get_u64(r, 2, p->buckets - 1, &b) || b % p->nshards != p->shard ||
	    (p->nnofit && b < p->nofit[p->nnofit - 1].bucket))
		return bad(r, "nofit", "not a bucket of this shard, in order");
	if (res_parse(r->f[3], &res) < 0 || !(p->mask & RES_MASK(res)))
		return bad(r, "nofit", "not a resource of the plan");
	if (get_num(r, 4, &size) < 0 || get_num(r, 5, &cap) < 0)
		return -EBADMSG;
	return fleet_nofit_add(p, r->f[1], (unsigned)b, res, size, cap);
}

/* A "nodata VM BUCKET" line: a VM of the shard's buckets with no data in
 * the window, after the last one's bucket, at most FLEET_NODATA_LISTED
 * and no more than the buckets count. */
static int read_nodata(struct tabline *r, struct fleet_part *p)
{
	uint64_t b;
	int rc;

	if (r->nf != 3)
		return bad(r, "nodata", "wrong number of fields");
	if ((rc = unescape(r, r->f[1])) < 0)
		return rc;
	if (!*r->f[1] || p->nnodata == FLEET_NODATA_LISTED)
		return bad(r, "nodata", "an empty name, or more than three");
	if (get_u64(r, 2, p->buckets - 1, &b) || b % p->nshards != p->shard ||
	    (p->nnodata && b < p->nodata[p->nnodata - 1].bucket) ||
	    !p->stats[b].nodata)
		return bad(r, "nodata",
			   "not a bucket of this shard with such VMs, in "
			   "order");
	return fleet_nodata_add(p, r->f[1], (unsigned)b);
}

/* An "apart B VMS OVER ALONE UNAPART" line: bucket B's VMs kept apart
 * (stats' apart...), after the last one's bucket. */
static int read_apart(struct tabline *r, struct fleet_part *p, long *last)
{
	struct fleet_bucket_stats *s;
	uint64_t b;

	if (r->nf != 6)
		return bad(r, "apart", "wrong number of fields");
	if (get_u64(r, 1, p->buckets - 1, &b) || b % p->nshards != p->shard ||
	    (long)b <= *last || !(p->stats[b].vms + p->stats[b].unplaced))
		return bad(r, "apart",
			   "not a bucket of this shard with VMs, in "
			   "increasing order");
	*last = (long)b;
	s = &p->stats[b];
	if (get_u64(r, 2, s->vms + s->unplaced, &s->apart) ||
	    get_u64(r, 3, s->apart, &s->apart_over) ||
	    get_u64(r, 4, s->apart_over, &s->apart_alone) ||
	    get_u64(r, 5, UINT64_MAX, &s->unapart))
		return -EBADMSG;
	return s->apart ? 0 : bad(r, "apart", "no VM kept apart");
}

/* An "apart_over RES LO HI" line: the part's smallest and largest
 * reservation of RES above the host. */
static int read_apart_over(struct tabline *r, struct fleet_part *p)
{
	enum res res;

	if (r->nf != 4)
		return bad(r, "apart_over", "wrong number of fields");
	if (res_parse(r->f[1], &res) < 0 || !(p->mask & RES_MASK(res)) ||
	    p->over_hi[res] > 0)
		return bad(r, "apart_over",
			   "not a resource of the plan, or given twice");
	if (get_num(r, 2, &p->over_lo[res]) < 0 ||
	    get_num(r, 3, &p->over_hi[res]) < 0)
		return -EBADMSG;
	if (!(p->over_lo[res] > 0) || p->over_hi[res] < p->over_lo[res])
		return bad(r, "apart_over", "not 0 < LO <= HI");
	return 0;
}

/* The lines after the rows: nofit, nodata (version 5 on), apart and
 * apart_over (version 6), then end. */
static int read_tail(struct tabline *r, const struct header *h,
		     struct fleet_part *p)
{
	long last = -1;
	int rc = 0;

	while (rc == 0 && !strcmp(r->f[0], "nofit") && !(rc = read_nofit(r, p)))
		rc = next(r);
	while (rc == 0 && !h->v4 && !strcmp(r->f[0], "nodata") &&
	       !(rc = read_nodata(r, p)))
		rc = next(r);
	while (rc == 0 && !h->v5 && !strcmp(r->f[0], "apart") &&
	       !(rc = read_apart(r, p, &last)))
		rc = next(r);
	while (rc == 0 && !h->v5 && !strcmp(r->f[0], "apart_over") &&
	       !(rc = read_apart_over(r, p)))
		rc = next(r);
	if (rc == 0 && (r->nf != 1 || strcmp(r->f[0], "end")))
		rc = bad(r, "end", "expected after the rows");
	return rc;
}

/* The end line met after GOT of the rows the header declared. */
static int ended_early(const struct tabline *r, const struct header *h,
		       size_t got)
{
	return error_data(r->name, r->line, "rows",
			  "the rows end after %zu; the header says %" PRIu64,
			  got, h->rows);
}

/* What P takes from the header H. -ENOMEM. */
static int from_header(struct fleet_part *p, const struct header *h)
{
	p->shard = (unsigned)h->shard;
	p->nshards = (unsigned)h->nshards;
	p->policy = h->policy;
	p->p = h->p;
	p->nslots = h->slots;
	p->mask = h->mask;
	p->lifted_unknown = h->old;
	p->nodata_unknown = h->old || h->v3;
	p->nodata_unnamed = h->v4;
	p->apart_unknown = h->v5;
	if (h->has_terms && !(p->terms = malloc(sizeof(*p->terms))))
		return -ENOMEM;
	if (h->has_terms)
		*p->terms = h->terms;
	return 0;
}

/* The N rows the header declared, the first in R; the line after them is
 * left in R. */
static int read_rows(struct tabline *r, const struct header *h,
		     struct fleet_part *p)
{
	size_t cap = 1; /* fleet_part_alloc(0, ...) holds one row */
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < h->rows; i++) {
		if (r->nf == 1 && !strcmp(r->f[0], "end"))
			rc = ended_early(r, h, i);
		if (rc == 0)
			rc = room_for(p, &cap, i);
		if (rc == 0)
			rc = read_row(r, p, i);
		if (rc == 0)
			rc = next(r);
	}
	return rc;
}

static int read_body(struct tabline *r, const struct header *h,
		     struct fleet_part **out)
{
	struct fleet_part *p;
	int rc = fleet_part_alloc(0, (unsigned)h->buckets, &p);

	if (rc < 0)
		return rc;
	rc = from_header(p, h);
	if (rc == 0)
		rc = read_stats(r, p);
	if (rc == 0)
		rc = read_rows(r, h, p);
	if (rc == 0)
		rc = read_tail(r, h, p);
	if (rc < 0) {
		fleet_part_destroy(p);
		return rc;
	}
	*out = p;
	return 0;
}

int fleet_file_read(FILE *fp, const char *name, struct fleet_part **out)
{
	struct tabline r = {.fp = fp, .name = name, .max = MAX_FIELDS};
	struct header h = {0};
	int rc = read_header(&r, &h);

	if (rc == 0)
		rc = read_body(&r, &h, out);
	tabline_free(&r);
	return rc;
}

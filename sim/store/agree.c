/*
 * agree.c - the partitioned ingest (ingest.h: ingest_runs) and what its
 * processes agree on (see agree.h). Doubles travel as the bits of a
 * non-negative double, which order as the integers do.
 */
#include "sim/store/agree.h"
#include "lib/error.h"
#include "lib/grow.h"
#include "sim/store/samples.h"
#include "sim/store/step.h"
#include "sim/store/take.h"

#include <errno.h>
#include <malloc.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int64_t bits(double x)
{
	int64_t b;

	memcpy(&b, &x, sizeof(b));
	return b;
}

static double from_bits(int64_t b)
{
	double x;

	memcpy(&x, &b, sizeof(x));
	return x;
}

static int reduce(const struct reader *in, int64_t *v, size_t n,
		  enum ingest_op op)
{
	return in->comm->reduce(in->comm->ctx, v, n, op);
}

int agree_rc(const struct reader *in, int rc)
{
	int64_t v = rc;
	int e = reduce(in, &v, 1, INGEST_MIN);

	return e ? e : (int)v;
}

int agree_start(const struct reader *in, int rc, double *start)
{
	int64_t v[2] = {rc, bits(*start)};
	int e = reduce(in, v, 2, INGEST_MIN);

	if (e)
		return e;
	*start = from_bits(v[1]);
	return (int)v[0];
}

/* A growing array of 64-bit integers. */
struct i64s {
	int64_t *v;
	size_t n, cap;
};

static int push(struct i64s *a, int64_t x)
{
	if (grow_array((void **)&a->v, &a->cap, a->n + 1, sizeof(*a->v), 256) <
	    0)
		return -ENOMEM;
	a->v[a->n++] = x;
	return 0;
}

/* N more gaps of key K into the record whose keys start at A->v[AT]. */
static int record_gap(struct i64s *a, size_t at, int64_t k, int64_t n)
{
	for (size_t i = at; i < a->n; i += 2)
		if (a->v[i] == k) {
			a->v[i + 1] += n;
			return 0;
		}
	a->v[at - 1]++;
	return push(a, k) < 0 || push(a, n) < 0 ? -ENOMEM : 0;
}

/* VM's record: its first line, its gap keys' count, then each key (in the
 * order met) and how many gaps it has; added to G too. */
static int vm_record(const struct reader *in, uint32_t vm, struct i64s *a,
		     struct step_hist *g)
{
	struct samples_iter it;
	double t, prev = NAN, t0, gap;
	unsigned long line;
	size_t n, at;
	int rc =
	    push(a, (int64_t)in->vline[vm]) < 0 || push(a, 0) < 0 ? -ENOMEM : 0;

	at = a->n;
	if (rc == 0 && samples_regular(in->smp, vm, &t0, &gap, &n)) {
		if (n > 1)
			rc = record_gap(a, at, step_key(gap), (int64_t)n - 1);
	} else if (rc == 0) {
		samples_iter(in->smp, vm, &it);
		while (rc == 0 && samples_next(&it, &t, &line)) {
			if (!isnan(prev))
				rc = record_gap(a, at, step_key(t - prev), 1);
			prev = t;
		}
	}
	for (size_t i = at; rc == 0 && i < a->n; i += 2)
		step_add_key(g, a->v[i], (size_t)a->v[i + 1]);
	return rc;
}

/*
 * Replay the records of every process (ALL, LENS bytes each) in the order
 * of their first lines into G until it holds 64 keys, as step_detect()
 * walks the VMs. Each process sent its VMs up to the one that filled its
 * own histogram: the whole walk stops there or before.
 */
static void replay(const char *all, const size_t *lens, int np,
		   struct step_hist *g)
{
	const int64_t *at[np], *end[np];

	for (int r = 0; r < np; all += lens[r++]) {
		at[r] = (const int64_t *)(const void *)all;
		end[r] = at[r] + lens[r] / sizeof(int64_t);
	}
	while (g->n < 64) {
		int best = -1;

		for (int r = 0; r < np; r++)
			if (at[r] < end[r] &&
			    (best < 0 || at[r][0] < at[best][0]))
				best = r;
		if (best < 0)
			return;
		for (int64_t i = 0; i < at[best][1]; i++)
			step_add_key(g, at[best][2 + 2 * i],
				     (size_t)at[best][3 + 2 * i]);
		at[best] += 2 + 2 * at[best][1];
	}
}

/* time_gaps() over the first times of every process's VMs. */
static int all_time_gaps(const struct reader *in, struct step_hist *g)
{
	struct i64s a = {0};
	struct samples_iter it;
	unsigned long line;
	size_t *lens = calloc((size_t)in->comm->size, sizeof(*lens)), n;
	char *all = NULL;
	double t;
	int rc = lens ? 0 : -ENOMEM;

	for (uint32_t v = 0; rc == 0 && v < in->nvms; v++) {
		samples_iter(in->smp, v, &it);
		samples_next(&it, &t, &line);
		rc = push(&a, bits(t));
	}
	rc = agree_rc(in, rc);
	if (rc == 0)
		rc = in->comm->allgather(in->comm->ctx, a.v, a.n * sizeof(*a.v),
					 &all, lens);
	n = 0;
	for (int r = 0; rc == 0 && r < in->comm->size; r++)
		n += lens[r] / sizeof(int64_t);
	if (rc == 0)
		step_time_gaps((double *)(void *)all, n, g);
	free(all);
	free(lens);
	free(a.v);
	return rc;
}

int agree_step(const struct reader *in, double *step)
{
	struct step_hist mine = {.n = 0}, g = {.n = 0};
	struct i64s a = {0};
	size_t *lens = calloc((size_t)in->comm->size, sizeof(*lens));
	char *all = NULL;
	int rc = lens ? 0 : -ENOMEM;

	for (uint32_t v = 0; rc == 0 && v < in->nvms && mine.n < 64; v++)
		rc = vm_record(in, v, &a, &mine);
	rc = agree_rc(in, rc);
	if (rc == 0)
		rc = in->comm->allgather(in->comm->ctx, a.v, a.n * sizeof(*a.v),
					 &all, lens);
	if (rc == 0)
		replay(all, lens, in->comm->size, &g);
	if (rc == 0 && g.n == 0)
		rc = all_time_gaps(in, &g);
	*step = step_best(&g);
	free(all);
	free(lens);
	free(a.v);
	return rc;
}

/* Pairs of 64-bit integers by their first. */
static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* The VM whose span takes every process's spans, in the order of their
 * first lines, past MOST: its first line, or 0 if none. */
static int64_t all_cells_vm(const struct reader *in, const struct grid *gd,
			    double most, int *rc)
{
	struct i64s a = {0};
	size_t *lens = calloc((size_t)in->comm->size, sizeof(*lens)), n = 0;
	int64_t(*p)[2], found = 0;
	double cells = 0;
	char *all = NULL;

	*rc = lens ? 0 : -ENOMEM;
	for (uint32_t v = 0; *rc == 0 && v < in->nvms; v++)
		if (push(&a, (int64_t)in->vline[v]) < 0 ||
		    push(&a, (int64_t)gd->len[v]) < 0)
			*rc = -ENOMEM;
	*rc = agree_rc(in, *rc);
	if (*rc == 0)
		*rc = in->comm->allgather(in->comm->ctx, a.v,
					  a.n * sizeof(*a.v), &all, lens);
	for (int r = 0; *rc == 0 && r < in->comm->size; r++)
		n += lens[r] / (2 * sizeof(int64_t));
	p = (int64_t(*)[2])(void *)all;
	if (*rc == 0)
		qsort(p, n, sizeof(*p), cmp_i64);
	for (size_t i = 0; *rc == 0 && i < n && !found; i++)
		if ((cells += (double)p[i][1]) > most)
			found = p[i][0];
	free(all);
	free(lens);
	free(a.v);
	return found;
}

/* check_cells() over every process's spans. */
static int all_cells(const struct reader *in, const struct grid *gd)
{
	int64_t cells = 0, vline;
	double most = reader_max_cells(in->rows);
	int rc;

	for (uint32_t v = 0; v < in->nvms; v++)
		cells += (int64_t)gd->len[v];
	rc = reduce(in, &cells, 1, INGEST_SUM);
	if (rc < 0 || (double)cells <= most)
		return rc;
	vline = all_cells_vm(in, gd, most, &rc);
	for (uint32_t v = 0; rc == 0 && v < in->nvms; v++)
		if ((int64_t)in->vline[v] == vline)
			grid_cells_error(in, gd, v);
	return rc < 0 ? rc : -EBADMSG;
}

int agree_grid(struct reader *in, struct grid *gd, size_t *nslots)
{
	int64_t t = gd->err != GRID_OK ? bits(gd->t) : INT64_MAX,
		vline = INT64_MAX, len = (int64_t)*nslots;
	int rc = reduce(in, &t, 1, INGEST_MIN);

	if (rc == 0 && t == INT64_MAX) {
		rc = reduce(in, &len, 1, INGEST_MAX);
		*nslots = (size_t)len;
		return rc < 0 ? rc : all_cells(in, gd);
	}
	if (rc == 0 && gd->err != GRID_OK && bits(gd->t) == t)
		vline = (int64_t)in->vline[gd->vm];
	if (rc == 0)
		rc = reduce(in, &vline, 1, INGEST_MIN);
	if (rc == 0 && gd->err != GRID_OK && bits(gd->t) == t &&
	    (int64_t)in->vline[gd->vm] == vline)
		grid_print_error(in, gd);
	return rc < 0 ? rc : -EBADMSG;
}

/* Where a segmented run is (struct ingest_run's seg): segment K, after
 * DONE of its lines and SKIP of its bytes. */
struct seg_at {
	const struct ingest_seg *seg;
	size_t nseg, k;
	uint64_t done, skip;
};

/* The bytes from A on that rows_parse() may take: up to CAP segments
 * whose lines are less than 2^32 past A's (rows_rec's line is 32-bit). */
static size_t seg_reach(const struct seg_at *a, size_t cap)
{
	const struct ingest_seg *g = a->seg;
	uint64_t base = g[a->k].line + a->done;
	size_t n = (size_t)(g[a->k].len - a->skip);

	for (size_t j = a->k + 1; j < a->nseg && j - a->k <= cap &&
				  g[j].line + g[j].lines - base <= UINT32_MAX;
	     j++)
		n += (size_t)g[j].len;
	return n;
}

/* O's records' lines, counted from A, as lines past A's line in the
 * file; A moved past the lines and bytes O took. */
static void seg_map(struct seg_at *a, struct rows_out *o)
{
	const struct ingest_seg *g = a->seg;
	uint64_t base = g[a->k].line + a->done, lo = 0,
		 hi = g[a->k].lines - a->done, left = o->lines,
		 bytes = o->bytes, first = base; /* segment j's line at LO */
	size_t j = a->k;

	for (size_t i = 0; i < o->n; i++) {
		while (o->rec[i].line >= hi) {
			lo = hi;
			hi += g[++j].lines;
			first = g[j].line;
		}
		o->rec[i].line =
		    (uint32_t)(first + (o->rec[i].line - lo) - base);
	}
	while (a->k < a->nseg && left >= g[a->k].lines - a->done) {
		left -= g[a->k].lines - a->done;
		bytes -= g[a->k].len - a->skip;
		a->k++;
		a->done = a->skip = 0;
	}
	a->done += left;
	a->skip += bytes;
}

/*
 * A segmented run: its rows parsed in blocks by rows_parse(), each
 * record's line mapped to the file's; at a line rows_parse() does not
 * take, the rest of that line's segment goes through take_feed().
 */
static void feed_segs(struct reader *in, struct csv_parser *p,
		      const struct ingest_run *run)
{
	struct seg_at a = {run->seg, run->nseg, 0, 0, 0};
	struct rows_out *o = &in->out;
	char *s = run->buf;

	while (!in->err && a.k < a.nseg) {
		const struct ingest_seg *g = &a.seg[a.k];
		size_t n, at = (size_t)(s - run->buf);

		if (in->fast && p->pstate == 0) {
			uint64_t base = g->line + a.done;

			rows_out_reset(o);
			rows_parse(&in->fmt, s, run->len - at,
				   seg_reach(&a, o->cap), o);
			seg_map(&a, o);
			take_rows(in, o, NULL, (unsigned long)base);
			s += o->bytes;
			if (o->bytes && !o->stopped)
				continue;
			g = &a.seg[a.k];
		}
		if (in->err || a.k == a.nseg)
			break;
		in->line = (unsigned long)(g->line + a.done);
		in->cr_ended = false;
		n = (size_t)(g->len - a.skip);
		take_feed(in, p, s, n);
		s += n;
		a.k++;
		a.done = a.skip = 0;
	}
}

static int feed_runs(struct reader *in, ingest_next_fn next, void *ctx)
{
	struct ingest_run run;
	struct csv_parser p;

	if (csv_init(&p, CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0)
		return -ENOMEM;
	while (!in->err && next(ctx, &run)) {
		if (run.seg) {
			feed_segs(in, &p, &run);
			continue;
		}
		in->line = run.line;
		in->cr_ended = false;
		take_feed(in, &p, run.buf, run.len);
	}
	if (!in->err)
		reader_fini(in, &p);
	csv_free(&p);
	return in->err;
}

/*
 * After the parse: the first parse error in file order, said by the
 * process that holds it (the header's, which all hold, by process 0); the
 * rows of all into in->rows; none is an error (at the line after the
 * last, NL + 1).
 */
static int all_parsed(struct reader *in, int rc, unsigned long nl)
{
	bool held = rc == -EBADMSG && in->err_msg;
	int64_t v[2] = {held ? (int64_t)in->err_line : INT64_MAX, rc},
		rows = (int64_t)in->rows;
	int e = reduce(in, v, 2, INGEST_MIN);

	if (e)
		return e;
	if (v[0] != INT64_MAX) {
		if (held && (int64_t)in->err_line == v[0] &&
		    (v[0] != 1 || in->comm->rank == 0))
			error_data(in->path, in->err_line, in->err_field, "%s",
				   in->err_msg);
		return -EBADMSG;
	}
	if (v[1] < 0)
		return (int)v[1];
	e = reduce(in, &rows, 1, INGEST_SUM);
	if (e)
		return e;
	in->rows = (size_t)rows;
	if (rows == 0 && in->comm->rank == 0)
		error_data(in->path, nl + 1, "time",
			   "no data rows after the header");
	return rows ? 0 : -EBADMSG;
}

/* RC agreed, and the repair counts summed (the uncovered slots are
 * counted after the coverage was agreed: the same on every process). */
static int all_stats(const struct reader *in, int rc, struct ingest_stats *st)
{
	int64_t v[4] = {(int64_t)st->filled, (int64_t)st->absent,
			(int64_t)st->gap_slots, (int64_t)st->gaps};

	rc = agree_rc(in, rc);
	if (rc == 0)
		rc = reduce(in, v, 4, INGEST_SUM);
	st->rows = in->rows;
	st->filled = (size_t)v[0];
	st->absent = (size_t)v[1];
	st->gap_slots = (size_t)v[2];
	st->gaps = (size_t)v[3];
	return rc;
}

/* Slots covered by any process's VMs: the most of each slot's marks, in
 * blocks of COVER_BLOCK slots (a bounded buffer for any grid). */
#define COVER_BLOCK 65536
static int agree_covered(const struct reader *in, uint8_t *cov, size_t n)
{
	int64_t *v = malloc(COVER_BLOCK * sizeof(*v));
	int rc = v ? 0 : -ENOMEM;

	rc = agree_rc(in, rc);
	for (size_t a = 0; rc == 0 && a < n; a += COVER_BLOCK) {
		size_t k = n - a < COVER_BLOCK ? n - a : COVER_BLOCK;

		for (size_t i = 0; i < k; i++)
			v[i] = cov[a + i];
		rc = reduce(in, v, k, INGEST_MAX);
		for (size_t i = 0; rc == 0 && i < k; i++)
			cov[a + i] = (uint8_t)(v[i] != 0);
	}
	free(v);
	return rc;
}

/* The grid's agreements (grid.h), for grid_build(). */
static const struct grid_agree agree_ops = {.rc = agree_rc,
					    .start = agree_start,
					    .step = agree_step,
					    .grid = agree_grid,
					    .covered = agree_covered};

int ingest_runs(const char *path, ingest_next_fn next, void *ctx,
		unsigned long nl, const struct ingest_comm *c,
		const struct ingest_opts *opts, struct trace **out,
		struct ingest_stats *stats)
{
	struct reader in;
	struct ingest_stats st = {0};
	struct trace *t = NULL;
	struct stat sb;
	int rc = reader_init(&in, path, c);

	in.rereadable = strcmp(path, "-") && stat(path, &sb) == 0 &&
			S_ISREG(sb.st_mode); /* not a pipe: input_find_line() */
	if (rc == 0)
		rc = feed_runs(&in, next, ctx);
	if (c->phase)
		c->phase(c->ctx, "parse");
	rc = all_parsed(&in, rc, nl);
	if (rc == 0)
		rc = grid_build(&in, opts, &agree_ops, &t, &st);
	rc = all_stats(&in, rc, &st);
	if (c->phase)
		c->phase(c->ctx, "build");
	if (rc == -EBADMSG) /* by the process that found it (all_*()) */
		error_set_reported();
	if (rc == 0 && c->rank == 0)
		grid_warn_repairs(path, opts, &st);
	if (stats)
		*stats = st;
	reader_free(&in);
	malloc_trim(0);
	if (rc < 0)
		trace_destroy(t);
	else
		*out = t;
	return rc;
}

/*
 * take.c - parsed records into the reader's samples (see take.h).
 *
 * The records' VMs are interned first, each name once, in the order the
 * records first name them. Records that only append to their VMs' arrays
 * (time-sorted input: each the next slot of its VM) are then stored VM by
 * VM, which writes each VM's memory once instead of once a row; others in
 * file order, each VM's buffers fetched a few rows ahead. A text of many
 * VMs, each named once (a large fleet in time order), is checked and
 * stored by the threads of in->pool at once, each VM by one of them.
 */
#include "sim/store/take.h"
#include "lib/grow.h"
#include "lib/textline.h"
#include "sim/store/samples.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Room in in->ids and in->order for N records, in in->map for M names. */
static bool room(struct reader *in, size_t n, size_t m)
{
	uint32_t *p;
	double *t;

	if (n > in->ids_cap) {
		p = realloc(in->ids, n * sizeof(*p));
		if (p)
			in->ids = p;
		p = p ? realloc(in->order, n * sizeof(*p)) : NULL;
		if (p)
			in->order = p;
		t = p ? realloc(in->times, n * sizeof(*t)) : NULL;
		if (!t)
			return false;
		in->times = t;
		in->ids_cap = n;
	}
	if (m > in->map_cap) {
		p = realloc(in->map, m * sizeof(*p));
		if (!p)
			return false;
		in->map = p;
		in->map_cap = m;
	}
	return true;
}

/*
 * The VMs of O's names into in->map: each name O found interned once,
 * in the order the records first name them (so each VM is added with the
 * line of its first row, BASE on). Stops at the first record of a VM that
 * cannot be added; how many records have their VM.
 */
static size_t intern_rows(struct reader *in, const struct rows_out *o,
			  unsigned long base)
{
	size_t n = o->n;

	if (!room(in, o->n, o->nnames))
		return 0;
	for (size_t k = 0; k < o->nnames; k++) {
		const struct rows_name *nm = &o->names[k];

		in->line = base + o->rec[nm->rec].line;
		if (in->nvms == UINT32_MAX - 1 ||
		    reader_intern(in, nm->s, nm->len, o->rec[nm->rec].time) <
			0) {
			n = nm->rec;
			break;
		}
		in->map[k] = in->vm;
	}
	return n;
}

/* The VMs of O's first N records into in->ids. */
static void ids_of(struct reader *in, const struct rows_out *o, size_t n)
{
	for (size_t i = 0; i < n; i++)
		in->ids[i] = in->map[o->rec[i].vm];
}

/* Record I of O, of VM VM, as the current row, and stored. */
static void put_rec(struct reader *in, const struct rows_out *o, size_t i,
		    uint32_t vm, unsigned long base)
{
	const struct rows_format *f = &in->fmt;
	const struct rows_num *v = o->val + i * (size_t)f->nvals;

	in->line = base + o->rec[i].line;
	in->time = o->rec[i].time;
	in->vm = vm;
	for (int c = 0; c < f->ncols; c++)
		if (f->kind[c] == ROWS_VALUE)
			in->val[f->res[c]] = *v++;
	if (reader_store_row(in) < 0 && !in->err)
		in->err = -ENOMEM;
}

/* The resources of the value columns, in order, into RES: how many. */
static int value_res(const struct reader *in, enum res *res)
{
	const struct rows_format *f = &in->fmt;
	int nv = 0;

	for (int c = 0; c < f->ncols; c++)
		if (f->kind[c] == ROWS_VALUE)
			res[nv++] = f->res[c];
	return nv;
}

/* The M records IDX[0..M) of O, all of VM and in file order, appended
 * (the caller checked that they may be). */
static void append_run(struct reader *in, const struct rows_out *o, uint32_t vm,
		       const uint32_t *idx, size_t m, const enum res *res,
		       int nv, unsigned long base)
{
	if (samples_count(in->smp, vm) < 2) { /* as in file order */
		for (size_t k = 0; k < m && !in->err; k++)
			put_rec(in, o, idx[k], vm, base);
		return;
	}
	if (samples_append(in->smp, vm, m, idx, o->val, nv, res) < 0) {
		in->err = -ENOMEM;
		return;
	}
	in->rows += m;
}

/* The first N records of O in in->order (may_group() said they can be):
 * each VM's appended at once. */
static void append_rows(struct reader *in, const struct rows_out *o, size_t n,
			unsigned long base)
{
	enum res res[ROWS_MAX_COLS];
	int nv = value_res(in, res);

	for (size_t j = 0, m; j < n && !in->err; j += m) {
		uint32_t vm = in->ids[in->order[j]];

		if (j + 8 < n)
			samples_prefetch(in->smp, in->ids[in->order[j + 8]], 1);
		for (m = 1; j + m < n && in->ids[in->order[j + m]] == vm; m++)
			;
		append_run(in, o, vm, in->order + j, m, res, nv, base);
	}
}

/* Whether in->map[0..NN) are NN different VMs. */
static bool distinct(struct reader *in, size_t nn)
{
	if (grow_array((void **)&in->stamp, &in->stamp_cap, in->nvms,
		       sizeof(*in->stamp), 1024) < 0)
		return false;
	if (in->stamped < in->nvms) /* new VMs: never stamped */
		memset(in->stamp + in->stamped, 0,
		       (in->nvms - in->stamped) * sizeof(*in->stamp));
	in->stamped = in->nvms;
	if (++in->stamp_gen == 0) { /* wrapped: no stamp may look current */
		memset(in->stamp, 0, in->nvms * sizeof(*in->stamp));
		in->stamp_gen = 1;
	}
	for (size_t k = 0; k < nn; k++) {
		if (in->stamp[in->map[k]] == in->stamp_gen)
			return false;
		in->stamp[in->map[k]] = in->stamp_gen;
	}
	return true;
}

/*
 * A text's names shared by the pool's threads (SPLIT_MIN names or more:
 * fewer are not worth waking threads), in at most SPLIT_TASKS chunks of
 * SPLIT_CHUNK names or more, each a task of in->pool: each name is a VM
 * of its own (distinct()), so each VM is looked at and written by one
 * thread. No task adds a VM; each writes its own findings.
 */
#define SPLIT_MIN 4096
#define SPLIT_CHUNK 1024
#define SPLIT_TASKS 64
#define FIT_AHEAD 16   /* names: bookkeeping fetched this far ahead */
#define APPEND_AHEAD 8 /* names: the cells to write */

struct split {
	struct reader *in;
	const struct rows_out *o;
	const struct groups *g;
	enum res res[ROWS_MAX_COLS];
	int nv;
	size_t chunk, ntasks;
	/* each task's: fit_task()'s findings, append_task()'s slots added
	 * and the names it left to the caller (their VMs had fewer than two
	 * samples), in skip[k0 ..) of its names [k0, k1) */
	bool fit[SPLIT_TASKS];
	double cells[SPLIT_TASKS];
	size_t nskip[SPLIT_TASKS];
	uint32_t *skip;
};

/* Whether names [K0, K1) of O fit as groups_fit() asks. */
static bool fit_names(struct reader *in, const struct groups *g, size_t k0,
		      size_t k1)
{
	for (size_t k = k0; k < k1; k++) {
		const struct groups_run *r = &g->run[k];
		uint32_t vm = in->map[k];

		if (k + FIT_AHEAD < k1)
			samples_prefetch(in->smp, in->map[k + FIT_AHEAD], 0);
		if (!r->regular ||
		    !samples_run_even(in->smp, vm, r->t0, r->g,
				      g->start[k + 1] - g->start[k]))
			return false;
	}
	return true;
}

/* Task I's names: [*K0, *K1). */
static void task_names(const struct split *sp, size_t i, size_t *k0, size_t *k1)
{
	size_t nn = sp->o->nnames;

	*k0 = i * sp->chunk;
	*k1 = nn - *k0 < sp->chunk ? nn : *k0 + sp->chunk;
}

static int fit_task(void *arg, size_t i)
{
	struct split *sp = arg;
	size_t k0, k1;

	task_names(sp, i, &k0, &k1);
	sp->fit[i] = fit_names(sp->in, sp->g, k0, k1);
	return 0;
}

/*
 * Whether O's records can be stored name by name (G: grouped where they
 * were parsed) with the same outcome as in file order, as may_group()
 * asks: each name a VM of its own, each name's records its VM's next
 * slots, the slots they add within the budget for the rows read so far.
 * Each name is looked at once, however many records it has; the names
 * are shared by the pool's threads if SP.
 */
static bool groups_fit(struct reader *in, const struct rows_out *o,
		       const struct groups *g, struct split *sp)
{
	size_t nn = o->nnames;
	bool fit = true;

	if (!g || !g->valid ||
	    samples_cells(in->smp) + (double)o->n >
		reader_max_cells(in->rows + 1) ||
	    !distinct(in, nn))
		return false;
	if (!sp)
		return fit_names(in, g, 0, nn);
	sp->chunk = (nn + SPLIT_TASKS - 1) / SPLIT_TASKS;
	sp->chunk = sp->chunk < SPLIT_CHUNK ? SPLIT_CHUNK : sp->chunk;
	sp->ntasks = (nn + sp->chunk - 1) / sp->chunk;
	pool_run(in->pool, sp->ntasks, fit_task, sp);
	for (size_t i = 0; i < sp->ntasks; i++)
		fit = fit && sp->fit[i];
	return fit;
}

/* O's records name by name (groups_fit() said they can be). */
static void append_groups(struct reader *in, const struct rows_out *o,
			  const struct groups *g, unsigned long base)
{
	enum res res[ROWS_MAX_COLS];
	int nv = value_res(in, res);
	size_t nn = o->nnames;

	for (size_t k = 0; k < nn && !in->err; k++) {
		if (k + 8 < nn)
			samples_prefetch(in->smp, in->map[k + 8], 1);
		append_run(in, o, in->map[k], g->order + g->start[k],
			   g->start[k + 1] - g->start[k], res, nv, base);
	}
}

/*
 * Task I's names appended, but for those whose VM has fewer than two
 * samples (its first samples set its start and step: append_run() takes
 * them one by one): those are left in sp->skip for the caller.
 */
static int append_task(void *arg, size_t i)
{
	struct split *sp = arg;
	const struct groups *g = sp->g;
	struct reader *in = sp->in;
	size_t k0, k1;
	int rc = 0;

	task_names(sp, i, &k0, &k1);
	sp->cells[i] = 0;
	sp->nskip[i] = 0;
	for (size_t k = k0; k < k1 && !rc; k++) {
		if (k + APPEND_AHEAD < k1)
			samples_prefetch(in->smp, in->map[k + APPEND_AHEAD], 1);
		if (samples_count(in->smp, in->map[k]) < 2) {
			sp->skip[k0 + sp->nskip[i]++] = (uint32_t)k;
			continue;
		}
		rc = samples_append_apart(in->smp, in->map[k],
					  g->start[k + 1] - g->start[k],
					  g->order + g->start[k], sp->o->val,
					  sp->nv, sp->res, &sp->cells[i]);
	}
	return rc;
}

/*
 * The names the tasks left (new VMs), one by one in name order, after the
 * rows of the others are counted: no VM's outcome depends on another's,
 * and each record adds one slot within the budget groups_fit() checked.
 */
static void append_skipped(struct reader *in, struct split *sp,
			   unsigned long base)
{
	const struct groups *g = sp->g;
	size_t left = 0, k0, k1;

	for (size_t i = 0; i < sp->ntasks; i++) {
		task_names(sp, i, &k0, &k1);
		for (size_t j = 0; j < sp->nskip[i]; j++) {
			size_t k = sp->skip[k0 + j];

			left += g->start[k + 1] - g->start[k];
		}
	}
	in->rows += sp->o->n - left;
	for (size_t i = 0; i < sp->ntasks && !in->err; i++) {
		task_names(sp, i, &k0, &k1);
		for (size_t j = 0; j < sp->nskip[i] && !in->err; j++) {
			size_t k = sp->skip[k0 + j];

			append_run(in, sp->o, in->map[k],
				   g->order + g->start[k],
				   g->start[k + 1] - g->start[k], sp->res,
				   sp->nv, base);
		}
	}
}

/*
 * append_groups() by the pool's threads: the same store, since no VM's
 * outcome depends on another's. Out of memory for the list of new VMs,
 * append_groups() itself.
 */
static void append_split(struct reader *in, struct split *sp,
			 unsigned long base)
{
	double cells = 0;

	sp->skip = malloc(sp->o->nnames * sizeof(*sp->skip));
	if (!sp->skip) {
		append_groups(in, sp->o, sp->g, base);
		return;
	}
	sp->nv = value_res(in, sp->res);
	if (pool_run(in->pool, sp->ntasks, append_task, sp) < 0) {
		if (!in->err)
			in->err = -ENOMEM;
		free(sp->skip);
		return;
	}
	for (size_t i = 0; i < sp->ntasks; i++)
		cells += sp->cells[i];
	samples_add_cells(in->smp, cells);
	append_skipped(in, sp, base);
	free(sp->skip);
}

/*
 * The first N records of O grouped by VM, each VM's in file order, into
 * in->order: a counting sort over the VMs' range. False if the range is
 * too wide for it (rows in no order), or out of memory.
 */
static bool group(struct reader *in, size_t n)
{
	uint32_t lo = UINT32_MAX, hi = 0, *cnt;

	for (size_t i = 0; i < n; i++) {
		lo = in->ids[i] < lo ? in->ids[i] : lo;
		hi = in->ids[i] > hi ? in->ids[i] : hi;
	}
	if (n < 2 || (size_t)(hi - lo) >= 4 * n)
		return false;
	cnt = calloc((size_t)(hi - lo) + 2, sizeof(*cnt));
	if (!cnt)
		return false;
	for (size_t i = 0; i < n; i++)
		cnt[in->ids[i] - lo + 1]++;
	for (uint32_t v = 1; v <= hi - lo; v++)
		cnt[v] += cnt[v - 1];
	for (size_t i = 0; i < n; i++)
		in->order[cnt[in->ids[i] - lo]++] = (uint32_t)i;
	free(cnt);
	return true;
}

/*
 * Whether the first N records of O can be stored grouped by VM with the
 * same outcome as in file order: each is its VM's next slot (so that no
 * duplicate, odd sample or budget check can depend on the order), and
 * the slots they add stay within the budget for the rows read so far.
 */
static bool may_group(struct reader *in, const struct rows_out *o, size_t n)
{
	if (samples_cells(in->smp) + (double)n >
		reader_max_cells(in->rows + 1) ||
	    !group(in, n))
		return false;
	for (size_t j = 0, m; j < n; j += m) {
		uint32_t vm = in->ids[in->order[j]];

		if (j + 16 < n) /* with many VMs, each row is one VM's run */
			samples_prefetch(in->smp, in->ids[in->order[j + 16]],
					 0);
		for (m = 0; j + m < n && in->ids[in->order[j + m]] == vm; m++)
			in->times[m] = o->rec[in->order[j + m]].time;
		if (!samples_run_simple(in->smp, vm, in->times, m))
			return false;
	}
	return true;
}

/* By name when groups_fit() allows, else grouped by VM when may_group()
 * does, else in file order. */
void take_rows(struct reader *in, const struct rows_out *o,
	       const struct groups *g, unsigned long base)
{
	size_t n = intern_rows(in, o, base);
	struct split sp = {.in = in, .o = o, .g = g}, *split = NULL;

	if (in->pool && o->nnames >= SPLIT_MIN)
		split = &sp;
	if (n == o->n && groups_fit(in, o, g, split)) {
		if (split)
			append_split(in, split, base);
		else
			append_groups(in, o, g, base);
	} else if (ids_of(in, o, n), may_group(in, o, n)) {
		append_rows(in, o, n, base);
	} else {
		for (size_t i = 0; i < n && !in->err; i++) {
			if (i + 16 < n)
				samples_prefetch(in->smp, in->ids[i + 16], 0);
			if (i + 8 < n)
				samples_prefetch(in->smp, in->ids[i + 8], 1);
			put_rec(in, o, i, in->ids[i], base);
		}
	}
	if (!in->err && n < o->n) { /* the VM that could not be added */
		const struct rows_name *nm = &o->names[o->rec[n].vm];

		in->line = base + o->rec[n].line;
		if (reader_intern(in, nm->s, nm->len, NAN) == 0 || !in->err)
			in->err = -ENOMEM;
	}
	if (!in->err)
		in->line = base + o->lines;
	in->time_len = 0; /* in->time is no longer the text's kept */
}

size_t take_text(struct reader *in, char *buf, size_t n)
{
	struct rows_out *o = &in->out;
	size_t len = 0;

	do {
		rows_out_reset(o);
		rows_parse(&in->fmt, buf + len, n - len, n - len, o);
		groups_build(&in->grp, o);
		take_rows(in, o, &in->grp, in->line);
		len += o->bytes;
	} while (!in->err && !o->stopped && o->n == o->cap);
	return len;
}

int take_feed(struct reader *in, struct csv_parser *p, char *buf, size_t n)
{
	while (n && !in->err) {
		/* the '\n' of a CRLF split across blocks: counted at its '\r'
		 */
		bool crlf_tail = textline_crlf_tail(in->cr_ended, buf, n);
		size_t len = 0;

		if (p->pstate == 0 && !crlf_tail && in->fast)
			len = take_text(in, buf, n);
		if (len || in->err) {
			in->cr_ended = false;
		} else {
			len = reader_line(in, p, buf, n, crlf_tail);
			if (!len)
				break;
			in->cr_ended = buf[len - 1] == '\r';
		}
		buf += len;
		n -= len;
	}
	return in->err;
}

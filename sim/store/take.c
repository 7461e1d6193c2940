/*
 * take.c - parsed records into the reader's samples (see take.h).
 *
 * The records' VMs are interned first, each name once, in the order the
 * records first name them. Records that only append to their VMs' arrays
 * (time-sorted input: each the next slot of its VM) are then stored VM by
 * VM, which writes each VM's memory once instead of once a row; others in
 * file order, each VM's buffers fetched a few rows ahead.
 */
#include "sim/store/take.h"
#include "sim/store/samples.h"

#include <errno.h>
#include <stdlib.h>

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
 * The VMs of O's records into in->ids: each name O found interned once,
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
		    reader_intern(in, nm->s, nm->len) < 0) {
			n = nm->rec;
			break;
		}
		in->map[k] = in->vm;
	}
	for (size_t i = 0; i < n; i++)
		in->ids[i] = in->map[o->rec[i].vm];
	return n;
}

/* Record I of O as the current row, and stored. */
static void put_rec(struct reader *in, const struct rows_out *o, size_t i,
		    unsigned long base)
{
	const struct rows_format *f = &in->fmt;
	const struct rows_num *v = o->val + i * (size_t)f->nvals;

	in->line = base + o->rec[i].line;
	in->time = o->rec[i].time;
	in->vm = in->ids[i];
	for (int c = 0; c < f->ncols; c++)
		if (f->kind[c] == ROWS_VALUE)
			in->val[f->res[c]] = *v++;
	if (reader_store_row(in) < 0 && !in->err)
		in->err = -ENOMEM;
}

/* The first N records of O in in->order (may_group() said they can be):
 * each VM's appended at once. */
static void append_rows(struct reader *in, const struct rows_out *o, size_t n,
			unsigned long base)
{
	const struct rows_format *f = &in->fmt;
	enum res res[ROWS_MAX_COLS];
	int nv = 0;

	for (int c = 0; c < f->ncols; c++)
		if (f->kind[c] == ROWS_VALUE)
			res[nv++] = f->res[c];
	for (size_t j = 0, m; j < n && !in->err; j += m) {
		uint32_t vm = in->ids[in->order[j]];

		if (j + 8 < n)
			samples_prefetch(in->smp, in->ids[in->order[j + 8]], 1);
		for (m = 1; j + m < n && in->ids[in->order[j + m]] == vm; m++)
			;
		if (samples_count(in->smp, vm) < 2) { /* as in file order */
			for (size_t k = 0; k < m && !in->err; k++)
				put_rec(in, o, in->order[j + k], base);
			continue;
		}
		if (samples_append(in->smp, vm, m, in->order + j, o->val, nv,
				   res) < 0) {
			in->err = -ENOMEM;
			return;
		}
		in->rows += m;
	}
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

/* Grouped by VM when may_group() allows, else in file order. */
void take_rows(struct reader *in, const struct rows_out *o, unsigned long base)
{
	size_t n = intern_rows(in, o, base);

	if (may_group(in, o, n)) {
		append_rows(in, o, n, base);
	} else {
		for (size_t i = 0; i < n && !in->err; i++) {
			if (i + 16 < n)
				samples_prefetch(in->smp, in->ids[i + 16], 0);
			if (i + 8 < n)
				samples_prefetch(in->smp, in->ids[i + 8], 1);
			put_rec(in, o, i, base);
		}
	}
	if (!in->err && n < o->n) { /* the VM that could not be added */
		const struct rows_name *nm = &o->names[o->rec[n].vm];

		in->line = base + o->rec[n].line;
		if (reader_intern(in, nm->s, nm->len) == 0 || !in->err)
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
		take_rows(in, o, in->line);
		len += o->bytes;
	} while (!in->err && !o->stopped && o->n == o->cap);
	return len;
}

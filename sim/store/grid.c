/*
 * grid.c - the slot grid checked and the store built (see grid.h).
 */
#include "sim/store/grid.h"
#include "lib/error.h"
#include "lib/grow.h"
#include "sim/store/fbuf.h"
#include "sim/store/input.h"
#include "sim/store/samples.h"
#include "sim/store/step.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The grid may have at most MAX_SLOTS slots. */
#define MAX_SLOTS (1ull << 32)

static void note_error(struct grid *gd, int err, double t, double other,
		       uint32_t vm, unsigned long line)
{
	if (gd->err != GRID_OK && !(t < gd->t))
		return;
	gd->err = err;
	gd->t = t;
	gd->other = other;
	gd->vm = vm;
	gd->line = line;
}

/* Regular VMs whose times are whole multiples of the step: O(1). */
static bool check_regular(const struct reader *in, struct grid *gd, uint32_t vm)
{
	double t0, g, q, m, last;
	size_t n;

	if (!samples_regular(in->smp, vm, &t0, &g, &n) || gd->step < 1 ||
	    gd->step != floor(gd->step) || gd->start != floor(gd->start) ||
	    fmod(t0 - gd->start, gd->step) != 0 || fmod(g, gd->step) != 0 ||
	    (n > 1 && g == 0))
		return false;
	q = (t0 - gd->start) / gd->step;
	m = g / gd->step;
	last = q + (double)(n - 1) * m;
	if (last >= gd->max_slots) { /* the first time that far */
		double i =
		    q >= gd->max_slots ? 0 : ceil((gd->max_slots - q) / m);

		note_error(gd, GRID_TOO_FAR, t0 + i * g, 0, vm, 0);
	}
	gd->first[vm] = (size_t)q;
	gd->len[vm] = (size_t)(last - q) + 1;
	return true;
}

/* VM's times on the grid: each on it, not too far, one per slot. */
static void check_vm(const struct reader *in, struct grid *gd, uint32_t vm)
{
	struct samples_iter it;
	double t, prev = NAN, k, prev_k = -1, q;
	unsigned long line, prev_line = 0;

	if (check_regular(in, gd, vm))
		return;
	samples_iter(in->smp, vm, &it);
	while (samples_next(&it, &t, &line)) {
		q = (t - gd->start) / gd->step;
		k = nearbyint(q);
		if (fabs(q - k) > 1e-6)
			return note_error(gd, GRID_OFF, t, 0, vm, line);
		if (k >= gd->max_slots)
			return note_error(gd, GRID_TOO_FAR, t, 0, vm, line);
		if (t == prev)
			return note_error(gd, GRID_DUP, t, 0, vm,
					  line > prev_line ? line : prev_line);
		if (k == prev_k)
			return note_error(gd, GRID_TWO_ON_ONE, t, prev, vm,
					  line);
		if (isnan(prev))
			gd->first[vm] = (size_t)k;
		gd->len[vm] = (size_t)k - gd->first[vm] + 1;
		prev = t;
		prev_k = k;
		prev_line = line;
	}
}

int grid_print_error(const struct reader *in, const struct grid *gd)
{
	unsigned long line =
	    gd->err == GRID_DUP ? gd->line : input_find_line(in, gd->t);
	const char *vm = in->names[gd->vm];
	char msg[32];

	if (!line)
		line = gd->line ? gd->line : in->vline[gd->vm];
	snprintf(msg, sizeof(msg), "%.17g", gd->t);
	if (gd->err == GRID_OFF)
		return error_data(in->path, line, "time",
				  "%s is not on the slot grid (start %.17g s, "
				  "step %.17g s)",
				  msg, gd->start, gd->step);
	if (gd->err == GRID_TOO_FAR)
		return error_data(in->path, line, "time",
				  "%s is too far from the start %.17g s for a "
				  "grid of step %.17g s (more than %.0f slots "
				  "for %zu row%s)",
				  msg, gd->start, gd->step, gd->max_slots,
				  in->rows, in->rows == 1 ? "" : "s");
	if (gd->err == GRID_DUP)
		return error_data(in->path, line, "time",
				  "duplicate sample for VM '%s' at time %s", vm,
				  msg);
	return error_data(in->path, line, "time",
			  "VM '%s' has two samples on one slot (at %.17g s "
			  "and %.17g s)",
			  vm, gd->other, gd->t);
}

int grid_cells_error(const struct reader *in, const struct grid *gd, uint32_t v)
{
	double most = reader_max_cells(in->rows), last = 0;
	unsigned long line;
	struct samples_iter it;

	samples_iter(in->smp, v, &it);
	while (samples_next(&it, &last, &line))
		;
	line = input_find_line(in, last);
	return error_data(in->path, line ? line : in->vline[v], "time",
			  "VM '%s' spans %zu slots of %.17g s: with the VMs "
			  "before it, more than the %.0f slots allowed for "
			  "%zu row%s",
			  in->names[v], gd->len[v], gd->step, most, in->rows,
			  in->rows == 1 ? "" : "s");
}

/* The VMs' spans in all: at most reader_max_cells() for the rows read. */
static int check_cells(const struct reader *in, const struct grid *gd)
{
	double cells = 0, most = reader_max_cells(in->rows);
	uint32_t v;

	for (v = 0; v < in->nvms && cells <= most; v++)
		cells += (double)gd->len[v];
	return cells <= most ? 0 : grid_cells_error(in, gd, v - 1);
}

/* A row's absences: (first, len) pairs of trace slots. */
struct absences {
	size_t *v, n, cap; /* n pairs, room for cap values */
};

static int note_absent(struct absences *a, size_t first, size_t len)
{
	void *p = a->v;
	int rc = grow_array(&p, &a->cap, 2 * a->n + 2, sizeof(size_t), 8);

	a->v = p;
	if (rc < 0)
		return rc;
	a->v[2 * a->n] = first;
	a->v[2 * a->n + 1] = len;
	a->n++;
	return 0;
}

/*
 * Gap rule on a row of LEN slots from trace slot BASE (NaN in cpu: no
 * sample; the first and last have one): a run of missing slots up to
 * MAX_RUN holds the previous sample, a longer one is 0 in every resource
 * and noted in ABS (the VM was absent there). -ENOMEM.
 */
static int repair(float *v[RES_COUNT], size_t len, size_t base, size_t max_run,
		  struct ingest_stats *st, uint8_t *cov, struct absences *abs)
{
	const float *cpu = v[RES_CPU];
	size_t run;

	cov[0] = 1;
	for (size_t i = 1; i < len; i += run ? run : 1) {
		for (run = 0; isnan(cpu[i + run]); run++)
			;	    /* ends: cpu[len - 1] is a sample */
		if (run <= max_run) /* a sample, or a gap held */
			memset(cov + i, 1, run ? run : 1);
		if (!run)
			continue;
		for (int r = 0; r < RES_COUNT; r++) {
			float x = run > max_run ? 0 : v[r] ? v[r][i - 1] : 0;

			for (size_t j = i; v[r] && j < i + run; j++)
				v[r][j] = x;
		}
		if (run <= max_run) {
			st->filled += run;
			continue;
		}
		st->gap_slots += run;
		st->gaps++;
		if (note_absent(abs, base + i, run) < 0)
			return -ENOMEM;
	}
	return 0;
}

/* VM's buffers into T as its row, repaired; the slots it covers marked
 * in COV (one byte per slot of T), its absences recorded. */
static int add_row(struct reader *in, struct trace *t, const struct grid *gd,
		   uint32_t vm, struct ingest_stats *st, uint8_t *cov)
{
	size_t len = gd->len[vm];
	size_t max_run = (size_t)(INGEST_MAX_HOLD / gd->step + 1e-9);
	struct absences abs = {NULL, 0, 0};
	float *v[RES_COUNT];
	unsigned dec[RES_COUNT];
	int rc = samples_take(in->smp, vm, gd->start, gd->step, gd->first[vm],
			      len, v, dec);

	if (rc < 0)
		return rc;
	if (len)
		rc = repair(v, len, gd->first[vm], max_run, st,
			    cov + gd->first[vm], &abs);
	if (rc == 0)
		rc = trace_add_vm_vals(t, in->names[vm], gd->first[vm], len, v,
				       NULL);
	if (rc < 0) {
		for (int r = 0; r < RES_COUNT; r++)
			fbuf_free(v[r], len);
		free(abs.v);
		return rc == -EEXIST ? -EINVAL : rc;
	}
	rc = trace_set_absent(t, vm, abs.v, abs.n);
	free(abs.v);
	for (int r = 0; r < RES_COUNT; r++)
		trace_set_scale(t, (enum res)r, vm, dec[r]);
	trace_set_samples(t, vm, samples_count(in->smp, vm));
	for (int i = 0; in->has_prov && i < 2; i++)
		trace_set_provisioned(t, i ? RES_MEM : RES_CPU, vm,
				      in->vprov[vm][i]);
	st->absent += trace_nslots(t) - len;
	return rc;
}

/* The least time read (every VM's first sample). */
static double least_time(const struct reader *in)
{
	double least = INFINITY, t;
	struct samples_iter it;
	unsigned long line;

	for (uint32_t v = 0; v < in->nvms; v++) {
		samples_iter(in->smp, v, &it);
		if (samples_next(&it, &t, &line) && t < least)
			least = t;
	}
	return least;
}

/* Check every time against the grid; the grid's length into *NSLOTS. */
static int check_grid(struct reader *in, const struct grid_agree *ag,
		      struct grid *gd, size_t *nslots)
{
	*nslots = 0;
	for (uint32_t v = 0; v < in->nvms; v++) {
		check_vm(in, gd, v);
		if (gd->err == GRID_OK && gd->first[v] + gd->len[v] > *nslots)
			*nslots = gd->first[v] + gd->len[v];
	}
	if (ag)
		return ag->grid(in, gd, nslots);
	if (gd->err != GRID_OK)
		return grid_print_error(in, gd);
	return check_cells(in, gd);
}

/* The grid's start and step (agreed by AG over the processes when
 * given), the room for each VM's span: RC as agreed, 0 or -errno. */
static int grid_setup(struct reader *in, const struct ingest_opts *opts,
		      const struct grid_agree *ag, struct grid *gd)
{
	int rc = samples_finish(in->smp);

	gd->start = least_time(in);
	if (ag)
		rc = ag->start(in, rc, &gd->start);
	gd->max_slots = reader_max_cells(in->rows) < (double)MAX_SLOTS
			    ? reader_max_cells(in->rows)
			    : (double)MAX_SLOTS;
	gd->step = opts && opts->step > 0 ? opts->step : 0;
	if (rc == 0 && gd->step == 0)
		rc = ag ? ag->step(in, &gd->step) : step_detect(in, &gd->step);
	if (gd->step <= 0)
		gd->step = 1; /* a single time: any step gives one slot */
	gd->first = calloc(in->nvms, sizeof(*gd->first));
	gd->len = calloc(in->nvms, sizeof(*gd->len));
	if (rc == 0 && (!gd->first || !gd->len))
		rc = -ENOMEM;
	if (ag)
		rc = ag->rc(in, rc);
	return rc;
}

/* The trace of NSLOTS slots on GD, each VM's row added and the slots
 * covered marked (AG's collectives called whatever RC, the result so
 * far): *OUT and 0, or RC < 0 with nothing made. */
static int fill_trace(struct reader *in, const struct grid_agree *ag,
		      const struct grid *gd, size_t nslots,
		      struct ingest_stats *st, int rc, struct trace **out)
{
	struct trace *t = NULL;
	uint8_t *cov = NULL;

	if (rc == 0)
		rc = trace_create(nslots, gd->start, gd->step, in->mask, &t);
	if (rc == 0)
		rc = trace_reserve(t, in->nvms);
	if (rc == 0 && !(cov = calloc(nslots ? nslots : 1, 1)))
		rc = -ENOMEM;
	for (uint32_t v = 0; rc == 0 && v < in->nvms; v++)
		rc = add_row(in, t, gd, v, st, cov);
	if (ag && ag->rc(in, rc) == 0) /* each process marked its VMs */
		rc = ag->covered(in, cov, nslots);
	if (rc == 0) {
		rc = trace_set_covered(t, cov); /* frees COV */
		cov = NULL;
	}
	if (rc == 0) {
		st->nslots = nslots;
		st->uncovered = trace_uncovered(t, 0, nslots);
	}
	if (rc < 0) {
		free(cov);
		trace_destroy(t);
		return rc;
	}
	*out = t;
	return 0;
}

int grid_build(struct reader *in, const struct ingest_opts *opts,
	       const struct grid_agree *ag, struct trace **out,
	       struct ingest_stats *st)
{
	struct grid gd = {.err = GRID_OK};
	size_t nslots = 0;
	int rc = grid_setup(in, opts, ag, &gd);

	if (rc == 0)
		rc = check_grid(in, ag, &gd, &nslots);
	rc = fill_trace(in, ag, &gd, nslots, st, rc, out);
	free(gd.first);
	free(gd.len);
	return rc;
}

void grid_warn_repairs(const char *path, const struct ingest_opts *opts,
		       const struct ingest_stats *st)
{
	if (!(opts && opts->quiet) && (st->filled || st->absent || st->gaps))
		error_warn("%s: %zu slot%s inside a VM's span had no sample "
			   "(held the previous one, gaps up to %g s); %zu "
			   "slot%s in %zu gap%s longer than %g s set to 0 "
			   "(VM absent); %zu slot%s outside a VM's span set "
			   "to 0",
			   path, st->filled, st->filled == 1 ? "" : "s",
			   INGEST_MAX_HOLD, st->gap_slots,
			   st->gap_slots == 1 ? "" : "s", st->gaps,
			   st->gaps == 1 ? "" : "s", INGEST_MAX_HOLD,
			   st->absent, st->absent == 1 ? "" : "s");
	if (st->uncovered) /* no repair: said even when quiet */
		error_note(
		    "%s: %zu of the %zu slot%s hold no sample of any VM "
		    "(the trace's spans lie apart); every command leaves "
		    "them out of its windows",
		    path, st->uncovered, st->nslots,
		    st->nslots == 1 ? "" : "s");
}

/*
 * import_alibaba.c - Alibaba v2018 machine_usage to canonical rows (see
 * import_alibaba.h). Samples stream into per-machine slot bins (sum and
 * count), so memory grows with the slots that have samples, not with the
 * samples nor with the span between them: bins are allocated a page of
 * PAGE_SLOTS slots at a time, found through one hash table keyed by
 * (machine, page), and sorted by time only when written. Rows may come in
 * any order but one: a machine's row that goes back among its earlier
 * times into a slot holding some of them may repeat one of them, which no
 * memory per slot can tell, so it is refused (sorted rows put each repeat
 * next to its row, where it is caught).
 */
#include "sim/import/import_alibaba.h"
#include "lib/error.h"
#include "sim/import/import.h"
#include "sim/import/import_input.h"
#include "sim/import/import_names.h"
#include "sim/store/step.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define USAGE_FIELDS 9
#define META_FIELDS 7
#define META_CPU_NUM 4
/*
 * Slots per page: 1 KiB of bins. A lone sample costs one page, so a tiny
 * input cannot ask for a big grid (two samples 95 years apart once took
 * 110 MB); on real data (10 s samples, 300 s slots) every page is full.
 */
#define PAGE_SLOTS 64

struct bin {
	double sum;
	unsigned long n;
};

struct page {
	long no; /* slots no * PAGE_SLOTS .. (no + 1) * PAGE_SLOTS - 1 */
	size_t machine;
	struct bin b[PAGE_SLOTS];
};

struct machine {
	struct page **pages; /* owned; by time once sorted for writing */
	size_t npages, cap;
	double cores; /* from machine_meta; 0 = not listed */
	bool seen;    /* a sample read: its time and cpu below */
	double last_t, last_pct;
	double lo, hi; /* earliest and latest time of its samples */
};

struct ali {
	struct import *im;
	double step;
	struct import_names *ids;
	struct machine *m; /* by index in ids */
	size_t mcap;
	struct page **tab; /* open addressing by (machine, no); not owning */
	size_t tabcap;	   /* a power of two, or 0 */
	size_t npages;	   /* pages in tab */
	unsigned long samples; /* rows read */
	size_t cur;	       /* the machine of the row being read */
};

static size_t hash(size_t machine, long no)
{
	uint64_t x = (uint64_t)no * 0x9e3779b97f4a7c15u ^
		     (uint64_t)machine * 0xc2b2ae3d27d4eb4fu;

	x ^= x >> 31;
	x *= 0xbf58476d1ce4e5b9u;
	return (size_t)(x ^ x >> 29);
}

/* The table slot of page NO of machine I: that page, or an empty slot. */
static struct page **slot(const struct ali *a, size_t i, long no)
{
	size_t mask = a->tabcap - 1, h = hash(i, no) & mask;

	while (a->tab[h] && (a->tab[h]->machine != i || a->tab[h]->no != no))
		h = (h + 1) & mask;
	return &a->tab[h];
}

/* Room for one more page in the table, at most half full. */
static int tab_reserve(struct ali *a)
{
	struct page **old = a->tab;
	size_t oldcap = a->tabcap, nc = oldcap ? 2 * oldcap : 64;

	if (2 * (a->npages + 1) <= oldcap)
		return 0;
	a->tab = calloc(nc, sizeof(*a->tab));
	if (!a->tab) {
		a->tab = old;
		return -ENOMEM;
	}
	a->tabcap = nc;
	for (size_t h = 0; h < oldcap; h++)
		if (old[h])
			*slot(a, old[h]->machine, old[h]->no) = old[h];
	free(old);
	return 0;
}

/* Machine I's bin for slot K (K >= 0), its page made if new; NULL: ENOMEM. */
static struct bin *bin(struct ali *a, size_t i, long k)
{
	struct machine *m = &a->m[i];
	long no = k / PAGE_SLOTS;
	struct page **s, *p;

	if (tab_reserve(a) < 0)
		return NULL;
	s = slot(a, i, no);
	if (!*s) {
		if (import_grow((void **)&m->pages, &m->cap, m->npages,
				sizeof(*m->pages)) ||
		    !(p = calloc(1, sizeof(*p))))
			return NULL;
		p->no = no;
		p->machine = i;
		m->pages[m->npages++] = p;
		*s = p;
		a->npages++;
	}
	return &(*s)->b[k % PAGE_SLOTS];
}

/* The index of machine ID, added if new: >= 0, or -ENOMEM. */
static long machine(struct ali *a, const char *id)
{
	long i = import_names_intern(a->ids, id, NULL);

	if (i >= 0 &&
	    import_grow((void **)&a->m, &a->mcap, (size_t)i, sizeof(*a->m)))
		return -ENOMEM;
	return i;
}

/*
 * A sample at machine M's previous time T (B its bin): dropped if it
 * repeats the previous cpu too, else merged into it as the maximum, as
 * the other formats merge rows on one slot.
 */
static void merge(struct ali *a, struct machine *m, struct bin *b, double pct)
{
	if (pct == m->last_pct) {
		import_note(a->im, IMPORT_N_AL_REPEAT, 1);
		return;
	}
	import_note(a->im, IMPORT_N_AL_REPEAT_DIFF, 1);
	if (pct > m->last_pct) {
		b->sum += pct - m->last_pct;
		m->last_pct = pct;
	}
}

/*
 * Whether the sample (T, PCT) of machine ID (M, its bin B) repeats the
 * machine's previous row (1: merged into it), or is new (0). A sample
 * that goes back inside the machine's times, into a slot that holds some,
 * may repeat a row that is not next to it; telling it from a new sample
 * would take every row's time in memory, so it is bad data (the rows
 * sorted by machine and time put every repeat next to its row).
 */
static int repeat(struct ali *a, struct import_input *in, const char *id,
		  struct bin *b, double t, double pct)
{
	struct machine *m = &a->m[a->cur];

	if (m->seen && t == m->last_t) {
		merge(a, m, b, pct);
		return 1;
	}
	if (m->seen && t >= m->lo && t <= m->hi && b->n)
		return import_input_bad(
		    in, "time_stamp",
		    "%.15g s of machine '%s' goes back among its times (%.15g "
		    "to %.15g s so far) into a slot that holds some: it may "
		    "repeat a row not next to it, which would weigh twice; "
		    "give the rows sorted by machine, then time (LC_ALL=C "
		    "sort -t, -k1,1 -k2,2n)",
		    t, id, m->lo, m->hi);
	m->lo = m->seen ? fmin(m->lo, t) : t;
	m->hi = m->seen ? fmax(m->hi, t) : t;
	m->seen = true;
	m->last_t = t;
	m->last_pct = pct;
	return 0;
}

/* Time T of a sample: not after the latest a trace holds, and a slot
 * number of a's step that a double counts exactly. */
static int check_time(const struct ali *a, const struct import_input *in,
		      double t)
{
	if (t > TRACE_MAX_TIME)
		return import_input_bad(in, "time_stamp",
					"%g s is after the latest time %g s", t,
					TRACE_MAX_TIME);
	if (t / a->step > 1e15)
		return import_input_bad(in, "time_stamp",
					"%g s is out of range for a step of "
					"%g s",
					t, a->step);
	return 0;
}

static int add_sample(struct ali *a, struct import_input *in, char **f)
{
	struct bin *b;
	double t, pct;
	long i;
	int rc;

	rc = import_input_num(in, "time_stamp", f[1], &t);
	if (rc == 0 && *f[2])
		rc = import_input_num(in, "cpu_util_percent", f[2], &pct);
	if (rc < 0)
		return rc;
	if (!*f[2]) {
		import_note(a->im, IMPORT_N_AL_NOCPU, 1);
		return 0;
	}
	if (pct > 100) {
		pct = 100;
		import_note(a->im, IMPORT_N_OVER100, 1);
	}
	rc = check_time(a, in, t);
	if (rc < 0)
		return rc;
	i = machine(a, f[0]);
	b = i < 0 ? NULL : bin(a, (size_t)i, (long)floor(t / a->step));
	if (!b)
		return -ENOMEM;
	a->cur = (size_t)i;
	rc = repeat(a, in, f[0], b, t, pct);
	if (rc)
		return rc < 0 ? rc : 0;
	b->sum += pct;
	b->n++;
	import_note(a->im, IMPORT_N_AL_SAMPLES, 1);
	return 0;
}

static int parse_usage(void *ctx, struct import_input *in, char *line)
{
	struct ali *a = ctx;
	char *f[USAGE_FIELDS];
	int rc;

	rc = import_input_fields(in, line, f, USAGE_FIELDS);
	if (rc < 0)
		return rc;
	if (!*f[0])
		return import_input_bad(in, "machine_id", "empty");
	a->samples++;
	return add_sample(a, in, f);
}

static int read_usage(struct ali *a, const char *path)
{
	unsigned long before = a->samples;
	int rc = import_claim_file(a->im, path);

	if (rc == 0)
		rc = import_input_each(path, parse_usage, a);

	if (rc == 0 && a->samples == before)
		rc = error_data(path, 1, "(row)", "no samples in this file");
	return rc;
}

static int parse_meta(void *ctx, struct import_input *in, char *line)
{
	struct ali *a = ctx;
	char *f[META_FIELDS];
	double cores;
	long i;
	int rc;

	rc = import_input_keyed(in, line, f, META_FIELDS, a->ids, &i);
	if (rc < 0 || i < 0)
		return rc; /* i < 0: a machine with no usage here */
	rc = import_input_cores(in, "cpu_num", f[META_CPU_NUM], &cores);
	if (rc == 0)
		rc = import_input_same_cores(in, "cpu_num", f[0], cores,
					     &a->m[i].cores);
	return rc;
}

static int by_time(const void *x, const void *y)
{
	long a = (*(struct page *const *)x)->no;
	long b = (*(struct page *const *)y)->no;

	return (a > b) - (a < b);
}

/* Write machine I's non-empty slots in time order; count the empty ones
 * between its first and last. */
static int write_machine(struct ali *a, size_t i)
{
	struct machine *m = &a->m[i];
	const char *id = import_names_get(a->ids, i);
	double row[RES_COUNT] = {0}, prov[2] = {m->cores, 0};
	long prev = -1;
	int rc = 0;

	if (m->cores == 0) {
		m->cores = import_get_opts(a->im)->cores;
		rc = import_note_named(a->im, IMPORT_N_AL_NOCORES, id);
	}
	for (size_t p = 0; p < m->npages; p++) {
		for (long j = 0; j < PAGE_SLOTS && rc == 0; j++) {
			const struct bin *b = &m->pages[p]->b[j];
			long k = m->pages[p]->no * PAGE_SLOTS + j;

			if (!b->n)
				continue;
			if (prev >= 0 && k - prev > 1)
				import_note(a->im, IMPORT_N_AL_EMPTY,
					    (unsigned long)(k - prev - 1));
			prev = k;
			row[RES_CPU] = b->sum / (double)b->n / 100 * m->cores;
			rc = import_row(a->im, id, (double)k * a->step, row,
					prov);
			import_note(a->im, IMPORT_N_AL_CPU, 1);
		}
	}
	return rc;
}

/* Machine M's pages sorted by time, and the gaps between its consecutive
 * written slots into G (NULL: not counted). */
static void machine_gaps(const struct ali *a, struct machine *m,
			 struct step_hist *g)
{
	long prev = -1;

	qsort(m->pages, m->npages, sizeof(*m->pages), by_time);
	for (size_t p = 0; p < m->npages; p++)
		for (long j = 0; j < PAGE_SLOTS; j++) {
			long k = m->pages[p]->no * PAGE_SLOTS + j;

			if (!m->pages[p]->b[j].n)
				continue;
			if (prev >= 0 && g)
				step_add(g, (double)(k - prev) * a->step, 1);
			prev = k;
		}
}

/*
 * The canonical trace states no step: its readers take the commonest gap
 * between a VM's consecutive samples (sim/store/step.h), VMs in the order
 * written. A --step finer than the sampling leaves most slots empty, and
 * that gap is then a multiple of it: refused, as no reader would take the
 * trace at the step given. Sorts every machine's pages for writing.
 */
static int check_step(struct ali *a)
{
	struct step_hist g = {.n = 0};
	double best;

	for (size_t i = 0; i < import_names_count(a->ids); i++)
		machine_gaps(a, &a->m[i], g.n < STEP_KEYS ? &g : NULL);
	best = step_best(&g);
	if (g.n == 0 || step_key(best) == step_key(a->step))
		return 0;
	error_usage("import",
		    "--step %.15g s: a machine's consecutive samples "
		    "fall most often %.15g s apart, not in consecutive "
		    "slots, so readers of the trace (size, plan) would "
		    "take %.15g s for its step: the samples are too "
		    "sparse for slots of %.15g s; give a longer --step "
		    "(default 300 s)",
		    a->step, best, best, a->step);
	return -EINVAL;
}

static int read_all(struct ali *a, char *const *paths, size_t n)
{
	const char *meta = import_get_opts(a->im)->meta;
	int rc = 0;

	for (size_t i = 0; i < n && rc == 0; i++)
		rc = read_usage(a, paths[i]);
	if (rc == 0 && meta)
		rc = import_input_each(meta, parse_meta, a);
	return rc;
}

int import_alibaba(struct import *im, char *const *paths, size_t n)
{
	struct ali a = {.im = im, .step = import_get_opts(im)->step};
	int rc;

	import_note_param(im, IMPORT_N_AL_SAMPLES, a.step);
	import_note_param(im, IMPORT_N_AL_NOCORES, import_get_opts(im)->cores);
	rc = import_names_create(&a.ids);
	if (rc == 0)
		rc = read_all(&a, paths, n);
	if (rc == 0)
		rc = check_step(&a);
	for (size_t i = 0; rc == 0 && i < import_names_count(a.ids); i++)
		rc = write_machine(&a, i);
	if (rc == 0)
		import_note(im, IMPORT_N_AL_DROPPED, a.samples);
	for (size_t i = 0; i < a.mcap; i++) {
		for (size_t p = 0; p < a.m[i].npages; p++)
			free(a.m[i].pages[p]);
		free(a.m[i].pages);
	}
	free(a.m);
	free(a.tab);
	import_names_destroy(a.ids);
	return rc;
}

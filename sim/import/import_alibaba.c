/*
 * import_alibaba.c - Alibaba v2018 machine_usage to canonical rows (see
 * import_alibaba.h). Samples stream into per-machine slot bins (sum and
 * count), so memory grows with machines x slots, not with samples; rows
 * may come in any order.
 */
#include "sim/import/import_alibaba.h"
#include "lib/error.h"
#include "sim/import/import.h"
#include "sim/import/import_input.h"
#include "sim/import/import_names.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define USAGE_FIELDS 9
#define META_FIELDS 7
#define META_CPU_NUM 4
/* A machine's samples may span at most this many slots (~95 y at 300 s). */
#define MAX_SLOTS 10000000L

struct bin {
	double sum;
	unsigned long n;
};

struct machine {
	struct bin *b; /* slots lo .. lo + len - 1 */
	long lo;
	size_t len, cap;
	double cores; /* from machine_meta; 0 = not listed */
};

struct ali {
	struct import *im;
	double step;
	struct import_names *ids;
	struct machine *m; /* by index in ids */
	size_t mcap;
	unsigned long samples; /* rows read */
};

static struct machine *machine(struct ali *a, const char *id)
{
	long i = import_names_intern(a->ids, id, NULL);

	if (i < 0 ||
	    import_grow((void **)&a->m, &a->mcap, (size_t)i, sizeof(*a->m)))
		return NULL;
	return &a->m[i];
}

static int reserve(struct machine *m, size_t len)
{
	size_t nc = m->cap ? m->cap : 256;
	struct bin *nb;

	if (len <= m->cap)
		return 0;
	while (nc < len)
		nc *= 2;
	nb = realloc(m->b, nc * sizeof(*nb));
	if (!nb)
		return -ENOMEM;
	m->b = nb;
	m->cap = nc;
	return 0;
}

/* Make slot K part of M's range: -ERANGE if the span would be too long. */
static int cover(struct machine *m, long k)
{
	long lo = m->len ? (k < m->lo ? k : m->lo) : k;
	long hi =
	    m->len ? (k >= m->lo + (long)m->len ? k + 1 : m->lo + (long)m->len)
		   : k + 1;
	size_t shift = m->len ? (size_t)(m->lo - lo) : 0;

	if (hi - lo > MAX_SLOTS)
		return -ERANGE;
	if (reserve(m, (size_t)(hi - lo)) < 0)
		return -ENOMEM;
	if (shift) {
		memmove(m->b + shift, m->b, m->len * sizeof(*m->b));
		memset(m->b, 0, shift * sizeof(*m->b));
	}
	memset(m->b + shift + m->len, 0,
	       ((size_t)(hi - lo) - shift - m->len) * sizeof(*m->b));
	m->lo = lo;
	m->len = (size_t)(hi - lo);
	return 0;
}

static int add_sample(struct ali *a, struct import_input *in, char **f)
{
	struct machine *m;
	double t, pct;
	long k;
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
	if (t > TRACE_MAX_TIME)
		return import_input_bad(in, "time_stamp",
					"%g s is after the latest time %g s", t,
					TRACE_MAX_TIME);
	if (t / a->step > 1e15)
		return import_input_bad(in, "time_stamp",
					"%g s is out of range for a step of "
					"%g s",
					t, a->step);
	m = machine(a, f[0]);
	if (!m)
		return -ENOMEM;
	k = (long)floor(t / a->step);
	rc = cover(m, k);
	if (rc == -ERANGE)
		return import_input_bad(in, "time_stamp",
					"%g s is more than %ld slots away from "
					"this machine's other samples",
					t, MAX_SLOTS);
	if (rc < 0)
		return rc;
	m->b[k - m->lo].sum += pct;
	m->b[k - m->lo].n++;
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
	int rc = import_input_each(path, parse_usage, a);

	if (rc == 0 && a->samples == before)
		rc = error_data(path, 1, "row", "no samples in this file");
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

/* Write machine I's non-empty slots. */
static int write_machine(struct ali *a, size_t i)
{
	struct machine *m = &a->m[i];
	const char *id = import_names_get(a->ids, i);
	double row[RES_COUNT] = {0};
	int rc = 0;

	if (m->cores == 0) {
		m->cores = import_get_opts(a->im)->cores;
		import_note(a->im, IMPORT_N_AL_NOCORES, 1);
	}
	for (size_t j = 0; j < m->len && rc == 0; j++) {
		if (!m->b[j].n) {
			import_note(a->im, IMPORT_N_AL_EMPTY, 1);
			continue;
		}
		row[RES_CPU] = m->b[j].sum / (double)m->b[j].n / 100 * m->cores;
		rc = import_row(a->im, id, (double)(m->lo + (long)j) * a->step,
				row);
		import_note(a->im, IMPORT_N_AL_CPU, 1);
	}
	return rc;
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
	for (size_t i = 0; rc == 0 && i < import_names_count(a.ids); i++)
		rc = write_machine(&a, i);
	if (rc == 0)
		import_note(im, IMPORT_N_AL_DROPPED, a.samples);
	for (size_t i = 0; i < a.mcap; i++)
		free(a.m[i].b);
	free(a.m);
	import_names_destroy(a.ids);
	return rc;
}

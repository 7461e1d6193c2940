/*
 * ingest.c - canonical trace CSV -> trace store, in one streaming pass.
 *
 * While parsing, the slot grid is unknown (rows come in any order and the
 * step may have to be detected), so values are kept per distinct time: one
 * column per time holding a value per VM id (NaN = no sample). Time-sorted
 * input fills a column at a time, VM-sorted input grows every column a few
 * times (capacity doubling), so the columns total at most ~2x the final
 * matrix and usually ~1x. At the end the distinct times are sorted, the step
 * found, every time checked against the grid, and each column moved into the
 * row-major store and freed (malloc_trim returns the memory as we go).
 *
 * libcsv is fed one physical line at a time so that every message can name
 * the exact line. Gap rule: inside a VM's observed span a missing slot holds
 * the previous sample; outside it the VM demands 0. Both are counted.
 */
#include "sim/ingest.h"
#include "sim/error.h"

#include <csv.h>
#include <errno.h>
#include <malloc.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COLS 16
#define MAX_CELLS (1ull << 31)	/* per resource: 16 GiB of doubles */
#define BUF_SIZE (1 << 20)

enum role { ROLE_TIME = TRACE_NRES, ROLE_VM, ROLE_NONE };

struct column {
	double *v;
	uint32_t cap;
};

struct ingest {
	const char *path;
	unsigned long line;		/* physical line being fed */
	int err;			/* first error, stops the parse */
	/* header */
	bool header_done;
	int ncols, field;
	int role[MAX_COLS];
	unsigned mask;
	/* current record */
	double time, val[TRACE_NRES];
	uint32_t vm;
	/* VM names: interned, with a cache of the last one */
	char **names;
	uint32_t nvms, names_cap, *nsamples;
	uint32_t *vhash, vhsize;
	uint32_t last_vm;
	/* distinct times */
	double *times;
	unsigned long *tline;		/* first line each time was seen on */
	uint32_t ntimes, times_cap, *thash, thsize, last_tid;
	struct column *cols[TRACE_NRES];
	size_t rows;
};

static const char *role_name(int role)
{
	if (role == ROLE_TIME)
		return "time";
	if (role == ROLE_VM)
		return "vm";
	return trace_res_name((enum trace_res)role);
}

static int fail(struct ingest *in, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Report the first error only: libcsv keeps calling back after it. */
static int fail(struct ingest *in, const char *field, const char *fmt, ...)
{
	va_list ap;

	if (in->err)
		return in->err;
	va_start(ap, fmt);
	in->err = error_vdata(in->path, in->line, field, fmt, ap);
	va_end(ap);
	return in->err;
}

/*
 * Decimal number parser: [+-]digits[.digits][e[+-]digits]. Up to 19
 * significant digits and |exp| <= 22 is exact (one rounding); anything
 * longer falls back to strtod. Returns 0, or -1 if S is not a number.
 */
static const double pow10_tab[23] = {
	1e0,  1e1,  1e2,  1e3,	1e4,  1e5,  1e6,  1e7,	1e8,  1e9,  1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

static int parse_slow(const char *s, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	return (end != s && *end == '\0') ? 0 : -1;
}

static int parse_num(const char *s, double *out)
{
	const char *p = s;
	uint64_t m = 0;
	int digits = 0, exp10 = 0, neg = 0;

	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	for (; *p >= '0' && *p <= '9'; p++, digits++)
		m = m * 10 + (uint64_t)(*p - '0');
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++, digits++, exp10--)
			m = m * 10 + (uint64_t)(*p - '0');
	if (digits == 0)
		return parse_slow(s, out);	/* "inf", "nan", ".e1": let strtod judge */
	if (*p == 'e' || *p == 'E' || *p != '\0' || digits > 19)
		return parse_slow(s, out);
	if (exp10 < -22 || m > (1ull << 53))
		return parse_slow(s, out);
	*out = exp10 ? (double)m / pow10_tab[-exp10] : (double)m;
	if (neg)
		*out = -*out;
	return 0;
}

static int header_field(struct ingest *in, const char *name)
{
	enum trace_res r;
	int role;

	if (in->ncols >= MAX_COLS)
		return fail(in, name, "too many columns (at most %d)", MAX_COLS);
	if (!strcmp(name, "time"))
		role = ROLE_TIME;
	else if (!strcmp(name, "vm"))
		role = ROLE_VM;
	else if (trace_res_parse(name, &r) == 0)
		role = (int)r;
	else
		return fail(in, name[0] ? name : "(empty)",
			    "unknown column '%s' (expected time, vm, cpu, mem, "
			    "disk, net)", name);
	for (int i = 0; i < in->ncols; i++)
		if (in->role[i] == role)
			return fail(in, name, "column '%s' appears twice", name);
	if (role < TRACE_NRES)
		in->mask |= TRACE_MASK(role);
	in->role[in->ncols++] = role;
	return 0;
}

static int header_done(struct ingest *in)
{
	static const char *const need[] = { "time", "vm", "cpu" };
	static const int need_role[] = { ROLE_TIME, ROLE_VM, TRACE_CPU };

	for (int k = 0; k < 3; k++) {
		int found = 0;

		for (int i = 0; i < in->ncols; i++)
			found |= in->role[i] == need_role[k];
		if (!found)
			return fail(in, need[k], "missing column '%s' in the header",
				    need[k]);
	}
	in->header_done = true;
	return 0;
}

static uint64_t hash_bytes(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 1469598103934665603ull;

	while (n--)
		h = (h ^ *s++) * 1099511628211ull;
	return h;
}

static int grow(void **p, uint32_t *cap, uint32_t need, size_t elem)
{
	uint32_t n = *cap ? *cap : 64;
	void *q;

	if (need <= *cap)
		return 0;
	while (n < need)
		n *= 2;
	q = realloc(*p, (size_t)n * elem);
	if (!q)
		return -ENOMEM;
	*p = q;
	*cap = n;
	return 0;
}

/* Rebuild an index hash of N entries with KEY(i) into a table of 2x size. */
static int rehash(uint32_t **tab, uint32_t *size, uint32_t n,
		  uint64_t (*key)(struct ingest *, uint32_t), struct ingest *in)
{
	uint32_t sz = 1024, *t;

	while (sz < 2 * n + 2)
		sz *= 2;
	t = calloc(sz, sizeof(*t));
	if (!t)
		return -ENOMEM;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t h = (uint32_t)key(in, i) & (sz - 1);

		while (t[h])
			h = (h + 1) & (sz - 1);
		t[h] = i + 1;
	}
	free(*tab);
	*tab = t;
	*size = sz;
	return 0;
}

static uint64_t vm_key(struct ingest *in, uint32_t i)
{
	return hash_bytes(in->names[i], strlen(in->names[i]));
}

static uint64_t time_key(struct ingest *in, uint32_t i)
{
	return hash_bytes(&in->times[i], sizeof(double));
}

static int add_vm(struct ingest *in, const char *name, uint32_t slot)
{
	int rc;

	rc = grow((void **)&in->names, &in->names_cap, in->nvms + 1,
		  sizeof(*in->names));
	if (rc == 0) {
		uint32_t cap = in->names_cap;

		in->nsamples = realloc(in->nsamples, (size_t)cap * 4);
		rc = in->nsamples ? 0 : -ENOMEM;
	}
	if (rc < 0 || !(in->names[in->nvms] = strdup(name)))
		return -ENOMEM;
	in->nsamples[in->nvms] = 0;
	in->vhash[slot] = ++in->nvms;
	if (2 * in->nvms + 2 > in->vhsize)
		return rehash(&in->vhash, &in->vhsize, in->nvms, vm_key, in);
	return 0;
}

static int intern_vm(struct ingest *in, const char *name, size_t len)
{
	uint32_t h;

	if (in->nvms && !strcmp(in->names[in->last_vm], name)) {
		in->vm = in->last_vm;
		return 0;
	}
	h = (uint32_t)hash_bytes(name, len) & (in->vhsize - 1);
	for (; in->vhash[h]; h = (h + 1) & (in->vhsize - 1))
		if (!strcmp(in->names[in->vhash[h] - 1], name)) {
			in->vm = in->last_vm = in->vhash[h] - 1;
			return 0;
		}
	if (in->nvms == UINT32_MAX - 1)
		return fail(in, "vm", "too many VMs");
	in->vm = in->last_vm = in->nvms;
	return add_vm(in, name, h);
}

static int value_field(struct ingest *in, int role, const char *s, size_t len)
{
	double x;

	if (role == ROLE_VM) {
		if (len == 0)
			return fail(in, "vm", "empty VM name");
		return intern_vm(in, s, len);
	}
	if (len == 0)
		return fail(in, role_name(role), "empty value");
	if (parse_num(s, &x) < 0)
		return fail(in, role_name(role), "'%s' is not a number", s);
	if (!isfinite(x))
		return fail(in, role_name(role), "'%s' is not finite", s);
	if (x < 0)
		return fail(in, role_name(role), "negative value '%s'", s);
	if (role == ROLE_TIME)
		in->time = x;
	else
		in->val[role] = x;
	return 0;
}

static void on_field(void *s, size_t len, void *data)
{
	struct ingest *in = data;
	int f = in->field++;

	if (in->err)
		return;
	if (!in->header_done) {
		header_field(in, s);
		return;
	}
	if (f >= in->ncols) {
		fail(in, "(extra)", "more fields than the %d header columns",
		     in->ncols);
		return;
	}
	if (value_field(in, in->role[f], s, len) < 0 && !in->err)
		in->err = -ENOMEM;
}

static int add_time(struct ingest *in, uint32_t slot)
{
	uint32_t n = in->ntimes, cap = in->times_cap;

	if (grow((void **)&in->times, &in->times_cap, n + 1, sizeof(double)))
		return -ENOMEM;
	if (in->times_cap != cap) {
		void *l = realloc(in->tline, (size_t)in->times_cap * sizeof(long));

		if (!l)
			return -ENOMEM;
		in->tline = l;
		for (int r = 0; r < TRACE_NRES; r++) {
			void *c;

			if (!(in->mask & TRACE_MASK(r)))
				continue;
			c = realloc(in->cols[r], (size_t)in->times_cap *
							 sizeof(struct column));
			if (!c)
				return -ENOMEM;
			in->cols[r] = c;
		}
	}
	in->times[n] = in->time;
	in->tline[n] = in->line;
	for (int r = 0; r < TRACE_NRES; r++)
		if (in->mask & TRACE_MASK(r))
			in->cols[r][n] = (struct column){ NULL, 0 };
	in->thash[slot] = ++in->ntimes;
	in->last_tid = n;
	if (2 * in->ntimes + 2 > in->thsize)
		return rehash(&in->thash, &in->thsize, in->ntimes, time_key, in);
	return 0;
}

/* The id of the current row's time, adding it if new; -errno. */
static long time_id(struct ingest *in)
{
	uint32_t h;

	if (in->ntimes && in->times[in->last_tid] == in->time)
		return in->last_tid;
	h = (uint32_t)hash_bytes(&in->time, sizeof(double)) & (in->thsize - 1);
	for (; in->thash[h]; h = (h + 1) & (in->thsize - 1))
		if (in->times[in->thash[h] - 1] == in->time) {
			in->last_tid = in->thash[h] - 1;
			return in->last_tid;
		}
	if (add_time(in, h) < 0)
		return -ENOMEM;
	return in->last_tid;
}

/* Make room for VM in column C (new cells NaN = no sample). */
static int column_fit(struct column *c, uint32_t vm, uint32_t nvms)
{
	uint32_t cap = c->cap ? c->cap : 16, old = c->cap;
	double *v;

	if (vm < c->cap)
		return 0;
	while (cap <= vm)
		cap *= 2;
	if (!old && cap < nvms)
		cap = nvms;	/* time-sorted input: one allocation per column */
	v = realloc(c->v, (size_t)cap * sizeof(double));
	if (!v)
		return -ENOMEM;
	for (uint32_t i = old; i < cap; i++)
		v[i] = NAN;
	c->v = v;
	c->cap = cap;
	return 0;
}

static int store_row(struct ingest *in)
{
	long tid = time_id(in);

	if (tid < 0)
		return -ENOMEM;
	for (int r = 0; r < TRACE_NRES; r++) {
		struct column *c;

		if (!(in->mask & TRACE_MASK(r)))
			continue;
		c = &in->cols[r][tid];
		if (column_fit(c, in->vm, in->nvms) < 0)
			return -ENOMEM;
		if (r == TRACE_CPU && !isnan(c->v[in->vm]))
			return fail(in, "time",
				    "duplicate sample for VM '%s' at time %.17g",
				    in->names[in->vm], in->time);
		c->v[in->vm] = in->val[r];
	}
	in->nsamples[in->vm]++;
	in->rows++;
	return 0;
}

static void on_row(int c, void *data)
{
	struct ingest *in = data;
	int nf = in->field;

	(void)c;
	in->field = 0;
	if (in->err)
		return;
	if (!in->header_done) {
		header_done(in);
		return;
	}
	if (nf < in->ncols) {
		fail(in, role_name(in->role[nf]),
		     "missing field (the row has %d fields, the header %d)",
		     nf, in->ncols);
		return;
	}
	if (store_row(in) < 0 && !in->err)
		in->err = -ENOMEM;
}

/* Feed BUF[0..N) to libcsv one physical line at a time, counting lines. */
static int feed(struct ingest *in, struct csv_parser *p, const char *buf,
		size_t n)
{
	while (n && !in->err) {
		const char *nl = memchr(buf, '\n', n);
		size_t len = nl ? (size_t)(nl - buf) + 1 : n;

		if (csv_parse(p, buf, len, on_field, on_row, in) != len)
			return fail(in, "(row)", "malformed CSV: %s",
				    csv_strerror(csv_error(p)));
		if (nl)
			in->line++;
		buf += len;
		n -= len;
	}
	return in->err;
}

static int read_all(struct ingest *in, FILE *fp)
{
	struct csv_parser p;
	char *buf = malloc(BUF_SIZE);
	size_t n;
	int rc = 0;

	if (!buf || csv_init(&p, CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0) {
		free(buf);
		return -ENOMEM;
	}
	while (rc == 0 && (n = fread(buf, 1, BUF_SIZE, fp)) > 0)
		rc = feed(in, &p, buf, n);
	if (rc == 0 && ferror(fp)) {
		rc = -errno ? -errno : -EIO;
		error_msg("cannot read '%s': %s", in->path, strerror(-rc));
	}
	if (rc == 0) {
		csv_fini(&p, on_field, on_row, in);
		rc = in->err;
	}
	csv_free(&p);
	free(buf);
	return rc;
}

static int cmp_time(const void *a, const void *b, void *arg)
{
	const double *t = arg;
	double x = t[*(const uint32_t *)a], y = t[*(const uint32_t *)b];

	return (x > y) - (x < y);
}

struct gap_hist {
	int64_t key[64];
	size_t count[64];
	int n;
};

static void gap_add(struct gap_hist *g, double gap)
{
	int64_t k = llround(gap * 1e6);

	for (int i = 0; i < g->n; i++)
		if (g->key[i] == k) {
			g->count[i]++;
			return;
		}
	if (g->n < 64) {
		g->key[g->n] = k;
		g->count[g->n++] = 1;
	}
}

/* Most common gap between consecutive samples of a VM (or, failing that,
 * between consecutive distinct times); 0 if there is a single time. */
static double detect_step(struct ingest *in, const uint32_t *order)
{
	struct gap_hist g = { .n = 0 };
	struct column *cpu = in->cols[TRACE_CPU];
	int best = -1;

	for (uint32_t v = 0; v < in->nvms && g.n < 64; v++) {
		double prev = NAN;

		for (uint32_t i = 0; i < in->ntimes; i++) {
			struct column *c = &cpu[order[i]];

			if (v >= c->cap || isnan(c->v[v]))
				continue;
			if (!isnan(prev))
				gap_add(&g, in->times[order[i]] - prev);
			prev = in->times[order[i]];
		}
	}
	for (uint32_t i = 1; g.n == 0 && i < in->ntimes; i++)
		gap_add(&g, in->times[order[i]] - in->times[order[i - 1]]);
	for (int i = 0; i < g.n; i++)
		if (best < 0 || g.count[i] > g.count[best])
			best = i;
	return best < 0 ? 0 : (double)g.key[best] / 1e6;
}

/* Slot of every time id on the grid START + k*STEP; -EBADMSG if one is off. */
static int place_times(struct ingest *in, const uint32_t *order, double step,
		       uint32_t *slot, size_t *nslots)
{
	double start = in->times[order[0]];
	char msg[128];

	for (uint32_t i = 0; i < in->ntimes; i++) {
		uint32_t id = order[i];
		double k = (in->times[id] - start) / step;

		in->line = in->tline[id];
		snprintf(msg, sizeof(msg), "%.17g", in->times[id]);
		if (fabs(k - nearbyint(k)) > 1e-6)
			return error_data(in->path, in->line, "time",
					  "%s is not on the slot grid (start "
					  "%.17g s, step %.17g s)",
					  msg, start, step);
		if (k >= (double)MAX_CELLS / (in->nvms ? in->nvms : 1))
			return error_data(in->path, in->line, "time",
					  "%s is too far from the start %.17g s "
					  "for a grid of step %.17g s",
					  msg, start, step);
		slot[id] = (uint32_t)nearbyint(k);
	}
	*nslots = (size_t)slot[order[in->ntimes - 1]] + 1;
	return 0;
}

/* Move every column into the store (marking observed cells), freeing it. */
static void transpose(struct ingest *in, struct trace *t, const uint32_t *slot,
		      uint8_t *seen)
{
	size_t nslots = trace_nslots(t);

	for (uint32_t id = 0; id < in->ntimes; id++) {
		for (int r = 0; r < TRACE_NRES; r++) {
			struct column *c;

			if (!(in->mask & TRACE_MASK(r)))
				continue;
			c = &in->cols[r][id];
			for (uint32_t v = 0; v < c->cap && v < in->nvms; v++) {
				if (isnan(c->v[v]))
					continue;
				trace_row(t, r, v)[slot[id]] = c->v[v];
				if (r == TRACE_CPU)
					seen[(size_t)v * nslots + slot[id]] = 1;
			}
			free(c->v);
			c->v = NULL;
			c->cap = 0;
		}
		/* Give freed columns back so the peak stays near one matrix. */
		if ((id & 1023) == 1023)
			malloc_trim(0);
	}
}

/* Gap rule: hold the previous sample inside the VM's span, 0 outside. */
static void repair(struct trace *t, const uint8_t *seen,
		   struct ingest_stats *st)
{
	size_t nslots = trace_nslots(t);

	for (size_t v = 0; v < trace_nvms(t); v++) {
		const uint8_t *s = seen + v * nslots;
		size_t first = 0, last = nslots;

		while (first < nslots && !s[first])
			first++;
		while (last > first && !s[last - 1])
			last--;
		st->absent += nslots - (last - first);
		for (size_t i = first + 1; i < last; i++) {
			if (s[i])
				continue;
			st->filled++;
			for (int r = 0; r < TRACE_NRES; r++) {
				double *row = trace_row(t, r, v);

				if (row)
					row[i] = row[i - 1];
			}
		}
	}
}

static int build(struct ingest *in, const struct ingest_opts *opts,
		 struct trace **out, struct ingest_stats *st)
{
	uint32_t *order = NULL, *slot = NULL;
	uint8_t *seen = NULL;
	struct trace *t = NULL;
	size_t nslots = 0;
	double step;
	int rc = -ENOMEM;

	order = malloc((size_t)in->ntimes * sizeof(*order));
	slot = malloc((size_t)in->ntimes * sizeof(*slot));
	if (!order || !slot)
		goto out;
	for (uint32_t i = 0; i < in->ntimes; i++)
		order[i] = i;
	qsort_r(order, in->ntimes, sizeof(*order), cmp_time, in->times);
	step = opts && opts->step > 0 ? opts->step : detect_step(in, order);
	if (step <= 0)
		step = 1;	/* a single time: any step gives one slot */
	rc = place_times(in, order, step, slot, &nslots);
	if (rc < 0)
		goto out;
	rc = trace_create(in->nvms, nslots, in->times[order[0]], step, in->mask,
			  &t);
	seen = calloc((size_t)in->nvms * nslots, 1);
	if (rc < 0 || !seen) {
		rc = -ENOMEM;
		goto out;
	}
	for (uint32_t v = 0; v < in->nvms; v++) {
		trace_set_name(t, v, in->names[v]);
		trace_set_samples(t, v, in->nsamples[v]);
	}
	transpose(in, t, slot, seen);
	repair(t, seen, st);
	*out = t;
	t = NULL;
out:
	trace_destroy(t);
	free(seen);
	free(slot);
	free(order);
	return rc;
}

static void ingest_free(struct ingest *in)
{
	for (uint32_t i = 0; i < in->nvms; i++)
		free(in->names[i]);
	for (int r = 0; r < TRACE_NRES; r++) {
		for (uint32_t i = 0; in->cols[r] && i < in->ntimes; i++)
			free(in->cols[r][i].v);
		free(in->cols[r]);
	}
	free(in->names);
	free(in->nsamples);
	free(in->vhash);
	free(in->times);
	free(in->tline);
	free(in->thash);
}

static int check_shape(struct ingest *in)
{
	if (!in->header_done && !in->ncols)
		return error_data(in->path, 1, "time",
				  "empty file: expected a header such as "
				  "time,vm,cpu");
	if (!in->header_done)
		return header_done(in);
	if (in->rows == 0)
		return error_data(in->path, in->line, "time",
				  "no data rows after the header");
	return 0;
}

static FILE *open_input(const char *path)
{
	FILE *fp = strcmp(path, "-") ? fopen(path, "r") : stdin;

	if (!fp)
		error_msg("cannot open '%s': %s", path, strerror(errno));
	return fp;
}

int ingest_file(const char *path, const struct ingest_opts *opts,
		struct trace **out, struct ingest_stats *stats)
{
	struct ingest in = { .path = path, .line = 1 };
	struct ingest_stats st = { 0 };
	FILE *fp;
	int rc;

	fp = open_input(path);
	if (!fp)
		return -errno;
	rc = rehash(&in.vhash, &in.vhsize, 0, vm_key, &in);
	if (rc == 0)
		rc = rehash(&in.thash, &in.thsize, 0, time_key, &in);
	if (rc == 0)
		rc = read_all(&in, fp);
	if (rc == 0)
		rc = check_shape(&in);
	if (rc == 0)
		rc = build(&in, opts, out, &st);
	if (fp != stdin)
		fclose(fp);
	st.rows = in.rows;
	if (rc == 0 && !(opts && opts->quiet) && (st.filled || st.absent))
		error_warn("%s: %zu slot(s) inside a VM's span had no sample "
			   "(held the previous one); %zu slot(s) outside a "
			   "VM's span set to 0",
			   path, st.filled, st.absent);
	if (stats)
		*stats = st;
	ingest_free(&in);
	return rc;
}

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
 * row-major store and freed as we go, so the peak stays near one matrix.
 * Columns come from an arena of huge pages (sim/store/region.h) given back
 * front to back, or from the heap (malloc_trim) for input that is not a regular
 * file and for columns that grow.
 *
 * libcsv is fed one physical line at a time so that every message can name
 * the exact line. Gap rule: inside a VM's observed span a missing slot holds
 * the previous sample if its gap lasts at most INGEST_MAX_HOLD s; in a
 * longer gap and outside the span the VM demands 0. All three are counted.
 */
#include "sim/store/ingest.h"
#include "lib/error.h"
#include "lib/textline.h"
#include "sim/store/readahead.h"
#include "sim/store/region.h"

#include <csv.h>
#include <errno.h>
#include <malloc.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_COLS 16
#define MAX_CELLS (1ull << 31) /* per resource: 16 GiB of doubles */
/* A grid may hold at most SPARSE_RATIO cells per row read (but always
 * SPARSE_CELLS): three rows must not ask for gigabytes. */
#define SPARSE_CELLS (1ull << 24)
#define SPARSE_RATIO 1024
#define BUF_SIZE (1 << 20)

enum role { ROLE_TIME = RES_COUNT, ROLE_VM, ROLE_NONE };

struct column {
	double *v;
	uint32_t cap;
};

struct ingest {
	const char *path;
	unsigned long line;	/* physical line being fed */
	unsigned long rec_line; /* line the current record began on */
	bool cr_ended;		/* the last block fed ended in '\r' */
	int err;		/* first error, stops the parse */
	/* header */
	bool header_done;
	int ncols, field;
	int role[MAX_COLS];
	unsigned mask;
	/* current record */
	double time, val[RES_COUNT];
	char time_text[24]; /* the text TIME was parsed from */
	size_t time_len;
	uint32_t vm;
	/* VM names: interned; the next row's VM is guessed to be the last
	 * one plus vm_step (0 for VM-sorted input, 1 for time-sorted) */
	char **names;
	uint32_t nvms, names_cap, *nsamples;
	uint32_t *vhash, vhsize;
	uint32_t last_vm, vm_step;
	/* distinct times */
	double *times;
	unsigned long *tline; /* first line each time was seen on */
	uint32_t ntimes, times_cap, *thash, thsize, last_tid;
	struct column *cols[RES_COUNT];
	struct region *arena; /* columns' first allocations, or NULL */
	size_t rows;
};

static const char *role_name(int role)
{
	if (role == ROLE_TIME)
		return "time";
	if (role == ROLE_VM)
		return "vm";
	return res_name((enum res)role);
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
    1e0,  1e1,	1e2,  1e3,  1e4,  1e5,	1e6,  1e7,  1e8,  1e9,	1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

static int parse_slow(const char *s, double *out)
{
	char *end;

	if (strpbrk(s, "xX"))
		return -1; /* strtod would take hex: the format is decimal */
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
		return parse_slow(
		    s, out); /* "inf", "nan", ".e1": let strtod judge */
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
	enum res r;
	int role;

	if (in->ncols >= MAX_COLS)
		return fail(in, name, "too many columns (at most %d)",
			    MAX_COLS);
	if (!strcmp(name, "time"))
		role = ROLE_TIME;
	else if (!strcmp(name, "vm"))
		role = ROLE_VM;
	else if (res_parse(name, &r) == 0)
		role = (int)r;
	else
		return fail(in, name[0] ? name : "(empty)",
			    "unknown column '%s' (expected time, vm, cpu, mem, "
			    "disk, net)",
			    name);
	for (int i = 0; i < in->ncols; i++)
		if (in->role[i] == role)
			return fail(in, name, "column '%s' appears twice",
				    name);
	if (role < RES_COUNT)
		in->mask |= RES_MASK(role);
	in->role[in->ncols++] = role;
	return 0;
}

static int header_done(struct ingest *in)
{
	static const char *const need[] = {"time", "vm", "cpu"};
	static const int need_role[] = {ROLE_TIME, ROLE_VM, RES_CPU};

	for (int k = 0; k < 3; k++) {
		int found = 0;

		for (int i = 0; i < in->ncols; i++)
			found |= in->role[i] == need_role[k];
		if (!found)
			return fail(in, need[k],
				    "missing column '%s' in the header",
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

/* strcmp() == 0 inline: names are short, and a call per row shows. */
static bool same_name(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

static int intern_vm(struct ingest *in, const char *name, size_t len)
{
	uint32_t h, guess = in->last_vm + in->vm_step;

	if (guess < in->nvms && same_name(in->names[guess], name)) {
		in->vm = in->last_vm = guess;
		return 0;
	}
	h = (uint32_t)hash_bytes(name, len) & (in->vhsize - 1);
	for (; in->vhash[h]; h = (h + 1) & (in->vhsize - 1))
		if (same_name(in->names[in->vhash[h] - 1], name)) {
			in->vm = in->vhash[h] - 1;
			in->vm_step = in->vm == in->last_vm + 1;
			in->last_vm = in->vm;
			return 0;
		}
	if (in->nvms == UINT32_MAX - 1)
		return fail(in, "vm", "too many VMs");
	in->vm = in->last_vm = in->nvms;
	in->vm_step = 1; /* a new VM: the next row may bring another */
	return add_vm(in, name, h);
}

/* memcmp() == 0 inline, for short texts. */
static bool same_text(const char *a, const char *b, size_t n)
{
	uint64_t x, y;

	for (; n >= 8; a += 8, b += 8, n -= 8) {
		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		if (x != y)
			return false;
	}
	while (n && *a == *b) {
		a++;
		b++;
		n--;
	}
	return n == 0;
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
	if (role == ROLE_TIME && len == in->time_len &&
	    same_text(s, in->time_text, len))
		return 0; /* rows of one time in a row: parsed already */
	if (parse_num(s, &x) < 0)
		return fail(in, role_name(role), "'%s' is not a number", s);
	if (!isfinite(x))
		return fail(in, role_name(role), "'%s' is not finite", s);
	if (x < 0)
		return fail(in, role_name(role), "negative value '%s'", s);
	if (x > (role == ROLE_TIME ? TRACE_MAX_TIME : trace_limit(role)))
		return fail(
		    in, role_name(role), "'%s' is above the limit %g", s,
		    role == ROLE_TIME ? TRACE_MAX_TIME : trace_limit(role));
	if (x == 0)
		x = 0; /* -0 would hash apart from 0 and dodge the duplicate
			  check */
	if (role == ROLE_TIME) {
		in->time = x;
		in->time_len = len < sizeof(in->time_text) ? len : 0;
		memcpy(in->time_text, s, in->time_len);
	} else {
		in->val[role] = x;
	}
	return 0;
}

static void on_field(void *s, size_t len, void *data)
{
	struct ingest *in = data;
	int f = in->field++;

	if (in->err)
		return;
	if (!in->header_done) {
		header_field(in, s ? s : ""); /* CSV_EMPTY_IS_NULL */
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
		void *l =
		    realloc(in->tline, (size_t)in->times_cap * sizeof(long));

		if (!l)
			return -ENOMEM;
		in->tline = l;
		for (int r = 0; r < RES_COUNT; r++) {
			void *c;

			if (!(in->mask & RES_MASK(r)))
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
	for (int r = 0; r < RES_COUNT; r++)
		if (in->mask & RES_MASK(r))
			in->cols[r][n] = (struct column){NULL, 0};
	in->thash[slot] = ++in->ntimes;
	in->last_tid = n;
	if (2 * in->ntimes + 2 > in->thsize)
		return rehash(&in->thash, &in->thsize, in->ntimes, time_key,
			      in);
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

/*
 * Make room for the row's VM in column C (new cells NaN = no sample). A
 * first allocation comes from the arena if it has room; a column that
 * grows moves to the heap.
 */
static int column_fit(struct ingest *in, struct column *c)
{
	uint32_t cap = c->cap ? c->cap : 16, old = c->cap, vm = in->vm;
	double *v = NULL;

	if (vm < c->cap)
		return 0;
	while (cap <= vm)
		cap *= 2;
	if (!old && cap < in->nvms)
		cap =
		    in->nvms; /* time-sorted input: one allocation per column */
	if (!old && in->arena)
		v = region_alloc(in->arena, (size_t)cap * sizeof(double));
	if (!v && region_owns(in->arena, c->v)) {
		v = malloc((size_t)cap * sizeof(double));
		if (v)
			memcpy(v, c->v, (size_t)old * sizeof(double));
	} else if (!v) {
		v = realloc(c->v, (size_t)cap * sizeof(double));
	}
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
	for (int r = 0; r < RES_COUNT; r++) {
		struct column *c;

		if (!(in->mask & RES_MASK(r)))
			continue;
		c = &in->cols[r][tid];
		if (column_fit(in, c) < 0)
			return -ENOMEM;
		if (r == RES_CPU && !isnan(c->v[in->vm]))
			return fail(
			    in, "time",
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
		     "missing field (the row has %d fields, the header %d)", nf,
		     in->ncols);
		return;
	}
	if (store_row(in) < 0 && !in->err)
		in->err = -ENOMEM;
}

#define BYTES(b) (0x0101010101010101ull * (b))

/*
 * Flags the bytes of W (8 bytes of text, little-endian) below 0x2d, i.e.
 * ',' and everything special to CSV. The lowest flag is exact; a borrow
 * can only add false flags above a true one.
 */
static uint64_t below_comma(uint64_t w)
{
	return (w - BYTES(0x2d)) & ~w & BYTES(0x80);
}

/*
 * Where the '\n' that ends the line in S[0..N) is, with its commas noted
 * in END[0..*NF); N if the block has no '\n', or SIZE_MAX if the line
 * needs libcsv (a quote, space, tab or stray CR, or too many fields).
 * Skips 8 plain bytes at a time.
 */
static size_t scan_line(char *s, size_t n, char **end, size_t *nf)
{
	const bool swar = __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__;
	size_t i = 0;

	for (;; i++) {
		unsigned char c;
		uint64_t w, m;

		for (; swar && i + 8 <= n; i += 8) {
			memcpy(&w, s + i, 8);
			m = below_comma(w);
			if (m) {
				i += (size_t)__builtin_ctzll(m) >> 3;
				break;
			}
		}
		if (i >= n)
			return n;
		c = (unsigned char)s[i];
		if (c > ',') /* digits, letters, '.', '-': most bytes */
			continue;
		if (c == '\n')
			return i;
		if (c == ',' && *nf < MAX_COLS + 1)
			end[(*nf)++] = s + i;
		else if (c == ',' || c == '"' || c == ' ' || c == '\t' ||
			 (c == '\r' && (i + 1 == n || s[i + 1] != '\n')))
			return SIZE_MAX;
	}
}

/*
 * A data row with as many fields as the header, F[0..END[0]), ...: what
 * on_field() and on_row() would do with it, minus their checks, which
 * such a row passes: each field until an error, then the row.
 */
static void fast_row(struct ingest *in, char *f, char **end, size_t nf)
{
	for (size_t k = 0; k < nf && !in->err; f = end[k++] + 1) {
		size_t len = (size_t)(end[k] - f);

		*end[k] = '\0';
		if (value_field(in, in->role[k], len ? f : NULL, len) < 0 &&
		    !in->err)
			in->err = -ENOMEM;
	}
	if (!in->err && store_row(in) < 0 && !in->err)
		in->err = -ENOMEM;
}

/*
 * The fast path for the common line, taken between records: a whole
 * record ending in '\n' (or "\r\n") with no quote, space, tab or other CR
 * and at most MAX_COLS + 1 fields. It makes exactly the calls libcsv would
 * (fields NUL-terminated in place, an empty field as NULL, no call for an
 * empty line) and returns the line's length with its '\n'. Any other line
 * returns 0 untouched, for libcsv.
 */
static size_t fast_line(struct ingest *in, char *s, size_t n)
{
	char *end[MAX_COLS + 2], *f = s;
	size_t nf = 0, i = scan_line(s, n, end, &nf), body;

	if (i >= n)
		return 0; /* libcsv's, or it goes on in the next block */
	body = i > 0 && s[i - 1] == '\r' ? i - 1 : i;
	if (body == 0)
		return i + 1;
	end[nf++] = s + body;
	if (in->header_done && nf == (size_t)in->ncols) {
		fast_row(in, s, end, nf);
		return i + 1;
	}
	for (size_t k = 0; k < nf; f = end[k++] + 1) {
		*end[k] = '\0';
		on_field(end[k] == f ? NULL : f, (size_t)(end[k] - f), in);
	}
	on_row('\n', in);
	return i + 1;
}

/*
 * Feed BUF[0..N) one physical line at a time, counting lines: through
 * fast_line() when it can, else through libcsv.
 */
static int feed(struct ingest *in, struct csv_parser *p, char *buf, size_t n)
{
	while (n && !in->err) {
		/* the '\n' of a CRLF split across blocks: counted at its '\r'
		 */
		bool crlf_tail = textline_crlf_tail(in->cr_ended, buf, n);
		size_t len = 0;
		const char *nl = NULL;

		if (p->pstate == 0 && !crlf_tail) { /* libcsv's ROW_NOT_BEGUN */
			in->rec_line = in->line;
			len = fast_line(in, buf, n);
		}
		if (len) {
			in->line++;
		} else {
			if (crlf_tail)
				len = 1;
			else if ((nl = textline_end(buf, n)))
				len = (size_t)(nl - buf) + 1;
			else
				len = n;
			if (csv_parse(p, buf, len, on_field, on_row, in) != len)
				return fail(in, "(row)", "malformed CSV: %s",
					    csv_strerror(csv_error(p)));
			if (nl)
				in->line++;
		}
		in->cr_ended = buf[len - 1] == '\r';
		buf += len;
		n -= len;
	}
	return in->err;
}

static int read_all(struct ingest *in, FILE *fp)
{
	struct csv_parser p;
	struct readahead *ra = NULL;
	char *buf;
	size_t n;
	int rc = 0;

	if (readahead_open(fp, BUF_SIZE, &ra) < 0 ||
	    csv_init(&p, CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0) {
		readahead_close(ra);
		return -ENOMEM;
	}
	while (rc == 0 && (n = readahead_next(ra, &buf)) > 0) {
		const char *nul = memchr(buf, '\0', n);

		rc = feed(in, &p, buf, nul ? (size_t)(nul - buf) : n);
		if (rc == 0 && nul)
			rc = fail(in, "(row)", "NUL byte in the data");
	}
	if (rc == 0 && readahead_error(ra)) {
		rc = -readahead_error(ra);
		error_msg("cannot read '%s': %s", in->path, strerror(-rc));
	}
	if (rc == 0 && p.quoted && p.pstate == 2) { /* FIELD_BEGUN */
		in->line = in->rec_line;
		rc = fail(in, "(row)",
			  "unterminated quoted field in the "
			  "record that starts on this line");
	}
	if (rc == 0) {
		csv_fini(&p, on_field, on_row, in);
		rc = in->err;
	}
	csv_free(&p);
	readahead_close(ra);
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
	int last; /* gap_note(): index of the last gap seen */
	double last_gap;
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

/* gap_add() that also keeps each key's least position POS in FIRST;
 * -1 once a 64th distinct gap turns up. */
static int gap_note(struct gap_hist *g, uint64_t *first, double gap,
		    uint64_t pos)
{
	int64_t k;
	int i = g->last;

	/* Most gaps equal the one before: skip the rounding and the search. */
	if (g->n && gap == g->last_gap)
		goto found;
	k = llround(gap * 1e6);
	for (i = 0; i < g->n && g->key[i] != k; i++)
		;
	if (i == 64)
		return -1;
	if (i == g->n) {
		g->key[i] = k;
		g->count[i] = 0;
		first[i] = pos;
		g->n++;
	}
	g->last = i;
	g->last_gap = gap;
found:
	g->count[i]++;
	if (pos < first[i])
		first[i] = pos;
	return g->n == 64 ? -1 : 0;
}

/*
 * detect_step()'s answer, walking the columns in time order (its VM-by-VM
 * walk strides across every column for every VM, a cache miss per cell).
 * Valid only when 1 to 63 distinct gaps occur: then the VM-by-VM walk
 * never stops early and counts the same gaps, and a tie goes to the gap it
 * meets first, the one whose least (VM, time rank) is least. Returns the
 * gap, or -1 when the VM-by-VM walk must decide.
 */
static double detect_step_by_time(struct ingest *in, const uint32_t *order)
{
	struct gap_hist g = {.n = 0};
	uint64_t first[64]; /* least (VM << 32 | time rank) per key */
	double *prev = malloc((in->nvms ? in->nvms : 1) * sizeof(*prev));
	int best = -1;

	for (uint32_t v = 0; prev && v < in->nvms; v++)
		prev[v] = NAN;
	for (uint32_t i = 0; prev && i < in->ntimes && g.n < 64; i++) {
		const struct column *c = &in->cols[RES_CPU][order[i]];
		double t = in->times[order[i]];

		for (uint32_t v = 0; v < c->cap && v < in->nvms; v++) {
			if (isnan(c->v[v]))
				continue;
			if (!isnan(prev[v]) &&
			    gap_note(&g, first, t - prev[v],
				     (uint64_t)v << 32 | i) < 0)
				break;
			prev[v] = t;
		}
	}
	free(prev);
	if (!prev || g.n == 0 || g.n >= 64)
		return -1;
	for (int i = 0; i < g.n; i++)
		if (best < 0 || g.count[i] > g.count[best] ||
		    (g.count[i] == g.count[best] && first[i] < first[best]))
			best = i;
	return (double)g.key[best] / 1e6;
}

/* Most common gap between consecutive samples of a VM (or, failing that,
 * between consecutive distinct times); 0 if there is a single time. */
static double detect_step(struct ingest *in, const uint32_t *order)
{
	struct gap_hist g = {.n = 0};
	struct column *cpu = in->cols[RES_CPU];
	int best = -1;
	double fast = detect_step_by_time(in, order);

	if (fast >= 0)
		return fast;
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

/* Most slots the grid may have for the rows read (see SPARSE_RATIO). */
static double max_slots(const struct ingest *in)
{
	double cells = (double)in->rows * SPARSE_RATIO;

	if (cells < (double)SPARSE_CELLS)
		cells = (double)SPARSE_CELLS;
	if (cells > (double)MAX_CELLS)
		cells = (double)MAX_CELLS;
	return cells / (in->nvms ? in->nvms : 1);
}

/*
 * Distinct times A < B fell on one slot: an error if a VM has a sample at
 * both (one would overwrite the other). The line is where B first appears.
 */
static int check_collision(struct ingest *in, uint32_t a, uint32_t b)
{
	const struct column *ca = &in->cols[RES_CPU][a];
	const struct column *cb = &in->cols[RES_CPU][b];

	for (uint32_t v = 0; v < ca->cap && v < cb->cap && v < in->nvms; v++)
		if (!isnan(ca->v[v]) && !isnan(cb->v[v]))
			return error_data(in->path, in->tline[b], "time",
					  "VM '%s' has two samples on one slot "
					  "(at %.17g s and %.17g s)",
					  in->names[v], in->times[a],
					  in->times[b]);
	return 0;
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
		if (k >= max_slots(in))
			return error_data(
			    in->path, in->line, "time",
			    "%s is too far from the start %.17g s "
			    "for a grid of step %.17g s (%.0f "
			    "slots x %u VMs for %zu rows)",
			    msg, start, step, nearbyint(k) + 1, in->nvms,
			    in->rows);
		slot[id] = (uint32_t)nearbyint(k);
		for (uint32_t j = i; j-- > 0 && slot[order[j]] == slot[id];)
			if (check_collision(in, order[j], id) < 0)
				return -EBADMSG;
	}
	*nslots = (size_t)slot[order[in->ntimes - 1]] + 1;
	return 0;
}

/* The grid being built: a dense VMs x slots matrix per resource. */
struct dense {
	size_t nvms, nslots;
	double step;
	double *m[RES_COUNT];
};

static double *dense_row(struct dense *d, int r, size_t vm)
{
	return d->m[r] ? d->m[r] + vm * d->nslots : NULL;
}

/* Move every column into the matrix (marking observed cells), freeing it. */
static void transpose(struct ingest *in, struct dense *t, const uint32_t *slot,
		      uint8_t *seen)
{
	size_t nslots = t->nslots;
	const void *done = NULL; /* end of the last arena column moved */

	for (uint32_t id = 0; id < in->ntimes; id++) {
		for (int r = 0; r < RES_COUNT; r++) {
			struct column *c;
			uint32_t nv;
			double *cell; /* VM v's cell: cell[v * nslots] */

			if (!(in->mask & RES_MASK(r)))
				continue;
			c = &in->cols[r][id];
			nv = c->cap < in->nvms ? c->cap : in->nvms;
			cell = nv ? dense_row(t, r, 0) + slot[id] : NULL;
			for (uint32_t v = 0; v < nv; v++) {
				if (isnan(c->v[v]))
					continue;
				cell[(size_t)v * nslots] = c->v[v];
				if (r == RES_CPU)
					seen[(size_t)v * nslots + slot[id]] = 1;
			}
			if (region_owns(in->arena, c->v))
				done = c->v + c->cap;
			else
				free(c->v);
			c->v = NULL;
			c->cap = 0;
		}
		/* Give freed columns back so the peak stays near one matrix
		 * (arena columns were allocated in id order). */
		region_release_below(in->arena, done);
		if ((id & 1023) == 1023)
			malloc_trim(0);
	}
}

/* Copy slot FROM - 1 of VM into slots [FROM, TO), every resource. */
static void hold(struct dense *t, size_t vm, size_t from, size_t to)
{
	for (int r = 0; r < RES_COUNT; r++) {
		double *row = dense_row(t, r, vm);

		for (size_t i = from; row && i < to; i++)
			row[i] = row[from - 1];
	}
}

/*
 * Gap rule: inside the VM's span a run of missing slots up to
 * INGEST_MAX_HOLD s holds the previous sample; a longer run, and every
 * slot outside the span, stays 0 (the store starts zeroed).
 */
static void repair(struct dense *t, const uint8_t *seen,
		   struct ingest_stats *st)
{
	size_t nslots = t->nslots, run;
	size_t max_run = (size_t)(INGEST_MAX_HOLD / t->step + 1e-9);

	for (size_t v = 0; v < t->nvms; v++) {
		const uint8_t *s = seen + v * nslots;
		size_t first = 0, last = nslots;

		while (first < nslots && !s[first])
			first++;
		while (last > first && !s[last - 1])
			last--;
		st->absent += nslots - (last - first);
		for (size_t i = first + 1; i < last; i += run ? run : 1) {
			for (run = 0; !s[i + run]; run++)
				; /* ends: s[last - 1] is set */
			if (run > max_run) {
				st->gap_slots += run;
				st->gaps++;
			} else if (run) {
				st->filled += run;
				hold(t, v, i, i + run);
			}
		}
	}
}

static int dense_alloc(struct dense *d, unsigned mask)
{
	size_t n = d->nvms * d->nslots;

	for (int r = 0; r < RES_COUNT; r++)
		if ((mask & RES_MASK(r)) &&
		    !(d->m[r] = calloc(n ? n : 1, sizeof(double))))
			return -ENOMEM;
	return 0;
}

static void dense_free(struct dense *d)
{
	for (int r = 0; r < RES_COUNT; r++)
		free(d->m[r]);
}

/* The matrix into the store: each VM's span is its first to last sample. */
static int to_store(struct ingest *in, struct dense *d, const uint8_t *seen,
		    struct trace *t)
{
	int rc = trace_reserve(t, in->nvms);

	for (uint32_t v = 0; v < in->nvms && rc == 0; v++) {
		const uint8_t *s = seen + (size_t)v * d->nslots;
		size_t first = 0, last = d->nslots;

		while (first < d->nslots && !s[first])
			first++;
		while (last > first && !s[last - 1])
			last--;
		rc = trace_add_vm(t, in->names[v], first, last - first, NULL);
		if (rc < 0)
			break;
		trace_set_samples(t, v, in->nsamples[v]);
		for (int r = 0; r < RES_COUNT; r++) {
			float *x = trace_vals_mut(t, (enum res)r, v);
			double *row = dense_row(d, r, v);

			if (x && row)
				trace_set_scale(
				    t, (enum res)r, v,
				    trace_encode(row + first, last - first, x));
		}
	}
	return rc;
}

static int build(struct ingest *in, const struct ingest_opts *opts,
		 struct trace **out, struct ingest_stats *st)
{
	uint32_t *order = NULL, *slot = NULL;
	uint8_t *seen = NULL;
	struct trace *t = NULL;
	struct dense d = {0};
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
		step = 1; /* a single time: any step gives one slot */
	rc = place_times(in, order, step, slot, &nslots);
	if (rc < 0)
		goto out;
	rc = trace_create(nslots, in->times[order[0]], step, in->mask, &t);
	d = (struct dense){in->nvms, nslots, step, {NULL}};
	seen = calloc((size_t)in->nvms * nslots, 1);
	if (rc < 0 || !seen || dense_alloc(&d, in->mask) < 0) {
		rc = -ENOMEM;
		goto out;
	}
	transpose(in, &d, slot, seen);
	repair(&d, seen, st);
	rc = to_store(in, &d, seen, t);
	if (rc < 0)
		goto out;
	*out = t;
	t = NULL;
out:
	trace_destroy(t);
	dense_free(&d);
	free(seen);
	free(slot);
	free(order);
	return rc;
}

static void ingest_free(struct ingest *in)
{
	for (uint32_t i = 0; i < in->nvms; i++)
		free(in->names[i]);
	for (int r = 0; r < RES_COUNT; r++) {
		for (uint32_t i = 0; in->cols[r] && i < in->ntimes; i++)
			if (!region_owns(in->arena, in->cols[r][i].v))
				free(in->cols[r][i].v);
		free(in->cols[r]);
	}
	region_destroy(in->arena);
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

/*
 * An arena for the columns of a regular file: they hold 8 bytes per value
 * and a row of text has at least 2 bytes per value, so 4 bytes of address
 * space per byte of input leave room to spare. None (NULL) otherwise, or if
 * the address space cannot be had: the heap serves.
 */
static struct region *column_arena(FILE *fp)
{
	struct region *rg = NULL;
	struct stat st;

	if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size > 0 && (uint64_t)st.st_size < SIZE_MAX / 8)
		(void)region_create((size_t)st.st_size * 4, &rg);
	return rg;
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
	struct ingest in = {.path = path, .line = 1};
	struct ingest_stats st = {0};
	FILE *fp;
	int rc;

	fp = open_input(path);
	if (!fp)
		return -errno;
	in.arena = column_arena(fp);
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
	if (rc == 0 && !(opts && opts->quiet) &&
	    (st.filled || st.absent || st.gaps))
		error_warn("%s: %zu slot(s) inside a VM's span had no sample "
			   "(held the previous one, gaps up to %g s); %zu "
			   "slot(s) in %zu gap(s) longer than %g s set to 0 "
			   "(VM absent); %zu slot(s) outside a VM's span set "
			   "to 0",
			   path, st.filled, INGEST_MAX_HOLD, st.gap_slots,
			   st.gaps, INGEST_MAX_HOLD, st.absent);
	if (stats)
		*stats = st;
	ingest_free(&in);
	return rc;
}

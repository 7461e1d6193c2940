/*
 * ingest.c - canonical trace CSV -> trace store, in one streaming pass.
 *
 * While parsing, the slot grid is unknown (rows come in any order and the
 * step may have to be detected), so each VM's samples go into buffers of
 * its own on a grid of its own (sim/store/samples.h): about what the
 * store will hold, whatever the row order. At the end the step is found
 * (the most common gap between a VM's consecutive samples), every time
 * checked against the grid, and each VM's buffers handed over as its row
 * of the store, repaired by the gap rule: inside a VM's observed span a
 * missing slot holds the previous sample if its gap lasts at most
 * INGEST_MAX_HOLD s; in a longer gap and outside the span the VM demands
 * 0. All three are counted.
 *
 * Plain data rows are taken by rows_parse() (sim/store/rows.h), in a
 * large regular file by worker threads (sim/store/blocks.h) whose rows are
 * taken here in file order; the first line it does not take, and every
 * other line, go to libcsv, fed one physical line at a time, so that
 * every message names the exact line, the first bad one in file order.
 * A time that turns out wrong only once the grid is known
 * is named at the first line that holds it, found by reading the input
 * again (a pipe cannot be: then the line of the VM's first row is named).
 */
#include "sim/store/ingest.h"
#include "lib/hash.h"
#include "lib/error.h"
#include "lib/textline.h"
#include "sim/store/fbuf.h"
#include "sim/store/readahead.h"
#include "sim/store/rows.h"
#include "sim/store/blocks.h"
#include "sim/store/samples.h"

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
#include <unistd.h>

#define MAX_COLS ROWS_MAX_COLS
/* The grid may have at most MAX_SLOTS slots, the VMs' spans MAX_CELLS in
 * all (per resource: 32 GiB of floats). */
#define MAX_SLOTS (1ull << 32)
#define MAX_CELLS (1ull << 33)
/* Grid and spans may hold at most SPARSE_RATIO slots per row read (but
 * always SPARSE_CELLS): three rows must not ask for gigabytes. */
#define SPARSE_CELLS (1ull << 24)
#define SPARSE_RATIO 1024
#define BUF_SIZE (1 << 20)
#define HEAD_MAX (64 << 10) /* the longest header read ahead of the blocks */
/*
 * Worker threads parse files of PARALLEL_MIN bytes or more in blocks of
 * BLOCK: their buffers (~5 MB) would be felt in the peak memory of
 * smaller ones, whose whole ingest takes a fraction of a second. Blocks
 * of 128 KiB cost a quarter more time than 512 KiB (more hand-overs).
 */
#define BLOCK (512 << 10)
#define PARALLEL_MIN ((off_t)64 << 20)
#define FOUND 1 /* in->err of a second reading that found its time */

enum role {
	ROLE_TIME = RES_COUNT,
	ROLE_VM,
	ROLE_CPU_PROV,
	ROLE_MEM_PROV,
	ROLE_NONE
};

struct ingest {
	const char *path;
	unsigned long line;	/* physical line being fed */
	unsigned long rec_line; /* line the current record began on */
	bool cr_ended;		/* the last block fed ended in '\r' */
	int err;		/* first error, stops the parse */
	bool rereadable;	/* a regular file: find_line() can work */
	bool find;		/* a second reading, for FIND_TIME's line */
	double find_time;
	unsigned long found; /* the line it was found on */
	/* header */
	bool header_done;
	int ncols, field;
	int role[MAX_COLS];
	unsigned mask;
	bool has_prov;
	/* current record */
	double time, prov[2];
	struct rows_num val[RES_COUNT];
	char time_text[24]; /* the text TIME was parsed from */
	size_t time_len;
	uint32_t vm;
	/* VM names: interned; the next row's VM is guessed to be the last
	 * one plus vm_step (0 for VM-sorted input, 1 for time-sorted) */
	char **names;
	uint32_t nvms, names_cap;
	unsigned long *vline; /* the line of each VM's first row */
	double (*vprov)[2];   /* each VM's largest cpu_prov, mem_prov */
	uint32_t *vhash, vhsize;
	uint32_t last_vm, vm_step;
	struct samples *smp;
	/* the data rows' format, when rows_parse() can take them */
	struct rows_format fmt;
	bool fast;
	struct rows_out out; /* fast_rows()' records */
	uint32_t *ids;	     /* take_rows(): the records' VMs */
	uint32_t *order;     /* and their order by VM */
	double *times;	     /* may_group(): a VM's times */
	uint32_t *map;	     /* VM of each name of in->out */
	size_t map_cap;
	size_t ids_cap;
	int threads;
	size_t block;
	off_t parallel_min; /* the least file read by workers */
	size_t rows;
	/* a partitioned ingest (ingest_runs): its group, and the first parse
	 * error held, not printed, until the group agrees whose is first */
	const struct ingest_comm *comm;
	unsigned long err_line;
	char *err_field, *err_msg; /* malloc'd */
};

static const char *role_name(int role)
{
	if (role == ROLE_TIME)
		return "time";
	if (role == ROLE_VM)
		return "vm";
	if (role == ROLE_CPU_PROV)
		return "cpu_prov";
	if (role == ROLE_MEM_PROV)
		return "mem_prov";
	return res_name((enum res)role);
}

static int fail(struct ingest *in, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Hold the error of a partitioned ingest (see struct ingest). */
__attribute__((format(printf, 3, 0))) static int
hold(struct ingest *in, const char *field, const char *fmt, va_list ap)
{
	in->err_line = in->line;
	in->err_field = strdup(field);
	if (!in->err_field || vasprintf(&in->err_msg, fmt, ap) < 0) {
		in->err_msg = NULL;
		return -ENOMEM;
	}
	return -EBADMSG;
}

/* Report the first error only: libcsv keeps calling back after it. A
 * second reading reports nothing (the first one passed). */
static int fail(struct ingest *in, const char *field, const char *fmt, ...)
{
	va_list ap;

	if (in->err)
		return in->err;
	if (in->find)
		return in->err = -EBADMSG;
	va_start(ap, fmt);
	if (in->comm)
		in->err = hold(in, field, fmt, ap);
	else
		in->err = error_vdata(in->path, in->line, field, fmt, ap);
	va_end(ap);
	return in->err;
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
	else if (!strcmp(name, "cpu_prov"))
		role = ROLE_CPU_PROV;
	else if (!strcmp(name, "mem_prov"))
		role = ROLE_MEM_PROV;
	else if (res_parse(name, &r) == 0)
		role = (int)r;
	else
		return fail(in, name[0] ? name : "(empty)",
			    "unknown column '%s' (expected time, vm, cpu, mem, "
			    "disk, net, cpu_prov, mem_prov)",
			    name);
	for (int i = 0; i < in->ncols; i++)
		if (in->role[i] == role)
			return fail(in, name, "column '%s' appears twice",
				    name);
	if (role < RES_COUNT)
		in->mask |= RES_MASK(role);
	in->has_prov |= role == ROLE_CPU_PROV || role == ROLE_MEM_PROV;
	in->role[in->ncols++] = role;
	return 0;
}

/* The lines of limit(): below. */
static double limit(int role);

/* The data rows' format for rows_parse(); not with cpu_prov or mem_prov,
 * which only the general path takes. */
static int rows_format(struct ingest *in)
{
	struct rows_format *f = &in->fmt;
	struct rows_out *o = &in->out;

	f->ncols = in->ncols;
	f->nvals = 0;
	for (int c = 0; c < in->ncols; c++) {
		int role = in->role[c];

		f->kind[c] = role == ROLE_TIME ? ROWS_TIME
			     : role == ROLE_VM ? ROWS_VM
					       : ROWS_VALUE;
		f->res[c] = role < RES_COUNT ? (enum res)role : RES_CPU;
		f->limit[c] = role == ROLE_VM ? 0 : limit(role);
		f->nvals += f->kind[c] == ROWS_VALUE;
		if (role == ROLE_VM)
			f->vm = c;
	}
	in->fast = !in->has_prov && !in->find;
	if (!in->fast)
		return 0;
	return rows_out_grow(o, f->nvals) ? 0 : -ENOMEM;
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
	if (rows_format(in) < 0 ||
	    (!in->find && samples_create(in->mask, &in->smp) < 0))
		return in->err = -ENOMEM;
	return 0;
}

/* Resize *P to CAP elements of ELEM bytes. */
static int resize(void *p, size_t cap, size_t elem)
{
	void *q = realloc(*(void **)p, cap * elem);

	if (!q)
		return -ENOMEM;
	*(void **)p = q;
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

static int add_vm(struct ingest *in, const char *name, uint32_t slot)
{
	uint32_t n = in->nvms;

	if (n == in->names_cap) {
		uint32_t cap = n ? n + n / 2 : 64;

		if (resize(&in->names, cap, sizeof(*in->names)) < 0 ||
		    resize(&in->vline, cap, sizeof(*in->vline)) < 0 ||
		    (in->has_prov &&
		     resize(&in->vprov, cap, sizeof(*in->vprov)) < 0))
			return -ENOMEM;
		in->names_cap = cap;
	}
	if (samples_add_vm(in->smp) < 0 || !(in->names[n] = strdup(name)))
		return -ENOMEM;
	in->vline[n] = in->line;
	if (in->has_prov)
		in->vprov[n][0] = in->vprov[n][1] = 0;
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

/* The largest value of a field of ROLE. */
static double limit(int role)
{
	if (role == ROLE_TIME)
		return TRACE_MAX_TIME;
	if (role >= ROLE_CPU_PROV)
		return trace_limit(role == ROLE_CPU_PROV ? RES_CPU : RES_MEM);
	return trace_limit((enum res)role);
}

static int value_field(struct ingest *in, int role, const char *s, size_t len)
{
	struct rows_num num;
	double x;

	if (role == ROLE_VM) {
		if (len == 0)
			return fail(in, "vm", "empty VM name");
		return in->find ? 0 : intern_vm(in, s, len);
	}
	if (in->find && role != ROLE_TIME)
		return 0;
	if (len == 0)
		return fail(in, role_name(role), "empty value");
	if (role == ROLE_TIME && len == in->time_len &&
	    rows_same_text(s, in->time_text, len))
		return 0; /* rows of one time in a row: parsed already */
	if (rows_parse_num(s, &num) < 0)
		return fail(in, role_name(role), "'%s' is not a number", s);
	x = num.x;
	if (!isfinite(x))
		return fail(in, role_name(role), "'%s' is not finite", s);
	if (x < 0)
		return fail(in, role_name(role), "negative value '%s'", s);
	if (x > limit(role))
		return fail(in, role_name(role), "'%s' is above the limit %g",
			    s, limit(role));
	if (x == 0)
		x = 0; /* -0 would hash apart from 0 and dodge the duplicate
			  check */
	if (role == ROLE_TIME) {
		in->time = x;
		in->time_len = len < sizeof(in->time_text) ? len : 0;
		memcpy(in->time_text, s, in->time_len);
	} else if (role >= ROLE_CPU_PROV) {
		in->prov[role - ROLE_CPU_PROV] = x;
	} else {
		num.x = x;
		in->val[role] = num;
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

/* How many slots the VMs' spans may hold for the rows read. */
static double max_cells(size_t rows)
{
	double cells = (double)rows * SPARSE_RATIO;

	if (cells < (double)SPARSE_CELLS)
		cells = (double)SPARSE_CELLS;
	return cells < (double)MAX_CELLS ? cells : (double)MAX_CELLS;
}

static int store_row(struct ingest *in)
{
	int rc;

	if (in->find) {
		if (in->time == in->find_time) {
			in->found = in->line;
			in->err = FOUND;
		}
		return 0;
	}
	rc = samples_put(in->smp, in->vm, in->time, in->val, in->line,
			 max_cells(in->rows + 1));
	if (rc == SAMPLES_DUP)
		return fail(in, "time",
			    "duplicate sample for VM '%s' at time %.17g",
			    in->names[in->vm], in->time);
	if (rc < 0)
		return rc;
	for (int i = 0; in->has_prov && i < 2; i++)
		if (in->prov[i] > in->vprov[in->vm][i])
			in->vprov[in->vm][i] = in->prov[i];
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
	size_t nf = 0, i = rows_scan_line(s, n, end, &nf), body;

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
static int store_row(struct ingest *in);

/* Room in in->ids and in->order for N records, in in->map for M names. */
static bool room(struct ingest *in, size_t n, size_t m)
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
static size_t intern_rows(struct ingest *in, const struct rows_out *o,
			  unsigned long base)
{
	size_t n = o->n;

	if (!room(in, o->n, o->nnames))
		return 0;
	for (size_t k = 0; k < o->nnames; k++) {
		const struct rows_name *nm = &o->names[k];

		in->line = base + o->rec[nm->rec].line;
		if (in->nvms == UINT32_MAX - 1 ||
		    intern_vm(in, nm->s, nm->len) < 0) {
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
static void put_rec(struct ingest *in, const struct rows_out *o, size_t i,
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
	if (store_row(in) < 0 && !in->err)
		in->err = -ENOMEM;
}

/* The first N records of O in in->order (may_group() said they can be):
 * each VM's appended at once. */
static void append_rows(struct ingest *in, const struct rows_out *o, size_t n,
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
static bool group(struct ingest *in, size_t n)
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
static bool may_group(struct ingest *in, const struct rows_out *o, size_t n)
{
	if (samples_cells(in->smp) + (double)n > max_cells(in->rows + 1) ||
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

/*
 * The rows of O, read from line BASE on, as fast_row() would take them:
 * each until an error; then the line after them. Their VMs are found
 * first; rows that only append to their VMs' arrays (time-sorted input)
 * are then stored VM by VM, which writes each VM's memory once instead of
 * once a row; others in file order, each VM's buffers fetched a few rows
 * ahead.
 */
static void take_rows(struct ingest *in, const struct rows_out *o,
		      unsigned long base)
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
		if (intern_vm(in, nm->s, nm->len) == 0 || !in->err)
			in->err = -ENOMEM;
	}
	if (!in->err)
		in->line = base + o->lines;
	in->time_len = 0; /* in->time is no longer the text's kept */
}

/* As many whole data lines from BUF[0..N) as rows_parse() takes: their
 * length. */
static size_t fast_rows(struct ingest *in, char *buf, size_t n)
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

static int feed(struct ingest *in, struct csv_parser *p, char *buf, size_t n)
{
	while (n && !in->err) {
		/* the '\n' of a CRLF split across blocks: counted at its '\r'
		 */
		bool crlf_tail = textline_crlf_tail(in->cr_ended, buf, n);
		size_t len = 0;
		const char *nl = NULL;

		if (p->pstate == 0 && !crlf_tail && in->fast) {
			len = fast_rows(in, buf, n);
			if (len || in->err) {
				in->cr_ended = false;
				buf += len;
				n -= len;
				continue;
			}
		}
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

/* feed() BUF[0..N), which may hold a NUL byte: the rows before it are
 * parsed (their errors come first), the NUL itself is an error. */
static int feed_bytes(struct ingest *in, struct csv_parser *p,
		      char *buf, size_t n)
{
	const char *nul = memchr(buf, '\0', n);
	int rc = feed(in, p, buf, nul ? (size_t)(nul - buf) : n);

	if (rc == 0 && nul)
		rc = fail(in, "(row)", "NUL byte in the data");
	return rc;
}

/* From FP's position to the end, through feed(), the next block read
 * ahead. */
static int read_rest(struct ingest *in, struct csv_parser *p, FILE *fp)
{
	struct readahead *ra = NULL;
	char *buf;
	size_t n;
	int rc = 0;

	if (readahead_open(fp, BUF_SIZE, &ra) < 0)
		return -ENOMEM;
	while (rc == 0 && (n = readahead_next(ra, &buf)) > 0)
		rc = feed_bytes(in, p, buf, n);
	if (rc == 0 && readahead_error(ra)) {
		rc = -readahead_error(ra);
		error_msg("cannot read '%s': %s", in->path, strerror(-rc));
	}
	readahead_close(ra);
	return rc;
}

/* The data rows of FD from *AT on, parsed by worker threads, up to the
 * first line they do not take (*AT then at its start). */
static int read_blocks(struct ingest *in, int fd, off_t *at, off_t size)
{
	struct blocks *b;
	const struct rows_out *o;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int threads = in->threads ? in->threads : cpus > 1 ? (int)cpus : 1;
	int rc = blocks_open(fd, *at, size, &in->fmt, threads, in->block, &b);

	if (rc < 0)
		return rc == -ENOMEM ? rc : 0; /* no thread: the general path */
	while (!in->err && (o = blocks_next(b))) {
		take_rows(in, o, in->line);
		*at += (off_t)o->bytes;
	}
	blocks_close(b);
	return in->err;
}

/*
 * A regular file of a few blocks or more: its first line (the header) by
 * feed(), then its data rows by read_blocks(). FP is left where the
 * general path reads on (where it was if nothing was read).
 */
static int read_parallel(struct ingest *in, struct csv_parser *p, FILE *fp)
{
	int fd = fileno(fp), rc = 0;
	off_t at = ftello(fp);
	struct stat st;
	char *head;
	ssize_t n;
	const char *nl;

	if (in->find || in->threads == 1 || !in->rereadable || at < 0 ||
	    fstat(fd, &st) < 0 || st.st_size - at < in->parallel_min)
		return 0;
	head = malloc(HEAD_MAX);
	if (!head)
		return -ENOMEM;
	n = pread(fd, head, HEAD_MAX, at);
	nl = n > 0 ? textline_end(head, (size_t)n) : NULL;
	if (nl && *nl == '\n') {
		rc = feed_bytes(in, p, head, (size_t)(nl - head) + 1);
		at += nl - head + 1;
		if (rc == 0 && in->header_done && in->fast && p->pstate == 0)
			rc = read_blocks(in, fd, &at, st.st_size);
	}
	free(head);
	if (rc == 0 && fseeko(fp, at, SEEK_SET) != 0) {
		rc = -errno;
		error_msg("cannot read '%s': %s", in->path, strerror(errno));
	}
	return rc;
}

static int read_all(struct ingest *in, FILE *fp)
{
	struct csv_parser p;
	int rc;

	if (csv_init(&p, CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0)
		return -ENOMEM;
	rc = read_parallel(in, &p, fp);
	if (rc == 0)
		rc = read_rest(in, &p, fp);
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
	return rc;
}

struct gap_hist {
	int64_t key[64];
	size_t count[64];
	int n;
};

/* The histogram's key of a gap of GAP s: microseconds. */
static int64_t gap_key(double gap)
{
	return llround(gap * 1e6);
}

/* N more gaps of key K (new keys only while fewer than 64). */
static void gap_add_key(struct gap_hist *g, int64_t k, size_t n)
{
	for (int i = 0; i < g->n; i++)
		if (g->key[i] == k) {
			g->count[i] += n;
			return;
		}
	if (g->n < 64) {
		g->key[g->n] = k;
		g->count[g->n++] = n;
	}
}

static void gap_add(struct gap_hist *g, double gap, size_t n)
{
	gap_add_key(g, gap_key(gap), n);
}

/* The gaps between VM's consecutive samples. */
static void vm_gaps(const struct samples *s, uint32_t vm, struct gap_hist *g)
{
	struct samples_iter it;
	double t, prev = NAN, t0, gap;
	unsigned long line;
	size_t n;

	if (samples_regular(s, vm, &t0, &gap, &n)) {
		if (n > 1)
			gap_add(g, gap, n - 1);
		return;
	}
	samples_iter(s, vm, &it);
	while (samples_next(&it, &t, &line)) {
		if (!isnan(prev))
			gap_add(g, t - prev, 1);
		prev = t;
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* No VM has two samples: the gaps between consecutive distinct times. */
static int time_gaps(const struct ingest *in, struct gap_hist *g)
{
	double *t = malloc((in->nvms ? in->nvms : 1) * sizeof(*t));
	struct samples_iter it;
	unsigned long line;

	if (!t)
		return -ENOMEM;
	for (uint32_t v = 0; v < in->nvms; v++) {
		samples_iter(in->smp, v, &it);
		samples_next(&it, &t[v], &line);
	}
	qsort(t, in->nvms, sizeof(*t), cmp_double);
	for (uint32_t i = 1; i < in->nvms; i++)
		if (t[i] != t[i - 1])
			gap_add(g, t[i] - t[i - 1], 1);
	free(t);
	return 0;
}

/* The commonest gap of G, s (a tie goes to the key met first); 0 if none. */
static double gap_best(const struct gap_hist *g)
{
	int best = -1;

	for (int i = 0; i < g->n; i++)
		if (best < 0 || g->count[i] > g->count[best])
			best = i;
	return best < 0 ? 0 : (double)g->key[best] / 1e6;
}

/*
 * Most common gap between consecutive samples of a VM, VMs walked in the
 * order they first appear (a tie goes to the gap met first); failing that,
 * between consecutive distinct times; 0 if there is a single time.
 */
static int detect_step(const struct ingest *in, double *step)
{
	struct gap_hist g = {.n = 0};

	for (uint32_t v = 0; v < in->nvms && g.n < 64; v++)
		vm_gaps(in->smp, v, &g);
	if (g.n == 0 && time_gaps(in, &g) < 0)
		return -ENOMEM;
	*step = gap_best(&g);
	return 0;
}

/* The grid being checked: START + k*STEP, and the first error met. */
struct grid {
	double start, step, max_slots;
	size_t *first, *len; /* each VM's span, in slots */
	/* the error at the least time: its kind, time, VM, line if known */
	enum { OK, OFF_GRID, TOO_FAR, DUP, TWO_ON_ONE } err;
	double t, other;
	uint32_t vm;
	unsigned long line;
};

static void grid_error(struct grid *gd, int err, double t, double other,
		       uint32_t vm, unsigned long line)
{
	if (gd->err != OK && !(t < gd->t))
		return;
	gd->err = err;
	gd->t = t;
	gd->other = other;
	gd->vm = vm;
	gd->line = line;
}

/* Regular VMs whose times are whole multiples of the step: O(1). */
static bool check_regular(const struct ingest *in, struct grid *gd, uint32_t vm)
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

		grid_error(gd, TOO_FAR, t0 + i * g, 0, vm, 0);
	}
	gd->first[vm] = (size_t)q;
	gd->len[vm] = (size_t)(last - q) + 1;
	return true;
}

/* VM's times on the grid: each on it, not too far, one per slot. */
static void check_vm(const struct ingest *in, struct grid *gd, uint32_t vm)
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
			return grid_error(gd, OFF_GRID, t, 0, vm, line);
		if (k >= gd->max_slots)
			return grid_error(gd, TOO_FAR, t, 0, vm, line);
		if (t == prev)
			return grid_error(gd, DUP, t, 0, vm,
					  line > prev_line ? line : prev_line);
		if (k == prev_k)
			return grid_error(gd, TWO_ON_ONE, t, prev, vm, line);
		if (isnan(prev))
			gd->first[vm] = (size_t)k;
		gd->len[vm] = (size_t)k - gd->first[vm] + 1;
		prev = t;
		prev_k = k;
		prev_line = line;
	}
}

/*
 * The line of the first row with time T: a second reading of the input
 * (0 if it cannot be read again).
 */
static unsigned long find_line(const struct ingest *in, double t);

/*
 * The error GD found, at the first line holding its time (for a duplicate,
 * the later of the two rows), else the line kept, else the VM's first.
 */
static int report(const struct ingest *in, const struct grid *gd)
{
	unsigned long line = gd->err == DUP ? gd->line : find_line(in, gd->t);
	const char *vm = in->names[gd->vm];
	char msg[32];

	if (!line)
		line = gd->line ? gd->line : in->vline[gd->vm];
	snprintf(msg, sizeof(msg), "%.17g", gd->t);
	if (gd->err == OFF_GRID)
		return error_data(in->path, line, "time",
				  "%s is not on the slot grid (start %.17g s, "
				  "step %.17g s)",
				  msg, gd->start, gd->step);
	if (gd->err == TOO_FAR)
		return error_data(in->path, line, "time",
				  "%s is too far from the start %.17g s for a "
				  "grid of step %.17g s (more than %.0f slots "
				  "for %zu rows)",
				  msg, gd->start, gd->step, gd->max_slots,
				  in->rows);
	if (gd->err == DUP)
		return error_data(in->path, line, "time",
				  "duplicate sample for VM '%s' at time %s", vm,
				  msg);
	return error_data(in->path, line, "time",
			  "VM '%s' has two samples on one slot (at %.17g s "
			  "and %.17g s)",
			  vm, gd->other, gd->t);
}

/* VM V's span takes the spans past max_cells(): say so, at the first line
 * holding its last sample. */
static int cells_error(const struct ingest *in, const struct grid *gd,
		       uint32_t v)
{
	double most = max_cells(in->rows), last = 0;
	unsigned long line;
	struct samples_iter it;

	samples_iter(in->smp, v, &it);
	while (samples_next(&it, &last, &line))
		;
	line = find_line(in, last);
	return error_data(in->path, line ? line : in->vline[v], "time",
			  "VM '%s' spans %zu slots of %.17g s: with the VMs "
			  "before it, more than the %.0f slots allowed for "
			  "%zu rows",
			  in->names[v], gd->len[v], gd->step, most, in->rows);
}

/* The VMs' spans in all: at most max_cells() for the rows read. */
static int check_cells(const struct ingest *in, const struct grid *gd)
{
	double cells = 0, most = max_cells(in->rows);
	uint32_t v;

	for (v = 0; v < in->nvms && cells <= most; v++)
		cells += (double)gd->len[v];
	return cells <= most ? 0 : cells_error(in, gd, v - 1);
}

/*
 * Gap rule on a row of LEN slots (NaN in cpu: no sample; the first and
 * last have one): a run of missing slots up to MAX_RUN holds the previous
 * sample, a longer one is 0 in every resource.
 */
static void repair(float *v[RES_COUNT], size_t len, size_t max_run,
		   struct ingest_stats *st)
{
	const float *cpu = v[RES_CPU];
	size_t run;

	for (size_t i = 1; i < len; i += run ? run : 1) {
		for (run = 0; isnan(cpu[i + run]); run++)
			; /* ends: cpu[len - 1] is a sample */
		if (!run)
			continue;
		for (int r = 0; r < RES_COUNT; r++) {
			float x = run > max_run ? 0 : v[r] ? v[r][i - 1] : 0;

			for (size_t j = i; v[r] && j < i + run; j++)
				v[r][j] = x;
		}
		if (run > max_run) {
			st->gap_slots += run;
			st->gaps++;
		} else {
			st->filled += run;
		}
	}
}

/* VM's buffers into T as its row, repaired. */
static int add_row(struct ingest *in, struct trace *t, const struct grid *gd,
		   uint32_t vm, struct ingest_stats *st)
{
	size_t len = gd->len[vm];
	size_t max_run = (size_t)(INGEST_MAX_HOLD / gd->step + 1e-9);
	float *v[RES_COUNT];
	unsigned dec[RES_COUNT];
	int rc = samples_take(in->smp, vm, gd->start, gd->step, gd->first[vm],
			      len, v, dec);

	if (rc < 0)
		return rc;
	repair(v, len, max_run, st);
	rc = trace_add_vm_vals(t, in->names[vm], gd->first[vm], len, v, NULL);
	if (rc < 0) {
		for (int r = 0; r < RES_COUNT; r++)
			fbuf_free(v[r], len);
		return rc == -EEXIST ? -EINVAL : rc;
	}
	for (int r = 0; r < RES_COUNT; r++)
		trace_set_scale(t, (enum res)r, vm, dec[r]);
	trace_set_samples(t, vm, samples_count(in->smp, vm));
	for (int i = 0; in->has_prov && i < 2; i++)
		trace_set_provisioned(t, i ? RES_MEM : RES_CPU, vm,
				      in->vprov[vm][i]);
	st->absent += trace_nslots(t) - len;
	return 0;
}

/* The least time read (every VM's first sample). */
static double least_time(const struct ingest *in)
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

static int all_grid(struct ingest *in, struct grid *gd, size_t *nslots);

/* Check every time against the grid; the grid's length into *NSLOTS. */
static int check_grid(struct ingest *in, struct grid *gd, size_t *nslots)
{
	*nslots = 0;
	for (uint32_t v = 0; v < in->nvms; v++) {
		check_vm(in, gd, v);
		if (gd->err == OK && gd->first[v] + gd->len[v] > *nslots)
			*nslots = gd->first[v] + gd->len[v];
	}
	if (in->comm)
		return all_grid(in, gd, nslots);
	if (gd->err != OK)
		return report(in, gd);
	return check_cells(in, gd);
}

static int all_start(const struct ingest *in, int rc, double *start);
static int all_step(const struct ingest *in, double *step);
static int all_agree(const struct ingest *in, int rc);

static int build(struct ingest *in, const struct ingest_opts *opts,
		 struct trace **out, struct ingest_stats *st)
{
	struct grid gd = {.err = OK};
	struct trace *t = NULL;
	size_t nslots;
	int rc = samples_finish(in->smp);

	gd.start = least_time(in);
	if (in->comm)
		rc = all_start(in, rc, &gd.start);
	gd.max_slots = max_cells(in->rows) < (double)MAX_SLOTS
			   ? max_cells(in->rows)
			   : (double)MAX_SLOTS;
	gd.step = opts && opts->step > 0 ? opts->step : 0;
	if (rc == 0 && gd.step == 0)
		rc = in->comm ? all_step(in, &gd.step)
			      : detect_step(in, &gd.step);
	if (gd.step <= 0)
		gd.step = 1; /* a single time: any step gives one slot */
	gd.first = calloc(in->nvms, sizeof(*gd.first));
	gd.len = calloc(in->nvms, sizeof(*gd.len));
	if (rc == 0 && (!gd.first || !gd.len))
		rc = -ENOMEM;
	if (in->comm)
		rc = all_agree(in, rc);
	if (rc == 0)
		rc = check_grid(in, &gd, &nslots);
	if (rc == 0)
		rc = trace_create(nslots, gd.start, gd.step, in->mask, &t);
	if (rc == 0)
		rc = trace_reserve(t, in->nvms);
	for (uint32_t v = 0; rc == 0 && v < in->nvms; v++)
		rc = add_row(in, t, &gd, v, st);
	free(gd.first);
	free(gd.len);
	if (rc < 0) {
		trace_destroy(t);
		return rc;
	}
	*out = t;
	return 0;
}

static void ingest_free(struct ingest *in)
{
	for (uint32_t i = 0; i < in->nvms; i++)
		free(in->names[i]);
	free(in->names);
	free(in->vline);
	free(in->vprov);
	free(in->vhash);
	rows_out_free(&in->out);
	free(in->ids);
	free(in->order);
	free(in->map);
	free(in->times);
	free(in->err_field);
	free(in->err_msg);
	samples_destroy(in->smp);
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

static bool regular_file(FILE *fp)
{
	struct stat st;

	return fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode);
}

static unsigned long find_line(const struct ingest *in, double t)
{
	struct ingest f = {.path = in->path, .line = 1, .find = true};
	FILE *fp = NULL;

	f.find_time = t;
	if (!in->rereadable)
		return 0;
	if (strcmp(in->path, "-"))
		fp = fopen(in->path, "r");
	else if (fseek(stdin, 0, SEEK_SET) == 0)
		fp = stdin;
	if (!fp)
		return 0;
	read_all(&f, fp);
	if (fp != stdin)
		fclose(fp);
	return f.err == FOUND ? f.found : 0;
}

/* The repair warning (ingest.h), unless quiet or nothing was repaired. */
static void warn_repairs(const char *path, const struct ingest_opts *opts,
			 const struct ingest_stats *st)
{
	if (!(opts && opts->quiet) && (st->filled || st->absent || st->gaps))
		error_warn("%s: %zu slot(s) inside a VM's span had no sample "
			   "(held the previous one, gaps up to %g s); %zu "
			   "slot(s) in %zu gap(s) longer than %g s set to 0 "
			   "(VM absent); %zu slot(s) outside a VM's span set "
			   "to 0",
			   path, st->filled, INGEST_MAX_HOLD, st->gap_slots,
			   st->gaps, INGEST_MAX_HOLD, st->absent);
}

int ingest_file(const char *path, const struct ingest_opts *opts,
		struct trace **out, struct ingest_stats *stats)
{
	struct ingest in = {.path = path,
			    .line = 1,
			    .block = BLOCK,
			    .parallel_min = PARALLEL_MIN};
	struct ingest_stats st = {0};
	FILE *fp;
	int rc;

	fp = open_input(path);
	if (!fp)
		return -errno;
	in.rereadable = regular_file(fp);
	if (opts) {
		in.threads = opts->threads;
		in.block = opts->block ? opts->block : BLOCK;
		if (opts->block) /* a test's tiny blocks: any file */
			in.parallel_min = 4 * (off_t)opts->block;
	}
	rc = rehash(&in.vhash, &in.vhsize, 0, vm_key, &in);
	if (rc == 0)
		rc = read_all(&in, fp);
	if (rc == 0)
		rc = check_shape(&in);
	if (rc == 0)
		rc = build(&in, opts, out, &st);
	if (fp != stdin)
		fclose(fp);
	st.rows = in.rows;
	if (rc == 0)
		warn_repairs(path, opts, &st);
	if (stats)
		*stats = st;
	ingest_free(&in);
	malloc_trim(0); /* the buffers' heap fragments, before the caller's
			   own allocations */
	return rc;
}

/*
 * The partitioned ingest (ingest.h: ingest_runs). Each process parses the
 * rows of its VMs, every row of them, in file order, so its VMs come in
 * the order one process would number them, and each VM's first line is
 * the file's. What is global is agreed: the least time, the row count, the
 * step (the histogram walk of detect_step() replayed over every process's
 * VMs in the order of their first lines), the first grid error, the
 * grid's length, the spans' total and the repair counts; doubles travel
 * as the bits of a non-negative double, which order as the integers do.
 */

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

static int reduce(const struct ingest *in, int64_t *v, size_t n,
		  enum ingest_op op)
{
	return in->comm->reduce(in->comm->ctx, v, n, op);
}

/* Every process's RC in, the least out. */
static int all_agree(const struct ingest *in, int rc)
{
	int64_t v = rc;
	int e = reduce(in, &v, 1, INGEST_MIN);

	return e ? e : (int)v;
}

static int all_start(const struct ingest *in, int rc, double *start)
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
	if (a->n == a->cap) {
		size_t cap = a->cap ? 2 * a->cap : 256;

		if (resize(&a->v, cap, sizeof(*a->v)) < 0)
			return -ENOMEM;
		a->cap = cap;
	}
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
static int vm_record(const struct ingest *in, uint32_t vm, struct i64s *a,
		     struct gap_hist *g)
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
			rc = record_gap(a, at, gap_key(gap), (int64_t)n - 1);
	} else if (rc == 0) {
		samples_iter(in->smp, vm, &it);
		while (rc == 0 && samples_next(&it, &t, &line)) {
			if (!isnan(prev))
				rc = record_gap(a, at, gap_key(t - prev), 1);
			prev = t;
		}
	}
	for (size_t i = at; rc == 0 && i < a->n; i += 2)
		gap_add_key(g, a->v[i], (size_t)a->v[i + 1]);
	return rc;
}

/*
 * Replay the records of every process (ALL, LENS bytes each) in the order
 * of their first lines into G until it holds 64 keys, as detect_step()
 * walks the VMs. Each process sent its VMs up to the one that filled its
 * own histogram: the whole walk stops there or before.
 */
static void replay(const char *all, const size_t *lens, int np,
		   struct gap_hist *g)
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
			gap_add_key(g, at[best][2 + 2 * i],
				    (size_t)at[best][3 + 2 * i]);
		at[best] += 2 + 2 * at[best][1];
	}
}

/* time_gaps() over the first times of every process's VMs. */
static int all_time_gaps(const struct ingest *in, struct gap_hist *g)
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
	rc = all_agree(in, rc);
	if (rc == 0)
		rc = in->comm->allgather(in->comm->ctx, a.v, a.n * sizeof(*a.v),
					 &all, lens);
	n = 0;
	for (int r = 0; rc == 0 && r < in->comm->size; r++)
		n += lens[r] / sizeof(int64_t);
	if (rc == 0) {
		double *ts = (double *)(void *)all;

		qsort(ts, n, sizeof(*ts), cmp_double);
		for (size_t i = 1; i < n; i++)
			if (ts[i] != ts[i - 1])
				gap_add(g, ts[i] - ts[i - 1], 1);
	}
	free(all);
	free(lens);
	free(a.v);
	return rc;
}

/* detect_step() over the VMs of every process. */
static int all_step(const struct ingest *in, double *step)
{
	struct gap_hist mine = {.n = 0}, g = {.n = 0};
	struct i64s a = {0};
	size_t *lens = calloc((size_t)in->comm->size, sizeof(*lens));
	char *all = NULL;
	int rc = lens ? 0 : -ENOMEM;

	for (uint32_t v = 0; rc == 0 && v < in->nvms && mine.n < 64; v++)
		rc = vm_record(in, v, &a, &mine);
	rc = all_agree(in, rc);
	if (rc == 0)
		rc = in->comm->allgather(in->comm->ctx, a.v, a.n * sizeof(*a.v),
					 &all, lens);
	if (rc == 0)
		replay(all, lens, in->comm->size, &g);
	if (rc == 0 && g.n == 0)
		rc = all_time_gaps(in, &g);
	*step = gap_best(&g);
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
static int64_t all_cells_vm(const struct ingest *in, const struct grid *gd,
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
	*rc = all_agree(in, *rc);
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
static int all_cells(const struct ingest *in, const struct grid *gd)
{
	int64_t cells = 0, vline;
	double most = max_cells(in->rows);
	int rc;

	for (uint32_t v = 0; v < in->nvms; v++)
		cells += (int64_t)gd->len[v];
	rc = reduce(in, &cells, 1, INGEST_SUM);
	if (rc < 0 || (double)cells <= most)
		return rc;
	vline = all_cells_vm(in, gd, most, &rc);
	for (uint32_t v = 0; rc == 0 && v < in->nvms; v++)
		if ((int64_t)in->vline[v] == vline)
			cells_error(in, gd, v);
	return rc < 0 ? rc : -EBADMSG;
}

/* The grid error at the least time over every process (of two at one
 * time, the VM first in the file's), said by its process; else the
 * grid's length and the spans' total. */
static int all_grid(struct ingest *in, struct grid *gd, size_t *nslots)
{
	int64_t t = gd->err != OK ? bits(gd->t) : INT64_MAX, vline = INT64_MAX,
		len = (int64_t)*nslots;
	int rc = reduce(in, &t, 1, INGEST_MIN);

	if (rc == 0 && t == INT64_MAX) {
		rc = reduce(in, &len, 1, INGEST_MAX);
		*nslots = (size_t)len;
		return rc < 0 ? rc : all_cells(in, gd);
	}
	if (rc == 0 && gd->err != OK && bits(gd->t) == t)
		vline = (int64_t)in->vline[gd->vm];
	if (rc == 0)
		rc = reduce(in, &vline, 1, INGEST_MIN);
	if (rc == 0 && gd->err != OK && bits(gd->t) == t &&
	    (int64_t)in->vline[gd->vm] == vline)
		report(in, gd);
	return rc < 0 ? rc : -EBADMSG;
}

static int feed_runs(struct ingest *in, ingest_next_fn next, void *ctx)
{
	struct ingest_run run;
	struct csv_parser p;

	if (csv_init(&p, CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0)
		return -ENOMEM;
	while (!in->err && next(ctx, &run)) {
		in->line = run.line;
		in->cr_ended = false;
		feed(in, &p, run.buf, run.len);
	}
	if (!in->err)
		csv_fini(&p, on_field, on_row, in);
	csv_free(&p);
	return in->err;
}

/*
 * After the parse: the first parse error in file order, said by the
 * process that holds it (the header's, which all hold, by process 0); the
 * rows of all into in->rows; none is an error (at the line after the
 * last, NL + 1).
 */
static int all_parsed(struct ingest *in, int rc, unsigned long nl)
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

/* RC agreed, and the repair counts summed. */
static int all_stats(const struct ingest *in, int rc, struct ingest_stats *st)
{
	int64_t v[4] = {(int64_t)st->filled, (int64_t)st->absent,
			(int64_t)st->gap_slots, (int64_t)st->gaps};

	rc = all_agree(in, rc);
	if (rc == 0)
		rc = reduce(in, v, 4, INGEST_SUM);
	*st = (struct ingest_stats){in->rows, (size_t)v[0], (size_t)v[1],
				    (size_t)v[2], (size_t)v[3]};
	return rc;
}

int ingest_runs(const char *path, ingest_next_fn next, void *ctx,
		unsigned long nl, const struct ingest_comm *c,
		const struct ingest_opts *opts, struct trace **out,
		struct ingest_stats *stats)
{
	struct ingest in = {.path = path, .line = 1, .comm = c};
	struct ingest_stats st = {0};
	struct trace *t = NULL;
	struct stat sb;
	int rc = rehash(&in.vhash, &in.vhsize, 0, vm_key, &in);

	in.rereadable = strcmp(path, "-") && stat(path, &sb) == 0 &&
			S_ISREG(sb.st_mode); /* not a pipe: find_line() */
	if (rc == 0)
		rc = feed_runs(&in, next, ctx);
	rc = all_parsed(&in, rc, nl);
	if (rc == 0)
		rc = build(&in, opts, &t, &st);
	rc = all_stats(&in, rc, &st);
	if (rc == -EBADMSG) /* by the process that found it (all_*()) */
		error_set_reported();
	if (rc == 0 && c->rank == 0)
		warn_repairs(path, opts, &st);
	if (stats)
		*stats = st;
	ingest_free(&in);
	malloc_trim(0);
	if (rc < 0)
		trace_destroy(t);
	else
		*out = t;
	return rc;
}

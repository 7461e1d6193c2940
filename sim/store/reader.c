/*
 * reader.c - the canonical CSV reader: header, fields, VM names, rows (see
 * reader.h).
 *
 * While parsing, the slot grid is unknown (rows come in any order and the
 * step may have to be detected), so each VM's samples go into buffers of
 * its own on a grid of its own (sim/store/samples.h); sim/store/grid.h
 * builds the store from them at the end.
 */
#include "sim/store/reader.h"
#include "lib/error.h"
#include "lib/hash.h"
#include "lib/textline.h"
#include "sim/store/samples.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The VMs' spans may hold at most MAX_CELLS slots in all (per resource:
 * 32 GiB of floats), and at most SPARSE_RATIO slots per row read (but
 * always SPARSE_CELLS): three rows must not ask for gigabytes. */
#define MAX_CELLS (1ull << 33)
#define SPARSE_CELLS (1ull << 24)
#define SPARSE_RATIO 1024

enum role {
	ROLE_TIME = RES_COUNT,
	ROLE_VM,
	ROLE_CPU_PROV,
	ROLE_MEM_PROV,
	ROLE_NONE
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

/* Hold the error of a partitioned ingest (see struct reader). */
__attribute__((format(printf, 3, 0))) static int
hold(struct reader *in, const char *field, const char *fmt, va_list ap)
{
	in->err_line = in->line;
	in->err_field = strdup(field);
	if (!in->err_field || vasprintf(&in->err_msg, fmt, ap) < 0) {
		in->err_msg = NULL;
		return -ENOMEM;
	}
	return -EBADMSG;
}

/* A hint for a header whose column NAME is unknown: when it is the first
 * (FIRST), the file is likely not a canonical trace at all: separated by
 * ';' or tabs (a spreadsheet export, a raw Bitbrains file) or without a
 * header row (a raw PlanetLab or Alibaba file). "" otherwise. */
static const char *header_hint(bool first, const char *name)
{
	if (!first)
		return "";
	if (strchr(name, ';'))
		return "; the file is separated by ';' where the canonical "
		       "CSV uses commas (convert a Bitbrains file with vmux "
		       "import bitbrains)";
	if (strchr(name, '\t'))
		return "; the file is separated by tabs where the canonical "
		       "CSV uses commas";
	return "; the first line is not the header time,vm,cpu,... of a "
	       "canonical trace: vmux import converts PlanetLab, Bitbrains, "
	       "Azure and Alibaba files";
}

/* Report the first error only: libcsv keeps calling back after it. A
 * second reading reports nothing (the first one passed). */
int reader_fail(struct reader *in, const char *field, const char *fmt, ...)
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

int reader_column(const char *name)
{
	enum res r;

	if (!strcmp(name, "time"))
		return ROLE_TIME;
	if (!strcmp(name, "vm"))
		return ROLE_VM;
	if (!strcmp(name, "cpu_prov"))
		return ROLE_CPU_PROV;
	if (!strcmp(name, "mem_prov"))
		return ROLE_MEM_PROV;
	return res_parse(name, &r) == 0 ? (int)r : -1;
}

static int header_field(struct reader *in, const char *name)
{
	int role;

	if (in->ncols == 0) /* a spreadsheet's byte order mark */
		name += textline_bom(name, strlen(name));
	if (in->ncols >= ROWS_MAX_COLS)
		return reader_fail(in, name, "too many columns (at most %d)",
				   ROWS_MAX_COLS);
	role = reader_column(name);
	if (role < 0)
		return reader_fail(
		    in, name[0] ? name : "(empty)",
		    "unknown column '%s' (expected time, vm, cpu, mem, "
		    "disk, net, cpu_prov, mem_prov)%s",
		    name, header_hint(in->ncols == 0, name));
	for (int i = 0; i < in->ncols; i++)
		if (in->role[i] == role)
			return reader_fail(in, name,
					   "column '%s' appears twice", name);
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
static int rows_format(struct reader *in)
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

static int header_done(struct reader *in)
{
	static const char *const need[] = {"time", "vm", "cpu"};
	static const int need_role[] = {ROLE_TIME, ROLE_VM, RES_CPU};

	for (int k = 0; k < 3; k++) {
		int found = 0;

		for (int i = 0; i < in->ncols; i++)
			found |= in->role[i] == need_role[k];
		if (!found)
			return reader_fail(in, need[k],
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
		  uint64_t (*key)(struct reader *, uint32_t), struct reader *in)
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

static uint64_t vm_key(struct reader *in, uint32_t i)
{
	return hash_bytes(in->names[i], strlen(in->names[i]));
}

static int add_vm(struct reader *in, const char *name, uint32_t slot)
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

/* NAME's VM by a lookup (the guess, then the hash), else a new VM. */
static int lookup(struct reader *in, const char *name, size_t len)
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
		return reader_fail(in, "vm", "too many VMs");
	in->vm = in->last_vm = in->nvms;
	in->vm_step = 1; /* a new VM: the next row may bring another */
	return add_vm(in, name, h);
}

int reader_intern(struct reader *in, const char *name, size_t len, double t)
{
	uint32_t vm;
	int rc;

	if (isnan(t))
		return lookup(in, name, len);
	vm = trail_find(in->trail, t, name, len);
	if (vm != TRAIL_NONE) {
		in->vm = in->last_vm = vm;
		trail_note(in->trail, vm, name, len);
		return 0;
	}
	rc = lookup(in, name, len);
	if (rc == 0)
		trail_note(in->trail, in->vm, name, len);
	return rc;
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

/* S, field ROLE, into *NUM: a finite number in [0, its limit], -0 read
 * as 0; else the error said. */
static int checked_number(struct reader *in, int role, const char *s,
			  struct rows_num *num)
{
	if (rows_parse_num(s, num) < 0)
		return reader_fail(in, role_name(role), "'%s' is not a number",
				   s);
	if (!isfinite(num->x))
		return reader_fail(in, role_name(role), "'%s' is not finite",
				   s);
	if (num->x < 0)
		return reader_fail(in, role_name(role), "negative value '%s'",
				   s);
	if (num->x > limit(role))
		return reader_fail(in, role_name(role),
				   "'%s' is above the limit %g", s,
				   limit(role));
	if (num->x == 0)
		num->x = 0; /* -0 would hash apart from 0 and dodge the
			       duplicate check */
	return 0;
}

static int value_field(struct reader *in, int role, const char *s, size_t len)
{
	struct rows_num num;
	int rc;

	if (role == ROLE_VM) {
		if (len == 0)
			return reader_fail(in, "vm", "empty VM name");
		return in->find ? 0 : reader_intern(in, s, len, NAN);
	}
	if (in->find && role != ROLE_TIME)
		return 0;
	if (len == 0)
		return reader_fail(in, role_name(role), "empty value");
	if (role == ROLE_TIME && len == in->time_len &&
	    rows_same_text(s, in->time_text, len))
		return 0; /* rows of one time in a row: parsed already */
	rc = checked_number(in, role, s, &num);
	if (rc < 0)
		return rc;
	if (role == ROLE_TIME) {
		in->time = num.x;
		in->time_len = len < sizeof(in->time_text) ? len : 0;
		memcpy(in->time_text, s, in->time_len);
	} else if (role >= ROLE_CPU_PROV) {
		in->prov[role - ROLE_CPU_PROV] = num.x;
	} else {
		in->val[role] = num;
	}
	return 0;
}

static void on_field(void *s, size_t len, void *data)
{
	struct reader *in = data;
	int f = in->field++;

	if (in->err)
		return;
	if (!in->header_done) {
		header_field(in, s ? s : ""); /* CSV_EMPTY_IS_NULL */
		return;
	}
	if (f >= in->ncols) {
		reader_fail(in, "(extra)",
			    "more fields than the %d header columns",
			    in->ncols);
		return;
	}
	if (value_field(in, in->role[f], s, len) < 0 && !in->err)
		in->err = -ENOMEM;
}

double reader_max_cells(size_t rows)
{
	double cells = (double)rows * SPARSE_RATIO;

	if (cells < (double)SPARSE_CELLS)
		cells = (double)SPARSE_CELLS;
	return cells < (double)MAX_CELLS ? cells : (double)MAX_CELLS;
}

int reader_store_row(struct reader *in)
{
	int rc;

	if (in->find) {
		if (in->time == in->find_time) {
			in->found = in->line;
			in->err = READER_FOUND;
		}
		return 0;
	}
	rc = samples_put(in->smp, in->vm, in->time, in->val, in->line,
			 reader_max_cells(in->rows + 1));
	if (rc == SAMPLES_DUP)
		return reader_fail(in, "time",
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
	struct reader *in = data;
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
		reader_fail(
		    in, role_name(in->role[nf]),
		    "missing field (the row has %d field%s, the header %d)", nf,
		    nf == 1 ? "" : "s", in->ncols);
		return;
	}
	if (reader_store_row(in) < 0 && !in->err)
		in->err = -ENOMEM;
}

/*
 * A data row with as many fields as the header, F[0..END[0]), ...: what
 * on_field() and on_row() would do with it, minus their checks, which
 * such a row passes: each field until an error, then the row.
 */
static void fast_row(struct reader *in, char *f, char **end, size_t nf)
{
	for (size_t k = 0; k < nf && !in->err; f = end[k++] + 1) {
		size_t len = (size_t)(end[k] - f);

		*end[k] = '\0';
		if (value_field(in, in->role[k], len ? f : NULL, len) < 0 &&
		    !in->err)
			in->err = -ENOMEM;
	}
	if (!in->err && reader_store_row(in) < 0 && !in->err)
		in->err = -ENOMEM;
}

/*
 * The fast path for the common line, taken between records: a whole
 * record ending in '\n' (or "\r\n") with no quote, space, tab or other CR
 * and at most ROWS_MAX_COLS + 1 fields. It makes exactly the calls libcsv would
 * (fields NUL-terminated in place, an empty field as NULL, no call for an
 * empty line) and returns the line's length with its '\n'. Any other line
 * returns 0 untouched, for libcsv.
 */
static size_t fast_line(struct reader *in, char *s, size_t n)
{
	char *end[ROWS_MAX_COLS + 2], *f = s;
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

size_t reader_line(struct reader *in, struct csv_parser *p, char *buf, size_t n,
		   bool crlf_tail)
{
	size_t len = 0;
	const char *nl = NULL;

	if (p->pstate == 0 && !crlf_tail) { /* libcsv's ROW_NOT_BEGUN */
		in->rec_line = in->line;
		len = fast_line(in, buf, n);
	}
	if (len) {
		in->line++;
		return len;
	}
	if (crlf_tail)
		len = 1;
	else if ((nl = textline_end(buf, n)))
		len = (size_t)(nl - buf) + 1;
	else
		len = n;
	if (csv_parse(p, buf, len, on_field, on_row, in) != len) {
		reader_fail(in, "(row)", "malformed CSV: %s",
			    csv_strerror(csv_error(p)));
		return 0;
	}
	if (nl)
		in->line++;
	return len;
}

void reader_free(struct reader *in)
{
	for (uint32_t i = 0; i < in->nvms; i++)
		free(in->names[i]);
	free(in->names);
	trail_destroy(in->trail);
	free(in->vline);
	free(in->vprov);
	free(in->vhash);
	rows_out_free(&in->out);
	free(in->ids);
	free(in->order);
	free(in->map);
	free(in->times);
	free(in->stamp);
	groups_free(&in->grp);
	free(in->err_field);
	free(in->err_msg);
	samples_destroy(in->smp);
}

/* After the input: a whole header and a data row, else the error. */
int reader_check_shape(struct reader *in)
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

int reader_init(struct reader *in, const char *path,
		const struct ingest_comm *c)
{
	*in = (struct reader){.path = path, .line = 1, .comm = c};
	if (trail_create(&in->trail) < 0)
		return -ENOMEM;
	return rehash(&in->vhash, &in->vhsize, 0, vm_key, in);
}

int reader_fini(struct reader *in, struct csv_parser *p)
{
	csv_fini(p, on_field, on_row, in);
	return in->err;
}

/*
 * csvtab.c - read a small CSV table whole (see csvtab.h).
 *
 * As sim/plan/planfile.c does, libcsv (strict mode) is fed one physical line at
 * a time so that each row knows the line it begins on, and quote characters
 * are counted per line: an odd count at the end of the file is an
 * unterminated quote, opened on the line where the count turned odd.
 * Fields are kept as strings in one growing array, row-major.
 */
#include "reports/csvtab.h"
#include "lib/error.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUF_SIZE (1 << 16)

struct csvtab {
	char *path;
	size_t ncols, nrows;
	char **col;	     /* ncols names */
	char **field;	     /* nrows * ncols */
	unsigned long *line; /* per row */
	size_t nstored;	     /* fields stored, a partial last row included */
	size_t field_cap, row_cap;
};

struct reader {
	struct csvtab *t;
	unsigned long line, row_line, quote_line;
	size_t quotes, nf; /* quote characters so far; fields in this row */
	bool in_row, header_done;
	int err;
};

static int fail(struct reader *r, unsigned long line, const char *field,
		const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Keep the first error only: libcsv calls back after it. */
static int fail(struct reader *r, unsigned long line, const char *field,
		const char *fmt, ...)
{
	va_list ap;

	if (r->err)
		return r->err;
	va_start(ap, fmt);
	r->err = error_vdata(r->t->path, line, field, fmt, ap);
	va_end(ap);
	return r->err;
}

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
	size_t n = *cap ? *cap : 16;
	void *q;

	if (need <= *cap)
		return 0;
	while (n < need)
		n *= 2;
	q = realloc(*p, n * elem);
	if (!q)
		return -ENOMEM;
	*p = q;
	*cap = n;
	return 0;
}

/* Name of field F of the current row, for messages. */
static const char *colname(const struct reader *r, size_t f)
{
	return r->header_done && f < r->t->ncols ? r->t->col[f] : "(row)";
}

static void header_field(struct reader *r, const char *s)
{
	struct csvtab *t = r->t;
	size_t cap = t->ncols;

	for (size_t i = 0; i < t->ncols; i++)
		if (!strcmp(t->col[i], s)) {
			fail(r, r->row_line, s, "column '%s' appears twice", s);
			return;
		}
	if (!*s) {
		fail(r, r->row_line, "(header)", "column %zu has an empty name",
		     t->ncols + 1);
		return;
	}
	if (grow((void **)&t->col, &cap, t->ncols + 1, sizeof(char *)) ||
	    !(t->col[t->ncols] = strdup(s))) {
		r->err = -ENOMEM;
		return;
	}
	t->ncols++;
}

static void value_field(struct reader *r, const char *s)
{
	struct csvtab *t = r->t;
	size_t at = t->nrows * t->ncols + r->nf;

	if (r->nf >= t->ncols) {
		fail(r, r->row_line, "(extra)",
		     "more fields than the %zu header columns", t->ncols);
		return;
	}
	if (grow((void **)&t->field, &t->field_cap, at + 1, sizeof(char *)) ||
	    !(t->field[at] = strdup(s))) {
		r->err = -ENOMEM;
		return;
	}
	t->nstored = at + 1;
}

static void on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;

	(void)len;
	r->in_row = true;
	if (!r->err) {
		if (r->header_done)
			value_field(r, s);
		else
			header_field(r, s);
	}
	r->nf++;
}

static void on_row(int c, void *data)
{
	struct reader *r = data;
	struct csvtab *t = r->t;
	size_t nf = r->nf;

	(void)c;
	r->nf = 0;
	r->in_row = false;
	if (r->err)
		return;
	if (!r->header_done) {
		r->header_done = true;
		return;
	}
	if (nf < t->ncols) {
		fail(r, r->row_line, t->col[nf],
		     "missing field (the row has %zu fields, the header %zu)",
		     nf, t->ncols);
		return;
	}
	if (grow((void **)&t->line, &t->row_cap, t->nrows + 1,
		 sizeof(unsigned long))) {
		r->err = -ENOMEM;
		return;
	}
	t->line[t->nrows++] = r->row_line;
}

static size_t count_quotes(const char *s, size_t n)
{
	size_t q = 0;

	for (size_t i = 0; i < n; i++)
		q += s[i] == '"';
	return q;
}

static int parse_error(struct reader *r, struct csv_parser *p)
{
	if (csv_error(p) == CSV_EPARSE)
		return fail(r, r->line, colname(r, r->nf),
			    "stray quote: a field holding a quote must be "
			    "quoted whole, with the quote doubled");
	return fail(r, r->line, colname(r, r->nf), "malformed CSV: %s",
		    csv_strerror(csv_error(p)));
}

/* Feed BUF[0..N) one physical line at a time, tracking lines and quotes. */
static int feed(struct reader *r, struct csv_parser *p, const char *buf,
		size_t n)
{
	while (n && !r->err) {
		const char *nl = memchr(buf, '\n', n);
		size_t len = nl ? (size_t)(nl - buf) + 1 : n, q;
		bool was_open = r->quotes & 1;

		if (!r->in_row && !was_open)
			r->row_line = r->line;
		q = count_quotes(buf, len);
		if (!was_open && (q & 1))
			r->quote_line = r->line;
		r->quotes += q;
		if (csv_parse(p, buf, len, on_field, on_row, r) != len)
			return parse_error(r, p);
		if (nl)
			r->line++;
		buf += len;
		n -= len;
	}
	return r->err;
}

static int finish(struct reader *r, struct csv_parser *p)
{
	if (r->quotes & 1)
		return fail(r, r->quote_line, colname(r, r->nf),
			    "unterminated quoted field (opened on this line)");
	csv_fini(p, on_field, on_row, r);
	if (r->err)
		return r->err;
	if (!r->header_done)
		return fail(r, 1, "(header)",
			    "empty file: expected a header row");
	if (r->t->nrows == 0)
		return fail(r, r->line, r->t->col[0],
			    "no rows after the header");
	return 0;
}

static int parse(struct reader *r, FILE *fp)
{
	struct csv_parser p;
	char *buf = malloc(BUF_SIZE);
	size_t n;
	int rc = 0;

	if (!buf || csv_init(&p, CSV_STRICT | CSV_APPEND_NULL) != 0) {
		free(buf);
		return -ENOMEM;
	}
	while (rc == 0 && (n = fread(buf, 1, BUF_SIZE, fp)) > 0)
		rc = feed(r, &p, buf, n);
	if (rc == 0 && ferror(fp)) {
		rc = -EIO;
		error_msg("cannot read '%s': %s", r->t->path, strerror(EIO));
	}
	if (rc == 0)
		rc = finish(r, &p);
	csv_free(&p);
	free(buf);
	return rc;
}

static int check_required(struct reader *r, const char *const *required)
{
	for (; required && *required; required++)
		if (csvtab_col(r->t, *required) < 0)
			return fail(r, 1, *required,
				    "missing column '%s' in the header",
				    *required);
	return 0;
}

int csvtab_read(const char *path, const char *const *required,
		struct csvtab **out)
{
	struct reader r = {.line = 1};
	FILE *fp = NULL;
	int rc = -ENOMEM;

	r.t = calloc(1, sizeof(*r.t));
	if (!r.t || !(r.t->path = strdup(path)))
		goto out;
	fp = fopen(path, "r");
	if (!fp) {
		rc = -errno;
		error_msg("cannot open '%s': %s", path, strerror(errno));
		goto out;
	}
	rc = parse(&r, fp);
	if (rc == 0)
		rc = check_required(&r, required);
	if (rc == 0) {
		*out = r.t;
		r.t = NULL;
	}
out:
	if (fp)
		fclose(fp);
	csvtab_destroy(r.t);
	return rc;
}

void csvtab_destroy(struct csvtab *t)
{
	if (!t)
		return;
	/* A failed read may leave a partial row: free what was stored. */
	for (size_t i = 0; i < t->nstored; i++)
		free(t->field[i]);
	for (size_t i = 0; i < t->ncols; i++)
		free(t->col[i]);
	free(t->field);
	free(t->col);
	free(t->line);
	free(t->path);
	free(t);
}

const char *csvtab_path(const struct csvtab *t)
{
	return t->path;
}

size_t csvtab_nrows(const struct csvtab *t)
{
	return t->nrows;
}

size_t csvtab_ncols(const struct csvtab *t)
{
	return t->ncols;
}

const char *csvtab_colname(const struct csvtab *t, size_t col)
{
	return t->col[col];
}

int csvtab_col(const struct csvtab *t, const char *name)
{
	for (size_t i = 0; i < t->ncols; i++)
		if (!strcmp(t->col[i], name))
			return (int)i;
	return -1;
}

const char *csvtab_str(const struct csvtab *t, size_t row, int col)
{
	return col < 0 ? "" : t->field[row * t->ncols + (size_t)col];
}

unsigned long csvtab_line(const struct csvtab *t, size_t row)
{
	return t->line[row];
}

int csvtab_num(const struct csvtab *t, size_t row, int col, double lo,
	       double hi, bool empty_ok, double *out)
{
	const char *s = csvtab_str(t, row, col), *name;
	char *end;
	double v;

	name = col < 0 ? "(absent)" : t->col[col];
	if (!*s) {
		*out = NAN;
		return empty_ok ? 0
				: error_data(t->path, t->line[row], name,
					     "empty: a number is required");
	}
	errno = 0;
	v = strtod(s, &end);
	if (end == s || *end || !isfinite(v) || errno == ERANGE)
		return error_data(t->path, t->line[row], name,
				  "'%s' is not a finite number", s);
	if (v < lo || v > hi)
		return error_data(t->path, t->line[row], name,
				  "%s is outside [%g, %g]", s, lo, hi);
	*out = v;
	return 0;
}

int csvtab_count(const struct csvtab *t, size_t row, int col, double hi,
		 size_t *out)
{
	double v;
	int rc = csvtab_num(t, row, col, 0, hi, false, &v);

	if (rc < 0)
		return rc;
	if (v != floor(v))
		return error_data(t->path, t->line[row], t->col[col],
				  "%s is not a whole number",
				  csvtab_str(t, row, col));
	*out = (size_t)v;
	return 0;
}

int csvtab_check_total(const struct csvtab *t, const char *col)
{
	int c = csvtab_col(t, col);
	size_t n = t->nrows;

	for (size_t i = 0; i < n; i++) {
		const char *s = csvtab_str(t, i, c);

		if (!*s)
			return error_data(t->path, t->line[i], col,
					  "empty %s name", col);
		if (i + 1 < n && !strcmp(s, "total"))
			return error_data(t->path, t->line[i], col,
					  "the 'total' row must be the last");
		for (size_t j = 0; j < i; j++)
			if (!strcmp(csvtab_str(t, j, c), s))
				return error_data(t->path, t->line[i], col,
						  "'%s' appears twice (first "
						  "on line %lu)",
						  s, t->line[j]);
	}
	if (strcmp(csvtab_str(t, n - 1, c), "total"))
		return error_data(t->path, t->line[n - 1], col,
				  "the last row must be the 'total' row "
				  "(found '%s')",
				  csvtab_str(t, n - 1, c));
	if (n < 2)
		return error_data(t->path, t->line[n - 1], col,
				  "no rows before the total");
	return 0;
}

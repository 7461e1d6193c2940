/*
 * csvtab.c - read a small CSV table whole (see csvtab.h).
 *
 * The rows come from lib/csvfeed, as the plan reader's do (libcsv fed one
 * physical line at a time: each row knows the line it begins on; NUL
 * bytes refused, a lone CR ends a line). Fields are kept as strings in one
 * growing array, row-major.
 */
#include "reports/csvtab.h"
#include "lib/csvfeed.h"
#include "lib/error.h"
#include "lib/strv.h"
#include "lib/grow.h"
#include "lib/numtext.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	struct csvfeed in;
	struct csvtab *t;
	bool header_done;
};

/* Name of field F of the current row, for messages. */
static const char *colname(const struct csvfeed *in, size_t f)
{
	const struct reader *r = in->ctx;

	return r->header_done && f < r->t->ncols ? r->t->col[f] : "(row)";
}

static void header_field(struct reader *r, const char *s)
{
	struct csvtab *t = r->t;
	size_t cap = t->ncols;

	for (size_t i = 0; i < t->ncols; i++)
		if (!strcmp(t->col[i], s)) {
			csvfeed_fail(&r->in, r->in.row_line, s,
				     "column '%s' appears twice", s);
			return;
		}
	if (!*s) {
		csvfeed_fail(&r->in, r->in.row_line, "(header)",
			     "column %zu has an empty name", t->ncols + 1);
		return;
	}
	if (grow_array((void **)&t->col, &cap, t->ncols + 1, sizeof(char *),
		       16) ||
	    !(t->col[t->ncols] = strdup(s))) {
		csvfeed_oom(&r->in);
		return;
	}
	t->ncols++;
}

static void value_field(struct reader *r, size_t f, const char *s)
{
	struct csvtab *t = r->t;
	size_t at = t->nrows * t->ncols + f;

	if (f >= t->ncols) {
		csvfeed_fail(&r->in, r->in.row_line, "(extra)",
			     "more fields than the %zu header columns",
			     t->ncols);
		return;
	}
	if (grow_array((void **)&t->field, &t->field_cap, at + 1,
		       sizeof(char *), 16) ||
	    !(t->field[at] = strdup(s))) {
		csvfeed_oom(&r->in);
		return;
	}
	t->nstored = at + 1;
}

static void on_field(struct csvfeed *in, size_t f, const char *s, size_t len)
{
	struct reader *r = in->ctx;

	(void)len;
	if (r->header_done)
		value_field(r, f, s);
	else
		header_field(r, s);
}

static void on_row(struct csvfeed *in, size_t nf)
{
	struct reader *r = in->ctx;
	struct csvtab *t = r->t;

	if (!r->header_done) {
		r->header_done = true;
		return;
	}
	if (nf < t->ncols) {
		csvfeed_fail(
		    &r->in, r->in.row_line, t->col[nf],
		    "missing field (the row has %zu field%s, the header %zu)",
		    nf, nf == 1 ? "" : "s", t->ncols);
		return;
	}
	if (grow_array((void **)&t->line, &t->row_cap, t->nrows + 1,
		       sizeof(unsigned long), 16)) {
		csvfeed_oom(&r->in);
		return;
	}
	t->line[t->nrows++] = in->row_line;
}

static int parse(struct reader *r, FILE *fp)
{
	static const struct csvfeed_ops ops = {on_field, on_row, colname};
	int rc = csvfeed_read(&r->in, r->t->path, fp, &ops, r);

	if (rc == 0 && !r->header_done)
		return csvfeed_fail(&r->in, 1, "(header)",
				    "empty file: expected a header row");
	if (rc == 0 && r->t->nrows == 0)
		return csvfeed_fail(&r->in, r->in.line, r->t->col[0],
				    "no rows after the header");
	return rc;
}

static int check_required(struct reader *r, const char *const *required)
{
	for (; required && *required; required++)
		if (csvtab_col(r->t, *required) < 0)
			return csvfeed_fail(&r->in, 1, *required,
					    "missing column '%s' in the header",
					    *required);
	return 0;
}

int csvtab_read(const char *path, const char *const *required,
		struct csvtab **out)
{
	struct reader r = {0};
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

/* The pointer at offset OFF of X (a member of a reader's struct). */
static void *get_ptr(const void *x, size_t off)
{
	void *p;

	memcpy(&p, (const char *)x + off, sizeof(p));
	return p;
}

static void set_ptr(void *x, size_t off, const void *p)
{
	memcpy((char *)x + off, &p, sizeof(p));
}

/* Fill the new input X: table, records, count, total (csvtab.h). */
static int load(const struct csvtab_input *k, const char *path, char *x)
{
	struct csvtab *t = NULL;
	char *recs = NULL;
	size_t n = 0;
	int rc = csvtab_read(path, k->required, &t);

	set_ptr(x, k->tab, t);
	if (rc == 0 && k->total)
		rc = csvtab_check_total(t, k->total);
	if (rc == 0) {
		n = csvtab_nrows(t);
		recs = calloc(n, k->rec_size);
		rc = recs ? 0 : -ENOMEM;
	}
	set_ptr(x, k->recs, recs);
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = k->row(t, i, recs + i * k->rec_size);
	if (rc == 0 && k->total) /* the last row is the total */
		memcpy(x + k->total_at, recs + --n * k->rec_size, k->rec_size);
	memcpy(x + k->n, &n, sizeof(n));
	return rc;
}

int csvtab_input_read(const struct csvtab_input *k, const char *path,
		      void **out)
{
	char *x = calloc(1, k->size);
	int rc = x ? load(k, path, x) : -ENOMEM;

	if (rc < 0) {
		csvtab_input_free(k, x);
		return rc;
	}
	*out = x;
	return 0;
}

void csvtab_input_free(const struct csvtab_input *k, void *x)
{
	if (!x)
		return;
	csvtab_destroy(get_ptr(x, k->tab));
	free(get_ptr(x, k->recs));
	free(x);
}

void csvtab_destroy(struct csvtab *t)
{
	if (!t)
		return;
	/* A failed read may leave a partial row: free what was stored. */
	strv_free(t->field, t->nstored);
	strv_free(t->col, t->ncols);
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

/* "nan": an undefined rate as `vmux frontier` wrote it before it wrote an
 * empty field (e180ecd); read as the empty field it stands for. */
static bool old_empty(const char *s)
{
	return !strcmp(s, "nan");
}

int csvtab_num(const struct csvtab *t, size_t row, int col, double lo,
	       double hi, bool empty_ok, double *out)
{
	const char *s = csvtab_str(t, row, col), *name;
	double v;

	name = col < 0 ? "(absent)" : t->col[col];
	if (!*s || old_empty(s)) {
		*out = NAN;
		return empty_ok ? 0
				: error_data(t->path, t->line[row], name,
					     "%s%s%s: a number is required",
					     *s ? "'" : "empty", s,
					     *s ? "' (undefined)" : "");
	}
	if (numtext_parse(s, &v) < 0)
		return error_data(t->path, t->line[row], name,
				  "'%s' is not a decimal number", s);
	if (!isfinite(v))
		return error_data(t->path, t->line[row], name,
				  "'%s' is not a finite number", s);
	if (v < lo || v > hi)
		return error_data(t->path, t->line[row], name,
				  "%s is outside [%g, %g]", s, lo, hi);
	*out = v;
	return 0;
}

int csvtab_seed(const struct csvtab *t, size_t row, int col, const char **out)
{
	const char *s = csvtab_str(t, row, col);

	*out = s;
	if (!*s)
		return 0;
	errno = 0;
	if (strspn(s, "0123456789") == strlen(s) &&
	    (strtoull(s, NULL, 10), errno == 0))
		return 0;
	return error_data(t->path, t->line[row], t->col[col],
			  "'%s' is not an integer in [0, 2^64-1]", s);
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

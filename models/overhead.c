/*
 * overhead.c - read virtualization overhead factors (see overhead.h). Each
 * physical line is parsed as one CSV record by libcsv in strict mode, so a
 * message names the line it is about; a quote left open at the end of a
 * line is an error rather than a record spanning lines.
 */
#include "models/overhead.h"
#include "lib/numtext.h"
#include "lib/error.h"
#include "lib/textline.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COLS 16
#define STYLES_LEN 256

struct reader {
	const char *path, *style;
	unsigned long line;
	char *field[MAX_COLS];
	int nf, ncols;
	int col_style, col_res, col_factor;
	bool header_done;
	double *factor;
	unsigned *found;
	char styles[STYLES_LEN]; /* styles seen, for the "no such style" message
				  */
	int err;
};

static void on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;

	if (r->err)
		return;
	if (r->nf == MAX_COLS) {
		r->err = error_data(r->path, r->line, "(extra)",
				    "more than %d fields", MAX_COLS);
		return;
	}
	r->field[r->nf] = strndup(s ? s : "", s ? len : 0);
	if (!r->field[r->nf])
		r->err = -ENOMEM;
	else
		r->nf++;
}

static int header(struct reader *r)
{
	r->col_style = r->col_res = r->col_factor = -1;
	for (int i = 0; i < r->nf; i++) {
		int *col = !strcmp(r->field[i], "style")      ? &r->col_style
			   : !strcmp(r->field[i], "resource") ? &r->col_res
			   : !strcmp(r->field[i], "factor")   ? &r->col_factor
							      : NULL;

		if (col && *col >= 0)
			return error_data(r->path, r->line, r->field[i],
					  "column named twice");
		if (col)
			*col = i;
	}
	if (r->col_style < 0 || r->col_res < 0 || r->col_factor < 0)
		return error_data(r->path, r->line,
				  r->col_style < 0 ? "style"
				  : r->col_res < 0 ? "resource"
						   : "factor",
				  "missing from the header (style,resource,"
				  "factor[,source])");
	r->ncols = r->nf;
	r->header_done = true;
	return 0;
}

/* Remember STYLE for the message that lists the file's styles. */
static void note_style(struct reader *r, const char *style)
{
	size_t used = strlen(r->styles), len = strlen(style);
	char key[STYLES_LEN + 2];

	snprintf(key, sizeof(key), " %s,", style);
	if (strstr(r->styles, key) || used + len + 3 >= STYLES_LEN)
		return;
	strcat(r->styles, key);
}

static int parse_factor(struct reader *r, const char *s, double *out)
{
	errno = 0;
	/* Decimal only, as in traces: no hex ("0x1p1"), blanks, inf or nan. */
	if (numtext_parse(s, out) < 0 || errno || !isfinite(*out) ||
	    !(*out > 0))
		return error_data(r->path, r->line, "factor",
				  "'%s' is not a number > 0", s);
	return 0;
}

static int data_row(struct reader *r)
{
	const char *style = r->field[r->col_style];
	enum res res;
	double f;
	int rc;

	if (r->nf != r->ncols)
		return error_data(r->path, r->line,
				  r->nf > r->ncols ? "(extra)" : "(row)",
				  "%d field%s, the header has %d", r->nf,
				  r->nf == 1 ? "" : "s", r->ncols);
	if (!*style)
		return error_data(r->path, r->line, "style", "empty");
	note_style(r, style);
	if (res_parse(r->field[r->col_res], &res) < 0)
		return error_data(r->path, r->line, "resource",
				  "'%s' is not "
				  "cpu, mem, disk or net",
				  r->field[r->col_res]);
	rc = parse_factor(r, r->field[r->col_factor], &f);
	if (rc < 0 || strcmp(style, r->style))
		return rc;
	if (*r->found & RES_MASK(res))
		return error_data(r->path, r->line, "resource",
				  "%s of style "
				  "'%s' given twice",
				  res_name(res), style);
	r->factor[res] = f;
	*r->found |= RES_MASK(res);
	return 0;
}

/* Free the fields of the record being read. */
static void drop_fields(struct reader *r)
{
	for (int i = 0; i < r->nf; i++)
		free(r->field[i]);
	r->nf = 0;
}

static void on_row(int c, void *data)
{
	struct reader *r = data;

	(void)c;
	if (!r->err)
		r->err = r->header_done ? data_row(r) : header(r);
	drop_fields(r);
}

/* An odd number of quote characters leaves a quoted field open. */
static bool quotes_open(const char *s, size_t len)
{
	size_t q = 0;

	for (size_t i = 0; i < len; i++)
		q += s[i] == '"';
	return q & 1;
}

/* Parse one physical line as one record. */
static int parse_line(struct reader *r, struct csv_parser *p, char *s,
		      size_t len)
{
	while (len && (s[len - 1] == '\n' || s[len - 1] == '\r'))
		len--;
	if (len == 0)
		return 0; /* blank lines separate nothing: skipped */
	if (memchr(s, '\0', len))
		return r->err = error_data(r->path, r->line, "(row)",
					   "NUL byte in the data");
	if (quotes_open(s, len))
		return r->err =
			   error_data(r->path, r->line, "(row)",
				      "unterminated "
				      "quote (a row must stay on one line)");
	if (csv_parse(p, s, len, on_field, on_row, r) != len ||
	    csv_fini(p, on_field, on_row, r) != 0)
		if (!r->err)
			r->err = error_data(r->path, r->line, "(row)", "%s",
					    csv_strerror(csv_error(p)));
	return r->err;
}

static int read_all(struct reader *r, FILE *fp)
{
	struct csv_parser p;
	char *buf = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc = 0;

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL))
		return -ENOMEM;
	while (rc == 0 && (n = getline(&buf, &cap, fp)) >= 0) {
		size_t bom = 0;

		if (++r->line == 1) /* a spreadsheet's byte order mark */
			bom = textline_bom(buf, (size_t)n);
		rc = parse_line(r, &p, buf + bom, (size_t)n - bom);
	}
	if (rc == 0 && (rc = textline_stop(fp)) == -EIO)
		error_msg("cannot read '%s': %s", r->path, strerror(errno));
	drop_fields(r); /* a record libcsv refused in its middle */
	csv_free(&p);
	free(buf);
	return rc;
}

static const char builtin[] =
#include "overhead_literature.inc"
    ;

int overhead_load(const char *path, const char *style, double factor[RES_COUNT],
		  unsigned *found)
{
	struct reader r = {.path = path ? path : OVERHEAD_BUILTIN,
			   .style = style,
			   .factor = factor,
			   .found = found};
	FILE *fp = path ? fopen(path, "r")
			: fmemopen((void *)builtin, sizeof(builtin) - 1, "r");
	int rc;

	path = r.path;
	if (!fp) {
		rc = -errno;
		error_msg("cannot open overhead file '%s': %s", path,
			  strerror(errno));
		return rc;
	}
	for (int i = 0; i < RES_COUNT; i++)
		factor[i] = 1;
	*found = 0;
	rc = read_all(&r, fp);
	fclose(fp);
	if (*r.styles)
		r.styles[strlen(r.styles) - 1] = '\0'; /* the last comma */
	if (rc == 0 && !r.header_done)
		rc = error_data(path, 1, "(row)", "empty file: no header");
	else if (rc == 0 && !*found)
		rc = error_data(path, r.line, "style",
				"no row for style '%s' "
				"(styles in the file:%s)",
				style, *r.styles ? r.styles : " none");
	return rc;
}

/*
 * table.c - report tables as CSV files and HTML (see table.h).
 *
 * Cells are stored row-major; a text cell owns a copy of its string, a
 * number cell keeps the double.
 */
#include "reports/table.h"
#include "reports/html.h"
#include "lib/csvout.h"
#include "lib/outfile.h"
#include "lib/grow.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

struct cell {
	char *s; /* NULL: a number */
	double v;
};

struct table {
	char *name;
	struct table_col *col;
	size_t ncols, nrows, ncells, cap;
	struct cell *cell;
};

int table_create(const char *name, const struct table_col *cols, size_t ncols,
		 struct table **out)
{
	struct table *t = calloc(1, sizeof(*t));

	*out = NULL;
	if (!t)
		return -ENOMEM;
	t->name = strdup(name);
	t->col = calloc(ncols, sizeof(*t->col));
	t->ncols = ncols;
	if (!t->name || !t->col) {
		table_destroy(t);
		return -ENOMEM;
	}
	/* Column names are string literals of the callers: kept, not copied. */
	memcpy(t->col, cols, ncols * sizeof(*cols));
	*out = t;
	return 0;
}

void table_destroy(struct table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->ncells; i++)
		free(t->cell[i].s);
	free(t->cell);
	free(t->col);
	free(t->name);
	free(t);
}

static struct cell *next_cell(struct table *t)
{
	if (grow_array((void **)&t->cell, &t->cap, t->ncells + 1,
		       sizeof(*t->cell), 64))
		return NULL;
	t->cell[t->ncells] = (struct cell){NULL, NAN};
	return &t->cell[t->ncells++];
}

int table_text(struct table *t, const char *s)
{
	struct cell *c = next_cell(t);

	if (!c || !(c->s = strdup(s)))
		return -ENOMEM;
	return 0;
}

int table_num(struct table *t, double v)
{
	struct cell *c = next_cell(t);

	if (!c)
		return -ENOMEM;
	c->v = v;
	return 0;
}

int table_end_row(struct table *t)
{
	if (t->ncells != (t->nrows + 1) * t->ncols)
		return -EINVAL;
	t->nrows++;
	return 0;
}

size_t table_nrows(const struct table *t)
{
	return t->nrows;
}

const char *table_name(const struct table *t)
{
	return t->name;
}

static void csv_cell(FILE *fp, const struct cell *c)
{
	if (c->s)
		csvout_field(fp, c->s);
	else if (!isnan(c->v))
		fprintf(fp, "%.10g", c->v);
}

int table_write_csv(const struct table *t, const char *dir)
{
	struct outfile *of;
	char *path;
	FILE *fp;
	int rc;

	if (asprintf(&path, "%s/%s.csv", dir, t->name) < 0)
		return -ENOMEM;
	rc = outfile_open(path, &of);
	free(path);
	if (rc < 0)
		return rc;
	fp = outfile_fp(of);
	for (size_t j = 0; j < t->ncols; j++) {
		if (j)
			fputc(',', fp);
		csvout_field(fp, t->col[j].name);
	}
	fputc('\n', fp);
	for (size_t i = 0; i < t->nrows; i++) {
		for (size_t j = 0; j < t->ncols; j++) {
			if (j)
				fputc(',', fp);
			csv_cell(fp, &t->cell[i * t->ncols + j]);
		}
		fputc('\n', fp);
	}
	return outfile_commit(of);
}

/* A number as the page shows it in a column of format FMT. */
static void html_number(FILE *fp, double v, enum table_fmt fmt)
{
	if (isnan(v)) {
		fputs("&ndash;", fp);
		return;
	}
	switch (fmt) {
	case TABLE_INT:
		fprintf(fp, "%.0f", v);
		break;
	case TABLE_FIX2:
		fprintf(fp, "%.2f", v);
		break;
	case TABLE_PCT:
		fprintf(fp, "%.2f&nbsp;%%", 100 * v);
		break;
	case TABLE_PCTPT:
		fprintf(fp, "%.1f&nbsp;%%", v);
		break;
	default:
		fprintf(fp, "%.4g", v);
		break;
	}
}

static void html_row(const struct table *t, FILE *fp, size_t i)
{
	fputs("<tr>", fp);
	for (size_t j = 0; j < t->ncols; j++) {
		const struct cell *c = &t->cell[i * t->ncols + j];

		fputs(c->s ? "<td>" : "<td class=\"n\">", fp);
		if (c->s)
			html_text(fp, c->s);
		else
			html_number(fp, c->v, t->col[j].fmt);
		fputs("</td>", fp);
	}
	fputs("</tr>\n", fp);
}

void table_write_html(const struct table *t, FILE *fp, size_t max_rows)
{
	size_t shown = max_rows && max_rows < t->nrows ? max_rows : t->nrows;

	fputs("<div class=\"tw\"><table>\n<tr>", fp);
	for (size_t j = 0; j < t->ncols; j++) {
		fputs("<th>", fp);
		html_text(fp,
			  t->col[j].label ? t->col[j].label : t->col[j].name);
		fputs("</th>", fp);
	}
	fputs("</tr>\n", fp);
	for (size_t i = 0; i < shown; i++)
		html_row(t, fp, i);
	fputs("</table></div>\n<p class=\"csv\">", fp);
	if (shown < t->nrows)
		fprintf(fp, "First %zu of %zu rows shown; all in ", shown,
			t->nrows);
	else
		fputs("As CSV: ", fp);
	fputs("<a href=\"", fp);
	html_text(fp, t->name);
	fputs(".csv\">", fp);
	html_text(fp, t->name);
	fputs(".csv</a></p>\n", fp);
}

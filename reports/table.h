/*
 * table.h - a table of the report: written as NAME.csv beside index.html
 * (machine-readable: full precision, empty for undefined) and shown in the
 * page (rounded, percentages for rates), from the same cells.
 *
 * Cells are text or numbers; a number's column says how the page shows it
 * (the CSV always has the value itself, %.10g; NAN is an empty field).
 * Invariants: every row has exactly ncols cells once table_end_row() was
 * called.
 */
#ifndef VMUX_TABLE_H
#define VMUX_TABLE_H

#include <stddef.h>
#include <stdio.h>

enum table_fmt {
	TABLE_TEXT,  /* a string */
	TABLE_INT,   /* a whole number */
	TABLE_NUM,   /* 4 significant digits */
	TABLE_FIX2,  /* 2 decimals */
	TABLE_PCT,   /* a fraction shown as "12.34 %" */
	TABLE_PCTPT, /* a value already in percent, shown "12.3 %" */
};

struct table_col {
	const char *name;  /* CSV header */
	const char *label; /* page header (units); NULL = name */
	enum table_fmt fmt;
};

struct table;

/*
 * New table called NAME (file NAME.csv) with NCOLS columns COLS (the
 * array is copied; its strings must outlive the table: string literals).
 * -ENOMEM, with *OUT set to NULL (so table_destroy(*OUT) is safe).
 */
int table_create(const char *name, const struct table_col *cols, size_t ncols,
		 struct table **out);
/* Free T. NULL is a no-op. */
void table_destroy(struct table *t);

/* Append cells to the current row, left to right; -ENOMEM. */
int table_text(struct table *t, const char *s);
int table_num(struct table *t, double v);
/* Close the current row; -EINVAL (a bug) if it has the wrong cell count. */
int table_end_row(struct table *t);

size_t table_nrows(const struct table *t);
const char *table_name(const struct table *t);

/*
 * Write DIR/NAME.csv (RFC 4180, quoted where needed) through outfile.h.
 * -errno with the path printed.
 */
int table_write_csv(const struct table *t, const char *dir);
/*
 * The page's <table>: at most MAX_ROWS rows (0 = all) and, when rows are
 * left out, a line saying how many and that NAME.csv has them all; a link
 * to NAME.csv under the table.
 */
void table_write_html(const struct table *t, FILE *fp, size_t max_rows);

#endif

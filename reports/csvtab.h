/*
 * csvtab.h - a small CSV table read whole: the report's inputs (evaluate,
 * frontier, bench and validate outputs), each a few hundred rows at most.
 *
 * Format: RFC 4180 CSV (libcsv, strict mode) with a header row naming the
 * columns; every row has exactly as many fields as the header; blank lines
 * are skipped; unquoted blanks around a field are trimmed. Invariants of a
 * table read back: column names are unique and non-empty, every field is a
 * NUL-terminated string (possibly empty), rows keep file order and remember
 * the line they begin on, so every later complaint can name FILE:LINE.
 */
#ifndef VMUX_CSVTAB_H
#define VMUX_CSVTAB_H

#include <stdbool.h>
#include <stddef.h>

struct csvtab;

/*
 * Read PATH into *OUT (free with csvtab_destroy). REQUIRED, if not NULL,
 * is a NULL-terminated list of column names that must be in the header.
 * Bad data (empty file, a column named twice or missing, a row with too
 * few or too many fields, a stray or unterminated quote, no rows) prints
 * "FILE:LINE: field 'NAME': reason" and returns -EBADMSG; a file that
 * cannot be read prints its path and returns -errno; -ENOMEM.
 */
int csvtab_read(const char *path, const char *const *required,
		struct csvtab **out);
/* Free T. NULL is a no-op. */
void csvtab_destroy(struct csvtab *t);

/*
 * A typed table: csvtab_read(PATH, REQUIRED) into *TAB, then (with TOTAL
 * not NULL) csvtab_check_total(TOTAL), then ROW(t, i, rec) for each row i
 * into a new array *RECS of *N records of SIZE bytes (the caller frees it
 * and *TAB, also after a failure: both may be set then). ROW returns 0 or
 * -EBADMSG with a message.
 */
int csvtab_load(const char *path, const char *const *required,
		const char *total, size_t size,
		int (*row)(const struct csvtab *t, size_t i, void *rec),
		struct csvtab **tab, void **recs, size_t *n);

/* The path T was read from. */
const char *csvtab_path(const struct csvtab *t);
size_t csvtab_nrows(const struct csvtab *t);
size_t csvtab_ncols(const struct csvtab *t);
/* Name of column COL. */
const char *csvtab_colname(const struct csvtab *t, size_t col);
/* Index of the column called NAME, or -1. */
int csvtab_col(const struct csvtab *t, const char *name);
/* Field COL of ROW; "" when COL < 0 (an optional column that is absent). */
const char *csvtab_str(const struct csvtab *t, size_t row, int col);
/* Line of the file ROW begins on (1 = the header). */
unsigned long csvtab_line(const struct csvtab *t, size_t row);

/*
 * Field COL of ROW as a finite number in [LO, HI] into *OUT. An empty
 * field (or COL < 0) gives NAN when EMPTY_OK, else an error. Prints
 * "FILE:LINE: field 'NAME': reason" and returns -EBADMSG otherwise.
 */
int csvtab_num(const struct csvtab *t, size_t row, int col, double lo,
	       double hi, bool empty_ok, double *out);
/*
 * Check a per-host table: COL's values are non-empty and unique, the last
 * row's is "total" and no other row's is, and at least one row comes
 * before it. -EBADMSG with a message naming the offending line.
 */
int csvtab_check_total(const struct csvtab *t, const char *col);
/* The same for a whole number in [0, HI] into *OUT. */
int csvtab_count(const struct csvtab *t, size_t row, int col, double hi,
		 size_t *out);

#endif

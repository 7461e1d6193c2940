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
#include <stddef.h> /* offsetof, for CSVTAB_INPUT */

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
 * One report input as its reader declares it (evalcsv, validcsv, benchcsv,
 * frontiercsv): an object of SIZE bytes holding, at offset TAB, the table
 * (struct csvtab *) read with the REQUIRED columns; at RECS, its rows
 * parsed by ROW into a malloc'd array of REC_SIZE-byte records; at N
 * (size_t), how many. ROW returns 0 or -EBADMSG with a message. With TOTAL
 * (a per-host table: csvtab_check_total on that column) the last row, the
 * total, is not counted in N and its record is also copied to TOTAL_AT.
 * Build one with CSVTAB_INPUT or CSVTAB_HOSTS.
 */
struct csvtab_input {
	const char *const *required;
	int (*row)(const struct csvtab *t, size_t i, void *rec);
	const char *total;
	size_t size, rec_size, tab, recs, n, total_at;
};

/* TYPE's member tab is the table, RECS the records, N their count. */
#define CSVTAB_INPUT(TYPE, RECS, N, REQUIRED, ROW)                             \
	{                                                                      \
		.required = (REQUIRED), .row = (ROW), .size = sizeof(TYPE),    \
		.rec_size = sizeof(*((TYPE *)0)->RECS),                        \
		.tab = offsetof(TYPE, tab), .recs = offsetof(TYPE, RECS),      \
		.n = offsetof(TYPE, N)                                         \
	}
/* A per-host table, column "host", into TYPE's host, nhosts and total. */
#define CSVTAB_HOSTS(TYPE, REQUIRED, ROW)                                      \
	{                                                                      \
		.required = (REQUIRED), .row = (ROW), .total = "host",         \
		.size = sizeof(TYPE), .rec_size = sizeof(((TYPE *)0)->total),  \
		.tab = offsetof(TYPE, tab), .recs = offsetof(TYPE, host),      \
		.n = offsetof(TYPE, nhosts), .total_at = offsetof(TYPE, total) \
	}

/*
 * Read PATH as K says into a new zeroed object *OUT (free with
 * csvtab_input_free). Errors as csvtab_read, or the first ROW's; nothing
 * is left allocated then.
 */
int csvtab_input_read(const struct csvtab_input *k, const char *path,
		      void **out);
/* Free X's table, its records and X. X NULL is a no-op. */
void csvtab_input_free(const struct csvtab_input *k, void *x);

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
 * Field COL of ROW as a finite number in [LO, HI] into *OUT, decimal as
 * lib/numtext reads one (no hex, inf or blank inside). An empty field (or
 * COL < 0), or "nan" (an undefined rate as vmux frontier wrote it before
 * it wrote an empty field), gives NAN when EMPTY_OK, else an error.
 * Prints "FILE:LINE: field 'NAME': reason" and returns -EBADMSG otherwise.
 */
int csvtab_num(const struct csvtab *t, size_t row, int col, double lo,
	       double hi, bool empty_ok, double *out);
/*
 * Check a per-host table: COL's values are non-empty and unique, the last
 * row's is "total" and no other row's is, and at least one row comes
 * before it. -EBADMSG with a message naming the offending line.
 */
int csvtab_check_total(const struct csvtab *t, const char *col);
/*
 * Field COL of ROW as a seed, as written, into *OUT: "" (empty, or COL < 0)
 * or a decimal integer in [0, 2^64 - 1] (vmux's seeds, kept as text: a
 * double would round those above 2^53). -EBADMSG naming it otherwise.
 */
int csvtab_seed(const struct csvtab *t, size_t row, int col, const char **out);
/* The same for a whole number in [0, HI] into *OUT. */
int csvtab_count(const struct csvtab *t, size_t row, int col, double hi,
		 size_t *out);

#endif

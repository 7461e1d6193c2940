/*
 * csvfeed.h - read a CSV file through libcsv (strict mode, RFC 4180) one
 * physical line at a time, so that each row knows the line it begins on
 * and every message names FILE:LINE: field (lib/error.h: error_data).
 *
 * Lines end as lib/textline.h says: '\n', "\r\n", or a lone '\r'. A NUL
 * byte is an error (libcsv would read "a\0b" as "a"). Quote characters
 * are counted per line: valid CSV has an even number of them at the end of
 * every record (strict mode rejects a quote inside an unquoted field), so
 * an odd count at the end of the file is an unterminated quote, opened on
 * the line where the count turned odd. The first error is kept; no
 * callback is called after it.
 */
#ifndef VMUX_CSVFEED_H
#define VMUX_CSVFEED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct csvfeed;

/* What a reader does with the fields; it reports bad data through
   csvfeed_fail() and a failed allocation through csvfeed_oom(). */
struct csvfeed_ops {
	/* Field INDEX (0 first) of the current row: S[0..LEN), with a NUL
	   after it; S is libcsv's buffer (copy what is kept). */
	void (*field)(struct csvfeed *f, size_t index, const char *s,
		      size_t len);
	/* The current row ended after NFIELDS fields. */
	void (*row)(struct csvfeed *f, size_t nfields);
	/* The name of field INDEX of the current row, for messages. */
	const char *(*colname)(const struct csvfeed *f, size_t index);
};

/* The reader's state; the callbacks read ctx, row_line and line. */
struct csvfeed {
	const char *path;	/* for messages */
	void *ctx;		/* the caller's */
	unsigned long line;	/* physical line being read, from 1 */
	unsigned long row_line; /* line the current row began on */
	int err;		/* the first error, 0 if none */
	/* inside the reader */
	const struct csvfeed_ops *ops;
	unsigned long quote_line; /* where the quote count turned odd */
	size_t quotes, nf;	  /* quote characters; fields in the row */
	bool in_row, cr_ended;
};

/*
 * Read FP to its end (PATH names it in messages), calling OPS with CTX in
 * f->ctx. Returns 0 or the first error: a callback's (csvfeed_fail's
 * -EBADMSG, -ENOMEM), -EBADMSG for bad CSV (said), -EIO (said), -ENOMEM.
 * On 0, f->line is the number of the line after the last one read.
 */
int csvfeed_read(struct csvfeed *f, const char *path, FILE *fp,
		 const struct csvfeed_ops *ops, void *ctx);

/* Report bad data at LINE, FIELD (error_data's format) unless an error is
   already kept; returns the kept error. */
int csvfeed_fail(struct csvfeed *f, unsigned long line, const char *field,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Keep -ENOMEM unless an error is already kept. */
void csvfeed_oom(struct csvfeed *f);

#endif

/*
 * rows.h - the canonical CSV row, parsed without libcsv: whole lines of
 * plain fields (no quote, space, tab or stray CR) into records, and the
 * decimal number parser of the ingest.
 *
 * rows_parse() takes only the lines it can vouch for: as many fields as
 * the header, every number valid and within its limit, a non-empty VM
 * name. At the first other line (an error, a line for libcsv, a line not
 * ended in the text) it stops, so that the caller's general path reads
 * that line and names its error exactly. It touches nothing but its
 * arguments: worker threads run it on blocks of their own.
 */
#ifndef VMUX_ROWS_H
#define VMUX_ROWS_H

#include "lib/resource.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define ROWS_MAX_COLS 16

/*
 * A number as its decimal text gave it. X: its value. M, K: X = M / 10^K
 * exactly, M < 2^24 and not a multiple of 10 unless K = 0, K <= 9; M < 0
 * if the text has no such form.
 */
struct rows_num {
	double x;
	int32_t m, k;
};

/*
 * Decimal number S (NUL-terminated), by the rule of numtext_parse()
 * (lib/numtext.h: no hex, inf, nan or blank; past a double's range
 * +-HUGE_VAL). 0, or -1 if S is not a number.
 */
int rows_parse_num(const char *s, struct rows_num *out);

/* memcmp(A, B, N) == 0, inline: a call per row shows for short texts. */
static inline bool rows_same_text(const char *a, const char *b, size_t n)
{
	uint64_t x, y;

	for (; n >= 8; a += 8, b += 8, n -= 8) {
		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		if (x != y)
			return false;
	}
	while (n && *a == *b) {
		a++;
		b++;
		n--;
	}
	return n == 0;
}

/*
 * Where the '\n' that ends the line in S[0..N) is, with its commas noted
 * in END[0..*NF) (at most ROWS_MAX_COLS + 1 of them); N if the text has no
 * '\n', or SIZE_MAX if the line needs libcsv (a quote, space, tab or
 * stray CR, or too many fields). NUL bytes are not looked at.
 */
size_t rows_scan_line(char *s, size_t n, char **end, size_t *nf);

/* The columns: each the time, the VM or a resource's value. */
enum rows_kind { ROWS_TIME, ROWS_VM, ROWS_VALUE };

struct rows_format {
	int ncols, nvals; /* columns; value columns */
	int vm;		  /* the VM's column */
	enum rows_kind kind[ROWS_MAX_COLS];
	enum res res[ROWS_MAX_COLS]; /* a value column's resource */
	double limit[ROWS_MAX_COLS]; /* largest valid number */
};

/* One data row. Its values are the caller's vals[i * nvals ...]. */
struct rows_rec {
	double time;
	uint32_t vm;   /* its VM: names[vm] */
	uint32_t line; /* lines before it in the parsed text */
};

/*
 * A VM name, in the order the records first name it. When a text's first
 * rows name mostly different VMs (a fleet of many VMs, rows in time order)
 * looking names up would not pay: from there on each record has a name of
 * its own, and the same VM may be named again; until the text's first name
 * comes again (the rows cycle through fewer VMs than the text holds rows),
 * from where names are looked up again.
 */
struct rows_name {
	const char *s; /* NUL-terminated, inside the parsed text */
	uint32_t len;  /* > 0 */
	uint32_t rec;  /* the first record naming it */
};

/*
 * What rows_parse() gave. The caller owns the arrays (rows_out_grow(),
 * rows_out_free()) and sets N, BYTES, LINES and NNAMES to 0 before the
 * first call on a text (rows_out_reset()).
 */
struct rows_out {
	struct rows_rec *rec; /* CAP records */
	struct rows_num *val; /* CAP * nvals numbers */
	size_t cap, n;	      /* records: room, taken */
	size_t bytes;	      /* text taken (whole lines) */
	uint32_t lines;	      /* lines taken, empty ones too */
	bool stopped;	      /* at a line it does not take */
	/* the VMs named, and an index of them for this text */
	struct rows_name *names;
	size_t nnames, names_cap;
	uint64_t *index; /* generation << 32 | name + 1 */
	size_t index_size;
	uint32_t gen, last; /* last: the previous record's VM */
	bool by_row;	    /* names not looked up now: one per record */
};

/* Room for twice as many records (at least 1024), of NVALS values each.
 * False when out of memory (then as it was). */
bool rows_out_grow(struct rows_out *o, int nvals);
/* Ready for a new text. */
void rows_out_reset(struct rows_out *o);
/* Free the arrays. */
void rows_out_free(struct rows_out *o);

/*
 * Lines of S[0..N) that start before UNTIL, from OUT->bytes on (NULs
 * written over their field ends), into OUT, until there are no more such
 * lines, OUT is full or a line it does not take (then OUT->stopped). A
 * line is taken only if it ends in '\n' inside the text.
 */
void rows_parse(const struct rows_format *f, char *s, size_t n, size_t until,
		struct rows_out *out);

#endif

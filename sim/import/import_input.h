/*
 * import_input.h - reading the text files of public trace formats: lines,
 * fields, numbers, folders, dates.
 *
 * Every failure prints its own message first: bad data as
 * "FILE:LINE: field 'NAME': reason" (-EBADMSG, exit 65), system errors
 * naming the path (-errno, exit 74), running out of memory -ENOMEM (exit
 * 71). Lines lose their CR/LF, and the first line a UTF-8 byte order mark
 * (as spreadsheet programs save CSV); blank lines are allowed only at the
 * end of a file. A line longer than IMPORT_MAX_LINE bytes and a NUL byte
 * anywhere are bad data: no importer field is ever silently cut, and input
 * without line ends (/dev/zero) fails after one IMPORT_MAX_LINE, not
 * gigabytes.
 */
#ifndef VMUX_IMPORT_INPUT_H
#define VMUX_IMPORT_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The longest line read, bytes without its line end: 1 MiB (real lines of
 * every format are under 300 bytes). */
#define IMPORT_MAX_LINE (1 << 20)

/* A text file read line by line. Fields are public for the readers. */
struct import_input {
	FILE *fp;
	const char *path; /* not owned; must outlive the reader */
	char *buf;	  /* the current line */
	size_t cap;
	char *blk; /* bytes read from FP not yet returned: blk[pos..len) */
	size_t pos, len;
	bool eof;
	unsigned long line;  /* number of the line last returned, from 1 */
	unsigned long blank; /* first blank line not yet followed by data */
};

/* Open PATH for reading. -errno (message names PATH); a folder is -EISDIR. */
int import_input_open(struct import_input *in, const char *path);
/*
 * The next non-blank line into *LINE (NUL-terminated, no CR/LF, owned by
 * IN, valid until the next call). Returns 1, 0 at the end, -EBADMSG for a
 * blank line followed by data, a line over IMPORT_MAX_LINE or a NUL byte,
 * -EIO on a read error, -ENOMEM.
 */
int import_input_next(struct import_input *in, char **line);
/* Close the file and free the buffer; safe on a zeroed or closed reader. */
void import_input_close(struct import_input *in);

/* error_data() at IN's current line. */
int import_input_bad(const struct import_input *in, const char *field,
		     const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Split LINE in place at each SEP (lib/csvlist.h's csvlist_fields():
 * libcsv, as the canonical reader): spaces and tabs around a field
 * dropped, a quoted field unquoted (RFC 4180: SEP and blanks inside are
 * data, "" is one "). Stores at most MAX field pointers in F and the
 * number of fields found (which may exceed MAX) in *COUNT. A quote left
 * open, text after a closing quote or a quote inside an unquoted field is
 * bad data at IN's line, naming the field (-EBADMSG); -ENOMEM.
 */
int import_input_split(const struct import_input *in, char *line, char sep,
		       char **f, size_t max, size_t *count);

/*
 * Split LINE at commas into exactly N fields F (import_input_split());
 * another count is bad data "N fields, expected M" in field '(row)'.
 */
int import_input_fields(const struct import_input *in, char *line, char **f,
			size_t n);

/*
 * Parse S as a finite decimal number >= 0 into *OUT (lib/numtext.h's
 * numtext_parse: correctly rounded, so a number below the least double,
 * 1e-400, is 0). Otherwise reports "FILE:LINE: field 'FIELD': ..." (empty,
 * not a number, above the largest double, negative) and returns -EBADMSG.
 */
int import_input_num(const struct import_input *in, const char *field,
		     const char *s, double *out);

/*
 * Parse S as a core count into *OUT: import_input_num(), then refused when
 * 0 or above trace_limit(RES_CPU) (bad data naming FIELD).
 */
int import_input_cores(const struct import_input *in, const char *field,
		       const char *s, double *out);

struct import_names;

/*
 * A row of a table that gives core counts by name (Azure's vmtable,
 * Alibaba's machine_meta): LINE split into exactly N fields F
 * (import_input_fields()), and F[0] looked up in NAMES into *I: -1 for a
 * name with no data here (a row to skip).
 */
int import_input_keyed(const struct import_input *in, char *line, char **f,
		       size_t n, const struct import_names *names, long *i);

/*
 * CORES, the core count this row gives KEY (a VM, a machine), against
 * *KNOWN, what earlier rows gave it (0: none yet): stored in *KNOWN, or
 * bad data naming FIELD if an earlier row said otherwise.
 */
int import_input_same_cores(const struct import_input *in, const char *field,
			    const char *key, double cores, double *known);

/*
 * Open PATH and call ROW(CTX, IN, LINE) for each of its lines (as
 * import_input_next() returns them) until ROW returns < 0. Returns 0, ROW's
 * error or the reader's; the file is closed in every case.
 */
int import_input_each(const char *path,
		      int (*row)(void *ctx, struct import_input *in,
				 char *line),
		      void *ctx);

/* T rounded to the nearest multiple of STEP (halves up). */
double import_snap(double t, double step);

/*
 * Parse a time: "YYYYMMDD" (UTC midnight), else what utctime_parse()
 * reads (lib/utctime.h: seconds or an ISO 8601 date). -EINVAL if none fits.
 */
int import_parse_time(const char *s, double *out);
/* Only "YYYYMMDD" (a valid date): its UTC midnight. -EINVAL otherwise. */
int import_parse_day(const char *s, double *out);
/* Whether S is shaped "YYYYMMDD" (eight digits), a date or not. */
bool import_day_shaped(const char *s);

/*
 * Whether PATH is a folder (1) or a file (0); -errno with a message naming
 * PATH if it cannot be seen.
 */
int import_input_isdir(const char *path);

/*
 * The regular files directly in folder DIR whose names end with SUFFIX
 * (NULL: any) and do not start with '.', as "DIR/NAME" paths sorted in
 * natural order (2 before 10). SUFFIX "/" lists the sub-folders instead. *PATHS
 * is a malloc'd array of malloc'd strings (free with import_input_free_list);
 * *SKIPPED counts the other entries (hidden files, sub-folders, other names).
 */
int import_input_list(const char *dir, const char *suffix, char ***paths,
		      size_t *n, unsigned long *skipped);
void import_input_free_list(char **paths, size_t n);

#endif

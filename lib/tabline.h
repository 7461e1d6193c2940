/*
 * tabline.h - a text file of tab-separated records read line by line (the
 * plan and frontier shard files): each line split at its tabs, each field
 * parsed whole (no blank, and no sign where the format has none), bad
 * input an error naming file, line and field (lib/error.h).
 */
#ifndef VMUX_TABLINE_H
#define VMUX_TABLINE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define TABLINE_MAX_FIELDS 32

/* Zero it but for fp, name and max; tabline_free() after. */
struct tabline {
	FILE *fp;
	const char *name; /* the file, in messages */
	int max; /* most fields a line may have, <= TABLINE_MAX_FIELDS */
	unsigned long line; /* of the last line read, from 1 */
	char *buf;
	size_t cap;
	char *f[TABLINE_MAX_FIELDS]; /* the last line's fields, in buf */
	int nf;
};

/*
 * Read the next line into R->f[0..R->nf). -EBADMSG (said) naming field END
 * when the file ends (a read error: textline_stop's -errno), field WHAT
 * (NULL: the line's first field) for a NUL byte or more than R->max fields.
 */
int tabline_next(struct tabline *r, const char *end, const char *what);

/* Field I as a decimal integer in [0, MAX] into *OUT; false if not one. */
bool tabline_u64(const struct tabline *r, int i, uint64_t max, uint64_t *out);

/* Field I as a decimal integer, '-' allowed, into *OUT; false if not one. */
bool tabline_i64(const struct tabline *r, int i, int64_t *out);

/* Field I as a number (decimal or hex float, "inf" and "nan" too: the
 * caller judges) into *OUT; false if not one. */
bool tabline_num(const struct tabline *r, int i, double *out);

/* Free R's line buffer; R's FILE stays the caller's. */
void tabline_free(struct tabline *r);

#endif

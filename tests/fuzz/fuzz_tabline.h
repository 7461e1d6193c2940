/*
 * fuzz_tabline.h - lib/tabline under the shard fuzzers (fuzz_shard,
 * fuzz_frontier), whose readers are built on it: the input is read line
 * by line with tabline_next() and each outcome checked against a
 * splitting of the bytes done here, independently: a line with a NUL
 * byte, more fields than the limit, or none left is refused (-EBADMSG),
 * any other gives fields that, joined by tabs, are the line's bytes. Each
 * field's tabline_u64() and tabline_i64() are checked against a plain
 * digit-by-digit parse. A mismatch aborts (a finding).
 */
#ifndef VMUX_FUZZ_TABLINE_H
#define VMUX_FUZZ_TABLINE_H

#include "lib/tabline.h"
#include "tests/fuzz/fuzz_memfd.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* S as "[-]DIGITS" (NEG: '-' allowed) into *MAG and *NEG; false if not
 * one or its magnitude is above 2^64 - 1. */
static inline bool fuzz_digits(const char *s, bool neg_ok, uint64_t *mag,
			       bool *neg)
{
	*neg = neg_ok && *s == '-';
	s += *neg;
	*mag = 0;
	if (!*s)
		return false;
	for (; *s; s++) {
		unsigned d = (unsigned)(*s - '0');

		if (*s < '0' || *s > '9' || *mag > (UINT64_MAX - d) / 10)
			return false;
		*mag = *mag * 10 + d;
	}
	return true;
}

/* Field I of R: tabline_u64() (against MAX) and tabline_i64() as parsed
 * here. */
static inline void fuzz_tabline_field(const struct tabline *r, int i,
				      uint64_t max)
{
	uint64_t mag, u;
	int64_t v;
	bool neg, ok = fuzz_digits(r->f[i], false, &mag, &neg);

	if (tabline_u64(r, i, max, &u) != (ok && mag <= max) ||
	    (ok && mag <= max && u != mag))
		abort();
	ok = fuzz_digits(r->f[i], true, &mag, &neg) &&
	     mag <= (uint64_t)INT64_MAX + neg;
	if (tabline_i64(r, i, &v) != ok ||
	    (ok && (neg ? (uint64_t)0 - (uint64_t)v : (uint64_t)v) != mag))
		abort();
}

/* Line L (N bytes, no '\n') as tabline_next() gave it in R (RC), with at
 * most MAX fields. */
static inline void fuzz_tabline_line(const struct tabline *r, int rc,
				     const char *l, size_t n, int max)
{
	size_t tabs = 0, at = 0;

	for (size_t i = 0; i < n; i++)
		tabs += l[i] == '\t';
	if (memchr(l, 0, n) || tabs + 1 > (size_t)max) {
		if (rc != -EBADMSG)
			abort();
		return;
	}
	if (rc != 0 || r->nf != (int)tabs + 1)
		abort();
	for (int f = 0; f < r->nf; f++) {
		size_t len = strlen(r->f[f]);

		if (at + len > n || memcmp(l + at, r->f[f], len) ||
		    (f + 1 < r->nf ? l[at + len] != '\t' : at + len != n))
			abort();
		at += len + 1;
		fuzz_tabline_field(r, f, f % 2 ? UINT64_MAX : 1000);
	}
}

/* DATA[0..SIZE), also open as FP (rewound here), read through tabline up
 * to its first refusal; the limit of fields varies with SIZE. */
static inline void fuzz_tabline_check(FILE *fp, const uint8_t *data,
				      size_t size)
{
	const char *p = (const char *)data, *end = p + size;
	struct tabline r = {.fp = fp, .name = "tabline"};
	int rc = 0;

	r.max = 1 + (int)(size % (TABLINE_MAX_FIELDS + 4));
	if (fseek(fp, 0, SEEK_SET) != 0)
		abort();
	for (unsigned long line = 1; rc == 0; line++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		rc = tabline_next(&r, "end", NULL);
		if (r.line != line || (p == end && rc != -EBADMSG))
			abort();
		if (p == end)
			break;
		fuzz_tabline_line(
		    &r, rc, p, n,
		    r.max < TABLINE_MAX_FIELDS ? r.max : TABLINE_MAX_FIELDS);
		p += n + (nl != NULL);
	}
	tabline_free(&r);
	if (fseek(fp, 0, SEEK_SET) != 0)
		abort();
}

/* DATA[0..SIZE) as a stream a shard reader reads (an in-memory file,
 * tests/fuzz/fuzz_memfd.h), checked through tabline first and rewound;
 * the caller closes it. Aborts when it cannot be made. */
static inline FILE *fuzz_tabline_open(const uint8_t *data, size_t size)
{
	char path[FUZZ_PATH_MAX];
	int fd = fuzz_memfd(data, size, path);
	FILE *fp = lseek(fd, 0, SEEK_SET) == 0 ? fdopen(fd, "r") : NULL;

	if (!fp)
		abort();
	fuzz_tabline_check(fp, data, size);
	return fp;
}

#endif

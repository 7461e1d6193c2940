/*
 * rows.c - canonical CSV rows without libcsv (see rows.h).
 *
 * The number parser is exact where it does not call strtod(): up to 19
 * significant digits, at most 2^53, and at most 22 decimals is one
 * division of two exact doubles, hence the correctly rounded value.
 */
#include "sim/store/rows.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const double pow10_tab[23] = {
    1e0,  1e1,	1e2,  1e3,  1e4,  1e5,	1e6,  1e7,  1e8,  1e9,	1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

static int parse_slow(const char *s, struct rows_num *out)
{
	char *end;

	out->m = -1;
	if (strpbrk(s, "xX"))
		return -1; /* strtod would take hex: the format is decimal */
	errno = 0;
	out->x = strtod(s, &end);
	return (end != s && *end == '\0') ? 0 : -1;
}

/* M / 10^K as rows_num's decimal form, if it has one. */
static void decimal_form(uint64_t m, int k, struct rows_num *out)
{
	while (k > 0 && m % 10 == 0) {
		m /= 10;
		k--;
	}
	out->m = m < (1u << 24) && k <= 9 ? (int32_t)m : -1;
	out->k = k;
}

int rows_parse_num(const char *s, struct rows_num *out)
{
	const char *p = s;
	uint64_t m = 0;
	int digits = 0, exp10 = 0, neg = 0;

	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	for (; *p >= '0' && *p <= '9'; p++, digits++)
		m = m * 10 + (uint64_t)(*p - '0');
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++, digits++, exp10--)
			m = m * 10 + (uint64_t)(*p - '0');
	if (digits == 0) /* "inf", "nan", ".e1": let strtod judge */
		return parse_slow(s, out);
	if (*p != '\0' || digits > 19 || exp10 < -22 || m > (1ull << 53))
		return parse_slow(s, out);
	out->x = exp10 ? (double)m / pow10_tab[-exp10] : (double)m;
	if (neg)
		out->x = -out->x;
	decimal_form(m, -exp10, out);
	return 0;
}

#define BYTES(b) (0x0101010101010101ull * (b))

/*
 * Flags the bytes of W (8 bytes of text, little-endian) below 0x2d, i.e.
 * ',' and everything special to CSV. The lowest flag is exact; a borrow
 * can only add false flags above a true one.
 */
static uint64_t below_comma(uint64_t w)
{
	return (w - BYTES(0x2d)) & ~w & BYTES(0x80);
}

size_t rows_scan_line(char *s, size_t n, char **end, size_t *nf)
{
	const bool swar = __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__;
	size_t i = 0;

	for (;; i++) {
		unsigned char c;
		uint64_t w, m;

		for (; swar && i + 8 <= n; i += 8) {
			memcpy(&w, s + i, 8);
			m = below_comma(w);
			if (m) {
				i += (size_t)__builtin_ctzll(m) >> 3;
				break;
			}
		}
		if (i >= n)
			return n;
		c = (unsigned char)s[i];
		if (c > ',') /* digits, letters, '.', '-': most bytes */
			continue;
		if (c == '\n')
			return i;
		if (c == ',' && *nf < ROWS_MAX_COLS + 1)
			end[(*nf)++] = s + i;
		else if (c == ',' || c == '"' || c == ' ' || c == '\t' ||
			 (c == '\r' && (i + 1 == n || s[i + 1] != '\n')))
			return SIZE_MAX;
	}
}

/* Number S (LEN > 0) of a column with limit LIMIT, as the ingest takes
 * it: finite, >= 0, at most LIMIT, -0 as 0. */
static bool number(const char *s, size_t len, double limit, struct rows_num *v)
{
	if (len == 0 || rows_parse_num(s, v) < 0 || !isfinite(v->x) ||
	    v->x < 0 || v->x > limit)
		return false;
	if (v->x == 0)
		v->x = 0;
	return true;
}

/* memcmp() == 0 inline, for short texts. */
static bool same_text(const char *a, const char *b, size_t n)
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

/* Field S[0..LEN) of column C into record R or value V. */
static bool field(const struct rows_format *f, int c, const char *s, size_t len,
		  struct rows_rec *r, struct rows_num *v)
{
	struct rows_num t;

	if (f->kind[c] == ROWS_VM) {
		r->vm = s;
		r->vm_len = (uint32_t)len;
		return len > 0;
	}
	if (f->kind[c] == ROWS_VALUE)
		return number(s, len, f->limit[c], v);
	if (!number(s, len, f->limit[c], &t))
		return false;
	r->time = t.x;
	return true;
}

/*
 * The fields S[0..END[0]), ... of a line (NUL-terminated in place) into
 * record R and values V; PREV_TIME, PREV_LEN: the previous record's time
 * text, which need not be parsed again. False if the line is not taken
 * (it is then as it was).
 */
static bool fields(const struct rows_format *f, char *s, char **end,
		   struct rows_rec *r, struct rows_num *v,
		   const char **prev_time, size_t *prev_len)
{
	char last = *end[f->ncols - 1];

	for (int c = 0; c < f->ncols; s = end[c++] + 1) {
		size_t len = (size_t)(end[c] - s);

		*end[c] = '\0';
		if (f->kind[c] == ROWS_TIME && *prev_time && len == *prev_len &&
		    same_text(s, *prev_time, len)) {
			r->time = r[-1].time; /* rows of one time in a row */
			continue;
		}
		if (!field(f, c, s, len, r, v)) {
			for (int k = 0; k <= c; k++)
				*end[k] = k == f->ncols - 1 ? last : ',';
			return false;
		}
		if (f->kind[c] == ROWS_VALUE)
			v++;
		else if (f->kind[c] == ROWS_TIME) {
			*prev_time = s;
			*prev_len = len;
		}
	}
	return true;
}

void rows_parse(const struct rows_format *f, char *s, size_t n, size_t until,
		struct rows_out *out)
{
	const char *prev_time = NULL;
	size_t prev_len = 0;

	out->stopped = false;
	while (out->bytes < until && out->bytes < n && out->n < out->cap) {
		char *line = s + out->bytes, *end[ROWS_MAX_COLS + 2];
		size_t nf = 0, left = n - out->bytes;
		size_t i = rows_scan_line(line, left, end, &nf), body;

		if (i == left)
			return; /* not ended in the text */
		if (i == SIZE_MAX) {
			out->stopped = true;
			return;
		}
		body = i > 0 && line[i - 1] == '\r' ? i - 1 : i;
		if (body > 0) {
			struct rows_rec *r = &out->rec[out->n];

			end[nf++] = line + body;
			if (nf != (size_t)f->ncols ||
			    !fields(f, line, end, r,
				    out->val + out->n * (size_t)f->nvals,
				    &prev_time, &prev_len)) {
				out->stopped = true;
				return;
			}
			r->line = out->lines;
			out->n++;
		}
		out->bytes += i + 1;
		out->lines++;
	}
}

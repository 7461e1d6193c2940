/*
 * rows.c - canonical CSV rows without libcsv (see rows.h).
 *
 * The number parser is exact where it does not fall back on the general
 * rule (numtext_parse(), strtod() for the value): up to 19 significant
 * digits, at most 2^53, and at most 22 decimals is one division of two
 * exact doubles, hence the correctly rounded value.
 */
#include "sim/store/rows.h"
#include "lib/hash.h"
#include "lib/numtext.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const double pow10_tab[23] = {
    1e0,  1e1,	1e2,  1e3,  1e4,  1e5,	1e6,  1e7,  1e8,  1e9,	1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* The rule every decimal number read follows (lib/numtext.h): the fast
 * path below takes a part of it, this the rest. */
static int parse_slow(const char *s, struct rows_num *out)
{
	out->m = -1;
	return numtext_parse(s, &out->x) < 0 ? -1 : 0;
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
	if (digits == 0) /* "inf", "nan", ".e1": the general rule refuses */
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

bool rows_out_grow(struct rows_out *o, int nvals)
{
	size_t cap = o->cap ? 2 * o->cap : 1024;
	size_t nv = nvals > 0 ? (size_t)nvals : 1;
	struct rows_rec *r = realloc(o->rec, cap * sizeof(*r));
	struct rows_num *v;

	if (r)
		o->rec = r;
	v = r ? realloc(o->val, cap * nv * sizeof(*v)) : NULL;
	if (!v)
		return false;
	o->val = v;
	o->cap = cap;
	return true;
}

void rows_out_reset(struct rows_out *o)
{
	o->n = o->bytes = o->nnames = 0;
	o->lines = 0;
	o->last = 0;
	o->by_row = false;
	if (++o->gen == 0) { /* wrapped: no entry may look current */
		if (o->index)
			memset(o->index, 0, o->index_size * sizeof(*o->index));
		o->gen = 1;
	}
}

void rows_out_free(struct rows_out *o)
{
	free(o->rec);
	free(o->val);
	free(o->names);
	free(o->index);
	memset(o, 0, sizeof(*o));
}

/* The free index slot for a name of hash H. */
static size_t slot_for(const struct rows_out *o, uint64_t h)
{
	size_t i = h & (o->index_size - 1);

	while (o->index[i] >> 32 == o->gen)
		i = (i + 1) & (o->index_size - 1);
	return i;
}

/* O's index rebuilt for twice the room of names. False if out of
 * memory. */
static bool reindex(struct rows_out *o)
{
	size_t size = 1024;
	uint64_t *t;

	while (size < 2 * o->names_cap)
		size *= 2;
	t = calloc(size, sizeof(*t));
	if (!t)
		return false;
	free(o->index);
	o->index = t;
	o->index_size = size;
	for (size_t i = 0; i < o->nnames; i++) {
		const struct rows_name *nm = &o->names[i];

		o->index[slot_for(o, hash_bytes(nm->s, nm->len))] =
		    (uint64_t)o->gen << 32 | (i + 1);
	}
	return true;
}

/* New name S[0..LEN) of hash H: its number, or -1 if out of memory. */
static long add_name(struct rows_out *o, const char *s, size_t len, uint64_t h)
{
	struct rows_name *nm;

	if (o->nnames == o->names_cap) {
		size_t old = o->names_cap, cap = old ? 2 * old : 256;

		nm = realloc(o->names, cap * sizeof(*nm));
		if (!nm)
			return -1;
		o->names = nm;
		o->names_cap = cap;
		if (!reindex(o)) { /* the index still fits the old room */
			o->names_cap = old;
			return -1;
		}
	}
	nm = &o->names[o->nnames];
	nm->s = s;
	nm->len = (uint32_t)len;
	nm->rec = (uint32_t)o->n;
	if (!o->by_row)
		o->index[slot_for(o, h)] =
		    (uint64_t)o->gen << 32 | (o->nnames + 1);
	return (long)o->nnames++;
}

/*
 * The number of VM name S[0..LEN) among O's names, added if new; -1 if
 * out of memory. Rows mostly name their VMs in the order of the rows
 * before: the name after the previous row's is tried first.
 */
static long name_of(struct rows_out *o, const char *s, size_t len)
{
	uint32_t guess = o->n ? o->last + 1 : 0;
	uint64_t h;

	if (o->n == 256 && o->nnames > 128)
		o->by_row = true;
	if (o->by_row) {
		/* the text's first name again: the rows cycle through fewer
		 * VMs than the text holds rows (time-sorted input), and
		 * looking names up pays again */
		if (o->names[0].len != len ||
		    !rows_same_text(o->names[0].s, s, len))
			return add_name(o, s, len, 0);
		if (!reindex(o))
			return -1;
		o->by_row = false;
	}
	if (guess < o->nnames && o->names[guess].len == len &&
	    rows_same_text(o->names[guess].s, s, len))
		return guess;
	h = hash_bytes(s, len);
	for (size_t i = o->index_size ? h & (o->index_size - 1) : 0;
	     o->index_size && o->index[i] >> 32 == o->gen;
	     i = (i + 1) & (o->index_size - 1)) {
		uint32_t k = (uint32_t)o->index[i] - 1;

		if (o->names[k].len == len &&
		    rows_same_text(o->names[k].s, s, len))
			return k;
	}
	return add_name(o, s, len, h);
}

/* Field S[0..LEN) of column C into record R or value V. */
static bool field(const struct rows_format *f, int c, const char *s, size_t len,
		  struct rows_rec *r, struct rows_num *v)
{
	struct rows_num t;

	if (f->kind[c] == ROWS_VM)
		return len > 0; /* named once the whole row is in */
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
		    rows_same_text(s, *prev_time, len)) {
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

/* The previous record's time text, which need not be parsed again. */
struct prev_time {
	const char *s;
	size_t len;
};

/*
 * LINE[0..BODY) (ended at I, NF field ends so far in END) as the next
 * record of OUT. False if it is not taken (the line is then as it was):
 * not a row of F's columns, or out of memory for its VM's name.
 */
static bool take_line(const struct rows_format *f, char *line, char **end,
		      size_t nf, size_t body, size_t i, struct rows_out *out,
		      struct prev_time *prev)
{
	struct rows_rec *r = &out->rec[out->n];
	size_t vm_at, vm_len;
	long vm;

	end[nf++] = line + body;
	/* the field ends are known only when all are there */
	if (nf != (size_t)f->ncols ||
	    !fields(f, line, end, r, out->val + out->n * (size_t)f->nvals,
		    &prev->s, &prev->len))
		return false;
	vm_at = f->vm ? (size_t)(end[f->vm - 1] + 1 - line) : 0;
	vm_len = (size_t)(end[f->vm] - line) - vm_at;
	vm = name_of(out, line + vm_at, vm_len);
	if (vm < 0) { /* out of memory: the line as it was */
		for (size_t k = 0; k + 1 < nf; k++)
			*end[k] = ',';
		line[body] = body == i ? '\n' : '\r';
		return false;
	}
	r->vm = out->last = (uint32_t)vm;
	r->line = out->lines;
	out->n++;
	return true;
}

void rows_parse(const struct rows_format *f, char *s, size_t n, size_t until,
		struct rows_out *out)
{
	struct prev_time prev = {NULL, 0};

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
		if (body > 0 &&
		    !take_line(f, line, end, nf, body, i, out, &prev)) {
			out->stopped = true;
			return;
		}
		out->bytes += i + 1;
		out->lines++;
	}
}

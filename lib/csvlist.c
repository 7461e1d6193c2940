/*
 * csvlist.c - names given as one CSV record, and importers' rows split in
 * place (csvlist.h).
 */
#include "lib/csvlist.h"
#include "lib/csvout.h"
#include "lib/grow.h"
#include "lib/strv.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct split {
	struct csvlist *l;
	size_t cap;
	const char *why; /* the first fault, or NULL */
	int err;	 /* -ENOMEM */
};

static void on_field(void *s, size_t len, void *ctx)
{
	struct split *sp = ctx;
	char *name;

	if (sp->why || sp->err)
		return;
	if (!s || len == 0) {
		sp->why = "an empty name";
		return;
	}
	name = strndup(s, len);
	if (!name || grow_array((void **)&sp->l->v, &sp->cap, sp->l->n + 1,
				sizeof(char *), 4) < 0) {
		free(name);
		sp->err = -ENOMEM;
		return;
	}
	sp->l->v[sp->l->n++] = name;
}

/* Called with the line end that ended a record (CSV_REPALL_NL: every
   one outside quotes), or -1 at the end of the text. */
static void on_row(int c, void *ctx)
{
	struct split *sp = ctx;

	if (c >= 0 && !sp->why)
		sp->why = "a line break outside quotes";
}

int csvlist_split(const char *s, struct csvlist *l, const char **why)
{
	struct split sp = {.l = l};
	struct csv_parser p;
	size_t n = strlen(s);

	*l = (struct csvlist){0, NULL};
	if (csv_init(&p, CSV_APPEND_NULL | CSV_EMPTY_IS_NULL | CSV_REPALL_NL) !=
	    0)
		return -ENOMEM;
	if (csv_parse(&p, s, n, on_field, on_row, &sp) != n)
		sp.err = -ENOMEM; /* not strict: only a failed allocation */
	if (!sp.err && !sp.why && p.quoted && p.pstate == 2) /* FIELD_BEGUN */
		sp.why = "a quoted name without its closing quote";
	if (!sp.err && !sp.why)
		csv_fini(&p, on_field, on_row, &sp);
	csv_free(&p);
	if (!sp.err && !sp.why && l->n == 0)
		sp.why = "no name";
	*why = sp.why;
	if (sp.err || sp.why)
		csvlist_free(l);
	return sp.err ? sp.err : sp.why ? -EINVAL : 0;
}

struct fields {
	char *w; /* where the next field goes, in the line */
	char **f;
	size_t max, n;
	const char *why; /* a line break outside quotes, or NULL */
};

static void on_fields_field(void *s, size_t len, void *ctx)
{
	struct fields *fs = ctx;

	if (fs->why)
		return;
	if (len)
		memcpy(fs->w, s, len);
	fs->w[len] = '\0';
	if (fs->n < fs->max)
		fs->f[fs->n] = fs->w;
	fs->n++;
	fs->w += len + 1;
}

static void on_fields_row(int c, void *ctx)
{
	struct fields *fs = ctx;

	if (c >= 0 && !fs->why)
		fs->why = "a line break outside quotes";
}

/* The fault of the strict parser P stopped by CSV_EPARSE. */
static const char *parse_fault(const struct csv_parser *p)
{
	return p->quoted ? "text after its closing quote"
			 : "a quote inside an unquoted field";
}

/* S trimmed of spaces and tabs at both ends, up to END (made NUL). */
static char *trim(char *s, char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	*end = '\0';
	return s;
}

/* A line without quotes or line breaks: what libcsv gives, at a plain
 * split's cost (three times faster on importers' rows). */
static size_t plain_fields(char *line, char sep, char **f, size_t max)
{
	size_t n = 0;

	for (char *p = line;; n++) {
		char *q = strchr(p, sep);
		char *end = q ? q : p + strlen(p);

		if (n < max)
			f[n] = trim(p, end);
		if (!q)
			return n + 1;
		p = q + 1;
	}
}

/*
 * libcsv copies each field out before calling back, after reading the
 * separator that ends it; an unquoted, trimmed field is no longer than its
 * text, so writing it back over the line never passes what was read.
 */
int csvlist_fields(char *line, char sep, char **f, size_t max, size_t *count,
		   size_t *at, const char **why)
{
	struct fields fs = {.w = line, .f = f, .max = max};
	struct csv_parser p;
	size_t n = strlen(line);
	int rc = 0;

	*why = NULL;
	if (!strpbrk(line, "\"\r\n")) {
		*count = plain_fields(line, sep, f, max);
		return 0;
	}
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0)
		return -ENOMEM;
	csv_set_delim(&p, (unsigned char)sep);
	if (csv_parse(&p, line, n, on_fields_field, on_fields_row, &fs) != n)
		rc = csv_error(&p) == CSV_EPARSE ? -EINVAL : -ENOMEM;
	if (rc == -EINVAL)
		*why = parse_fault(&p);
	else if (rc == 0 && !fs.why &&
		 csv_fini(&p, on_fields_field, on_fields_row, &fs) != 0)
		*why = "a quote left open";
	csv_free(&p);
	if (rc == 0 && fs.why && !*why)
		*why = fs.why;
	*at = fs.n + (*why && *why != fs.why);
	if (*why)
		return -EINVAL;
	if (rc == 0 && fs.n == 0 && max) /* an empty line: one empty field */
		f[0] = line;
	*count = fs.n ? fs.n : 1;
	return rc;
}

struct ref {
	const char *name;
	size_t at;
};

static int by_name(const void *a, const void *b)
{
	const struct ref *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : (x->at > y->at) - (x->at < y->at);
}

/* Sorted by name (then place), equal names are neighbours: the repeat
 * that comes first in L is the least place of a name's later copy. */
const char *csvlist_repeated(const struct csvlist *l, int *err)
{
	struct ref *r = l->n > 1 ? malloc(l->n * sizeof(*r)) : NULL;
	size_t first = l->n;

	*err = l->n > 1 && !r ? -ENOMEM : 0;
	if (!r)
		return NULL;
	for (size_t i = 0; i < l->n; i++)
		r[i] = (struct ref){l->v[i], i};
	qsort(r, l->n, sizeof(*r), by_name);
	for (size_t i = 1; i < l->n; i++)
		if (!strcmp(r[i - 1].name, r[i].name) && r[i].at < first)
			first = r[i].at;
	free(r);
	return first < l->n ? l->v[first] : NULL;
}

char *csvlist_join(const struct csvlist *l)
{
	return strv_join((const char *const *)l->v, l->n, ',', csvout_field);
}

void csvlist_free(struct csvlist *l)
{
	strv_free(l->v, l->n);
	*l = (struct csvlist){0, NULL};
}

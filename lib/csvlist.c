/*
 * csvlist.c - names given as one CSV record (csvlist.h).
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

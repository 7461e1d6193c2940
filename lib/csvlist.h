/*
 * csvlist.h - a list of names given as one CSV record on the command line
 * (`vmux size --group 'a,"web,eu", b c'`), read by libcsv with the
 * options the canonical trace's reader uses (sim/store/input.c), so that
 * a name is split, unquoted and trimmed exactly as the trace's vm field:
 * a field may be quoted ("web,eu"; a quote inside written ""), spaces and
 * tabs around a field are dropped, inside quotes they are kept. The
 * importers' rows (sim/import) are split by the same parser, in place and
 * strict (csvlist_fields).
 */
#ifndef VMUX_CSVLIST_H
#define VMUX_CSVLIST_H

#include <stddef.h>

struct csvlist {
	size_t n;
	char **v; /* n malloc'd names, in the record's order */
};

/*
 * Split S into *L. 0; -EINVAL with *WHY (a static phrase, "an empty name")
 * when S is not one record of names: an empty field, a quoted field left
 * open, a line break outside quotes; -ENOMEM. *L is empty unless 0.
 */
int csvlist_split(const char *s, struct csvlist *l, const char **why);

/*
 * Split LINE, one record without its line end, in place at SEP as the
 * importers read their rows: by libcsv as csvlist_split(), spaces and tabs
 * around a field dropped, a field in quotes unquoted (SEP and blanks inside
 * are data, "" is one quote), but strict: a quote left open, text after a
 * closing quote, a quote inside an unquoted field or a line break outside
 * quotes is refused. An empty field is "". At most MAX field pointers
 * (into LINE) go to F; *COUNT is the number of fields (may exceed MAX).
 * 0; -EINVAL with *WHY (a static phrase, "a quote left open") and *AT
 * (the field's number, from 1); -ENOMEM.
 */
int csvlist_fields(char *line, char sep, char **f, size_t max, size_t *count,
		   size_t *at, const char **why);

/* The first name of L (in L's order) that an earlier one repeats, or
   NULL. -ENOMEM through *ERR (else 0). */
const char *csvlist_repeated(const struct csvlist *l, int *err);

/* L written back as one record, each name through lib/csvout.h (quoted
   only where a reader could misread it): malloc'd, or NULL. */
char *csvlist_join(const struct csvlist *l);

/* Free L's names; L is left empty. */
void csvlist_free(struct csvlist *l);

#endif

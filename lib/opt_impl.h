/*
 * opt_impl.h - the option parser's state and the helpers lib/opt.c lends
 * to lib/opt_rules.c (internal to the parser: commands use lib/opt.h).
 */
#ifndef VMUX_OPT_IMPL_H
#define VMUX_OPT_IMPL_H

#include "lib/opt.h"

#include <stdbool.h>
#include <stddef.h>

#define OPT_MAX_SEEN 128  /* options given on one command line, told apart */
#define OPT_MAX_NAMES 128 /* options of one command, groups flattened */
#define OPT_WHY_LEN 512	  /* one error message */

/* An option and the offset its table's fields are relative to. */
struct opt_found {
	const struct opt *o;
	size_t base;
};

/* One parse: the command, its argument struct, the options given. */
struct opt_state {
	const struct opt_cmd *cmd;
	char *args;
	const struct opt *seen[OPT_MAX_SEEN];
	bool seen_short[OPT_MAX_SEEN]; /* given by its short name (-o) */
	size_t nseen;
};

/* A name as written: S[0..N). */
struct opt_key {
	const char *s;
	size_t n;
};

typedef bool (*opt_match_fn)(const struct opt *o, const void *key);

/* Depth first through T and its groups: the first option KEY matches. */
bool opt_find(const struct opt *t, size_t base, opt_match_fn match,
	      const void *key, struct opt_found *f);

/* Every option of T (groups flattened), in table order, into OUT[N..MAX);
 * the new count. */
size_t opt_flatten(const struct opt *t, size_t base, struct opt_found *out,
		   size_t n, size_t max);

/* "vmux CMD: MESSAGE; see 'vmux CMD --help'" on stderr: exit status 2. */
int opt_fail(const struct opt_state *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* printf FMT to BUF[*N..SIZE), advancing *N (past SIZE: truncated). */
void opt_append(char *buf, size_t size, size_t *n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* The option's display name: "-x" when it has a short name (as usage
 * lines spell it: "-o", "--output" being its other name), else "--name". */
void opt_display(const struct opt *o, char *buf, size_t len);

/* The name of O as the command line of P gave it ("--output" or "-o"),
 * opt_display()'s when it was not given. */
void opt_name(const struct opt_state *p, const struct opt *o, char *buf,
	      size_t len);

/* Whether O takes a value (not a flag). */
bool opt_takes_value(const struct opt *o);

#endif

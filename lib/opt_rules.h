/*
 * opt_rules.h - the rules between options (lib/opt.h: .needs, .excludes,
 * .only, OPT_RELATE): checked after a parse, stated in the help (internal
 * to the parser: lib/opt.c calls them).
 */
#ifndef VMUX_OPT_RULES_H
#define VMUX_OPT_RULES_H

#include "lib/opt.h"
#include "lib/opt_impl.h"

#include <stddef.h>

/* Every rule of the command's table, in table order: 0, or exit status 2
 * with the first broken rule said. */
int opt_rules_check(const struct opt_state *p);

/* The rules O states, and those OPT_RELATE entries of ALL[0..N) state for
 * it, for the help: appended to BUF[*LEN..SIZE), each part a line may
 * break before after a '\n'. */
void opt_rules_notes(const struct opt_cmd *cmd, const struct opt_found *all,
		     size_t n, const struct opt *o, char *buf, size_t size,
		     size_t *len);

/* An OPT_RELATE about no option, for the usage line: "\n(--a X | --b Y)"
 * appended to BUF[*N..SIZE) (a line may break before each '\n'). */
void opt_rules_usage(const struct opt_cmd *cmd, const struct opt *r, char *buf,
		     size_t size, size_t *n);

#endif

/*
 * planmeta.h - the side file a plan output writes: `-o PLAN` also writes
 * PLAN.meta (sim/plan/planfile.h), a file the option parser does not see.
 * A trace, an --overhead file or a shard named PLAN.meta was replaced by
 * the plan's terms, and `--host-table PLAN.meta` wrote the table over
 * them; and a command that reads PLAN.meta (evaluate, validate) wrote its
 * -o over it. These checks refuse that before any work, as lib/opt.h
 * refuses an output onto an input.
 */
#ifndef VMUX_PLANMETA_H
#define VMUX_PLANMETA_H

#include "lib/opt.h"

#include <stddef.h>

/*
 * PLAN.meta (PLAN the -o path; nothing for NULL or "-") against the
 * inputs IN[0..NIN) (NULL entries skipped) and the output OUT of option
 * OUT_OPT (NULL: none): 0, or opt_error()'s exit status naming both, or
 * the exit status of running out of memory.
 */
int planmeta_check(const struct opt_cmd *cmd, const char *plan,
		   const char *const *in, size_t nin, const char *out,
		   const char *out_opt);

/*
 * For a command that reads PLAN.meta (evaluate, validate): the output OUT
 * of option OUT_OPT (NULL or "-": none) may not be PLAN.meta, one of its
 * inputs (evaluate -o PLAN.meta replaced the terms with its table, and the
 * next evaluate refused the plan): 0, or opt_error()'s exit status, or the
 * exit status of running out of memory.
 */
int planmeta_check_read(const struct opt_cmd *cmd, const char *plan,
			const char *out, const char *out_opt);

#endif

/*
 * planmeta.c - PLAN.meta, written beside -o PLAN, may replace no input
 * and no other output, and no output may replace the PLAN.meta a command
 * reads (planmeta.h).
 */
#include "sim/cli/planmeta.h"
#include "lib/error.h"
#include "lib/outfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int planmeta_check(const struct opt_cmd *cmd, const char *plan,
		   const char *const *in, size_t nin, const char *out,
		   const char *out_opt)
{
	char *meta = NULL;
	int rc = 0;

	if (!plan || !strcmp(plan, "-"))
		return 0;
	if (asprintf(&meta, "%s.meta", plan) < 0)
		return error_exit_code(-ENOMEM);
	for (size_t i = 0; rc == 0 && i < nin; i++)
		if (in[i] && outfile_same(meta, in[i]))
			rc = opt_error(cmd, "-o",
				       "its terms '%s' would replace the "
				       "input '%s': write the plan elsewhere",
				       meta, in[i]);
	if (rc == 0 && out && strcmp(out, "-") && outfile_same(meta, out))
		rc = opt_error(cmd, out_opt,
			       "'%s' is also written by '-o' (PLAN.meta, the "
			       "plan's terms): give each output a file of its "
			       "own",
			       out);
	free(meta);
	return rc;
}

int planmeta_check_read(const struct opt_cmd *cmd, const char *plan,
			const char *out, const char *out_opt)
{
	char *meta = NULL;
	int rc = 0;

	if (!plan || !strcmp(plan, "-") || !out || !strcmp(out, "-"))
		return 0;
	if (asprintf(&meta, "%s.meta", plan) < 0)
		return error_exit_code(-ENOMEM);
	if (outfile_same(meta, out))
		rc = opt_error(cmd, out_opt,
			       "'%s' is also an input ('%s', the terms of "
			       "the plan '%s'): write the output elsewhere",
			       out, meta, plan);
	free(meta);
	return rc;
}

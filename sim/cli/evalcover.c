/*
 * evalcover.c - "this evaluation does not cover the plan", said once for
 * every command (evalcover.h).
 */
#include "sim/cli/evalcover.h"
#include "lib/textwidth.h"
#include "sim/plan/evaluate.h"

#include <inttypes.h>

bool evalcover_say(FILE *fp, const char *lead, uint64_t missing,
		   uint64_t planned, const char *trace, bool window,
		   const char *tail)
{
	double share = planned ? (double)missing / (double)planned : 0;

	if (share <= EVAL_MAX_MISSING)
		return false;
	fprintf(fp,
		"%sthis evaluation does not cover the plan: %.1f %% of its "
		"VMs (%" PRIu64 " of %" PRIu64 ") %s",
		lead, 100 * share, missing, planned,
		window ? "have no data in the evaluation window of "
		       : "are not in ");
	if (trace) {
		fputc('\'', fp);
		textwidth_put(fp, trace);
		fputc('\'', fp);
	} else {
		fputs(window ? "the trace" : "the evaluation trace", fp);
	}
	fprintf(fp,
		" (limit %g %%); the figures are over the VMs present in "
		"both, on hosts that lost VMs%s\n",
		100 * EVAL_MAX_MISSING, tail);
	return true;
}

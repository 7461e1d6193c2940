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
	return evalcover_say_of(fp, lead, NULL, window, missing, planned, trace,
				tail);
}

bool evalcover_say_of(FILE *fp, const char *lead, const char *host,
		      bool windowed, uint64_t missing, uint64_t planned,
		      const char *trace, const char *tail)
{
	double share = planned ? (double)missing / (double)planned : 0;

	if (share <= EVAL_MAX_MISSING)
		return false;
	fprintf(fp, "%sthis evaluation does not cover ", lead);
	if (host) {
		fputs("host '", fp);
		textwidth_put(fp, host);
		fputc('\'', fp);
	} else {
		fputs("the plan", fp);
	}
	fprintf(fp, ": %.1f %% of its VMs (%" PRIu64 " of %" PRIu64 ") %s ",
		100 * share, missing, planned,
		windowed ? "have no data in the evaluation window of"
			 : "are not in");
	if (trace) {
		fputc('\'', fp);
		textwidth_put(fp, trace);
		fputc('\'', fp);
	} else {
		fputs(windowed ? "the trace" : "the evaluation trace", fp);
	}
	fprintf(fp,
		" (limit %g %%); the figures are over the VMs present in "
		"both%s%s\n",
		100 * EVAL_MAX_MISSING, host ? "" : ", on hosts that lost VMs",
		tail);
	return true;
}

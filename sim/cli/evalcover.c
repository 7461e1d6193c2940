/*
 * evalcover.c - "this evaluation does not cover the plan", said once for
 * every command (evalcover.h).
 */
#include "sim/cli/evalcover.h"
#include "lib/textwidth.h"
#include "sim/plan/evaluate.h"

#include <inttypes.h>

/* The trace's name, quoted, or its stand-in. */
static void put_trace(FILE *fp, const char *trace, bool window)
{
	if (trace) {
		fputc('\'', fp);
		textwidth_put(fp, trace);
		fputc('\'', fp);
	} else {
		fputs(window ? "the trace" : "the evaluation trace", fp);
	}
}

/* Where the MISSING VMs are, around the trace's name, in vmux evaluate's
 * words: not in it, in it but with no data in the window, or both. */
static void say_where(FILE *fp, uint64_t missing, uint64_t absent,
		      const char *trace, bool window)
{
	bool known = absent != EVALCOVER_UNKNOWN;

	if (!window || (known && absent == missing)) {
		fputs("are not in ", fp);
		put_trace(fp, trace, window);
	} else if (known && absent == 0) {
		fputs("are in ", fp);
		put_trace(fp, trace, window);
		fputs(" but have no data in its evaluation window", fp);
	} else {
		fputs("have no data in the evaluation window of ", fp);
		put_trace(fp, trace, window);
		if (known)
			fprintf(fp, " (%" PRIu64 " of them not in it at all)",
				absent);
	}
}

bool evalcover_say(FILE *fp, const char *lead, uint64_t missing,
		   uint64_t absent, uint64_t planned, const char *trace,
		   bool window, const char *tail)
{
	return evalcover_say_of(fp, lead, NULL, window, missing, absent,
				planned, trace, tail);
}

bool evalcover_say_of(FILE *fp, const char *lead, const char *host,
		      bool windowed, uint64_t missing, uint64_t absent,
		      uint64_t planned, const char *trace, const char *tail)
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
	fprintf(fp, ": %.1f %% of its VMs (%" PRIu64 " of %" PRIu64 ") ",
		100 * share, missing, planned);
	say_where(fp, missing, absent, trace, windowed);
	fprintf(fp,
		" (limit %g %%); the figures are over the VMs present in "
		"both%s%s\n",
		100 * EVAL_MAX_MISSING, host ? "" : ", on hosts that lost VMs",
		tail);
	return true;
}

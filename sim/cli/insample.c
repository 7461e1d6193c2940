/*
 * insample.c - a replay on the data the plan was fitted on is said to be
 * in sample (insample.h).
 */
#include "sim/cli/insample.h"
#include "lib/error.h"
#include "lib/sha256.h"

#include <string.h>
#include <sys/stat.h>

/* Whether TRACE is the file T records: its size, then its digest. */
static bool same_trace(const struct plan_terms *t, const char *trace)
{
	char hex[SHA256_HEX_LEN + 1];
	uint64_t size;
	struct stat st;

	if (!strcmp(trace, "-") || stat(trace, &st) != 0 ||
	    !S_ISREG(st.st_mode) || (uint64_t)st.st_size != t->trace_size)
		return false;
	return sha256_file(trace, hex, &size) == 0 &&
	       !strcmp(hex, t->trace_sha256);
}

bool insample_say(const char *who, const struct plan_terms *t, const char *plan,
		  const char *trace, double from, double to)
{
	double lo = t->train_from, hi = t->train_to;

	if (!t->trace_sha256[0] || !(hi > lo) || !(from < hi && to > lo) ||
	    !same_trace(t, trace))
		return false;
	error_warn("%s: '%s' is the trace the plan '%s' was fitted on "
		   "(%s.meta: trace_sha256) and the evaluation window "
		   "[%.15g, %.15g) s overlaps its training window [%.15g, "
		   "%.15g) s: these figures are in sample, not a test of the "
		   "plan; evaluate another trace, or from %.15g s on",
		   who, trace, plan, plan, from, to, lo, hi, hi);
	return true;
}

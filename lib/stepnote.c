/*
 * stepnote.c - the warning that a trace's step is not the service level's
 * (see stepnote.h).
 */
#include "lib/stepnote.h"
#include "lib/error.h"

void stepnote_plan(const char *cmd, const char *path, double got,
		   const char *plan, double want)
{
	error_warn("%s: '%s' has slots of %g s, the plan '%s' was fitted on "
		   "slots of %g s (%s.meta: step): " STEPNOTE_RATES
		   " (resample the trace to %g s)",
		   cmd, path, got, plan, want, plan, want, got, want);
}

void stepnote_train(const char *cmd, const char *path, double got,
		    const char *train, double want)
{
	error_warn("%s: '%s' has slots of %g s, the training trace '%s' "
		   "slots of %g s: " STEPNOTE_RATES
		   " (resample the evaluation trace to %g s)",
		   cmd, path, got, train, want, want, got, want);
}

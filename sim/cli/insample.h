/*
 * insample.h - whether a replay of a plan is in sample: its trace is the
 * very file the plan was fitted on (PLAN.meta's trace_size and
 * trace_sha256) and its window overlaps the training window (train_from,
 * train_to). vmux evaluate says so; report and frontier
 * refuse such a window outright (they name their training trace).
 */
#ifndef VMUX_INSAMPLE_H
#define VMUX_INSAMPLE_H

#include "sim/plan/planterms.h"

#include <stdbool.h>

/*
 * If TRACE, replayed over [FROM, TO) s, holds data the plan of PLAN was
 * fitted on (T: its terms; nothing is said without them, or when they
 * record no digest), warn on stderr as WHO ("evaluate") and return true.
 * The file is hashed only when its size is the recorded one and the
 * windows overlap; a file that cannot be read is not said to be in sample.
 */
bool insample_say(const char *who, const struct plan_terms *t, const char *plan,
		  const char *trace, double from, double to);

#endif

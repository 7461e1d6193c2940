/*
 * stepnote.h - the one sentence evaluate, frontier and report say when
 * rates are replayed on a trace of another step than the one the service
 * level counts (PLAN.meta's step, else the training trace's): coarser
 * slots hide short peaks, so those rates are not what the service level
 * promises. The page (reports/) and the terminal (sim/cli/) say it in
 * these words.
 */
#ifndef VMUX_STEPNOTE_H
#define VMUX_STEPNOTE_H

/* A printf format: the service level's step (s), the trace's step (s). */
#define STEPNOTE_RATES                                                         \
	"the service level counts slots of %g s, so rates over slots of "      \
	"%g s (coarser ones hide short peaks) are not what it promises"

/*
 * "vmux: warning: CMD: 'PATH' has slots of GOT s, the plan 'PLAN' was
 * fitted on slots of WANT s (PLAN.meta: step): " STEPNOTE_RATES
 * " (resample the trace to WANT s)".
 */
void stepnote_plan(const char *cmd, const char *path, double got,
		   const char *plan, double want);
/* The same where the step is the training trace TRAIN's (no PLAN.meta,
 * or a frontier): "..., the training trace 'TRAIN' slots of WANT s: "
 * STEPNOTE_RATES " (resample the evaluation trace to WANT s)". */
void stepnote_train(const char *cmd, const char *path, double got,
		    const char *train, double want);

#endif

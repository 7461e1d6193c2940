/*
 * evalcover.h - the one sentence that says an evaluation does not cover
 * its plan, or one of its hosts: more than EVAL_MAX_MISSING
 * (sim/plan/evaluate.h) of the plan's (the host's) VMs are not in the
 * evaluation trace. vmux evaluate, frontier, merge and validate say it in
 * the same words.
 */
#ifndef VMUX_EVALCOVER_H
#define VMUX_EVALCOVER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/*
 * If MISSING of PLANNED VMs is above the limit, write to FP: LEAD ("vmux:
 * warning: evaluate: ", "NOTE: "), the sentence naming TRACE (NULL: "the
 * evaluation trace"), TAIL ("" or more said after it) and a line break,
 * and return true; else write nothing and return false. WINDOW: the
 * evaluation is a window of TRACE (--from/--to, --eval-from/--eval-to),
 * so the missing VMs may be in the file with no data in the window:
 * ABSENT of them are not in the file at all, and the sentence says which
 * as vmux evaluate's summary does ("are not in 'TRACE'", "are in 'TRACE'
 * but have no data in its evaluation window", "have no data in the
 * evaluation window of 'TRACE' (ABSENT of them not in it at all)");
 * ABSENT EVALCOVER_UNKNOWN: "have no data in the evaluation window of
 * 'TRACE'". Without a window they "are not in 'TRACE'".
 */
#define EVALCOVER_UNKNOWN UINT64_MAX
bool evalcover_say(FILE *fp, const char *lead, uint64_t missing,
		   uint64_t absent, uint64_t planned, const char *trace,
		   bool window, const char *tail);
/*
 * evalcover_say() of plan host HOST (NULL: the plan, as evalcover_say()),
 * its missing VMs told apart as there where WINDOWED (--from or --to
 * narrowed it: a VM of the file may be absent from it), else said to be
 * "not in" TRACE.
 */
bool evalcover_say_of(FILE *fp, const char *lead, const char *host,
		      bool windowed, uint64_t missing, uint64_t absent,
		      uint64_t planned, const char *trace, const char *tail);

#endif

/*
 * evalcover.h - the one sentence that says an evaluation does not cover
 * its plan: more than EVAL_MAX_MISSING (sim/plan/evaluate.h) of the
 * plan's VMs are not in the evaluation trace. vmux evaluate, frontier and
 * merge say it in the same words.
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
 * so the missing VMs "have no data in the evaluation window of 'TRACE'"
 * (they may be in the file), not "are not in 'TRACE'".
 */
bool evalcover_say(FILE *fp, const char *lead, uint64_t missing,
		   uint64_t planned, const char *trace, bool window,
		   const char *tail);

#endif

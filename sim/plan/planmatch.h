/*
 * planmatch.h - a plan file's VMs met with a trace's, by name: the one
 * place plans and traces are matched (vmux evaluate, validate, report).
 * A plan VM missing from the trace and a trace VM missing from the plan
 * are counted, not errors; what to make of them is the caller's choice.
 */
#ifndef VMUX_PLANMATCH_H
#define VMUX_PLANMATCH_H

#include "sim/plan/planfile.h"
#include "sim/store/trace.h"

#include <stddef.h>

struct planmatch {
	long *host_of;	 /* per trace VM: its plan host, or -1 */
	long *vm_of;	 /* per plan row: its trace VM, or -1 */
	size_t *missing; /* per plan host: its VMs not in the trace */
	size_t nmissing, nunplanned;
	size_t nabsent;	      /* of nmissing: not in the trace at all (the
			       * others have no data in the window) */
	long first_missing;   /* plan row, or -1 */
	long first_unplanned; /* trace VM, or -1 */
};

/* Match PF's VMs with T's into *OUT (planmatch_destroy it). -ENOMEM. */
int planmatch_create(const struct planfile *pf, const struct trace *t,
		     struct planmatch **out);
/*
 * planmatch_create() for a replay of T's slots [FIRST, FIRST + N): a VM
 * with no data there (trace_present) is not in it, as if not in T (a plan
 * VM missing, a trace VM not counted unplanned): a window of a trace of
 * several days counts what a file of that day alone would.
 */
int planmatch_window(const struct planfile *pf, const struct trace *t,
		     size_t first, size_t n, struct planmatch **out);
/* Free M. NULL is a no-op. */
void planmatch_destroy(struct planmatch *m);
/*
 * The trace VMs of plan host H that are in the trace, in plan order, into
 * VMS and (if not NULL) their plan rows into ROWS; both need room for the
 * host's rows (planfile_host_rows). Returns how many.
 */
size_t planmatch_host(const struct planmatch *m, const struct planfile *pf,
		      size_t h, size_t *vms, size_t *rows);

#endif

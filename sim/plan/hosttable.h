/*
 * hosttable.h - the per-host table of a plan (struct plan_host rows from
 * plan_hosts()), as text for people or as CSV.
 *
 * Columns: host, vms, then per constrained resource R (in resource order)
 * own_R (sum of the VMs' own P-sizes), joint_R (P-size of their summed
 * demand), cap_R, headroom_R (1 - joint_R / cap_R; percent in text, a
 * fraction in CSV), then overload_in (in-sample overloaded slots / slots).
 */
#ifndef VMUX_HOSTTABLE_H
#define VMUX_HOSTTABLE_H

#include "sim/plan/plan.h"

#include <stdbool.h>
#include <stdio.h>

/* Write the N rows of H for the resources in MASK with capacities CAP. */
void hosttable_write(FILE *fp, bool csv, const struct plan_host *h, size_t n,
		     unsigned mask, const double *cap);

/*
 * The text table of at most TOP of the N hosts of H: all when N <= TOP,
 * else the TOP with the most in-sample overload (ties: the lower host), in
 * host order, under a line that says so; nothing when N is 0 (no header
 * over no row). 0 or -ENOMEM.
 */
#define HOSTTABLE_TOP 50
int hosttable_write_top(FILE *fp, const struct plan_host *h, size_t n,
			unsigned mask, const double *cap, size_t top);

#endif

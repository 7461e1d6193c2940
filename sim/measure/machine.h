/*
 * machine.h - the machine a measurement runs on, as the measurement needs
 * to know it: what it is (CPU model, cores, whether it is itself a guest of
 * a hypervisor) and what else it is doing (load average, CPU time other
 * processes and the hypervisor below took, run-queue delay of our threads).
 *
 * Units: seconds of CPU time, cores (CPU seconds per wall second). The
 * kernel counts /proc/stat in ticks (USER_HZ, usually 10 ms), so "others"
 * over one short interval is only good to a tick per core.
 */
#ifndef VMUX_MACHINE_H
#define VMUX_MACHINE_H

#include <stdbool.h>
#include <sys/types.h>

struct machine_info {
	char model[64]; /* CPU model name, "unknown" if not found */
	int cores;	/* online */
	bool nested;	/* CPUID says a hypervisor is below us */
	double load1;	/* 1-minute load average; -1 if unreadable */
};

/* Fill *M; never fails (unknowns are said so in the fields). */
void machine_describe(struct machine_info *m);

/* CPU accounting at one instant. */
struct machine_snap {
	double wall;  /* CLOCK_MONOTONIC, s */
	double busy;  /* all cores' non-idle time but steal, s */
	double steal; /* time the hypervisor below ran something else, s */
	double own;   /* this process's CPU time, s */
};

/* Take a snapshot. -errno if /proc/stat cannot be read. */
int machine_snap(struct machine_snap *s);

/*
 * Between snapshots A and B: cores used by other processes (the machine's
 * busy time minus ours, >= 0) and cores stolen, each per wall second.
 */
void machine_others(const struct machine_snap *a, const struct machine_snap *b,
		    double *others, double *steal);

/*
 * Seconds thread TID of this process has waited runnable on a run queue
 * (the second field of /proc/self/task/TID/schedstat). -errno if the
 * kernel does not keep schedstats.
 */
int machine_run_delay(pid_t tid, double *secs);

#endif

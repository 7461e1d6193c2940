/*
 * cpucap.h - a CPU cap for a group of threads: "these threads together may
 * use at most C cores". Uses the kernel's CPU bandwidth control on a fresh
 * cgroup (v2 `cpu.max` in a threaded cgroup, or v1 `cpu.cfs_quota_us`),
 * named vmux-<pid>-<n> so a leftover from a killed run can be recognized
 * and removed by the next one. The enforcement period is 10 ms, short
 * against the validation's slots. The group is given the heaviest weight
 * the kernel allows, so that other processes cannot take the share its
 * cap allows it (the cap still bounds it).
 */
#ifndef VMUX_CPUCAP_H
#define VMUX_CPUCAP_H

struct cpucap;

/*
 * A cap of CORES (> 0). -EACCES/-EPERM/-ENOENT/-EROFS when this machine
 * does not let us create one (callers fall back), -errno otherwise. Also
 * removes stale vmux cgroups whose process is gone.
 */
int cpucap_create(double cores, struct cpucap **out);
/* Move the calling thread into the cap. -errno. */
int cpucap_join(struct cpucap *c);
/* Which mechanism: "cgroup v2 cpu.max" or "cgroup v1 cpu.cfs_quota_us". */
const char *cpucap_kind(const struct cpucap *c);
/* The cgroup's path (for messages). */
const char *cpucap_path(const struct cpucap *c);
/*
 * Remove the cgroup; threads still in it (normally none: they have
 * exited) are moved back to the parent first. NULL is a no-op.
 */
void cpucap_destroy(struct cpucap *c);

#endif

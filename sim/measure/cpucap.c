/*
 * cpucap.c - see cpucap.h.
 */
#include "sim/measure/cpucap.h"
#include "lib/cleanup.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PERIOD_US 10000

struct cpucap {
	int v2;
	char root[64]; /* the hierarchy holding the cpu controller */
	char path[160];
	char list[192];	    /* path/cgroup.threads (or tasks) */
	char root_list[96]; /* root/cgroup.threads (or tasks) */
	int signal_id;	    /* the lib/cleanup hook */
};

static int write_file(const char *dir, const char *name, const char *val)
{
	char p[256];
	int fd, rc = 0;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	fd = open(p, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, val, strlen(val)) < 0)
		rc = -errno;
	close(fd);
	return rc;
}

/* Where the cpu controller is: v1 mount, else the v2 root if it has cpu. */
static int find_root(struct cpucap *c)
{
	char buf[256] = "";
	FILE *fp;

	if (access("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", F_OK) == 0) {
		snprintf(c->root, sizeof(c->root), "/sys/fs/cgroup/cpu");
		return 0;
	}
	fp = fopen("/sys/fs/cgroup/cgroup.controllers", "re");
	if (fp) {
		if (!fgets(buf, sizeof(buf), fp))
			buf[0] = '\0';
		fclose(fp);
	}
	if (!strstr(buf, "cpu"))
		return -ENOENT;
	c->v2 = 1;
	snprintf(c->root, sizeof(c->root), "/sys/fs/cgroup");
	return 0;
}

/* Remove vmux-<pid>-* cgroups whose process no longer exists. */
static void sweep(const char *root)
{
	DIR *d = opendir(root);
	struct dirent *e;
	char p[320];
	int pid;

	if (!d)
		return;
	while ((e = readdir(d)))
		if (sscanf(e->d_name, "vmux-%d-", &pid) == 1 &&
		    kill(pid, 0) < 0 && errno == ESRCH) {
			snprintf(p, sizeof(p), "%s/%s", root, e->d_name);
			rmdir(p);
		}
	closedir(d);
}

/*
 * The group's weight against the machine's other processes: the most the
 * kernel allows. A group weighs like one ordinary process by default, so
 * on a busy machine its vCPUs got a fraction of the CPU their cap allows;
 * the quota still stops them beyond the cap, so a heavy weight only
 * gives them their entitlement first, as on a host of their own.
 * Best effort (an older kernel may refuse): contention is measured anyway.
 */
static void set_weight(const struct cpucap *c)
{
	if (c->v2)
		write_file(c->path, "cpu.weight", "10000");
	else
		write_file(c->path, "cpu.shares", "262144");
}

static int set_limit(struct cpucap *c, double cores)
{
	char v[64];
	long quota = (long)(cores * PERIOD_US + 0.5);
	int rc;

	if (quota < 1000)
		quota = 1000; /* the kernel's minimum is 1 ms */
	if (c->v2) {
		/* Threads of one process may sit apart only in a threaded
		   cgroup. */
		rc = write_file(c->path, "cgroup.type", "threaded");
		snprintf(v, sizeof(v), "%ld %d", quota, PERIOD_US);
		return rc ? rc : write_file(c->path, "cpu.max", v);
	}
	snprintf(v, sizeof(v), "%d", PERIOD_US);
	rc = write_file(c->path, "cpu.cfs_period_us", v);
	snprintf(v, sizeof(v), "%ld", quota);
	return rc ? rc : write_file(c->path, "cpu.cfs_quota_us", v);
}

/* Move every thread still in the cgroup back to the root, one write per
 * thread ID as the kernel wants, then remove the cgroup. Also the
 * terminating-signal hook, so async-signal-safe: no stdio, no malloc. */
static void evacuate(void *arg)
{
	const struct cpucap *c = arg;
	char buf[4096];
	ssize_t n;
	int in = open(c->list, O_RDONLY | O_CLOEXEC);

	n = in >= 0 ? read(in, buf, sizeof(buf) - 1) : -1;
	if (in >= 0)
		close(in);
	for (ssize_t i = 0, start = 0; i < n; i++) {
		if (buf[i] != '\n')
			continue;
		int out = open(c->root_list, O_WRONLY | O_CLOEXEC);

		if (out >= 0) {
			if (write(out, buf + start, (size_t)(i - start)) < 0) {
				/* the thread is gone: nothing to move */
			}
			close(out);
		}
		start = i + 1;
	}
	rmdir(c->path);
}

/* Make C's cgroup under its root, capped at CORES, registered for a
 * signal to empty and remove. On failure nothing is left behind. */
static int make_group(struct cpucap *c, double cores)
{
	static int seq;
	int rc;

	snprintf(c->path, sizeof(c->path), "%s/vmux-%d-%d", c->root,
		 (int)getpid(), seq++);
	if (mkdir(c->path, 0755) < 0)
		return -errno;
	snprintf(c->list, sizeof(c->list), "%s/%s", c->path,
		 c->v2 ? "cgroup.threads" : "tasks");
	snprintf(c->root_list, sizeof(c->root_list), "%s/%s", c->root,
		 c->v2 ? "cgroup.threads" : "tasks");
	rc = set_limit(c, cores);
	if (rc == 0)
		set_weight(c);
	if (rc == 0)
		rc = c->signal_id = cleanup_add_hook(evacuate, c);
	if (rc < 0)
		rmdir(c->path);
	return rc < 0 ? rc : 0;
}

int cpucap_create(double cores, struct cpucap **out)
{
	struct cpucap *c = calloc(1, sizeof(*c));
	int rc;

	if (!c)
		return -ENOMEM;
	rc = find_root(c);
	if (rc < 0)
		goto fail;
	sweep(c->root);
	cleanup_hold(); /* no signal between making the group and registering */
	rc = make_group(c, cores);
	cleanup_release();
	if (rc < 0)
		goto fail;
	*out = c;
	return 0;
fail:
	free(c);
	return rc;
}

int cpucap_join(struct cpucap *c)
{
	char tid[32];

	snprintf(tid, sizeof(tid), "%d", (int)gettid());
	return write_file(c->path, c->v2 ? "cgroup.threads" : "tasks", tid);
}

const char *cpucap_kind(const struct cpucap *c)
{
	return c->v2 ? "cgroup v2 cpu.max" : "cgroup v1 cpu.cfs_quota_us";
}

const char *cpucap_path(const struct cpucap *c)
{
	return c->path;
}

void cpucap_destroy(struct cpucap *c)
{
	if (!c)
		return;
	cleanup_remove(c->signal_id);
	if (rmdir(c->path) < 0 && errno == EBUSY)
		evacuate(c);
	free(c);
}

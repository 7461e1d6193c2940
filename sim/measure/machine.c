/*
 * machine.c - see machine.h. Linux only: /proc/stat, /proc/cpuinfo,
 * /proc/loadavg, /proc/self/task/TID/schedstat; nesting from CPUID leaf 1,
 * ECX bit 31 (set by every hypervisor for its guests).
 */
#include "sim/measure/machine.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

static bool hypervisor_bit(void)
{
#if defined(__x86_64__) || defined(__i386__)
	unsigned a, b, c, d;

	if (__get_cpuid(1, &a, &b, &c, &d))
		return (c >> 31) & 1;
#endif
	return false;
}

static void cpu_model(char *out, size_t n)
{
	char line[256];
	FILE *fp = fopen("/proc/cpuinfo", "re");

	snprintf(out, n, "unknown");
	if (!fp)
		return;
	while (fgets(line, sizeof(line), fp)) {
		char *colon = strchr(line, ':');

		if (strncmp(line, "model name", 10) || !colon)
			continue;
		colon += 1 + strspn(colon + 1, " \t");
		colon[strcspn(colon, "\n")] = '\0';
		/* Commas would split the CSV field it goes into. */
		for (char *p = colon; *p; p++)
			if (*p == ',' || *p == '"')
				*p = ' ';
		snprintf(out, n, "%s", colon);
		break;
	}
	fclose(fp);
}

void machine_describe(struct machine_info *m)
{
	FILE *fp = fopen("/proc/loadavg", "re");

	cpu_model(m->model, sizeof(m->model));
	m->cores = (int)sysconf(_SC_NPROCESSORS_ONLN);
	m->nested = hypervisor_bit();
	m->load1 = -1;
	if (fp) {
		if (fscanf(fp, "%lf", &m->load1) != 1)
			m->load1 = -1;
		fclose(fp);
	}
}

static double seconds(clockid_t c)
{
	struct timespec ts;

	clock_gettime(c, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int machine_snap(struct machine_snap *s)
{
	unsigned long long v[8] = {0};
	double tick = (double)sysconf(_SC_CLK_TCK);
	FILE *fp = fopen("/proc/stat", "re");
	int n;

	if (!fp)
		return -errno;
	/* cpu user nice system idle iowait irq softirq steal */
	n = fscanf(fp, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0],
		   &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]);
	fclose(fp);
	if (n < 7)
		return -EIO;
	s->wall = seconds(CLOCK_MONOTONIC);
	s->own = seconds(CLOCK_PROCESS_CPUTIME_ID);
	s->busy = (double)(v[0] + v[1] + v[2] + v[5] + v[6]) / tick;
	s->steal = (double)v[7] / tick;
	return 0;
}

void machine_others(const struct machine_snap *a, const struct machine_snap *b,
		    double *others, double *steal)
{
	double wall = b->wall - a->wall;
	double o = (b->busy - a->busy) - (b->own - a->own);

	if (wall <= 0) {
		*others = *steal = 0;
		return;
	}
	*others = o > 0 ? o / wall : 0;
	*steal = (b->steal - a->steal) / wall;
}

int machine_run_delay(pid_t tid, double *secs)
{
	char p[64];
	unsigned long long run, wait;
	FILE *fp;
	int n;

	snprintf(p, sizeof(p), "/proc/self/task/%d/schedstat", (int)tid);
	fp = fopen(p, "re");
	if (!fp)
		return -errno;
	n = fscanf(fp, "%llu %llu", &run, &wait);
	fclose(fp);
	if (n != 2)
		return -EIO;
	*secs = (double)wait * 1e-9;
	return 0;
}

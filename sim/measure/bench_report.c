/*
 * bench_report.c - what the benchmark's rows mean: the lecture's table
 * (claimed overhead of full virtualization per resource against what each
 * style measured here) and the calibration file `vmux plan --virt STYLE
 * --overhead FILE` reads (models/overhead.h: style,resource,factor,source).
 *
 * Which rows stand for a resource: RAM = the mem pointer chase over the
 * largest working set (worst and best guest page size / host backing);
 * disk = the full row and the largest para row; network likewise; CPU
 * privileged = priv at the lowest sensitive fraction (pio under full,
 * cpuid under hw). Factors for the plan are 1 + the overhead of the
 * least-disturbed runs (guest min / native min), never below 1
 * (a negative overhead is noise, not a gift): cpu = cpu x priv, mem = the
 * chase with 2 MiB guest pages on normal host pages (vmux run's default),
 * disk and net per style; hw has no devices of its own and does its I/O
 * the paravirtual way, para runs the CPU as hw does.
 */
#include "sim/measure/bench_report.h"

#include <errno.h>

#include <string.h>
#include <time.h>
#include <unistd.h>

static const struct bench_row *find(const struct bench *b, const char *work,
				    const char *style, const char *prefix,
				    bool last)
{
	const struct bench_row *hit = NULL;

	for (size_t i = 0; i < b->nrows; i++) {
		const struct bench_row *r = &b->rows[i];

		if (strcmp(r->workload, work) || strcmp(r->style, style) ||
		    strncmp(r->variant, prefix, strlen(prefix)))
			continue;
		hit = r;
		if (!last)
			break;
	}
	return hit;
}

/* The mem chase rows over the largest working set: worst and best. */
static void mem_extremes(const struct bench *b, const struct bench_row **worst,
			 const struct bench_row **best)
{
	const struct bench_row *big = find(b, "mem", "hw", "chase", true);
	size_t len;

	*worst = *best = NULL;
	if (!big)
		return;
	len = strcspn(big->variant, "p"); /* "chase 128M " */
	for (size_t i = 0; i < b->nrows; i++) {
		const struct bench_row *r = &b->rows[i];

		if (strcmp(r->workload, "mem") ||
		    strncmp(r->variant, big->variant, len))
			continue;
		if (!*worst || r->overhead_pct > (*worst)->overhead_pct)
			*worst = r;
		if (!*best || r->overhead_pct < (*best)->overhead_pct)
			*best = r;
	}
}

static const char *verdict(double pct, double lo, double hi)
{
	if (pct > hi)
		return "worse than claimed";
	if (pct < lo)
		return "better than claimed";
	return "agrees";
}

static void cell(FILE *fp, const struct bench_row *r, double lo, double hi)
{
	if (!r) {
		fprintf(fp, "  %-36s", "not measured");
		return;
	}
	char s[64];

	snprintf(s, sizeof(s), "%.1f %% (%s)%s", r->overhead_pct,
		 verdict(r->overhead_pct, lo, hi), r->noisy ? " noisy" : "");
	fprintf(fp, "  %-36s", s);
}

static void line(FILE *fp, const char *res, double lo, double hi,
		 const struct bench_row *full, const struct bench_row *para,
		 const struct bench_row *hw, const char *na)
{
	fprintf(fp, "%-15s %3.0f-%-3.0f %%", res, lo, hi);
	if (full)
		cell(fp, full, lo, hi);
	else
		fprintf(fp, "  %-36s", na);
	if (para)
		cell(fp, para, lo, hi);
	else
		fprintf(fp, "  %-36s", na);
	if (hw)
		cell(fp, hw, lo, hi);
	else
		fprintf(fp, "  %-36s", "n/a: no device in the loop");
	fputc('\n', fp);
}

void bench_print_lecture(const struct bench *b, FILE *fp)
{
	const struct bench_row *worst, *best;

	mem_extremes(b, &worst, &best);
	fprintf(fp,
		"\nThe lecture's claims for full virtualization, measured "
		"here (accel %s).\nThis machine is itself a virtual "
		"machine: every exit is nested, so exits cost\nfar more "
		"than on bare metal and device emulation suffers most.\n\n",
		b->acc ? accel_name(b->acc) : "?");
	fprintf(fp, "%-15s %-9s  %-36s  %-36s  %-36s\n", "resource", "claimed",
		"full (emulated devices)", "para (rings)",
		"hw (VT-x/AMD-V, EPT)");
	line(fp, "RAM (worst)", 25, 75, NULL, NULL, worst,
	     "as hw: same CPU and MMU path");
	line(fp, "RAM (best)", 25, 75, NULL, NULL, best,
	     "as hw: same CPU and MMU path");
	line(fp, "disk I/O", 5, 20, find(b, "disk", "full", "", true),
	     find(b, "disk", "para", "", true), NULL, "");
	line(fp, "network", 0, 10, find(b, "net", "full", "", true),
	     find(b, "net", "para", "", true), NULL, "");
	line(fp, "CPU privileged", 1, 7, find(b, "priv", "full", "", true),
	     NULL, find(b, "priv", "hw", "", true),
	     "n/a: no paravirtual CPU path");
	if (worst)
		fprintf(fp, "\nRAM worst: %s; best: %s.\n", worst->variant,
			best->variant);
	fprintf(fp, "RAM under hw is nested paging (two-dimensional walks), "
		    "not the shadow paging\nthe claim was made for; "
		    "privileged CPU rows use the lowest sensitive fraction.\n");
}

/* From the least-disturbed runs: a calibration must not carry noise. */
static double factor(const struct bench_row *r)
{
	double f = r ? 1 + r->best_pct / 100 : 1;

	return f < 1 ? 1 : f;
}

static void cal_row(FILE *fp, const char *style, const char *res, double f,
		    const char *rows, const char *where)
{
	fprintf(fp, "%s,%s,%.4f,\"%s; %s\"\n", style, res, f, where, rows);
}

int bench_write_calibration(const struct bench *b, FILE *fp)
{
	const struct bench_row *cpu = find(b, "cpu", "hw", "", false);
	const struct bench_row *pf = find(b, "priv", "full", "", true);
	const struct bench_row *ph = find(b, "priv", "hw", "", true);
	const struct bench_row *mem = find(b, "mem", "hw", "chase", true);
	const struct bench_row *df = find(b, "disk", "full", "", true);
	const struct bench_row *dp = find(b, "disk", "para", "", true);
	const struct bench_row *nf = find(b, "net", "full", "", true);
	const struct bench_row *np = find(b, "net", "para", "", true);
	char where[160], host[64] = "unknown";
	time_t now = time(NULL);
	struct tm tm;

	for (size_t i = 0; mem && i < b->nrows; i++)
		if (!strcmp(b->rows[i].workload, "mem") &&
		    strstr(b->rows[i].variant, "pg=2m host=4k") &&
		    !strncmp(b->rows[i].variant, mem->variant, 10))
			mem = &b->rows[i];
	gethostname(host, sizeof(host) - 1);
	gmtime_r(&now, &tm);
	snprintf(where, sizeof(where),
		 "vmux bench%s on %s, %04d-%02d-%02d, "
		 "accel %s",
		 b->quick ? " --quick" : "", host, tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday,
		 b->acc ? accel_name(b->acc) : "none");
	fprintf(fp, "style,resource,factor,source\n");
	cal_row(fp, "full", "cpu", factor(cpu) * factor(pf), "cpu x priv pio",
		where);
	cal_row(fp, "para", "cpu", factor(cpu) * factor(ph),
		"cpu x priv cpuid (as hw)", where);
	cal_row(fp, "hw", "cpu", factor(cpu) * factor(ph), "cpu x priv cpuid",
		where);
	for (int s = 0; s < 3; s++)
		cal_row(fp,
			s == 0	 ? "full"
			: s == 1 ? "para"
				 : "hw",
			"mem", factor(mem), mem ? mem->variant : "not measured",
			where);
	cal_row(fp, "full", "disk", factor(df), "disk full", where);
	cal_row(fp, "para", "disk", factor(dp), "disk para", where);
	cal_row(fp, "hw", "disk", factor(dp),
		"disk para (hw does I/O the para way)", where);
	cal_row(fp, "full", "net", factor(nf), "net full", where);
	cal_row(fp, "para", "net", factor(np), "net para", where);
	cal_row(fp, "hw", "net", factor(np),
		"net para (hw does I/O the para way)", where);
	return ferror(fp) ? -EIO : 0;
}

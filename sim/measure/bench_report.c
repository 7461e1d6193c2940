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
		 verdict(r->overhead_pct, lo, hi),
		 r->unjudged ? " unjudged"
		 : r->noisy  ? " noisy"
			     : "");
	fprintf(fp, "  %-36s", s);
}

/* Whether any row of workload WORK was measured (--workloads). */
static bool ran(const struct bench *b, const char *work)
{
	for (size_t i = 0; i < b->nrows; i++)
		if (!strcmp(b->rows[i].workload, work))
			return true;
	return false;
}

/*
 * One cell: the row, else why there is none: NA when the style has no
 * such path, "not measured" when the workload was left out.
 */
static void slot(FILE *fp, const struct bench_row *r, double lo, double hi,
		 bool measured, const char *na)
{
	if (r)
		cell(fp, r, lo, hi);
	else
		fprintf(fp, "  %-36s", measured && na ? na : "not measured");
}

static void line(FILE *fp, const struct bench *b, const char *res,
		 const char *work, double lo, double hi,
		 const struct bench_row *const row[3], const char *const na[3])
{
	bool m = ran(b, work);
	char claim[48]; /* "LO % to HI %", as every range (lib/numtext.h) */

	snprintf(claim, sizeof(claim), "%.0f %% to %.0f %%", lo, hi);
	fprintf(fp, "%-15s %-12s", res, claim);
	for (int s = 0; s < 3; s++)
		slot(fp, row[s], lo, hi, m, na[s]);
	fputc('\n', fp);
}

static bool is_tcg(const struct bench *b)
{
	return b->acc && !strcmp(accel_name(b->acc), "tcg");
}

/* What the backend and the machine mean for the numbers, as measured. */
static void backend_note(const struct bench *b, FILE *fp)
{
	if (is_tcg(b))
		fprintf(fp, "Guests ran by binary translation: their code is "
			    "translated to host code, so\ncompute is slower "
			    "than native, and a device access is a function "
			    "call, not a\ntrap to the monitor.\n");
	else
		fprintf(fp, "Guests ran with hardware assistance: their "
			    "code runs on the CPU, and a device\naccess "
			    "traps to the monitor (an exit).\n");
	if (!is_tcg(b) && b->machine.nested)
		fprintf(fp, "This machine is itself a virtual machine (CPUID "
			    "hypervisor bit): every exit is\nnested, so exits "
			    "cost far more than on bare metal and device "
			    "emulation\nsuffers most.\n");
}

/* The lecture's table: what it is, the backend, the columns. */
static void lecture_head(const struct bench *b, FILE *fp)
{
	fprintf(fp,
		"\nThe lecture's claims: the overhead the course lecture "
		"states for full\nvirtualization per resource (\"claimed\"), "
		"set against what each style measured\nhere, by %s.\n",
		bench_backend_phrase(b));
	backend_note(b, fp);
	fprintf(fp, "\n%-15s %-12s  %-36s  %-36s  %-36s\n", "resource",
		"claimed", "full (emulated devices)", "para (rings)",
		is_tcg(b) ? "hw (CPU by binary translation)"
			  : "hw (hardware-assisted CPU and MMU)");
}

/* One row per resource claimed: RAM at its WORST and BEST variant. */
static void lecture_rows(const struct bench *b, const struct bench_row *worst,
			 const struct bench_row *best, FILE *fp)
{
	static const char *const mem_na[3] = {"as hw: same CPU and MMU path",
					      "as hw: same CPU and MMU path",
					      NULL};
	static const char *const io_na[3] = {NULL, NULL,
					     "n/a: no device of its own"};
	static const char *const priv_na[3] = {
	    NULL, "n/a: no paravirtual CPU path", NULL};

	line(fp, b, "RAM (worst)", "mem", 25, 75,
	     (const struct bench_row *[3]){NULL, NULL, worst}, mem_na);
	line(fp, b, "RAM (best)", "mem", 25, 75,
	     (const struct bench_row *[3]){NULL, NULL, best}, mem_na);
	line(fp, b, "disk I/O", "disk", 5, 20,
	     (const struct bench_row *[3]){find(b, "disk", "full", "", true),
					   find(b, "disk", "para", "", true),
					   NULL},
	     io_na);
	line(fp, b, "network", "net", 0, 10,
	     (const struct bench_row *[3]){find(b, "net", "full", "", true),
					   find(b, "net", "para", "", true),
					   NULL},
	     io_na);
	line(fp, b, "CPU privileged", "priv", 1, 7,
	     (const struct bench_row *[3]){find(b, "priv", "full", "", true),
					   NULL,
					   find(b, "priv", "hw", "", true)},
	     priv_na);
}

/* Under the table: which RAM variants, what RAM and privileged CPU
 * rows measure, and how far the numbers can be trusted. */
static void lecture_notes(const struct bench *b, const struct bench_row *worst,
			  const struct bench_row *best, FILE *fp)
{
	if (worst)
		fprintf(fp, "\nRAM worst: %s; best: %s.\n", worst->variant,
			best->variant);
	if (is_tcg(b))
		fprintf(fp, "RAM under binary translation goes through the "
			    "translator's software TLB, not\nthe shadow "
			    "paging the claim was made for; ");
	else
		fprintf(fp, "RAM under hw is two-dimensional paging (EPT/NPT), "
			    "not the shadow paging\nthe claim was made for; ");
	fprintf(fp, "privileged CPU\nrows use the lowest sensitive "
		    "fraction.\n");
	bench_print_trust(b, fp);
	fprintf(fp, ".\n");
}

void bench_print_lecture(const struct bench *b, FILE *fp)
{
	const struct bench_row *worst, *best;

	mem_extremes(b, &worst, &best);
	lecture_head(b, fp);
	lecture_rows(b, worst, best, fp);
	lecture_notes(b, worst, best, fp);
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

/* The memory row: the chase with huge guest pages on small host pages
 * of the same size as MEM, if measured, else MEM itself. */
static const struct bench_row *huge_pages(const struct bench *b,
					  const struct bench_row *mem)
{
	for (size_t i = 0; mem && i < b->nrows; i++)
		if (!strcmp(b->rows[i].workload, "mem") &&
		    strstr(b->rows[i].variant, "pg=2m host=4k") &&
		    !strncmp(b->rows[i].variant, mem->variant, 10))
			mem = &b->rows[i];
	return mem;
}

/* Where and when the factors were measured, into WHERE: "vmux bench on
 * HOST, DATE, BACKEND". */
static void measured_where(const struct bench *b, char *where, size_t n)
{
	char host[64] = "unknown";
	time_t now = time(NULL);
	struct tm tm;

	gethostname(host, sizeof(host) - 1);
	gmtime_r(&now, &tm);
	snprintf(where, n, "vmux bench%s on %s, %04d-%02d-%02d, %s%s",
		 b->quick ? " --quick" : "", host, tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, bench_backend_phrase(b),
		 !is_tcg(b) && b->machine.nested ? ", nested" : "");
}

/* The disk and network rows: hw does its I/O the para way. */
static void io_rows(const struct bench *b, FILE *fp, const char *where)
{
	const struct bench_row *df = find(b, "disk", "full", "", true);
	const struct bench_row *dp = find(b, "disk", "para", "", true);
	const struct bench_row *nf = find(b, "net", "full", "", true);
	const struct bench_row *np = find(b, "net", "para", "", true);

	cal_row(fp, "full", "disk", factor(df), "disk full", where);
	cal_row(fp, "para", "disk", factor(dp), "disk para", where);
	cal_row(fp, "hw", "disk", factor(dp),
		"disk para (hw does I/O the para way)", where);
	cal_row(fp, "full", "net", factor(nf), "net full", where);
	cal_row(fp, "para", "net", factor(np), "net para", where);
	cal_row(fp, "hw", "net", factor(np),
		"net para (hw does I/O the para way)", where);
}

int bench_write_calibration(const struct bench *b, FILE *fp)
{
	const struct bench_row *cpu = find(b, "cpu", "hw", "", false);
	const struct bench_row *pf = find(b, "priv", "full", "", true);
	const struct bench_row *ph = find(b, "priv", "hw", "", true);
	const struct bench_row *mem =
	    huge_pages(b, find(b, "mem", "hw", "chase", true));
	char where[160];

	measured_where(b, where, sizeof(where));
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
	io_rows(b, fp, where);
	return ferror(fp) ? -EIO : 0;
}

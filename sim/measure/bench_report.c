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
#include "lib/numtext.h"
#include "sim/measure/bench_claim.h"

#include <errno.h>
#include <math.h>
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

/* One line of the lecture's table: a resource, the workload whose claim
   it is judged on, a row per style (NULL: none) and why there is none. */
struct lecture_line {
	const char *res, *work;
	const struct bench_row *row[3];
	const char *const *na;
	char cell[3][112];
};

/*
 * A cell: the row's overhead and its verdict (bench_claim.h), the range
 * where that is what leaves it inconclusive, and whether it is noisy.
 */
static void cell(char *s, size_t len, const struct bench_row *r, double lo,
		 double hi)
{
	double from = fmin(r->overhead_pct, r->lo_pct),
	       to = fmax(r->overhead_pct, r->hi_pct);
	enum bench_verdict v =
	    bench_judge(r->overhead_pct, r->lo_pct, r->hi_pct, lo, hi);
	char range[64] = "";

	if (v == BENCH_INCONCLUSIVE)
		snprintf(range, sizeof(range), ", range %.1f %% to %.1f %%",
			 numtext_zero(from, 1), numtext_zero(to, 1));
	snprintf(s, len, "%.1f %% (%s%s)%s", numtext_zero(r->overhead_pct, 1),
		 bench_verdict_name(v), range,
		 r->unjudged ? " unjudged"
		 : r->noisy  ? " noisy"
			     : "");
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
 * The line's cells: the row, else why there is none: NA when the style has
 * no such path, "not measured" when the workload was left out. Widens
 * W[s] to the widest cell of each column.
 */
static void fill(const struct bench *b, struct lecture_line *l, int w[3])
{
	bool m = ran(b, l->work);
	double lo = 0, hi = 0;

	bench_claim(l->work, &lo, &hi);
	for (int s = 0; s < 3; s++) {
		if (l->row[s])
			cell(l->cell[s], sizeof(l->cell[s]), l->row[s], lo, hi);
		else
			snprintf(l->cell[s], sizeof(l->cell[s]), "%s",
				 m && l->na[s] ? l->na[s] : "not measured");
		if ((int)strlen(l->cell[s]) > w[s])
			w[s] = (int)strlen(l->cell[s]);
	}
}

static void line(FILE *fp, const char *res, const char *claim,
		 const char *const cells[3], const int w[3])
{
	fprintf(fp, "%-15s %-12s", res, claim);
	for (int s = 0; s < 2; s++)
		fprintf(fp, "  %-*s", w[s], cells[s]);
	fprintf(fp, "  %s\n", cells[2]); /* the last: no padding after it */
}

static bool is_tcg(const struct bench *b)
{
	return b->acc && !strcmp(accel_name(b->acc), "tcg");
}

/* The header and the lines, each column as wide as its widest cell. */
static void table(const struct bench *b, struct lecture_line *l, size_t n,
		  FILE *fp)
{
	const char *head[3] = {"full (emulated devices)", "para (rings)",
			       is_tcg(b)
				   ? "hw (CPU by binary translation)"
				   : "hw (hardware-assisted CPU and MMU)"};
	int w[3];
	double lo, hi;
	char claim[48]; /* "LO % to HI %", as every range (lib/numtext.h) */

	for (int s = 0; s < 3; s++)
		w[s] = (int)strlen(head[s]);
	for (size_t i = 0; i < n; i++)
		fill(b, &l[i], w);
	line(fp, "resource", "claimed", head, w);
	for (size_t i = 0; i < n; i++) {
		bench_claim(l[i].work, &lo, &hi);
		snprintf(claim, sizeof(claim), "%.0f %% to %.0f %%", lo, hi);
		line(fp, l[i].res, claim,
		     (const char *const[3]){l[i].cell[0], l[i].cell[1],
					    l[i].cell[2]},
		     w);
	}
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

/* After the table: the verdict's rule, which RAM rows and what the claim
   was made for (where mem ran), which privileged rows (where priv ran),
   and how far the rows can be trusted. */
static void closing(const struct bench *b, const struct bench_row *worst,
		    const struct bench_row *best, FILE *fp)
{
	fprintf(fp, "\nA verdict is on the row's range: inconclusive where the "
		    "median lies outside\nthe claim but the range reaches "
		    "into it.\n");
	if (worst)
		fprintf(fp, "RAM worst: %s; best: %s.\n", worst->variant,
			best->variant);
	if (ran(b, "mem") && is_tcg(b))
		fprintf(fp, "RAM under binary translation goes through the "
			    "translator's software TLB, not\nthe shadow "
			    "paging the claim was made for.\n");
	else if (ran(b, "mem"))
		fprintf(fp, "RAM under hw is two-dimensional paging (EPT/NPT), "
			    "not the shadow paging the\nclaim was made for.\n");
	if (ran(b, "priv"))
		fprintf(fp, "Privileged CPU rows use the lowest sensitive "
			    "fraction.\n");
	bench_print_trust(b, fp);
	fprintf(fp, ".\n");
}

/*
 * The table's lines: resource, workload, and why a style has no cell (NULL:
 * it has one: the workload's last row under it, for RAM the worst or the
 * best mem chase).
 */
#define SAME_MMU "as hw: same CPU and MMU path"
static const struct {
	const char *res, *work, *na[3];
} lines[] = {
    {"RAM (worst)", "mem", {SAME_MMU, SAME_MMU, NULL}},
    {"RAM (best)", "mem", {SAME_MMU, SAME_MMU, NULL}},
    {"disk I/O", "disk", {NULL, NULL, "n/a: no device of its own"}},
    {"network", "net", {NULL, NULL, "n/a: no device of its own"}},
    {"CPU privileged", "priv", {NULL, "n/a: no paravirtual CPU path", NULL}},
};
#define NLINES (sizeof(lines) / sizeof(lines[0]))

void bench_print_lecture(const struct bench *b, FILE *fp)
{
	struct lecture_line l[NLINES];
	const struct bench_row *worst, *best;

	mem_extremes(b, &worst, &best);
	for (size_t i = 0; i < NLINES; i++) {
		l[i] = (struct lecture_line){
		    lines[i].res, lines[i].work, {NULL}, lines[i].na, {""}};
		for (int s = 0; s < 3; s++)
			if (!lines[i].na[s])
				l[i].row[s] = i < 2 ? (i ? best : worst)
						    : find(b, lines[i].work,
							   bench_style_names[s],
							   "", true);
	}
	fprintf(fp,
		"\nThe lecture's claims: the overhead the course lecture "
		"states for full\nvirtualization per resource (\"claimed\"), "
		"set against what each style measured\nhere, by %s.\n",
		bench_backend_phrase(b));
	backend_note(b, fp);
	fputc('\n', fp);
	table(b, l, NLINES, fp);
	closing(b, worst, best, fp);
}

/* From the least-disturbed runs: a calibration must not carry noise. */
static double factor(const struct bench_row *r)
{
	double f = r ? 1 + r->best_pct / 100 : 1;

	return f < 1 ? 1 : f;
}

/* "SEP WORKLOAD VARIANT +X.X %" for R's best runs, nothing for NULL. */
static void best_of(FILE *fp, const char *sep, const struct bench_row *r)
{
	if (r)
		fprintf(fp, "%s %s %s %+.1f %%", sep, r->workload, r->variant,
			r->best_pct);
}

/* A calibration row; its source names the rows A (and B) the factor is
   1 + the best-runs overhead of (their product for two), with those
   overheads: the table's overhead is the median, so a reader could not
   trace the factor to it. */
static void cal_row(FILE *fp, const char *style, const char *res, double f,
		    const char *rows, const char *where,
		    const struct bench_row *a, const struct bench_row *b)
{
	fprintf(fp, "%s,%s,%.4f,\"%s; %s; best runs (guest min / native min "
		    "- 1, overhead_best_pct)",
		style, res, f, where, rows);
	best_of(fp, ":", a);
	best_of(fp, a ? "," : ":", b);
	fprintf(fp, "\"\n");
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

	cal_row(fp, "full", "disk", factor(df), "disk full", where, df, NULL);
	cal_row(fp, "para", "disk", factor(dp), "disk para", where, dp, NULL);
	cal_row(fp, "hw", "disk", factor(dp),
		"disk para (hw does I/O the para way)", where, dp, NULL);
	cal_row(fp, "full", "net", factor(nf), "net full", where, nf, NULL);
	cal_row(fp, "para", "net", factor(np), "net para", where, np, NULL);
	cal_row(fp, "hw", "net", factor(np),
		"net para (hw does I/O the para way)", where, np, NULL);
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
		where, cpu, pf);
	cal_row(fp, "para", "cpu", factor(cpu) * factor(ph),
		"cpu x priv cpuid (as hw)", where, cpu, ph);
	cal_row(fp, "hw", "cpu", factor(cpu) * factor(ph), "cpu x priv cpuid",
		where, cpu, ph);
	for (int s = 0; s < 3; s++)
		cal_row(fp,
			s == 0	 ? "full"
			: s == 1 ? "para"
				 : "hw",
			"mem", factor(mem), mem ? mem->variant : "not measured",
			where, mem, NULL);
	io_rows(b, fp, where);
	return ferror(fp) ? -EIO : 0;
}

/*
 * benchcsv.c - read `vmux bench --csv` output and pick the rows that stand
 * for each resource (see benchcsv.h for the rule).
 */
#include "reports/benchcsv.h"
#include "reports/csvtab.h"
#include "lib/error.h"
#include "lib/names.h"
#include "sim/measure/bench_claim.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const required[] = {
    "workload",	       "style",		  "variant", "overhead_pct",
    "overhead_lo_pct", "overhead_hi_pct", NULL};

static const char *const style_name[BENCH_NSTYLE + 1] = {"full", "para", "hw",
							 NULL};

static const struct {
	const char *label, *workload; /* the claim: bench_claim(workload) */
} res[BRES_N] = {
    [BRES_CPU] = {"CPU", "cpu"},
    [BRES_PRIV] = {"CPU privileged", "priv"},
    [BRES_RAM] = {"RAM (worst)", "mem"},
    [BRES_RAM_BEST] = {"RAM (best)", "mem"},
    [BRES_DISK] = {"disk I/O", "disk"},
    [BRES_NET] = {"network", "net"},
};

const char *benchcsv_style_name(enum benchcsv_style s)
{
	return style_name[s];
}

const char *benchcsv_res_name(enum benchcsv_res r)
{
	return res[r].label;
}

bool benchcsv_claim(enum benchcsv_res r, double *lo, double *hi)
{
	return bench_claim(res[r].workload, lo, hi);
}

static int parse_style(const struct csvtab *t, size_t row,
		       struct benchcsv_row *b)
{
	const char *s = csvtab_str(t, row, csvtab_col(t, "style"));
	int i = names_index(style_name, s);

	if (i >= 0) {
		b->style = (enum benchcsv_style)i;
		return 0;
	}
	return error_data(csvtab_path(t), b->line, "style",
			  "unknown style '%s' (full, para or hw)", s);
}

/* The headline: per exit by the headline column, else (older CSVs) for
   the exit workload; its per_op_ns, optional. */
static int parse_headline(const struct csvtab *t, size_t row,
			  struct benchcsv_row *b)
{
	int col = csvtab_col(t, "headline");

	b->per_exit = col < 0 ? !strcmp(b->workload, "exit")
			      : !strcmp(csvtab_str(t, row, col), "per_exit");
	return csvtab_num(t, row, csvtab_col(t, "per_op_ns"), 0, 1e15, true,
			  &b->per_op_ns);
}

static int parse_row(const struct csvtab *t, size_t row, void *rec)
{
	struct benchcsv_row *b = rec;
	double noisy = NAN; /* the column is optional: absent is not noisy */
	int rc;

	b->line = csvtab_line(t, row);
	b->workload = csvtab_str(t, row, csvtab_col(t, "workload"));
	b->variant = csvtab_str(t, row, csvtab_col(t, "variant"));
	b->accel = csvtab_str(t, row, csvtab_col(t, "accel"));
	b->noise = csvtab_str(t, row, csvtab_col(t, "noise"));
	b->nested =
	    csvtab_col(t, "nested") < 0
		? -1
		: !strcmp(csvtab_str(t, row, csvtab_col(t, "nested")), "1");
	if (!*b->workload)
		return error_data(csvtab_path(t), b->line, "workload",
				  "empty workload name");
	rc = parse_style(t, row, b);
	/* Overheads below -100 % would mean negative guest time. */
	if (rc == 0)
		rc = csvtab_num(t, row, csvtab_col(t, "overhead_pct"), -100,
				1e12, false, &b->pct);
	if (rc == 0)
		rc = csvtab_num(t, row, csvtab_col(t, "overhead_lo_pct"), -100,
				1e12, false, &b->lo);
	if (rc == 0)
		rc = csvtab_num(t, row, csvtab_col(t, "overhead_hi_pct"), -100,
				1e12, false, &b->hi);
	if (rc == 0)
		rc = csvtab_num(t, row, csvtab_col(t, "noisy"), 0, 1, true,
				&noisy);
	if (rc == 0 && noisy != 0 && noisy != 1 && noisy == noisy)
		rc = error_data(csvtab_path(t), b->line, "noisy",
				"'%s' is not 0 or 1",
				csvtab_str(t, row, csvtab_col(t, "noisy")));
	b->noisy = noisy == 1;
	return rc ? rc : parse_headline(t, row, b);
}

static const struct csvtab_input input =
    CSVTAB_INPUT(struct benchcsv, row, nrows, required, parse_row);

int benchcsv_read(const char *path, struct benchcsv **out)
{
	return csvtab_input_read(&input, path, (void **)out);
}

void benchcsv_destroy(struct benchcsv *b)
{
	csvtab_input_free(&input, b);
}

/* Working set of a mem chase variant ("chase 16M pg=..." -> bytes). */
static double working_set(const char *variant)
{
	char *end;
	double v;

	if (strncmp(variant, "chase ", 6))
		return -1;
	v = strtod(variant + 6, &end);
	switch (*end) {
	case 'G':
		return v * (1 << 30);
	case 'M':
		return v * (1 << 20);
	case 'K':
		return v * (1 << 10);
	default:
		return v;
	}
}

/* The worst (BEST: the best) mem chase over the largest working set of
   style S. */
static const struct benchcsv_row *pick_ram(const struct benchcsv *b,
					   enum benchcsv_style s, bool best)
{
	const struct benchcsv_row *hit = NULL;
	double ws = -1;

	for (size_t i = 0; i < b->nrows; i++) {
		const struct benchcsv_row *r = &b->row[i];
		double w = working_set(r->variant);

		if (r->style != s || strcmp(r->workload, "mem") || w < 0 ||
		    w < ws)
			continue;
		if (w > ws || (best ? r->pct < hit->pct : r->pct > hit->pct))
			hit = r;
		ws = w;
	}
	return hit;
}

const struct benchcsv_row *benchcsv_pick(const struct benchcsv *b,
					 enum benchcsv_res r,
					 enum benchcsv_style s)
{
	const struct benchcsv_row *hit = NULL;

	if (r == BRES_RAM || r == BRES_RAM_BEST)
		return pick_ram(b, s, r == BRES_RAM_BEST);
	for (size_t i = 0; i < b->nrows; i++) {
		const struct benchcsv_row *row = &b->row[i];

		if (row->style != s || strcmp(row->workload, res[r].workload))
			continue;
		hit = row;
		if (r == BRES_CPU)
			break;
	}
	return hit;
}

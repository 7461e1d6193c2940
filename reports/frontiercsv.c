/*
 * frontiercsv.c - read a frontier CSV and pick each policy's best point
 * (see frontiercsv.h).
 */
#include "reports/frontiercsv.h"
#include "reports/csvtab.h"
#include "lib/error.h"

#include <errno.h>
#include <stdbool.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const required[] = {"policy", "hosts", "overload_rate",
				       NULL};

static const char *const cover_cols[] = {"vms", "missing", "not_planned"};

/* Field NAME of ROW as a count into *OUT; *KNOWN false if it is empty or
 * absent. */
static int count(const struct csvtab *t, size_t row, const char *name,
		 size_t *out, bool *known)
{
	int col = csvtab_col(t, name);
	double v;
	int rc = csvtab_num(t, row, col, 0, 1e12, true, &v);

	*known = rc == 0 && !isnan(v);
	if (*known && v != floor(v))
		return error_data(csvtab_path(t), csvtab_line(t, row), name,
				  "%s is not a whole number",
				  csvtab_str(t, row, col));
	*out = *known ? (size_t)v : 0;
	return rc;
}

/* The coverage counts: all three, or none (unknown). */
static int parse_cover(const struct csvtab *t, size_t row,
		       struct frontiercsv_row *f)
{
	size_t *v[3] = {&f->vms, &f->missing, &f->not_planned};
	bool known[3];
	int rc = 0;

	for (int i = 0; i < 3 && rc == 0; i++)
		rc = count(t, row, cover_cols[i], v[i], &known[i]);
	for (int i = 1; i < 3 && rc == 0; i++)
		if (known[i] != known[0])
			rc = error_data(csvtab_path(t), f->line,
					cover_cols[known[0] ? i : 0],
					"empty or absent where '%s' is not: "
					"give vms, missing and not_planned "
					"all or none",
					cover_cols[known[0] ? 0 : i]);
	f->cover = rc == 0 && known[0];
	return rc;
}

/* A point with no host (vmux frontier writes one where no VM fits on a
 * host) is no plan: its rates are over nothing, empty; any other point's
 * overload rate is required. */
static int parse_rates(const struct csvtab *t, size_t row,
		       struct frontiercsv_row *f)
{
	static const char *const name[] = {"overload_rate", "unmet_fraction",
					   "violation_rate"};
	double *v[] = {&f->overload, &f->unmet, &f->violation};
	int rc = 0;

	for (int i = 0; i < 3 && rc == 0; i++) {
		int col = csvtab_col(t, name[i]);

		rc = csvtab_num(t, row, col, 0, 1, i > 0 || !f->hosts, v[i]);
		if (rc == 0 && !f->hosts && !isnan(*v[i]))
			rc = error_data(csvtab_path(t), f->line, name[i],
					"%s over no host: a point with no "
					"host (no plan) has no rate",
					csvtab_str(t, row, col));
	}
	return rc;
}

static int parse_row(const struct csvtab *t, size_t row, void *rec)
{
	struct frontiercsv_row *f = rec;
	int rc;

	f->policy = csvtab_str(t, row, csvtab_col(t, "policy"));
	f->line = csvtab_line(t, row);
	if (!*f->policy)
		return error_data(csvtab_path(t), f->line, "policy",
				  "empty policy name");
	rc = csvtab_seed(t, row, csvtab_col(t, "seed"), &f->seed);
	if (rc == 0)
		rc = csvtab_count(t, row, csvtab_col(t, "hosts"), 1e12,
				  &f->hosts);
	if (rc == 0)
		rc = csvtab_num(t, row, csvtab_col(t, "percentile"), 1e-9, 100,
				true, &f->percentile);
	if (rc == 0)
		rc =
		    count(t, row, "unplaced", &f->unplaced, &f->unplaced_known);
	if (rc == 0)
		rc = parse_rates(t, row, f);
	if (rc == 0)
		rc = parse_cover(t, row, f);
	return rc;
}

/* Number the policies in order of first appearance. */
static int index_policies(struct frontiercsv *f)
{
	f->policy = calloc(f->nrows, sizeof(*f->policy));
	if (!f->policy)
		return -ENOMEM;
	for (size_t i = 0; i < f->nrows; i++) {
		size_t p = 0;

		while (p < f->npolicies &&
		       strcmp(f->policy[p], f->row[i].policy))
			p++;
		if (p == f->npolicies)
			f->policy[f->npolicies++] = f->row[i].policy;
		f->row[i].policy_id = p;
	}
	return 0;
}

static const struct csvtab_input input =
    CSVTAB_INPUT(struct frontiercsv, row, nrows, required, parse_row);

int frontiercsv_read(const char *path, struct frontiercsv **out)
{
	int rc = csvtab_input_read(&input, path, (void **)out);

	if (rc == 0 && (rc = index_policies(*out)) < 0) {
		frontiercsv_destroy(*out);
		*out = NULL;
	}
	return rc;
}

size_t frontiercsv_noplan(const struct frontiercsv *f)
{
	size_t n = 0;

	for (size_t i = 0; i < f->nrows; i++)
		n += !f->row[i].hosts;
	return n;
}

void frontiercsv_destroy(struct frontiercsv *f)
{
	if (f)
		free(f->policy);
	csvtab_input_free(&input, f);
}

bool frontiercsv_better(const struct frontiercsv_row *a,
			const struct frontiercsv_row *b)
{
	size_t ua = a->unplaced_known ? a->unplaced : 0;
	size_t ub = b->unplaced_known ? b->unplaced : 0;

	if (ua != ub)
		return ua < ub;
	if (a->hosts != b->hosts)
		return a->hosts < b->hosts;
	return a->overload < b->overload;
}

const struct frontiercsv_row *frontiercsv_best(const struct frontiercsv *f,
					       size_t policy_id, double target)
{
	const struct frontiercsv_row *best = NULL;

	for (size_t i = 0; i < f->nrows; i++) {
		const struct frontiercsv_row *r = &f->row[i];

		if (r->policy_id != policy_id || !r->hosts ||
		    r->overload > target)
			continue;
		if (!best || frontiercsv_better(r, best))
			best = r;
	}
	return best;
}

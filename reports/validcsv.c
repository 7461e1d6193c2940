/*
 * validcsv.c - read `vmux validate --csv` output (see validcsv.h).
 */
#include "reports/validcsv.h"
#include "reports/csvtab.h"
#include "lib/error.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const required[] = {"host",
				       "vms",
				       "capacity",
				       "scale",
				       "slots",
				       "predicted_overload",
				       "measured_overload",
				       "predicted_unmet",
				       "measured_unmet",
				       "predicted_violation",
				       "measured_violation",
				       "predicted_saving",
				       "measured_saving",
				       NULL};

static const char *const metric_name[VALID_NMETRIC] = {"overload", "unmet",
						       "violation", "saving"};

const char *validcsv_metric_name(enum validcsv_metric m)
{
	return metric_name[m];
}

/* predicted_NAME / measured_NAME of ROW; savings may be empty, <= 1. */
static int parse_metrics(const struct csvtab *t, size_t row,
			 struct validcsv_row *v)
{
	char col[48];
	int rc = 0;

	for (int m = 0; rc == 0 && m < VALID_NMETRIC; m++) {
		bool saving = m == VALID_SAVING;
		double lo = saving ? -1e12 : 0;

		snprintf(col, sizeof(col), "predicted_%s", metric_name[m]);
		rc = csvtab_num(t, row, csvtab_col(t, col), lo, 1, saving,
				&v->predicted[m]);
		snprintf(col, sizeof(col), "measured_%s", metric_name[m]);
		if (rc == 0)
			rc = csvtab_num(t, row, csvtab_col(t, col), lo, 1,
					saving, &v->measured[m]);
	}
	return rc;
}

/* The optional runs, ranges and contention columns (NAN when absent). */
static int parse_spread(const struct csvtab *t, size_t row,
			struct validcsv_row *v)
{
	const char *st = csvtab_str(t, row, csvtab_col(t, "status"));
	char col[48];
	int rc = 0;

	for (int m = 0; m < VALID_NMETRIC; m++)
		v->lo[m] = v->hi[m] = NAN;
	for (int m = 0; rc == 0 && m < VALID_NMETRIC; m++) {
		double lo = m == VALID_SAVING ? -1e12 : 0;

		snprintf(col, sizeof(col), "measured_%s_min", metric_name[m]);
		rc = csvtab_num(t, row, csvtab_col(t, col), lo, 1, true,
				&v->lo[m]);
		snprintf(col, sizeof(col), "measured_%s_max", metric_name[m]);
		if (rc == 0)
			rc = csvtab_num(t, row, csvtab_col(t, col), lo, 1, true,
					&v->hi[m]);
	}
	v->runs = 1;
	if (rc == 0 && csvtab_col(t, "runs") >= 0)
		rc = csvtab_count(t, row, csvtab_col(t, "runs"), 1e6, &v->runs);
	if (rc == 0)
		rc = csvtab_num(t, row, csvtab_col(t, "contaminated"), 0, 1,
				true, &v->contaminated);
	if (rc == 0)
		rc = csvtab_num(t, row, csvtab_col(t, "share"), 0, 1e3, true,
				&v->share);
	if (rc == 0 && *st && strcmp(st, "ok") && strcmp(st, "unreliable"))
		return error_data(csvtab_path(t), csvtab_line(t, row), "status",
				  "'%s' is neither ok nor unreliable", st);
	v->unreliable = !strcmp(st, "unreliable");
	return rc;
}

/* The optional run parameters: percentile, window_from, window_to. */
static int parse_terms(const struct csvtab *t, size_t row,
		       struct validcsv_row *v)
{
	int rc = csvtab_num(t, row, csvtab_col(t, "percentile"), 1e-9,
			    100 - 1e-9, true, &v->percentile);

	if (rc == 0)
		rc = csvtab_num(t, row, csvtab_col(t, "window_from"), -1e15,
				1e15, true, &v->from);
	if (rc == 0)
		rc = csvtab_num(t, row, csvtab_col(t, "window_to"), -1e15, 1e15,
				true, &v->to);
	if (rc == 0 && !(v->to > v->from) && !isnan(v->from) && !isnan(v->to))
		return error_data(csvtab_path(t), csvtab_line(t, row),
				  "window_to",
				  "%.17g is not after window_from "
				  "%.17g",
				  v->to, v->from);
	return rc;
}

static int parse_row(const struct csvtab *t, size_t row, void *rec)
{
	struct validcsv_row *v = rec;
	bool total = row + 1 == csvtab_nrows(t);
	int rc;

	v->host = csvtab_str(t, row, csvtab_col(t, "host"));
	/* Optional (older files have neither). */
	v->accel = csvtab_col(t, "accel") >= 0
		       ? csvtab_str(t, row, csvtab_col(t, "accel"))
		       : NULL;
	v->cap = csvtab_col(t, "cap") >= 0
		     ? csvtab_str(t, row, csvtab_col(t, "cap"))
		     : NULL;
	v->line = csvtab_line(t, row);
	rc = csvtab_count(t, row, csvtab_col(t, "vms"), 1e12, &v->vms);
	if (rc == 0)
		rc = csvtab_count(t, row, csvtab_col(t, "slots"), 1e15,
				  &v->slots);
	/* The total row adds capacities and has no single scale (0). */
	if (rc == 0)
		rc = csvtab_num(t, row, csvtab_col(t, "capacity"),
				total ? 0 : 1e-9, 1e9, false, &v->capacity);
	if (rc == 0)
		rc = csvtab_num(t, row, csvtab_col(t, "scale"), 0, 1e9, false,
				&v->scale);
	if (rc == 0)
		rc = parse_metrics(t, row, v);
	if (rc == 0)
		rc = parse_spread(t, row, v);
	if (rc == 0)
		rc = parse_terms(t, row, v);
	return rc;
}

static const struct csvtab_input input =
    CSVTAB_HOSTS(struct validcsv, required, parse_row);

int validcsv_read(const char *path, struct validcsv **out)
{
	return csvtab_input_read(&input, path, (void **)out);
}

void validcsv_destroy(struct validcsv *v)
{
	csvtab_input_free(&input, v);
}

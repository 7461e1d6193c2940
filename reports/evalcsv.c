/*
 * evalcsv.c - read `vmux evaluate --csv` output (see evalcsv.h).
 */
#include "reports/evalcsv.h"
#include "reports/csvtab.h"
#include "lib/error.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const required[] = {
    "host", "vms", "slots", "overload_rate", "unmet_fraction", NULL};

/* Parse ROW of T into *E; -EBADMSG with a message. */
static int parse_row(const struct csvtab *t, size_t row, void *rec)
{
	struct evalcsv_row *e = rec;
	int rc;

	e->host = csvtab_str(t, row, csvtab_col(t, "host"));
	e->line = csvtab_line(t, row);
	rc = csvtab_count(t, row, csvtab_col(t, "vms"), 1e12, &e->vms);
	if (rc == 0)
		rc = csvtab_count(t, row, csvtab_col(t, "slots"), 1e15,
				  &e->slots);
	if (rc == 0)
		rc = csvtab_num(t, row, csvtab_col(t, "missing"), 0, 1e12, true,
				&e->missing);
	if (rc == 0)
		rc = csvtab_num(t, row, csvtab_col(t, "overload_rate"), 0, 1,
				e->slots == 0, &e->overload);
	if (rc == 0)
		rc = csvtab_num(t, row, csvtab_col(t, "unmet_fraction"), 0, 1,
				e->slots == 0, &e->unmet);
	if (rc == 0)
		rc = csvtab_num(t, row, csvtab_col(t, "violation_rate"), 0, 1,
				true, &e->violation);
	return rc;
}

static const struct csvtab_input input =
    CSVTAB_HOSTS(struct evalcsv, required, parse_row);

int evalcsv_read(const char *path, struct evalcsv **out)
{
	return csvtab_input_read(&input, path, (void **)out);
}

void evalcsv_destroy(struct evalcsv *e)
{
	csvtab_input_free(&input, e);
}

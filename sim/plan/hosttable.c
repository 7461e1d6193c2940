/*
 * hosttable.c - print the per-host table (see hosttable.h).
 */
#include "sim/plan/hosttable.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>

/* The text table's units, above its header: "  per host, sizes and
 * capacity in cores (cpu), MiB (mem)". */
static void units(FILE *fp, unsigned mask)
{
	const char *sep = "  per host, sizes and capacity in ";

	for (int r = 0; r < RES_COUNT; r++) {
		if (!(mask & RES_MASK(r)))
			continue;
		fprintf(fp, "%s%s (%s)", sep, res_unit((enum res)r),
			res_name((enum res)r));
		sep = ", ";
	}
	fputc('\n', fp);
}

static void header(FILE *fp, bool csv, unsigned mask)
{
	if (!csv)
		units(fp, mask);
	fputs(csv ? "host,vms" : "  host   vms", fp);
	for (int r = 0; r < RES_COUNT; r++) {
		const char *n = res_name((enum res)r);

		if (!(mask & RES_MASK(r)))
			continue;
		if (csv)
			fprintf(fp, ",own_%s,joint_%s,cap_%s,headroom_%s", n, n,
				n, n);
		else
			fprintf(fp, "  %4s own     joint       cap  headroom",
				n);
	}
	fputs(csv ? ",overload_in\n" : "  overload\n", fp);
}

/* A size or capacity in the human table: 4 significant digits, but whole
 * units from 10,000 up (MiB, KiB/s), where %g would print 1.638e+04. */
static void put_size(FILE *fp, double x)
{
	fprintf(fp, fabs(x) >= 1e4 ? "  %8.0f" : "  %8.4g", x);
}

/* Row I of H. */
static void row(FILE *fp, bool csv, const struct plan_host *h, size_t i,
		unsigned mask, const double *cap)
{
	fprintf(fp, csv ? "%zu,%zu" : "  %4zu  %4zu", i, h[i].vms);
	for (int r = 0; r < RES_COUNT; r++) {
		if (!(mask & RES_MASK(r)))
			continue;
		if (csv)
			fprintf(fp, ",%.10g,%.10g,%.10g,%.10g", h[i].own[r],
				h[i].joint[r], cap[r], h[i].headroom[r]);
		else {
			put_size(fp, h[i].own[r]);
			put_size(fp, h[i].joint[r]);
			put_size(fp, cap[r]);
			fprintf(fp, "  %7.1f%%", 100 * h[i].headroom[r]);
		}
	}
	fprintf(fp, csv ? ",%.10g\n" : "  %7.2f%%\n",
		csv ? h[i].overload : 100 * h[i].overload);
}

void hosttable_write(FILE *fp, bool csv, const struct plan_host *h, size_t n,
		     unsigned mask, const double *cap)
{
	header(fp, csv, mask);
	for (size_t i = 0; i < n; i++)
		row(fp, csv, h, i, mask, cap);
}

/* Most in-sample overload first, then the lower host. */
static int by_overload(const void *a, const void *b, void *ctx)
{
	const struct plan_host *h = ctx;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;

	if (h[i].overload != h[j].overload)
		return h[i].overload > h[j].overload ? -1 : 1;
	return (i > j) - (i < j);
}

static int by_index(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;

	return (i > j) - (i < j);
}

int hosttable_write_top(FILE *fp, const struct plan_host *h, size_t n,
			unsigned mask, const double *cap, size_t top)
{
	size_t *idx;

	if (n == 0)
		return 0;
	if (n <= top) {
		hosttable_write(fp, false, h, n, mask, cap);
		return 0;
	}
	idx = malloc(n * sizeof(*idx));
	if (!idx)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	qsort_r(idx, n, sizeof(*idx), by_overload, (void *)h);
	qsort(idx, top, sizeof(*idx), by_index);
	fprintf(fp,
		"  (the %zu of %zu hosts with the most in-sample overload, in "
		"host order; --host-table FILE writes every host)\n",
		top, n);
	header(fp, false, mask);
	for (size_t k = 0; k < top; k++)
		row(fp, false, h, idx[k], mask, cap);
	free(idx);
	return 0;
}

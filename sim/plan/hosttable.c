/*
 * hosttable.c - print the per-host table (see hosttable.h).
 */
#include "sim/plan/hosttable.h"

static void header(FILE *fp, bool csv, unsigned mask)
{
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

void hosttable_write(FILE *fp, bool csv, const struct plan_host *h, size_t n,
		     unsigned mask, const double *cap)
{
	header(fp, csv, mask);
	for (size_t i = 0; i < n; i++) {
		fprintf(fp, csv ? "%zu,%zu" : "  %4zu  %4zu", i, h[i].vms);
		for (int r = 0; r < RES_COUNT; r++) {
			if (!(mask & RES_MASK(r)))
				continue;
			if (csv)
				fprintf(fp, ",%.10g,%.10g,%.10g,%.6f",
					h[i].own[r], h[i].joint[r], cap[r],
					h[i].headroom[r]);
			else
				fprintf(fp, "  %8.4g  %8.4g  %8.4g  %7.1f%%",
					h[i].own[r], h[i].joint[r], cap[r],
					100 * h[i].headroom[r]);
		}
		fprintf(fp, csv ? ",%.6f\n" : "  %7.2f%%\n",
			csv ? h[i].overload : 100 * h[i].overload);
	}
}

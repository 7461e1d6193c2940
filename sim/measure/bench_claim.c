/*
 * bench_claim.c - the lecture's claims and the verdict of a measured
 * overhead against them (bench_claim.h).
 */
#include "sim/measure/bench_claim.h"

#include <math.h>
#include <string.h>

static const struct {
	const char *workload;
	double lo, hi;
} claims[] = {
    {"priv", 1, 7},
    {"mem", 25, 75},
    {"disk", 5, 20},
    {"net", 0, 10},
};

bool bench_claim(const char *workload, double *lo, double *hi)
{
	for (size_t i = 0; i < sizeof(claims) / sizeof(claims[0]); i++)
		if (!strcmp(claims[i].workload, workload)) {
			*lo = claims[i].lo;
			*hi = claims[i].hi;
			return true;
		}
	return false;
}

enum bench_verdict bench_judge(double pct, double rlo, double rhi, double lo,
			       double hi)
{
	/* fmin/fmax drop a NAN bound; the range holds the median */
	double from = fmin(pct, rlo), to = fmax(pct, rhi);

	if (pct >= lo && pct <= hi)
		return BENCH_AGREES;
	if (from > hi)
		return BENCH_WORSE;
	if (to < lo)
		return BENCH_BETTER;
	return BENCH_INCONCLUSIVE;
}

const char *bench_verdict_name(enum bench_verdict v)
{
	static const char *const name[] = {
	    [BENCH_AGREES] = "agrees",
	    [BENCH_WORSE] = "worse than claimed",
	    [BENCH_BETTER] = "better than claimed",
	    [BENCH_INCONCLUSIVE] = "inconclusive",
	};

	return name[v];
}

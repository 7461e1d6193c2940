/*
 * bench_claim.h - the lecture's claimed overhead of full virtualization
 * per resource, and the one rule that judges a measured overhead against
 * it (vmux bench's lecture table and the report's overhead section both
 * use it): a row agrees when its median is in the claimed range; it is
 * worse or better only when its whole range (its runs' lowest to highest
 * overhead, the median with them) lies beyond the claim, above or below;
 * otherwise (median outside, range reaching into the claim) it is
 * inconclusive, as the mem trends are judged on the rows' ranges.
 */
#ifndef VMUX_BENCH_CLAIM_H
#define VMUX_BENCH_CLAIM_H

#include <stdbool.h>

enum bench_verdict {
	BENCH_AGREES,
	BENCH_WORSE,
	BENCH_BETTER,
	BENCH_INCONCLUSIVE,
};

/*
 * The claimed range for WORKLOAD's rows, percent, into *LO and *HI:
 * priv (CPU privileged) 1-7, mem (RAM) 25-75, disk 5-20, net 0-10.
 * false (and *LO, *HI untouched) for any other workload: no claim.
 */
bool bench_claim(const char *workload, double *lo, double *hi);
/*
 * The verdict on median PCT with range [RLO, RHI] (a NAN bound is no
 * bound: the median stands for it) against the claim [LO, HI].
 */
enum bench_verdict bench_judge(double pct, double rlo, double rhi, double lo,
			       double hi);
/* "agrees", "worse than claimed", "better than claimed", "inconclusive". */
const char *bench_verdict_name(enum bench_verdict v);

#endif

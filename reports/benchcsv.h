/*
 * benchcsv.h - the CSV `vmux bench --csv` writes, read back for the report,
 * and which of its rows stand for each of the core four resources.
 *
 * Columns (any order; others ignored): workload, style, variant,
 * overhead_pct, overhead_lo_pct, overhead_hi_pct, and optionally accel,
 * native_s, guest_s, exits, noisy (0 or 1), noise (why noisy), nested
 * (0 or 1: CPUID said the bench machine is itself a guest), per_op_ns,
 * headline (overhead or per_exit). Overheads are
 * percent (guest / native - 1, times 100), > -100; lo <= pct <= hi is not
 * required (the range comes from other runs than the median). style is full,
 * para or hw. Invariants: at least one row; rows keep file order.
 *
 * Representative rows, as vmux bench's own lecture table picks them: CPU =
 * the first cpu row of the style; CPU privileged = the last priv row of
 * the style (the lowest sensitive fraction); RAM (worst) and RAM (best) =
 * the mem chase over the largest working set with the highest and the
 * lowest overhead (two lines, two verdicts, as in vmux bench's table); disk
 * and network = the last row of the style (the largest batch).
 */
#ifndef VMUX_BENCHCSV_H
#define VMUX_BENCHCSV_H

#include <stdbool.h>
#include <stddef.h>

struct csvtab;

enum benchcsv_style { BENCH_FULL, BENCH_PARA, BENCH_HW, BENCH_NSTYLE };

/* The resources the report draws, with the lecture's claimed range. */
enum benchcsv_res {
	BRES_CPU,
	BRES_PRIV,
	BRES_RAM,      /* the worst mem chase, "RAM (worst)" */
	BRES_RAM_BEST, /* the best one, "RAM (best)", as vmux bench's table */
	BRES_DISK,
	BRES_NET,
	BRES_N
};

struct benchcsv_row {
	const char *workload, *variant, *accel; /* owned by the table */
	const char *noise;			/* "" if not given */
	int nested;				/* 0, 1; -1 unknown */
	enum benchcsv_style style;
	unsigned long line;
	double pct, lo, hi; /* overhead, percent */
	bool noisy;
	/* An exit row: its headline is per_op_ns, the cost per exit (the
	   overhead over native stores means nothing). From the headline
	   column (per_exit), else, in CSVs before it, workload exit. */
	bool per_exit;
	double per_op_ns; /* NAN if absent */
};

struct benchcsv {
	struct csvtab *tab;
	size_t nrows;
	struct benchcsv_row *row;
};

/* "full", "para", "hw". */
const char *benchcsv_style_name(enum benchcsv_style s);
/* Label of R ("CPU privileged", ...). */
const char *benchcsv_res_name(enum benchcsv_res r);
/*
 * The lecture's claimed overhead of full virtualization for R, percent:
 * RAM (both) 25-75, disk 5-20, network 0-10, CPU privileged 1-7 (bench_claim,
 * sim/measure/bench_claim.h: vmux bench's own). false for plain CPU (no
 * claim).
 */
bool benchcsv_claim(enum benchcsv_res r, double *lo, double *hi);

/*
 * Read PATH into *OUT (free with benchcsv_destroy). Bad data prints
 * "FILE:LINE: field 'NAME': reason" and returns -EBADMSG; -errno; -ENOMEM.
 */
int benchcsv_read(const char *path, struct benchcsv **out);
/* Free B. NULL is a no-op. */
void benchcsv_destroy(struct benchcsv *b);

/* The row standing for R under style S (see above), or NULL. */
const struct benchcsv_row *benchcsv_pick(const struct benchcsv *b,
					 enum benchcsv_res r,
					 enum benchcsv_style s);

#endif

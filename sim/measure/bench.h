/*
 * bench.h - the overhead benchmark's engine: run a workload natively and
 * in a guest REPEAT times each, keep the medians and the spread, and
 * collect one row per (workload, style, variant). Times are seconds of the
 * measured loop only (start-up excluded): the host times native runs with
 * CLOCK_MONOTONIC, guests time themselves with the TSC (x86_tsc.h).
 *
 * Overhead = guest median / native median - 1, in percent; its range
 * [lo, hi] = [guest min / native max - 1, guest max / native min - 1],
 * the widest the repeated runs allow; best = guest min / native min - 1,
 * the least-disturbed pair (other load only ever adds time). Each series
 * is preceded by one unrecorded warm-up pair. Dispersion per side: the
 * median absolute deviation relative to the median (spread.h), outliers
 * beyond 3 MADs counted. Load: the CPU other processes used while a row
 * was measured (machine.h), over at least BENCH_LOAD_MIN_S ending with
 * the row: /proc/stat counts in ticks (10 ms per core), so over a row of
 * a few ms it read 0 or more cores than the machine has (exit rows on
 * tcg: 0.00 and 2.17 on a 2-core machine, seconds apart); a shorter row
 * is judged on the load since an earlier row's end (or, at the very
 * start, after waiting out the rest), and the reading is capped at the
 * machine's cores. A row is noisy, with every reason said, when
 * either side's spread (max - min) exceeds 20 % of its median, or other
 * processes used more than BENCH_BUSY_CORES cores meanwhile (an exit
 * row: the guest's spread or the load; bench_add_per_exit). A row of one
 * run (--repeat 1) has no spread to judge: it is unjudged, and counted
 * and written as not trustworthy (noisy) with that reason.
 */
#ifndef VMUX_BENCH_H
#define VMUX_BENCH_H

#include "sim/measure/machine.h"
#include "vmm/accel.h"
#include "vmm/vm.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define BENCH_MAX_REPEAT 64
#define BENCH_BUSY_CORES 0.5
#define BENCH_LOAD_MIN_S 0.5 /* the least window of a row's load reading */
#define BENCH_MARKS 64	     /* load snapshots kept, one per row */

enum bench_style { BENCH_FULL, BENCH_PARA, BENCH_HW, BENCH_NSTYLES };

struct bench_row {
	char workload[16];
	char style[8]; /* full, para, hw */
	char variant[40];
	char accel[8];		  /* the guest's backend: kvm or tcg */
	double native_s, guest_s; /* medians */
	double overhead_pct, lo_pct, hi_pct;
	double best_pct;	   /* guest min / native min - 1: the runs least
				      disturbed by other load (calibration) */
	double exits;		   /* per guest run (median) */
	double per_op_ns;	   /* guest time per operation */
	double native_op_ns;	   /* native time per operation */
	double op_lo_ns, op_hi_ns; /* guest min, max per operation */
	/* An exit row: its headline is the cost per exit (per_op_ns
	   [op_lo_ns, op_hi_ns]), judged on the guest's spread alone. */
	bool per_exit;
	double native_mad_pct, guest_mad_pct; /* relative MAD, percent */
	int outliers;	 /* runs beyond 3 MADs, both sides */
	double others;	 /* cores other processes used meanwhile (over at
			    least BENCH_LOAD_MIN_S), at most the machine's */
	bool noisy;	 /* not trustworthy: noisy, or unjudged */
	bool unjudged;	 /* one run: no spread to judge (MADs NAN) */
	char note[96];	 /* what the row's series leaves out, "" if nothing
			    (mem chases without pg=1g: the backend offers none) */
	char noise[128]; /* why noisy, every reason ("; " between); "" if
			    not */
};

struct bench {
	struct accel *acc;
	int repeat;
	bool quick;
	unsigned styles; /* 1 << enum bench_style */
	struct bench_row *rows;
	size_t nrows, cap;
	/* The machine: described at the start; load at start and end. */
	struct machine_info machine;
	double load_after;
	/* Load snapshots: at the start and after each row, the last
	   BENCH_MARKS kept (a ring; nmarks counts all ever taken). */
	struct machine_snap marks[BENCH_MARKS];
	size_t nmarks;
};

/* Style names in enum order, NULL-terminated. */
extern const char *const bench_style_names[BENCH_NSTYLES + 1];

/* Describe the machine and start the load watch; call before any row. */
void bench_begin(struct bench *b);
/* Take the end-of-run load; call after the last row. */
void bench_end(struct bench *b);
/* The rows that are not noisy (an unjudged row counts as noisy). */
size_t bench_trustworthy(const struct bench *b);
/* "N of M rows trustworthy (not noisy[; U of one run cannot be judged:
   no spread])", without an ending. */
void bench_print_trust(const struct bench *b, FILE *fp);
/*
 * How the guests ran, for sentences: "hardware-assisted virtualization
 * (KVM)" or "binary translation (tcg, no hardware assistance)".
 */
const char *bench_backend_phrase(const struct bench *b);

const char *bench_style_name(enum bench_style s);

/* Median of X[0..N) (reorders X); 0 for N = 0. */
double bench_median(double *x, int n);

/*
 * One measured (native, guest) series into a new row: N values each,
 * OPS operations per run (for the per-op columns), EXITS the guest's exits
 * per run. -ENOMEM.
 */
int bench_add(struct bench *b, const char *workload, enum bench_style st,
	      const char *variant, const double *native, const double *guest,
	      const double *exits, int n, double ops);

/*
 * An exit row (workload exit, style hw): as bench_add, but its headline is
 * the guest's time per exit over OPS exits a run, and only the guest's
 * spread can make it noisy: the native side (OPS plain stores, ~2 us) is
 * a reference, whose ratio to the guest (~10^7 %) says nothing.
 */
int bench_add_per_exit(struct bench *b, const char *variant,
		       const double *native, const double *guest,
		       const double *exits, int n, double ops);

/*
 * Boot GUEST with the device style of ST and the given params, run it to
 * the end, and return the named TSC result converted to seconds in *SECS
 * and its exits in *EXITS. Options not given take the defaults (64 MiB,
 * 1 vCPU, 2 MiB pages). -EIO if the guest failed (message printed).
 */
struct bench_guest {
	const char *guest;
	enum bench_style style;
	const struct abi_kv *kv;
	int nkv;
	uint64_t page_size; /* 0: 2 MiB */
	bool hugepages;
	size_t mem_bytes;    /* 0: 64 MiB */
	const char *tsc_key; /* result holding the loop's TSC cycles */
	uint16_t net_port;
};
int bench_run_guest(struct bench *b, const struct bench_guest *g, double *secs,
		    double *exits);

/* Print progress on stderr: "bench: WORKLOAD STYLE VARIANT ...". */
void bench_progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Write every row as CSV (header first) to FP. */
void bench_write_csv(const struct bench *b, FILE *fp);
/* The human table of every row. */
void bench_print_rows(const struct bench *b, FILE *fp);

void bench_free(struct bench *b);

/* Seconds of CLOCK_MONOTONIC. */
double bench_now(void);

#endif

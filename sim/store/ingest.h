/*
 * ingest.h - read a canonical trace CSV into a trace store.
 *
 * Canonical CSV: a header naming `time`, `vm` and `cpu` (and optionally
 * `mem`, `disk`, `net`) in any order; rows in any order; time in seconds.
 * The step is opts->step if > 0, else the most common gap between a VM's
 * consecutive samples. Repairs (gaps) follow the rule in README.md and are
 * counted in one warning: inside a VM's span a run of missing slots lasting
 * at most INGEST_MAX_HOLD seconds holds the previous sample; a longer run is
 * an absence, every resource 0, as outside the span. Bad input prints
 * "FILE:LINE: field 'NAME': reason" and returns -EBADMSG; I/O failures print
 * the path and return -errno.
 */
#ifndef VMUX_INGEST_H
#define VMUX_INGEST_H

#include "sim/store/trace.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The longest run of missing slots bridged by holding the last sample, s:
 * 12 slots of 300 s. The real traces' monitoring outages last up to 55 min
 * (Bitbrains, 2013-07-24); a longer gap is a VM that was not there or not
 * watched (a missing PlanetLab day, Bitbrains' 31 h outage), and holding
 * its last value would invent hours of demand.
 */
#define INGEST_MAX_HOLD 3600.0

struct ingest_opts {
	double step; /* seconds; 0 = detect */
	bool quiet;  /* suppress the repair warning (not the note of the
		       slots no VM covers: every command leaves them out) */
	/* data rows of a regular file of 64 MiB or more parsed by THREADS
	 * worker threads (0: one per CPU; 1: none, the caller's thread reads),
	 * in blocks of BLOCK bytes (0: the default; a BLOCK given applies to
	 * any file of 4 blocks or more); the result is the same */
	int threads;
	size_t block;
};

/* Counts of what ingest repaired, for callers that report them. */
struct ingest_stats {
	size_t rows;	  /* data rows read */
	size_t filled;	  /* slots filled inside a VM's span (gaps) */
	size_t absent;	  /* slots outside a VM's span, set to 0 */
	size_t gap_slots; /* slots in gaps > INGEST_MAX_HOLD, set to 0 */
	size_t gaps;	  /* such gaps */
	size_t uncovered; /* slots no VM has data in (left out of windows) */
	size_t nslots;	  /* slots of the grid */
};

/*
 * Whether LINE[0..N) (a file's first line, its end included or not) is a
 * canonical trace's header as the reader takes it: comma-separated column
 * names it knows, time and vm among them, after a byte order mark.
 */
bool ingest_is_header(const char *line, size_t n);

/*
 * Say that PATH, given as a trace, is a folder (which `vmux import` would
 * convert); returns -EISDIR.
 */
int ingest_folder_error(const char *path);

/*
 * A trace whose rows are all at one time has one slot and no step to
 * detect (its store's step, 1, is a placeholder). For a command that
 * reports or records the step (plan, size, evaluate; frontier and report,
 * which have no --step, with OPTS NULL): -EBADMSG, with a message naming
 * PATH and asking for --step (OPTS NULL: for rows at two times), when T is
 * such a trace and OPTS gave no step; else 0.
 */
int ingest_step_known(const char *path, const struct trace *t,
		      const struct ingest_opts *opts);

/*
 * Load PATH ("-" for stdin). OPTS may be NULL (detect the step). On success
 * *OUT owns a new store (trace_destroy it); STATS, if not NULL, is filled.
 */
int ingest_file(const char *path, const struct ingest_opts *opts,
		struct trace **out, struct ingest_stats *stats);

/*
 * A partitioned ingest (sim/store/partition.h): each process of a group
 * holds the rows of some VMs, every row of those VMs. What is global (the
 * grid's start, step and length, the row count, the repair counts, the
 * first error in file order) is agreed with the collectives below, so each
 * process builds its VMs' rows exactly as one process reading everything
 * would. Every process calls them the same number of times, in the same
 * order; each returns 0 or -errno.
 */
enum ingest_op { INGEST_MIN, INGEST_MAX, INGEST_SUM };

struct ingest_comm {
	int rank, size;
	void *ctx;
	/* V[0..N) combined element-wise over the processes, on every one. */
	int (*reduce)(void *ctx, int64_t *v, size_t n, enum ingest_op op);
	/*
	 * LEN bytes of BUF from every process to every one: *ALL (malloc'd,
	 * the caller frees) holds them back to back, LENS[r] (SIZE entries,
	 * caller's) the length of process r's.
	 */
	int (*allgather)(void *ctx, const void *buf, size_t len, char **all,
			 size_t *lens);
	/*
	 * SEND[r] holds SCOUNT[r] bytes for process r (SEND[rank] is not
	 * read); *RECV (malloc'd, the caller frees) gets what each sent
	 * here, RCOUNT[r] bytes from process r, back to back.
	 */
	int (*exchange)(void *ctx, const char *const *send,
			const size_t *scount, char **recv, size_t *rcount);
	/* NULL, or told that the phase NAME (a string constant) of this
	 * process's work has just ended: for timings (vmux-mpi's
	 * VMUX_MPI_TIMING) */
	void (*phase)(void *ctx, const char *name);
};

/* Consecutive lines of the file: LINES of them, LEN bytes, from line
 * LINE on. */
struct ingest_seg {
	uint64_t line, len, lines;
};

/*
 * Whole lines of the input (each ending in '\n', writable): SEG NULL,
 * consecutive lines, the first of them line LINE of the file; else the
 * NSEG segments SEG[0..NSEG) back to back (in file order; LINE unused),
 * which one process parses in blocks as it would one run.
 */
struct ingest_run {
	char *buf;
	size_t len;
	unsigned long line;
	const struct ingest_seg *seg;
	size_t nseg;
};

/* The next run into *RUN; false after the last. */
typedef bool (*ingest_next_fn)(void *ctx, struct ingest_run *run);

/*
 * This process's share of a partitioned ingest of PATH (collective over
 * C): the runs NEXT gives, in file order, the header line (line 1) first,
 * then every row of the VMs this process holds. NL: the file's line ends.
 * Parse errors are agreed: the first in file order is printed once, by
 * the process that met it; every process returns -EBADMSG. The repair
 * warning is printed by process 0, with the counts of all. STATS (if not
 * NULL) gets the counts of all.
 */
int ingest_runs(const char *path, ingest_next_fn next, void *ctx,
		unsigned long nl, const struct ingest_comm *c,
		const struct ingest_opts *opts, struct trace **out,
		struct ingest_stats *stats);

#endif

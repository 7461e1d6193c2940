/*
 * import.h - converting public trace formats to the canonical trace CSV.
 *
 * An import run reads one format (planetlab, bitbrains, azure, alibaba)
 * and writes canonical rows "time,vm,cpu[,mem,disk,net][,cpu_prov,mem_prov]"
 * to a stream: time in seconds, cpu in cores, mem in MiB, disk and net in
 * KiB/s; cpu_prov and mem_prov, for formats that know them, the VM's
 * provisioned cores and MiB (0 = not known). Every unit
 * conversion and every repair a reader makes is counted in a note, and
 * import_report() prints each non-zero note as one warning on stderr; the
 * rules themselves are stated in traces/README.md.
 *
 * Errors follow lib/error.h (messages already printed): -EBADMSG bad data
 * (exit 65), -errno I/O naming the path (exit 74), -ENOMEM (exit 71), and
 * -EINVAL when the input needs an option the user did not give or an
 * option is out of range (exit 2, e.g. --start).
 *
 * Whatever a run writes, the ingest reads: readers check each value against
 * the store's limits (sim/store/trace.h) at the input line that gave it,
 * and import_row() refuses anything that slipped through.
 */
#ifndef VMUX_IMPORT_H
#define VMUX_IMPORT_H

#include "sim/store/trace.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The PlanetLab and Bitbrains sampling step, and the default slot, s. */
#define IMPORT_STEP 300.0

struct import_opts {
	double start;	     /* planetlab: start of an undated folder, s;
				NAN = not given */
	double cores;	     /* cores behind 100 % where the data gives
				none (planetlab, azure, alibaba); > 0 */
	double step;	     /* alibaba: slot length, s; > 0 */
	double mhz_per_core; /* bitbrains: one per-core MHz for all rows;
				0 = per row from the data */
	const char *vmtable; /* azure: vmtable file, or NULL */
	const char *meta;    /* alibaba: machine_meta file, or NULL */
};

/* Counted conversions and repairs; texts in import.c. */
enum import_note {
	IMPORT_N_SKIPPED,
	IMPORT_N_OVER100,
	IMPORT_N_SNAPPED,
	IMPORT_N_MERGED,
	IMPORT_N_PL_CPU,
	IMPORT_N_PL_TIME,
	IMPORT_N_PL_START,
	IMPORT_N_PL_LINK_NAME,
	IMPORT_N_PL_LINK_TARGET,
	IMPORT_N_PL_LENGTH,
	IMPORT_N_PL_SPANS,
	IMPORT_N_BB_CPU,
	IMPORT_N_BB_CPU_FIXED,
	IMPORT_N_BB_UNITS,
	IMPORT_N_BB_ZERO_CORES,
	IMPORT_N_BB_MS,
	IMPORT_N_AZ_CPU,
	IMPORT_N_AZ_NOCORES,
	IMPORT_N_AZ_BUCKET,
	IMPORT_N_AL_CPU,
	IMPORT_N_AL_SAMPLES,
	IMPORT_N_AL_EMPTY,
	IMPORT_N_AL_NOCPU,
	IMPORT_N_AL_NOCORES,
	IMPORT_N_AL_DROPPED,
	IMPORT_N_AL_REPEAT,
	IMPORT_N_AL_REPEAT_DIFF,
	IMPORT_NNOTES
};

/* What a run wrote, for the command's summary. */
struct import_summary {
	size_t vms;	    /* distinct VM names */
	size_t unmeasured;  /* VMs with a resource that looks unmeasured */
	size_t rows;	    /* data rows */
	double first, last; /* earliest and latest time written */
	unsigned res_mask;  /* columns written (RES_MASK bits) */
	bool prov;	    /* cpu_prov and mem_prov written too */
};

struct import;

/* Defaults: start NAN, cores 1, step IMPORT_STEP, mhz_per_core 0. */
void import_opts_init(struct import_opts *o);
/* The formats' names, NULL-terminated (for the option table). */
extern const char *const import_format_names[];
/* Whether NAME is a known format. */
bool import_format_known(const char *name);
/* "planetlab, bitbrains, azure, alibaba", for help texts. */
const char *import_format_list(void);

/*
 * A run of FORMAT writing to OUT (not owned), which receives the header
 * now. O is copied. -EINVAL for an unknown format or an option out of the
 * store's limits (message printed), -ENOMEM.
 */
int import_create(const char *format, const struct import_opts *o, FILE *out,
		  struct import **imp);
/* Free the run. NULL is a no-op. */
void import_destroy(struct import *im);
/* Read PATHS[0..N) with the format's reader and write their rows. */
int import_run(struct import *im, char *const *paths, size_t n);
/* Print one warning per non-zero note, prefixed by the format name. */
void import_report(const struct import *im);
void import_get_summary(const struct import *im, struct import_summary *s);

/* For the readers. */
const struct import_opts *import_get_opts(const struct import *im);
/*
 * Write one canonical row: V[r] for each resource r of the format (others
 * ignored) and, for formats with provisioned sizes, PROV[0] cores and
 * PROV[1] MiB (PROV NULL or 0: not known). VM names are written by
 * lib/csvout.h (RFC 4180). -EIO if the stream failed (message printed).
 */
int import_row(struct import *im, const char *vm, double time,
	       const double v[RES_COUNT], const double *prov);
/*
 * Check resource R of VM: of its RUNNING samples with cpu > 0, ZERO have R
 * = 0. At TRACE_UNMEASURED_SHARE or more, R looks unmeasured (the rule of
 * trace_unmeasured): import_report() warns about the VM. -ENOMEM.
 */
int import_check_measured(struct import *im, const char *vm, enum res r,
			  size_t zero, size_t running);
/* Add COUNT to note N. */
void import_note(struct import *im, enum import_note n, unsigned long count);
/* Add 1 to note N for NAME (a VM): its text names the first
 * IMPORT_NAMED. -ENOMEM. */
#define IMPORT_NAMED 3
int import_note_named(struct import *im, enum import_note n, const char *name);
/* Set the number shown in note N's text (a core count, a step). */
void import_note_param(struct import *im, enum import_note n, double x);
unsigned long import_noted(const struct import *im, enum import_note n);

/*
 * Claim KEY (a VM name, or a VM and its start) for the input file PATH.
 * Returns 0 if KEY is new, 1 if another file claimed it first (*PREV is
 * that file's path, owned by IM), -ENOMEM.
 */
int import_claim(struct import *im, const char *key, const char *path,
		 const char **prev);

/*
 * Claim the input file PATH by its real path: 0 if no file of the run
 * claimed it before; the same file given twice (as a file and through its
 * folder, say) is bad data naming both (-EBADMSG); -errno if PATH cannot
 * be resolved, -ENOMEM.
 */
int import_claim_file(struct import *im, const char *path);

/*
 * Make *V, an array of *CAP elements of SIZE bytes, hold element N:
 * capacity doubled (from 64) as needed, new elements zeroed. -ENOMEM (*V
 * unchanged).
 */
int import_grow(void **v, size_t *cap, size_t n, size_t size);

/* One sample of a VM, for readers that must merge before writing. */
struct import_sample {
	double time;
	double v[RES_COUNT];
	double prov[2]; /* provisioned cores, MiB; 0 = not known */
	size_t vm;
	unsigned long line; /* source line, for messages */
};

/*
 * Sort S[0..N) by (vm, time) and merge samples of one VM at one time into
 * one, each value the maximum (counted in IMPORT_N_MERGED). Returns the
 * number left.
 */
size_t import_merge_max(struct import *im, struct import_sample *s, size_t n);

#endif

/*
 * validcsv.h - the CSV `vmux validate --csv` writes, read back for the
 * report: one row per replayed host, then a row whose host is `total`.
 *
 * Columns (any order; others ignored): host, vms, capacity (cores),
 * scale, slots, and predicted_X / measured_X for X = overload, unmet,
 * violation (fractions in [0, 1]) and saving (a fraction <= 1, empty
 * allowed). Optional (vmux validate writes them since --repeat):
 * runs, measured_overload_min/_max, measured_unmet_min/_max,
 * measured_saving_min/_max (the range over the runs; NAN if absent),
 * contaminated (fraction of slots starved by other work), share (CPU the
 * guests got / what the cap entitled them to, in those slots) and status
 * (ok or unreliable), and the run's parameters: percentile and the window
 * replayed, window_from and window_to (seconds; from before to). Invariants:
 * at least one host row; host names
 * unique and not `total`; exactly one `total` row, the last.
 */
#ifndef VMUX_VALIDCSV_H
#define VMUX_VALIDCSV_H

#include <stdbool.h>
#include <stddef.h>

struct csvtab;

enum validcsv_metric {
	VALID_OVERLOAD,
	VALID_UNMET,
	VALID_VIOLATION,
	VALID_SAVING,
	VALID_NMETRIC
};

struct validcsv_row {
	const char *host;	 /* owned by the table */
	const char *accel, *cap; /* backend and cap mechanism, or NULL */
	unsigned long line;
	size_t vms, slots;
	double capacity, scale;
	double predicted[VALID_NMETRIC], measured[VALID_NMETRIC];
	double lo[VALID_NMETRIC], hi[VALID_NMETRIC]; /* NAN: not given */
	size_t runs;				     /* 1 if not given */
	double contaminated, share;		     /* NAN: not given */
	double percentile, from, to;		     /* NAN: not given */
	bool unreliable;
};

struct validcsv {
	struct csvtab *tab;
	size_t nhosts;
	struct validcsv_row *host;
	struct validcsv_row total;
};

/* "overload", "unmet", "violation", "saving". */
const char *validcsv_metric_name(enum validcsv_metric m);

/*
 * Read PATH into *OUT (free with validcsv_destroy). Bad data prints
 * "FILE:LINE: field 'NAME': reason" and returns -EBADMSG; -errno for I/O;
 * -ENOMEM.
 */
int validcsv_read(const char *path, struct validcsv **out);
/* Free V. NULL is a no-op. */
void validcsv_destroy(struct validcsv *v);

#endif

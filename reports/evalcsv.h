/*
 * evalcsv.h - the CSV `vmux evaluate --csv` writes, read back for the
 * report: one row per host, then a row whose host is `total`.
 *
 * Columns (any order; others ignored): host, vms, slots, overload_rate,
 * unmet_fraction, and optionally missing and violation_rate. Rates are
 * fractions in [0, 1]; a host with slots = 0 has empty rates (NAN here).
 * Invariants: at least one host row; host names unique and not `total`;
 * exactly one `total` row, the last.
 */
#ifndef VMUX_EVALCSV_H
#define VMUX_EVALCSV_H

#include <stddef.h>

struct csvtab;

struct evalcsv_row {
	const char *host; /* owned by the table */
	unsigned long line;
	size_t vms, slots;
	double missing;	  /* NAN when the column is absent */
	double overload;  /* fraction of slots over capacity */
	double unmet;	  /* fraction of demand unmet */
	double violation; /* fraction of VM-slots short; NAN if absent */
};

struct evalcsv {
	struct csvtab *tab;
	size_t nhosts;
	struct evalcsv_row *host; /* nhosts rows, file order */
	struct evalcsv_row total;
};

/*
 * Read PATH into *OUT (free with evalcsv_destroy). Bad data prints
 * "FILE:LINE: field 'NAME': reason" and returns -EBADMSG; -errno for I/O
 * (path named); -ENOMEM.
 */
int evalcsv_read(const char *path, struct evalcsv **out);
/* Free E. NULL is a no-op. */
void evalcsv_destroy(struct evalcsv *e);

#endif

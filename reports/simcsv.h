/*
 * simcsv.h - `vmux simulate` outputs read back for the report: result CSVs
 * (columns trace, model, policy, energy_kwh, migrations, slatah, pdm, slav,
 * esv, overall_sla, host_hours, optionally seed; others ignored) and
 * timeline CSVs (policy, t, active_hosts, power_w, overloaded_hosts,
 * migrations, optionally seed: its first row's). A file is a
 * timeline if its header names `active_hosts`, else a result.
 * Invariants: fractions in [0, 1], counts and energies >= 0, times
 * increasing within a timeline; every file has at least one row.
 */
#ifndef VMUX_SIMCSV_H
#define VMUX_SIMCSV_H

#include <stddef.h>

struct csvtab;

struct simcsv_result {
	const char *day;    /* the trace's last path component */
	const char *model;  /* owned by the table */
	const char *policy; /* owned by the table */
	const char *seed;   /* as written; "" when absent */
	double energy, migrations, slatah, pdm, slav, esv, overall, hours;
};

struct simcsv_timeline {
	const char *file, *policy;
	const char *seed; /* as written; "" when absent */
	size_t n;
	double *t, *active, *power, *over, *migr;
};

struct simcsv {
	struct csvtab **tab;
	size_t ntab;
	struct simcsv_result *res;
	size_t nres;
	struct simcsv_timeline *tl;
	size_t ntl;
};

/* Read PATHS[0..N) into *OUT. -EBADMSG naming FILE:LINE, -errno, -ENOMEM. */
int simcsv_read(const char *const *paths, size_t n, struct simcsv **out);
/* Free S. NULL is a no-op. */
void simcsv_destroy(struct simcsv *s);

#endif

/*
 * import_planetlab.h - the PlanetLab (CoMon, as bundled with CloudSim)
 * reader.
 *
 * Input: day folders of per-VM files (or single files, or a folder holding
 * day folders), each one integer CPU % per line, one line per 300 s. VM =
 * file name. The day starts at the folder's name YYYYMMDD, 00:00 UTC, else
 * at --start. cpu = % / 100 x
 * --cores. The same VM may appear in several day folders: each file is one
 * span, and days missing between them are counted, never filled; two files
 * of one VM that overlap in time are bad data.
 */
#ifndef VMUX_IMPORT_PLANETLAB_H
#define VMUX_IMPORT_PLANETLAB_H

#include <stdbool.h>
#include <stddef.h>

struct import;
struct import_input;

/* Read PATHS[0..N) (folders or files) into IM. See import.h for errors. */
int import_planetlab(struct import *im, char *const *paths, size_t n);
/*
 * LINE of a PlanetLab file (from import_input_next on IN) as its CPU % into
 * *PCT: one field (quoted or not, blanks around it trimmed), a decimal
 * number >= 0; a value above 100 is clipped to 100 and *CLIPPED set. The
 * one rule for PlanetLab values, shared with `vmux simulate`'s reader.
 * 0, or -EBADMSG with "FILE:LINE: field 'cpu %': ..." printed.
 */
int import_planetlab_pct(struct import_input *in, char *line, double *pct,
			 bool *clipped);
/* The first N values of PlanetLab file PATH by that rule into PCT (later
 * lines not read), each clipped one counted in *CLIPPED; fewer than N is
 * bad data ("FILE:LINE: field 'cpu %': K samples, want N"). 0 or -errno
 * with the message printed (sim/simulate/workload.h's workload_file_fn). */
int import_planetlab_series(const char *path, double *pct, size_t n,
			    unsigned long *clipped);

#endif

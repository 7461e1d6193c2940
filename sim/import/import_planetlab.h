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

#include <stddef.h>

struct import;

/* Read PATHS[0..N) (folders or files) into IM. See import.h for errors. */
int import_planetlab(struct import *im, char *const *paths, size_t n);

#endif

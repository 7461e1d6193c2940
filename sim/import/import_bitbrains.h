/*
 * import_bitbrains.h - the Bitbrains GWA-T-12 reader (fastStorage, Rnd).
 *
 * Input: files, or folders of *.csv files, one VM per file: a header row
 * naming the columns, then rows of fields separated by ';' (and a tab).
 * VM name: "<set>-<file stem>", set being the folder holding the file, or
 * the one above it when that folder is a month "YYYY-M" (rnd/2013-7/7.csv
 * -> "rnd-7"), without a leading "bitbrains-". cpu = CPU usage [MHZ] / the
 * row's per-core MHz (capacity provisioned / cores), or / --mhz-per-core;
 * mem = Memory usage [KB] / 1024; disk = read + write; net = received +
 * transmitted. Times go to the nearest multiple of 300 s; rows sharing a
 * slot merge (maximum). Files with one VM name (the same VM in several
 * month folders) are read together as one VM; the same file twice is bad
 * data. A VM whose memory is 0 in at least half its samples with CPU use
 * is named in a warning. traces/README.md states each rule.
 */
#ifndef VMUX_IMPORT_BITBRAINS_H
#define VMUX_IMPORT_BITBRAINS_H

#include <stddef.h>

struct import;

/* Read PATHS[0..N) (files or folders) into IM. See import.h for errors. */
int import_bitbrains(struct import *im, char *const *paths, size_t n);

#endif

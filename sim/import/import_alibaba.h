/*
 * import_alibaba.h - the Alibaba cluster-trace-v2018 reader
 * (machine_usage).
 *
 * Input: machine_usage files, no header: machine_id, time_stamp (s),
 * cpu_util_percent, mem_util_percent, mem_gps, mkpi, net_in, net_out,
 * disk_io_percent; empty fields occur, sampling is irregular. Each machine
 * is a VM. Samples are averaged into slots [k x step, (k + 1) x step)
 * (--step, default 300 s), written at time k x step; slots with no sample
 * are not written; a step whose written slots readers would take at
 * another step (their commonest gap, sim/store/step.h: a step finer than
 * the sampling) is refused (-EINVAL). cpu = mean cpu_util_percent / 100 x cpu_num, from
 * machine_meta (--meta) or --cores (default 1). Only cpu is written: the
 * trace gives memory, network and disk as percentages or normalised values
 * with no absolute unit.
 */
#ifndef VMUX_IMPORT_ALIBABA_H
#define VMUX_IMPORT_ALIBABA_H

#include <stddef.h>

struct import;

/* Read PATHS[0..N) (files) into IM. See import.h for errors. */
int import_alibaba(struct import *im, char *const *paths, size_t n);

#endif

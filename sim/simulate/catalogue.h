/*
 * catalogue.h - the host types of a simulated data centre, read from a CSV
 * catalogue (models/hosts-cloudsim.csv is CloudSim's):
 *
 *   type,count,cores,mips,ram_mb,bw_kbps,p0,p10,...,p100
 *
 * one row per host type: how many hosts, cores and MIPS per core, RAM in
 * MB, network in kbit/s, watts at 0..100 % CPU. Lines starting with '#' are
 * comments. Hosts are dealt round-robin from the rows in file order until
 * each row's count is used up, so host i's type is catalogue_host_type(i).
 */
#ifndef VMUX_CATALOGUE_H
#define VMUX_CATALOGUE_H

#include "models/power.h"

#include <stddef.h>

#define CATALOGUE_NAME_MAX 64
/* Hosts in all, at most (a row may hold 10^6): a catalogue of a few
 * hundred rows must not make the simulator deal a billion hosts. */
#define CATALOGUE_MAX_HOSTS 10000000
/* The largest MIPS per core, RAM (MB), network (kbit/s, at least 1) and
 * watts: far above any machine, and every total of the largest catalogue
 * (10^7 hosts of 4096 cores, count <= 10^6 a row) stays finite. */
#define CATALOGUE_VALUE_MAX 1e9

struct host_type {
	char name[CATALOGUE_NAME_MAX];
	unsigned count, cores;
	double mips; /* per core */
	double ram_mb, bw_kbps;
	struct power_table power;
};

struct catalogue;

/* The name of the built-in catalogue: models/hosts-cloudsim.csv, compiled
 * into vmux (PATH = NULL). */
#define CATALOGUE_BUILTIN "models/hosts-cloudsim.csv"

/* Read PATH (NULL: the built-in CloudSim catalogue) into *OUT. -EBADMSG
 * (message with line and field) on bad data, -errno on I/O, -ENOMEM. */
int catalogue_load(const char *path, struct catalogue **out);
void catalogue_destroy(struct catalogue *c);

size_t catalogue_ntypes(const struct catalogue *c);
const struct host_type *catalogue_type(const struct catalogue *c, size_t i);
/* Total number of hosts (the sum of the counts). */
size_t catalogue_nhosts(const struct catalogue *c);
/* Type of host I (0 <= I < catalogue_nhosts), dealt round-robin. */
const struct host_type *catalogue_host_type(const struct catalogue *c,
					    size_t i);

#endif

/*
 * import_azure.h - the Azure Public Dataset V1 reader (vm_cpu_readings).
 *
 * Input: vm_cpu_readings files (or folders of vm_cpu_readings*.csv), no
 * header: timestamp (s), vmid, min cpu, max cpu, avg cpu (% of the VM's
 * cores). cpu = avg / 100 x the VM's cores, which come from the vmtable
 * (--vmtable; its "core count bucket" column, ">N" taken as N) or, for
 * VMs it does not list, --cores (default 1), counted in a warning.
 * Timestamps go to the nearest multiple of 300 s; readings of one VM
 * sharing a slot merge (maximum).
 */
#ifndef VMUX_IMPORT_AZURE_H
#define VMUX_IMPORT_AZURE_H

#include <stddef.h>

struct import;

/* Read PATHS[0..N) into IM. See import.h for errors. */
int import_azure(struct import *im, char *const *paths, size_t n);

#endif

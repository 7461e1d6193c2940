/*
 * resource.h - the resources a VM demands and vmux sizes: their index, bit
 * and name. Units (used throughout vmux): cpu in cores, mem in MiB, disk and
 * net in KiB/s.
 */
#ifndef VMUX_RESOURCE_H
#define VMUX_RESOURCE_H

enum res { RES_CPU, RES_MEM, RES_DISK, RES_NET, RES_COUNT };
#define RES_MASK(r) (1u << (r))

#include <stddef.h>

/* The names in enum order, NULL-terminated (option tables use it). */
extern const char *const res_names[RES_COUNT + 1];
/* "cpu", "mem", "disk", "net"; "?" outside the enum. */
const char *res_name(enum res r);
/* Its unit, plural: "cores", "MiB", "KiB/s", "KiB/s"; "?" outside. */
const char *res_unit(enum res r);
/*
 * The resources of MASK by name, in enum order and joined by ',' ("cpu,mem";
 * "none" for 0), into BUF[N] (cut to fit, always terminated); returns BUF.
 */
char *res_mask_names(unsigned mask, char *buf, size_t n);
/* Parse a resource name; -EINVAL if unknown. */
int res_parse(const char *name, enum res *out);

#endif

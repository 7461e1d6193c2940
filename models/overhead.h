/*
 * overhead.h - virtualization overhead factors: how much more of each
 * resource a VM needs when it runs in a given virtualization style than
 * the trace recorded (1.10 = 10 % more). A plan multiplies every demand
 * value of resource r by factor[r].
 *
 * Calibration file: CSV with a header naming the columns `style`,
 * `resource` and `factor` (any order; `source` and any other column are
 * allowed and not read), one row per (style, resource), one row per line.
 * style is any non-empty word (vmux ships hw, para and full); resource is
 * cpu, mem, disk or net; factor is a finite number > 0. A (style, resource)
 * given twice is bad data. A resource without a row for the style keeps
 * factor 1.
 */
#ifndef VMUX_OVERHEAD_H
#define VMUX_OVERHEAD_H

#include "lib/resource.h"

/* The shipped literature factors, compiled in: what PATH NULL reads, and
 * the name its messages give. */
#define OVERHEAD_BUILTIN "models/overhead-literature.csv"

/*
 * Read the factors of STYLE from PATH (NULL: the built-in copy of
 * OVERHEAD_BUILTIN, so that vmux finds it from any directory) into
 * FACTOR[RES_COUNT] (1 where the file has no row) and the set of resources that
 * had a row into *FOUND (RES_MASK bits). Bad data prints "FILE:LINE: field
 * 'NAME': reason" and returns -EBADMSG, as does a file with no row for STYLE
 * (the message lists the styles it has); an unreadable file prints its path and
 * returns -errno; -ENOMEM.
 */
int overhead_load(const char *path, const char *style, double factor[RES_COUNT],
		  unsigned *found);

#endif

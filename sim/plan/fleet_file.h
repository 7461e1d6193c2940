/*
 * fleet_file.h - shard files: one shard's part of a bucketed plan
 * (sim/plan/fleet.h), written by `vmux plan --shard` and read by
 * `vmux merge`; the same bytes carry a rank's part to rank 0 under MPI.
 *
 * Text, one record a line, fields separated by a tab:
 *   vmux-plan-shard 6     (versions 1, without nofit lines, 2, without
 *                         LIFTED ABSENT, 3, without NODATA, 4, without
 *                         nodata lines, and 5, without apart lines, are
 *                         read too)
 *   shard I N
 *   buckets B
 *   policy NAME
 *   percentile P          (a C99 hex float, exact)
 *   slots S
 *   resources cpu[,mem...]
 *   term KEY=VALUE        (the plan's terms, sim/plan/planterms.h, one
 *                         line per key, escaped as VM names; optional;
 *                         virt_factor_R, --virt's factors, is absent
 *                         from older files of the same version: readers
 *                         skip keys they do not know)
 *   rows N
 *   bucket B VMS HOSTS UNPLACED OVER (IND JOINT) per resource LIFTED
 *                         ABSENT NODATA (one line per held bucket with
 *                         VMs, increasing B; NODATA: its VMs with no data
 *                         in the window, not planned)
 *   VM BUCKET HOST SIZE...   (N lines; sizes hex floats, exact)
 *   nofit VM BUCKET RES SIZE CAP   (a VM no host of its bucket holds, too
 *                         large in RES: the first FLEET_NOFIT_LISTED,
 *                         in bucket order; hex floats)
 *   nodata VM BUCKET      (a VM of the bucket with no data in the window:
 *                         the first FLEET_NODATA_LISTED, in bucket, then
 *                         trace order)
 *   apart B VMS OVER ALONE UNAPART   (bucket B's VMs that may grow, kept
 *                         apart; of them, those reserving more than the
 *                         host, and of those, the ones alone on their
 *                         host; the hosts B takes without the rule: one
 *                         line per held bucket with such VMs, increasing
 *                         B; plan.h apart)
 *   apart_over RES LO HI  (the smallest and largest reservation of RES
 *                         above the host, over the shard's buckets; hex
 *                         floats; one line per such resource)
 *   end
 * VM names escape backslash, tab, line feed and carriage return as \\, \t,
 * \n, \r. Sizes and levels round-trip bit for bit, so a merged plan is the
 * bytes the unsharded run writes. A VM may be named as any keyword: a
 * bucket line has 9 + 2 x resources fields (6 + 2 x in versions 1 and 2,
 * 8 + 2 x in 3), a row 3 + resources, never as many, so a line "bucket"
 * of the rows' field count is the row of a VM named bucket (any other
 * count: a bucket line, refused unless it has its version's); rows are
 * counted (N), so the lines after them are told by their keyword.
 */
#ifndef VMUX_FLEET_FILE_H
#define VMUX_FLEET_FILE_H

#include "sim/plan/fleet.h"

#include <stdio.h>

/* Write P to FP. -EIO on a write error. */
int fleet_file_write(FILE *fp, const struct fleet_part *p);

/*
 * Read a part from FP; NAME is used in messages ("NAME:LINE: field 'F':
 * reason", -EBADMSG). -ENOMEM.
 */
int fleet_file_read(FILE *fp, const char *name, struct fleet_part **out);

#endif

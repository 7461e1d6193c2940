/*
 * hostsize.h - what sharing a host saves: the VMs' own percentile sizes
 * against the size of their summed demand (the multiplexing gain). The one
 * computation behind the prediction of `vmux validate` and the sizes of
 * `vmux report`.
 *
 * Sizes are percentile sizes (models/size.h) in the demand's units (cores
 * for cpu). A NaN value is a slot where the VM is absent (no data: outside
 * its span or in a gap; sim/store/trace.h): its own size is over the slots
 * it is present, the joint size counts the absent slot as no demand, as
 * `vmux plan` sizes them (README: Absent is not idle).
 */
#ifndef VMUX_HOSTSIZE_H
#define VMUX_HOSTSIZE_H

#include <stddef.h>

/*
 * The host holding rows ROWS[0..N) (each LEN values, the demand of one VM
 * over the window): SIZE[i] (if not NULL) = the P-percentile size of row i
 * alone over its values that are not NaN (0 if none), *SUM = their sum
 * (s1 + s2 + ...), *JOINT = the P-percentile size of the rows' slot-by-slot
 * sum, NaN as 0 (s3). N = 0 gives 0 and 0. -EINVAL for P
 * outside (0, 100], -ENOMEM.
 */
int hostsize_compute(const double *const *rows, size_t n, size_t len, double p,
		     double *size, double *sum, double *joint);

/*
 * The saving 1 - JOINT / SUM; NAN when SUM is not > 0: undefined (0/0,
 * no VM needs any capacity). Every CSV writes it as an empty cell
 * (csvout_rate), every summary in hostsize_saving_text's words.
 */
double hostsize_saving(double sum, double joint);

/* "saving 12.3%" for saving X (a fraction) into BUF[N], or, X NaN,
 * "saving n/a: no VM needs any capacity". BUF. */
#define HOSTSIZE_SAVING_NA "n/a: no VM needs any capacity"
const char *hostsize_saving_text(double x, char *buf, size_t n);

#endif

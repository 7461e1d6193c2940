/*
 * bench_report.h - the benchmark's conclusions from its rows: the
 * lecture's table and the calibration file for `vmux plan --virt`.
 */
#ifndef VMUX_BENCH_REPORT_H
#define VMUX_BENCH_REPORT_H

#include "sim/measure/bench.h"

#include <stdio.h>

/* The claimed-vs-measured table, with a verdict per cell. */
void bench_print_lecture(const struct bench *b, FILE *fp);
/*
 * The calibration CSV (style,resource,factor,source) from the rows there
 * are; a resource without its rows gets factor 1. -EIO on a write error.
 */
int bench_write_calibration(const struct bench *b, FILE *fp);

#endif

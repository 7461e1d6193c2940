/*
 * input.h - a stream read through the reader (sim/store/reader.h): the
 * data rows of a large regular file by worker threads (sim/store/blocks.h),
 * taken in file order, the rest read ahead and fed line by line; and a
 * second reading that finds the first line holding a time.
 */
#ifndef VMUX_INPUT_H
#define VMUX_INPUT_H

#include "sim/store/reader.h"

#include <stdio.h>

/*
 * Worker threads parse files of INPUT_PARALLEL_MIN bytes or more in
 * blocks of INPUT_BLOCK: their buffers (~5 MB) would be felt in the peak
 * memory of smaller ones, whose whole ingest takes a fraction of a second.
 * Blocks of 128 KiB cost a quarter more time than 512 KiB (more
 * hand-overs).
 */
#define INPUT_BLOCK (512 << 10)
#define INPUT_PARALLEL_MIN ((off_t)64 << 20)

/*
 * FP from its position to the end through IN (in->threads, in->block and
 * in->parallel_min say whether and how workers read), libcsv's last
 * record included. 0 or the first error (printed or held).
 */
int input_read(struct reader *in, FILE *fp);

/*
 * The line of the first row of IN's input with time T: a second reading
 * (0 if the input cannot be read again).
 */
unsigned long input_find_line(const struct reader *in, double t);

#endif

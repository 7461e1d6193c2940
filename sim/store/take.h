/*
 * take.h - batches of data rows parsed by rows_parse() (sim/store/rows.h),
 * by the reader's own thread or by worker threads (sim/store/blocks.h),
 * taken into the reader's samples with the same outcome as row by row in
 * file order: the same VM numbering, the same first error.
 */
#ifndef VMUX_TAKE_H
#define VMUX_TAKE_H

#include "sim/store/groups.h"
#include "sim/store/reader.h"

/*
 * The records of O, read from line BASE on, as the reader takes rows one
 * by one: each until an error; then in->line is the line after them. G:
 * O's records grouped by name (NULL or not valid: none).
 */
void take_rows(struct reader *in, const struct rows_out *o,
	       const struct groups *g, unsigned long base);

/* As many whole data lines from BUF[0..N) as rows_parse() takes, taken:
 * their length. */
size_t take_text(struct reader *in, char *buf, size_t n);
/* Feed BUF[0..N) (writable) to the reader, one physical line at a time:
 * runs of plain records by take_text(), the rest by reader_line(). P is
 * libcsv's state across calls. in->err. */
int take_feed(struct reader *in, struct csv_parser *p, char *buf, size_t n);

#endif

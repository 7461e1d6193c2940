/*
 * blocks.h - a regular file's canonical rows parsed by worker threads,
 * handed to the caller in file order.
 *
 * The byte range [FROM, TO) of the file (FROM the start of a line) is cut
 * into blocks of BLOCK bytes; block i holds the lines that start in it, so
 * a line crossing a block's end belongs to that block. Workers read blocks
 * with pread() and run rows_parse() on them, a few blocks ahead of the
 * caller. A block that does not take all its lines (an error, a line for
 * libcsv, a NUL byte, a line longer than BLOCKS_OVERRUN, a read error) is
 * the last one handed over: the caller reads on from where its rows end,
 * by its general path, which names any error. A worker also groups its
 * block's records by VM name (sim/store/groups.h). Memory: threads + 2
 * blocks of BLOCK + BLOCKS_OVERRUN bytes and their records and groups
 * (about as much again for rows of ~25 bytes).
 */
#ifndef VMUX_BLOCKS_H
#define VMUX_BLOCKS_H

#include "sim/store/groups.h"
#include "sim/store/rows.h"

#include <sys/types.h>

/* How far past its end a block's last line may reach. */
#define BLOCKS_OVERRUN (16u << 10)

struct blocks;

/*
 * Start THREADS (>= 1) workers on FD's bytes [FROM, TO) in rows of format
 * F (copied). Returns 0, -ENOMEM or the -errno of pthread_create.
 */
int blocks_open(int fd, off_t from, off_t to, const struct rows_format *f,
		int threads, size_t block, struct blocks **out);

/*
 * The next block's rows (valid until the next call; their bytes and lines
 * count from the end of the previous block's), or NULL after the last
 * block, or after one that stopped; *GRP: the rows grouped by name, by
 * the worker (sim/store/groups.h; not valid if it ran out of memory).
 */
const struct rows_out *blocks_next(struct blocks *b, const struct groups **grp);

/* Stop the workers and free everything. NULL is a no-op. */
void blocks_close(struct blocks *b);

#endif

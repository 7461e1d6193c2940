/*
 * readahead.h - read a stream in blocks, the next block read ahead by a
 * second thread while the caller works on the current one.
 *
 * For a regular file of more than two blocks a reader thread fills two
 * buffers in turn (the copy out of the page cache then costs the caller
 * nothing); for anything else (a pipe, a terminal, a small file) the
 * blocks are read inline, so a reader never waits on a stream the caller
 * has stopped reading. Either way the caller sees the same blocks: what
 * fread() returns, in order, until it returns 0.
 */
#ifndef VMUX_READAHEAD_H
#define VMUX_READAHEAD_H

#include <stddef.h>
#include <stdio.h>

struct readahead;

/*
 * Start reading FP (which the caller keeps open until readahead_close) in
 * blocks of BLOCK bytes. Returns 0 or -ENOMEM.
 */
int readahead_open(FILE *fp, size_t block, struct readahead **out);

/*
 * The next block into *DATA (writable; valid until the next call) and its
 * size; 0 at the end of the stream or after a read error (then see
 * readahead_error), and again 0 on every later call. Each call gives the
 * previous block back.
 */
size_t readahead_next(struct readahead *ra, char **data);

/* After readahead_next() gave 0: 0 at the end of the stream, or the errno
 * of the failed read (EIO if the stream set none). */
int readahead_error(const struct readahead *ra);

/* Stop the reader thread and free everything. NULL is a no-op. */
void readahead_close(struct readahead *ra);

#endif

/*
 * writebehind.h - write a stream in blocks, each written by a second
 * thread while the caller fills the next one.
 *
 * Two buffers of BLOCK bytes: the caller fills one while the writer
 * thread fwrite()s the other, so a producer that formats text pays for
 * neither the copy into the page cache nor the file system. The bytes
 * reach FP in the order they were handed over. A failed write is kept
 * and returned by the next writebehind_put() or by writebehind_close();
 * what follows it is not written.
 */
#ifndef VMUX_WRITEBEHIND_H
#define VMUX_WRITEBEHIND_H

#include <stddef.h>
#include <stdio.h>

struct writebehind;

/*
 * Start writing to FP (which the caller keeps open until
 * writebehind_close) in blocks of BLOCK bytes. 0, -ENOMEM or the -errno
 * of pthread_create.
 */
int writebehind_open(FILE *fp, size_t block, struct writebehind **out);

/* The buffer to fill: BLOCK bytes, the caller's until writebehind_put(). */
char *writebehind_buf(struct writebehind *w);

/*
 * Hand the buffer's first N bytes over to be written; the next buffer
 * is then writebehind_buf()'s. 0, or the -errno of a failed write.
 */
int writebehind_put(struct writebehind *w, size_t n);

/* Write what is left, stop the thread and free everything: 0 or the
 * -errno of the first failed write. NULL is a no-op (0). */
int writebehind_close(struct writebehind *w);

#endif

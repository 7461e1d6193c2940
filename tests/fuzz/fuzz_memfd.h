/*
 * fuzz_memfd.h - a libFuzzer input as a file: an in-memory memfd holding
 * the bytes, named by its /proc path, so that the reader under test opens
 * it by name as it opens a user's file.
 */
#ifndef VMUX_FUZZ_MEMFD_H
#define VMUX_FUZZ_MEMFD_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#define FUZZ_PATH_MAX 64

/*
 * A memfd holding DATA[0..SIZE), positioned at its end, its path into
 * PATH; returns the descriptor (the caller closes it). Aborts when it
 * cannot be made: that is the harness failing, not the reader.
 */
static inline int fuzz_memfd(const uint8_t *data, size_t size,
			     char path[FUZZ_PATH_MAX])
{
	int fd = memfd_create("vmux-fuzz", 0);

	if (fd < 0 || write(fd, data, size) != (ssize_t)size)
		abort();
	snprintf(path, FUZZ_PATH_MAX, "/proc/self/fd/%d", fd);
	return fd;
}

#endif

/*
 * fbuf.c - float arrays from the heap or mapped on their own (see fbuf.h).
 */
#include "sim/store/fbuf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static size_t bytes(size_t n)
{
	return n > SIZE_MAX / sizeof(float) ? SIZE_MAX : n * sizeof(float);
}

static int mapped(size_t n)
{
	return bytes(n) >= FBUF_MAP_BYTES;
}

static void *map(size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

float *fbuf_alloc(size_t n)
{
	if (bytes(n) == SIZE_MAX)
		return NULL;
	if (mapped(n))
		return map(bytes(n));
	return calloc(n ? n : 1, sizeof(float));
}

float *fbuf_resize(float *p, size_t n, size_t m)
{
	float *q;

	if (!p)
		return fbuf_alloc(m);
	if (bytes(m) == SIZE_MAX)
		return NULL;
	if (mapped(n) && mapped(m)) {
		q = mremap(p, bytes(n), bytes(m), MREMAP_MAYMOVE);
		return q == MAP_FAILED ? NULL : q;
	}
	if (!mapped(n) && !mapped(m))
		return realloc(p, m ? bytes(m) : 1);
	/* Between the heap and a mapping: a copy of the smaller one. */
	q = mapped(m) ? map(bytes(m)) : malloc(m ? bytes(m) : 1);
	if (!q)
		return NULL;
	memcpy(q, p, bytes(n < m ? n : m));
	fbuf_free(p, n);
	return q;
}

void fbuf_free(float *p, size_t n)
{
	if (!p)
		return;
	if (mapped(n))
		munmap(p, bytes(n));
	else
		free(p);
}

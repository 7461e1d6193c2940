/*
 * fbuf.h - arrays of 32-bit floats for the trace store and the ingest.
 *
 * Small arrays come from the heap; an array of FBUF_MAP_BYTES or more is
 * mapped on its own, so that growing it never copies (mremap moves page
 * tables, not pages), pages never written cost no memory, and freeing it
 * gives its memory back at once. Which of the two an array is follows from
 * its length alone: every call names the length the array has, and an
 * array must be freed with the length it was last given.
 */
#ifndef VMUX_FBUF_H
#define VMUX_FBUF_H

#include <stddef.h>

#define FBUF_MAP_BYTES (256u << 10)

/* N floats, all 0 (N may be 0). NULL when out of memory. */
float *fbuf_alloc(size_t n);

/*
 * Array P of N floats resized to M, its first min(N, M) values kept, the
 * rest unspecified. NULL when out of memory, P then untouched.
 */
float *fbuf_resize(float *p, size_t n, size_t m);

/* Free P of N floats. NULL is a no-op. */
void fbuf_free(float *p, size_t n);

#endif

/*
 * grow.h - arrays that grow by doubling: an array *P of *CAP elements of
 * ELEM bytes each, of which the holder uses a prefix. Amortised O(1) per
 * element appended.
 */
#ifndef VMUX_GROW_H
#define VMUX_GROW_H

#include <stddef.h>

/*
 * Make *P hold at least NEED elements: while *CAP < NEED the capacity
 * doubles, starting from MIN (> 0) when it is 0. New slots are not
 * initialised. 0, or -ENOMEM (also when the size overflows) with *P and
 * *CAP as they were.
 */
int grow_array(void **p, size_t *cap, size_t need, size_t elem, size_t min);

#endif

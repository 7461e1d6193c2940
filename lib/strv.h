/*
 * strv.h - arrays of strings that their holder owns: N malloc'd strings
 * (some may be NULL) in one malloc'd array of at least N slots.
 */
#ifndef VMUX_STRV_H
#define VMUX_STRV_H

#include <stddef.h>

/* Free V's first N strings, then V. V NULL is a no-op (N is not read). */
void strv_free(char **v, size_t n);

#endif

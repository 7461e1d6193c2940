/*
 * strv.h - arrays of strings that their holder owns: N malloc'd strings
 * (some may be NULL) in one malloc'd array of at least N slots.
 */
#ifndef VMUX_STRV_H
#define VMUX_STRV_H

#include <stddef.h>
#include <stdio.h>

/* Free V's first N strings, then V. V NULL is a no-op (N is not read). */
void strv_free(char **v, size_t n);

/*
 * V's N strings written one after another by PUT, SEP between two:
 * malloc'd (the caller frees it), or NULL (out of memory, or PUT's stream
 * failed). PUT writes one string to the stream as its format needs (a
 * CSV field, a shell word).
 */
char *strv_join(const char *const *v, size_t n, char sep,
		void (*put)(FILE *fp, const char *s));

#endif

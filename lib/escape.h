/*
 * escape.h - text written with some bytes replaced by strings: a table
 * maps each byte to its replacement, NULL for the byte itself. The report's
 * HTML text and the names in plan shard files are written through it.
 */
#ifndef VMUX_ESCAPE_H
#define VMUX_ESCAPE_H

#include <stdio.h>

/* S to FP, each byte B as T[B] where T[B] is not NULL. Errors are FP's
   (ferror()). */
void escape_put(FILE *fp, const char *s, const char *const t[256]);

#endif

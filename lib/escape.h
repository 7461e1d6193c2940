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

/*
 * A value on a line (or tab-separated field) of its own, which may hold
 * any byte (a VM name, a path): S to FP with \\, tab, line feed and
 * carriage return written \\\\, \\t, \\n, \\r. Plan shard files and PLAN.meta
 * write their names so.
 */
void escape_line_put(FILE *fp, const char *s);

/* Undo escape_line_put() in S, in place: 0, or -EINVAL (S unchanged) at
 * a backslash before any other byte. */
int escape_line_undo(char *s);

#endif

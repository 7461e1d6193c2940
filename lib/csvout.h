/*
 * csvout.h - the one CSV field writer (RFC 4180) every CSV that vmux
 * writes goes through.
 *
 * A field is written as is unless a reader could split, unquote or trim
 * it: then it is enclosed in double quotes with each quote doubled. That
 * is the case when it holds a comma, a double quote, CR or LF, or starts
 * or ends with a space or tab (many readers trim those; libcsv does
 * unless quoted). Numbers never need quotes and are printed directly.
 */
#ifndef VMUX_CSVOUT_H
#define VMUX_CSVOUT_H

#include <stdbool.h>
#include <stdio.h>

/* Whether S must be quoted to read back as S. */
bool csvout_needs_quotes(const char *s);
/* Write S as one field to FP (no separator). */
void csvout_field(FILE *fp, const char *s);
/* Write rate X to FP (no separator): 10 significant digits, nothing at
 * all when X is NaN (an undefined rate is an empty field). */
void csvout_rate(FILE *fp, double x);

#endif

/*
 * numtext.h - numbers in human text: a value that rounds to zero at the
 * precision written is written "0.0", never "-0.0", and a range is written
 * "LO % to HI %" ("-0.2 % to 0.4 %"), never "LO-HI%", which a negative
 * bound makes ambiguous ("-0.2--0.1%").
 */
#ifndef VMUX_NUMTEXT_H
#define VMUX_NUMTEXT_H

#include <stdio.h>

/* V, or 0.0 (not -0.0) where V written with PREC decimals shows zero. */
double numtext_zero(double v, int prec);
/* "LO UNIT to HI UNIT" to FP, each with PREC decimals (numtext_zero); UNIT ""
   for none. */
void numtext_range(FILE *fp, double lo, double hi, int prec, const char *unit);

#endif

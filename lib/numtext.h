/*
 * numtext.h - numbers in human text: a value that rounds to zero at the
 * precision written is written "0.0", never "-0.0", and a range is written
 * "LO % to HI %" ("-0.2 % to 0.4 %"), never "LO-HI%", which a negative
 * bound makes ambiguous ("-0.2--0.1%"); a value named in a label or a
 * message is written exactly: as %g writes it where that reads back as the
 * value, else with more digits, so two values never share a text ("0.8"
 * and "0.80000001", not "0.8" twice). A number read from text (a data
 * field, an option's value) is decimal: an optional sign, digits with at
 * most one point, an optional exponent ("3", "-.5", "2.5e1"); never hex,
 * "inf", "nan" or a blank, which strtod() would also take. A length of
 * time is said in hours, minutes or seconds, whichever it reaches.
 */
#ifndef VMUX_NUMTEXT_H
#define VMUX_NUMTEXT_H

#include <stdbool.h>
#include <stdio.h>

/* V, or 0.0 (not -0.0) where V written with PREC decimals shows zero. */
double numtext_zero(double v, int prec);
/* "LO UNIT to HI UNIT" to FP, each with PREC decimals (numtext_zero); UNIT ""
   for none. */
void numtext_range(FILE *fp, double lo, double hi, int prec, const char *unit);

/* V in BUF (LEN bytes) as %g writes it (6 significant digits), or with
   the fewest more that strtod reads back as V; -0 as "0". Returns BUF. */
char *numtext_exact(char *buf, size_t len, double v);
/* V in BUF as numtext_exact writes it, or, if SINGLE (a value held as a
   float, as the trace store holds them), with the fewest digits (6 to 9)
   that read back as the same float: 0.7 as "0.7", not its rounding
   "0.699999988". Returns BUF. */
char *numtext_fewest(char *buf, size_t len, double v, bool single);

/* S, the whole of it, as a decimal number (above): 0 and its value,
   correctly rounded, in *OUT (+-HUGE_VAL past the range of a double: a
   caller that needs a finite value checks; below the least double, as
   1e-400, the nearest, +-0, which is no error), or -EINVAL. */
int numtext_parse(const char *s, double *out);

/* S seconds in the largest of h, min and s that is at most S (s below a
   minute): *V set to S in that unit, the unit's name returned ("h",
   "min" or "s"), for "6 h", "6-h block", "30 min", "40 s". */
const char *numtext_time_unit(double s, double *v);

#endif

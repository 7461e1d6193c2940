/*
 * numtext.c - numbers in human text: no "-0.0", ranges "LO to HI", exact
 * values in the fewest digits (see numtext.h).
 */
#include "lib/numtext.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double numtext_zero(double v, int prec)
{
	char buf[512];

	if (!(v <= 0)) /* NaN, positive: as they are */
		return v;
	/* as printf writes it: only zero digits after the sign is -0 */
	snprintf(buf, sizeof(buf), "%.*f", prec, v);
	return strspn(buf + 1, "0.") == strlen(buf + 1) ? 0.0 : v;
}

void numtext_range(FILE *fp, double lo, double hi, int prec, const char *unit)
{
	const char *sp = *unit ? " " : "";

	fprintf(fp, "%.*f%s%s to %.*f%s%s", prec, numtext_zero(lo, prec), sp,
		unit, prec, numtext_zero(hi, prec), sp, unit);
}

char *numtext_exact(char *buf, size_t len, double v)
{
	if (v == 0) /* -0 too */
		v = 0;
	for (int prec = 6; prec <= 17; prec++) { /* %g first */
		snprintf(buf, len, "%.*g", prec, v);
		if (isnan(v) || strtod(buf, NULL) == v)
			break;
	}
	return buf;
}

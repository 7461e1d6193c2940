/*
 * numtext.c - numbers in human text: no "-0.0", ranges "LO to HI", exact
 * values in the fewest digits, decimal numbers read (see numtext.h).
 */
#include "lib/numtext.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
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

char *numtext_fewest(char *buf, size_t len, double v, bool single)
{
	int most = single ? 9 : 17; /* enough for any float, any double */
	double back;

	if (v == 0) /* -0 too */
		v = 0;
	for (int prec = 6; prec <= most; prec++) { /* %g first */
		snprintf(buf, len, "%.*g", prec, v);
		back = strtod(buf, NULL);
		if (isnan(v) || (single ? (float)back == (float)v : back == v))
			break;
	}
	return buf;
}

/* Past the digits at S. */
static const char *digits(const char *s)
{
	while (*s >= '0' && *s <= '9')
		s++;
	return s;
}

/* Whether S is a decimal number, the whole of it. */
static bool decimal(const char *s)
{
	const char *p, *q;
	size_t n;

	if (*s == '+' || *s == '-')
		s++;
	p = digits(s);
	n = (size_t)(p - s);
	q = p;
	if (*q == '.') {
		q = digits(p + 1);
		n += (size_t)(q - p - 1);
	}
	if (n == 0)
		return false;
	if (*q == 'e' || *q == 'E') {
		q++;
		if (*q == '+' || *q == '-')
			q++;
		p = q;
		q = digits(p);
		if (q == p)
			return false;
	}
	return *q == '\0';
}

int numtext_parse(const char *s, double *out)
{
	if (!decimal(s))
		return -EINVAL;
	*out = strtod(s, NULL);
	return 0;
}

char *numtext_exact(char *buf, size_t len, double v)
{
	return numtext_fewest(buf, len, v, false);
}

const char *numtext_time_unit(double s, double *v)
{
	if (s >= 3600) {
		*v = s / 3600;
		return "h";
	}
	if (s >= 60) {
		*v = s / 60;
		return "min";
	}
	*v = s;
	return "s";
}

/*
 * utctime.c - epoch seconds from plain numbers and ISO 8601 dates (UTC
 * unless an offset is given). timegm() does the calendar; a round trip
 * rejects dates that do not exist.
 */
#include "lib/utctime.h"
#include "lib/numtext.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int utctime_from_fields(int y, int mo, int d, int h, int mi, int s, double *out)
{
	struct tm tm = {.tm_year = y - 1900,
			.tm_mon = mo - 1,
			.tm_mday = d,
			.tm_hour = h,
			.tm_min = mi,
			.tm_sec = s};
	time_t t = timegm(&tm);

	if (t == (time_t)-1 || tm.tm_year != y - 1900 || tm.tm_mon != mo - 1 ||
	    tm.tm_mday != d || tm.tm_hour != h || tm.tm_min != mi ||
	    tm.tm_sec != s)
		return -EINVAL;
	*out = (double)t;
	return 0;
}

/* N digits at *S as a number, advancing *S; -1 if they are not digits. */
static int take(const char **s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++, (*s)++) {
		if (!isdigit((unsigned char)**s))
			return -1;
		v = v * 10 + (**s - '0');
	}
	return v;
}

/* Whether *S starts with C; if so, step over it. */
static bool skip(const char **s, char c)
{
	if (**s != c)
		return false;
	(*s)++;
	return true;
}

/* "Z", "+HH:MM", "-HH:MM" or nothing, as seconds east of UTC. */
static int zone(const char **s, double *east)
{
	int sign = **s == '-' ? -1 : 1, h, m;

	*east = 0;
	if (skip(s, 'Z') || **s == '\0')
		return 0;
	if (!skip(s, '+') && !skip(s, '-'))
		return -EINVAL;
	h = take(s, 2);
	if (h < 0 || h > 23 || !skip(s, ':') || (m = take(s, 2)) < 0 || m > 59)
		return -EINVAL;
	*east = sign * (h * 3600.0 + m * 60.0);
	return 0;
}

/* "HH:MM[:SS[.fff]]" after the date; whole seconds and the fraction. */
static int clock_part(const char **s, int *h, int *mi, int *sec, double *frac)
{
	char *end;

	*h = take(s, 2);
	if (*h < 0 || !skip(s, ':') || (*mi = take(s, 2)) < 0)
		return -EINVAL;
	if (skip(s, ':') && (*sec = take(s, 2)) < 0)
		return -EINVAL;
	if (**s == '.' && isdigit((unsigned char)(*s)[1])) {
		*frac = strtod(*s, &end);
		*s = end;
	}
	return 0;
}

static int iso(const char *s, double *out)
{
	int y, mo, d, h = 0, mi = 0, sec = 0;
	double frac = 0, east;

	y = take(&s, 4);
	if (y < 0 || !skip(&s, '-') || (mo = take(&s, 2)) < 0 ||
	    !skip(&s, '-') || (d = take(&s, 2)) < 0)
		return -EINVAL;
	if ((skip(&s, 'T') || skip(&s, ' ')) &&
	    clock_part(&s, &h, &mi, &sec, &frac) < 0)
		return -EINVAL;
	if (zone(&s, &east) < 0 || *s != '\0' ||
	    utctime_from_fields(y, mo, d, h, mi, sec, out) < 0)
		return -EINVAL;
	*out += frac - east;
	return 0;
}

int utctime_parse(const char *s, double *out)
{
	double v;

	if (iso(s, out) == 0)
		return 0;
	if (numtext_parse(s, &v) < 0 || !isfinite(v))
		return -EINVAL;
	*out = v;
	return 0;
}

/*
 * csvout.c - RFC 4180 fields (csvout.h).
 */
#include "lib/csvout.h"

#include <math.h>
#include <string.h>

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

bool csvout_needs_quotes(const char *s)
{
	size_t n = strlen(s);

	return strpbrk(s, ",\"\r\n") || (n && (blank(s[0]) || blank(s[n - 1])));
}

void csvout_field(FILE *fp, const char *s)
{
	if (!csvout_needs_quotes(s)) {
		fputs(s, fp);
		return;
	}
	fputc('"', fp);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', fp);
		fputc(*s, fp);
	}
	fputc('"', fp);
}

void csvout_rate(FILE *fp, double x)
{
	if (!isnan(x))
		fprintf(fp, "%.10g", x);
}

/*
 * escape.c - bytes replaced through a table (see escape.h).
 */
#include "lib/escape.h"

void escape_put(FILE *fp, const char *s, const char *const t[256])
{
	for (; *s; s++) {
		const char *as = t[(unsigned char)*s];

		if (as)
			fputs(as, fp);
		else
			putc(*s, fp);
	}
}

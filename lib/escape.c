/*
 * escape.c - bytes replaced through a table (see escape.h).
 */
#include "lib/escape.h"

#include <errno.h>
#include <string.h>

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

static const char *const line_escape[256] = {
    ['\\'] = "\\\\", ['\t'] = "\\t", ['\n'] = "\\n", ['\r'] = "\\r"};

void escape_line_put(FILE *fp, const char *s)
{
	escape_put(fp, s, line_escape);
}

int escape_line_undo(char *s)
{
	static const char from[] = "\\tnr", to[] = "\\\t\n\r";
	char *o = s;

	for (const char *p = s; *p; p++)
		if (*p == '\\' && (!*++p || !strchr(from, *p)))
			return -EINVAL;
	for (; *s; s++)
		*o++ = *s == '\\' ? to[strchr(from, *++s) - from] : *s;
	*o = '\0';
	return 0;
}

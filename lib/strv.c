/*
 * strv.c - arrays of owned strings freed in one call (strv.h).
 */
#include "lib/strv.h"

#include <stdio.h>
#include <stdlib.h>

void strv_free(char **v, size_t n)
{
	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

char *strv_join(const char *const *v, size_t n, char sep,
		void (*put)(FILE *fp, const char *s))
{
	char *s = NULL;
	size_t len;
	FILE *fp = open_memstream(&s, &len);
	int bad;

	if (!fp)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputc(sep, fp);
		put(fp, v[i]);
	}
	bad = ferror(fp);
	if (fclose(fp) != 0 || bad) {
		free(s);
		return NULL;
	}
	return s;
}

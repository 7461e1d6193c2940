/*
 * strv.c - arrays of owned strings freed in one call (strv.h).
 */
#include "lib/strv.h"

#include <stdlib.h>

void strv_free(char **v, size_t n)
{
	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

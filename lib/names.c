/*
 * names.c - looking a name up in a table of names (names.h).
 */
#include "lib/names.h"

#include <stdio.h>
#include <string.h>

int names_index(const char *const *names, const char *name)
{
	for (int i = 0; names[i]; i++)
		if (!strcmp(names[i], name))
			return i;
	return -1;
}

char *names_of_mask(const char *const *names, unsigned mask, const char *sep,
		    char *buf, size_t n)
{
	size_t len = 0;

	if (n)
		buf[0] = '\0';
	for (unsigned i = 0; names[i] && i < 32 && len < n; i++)
		if (mask & (1u << i))
			len += (size_t)snprintf(buf + len, n - len, "%s%s",
						len ? sep : "", names[i]);
	return buf;
}

/*
 * names.c - looking a name up in a table of names (names.h).
 */
#include "lib/names.h"

#include <string.h>

int names_index(const char *const *names, const char *name)
{
	for (int i = 0; names[i]; i++)
		if (!strcmp(names[i], name))
			return i;
	return -1;
}

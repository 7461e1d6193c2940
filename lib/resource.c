/*
 * resource.c - resource names (see resource.h).
 */
#include "lib/resource.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>

const char *const res_names[RES_COUNT + 1] = {"cpu", "mem", "disk", "net",
					      NULL};

const char *res_name(enum res r)
{
	return (unsigned)r < RES_COUNT ? res_names[r] : "?";
}

int res_parse(const char *name, enum res *out)
{
	for (int r = 0; r < RES_COUNT; r++)
		if (!strcmp(name, res_names[r])) {
			*out = (enum res)r;
			return 0;
		}
	return -EINVAL;
}

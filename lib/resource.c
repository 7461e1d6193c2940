/*
 * resource.c - resource names (see resource.h).
 */
#include "lib/resource.h"

#include <errno.h>
#include <string.h>

static const char *const res_names[RES_COUNT] = { "cpu", "mem", "disk",
						   "net" };

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

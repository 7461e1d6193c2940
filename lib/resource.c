/*
 * resource.c - resource names and units (see resource.h).
 */
#include "lib/resource.h"
#include "lib/names.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

const char *const res_names[RES_COUNT + 1] = {"cpu", "mem", "disk", "net",
					      NULL};

const char *res_name(enum res r)
{
	return (unsigned)r < RES_COUNT ? res_names[r] : "?";
}

const char *res_unit(enum res r)
{
	static const char *const unit[RES_COUNT] = {"cores", "MiB", "KiB/s",
						    "KiB/s"};

	return (unsigned)r < RES_COUNT ? unit[r] : "?";
}

char *res_mask_names(unsigned mask, char *buf, size_t n)
{
	names_of_mask(res_names, mask, ",", buf, n);
	if (n && !buf[0])
		snprintf(buf, n, "none");
	return buf;
}

int res_parse(const char *name, enum res *out)
{
	int r = names_index(res_names, name);

	if (r < 0)
		return -EINVAL;
	*out = (enum res)r;
	return 0;
}

/*
 * cmd_version.c - `vmux version`: the version and how it was built.
 */
#include "sim/cli/command.h"
#include "lib/error.h"

#include <stdio.h>
#include <string.h>

#include "lib/version.h"

static int version_main(int argc, char **argv)
{
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		printf("usage: vmux version\n\nPrints the vmux version.\n");
		return VMUX_EXIT_OK;
	}
	if (argc > 1)
		return error_usage("version", "unexpected argument '%s'",
				   argv[1]);
	printf("vmux %s\n", VMUX_VERSION);
	return VMUX_EXIT_OK;
}

const struct command cmd_version = { "version", "print the vmux version",
				     version_main };

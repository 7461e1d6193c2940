/*
 * cmd_version.c - `vmux version`: the version and how it was built.
 */
#include "sim/cli/command.h"
#include "lib/opt.h"
#include "lib/version.h"

#include <stdio.h>

static const struct opt options[] = {{.type = OPT_END}};

static const struct opt_cmd cmd = {
    .name = "version",
    .about = "Prints the vmux version and the build: the commit the binary "
	     "was built\nfrom (git describe; '-dirty' when tracked files "
	     "differed from it,\n'unknown' outside a git checkout).\n",
    .opts = options,
};

static int version_main(int argc, char **argv)
{
	int n, rc = opt_parse(&cmd, argc, argv, NULL, &n);

	if (rc)
		return opt_status(rc);
	printf("vmux %s (build %s)\n", VMUX_VERSION, version_build());
	return 0;
}

const struct command cmd_version = {"version", "print the vmux version",
				    version_main, &cmd};

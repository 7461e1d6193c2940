/*
 * main.c - the vmux command line: git-style dispatch to sim/cmd_*.c.
 * The table comes from the build (build/gen/commands.inc), one CMD(name)
 * per sim/cmd_<name>.c.
 */
#include "sim/cli/command.h"
#include "lib/error.h"

#include <stdio.h>
#include <string.h>

#define CMD(n) extern const struct command cmd_##n;
#include "commands.inc"
#undef CMD

#define CMD(n) &cmd_##n,
static const struct command *const commands[] = {
#include "commands.inc"
	NULL,
};
#undef CMD

#ifndef VMUX_VERSION
#define VMUX_VERSION "0.1.0"
#endif

static void usage(FILE *fp)
{
	const struct command *const *c;

	fprintf(fp, "usage: vmux COMMAND [OPTIONS] [ARGS]\n\n"
		    "vmux plans VM consolidation by statistical multiplexing "
		    "and measures\nvirtualization overhead on its own KVM "
		    "monitor.\n\ncommands:\n");
	for (c = commands; *c; c++)
		fprintf(fp, "  %-10s %s\n", (*c)->name, (*c)->summary);
	fprintf(fp, "\n'vmux COMMAND --help' lists a command's options.\n"
		    "exit status: 0 done, 2 bad usage, 65 bad input data, "
		    "69 missing facility,\n70 internal error, 74 I/O error.\n");
}

int main(int argc, char **argv)
{
	const struct command *const *c;

	if (argc < 2) {
		usage(stderr);
		return VMUX_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return VMUX_EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("vmux %s\n", VMUX_VERSION);
		return VMUX_EXIT_OK;
	}
	for (c = commands; *c; c++)
		if (!strcmp(argv[1], (*c)->name))
			return (*c)->main(argc - 1, argv + 1);
	fprintf(stderr, "vmux: unknown command '%s'\n\n", argv[1]);
	usage(stderr);
	return VMUX_EXIT_USAGE;
}

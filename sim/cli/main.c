/*
 * main.c - the vmux command line: git-style dispatch to sim/cmd_*.c.
 * The table comes from the build (build/gen/commands.inc), one CMD(name)
 * per sim/cmd_<name>.c.
 */
#include "sim/cli/command.h"
#include "lib/cleanup.h"
#include "lib/error.h"
#include "lib/opt.h"
#include "lib/outfile.h"
#include "lib/version.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
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

static void usage(FILE *fp)
{
	const struct command *const *c;

	fprintf(fp, "usage: vmux COMMAND [OPTIONS] [ARGS]\n\n"
		    "vmux plans VM consolidation by statistical multiplexing "
		    "and measures\nvirtualization overhead on its own KVM "
		    "monitor.\n\ncommands:\n");
	for (c = commands; *c; c++) { /* summaries wrapped under their own */
		fprintf(fp, "  %-10s ", (*c)->name);
		opt_wrap(fp, (*c)->summary, strlen((*c)->summary), 13, 13);
		fputc('\n', fp);
	}
	fprintf(fp,
		"\n'vmux help COMMAND' (or 'vmux COMMAND --help') lists a "
		"command's options.\n"
		"exit status: 0 done, 2 bad usage, 65 bad input data, "
		"69 missing facility,\n70 internal error, 71 out of memory, "
		"74 I/O error, 128+N killed by signal N\n(temporary "
		"files removed).\n");
}

static const struct command *lookup(const char *name)
{
	for (const struct command *const *c = commands; *c; c++)
		if (!strcmp(name, (*c)->name))
			return *c;
	return NULL;
}

/* "unknown command", with the nearest name when one is close. */
static int unknown(const char *name)
{
	const char *names[sizeof(commands) / sizeof(commands[0])], *near;
	size_t n = 0;

	for (const struct command *const *c = commands; *c; c++)
		names[n++] = (*c)->name;
	names[n++] = "help";
	near = opt_nearest(name, names, n);
	if (near)
		error_msg("unknown command '%s' (did you mean '%s'?); see "
			  "'vmux --help'",
			  name, near);
	else
		error_msg("unknown command '%s'; see 'vmux --help'", name);
	return VMUX_EXIT_USAGE;
}

/* A command that succeeded but whose standard output was lost (a full
 * disk, a closed pipe's EPIPE) fails: exit 74 with a message. */
static int stdout_checked(int rc)
{
	int out = outfile_check_stdout();

	return out < 0 && (rc == VMUX_EXIT_OK || !error_reported())
		   ? VMUX_EXIT_IO
		   : rc;
}

int main(int argc, char **argv)
{
	const struct command *c;

	outfile_hold_std_fds();
	if (argc < 2) {
		usage(stderr);
		return VMUX_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "help") && argc > 2) {
		/* `vmux help CMD` is `vmux CMD --help`. */
		argv[1] = argv[2];
		argv[2] = "--help";
		argc = 3;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return VMUX_EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("vmux %s (build %s)\n", VMUX_VERSION, version_build());
		return VMUX_EXIT_OK;
	}
	if (cleanup_install() < 0)
		return VMUX_EXIT_INTERNAL;
	c = lookup(argv[1]);
	if (c)
		error_set_command(c->name);
	return c ? stdout_checked(c->main(argc - 1, argv + 1))
		 : unknown(argv[1]);
}

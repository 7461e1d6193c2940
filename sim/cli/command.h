/*
 * command.h - one vmux subcommand.
 *
 * Each subcommand lives in sim/cmd_<name>.c and defines
 *     const struct command cmd_<name> = { "<name>", "summary", main_fn };
 * The Makefile collects them into the table sim/cli/main.c dispatches on, so
 * adding a command is adding a file. main_fn gets argv with argv[0] set to
 * the command name and returns the process exit status (see error.h).
 */
#ifndef VMUX_COMMAND_H
#define VMUX_COMMAND_H

struct command {
	const char *name;
	const char *summary;
	int (*main)(int argc, char **argv);
};

#endif

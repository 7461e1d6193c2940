/*
 * command.h - one vmux subcommand.
 *
 * Each subcommand lives in sim/cli/cmd_<name>.c and defines
 *     const struct command cmd_<name> = { "<name>", "summary", main_fn,
 *                                         &cmd };
 * The Makefile collects them into the table sim/cli/main.c dispatches on, so
 * adding a command is adding a file. main_fn gets argv with argv[0] set to
 * the command name and returns the process exit status (see error.h).
 * The last field is the option table main_fn parses with (lib/opt.h), so
 * that a test checks every command's table as data
 * (tests/sim/test_command.c: opt_table_check()).
 */
#ifndef VMUX_COMMAND_H
#define VMUX_COMMAND_H

struct opt_cmd;

struct command {
	const char *name;
	const char *summary;
	int (*main)(int argc, char **argv);
	const struct opt_cmd *opts; /* the options main parses */
};

#endif

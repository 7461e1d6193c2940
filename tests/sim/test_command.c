/*
 * test_command.c - every subcommand's option table, checked as data
 * (lib/opt.h: opt_table_check()): a rule naming no option, or a value its
 * option does not take, fails here, not only when a user gives the option
 * that states it. The commands are the build's own list
 * (build/gen/commands.inc, the one sim/cli/main.c dispatches on).
 */
#include "vmux_test.h"
#include "lib/opt.h"
#include "sim/cli/command.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CMD(n) extern const struct command cmd_##n;
#include "commands.inc"
#undef CMD

#define CMD(n) &cmd_##n,
static const struct command *const commands[] = {
#include "commands.inc"
};
#undef CMD

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

/* Each command names the table it parses with, under its own name. */
static void test_every_command_has_its_table(void **state)
{
	(void)state;
	assert_true(NCOMMANDS >= 10);
	for (size_t i = 0; i < NCOMMANDS; i++) {
		const struct command *c = commands[i];

		if (!c->opts || !c->opts->opts)
			fail_msg("vmux %s: no option table", c->name);
		assert_string_equal(c->opts->name, c->name);
	}
}

/* Every rule of every table names options that exist, with values they
 * take: the faults, a line each, in the failure. */
static void test_every_table_is_sound(void **state)
{
	size_t bad = 0, len = 0;
	char *said = NULL;
	FILE *fp = open_memstream(&said, &len);

	(void)state;
	assert_non_null(fp);
	for (size_t i = 0; i < NCOMMANDS; i++)
		bad += opt_table_check(commands[i]->opts, fp);
	assert_int_equal(fclose(fp), 0);
	if (bad)
		fail_msg("%zu faults in the option tables:\n%s", bad, said);
	assert_int_equal(len, 0);
	free(said);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_every_command_has_its_table),
	       cmocka_unit_test(test_every_table_is_sound))

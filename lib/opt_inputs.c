/*
 * opt_inputs.c - the input files of a command line: each OPT_INFILE option
 * given names a file that can be read, or '-' where the option reads
 * standard input (OPT_STDIN), and standard input is read once. A missing
 * --hosts file was said as "vmux: nofile.csv: No such file or directory",
 * naming no option, and '-' as a file called '-'.
 */
#include "lib/opt_inputs.h"
#include "lib/error.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The file PATH can be opened to read: 0, or -errno (a folder: EISDIR). */
static int readable(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return -errno;
	if (S_ISDIR(st.st_mode))
		return -EISDIR;
	return access(path, R_OK) < 0 ? -errno : 0;
}

/* The input PATH of option O: '-' taken (*STDIN_BY names who took it), or
 * a file that is there. */
static int one_input(const struct opt_state *p, const struct opt *o,
		     const char *path, const char **stdin_by, char *by,
		     size_t len)
{
	char name[80];
	int rc;

	opt_name(p, o, name, sizeof(name));
	if (!strcmp(path, "-") && !(o->flags & OPT_STDIN))
		return opt_fail(p,
				"option '%s' does not read standard input "
				"('-'): give a file",
				name);
	if (!strcmp(path, "-") && *stdin_by)
		return opt_fail(p,
				"option '%s': '-' (standard input) is read by "
				"%s already: give one of them a file",
				name, *stdin_by);
	if (!strcmp(path, "-")) {
		snprintf(by, len, "'%s'", name);
		*stdin_by = by;
		return 0;
	}
	if ((rc = readable(path)) < 0) {
		error_msg("option '%s': cannot open '%s': %s", name, path,
			  strerror(-rc));
		return error_exit_code(rc);
	}
	return 0;
}

/* The values of the OPT_INFILE option F, each checked. */
static int option_inputs(const struct opt_state *p, const struct opt_found *f,
			 const char **stdin_by, char *by, size_t len)
{
	const struct opt *o = f->o;
	const void *dst = p->args + f->base + o->off;
	const struct opt_strings *l = dst;
	const char *v = *(const char *const *)dst;
	int rc = 0;

	if (o->type == OPT_STRING)
		return v ? one_input(p, o, v, stdin_by, by, len) : 0;
	for (size_t k = 0; o->type == OPT_STRINGS && k < l->n && rc == 0; k++)
		rc = one_input(p, o, l->v[k], stdin_by, by, len);
	return rc;
}

int opt_inputs_check(const struct opt_state *p, char **pos, int npos)
{
	struct opt_found all[OPT_MAX_NAMES];
	size_t n = opt_flatten(p->cmd->opts, 0, all, 0, OPT_MAX_NAMES);
	const char *stdin_by = NULL;
	char by[96];
	int rc = 0;

	for (int i = 0; i < npos && !stdin_by; i++)
		if (!strcmp(pos[i], "-"))
			stdin_by = "the positional argument '-'";
	for (size_t i = 0; i < n && rc == 0; i++)
		if (all[i].o->flags & OPT_INFILE)
			rc = option_inputs(p, &all[i], &stdin_by, by,
					   sizeof(by));
	return rc;
}

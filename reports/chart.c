/*
 * chart.c - run gnuplot on one script per chart (see chart.h).
 *
 * gnuplot runs in the report's folder with stdin from /dev/null and its
 * stdout and stderr in NAME.log, which is removed once read. A chart that
 * does not appear within CHART_TIMEOUT_S is killed and counted a failure.
 */
#include "reports/chart.h"
#include "lib/outfile.h"
#include "lib/error.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CHART_TIMEOUT_S 60

struct chart {
	char *gnuplot, *dir, *name;
	FILE *fp;
};

/* The absolute path of NAME in one of $PATH's folders (malloc'd), or NULL. */
static char *search_path(const char *name)
{
	const char *path = getenv("PATH");
	char *copy, *save = NULL, *hit = NULL;

	if (!path || !(copy = strdup(path)))
		return NULL;
	for (char *d = strtok_r(copy, ":", &save); d && !hit;
	     d = strtok_r(NULL, ":", &save)) {
		char *p;

		if (asprintf(&p, "%s/%s", *d ? d : ".", name) < 0)
			break;
		/* Absolute: gnuplot is run from the report's folder. */
		if (access(p, X_OK) == 0)
			hit = realpath(p, NULL);
		free(p);
	}
	free(copy);
	return hit;
}

int chart_find_gnuplot(char **out)
{
	const char *env = getenv("GNUPLOT");

	*out = env && *env ? realpath(env, NULL) : search_path("gnuplot");
	if (*out && access(*out, X_OK) == 0)
		return 0;
	error_msg("gnuplot %s%s is needed to draw the report's charts: "
		  "install it with 'apt-get install gnuplot-nox' (or pass "
		  "--no-charts for tables only)",
		  env && *env ? "at $GNUPLOT=" : "(not on $PATH)",
		  env && *env ? env : "");
	free(*out);
	*out = NULL;
	return -ENODEV;
}

int chart_begin(const char *gnuplot, const char *dir, const char *name, int w,
		int h, struct chart **out)
{
	struct chart *c = calloc(1, sizeof(*c));
	char *path = NULL;
	int rc = -ENOMEM;

	if (!c || !(c->gnuplot = strdup(gnuplot)) || !(c->dir = strdup(dir)) ||
	    !(c->name = strdup(name)) ||
	    asprintf(&path, "%s/%s.gp", dir, name) < 0) {
		path = NULL;
		goto fail;
	}
	c->fp = fopen(path, "w");
	if (!c->fp) {
		rc = -errno;
		error_msg("cannot write '%s': %s", path, strerror(errno));
		goto fail;
	}
	free(path);
	fprintf(c->fp,
		"# %s.png, drawn by vmux report (gnuplot %s.gp)\n"
		"set terminal pngcairo size %d,%d font 'sans,10' noenhanced\n"
		"set output '%s.png'\nset datafile separator comma\n"
		"set datafile missing ''\nset grid back lc rgb '#e0e0e0'\n",
		name, name, w, h, name);
	*out = c;
	return 0;
fail:
	free(path);
	chart_abort(c);
	return rc;
}

FILE *chart_fp(struct chart *c)
{
	return c->fp;
}

static void quoted(FILE *fp, const char *s, bool tic)
{
	fputc('\'', fp);
	for (; *s; s++) {
		if (*s == '\'' || (tic && *s == '%'))
			fputc(*s, fp);
		/* A line break would end the command. */
		fputc(*s == '\n' || *s == '\r' ? ' ' : *s, fp);
	}
	fputc('\'', fp);
}

void chart_str(FILE *fp, const char *s)
{
	quoted(fp, s, false);
}

void chart_tic(FILE *fp, const char *s)
{
	quoted(fp, s, true);
}

void chart_abort(struct chart *c)
{
	if (!c)
		return;
	if (c->fp)
		fclose(c->fp);
	free(c->gnuplot);
	free(c->dir);
	free(c->name);
	free(c);
}

/* In the child: run gnuplot NAME.gp in DIR, output to LOG. */
static void child(const struct chart *c, const char *log)
{
	char *script;
	int null = open("/dev/null", O_RDONLY);
	/* LOG may be relative to where we are: open it before the chdir. */
	int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (null < 0 || fd < 0 || chdir(c->dir) < 0)
		_exit(127);
	if (dup2(null, 0) < 0 || dup2(fd, 1) < 0 || dup2(fd, 2) < 0)
		_exit(127);
	if (asprintf(&script, "%s.gp", c->name) < 0)
		_exit(127);
	execl(c->gnuplot, "gnuplot", script, (char *)NULL);
	_exit(127);
}

/* Wait for PID at most CHART_TIMEOUT_S; its exit status or -ETIMEDOUT. */
static int wait_child(pid_t pid)
{
	struct timespec tick = {0, 10 * 1000 * 1000};
	int st;

	for (int i = 0; i < CHART_TIMEOUT_S * 100; i++) {
		pid_t r = waitpid(pid, &st, WNOHANG);

		if (r == pid)
			return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
		if (r < 0 && errno != EINTR)
			return -errno;
		nanosleep(&tick, NULL);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	return -ETIMEDOUT;
}

/* Pass gnuplot's messages in LOG on (as warnings or errors), remove it. */
static void relay_log(const char *log, bool failed)
{
	FILE *fp = fopen(log, "r");
	char line[512];

	for (int n = 0; fp && fgets(line, sizeof(line), fp) && n < 40; n++) {
		line[strcspn(line, "\n")] = 0;
		if (!line[0])
			continue;
		if (failed)
			error_msg("gnuplot: %s", line);
		else
			error_warn("gnuplot: %s", line);
	}
	if (fp)
		fclose(fp);
	unlink(log);
}

/* NAME.png exists in DIR and is not empty. */
static bool has_image(const struct chart *c)
{
	struct stat st;
	char *png;
	bool ok;

	if (asprintf(&png, "%s/%s.png", c->dir, c->name) < 0)
		return false;
	ok = stat(png, &st) == 0 && st.st_size > 0;
	free(png);
	return ok;
}

static int run(const struct chart *c, const char *log)
{
	pid_t pid;
	int st;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0)
		child(c, log);
	st = wait_child(pid);
	if (st == 0 && has_image(c)) {
		relay_log(log, false);
		return 0;
	}
	relay_log(log, true);
	error_msg("gnuplot failed on '%s/%s.gp' (%s %d)", c->dir, c->name,
		  st < 0 ? "error" : "exit status", st < 0 ? -st : st);
	return -EPROTO;
}

int chart_finish(struct chart *c)
{
	char *log = NULL;
	int rc;

	rc = outfile_fclose(c->fp) ? -errno : 0;
	c->fp = NULL;
	if (rc < 0)
		error_msg("cannot write '%s/%s.gp': %s", c->dir, c->name,
			  strerror(-rc));
	else if (asprintf(&log, "%s/%s.log", c->dir, c->name) < 0)
		rc = -ENOMEM;
	else
		rc = run(c, log);
	free(log);
	chart_abort(c);
	return rc;
}

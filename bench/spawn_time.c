/*
 * spawn_time.c - start-up of a command as its user sees it: from just
 * before fork/exec to (a) the guest's first instruction, which `vmux run
 * --stats` reports as a CLOCK_MONOTONIC time on stderr ("monotonic N ns"),
 * and (b) the command's exit. Medians of REPEAT runs.
 *
 *   spawn_time REPEAT CMD [ARG...]
 *   prints "first_instruction_ms X" and "end_to_end_ms Y"
 */
#include "benchtime.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAXREP 101

/* One run: -1 on failure; *FIRST is 0 when no "monotonic" line came. */
static int once(char **argv, double *first, double *total)
{
	char buf[8192], *p;
	size_t len = 0;
	ssize_t n;
	int fds[2], st;
	double t0;
	pid_t pid;

	if (pipe(fds) < 0)
		return -1;
	t0 = bench_now_ns();
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, 1);
		dup2(fds[1], 2);
		close(fds[0]);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(fds[1]);
	while ((n = read(fds[0], buf + len, sizeof(buf) - 1 - len)) > 0)
		len += (size_t)n;
	buf[len] = '\0';
	close(fds[0]);
	waitpid(pid, &st, 0);
	*total = bench_now_ns() - t0;
	p = strstr(buf, "monotonic ");
	*first = p ? strtod(p + 10, NULL) - t0 : 0;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
	double first[MAXREP], total[MAXREP];
	int rep = argc > 2 ? atoi(argv[1]) : 0;

	if (rep < 1 || rep > MAXREP) {
		fprintf(stderr, "usage: spawn_time REPEAT(1-%d) CMD [ARG...]\n",
			MAXREP);
		return 2;
	}
	for (int i = 0; i < rep; i++)
		if (once(argv + 2, &first[i], &total[i]) < 0) {
			fprintf(stderr, "spawn_time: '%s' failed\n", argv[2]);
			return 1;
		}
	bench_sort(first, rep);
	bench_sort(total, rep);
	printf("first_instruction_ms %.3f\nend_to_end_ms %.3f\n",
	       first[rep / 2] / 1e6, total[rep / 2] / 1e6);
	return 0;
}

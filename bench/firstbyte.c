/*
 * firstbyte.c - start-up as a console user sees it, for any monitor (vmux,
 * QEMU): from just before fork/exec of a command to the arrival on its
 * stdout pipe of the first byte of MARK (the guest's first output; "" = any
 * first byte), and to the command's exit. Medians, minima and maxima of
 * REPEAT runs, in milliseconds of CLOCK_MONOTONIC.
 *
 *   firstbyte REPEAT STATUS MARK OUT CMD [ARG...]
 *
 * Every run must exit with STATUS and print MARK. The last run's stdout
 * goes to the file OUT ("-" for none); a failing run's stderr is shown.
 * Stdin is /dev/null; a run still going after TIMEOUT_S is killed.
 * Prints "first_output_ms MED MIN MAX" and "end_to_end_ms MED MIN MAX".
 */
#include "benchtime.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAXREP 101
#define MAXOUT (1 << 20)
#define MAXCHUNK 65536
#define TIMEOUT_S 120 /* a hung guest is killed, and the run fails */

static volatile pid_t child;

struct run {
	char *buf; /* MAXOUT + 1 bytes of stdout */
	size_t len;
	size_t nchunk;
	size_t chunk_end[MAXCHUNK]; /* end offset of each read() */
	double chunk_t[MAXCHUNK];   /* its arrival, ns after fork */
};

/* Arrival time of byte OFF of R's output. */
static double byte_time(const struct run *r, size_t off)
{
	size_t i = 0;

	while (i + 1 < r->nchunk && r->chunk_end[i] <= off)
		i++;
	return r->chunk_t[i];
}

/* Read the child's stdout on FD into R until EOF, timing each read. */
static void drain(int fd, struct run *r, double t0)
{
	ssize_t n;

	r->len = 0;
	r->nchunk = 0;
	while ((n = read(fd, r->buf + r->len, MAXOUT - r->len)) > 0) {
		r->len += (size_t)n;
		if (r->nchunk < MAXCHUNK) {
			r->chunk_end[r->nchunk] = r->len;
			r->chunk_t[r->nchunk++] = bench_now_ns() - t0;
		}
	}
	r->buf[r->len] = '\0';
}

static void on_alarm(int sig)
{
	(void)sig;
	if (child > 0)
		kill(child, SIGKILL);
}

static void show_stderr(FILE *err, const char *cmd, int st)
{
	char line[512];

	fprintf(stderr, "firstbyte: '%s' exited with status %d; its stderr:\n",
		cmd, WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
	rewind(err);
	while (fgets(line, sizeof(line), err))
		fputs(line, stderr);
}

/* In the child: stdin /dev/null, stdout the pipe FDS, stderr ERR; exec. */
static void child_exec(char **argv, const int fds[2], FILE *err)
{
	int null = open("/dev/null", O_RDONLY);

	dup2(null, 0); /* QEMU's -serial stdio reads it too */
	dup2(fds[1], 1);
	dup2(fileno(err), 2);
	close(fds[0]);
	close(fds[1]);
	execvp(argv[0], argv);
	_exit(127);
}

/* Did the run end with STATUS and print MARK? If not, say why. */
static int check(const struct run *r, const char *mark, int st, int status,
		 FILE *err, const char *cmd)
{
	const char *m = strstr(r->buf, mark);

	if (WIFEXITED(st) && WEXITSTATUS(st) == status && m && r->len)
		return 0;
	show_stderr(err, cmd, st);
	if (!r->len)
		fprintf(stderr, "firstbyte: it printed nothing on stdout\n");
	else if (!m)
		fprintf(stderr, "firstbyte: no '%s' in its output\n", mark);
	return -1;
}

/* One run of ARGV into R: 0, or -1 if it failed or printed no MARK. */
static int once(char **argv, int status, const char *mark, struct run *r,
		double *first, double *total)
{
	FILE *err = tmpfile();
	int fds[2], st, rc = -1;
	double t0;

	if (!err || pipe(fds) < 0)
		goto out;
	t0 = bench_now_ns();
	child = fork();
	if (child == 0)
		child_exec(argv, fds, err);
	close(fds[1]);
	if (child > 0) {
		alarm(TIMEOUT_S);
		drain(fds[0], r, t0);
		waitpid(child, &st, 0);
		*total = bench_now_ns() - t0;
		alarm(0);
		child = 0;
		rc = check(r, mark, st, status, err, argv[0]);
	}
	close(fds[0]);
	if (!rc)
		*first = byte_time(r, (size_t)(strstr(r->buf, mark) - r->buf));
out:
	if (err)
		fclose(err);
	return rc;
}

static void print_stat(const char *name, double *v, int n)
{
	bench_sort(v, n);
	printf("%s %.3f %.3f %.3f\n", name, v[n / 2] / 1e6, v[0] / 1e6,
	       v[n - 1] / 1e6);
}

static int save(const char *path, const struct run *r)
{
	FILE *f;

	if (!strcmp(path, "-"))
		return 0;
	f = fopen(path, "w");
	if (!f || fwrite(r->buf, 1, r->len, f) != r->len || fclose(f)) {
		perror(path);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static struct run r;
	double first[MAXREP], total[MAXREP];
	int rep = argc > 5 ? atoi(argv[1]) : 0, rc = 0;

	if (rep < 1 || rep > MAXREP) {
		fprintf(stderr,
			"usage: firstbyte REPEAT(1-%d) STATUS MARK OUT "
			"CMD [ARG...]\n",
			MAXREP);
		return 2;
	}
	signal(SIGALRM, on_alarm);
	r.buf = malloc(MAXOUT + 1);
	if (!r.buf)
		return 1;
	for (int i = 0; i < rep && !rc; i++)
		rc = once(argv + 5, atoi(argv[2]), argv[3], &r, &first[i],
			  &total[i]);
	if (!rc)
		rc = save(argv[4], &r);
	if (!rc) {
		print_stat("first_output_ms", first, rep);
		print_stat("end_to_end_ms", total, rep);
	}
	free(r.buf);
	return rc ? 1 : 0;
}

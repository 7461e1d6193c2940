/*
 * vmux_mpi.c - vmux-mpi: `vmux plan` over MPI ranks (built by `make mpi`,
 * HAVE_MPI). Each rank parses about 1/n of the trace's bytes and ends up
 * with the VMs of its buckets (sim/store/partition.h; sim/plan/fleet.h:
 * rank r of n holds the buckets b with b % n == r), and plans them; the bucket
 * statistics are summed with an integer MPI_Allreduce (every rank knows the
 * unplaced VMs, for --strict), the parts gathered at rank
 * 0, which merges them and writes the plan (lib/outfile: whole or not at all).
 * The plan is the bytes of `vmux plan --buckets B` for any number of ranks.
 *
 * A rank that fails tells the others through an MPI_Allreduce of the
 * result, and all exit non-zero. A rank that dies takes the job down
 * (MPI_ERRORS_ARE_FATAL); rank 0 writes only after every part has
 * arrived, so no plan is left. VMUX_MPI_DIE_RANK=R makes rank R kill
 * itself just before the gather, for the test of that promise.
 *
 * A bad row of a partitioned trace is printed by the one rank that holds
 * the earliest (partition.h). But every rank parses the same command line,
 * and a trace that falls back to being read whole by every rank gives
 * each the same bad row: what a rank writes to stdout and stderr is held
 * in a memory file while the command runs, and at the end a rank passes
 * on what it held unless a lower rank held the very same bytes (SHA-256).
 * So a usage error, or a data error of such a trace, is printed once, by
 * the first rank that found it, while an error only one rank met (out of
 * memory there) still shows. A rank that dies loses what it held; mpirun
 * names the dead rank.
 */
#include "sim/cli/plan_cmd.h"
#include "lib/error.h"
#include "lib/sha256.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <mpi.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static int rank, size;

/*
 * VMUX_MPI_TIMING=1: for each phase of a rank's work (ingest.h: struct
 * ingest_comm's phase), its wall time, its CPU time (getrusage: user +
 * system, every thread) and the wall time spent in MPI calls (waiting for
 * the other ranks included), printed by rank 0 for every rank on standard
 * error at the end. Wall time minus MPI time is what the rank worked or
 * waited for a CPU; CPU time shows the work whatever the machine's load.
 */
#define PHASES 24
static struct timing {
	bool on;
	int n, depth;	/* depth: MPI calls nested in one being timed */
	double at, mpi; /* wall time now-ish; MPI time in all */
	struct phase {
		const char *name;
		double wall, cpu, mpi; /* at the phase's end */
	} ph[PHASES];
} tm;

static double wall_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double tv(struct timeval t)
{
	return (double)t.tv_sec + 1e-6 * (double)t.tv_usec;
}

/* Around each collective: the time inside them, once however nested. */
static void mpi_in(void)
{
	if (tm.on && tm.depth++ == 0)
		tm.at = wall_now();
}

static void mpi_out(void)
{
	if (tm.on && --tm.depth == 0)
		tm.mpi += wall_now() - tm.at;
}

static void phase(void *ctx, const char *name)
{
	struct rusage ru;

	(void)ctx;
	if (!tm.on || tm.n == PHASES || getrusage(RUSAGE_SELF, &ru))
		return;
	tm.ph[tm.n++] = (struct phase){
	    name, wall_now(), tv(ru.ru_utime) + tv(ru.ru_stime), tm.mpi};
}

/* This rank's phases, a line each, into BUF of N bytes. */
static void timing_text(char *buf, size_t n)
{
	struct rusage ru;
	size_t k = 0;

	getrusage(RUSAGE_SELF, &ru);
	k += (size_t)snprintf(buf + k, n - k,
			      "vmux-mpi: rank %d of %d (s: wall, cpu, in MPI)"
			      "\n",
			      rank, size);
	for (int i = 1; i < tm.n && k < n; i++)
		k += (size_t)snprintf(
		    buf + k, n - k, "  %-13s %8.2f %8.2f %8.2f\n",
		    tm.ph[i].name, tm.ph[i].wall - tm.ph[i - 1].wall,
		    tm.ph[i].cpu - tm.ph[i - 1].cpu,
		    tm.ph[i].mpi - tm.ph[i - 1].mpi);
	if (k < n && tm.n > 0)
		snprintf(buf + k, n - k,
			 "  %-13s %8.2f %8.2f %8.2f  (user %.2f, sys %.2f, "
			 "peak RSS %ld MiB)\n",
			 "total", tm.ph[tm.n - 1].wall - tm.ph[0].wall,
			 tm.ph[tm.n - 1].cpu - tm.ph[0].cpu,
			 tm.ph[tm.n - 1].mpi, tv(ru.ru_utime), tv(ru.ru_stime),
			 ru.ru_maxrss / 1024);
}

/* Every rank's timings, printed by rank 0 in rank order. Collective. */
static void timing_report(void)
{
	enum { LINE = 2048 };
	char *mine, *all;

	if (!tm.on)
		return;
	phase(NULL, "finish");
	mine = calloc(1, LINE);
	all = rank == 0 ? calloc((size_t)size, LINE) : NULL;
	if (mine)
		timing_text(mine, LINE);
	if (mine && (rank || all) &&
	    !MPI_Gather(mine, LINE, MPI_CHAR, all, LINE, MPI_CHAR, 0,
			MPI_COMM_WORLD))
		for (int r = 0; all && r < size; r++)
			fputs(all + (size_t)r * LINE, stderr);
	free(mine);
	free(all);
}

/*
 * Wait for every rank without spinning: a rank that finishes early sleeps
 * in 1 ms steps instead of busy-polling in a blocking collective, which on
 * a shared machine takes the CPU from the ranks still working (measured:
 * np = 2 took 1.2-1.4x np = 1 with blocking collectives, two shards run
 * side by side 0.6x).
 */
static int wait_all(void)
{
	MPI_Request req;
	int done = 0;

	if (MPI_Ibarrier(MPI_COMM_WORLD, &req))
		return -EPROTO;
	while (!done) {
		if (MPI_Test(&req, &done, MPI_STATUS_IGNORE))
			return -EPROTO;
		if (!done)
			nanosleep(&(struct timespec){0, 1000000}, NULL);
	}
	return 0;
}

static int agree(int rc)
{
	int out;

	mpi_in();
	if (wait_all() < 0 ||
	    MPI_Allreduce(&rc, &out, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD))
		out = -EPROTO;
	mpi_out();
	return out;
}

static int sum(const int64_t *in, int64_t *out, size_t n)
{
	int rc;

	mpi_in();
	rc =
	    MPI_Allreduce(in, out, (int)n, MPI_INT64_T, MPI_SUM, MPI_COMM_WORLD)
		? -EPROTO
		: 0;
	mpi_out();
	return rc;
}

/* The ingest's collectives (sim/store/ingest.h: struct ingest_comm). */
static int reduce(void *ctx, int64_t *v, size_t n, enum ingest_op op)
{
	MPI_Op o = op == INGEST_MIN   ? MPI_MIN
		   : op == INGEST_MAX ? MPI_MAX
				      : MPI_SUM;
	int rc;

	(void)ctx;
	mpi_in();
	rc = wait_all() < 0 || n > INT_MAX ||
		     MPI_Allreduce(MPI_IN_PLACE, v, (int)n, MPI_INT64_T, o,
				   MPI_COMM_WORLD)
		 ? -EPROTO
		 : 0;
	mpi_out();
	return rc;
}

/* Counts and displacements of LEN[0..size) bytes, or -EFBIG past 2 GiB. */
static int place(const size_t *len, int *counts, int *displs, size_t *total)
{
	*total = 0;
	for (int r = 0; r < size; r++) {
		if (len[r] > INT_MAX || *total > (size_t)INT_MAX - len[r])
			return -EFBIG;
		counts[r] = (int)len[r];
		displs[r] = (int)*total;
		*total += len[r];
	}
	return 0;
}

static int allgather(void *ctx, const void *buf, size_t len, char **all,
		     size_t *lens)
{
	uint64_t mine = len, *l = calloc((size_t)size, sizeof(*l));
	int *counts = calloc((size_t)size, sizeof(int));
	int *displs = calloc((size_t)size, sizeof(int));
	size_t total = 0;
	int rc = l && counts && displs ? 0 : -ENOMEM;

	mpi_in();
	(void)ctx;
	*all = NULL;
	rc = agree(rc);
	if (rc == 0 && MPI_Allgather(&mine, 1, MPI_UINT64_T, l, 1, MPI_UINT64_T,
				     MPI_COMM_WORLD))
		rc = -EPROTO;
	for (int r = 0; rc == 0 && r < size; r++)
		lens[r] = (size_t)l[r];
	if (rc == 0)
		rc = place(lens, counts, displs, &total);
	if (rc == 0 && !(*all = malloc(total ? total : 1)))
		rc = -ENOMEM;
	rc = agree(rc);
	if (rc == 0 && MPI_Allgatherv(buf, (int)len, MPI_BYTE, *all, counts,
				      displs, MPI_BYTE, MPI_COMM_WORLD))
		rc = -EPROTO;
	free(l);
	free(counts);
	free(displs);
	mpi_out();
	return rc;
}

/* Messages of at most CHUNK bytes: counts are ints. */
#define CHUNK (1 << 30)

/* Post the receives and sends of exchange() as messages of at most CHUNK
 * bytes; *N: the requests posted into REQ. */
static int post(const char *const *send, const size_t *scount, char *recv,
		const size_t *rcount, MPI_Request *req, int *n)
{
	char *at = recv;

	*n = 0;
	for (int r = 0; r < size; r++)
		for (size_t o = 0; r != rank && o < rcount[r]; o += CHUNK)
			if (MPI_Irecv(
				at + o,
				(int)(rcount[r] - o < CHUNK ? rcount[r] - o
							    : CHUNK),
				MPI_BYTE, r, 0, MPI_COMM_WORLD, &req[(*n)++]))
				return -EPROTO;
			else if (o + CHUNK >= rcount[r])
				at += rcount[r];
	for (int r = 0; r < size; r++)
		for (size_t o = 0; r != rank && o < scount[r]; o += CHUNK)
			if (MPI_Isend(
				send[r] + o,
				(int)(scount[r] - o < CHUNK ? scount[r] - o
							    : CHUNK),
				MPI_BYTE, r, 0, MPI_COMM_WORLD, &req[(*n)++]))
				return -EPROTO;
	return 0;
}

/* How many messages of at most CHUNK bytes carry N[0..size) bytes. */
static size_t messages(const size_t *n)
{
	size_t m = 0;

	for (int r = 0; r < size; r++)
		m += (n[r] + CHUNK - 1) / CHUNK;
	return m;
}

static int exchange(void *ctx, const char *const *send, const size_t *scount,
		    char **recv, size_t *rcount)
{
	uint64_t *s = calloc((size_t)size, sizeof(*s)),
		 *r = calloc((size_t)size, sizeof(*r));
	MPI_Request *req = NULL;
	MPI_Status *st = NULL;
	size_t total = 0;
	int rc = s && r ? 0 : -ENOMEM, n = 0;

	mpi_in();
	(void)ctx;
	*recv = NULL;
	for (int i = 0; rc == 0 && i < size; i++)
		s[i] = i == rank ? 0 : scount[i];
	rc = agree(rc);
	if (rc == 0 && MPI_Alltoall(s, 1, MPI_UINT64_T, r, 1, MPI_UINT64_T,
				    MPI_COMM_WORLD))
		rc = -EPROTO;
	for (int i = 0; rc == 0 && i < size; i++)
		total += rcount[i] = i == rank ? 0 : (size_t)r[i];
	if (rc == 0 && (!(*recv = malloc(total ? total : 1)) ||
			!(req = calloc(messages(scount) + messages(rcount) + 1,
				       sizeof(*req)))))
		rc = -ENOMEM;
	rc = agree(rc);
	if (rc == 0)
		rc = post(send, scount, *recv, rcount, req, &n);
	/* statuses, not MPI_STATUSES_IGNORE: gcc 12 takes MPICH's (MPI_Status
	 * *)1 for an array of size 0 */
	if (rc == 0 && !(st = calloc((size_t)n + 1, sizeof(*st))))
		rc = -ENOMEM;
	if (rc == 0 && MPI_Waitall(n, req, st))
		rc = -EPROTO;
	free(st);
	free(req);
	free(s);
	free(r);
	mpi_out();
	return rc;
}

static void die_if_asked(void)
{
	const char *s = getenv("VMUX_MPI_DIE_RANK");

	if (s && atoi(s) == rank)
		raise(SIGKILL);
}

/* Rank 0's receive layout from the lengths, or -EFBIG past 2 GiB. */
static int layout(const uint64_t *len, size_t *lens, int *counts, int *displs,
		  size_t *total)
{
	for (int r = 0; r < size; r++)
		lens[r] = (size_t)len[r];
	return place(lens, counts, displs, total);
}

static int gather(const char *buf, size_t len, char **all, size_t *lens)
{
	uint64_t mine = len, *len_all = calloc((size_t)size, sizeof(*len_all));
	int *counts = calloc((size_t)size, sizeof(int));
	int *displs = calloc((size_t)size, sizeof(int));
	size_t total = 0;
	int rc = len_all && counts && displs ? 0 : -ENOMEM;

	mpi_in();
	die_if_asked();
	rc = agree(rc);
	if (rc == 0 && MPI_Gather(&mine, 1, MPI_UINT64_T, len_all, 1,
				  MPI_UINT64_T, 0, MPI_COMM_WORLD))
		rc = -EPROTO;
	if (rc == 0 && rank == 0)
		rc = layout(len_all, lens, counts, displs, &total);
	if (rc == 0 && rank == 0 && !(*all = malloc(total ? total : 1)))
		rc = -ENOMEM;
	rc = agree(rc);
	if (rc == 0 && MPI_Gatherv(buf, (int)len, MPI_BYTE, *all, counts,
				   displs, MPI_BYTE, 0, MPI_COMM_WORLD))
		rc = -EPROTO;
	free(len_all);
	free(counts);
	free(displs);
	mpi_out();
	return rc;
}

/* A standard stream held in a memory file (see the top). */
struct held {
	FILE *fp;
	int mem, saved; /* the memory file; the stream's own descriptor */
	char *text;	/* what was written, once put back (malloc'd) */
	size_t len;
};

/* Send FP to a memory file; if none can be made, FP stays as it was. */
static void hold(struct held *h, FILE *fp)
{
	int fd = fileno(fp);

	*h = (struct held){.fp = fp, .mem = -1, .saved = -1};
	fflush(fp);
	h->mem = memfd_create("vmux-mpi-held", MFD_CLOEXEC);
	if (h->mem >= 0)
		h->saved = fcntl(fd, F_DUPFD_CLOEXEC, 0);
	if (h->saved < 0 || dup2(h->mem, fd) < 0) {
		if (h->saved >= 0)
			close(h->saved);
		if (h->mem >= 0)
			close(h->mem);
		h->mem = h->saved = -1;
	}
}

/* Put the stream back on its own descriptor; read what it was sent. */
static void unhold(struct held *h)
{
	struct stat st;

	fflush(h->fp);
	if (h->mem < 0)
		return;
	dup2(h->saved, fileno(h->fp));
	close(h->saved);
	if (fstat(h->mem, &st) == 0 && st.st_size > 0 &&
	    (h->text = malloc((size_t)st.st_size)) &&
	    pread(h->mem, h->text, (size_t)st.st_size, 0) == st.st_size)
		h->len = (size_t)st.st_size;
	close(h->mem);
}

static void put(const struct held *h)
{
	size_t off = 0;
	ssize_t n;

	while (off < h->len &&
	       (n = write(fileno(h->fp), h->text + off, h->len - off)) > 0)
		off += (size_t)n;
}

/* Whether a rank below this one held the same as this one's I-th
 * stream: ALL holds each rank's N digests of W bytes, back to back. */
static bool said_below(const char *all, int n, size_t w, int i)
{
	const char *mine = all + ((size_t)rank * (size_t)n + (size_t)i) * w;

	for (int r = 0; r < rank; r++)
		if (!strcmp(all + ((size_t)r * (size_t)n + (size_t)i) * w,
			    mine))
			return true;
	return false;
}

/* Each rank writes out what it held in H[0..N), unless a lower rank held
 * the same bytes. Collective. */
static void pass_on(struct held *h, int n)
{
	size_t w = SHA256_HEX_LEN + 1, mine = (size_t)n * w;
	char *all = calloc((size_t)size + 1, mine), *own;
	struct sha256 s;
	bool agreed;

	for (int i = 0; i < n; i++)
		unhold(&h[i]);
	own = all ? all + (size_t)size * mine : NULL;
	for (int i = 0; own && i < n; i++) {
		sha256_init(&s);
		sha256_update(&s, h[i].text, h[i].len);
		sha256_hex(&s, own + (size_t)i * w);
	}
	/* Without agreement each rank says its piece: better twice than
	 * never. */
	agreed = all && !MPI_Allgather(own, (int)mine, MPI_CHAR, all, (int)mine,
				       MPI_CHAR, MPI_COMM_WORLD);
	for (int i = 0; i < n; i++) {
		if (!agreed || !said_below(all, n, w, i))
			put(&h[i]);
		free(h[i].text);
	}
	free(all);
}

static void usage(FILE *fp)
{
	fprintf(fp,
		"usage: mpirun -np N vmux-mpi plan TRACE --host-cpu C "
		"[plan options] [-o PLAN]\n\n"
		"`vmux plan` with the fleet split by buckets over the "
		"MPI ranks; the plan is\nthe one `vmux plan --buckets B` "
		"writes, for any N\n(default B: one per 20,000 VMs, 1 to 64).\n"
		"See `vmux plan --help` for the options (--shard is "
		"taken by the ranks).\n");
}

int main(int argc, char **argv)
{
	struct ingest_comm ic = {.reduce = reduce,
				 .allgather = allgather,
				 .exchange = exchange,
				 .phase = phase};
	struct plan_comm c = {
	    .agree = agree, .gather = gather, .sum = sum, .ingest = &ic};
	struct held out[2];
	int rc;

	tm.on = getenv("VMUX_MPI_TIMING") &&
		!strcmp(getenv("VMUX_MPI_TIMING"), "1");
	phase(NULL, "start");
	MPI_Init(&argc, &argv);
	phase(NULL, "init");
	MPI_Comm_rank(MPI_COMM_WORLD, &rank);
	MPI_Comm_size(MPI_COMM_WORLD, &size);
	c.rank = ic.rank = rank;
	c.size = ic.size = size;
	if (argc < 2 || strcmp(argv[1], "plan")) {
		if (rank == 0)
			usage(argc > 1 && !strcmp(argv[1], "--help") ? stdout
								     : stderr);
		rc = argc > 1 && !strcmp(argv[1], "--help") ? VMUX_EXIT_OK
							    : VMUX_EXIT_USAGE;
	} else {
		hold(&out[0], stdout);
		hold(&out[1], stderr);
		error_set_command("plan");
		rc = plan_command(argc - 1, argv + 1, &c);
		pass_on(out, 2);
		timing_report();
	}
	MPI_Finalize();
	return rc;
}

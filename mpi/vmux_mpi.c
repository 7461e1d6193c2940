/*
 * vmux_mpi.c - vmux-mpi: `vmux plan` over MPI ranks (built by `make mpi`,
 * HAVE_MPI). Every rank reads the trace, keeps the VMs of its buckets
 * (sim/plan/fleet.h: rank r of n holds the buckets b with b % n == r) and
 * plans them; the bucket statistics are summed with an integer
 * MPI_Reduce, the parts gathered at rank 0, which merges them and writes
 * the plan (lib/outfile: whole or not at all). The plan is the bytes of
 * `vmux plan --buckets B` for any number of ranks.
 *
 * A rank that fails tells the others through an MPI_Allreduce of the
 * result, and all exit non-zero. A rank that dies takes the job down
 * (MPI_ERRORS_ARE_FATAL); rank 0 writes only after every part has
 * arrived, so no plan is left. VMUX_MPI_DIE_RANK=R makes rank R kill
 * itself just before the gather, for the test of that promise.
 */
#include "sim/cli/plan_cmd.h"
#include "lib/error.h"

#include <errno.h>
#include <limits.h>
#include <mpi.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int rank, size;

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

	if (wait_all() < 0 ||
	    MPI_Allreduce(&rc, &out, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD))
		return -EPROTO;
	return out;
}

static int sum(const int64_t *in, int64_t *out, size_t n)
{
	return MPI_Reduce(in, out, (int)n, MPI_INT64_T, MPI_SUM, 0,
			  MPI_COMM_WORLD)
		   ? -EPROTO
		   : 0;
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
	*total = 0;
	for (int r = 0; r < size; r++) {
		if (len[r] > INT_MAX || *total > (size_t)INT_MAX - len[r])
			return -EFBIG;
		lens[r] = (size_t)len[r];
		counts[r] = (int)len[r];
		displs[r] = (int)*total;
		*total += len[r];
	}
	return 0;
}

static int gather(const char *buf, size_t len, char **all, size_t *lens)
{
	uint64_t mine = len, *len_all = calloc((size_t)size, sizeof(*len_all));
	int *counts = calloc((size_t)size, sizeof(int));
	int *displs = calloc((size_t)size, sizeof(int));
	size_t total = 0;
	int rc = len_all && counts && displs ? 0 : -ENOMEM;

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
	return rc;
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
	struct plan_comm c = {.agree = agree, .gather = gather, .sum = sum};
	int rc;

	MPI_Init(&argc, &argv);
	MPI_Comm_rank(MPI_COMM_WORLD, &rank);
	MPI_Comm_size(MPI_COMM_WORLD, &size);
	c.rank = rank;
	c.size = size;
	if (argc < 2 || strcmp(argv[1], "plan")) {
		if (rank == 0)
			usage(argc > 1 && !strcmp(argv[1], "--help") ? stdout
								     : stderr);
		rc = argc > 1 && !strcmp(argv[1], "--help") ? VMUX_EXIT_OK
							    : VMUX_EXIT_USAGE;
	} else {
		rc = plan_command(argc - 1, argv + 1, &c);
	}
	MPI_Finalize();
	return rc;
}

/*
 * plan_cmd.h - `vmux plan` as a function, so that vmux-mpi (mpi/) runs the
 * same command with its ranks as the shards of a bucketed plan
 * (sim/plan/fleet.h).
 */
#ifndef VMUX_PLAN_CMD_H
#define VMUX_PLAN_CMD_H

#include "sim/store/ingest.h"

#include <stddef.h>
#include <stdint.h>

/*
 * How the processes of one run meet; every rank calls each function the
 * same number of times, in the same order. Functions return 0 or -errno.
 */
struct plan_comm {
	int rank, size;
	/* Every rank's RC in, the least (0 if all succeeded) out, on all. */
	int (*agree)(int rc);
	/*
	 * LEN bytes of BUF from every rank to rank 0: there *ALL (malloc'd,
	 * the caller frees) holds them back to back, LENS[r] (SIZE entries,
	 * caller's) the length of rank r's.
	 */
	int (*gather)(const char *buf, size_t len, char **all, size_t *lens);
	/* Sum N integers over the ranks, into OUT on every rank. */
	int (*sum)(const int64_t *in, int64_t *out, size_t n);
	/* The ranks as a group for a partitioned ingest (with --buckets:
	 * sim/store/partition.h), or NULL: every rank reads everything. */
	const struct ingest_comm *ingest;
};

/* `vmux plan ARGV...`; COMM NULL = one process. Returns the exit status. */
int plan_command(int argc, char **argv, const struct plan_comm *comm);

#endif

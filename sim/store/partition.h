/*
 * partition.h - a trace file ingested by a group of processes (MPI ranks:
 * ingest.h, struct ingest_comm), each parsing about 1/n of its bytes and
 * keeping the VMs it owns.
 *
 * Process r of n reads bytes [r N / n, (r + 1) N / n) of the file's data
 * (what follows the header line), both ends moved to the next line start:
 * a line belongs to the process whose range holds its first byte. It finds
 * each row's VM name and sends the row, with its line number (its range's
 * line ends are counted and summed over the processes before it), to the
 * VM's owner: bucket hash(name) mod B, as sim/plan/fleet.h's buckets, and
 * owner bucket mod n, as fleet.h's shards. Each process then ingests the
 * rows it got, in file order (ingest_runs()), so it holds every row of its
 * VMs, on the slot grid one process reading everything would find, and
 * every error names the file's line.
 *
 * Standard input, or a path that is not a regular file, cannot be read by
 * ranges: process 0 reads it all and sends each row to its owner. A file
 * whose lines need more than the plain rows (a quote, a space or tab, a
 * NUL byte, a CR that does not end a line, an empty or unusual header) is
 * ingested whole by every process instead (ingest_file(); from standard
 * input that is an error, -ENOTSUP: give a file).
 */
#ifndef VMUX_PARTITION_H
#define VMUX_PARTITION_H

#include "sim/store/ingest.h"

/*
 * Ingest PATH over the processes of C, keeping into *OUT (trace_destroy
 * it) the VMs whose bucket among *BUCKETS is owned by this process, or, in
 * the fallback above, every VM. *BUCKETS 0: DEFAULT_BUCKETS(the file's VM
 * count), counted first (each process sends each name of its range once
 * to process hash(name) mod n, which counts the distinct ones); *BUCKETS
 * gets the count used. Collective; 0 or -errno, as ingest_file(), the
 * same on every process.
 */
int partition_ingest(const char *path, unsigned *buckets,
		     unsigned (*default_buckets)(size_t nvms),
		     const struct ingest_comm *c,
		     const struct ingest_opts *opts, struct trace **out);

#endif

/*
 * cmd_merge.c - `vmux merge`: the shard files of `vmux plan --shard I/N`
 * (sim/plan/fleet_file.h), one per shard 0..N-1 in any order, into the plan
 * the unsharded `vmux plan --buckets B` writes, byte for byte, and its
 * summary.
 */
#include "sim/cli/command.h"
#include "sim/cli/fleet_out.h"
#include "sim/cli/options.h"
#include "sim/cli/planmeta.h"
#include "sim/cli/frontier_fleet.h"
#include "lib/error.h"
#include "lib/opt.h"
#include "lib/outfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct merge_args {
	struct cli_output out; /* -o PLAN, --csv summary */
	bool strict;
	char **files;
	int nfiles;
};

#define EXIT_UNPLACED 1 /* --strict: some VM fits on no host, as plan's */

#define A(F, T) OPT_AT(struct merge_args, F, T)
static const struct opt options[] = {
    OPT_BOOL("strict", A(strict, bool),
	     "exit 1 if any VM of the shards is left unplaced (fits on no\n"
	     "host), as `vmux plan --strict` does"),
    OPT_INCLUDE(cli_plan_output_opts, A(out, struct cli_output)),
    OPT_TABLE_END,
};

static const struct opt_cmd cmd = {
    .name = "merge",
    .usage = "SHARD... [-o PLAN] [--csv] [--strict]",
    .about = "Combine the shard files written by `vmux plan --shard I/N "
	     "-o SHARD` (every\nshard 0..N-1 once, in any order) into one "
	     "plan: the same bytes as\n`vmux plan --buckets B -o PLAN` "
	     "with the shards' options. Shards of\n`vmux frontier "
	     "--shard` merge into its CSV (-o, else standard output).\n",
    .more = "Summary CSV columns:\n" FLEET_OUT_CSV_DOC ".\n",
    .opts = options,
    .args = "SHARD file",
    .min_args = 1,
    .max_args = -1,
};

static int write_out(const struct merge_args *a, const struct fleet_part *m)
{
	struct fleet_bucket_stats t;
	bool plan_on_stdout = a->out.out && !strcmp(a->out.out, "-");
	int rc;

	fleet_totals(m, &t);
	rc = a->out.out && !fleet_out_none_placed(&t)
		 ? fleet_write_plan(m, a->out.out)
		 : 0;
	if (rc < 0)
		return rc;
	fleet_out_nofit(m, &t);
	fleet_out_summary(plan_on_stdout ? stderr : stdout, m, &t, a->out.csv);
	if (fflush(stdout))
		return -EIO;
	if (fleet_out_none_placed(&t)) {
		fleet_out_say_none_placed(t.unplaced, "");
		return FLEET_OUT_EXIT_NONE; /* > 0: the exit status */
	}
	if (!a->strict || !t.unplaced)
		return 0;
	error_msg("merge: no host for %llu VM%s (--strict)",
		  (unsigned long long)t.unplaced, t.unplaced == 1 ? "" : "s");
	return EXIT_UNPLACED;
}

/* Shard SHARD of NSHARDS, as file I of the command line says it is. */
struct shard_id {
	unsigned shard, nshards;
};

/* The shards missing from HELD (N flags) into BUF: "1, 4, ..." */
static void missing_list(const int *held, unsigned n, char *buf, size_t len)
{
	size_t used = 0;
	unsigned listed = 0;

	buf[0] = 0;
	for (unsigned s = 0; s < n && used < len; s++) {
		if (held[s] >= 0)
			continue;
		if (listed++ == 10) {
			snprintf(buf + used, len - used, ", ...");
			return;
		}
		used += (size_t)snprintf(buf + used, len - used, "%s%u",
					 listed > 1 ? ", " : "", s);
	}
}

/* File I's shard against the files before it (HELD: the file holding
 * each shard, or -1): 0, or an error naming both files, -EBADMSG. */
static int check_one(const struct merge_args *a, const struct shard_id *id,
		     int i, int *held)
{
	const struct shard_id *x = &id[i];
	unsigned n = id[0].nshards;

	if (x->nshards != n || x->shard >= n) {
		error_msg("merge: the shards are of different runs: '%s' is "
			  "shard %u of %u, '%s' shard %u of %u",
			  a->files[0], id[0].shard, n, a->files[i], x->shard,
			  x->nshards);
		return -EBADMSG;
	}
	if (held[x->shard] >= 0) {
		error_msg("merge: a shard is given twice: '%s' and '%s' are "
			  "both shard %u of %u",
			  a->files[held[x->shard]], a->files[i], x->shard, n);
		return -EBADMSG;
	}
	held[x->shard] = i;
	return 0;
}

/*
 * The files make one whole set, shards 0..N-1 of one N each once, or an
 * error naming the files (-EBADMSG): which two disagree on N, which two
 * are the same shard, which shards are missing. HELD: N + 1 entries.
 */
static int check_files(const struct merge_args *a, const struct shard_id *id,
		       int *held)
{
	unsigned n = id[0].nshards;
	char list[96];
	int rc = 0;

	for (unsigned s = 0; s < n; s++)
		held[s] = -1;
	for (int i = 0; rc == 0 && i < a->nfiles; i++)
		rc = check_one(a, id, i, held);
	if (rc < 0 || (unsigned)a->nfiles == n)
		return rc;
	missing_list(held, n, list, sizeof(list));
	error_msg("merge: %s: shard%s %s missing",
		  fleet_count_why((size_t)a->nfiles, n),
		  n - (unsigned)a->nfiles == 1 ? "" : "s", list);
	return -EBADMSG;
}

/* The shard of the I-th of PARTS, one kind of part file or another. */
typedef struct shard_id (*shard_of_fn)(const void *parts, int i);

/* check_files() for the shards SHARD_OF(PARTS, i), i in [0, a->nfiles). */
static int check_parts(const struct merge_args *a, const void *parts,
		       shard_of_fn shard_of)
{
	struct shard_id *id = calloc((size_t)a->nfiles, sizeof(*id));
	int *held = NULL;
	int rc = id ? 0 : -ENOMEM;

	for (int i = 0; rc == 0 && i < a->nfiles; i++)
		id[i] = shard_of(parts, i);
	if (rc == 0)
		held = calloc((size_t)id[0].nshards + 1, sizeof(*held));
	if (rc == 0)
		rc = held ? check_files(a, id, held) : -ENOMEM;
	free(held);
	free(id);
	return rc;
}

/* True if PATH begins like a frontier shard file. */
static bool is_frontier(const char *path)
{
	char line[64] = "";
	FILE *fp = fopen(path, "r");

	if (!fp)
		return false;
	if (!fgets(line, sizeof(line), fp))
		line[0] = 0;
	fclose(fp);
	return fr_recs_is_magic(line);
}

static struct shard_id frontier_shard(const void *parts, int i)
{
	const struct fr_recs *p = (const struct fr_recs *)parts + i;

	return (struct shard_id){p->shard, p->nshards};
}

static struct shard_id plan_shard(const void *parts, int i)
{
	const struct fleet_part *p = ((struct fleet_part *const *)parts)[i];

	return (struct shard_id){p->shard, p->nshards};
}

/* Frontier shards: the CSV the unsharded bucketed run writes. */
static int run_frontier(const struct merge_args *a)
{
	struct fr_recs *parts = calloc((size_t)a->nfiles, sizeof(*parts));
	struct outfile *of = NULL;
	struct fr_cover cover = {0};
	const char *why = NULL;
	int rc = parts ? 0 : -ENOMEM;

	for (int i = 0; rc == 0 && i < a->nfiles; i++) {
		FILE *fp = fopen(a->files[i], "r");

		if (!fp) {
			rc = -errno;
			error_msg("cannot open '%s': %s", a->files[i],
				  strerror(errno));
			break;
		}
		rc = fr_recs_read(fp, a->files[i], &parts[i]);
		fclose(fp);
	}
	if (rc == 0)
		rc = check_parts(a, parts, frontier_shard);
	if (rc == 0)
		rc = outfile_open(a->out.out ? a->out.out : "-", &of);
	if (rc == 0)
		rc = fr_recs_csv(parts, (size_t)a->nfiles, outfile_fp(of), &why,
				 &cover);
	if (rc == 0)
		fr_cover_warn("merge", &cover, NULL, false);
	if (rc == -EINVAL) {
		error_msg("merge: %s", why);
		rc = -EBADMSG;
	}
	rc = rc == 0 ? outfile_commit(of) : (outfile_abort(of), rc);
	for (int i = 0; parts && i < a->nfiles; i++)
		fr_recs_free(&parts[i]);
	free(parts);
	return rc;
}

static int run(const struct merge_args *a)
{
	struct fleet_part **parts = calloc((size_t)a->nfiles, sizeof(*parts));
	struct fleet_part *m = NULL;
	const char *why;
	int rc = parts ? 0 : -ENOMEM;

	for (int i = 0; rc == 0 && i < a->nfiles; i++)
		if ((rc = fleet_out_read(a->files[i], &parts[i])) == 0)
			parts[i]->name = a->files[i];
	if (rc == 0)
		rc = check_parts(a, parts, plan_shard);
	if (rc == 0)
		rc = fleet_merge(parts, (size_t)a->nfiles, &m, &why);
	if (rc == -EINVAL) {
		error_msg("merge: %s", why);
		rc = -EBADMSG;
	}
	if (rc == 0)
		rc = write_out(a, m);
	fleet_part_destroy(m);
	for (int i = 0; parts && i < a->nfiles; i++)
		fleet_part_destroy(parts[i]);
	free(parts);
	return rc;
}

/* Frontier shards: --csv and --strict are refused, never ignored. */
static int merge_frontier(const struct merge_args *a)
{
	const char *opt = a->out.csv ? "--csv" : a->strict ? "--strict" : NULL;
	const char *why = a->out.csv ? "its merge is the frontier's CSV, with "
				       "no summary to write as CSV"
				     : "a frontier places no VMs to leave "
				       "unplaced";

	if (opt)
		return opt_status(opt_error(&cmd, opt,
					    "'%s' is a frontier shard: %s",
					    a->files[0], why));
	return error_exit_code(run_frontier(a));
}

static int merge_main(int argc, char **argv)
{
	struct merge_args a = {0};
	int rc = opt_parse(&cmd, argc, argv, &a, &a.nfiles);

	if (rc)
		return opt_status(rc);
	a.files = argv + 1;
	if (is_frontier(a.files[0]))
		return merge_frontier(&a);
	rc = planmeta_check(&cmd, a.out.out, (const char *const *)a.files,
			    (size_t)a.nfiles, NULL, NULL);
	if (rc)
		return opt_status(rc);
	rc = run(&a);
	return rc > 0 ? rc : error_exit_code(rc);
}

const struct command cmd_merge = {
    "merge", "combine the shard files of `vmux plan --shard` into one plan",
    merge_main, &cmd};

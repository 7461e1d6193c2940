/*
 * cmd_import.c - `vmux import FORMAT PATH... -o OUT.csv`: a public trace
 * (PlanetLab, Bitbrains, Azure, Alibaba) to the canonical CSV, written
 * whole or not at all (lib/outfile.h). Conversions and repairs are counted
 * in warnings on stderr; the summary goes to stdout (stderr with -o -).
 */
#include "sim/cli/command.h"
#include "lib/error.h"
#include "lib/opt.h"
#include "sim/import/import.h"
#include "sim/import/import_input.h"
#include "lib/outfile.h"
#include "sim/store/ingest.h"
#include "sim/store/trace.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

struct args {
	struct import_opts o;
	const char *output;
	const char *format, *path; /* the first two arguments, if given */
};

#define TEXT_(X) #X
#define TEXT(X) TEXT_(X)

static const char *start_cb(void *args, const char *v)
{
	struct args *a = args;

	if (import_parse_time(v, &a->o.start) < 0)
		return "is not YYYYMMDD, YYYY-MM-DD[THH:MM:SS] or seconds";
	if (!(a->o.start >= 0 && a->o.start <= TRACE_MAX_TIME))
		return "is outside [0, " TEXT(TRACE_MAX_TIME)
		       "] s, the times a trace may hold";
	return NULL;
}

/* The store's limits (sim/store/trace.h), so that --help states them and
 * a value past them is refused as any value out of range is. */
static const struct opt_range cores_range = {0, TRACE_MAX_CPU, true, false};
static const struct opt_range step_range = {0, TRACE_MAX_TIME, true, false};

/* The options of some formats only: given for another, a usage error. */
#define PLANETLAB "FORMAT=planetlab"
#define ALIBABA "FORMAT=alibaba"

#define A(F, T) OPT_AT(struct args, F, T)
static const struct opt options[] = {
    OPT_POSITIONAL_OF("FORMAT", A(format, const char *), import_format_names),
    OPT_POSITIONAL("PATH", A(path, const char *)),
    OPT_STR("output", 'o', A(output, const char *), "FILE",
	    OPT_OUTFILE | OPT_REQUIRED,
	    "write the canonical CSV to FILE ('-': stdout)"),
    OPT_CB("start", "T", start_cb,
	   "start of folders not named YYYYMMDD; YYYYMMDD,\n"
	   "YYYY-MM-DD[THH:MM:SS] (UTC) or seconds",
	   .only = PLANETLAB),
    OPT_NUM(OPT_NUMBER, "cores", A(o.cores, double), "N", &cores_range, NULL,
	    "cores behind 100 % where the data gives none\n(default 1)",
	    .only = "FORMAT=planetlab,azure,alibaba"),
    OPT_NUM(OPT_NUMBER, "mhz-per-core", A(o.mhz_per_core, double), "M",
	    &opt_positive, "MHz",
	    "cpu = CPU usage [MHZ] / M for every row\n"
	    "(default: each row's capacity / cores)",
	    .only = "FORMAT=bitbrains"),
    OPT_STR("vmtable", 0, A(o.vmtable, const char *), "FILE", OPT_INFILE,
	    "vmtable giving each VM's core count bucket",
	    .only = "FORMAT=azure"),
    OPT_STR("meta", 0, A(o.meta, const char *), "FILE", OPT_INFILE,
	    "machine_meta giving each machine's cpu_num", .only = ALIBABA),
    OPT_NUM(OPT_NUMBER, "step", A(o.step, double), "S", &step_range, "s",
	    "slot length (default 300)", .only = ALIBABA),
    OPT_TABLE_END,
};

static const struct opt_cmd cmd = {
    .name = "import",
    .usage = "FORMAT PATH... -o OUT.csv [OPTIONS]",
    .about = "Converts a public trace to the canonical CSV "
	     "time,vm,cpu[,mem,disk,net]\n(seconds, cores, MiB, KiB/s). "
	     "Each unit convention is stated in a note\nand each repair "
	     "counted in a warning on stderr; traces/README.md states\nevery "
	     "rule.\n\n"
	     "formats:\n"
	     "  planetlab  folders (or files) of per-VM CPU % files, one "
	     "line per 300 s;\n"
	     "             the day from a folder named YYYYMMDD (UTC)\n"
	     "  bitbrains  GWA-T-12 files, or folders of *.csv (Rnd, "
	     "fastStorage)\n"
	     "  azure      Azure Public Dataset V1 vm_cpu_readings files\n"
	     "  alibaba    cluster-trace-v2018 machine_usage files\n",
    .opts = options,
    .max_args = -1, /* PATH... */
};

/* Seconds as "S s", with the UTC date when it looks like an epoch time. */
static void put_time(FILE *fp, double t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char buf[32];

	fprintf(fp, "%.15g s", t);
	if (t >= 315532800 && t < 4102444800.0 && gmtime_r(&tt, &tm) &&
	    strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &tm))
		fprintf(fp, " (%s UTC)", buf);
}

static void summary(const struct import *im, const char *format,
		    const char *output)
{
	FILE *fp = strcmp(output, "-") ? stdout : stderr;
	struct import_summary s;

	import_get_summary(im, &s);
	fprintf(fp, "vmux import %s: %zu VM%s, %zu row%s (", format, s.vms,
		s.vms == 1 ? "" : "s", s.rows, s.rows == 1 ? "" : "s");
	for (int r = 0, first = 1; r < RES_COUNT; r++)
		if (s.res_mask & RES_MASK(r)) {
			fprintf(fp, "%s%s", first ? "" : ",", res_name(r));
			first = 0;
		}
	fprintf(fp, "%s), times ", s.prov ? ",cpu_prov,mem_prov" : "");
	put_time(fp, s.first);
	fprintf(fp, " to ");
	put_time(fp, s.last);
	fprintf(fp, " -> %s", output);
	if (s.unmeasured)
		fprintf(fp, "; %zu VM%s with no memory data (named above)",
			s.unmeasured, s.unmeasured == 1 ? "" : "s");
	fputc('\n', fp);
}

/* PATH is a file whose first line is a canonical trace's header, in any
 * column order (ingest_is_header). */
static bool canonical_file(const char *path)
{
	char head[256];
	struct stat st;
	bool yes;
	FILE *fp;

	/* Only a regular file is peeked at: opening a FIFO would block. */
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
	    !(fp = fopen(path, "r")))
		return false;
	yes = fgets(head, sizeof(head), fp) &&
	      ingest_is_header(head, strlen(head));
	fclose(fp);
	return yes;
}

/* A canonical trace given to import is a usage error that says so: every
 * importer would take it for its own format and fail on its first line. */
static int refuse_canonical(char **paths, int n)
{
	for (int i = 0; i < n; i++)
		if (canonical_file(paths[i]))
			return opt_error(&cmd, NULL,
					 "'%s' is already a canonical trace "
					 "(its header names time, vm, ...): "
					 "size, plan and the "
					 "other commands read it as it is",
					 paths[i]);
	return 0;
}

static int import_main(int argc, char **argv)
{
	struct args a = {0};
	struct outfile *of = NULL;
	struct import *im = NULL;
	const char *format;
	int n, rc;

	import_opts_init(&a.o);
	rc = opt_parse(&cmd, argc, argv, &a, &n);
	if (rc)
		return opt_status(rc);
	format = a.format;
	if ((rc = refuse_canonical(argv + 2, n - 1)))
		return rc;
	rc = outfile_open(a.output, &of);
	if (rc == 0)
		rc = import_create(format, &a.o, outfile_fp(of), &im);
	if (rc == 0)
		rc = import_run(im, argv + 2, (size_t)(n - 1));
	if (rc == 0) { /* said before the commit: a lost summary fails it */
		import_report(im);
		summary(im, format, a.output);
		rc = outfile_check_stdout();
	}
	if (rc == 0) {
		rc = outfile_commit(of);
		of = NULL;
	}
	outfile_abort(of);
	import_destroy(im);
	if (rc == -EINVAL)
		return VMUX_EXIT_USAGE; /* message printed by the reader */
	return error_exit_code(rc);
}

const struct command cmd_import = {
    "import",
    "convert PlanetLab, Bitbrains, Azure, Alibaba traces to "
    "canonical CSV",
    import_main, &cmd};

/*
 * cmd_import.c - `vmux import FORMAT PATH... -o OUT.csv`: a public trace
 * (PlanetLab, Bitbrains, Azure, Alibaba) to the canonical CSV, written
 * whole or not at all (lib/outfile.h). Conversions and repairs are counted
 * in warnings on stderr; the summary goes to stdout (stderr with -o -).
 */
#include "sim/cli/command.h"
#include "lib/error.h"
#include "sim/import/import.h"
#include "sim/import/import_input.h"
#include "lib/outfile.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { OPT_START = 256, OPT_CORES, OPT_MHZ, OPT_VMTABLE, OPT_META, OPT_STEP };

static const struct option long_opts[] = {
    {"output", required_argument, NULL, 'o'},
    {"start", required_argument, NULL, OPT_START},
    {"cores", required_argument, NULL, OPT_CORES},
    {"mhz-per-core", required_argument, NULL, OPT_MHZ},
    {"vmtable", required_argument, NULL, OPT_VMTABLE},
    {"meta", required_argument, NULL, OPT_META},
    {"step", required_argument, NULL, OPT_STEP},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* Which format each format-specific option applies to. */
static const struct {
	int opt;
	const char *name, *formats;
} applies[] = {
    {OPT_START, "--start", "planetlab"},
    {OPT_CORES, "--cores", "planetlab azure alibaba"},
    {OPT_MHZ, "--mhz-per-core", "bitbrains"},
    {OPT_VMTABLE, "--vmtable", "azure"},
    {OPT_META, "--meta", "alibaba"},
    {OPT_STEP, "--step", "alibaba"},
};
#define NAPPLIES (sizeof(applies) / sizeof(applies[0]))

struct args {
	struct import_opts o;
	const char *output;
	bool given[NAPPLIES];
};

static void help(void)
{
	printf(
	    "usage: vmux import FORMAT PATH... -o OUT.csv [OPTIONS]\n\n"
	    "Converts a public trace to the canonical CSV "
	    "time,vm,cpu[,mem,disk,net]\n(seconds, cores, MiB, KiB/s). "
	    "Each unit conversion and repair is counted\nin a warning on "
	    "stderr; traces/README.md states every rule.\n\n"
	    "formats:\n"
	    "  planetlab  folders (or files) of per-VM CPU %% files, one "
	    "line per 300 s;\n"
	    "             the day from a folder named YYYYMMDD (UTC)\n"
	    "  bitbrains  GWA-T-12 files, or folders of *.csv (Rnd, "
	    "fastStorage)\n"
	    "  azure      Azure Public Dataset V1 vm_cpu_readings files\n"
	    "  alibaba    cluster-trace-v2018 machine_usage files\n\n"
	    "options:\n"
	    "  -o, --output FILE     write the canonical CSV to FILE "
	    "('-': stdout); required\n"
	    "      --start T         planetlab: start of folders not named "
	    "YYYYMMDD;\n"
	    "                        YYYYMMDD, YYYY-MM-DD[THH:MM:SS] (UTC) "
	    "or seconds\n"
	    "      --cores N         planetlab, azure, alibaba: cores behind "
	    "100 %% where the\n"
	    "                        data gives none (default 1)\n"
	    "      --mhz-per-core M  bitbrains: cpu = CPU usage [MHZ] / M "
	    "for every row\n"
	    "                        (default: each row's capacity / "
	    "cores)\n"
	    "      --vmtable FILE    azure: vmtable giving each VM's core "
	    "count bucket\n"
	    "      --meta FILE       alibaba: machine_meta giving each "
	    "machine's cpu_num\n"
	    "      --step S          alibaba: slot length in seconds "
	    "(default 300)\n"
	    "  -h, --help            show this help\n");
}

/* A number > 0 from option NAME's argument S. */
static int positive(const char *name, const char *s, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	if (!*s || *end || errno || !isfinite(*out) || !(*out > 0))
		return error_usage("import", "%s wants a number > 0, not '%s'",
				   name, s);
	return 0;
}

static int set_opt(struct args *a, int c, const char *arg)
{
	for (size_t i = 0; i < NAPPLIES; i++)
		if (applies[i].opt == c)
			a->given[i] = true;
	switch (c) {
	case 'o':
		a->output = arg;
		return 0;
	case OPT_START:
		if (import_parse_time(arg, &a->o.start) < 0)
			return error_usage("import",
					   "--start wants YYYYMMDD, "
					   "YYYY-MM-DD[THH:MM:SS] or seconds, "
					   "not '%s'",
					   arg);
		return 0;
	case OPT_CORES:
		return positive("--cores", arg, &a->o.cores);
	case OPT_MHZ:
		return positive("--mhz-per-core", arg, &a->o.mhz_per_core);
	case OPT_STEP:
		return positive("--step", arg, &a->o.step);
	case OPT_VMTABLE:
		a->o.vmtable = arg;
		return 0;
	case OPT_META:
		a->o.meta = arg;
		return 0;
	}
	return error_usage("import", "unknown option");
}

/* Options given for another format are usage errors. */
static int check_applies(const struct args *a, const char *format)
{
	for (size_t i = 0; i < NAPPLIES; i++) {
		const char *f = strstr(applies[i].formats, format);
		size_t n = strlen(format);

		if (a->given[i] && !(f && (f[n] == ' ' || f[n] == '\0')))
			return error_usage("import", "%s applies to %s, not %s",
					   applies[i].name, applies[i].formats,
					   format);
	}
	return 0;
}

static int parse_args(int argc, char **argv, struct args *a)
{
	int c, rc;

	import_opts_init(&a->o);
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":o:h", long_opts, NULL)) != -1) {
		if (c == 'h') {
			help();
			return -1;
		}
		if (c == '?')
			return error_usage("import", "unknown option '%s'",
					   argv[optind - 1]);
		if (c == ':')
			return error_usage("import",
					   "option '%s' needs a value",
					   argv[optind - 1]);
		rc = set_opt(a, c, optarg);
		if (rc)
			return rc;
	}
	if (optind >= argc)
		return error_usage("import", "missing FORMAT (%s)",
				   import_format_list());
	if (!import_format_known(argv[optind]))
		return error_usage("import", "unknown format '%s' (%s)",
				   argv[optind], import_format_list());
	if (optind + 1 >= argc)
		return error_usage("import", "missing PATH after %s",
				   argv[optind]);
	if (!a->output)
		return error_usage("import", "missing -o OUT.csv");
	return check_applies(a, argv[optind]);
}

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
	fprintf(fp, "vmux import %s: %zu VMs, %zu rows (", format, s.vms,
		s.rows);
	for (int r = 0, first = 1; r < RES_COUNT; r++)
		if (s.res_mask & RES_MASK(r)) {
			fprintf(fp, "%s%s", first ? "" : ",",
				res_name(r));
			first = 0;
		}
	fprintf(fp, "), times ");
	put_time(fp, s.first);
	fprintf(fp, " to ");
	put_time(fp, s.last);
	fprintf(fp, " -> %s\n", output);
}

static int import_main(int argc, char **argv)
{
	struct args a = {0};
	struct outfile *of = NULL;
	struct import *im = NULL;
	const char *format;
	int rc;

	rc = parse_args(argc, argv, &a);
	if (rc)
		return rc < 0 ? VMUX_EXIT_OK : rc;
	format = argv[optind];
	rc = outfile_open(a.output, &of);
	if (rc == 0)
		rc = import_create(format, &a.o, outfile_fp(of), &im);
	if (rc == 0)
		rc = import_run(im, argv + optind + 1,
				(size_t)(argc - optind - 1));
	if (rc == 0) {
		rc = outfile_commit(of);
		of = NULL;
	}
	if (rc == 0) {
		import_report(im);
		summary(im, format, a.output);
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
    import_main};

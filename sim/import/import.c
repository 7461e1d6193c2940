/*
 * import.c - an import run: format dispatch, the canonical CSV writer, the
 * notes (counted conversions and repairs) and the merge of samples that
 * share a slot. See import.h.
 */
#include "sim/import/import.h"
#include "lib/csvout.h"
#include "lib/error.h"
#include "lib/strv.h"
#include "lib/grow.h"
#include "sim/import/import_alibaba.h"
#include "sim/import/import_azure.h"
#include "sim/import/import_bitbrains.h"
#include "sim/import/import_names.h"
#include "sim/import/import_planetlab.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define CPU_ONLY RES_MASK(RES_CPU)
#define ALL_RES                                                                \
	(RES_MASK(RES_CPU) | RES_MASK(RES_MEM) | RES_MASK(RES_DISK) |          \
	 RES_MASK(RES_NET))

struct format {
	const char *name;
	unsigned res;
	bool prov; /* writes cpu_prov, mem_prov */
	int (*read)(struct import *im, char *const *paths, size_t n);
};

static const struct format formats[] = {
    {"planetlab", CPU_ONLY, false, import_planetlab},
    {"bitbrains", ALL_RES, true, import_bitbrains},
    {"azure", CPU_ONLY, true, import_azure},
    {"alibaba", CPU_ONLY, true, import_alibaba},
};
#define NFORMATS (sizeof(formats) / sizeof(formats[0]))
const char *const import_format_names[] = {"planetlab", "bitbrains", "azure",
					   "alibaba", NULL};

/*
 * What each note says after its count: "{}" shows the note's parameter X,
 * "{n:A|B}" is A when the count is 1, else B, "{x:A|B}" A when X is 1.
 * traces/README.md states the same rules at length.
 */
static const char *const note_text[IMPORT_NNOTES] = {
    [IMPORT_N_SKIPPED] = "folder {n:entry|entries} skipped (hidden files, "
			 "sub-folders, names of another format)",
    [IMPORT_N_OVER100] = "CPU {n:value|values} above 100 % of the VM's cores: "
			 "clipped to its cores",
    [IMPORT_N_SNAPPED] =
	"{n:timestamp|timestamps} off the {} s grid: moved to the "
	"nearest multiple of {} s since the epoch "
	"(halves up)",
    [IMPORT_N_MERGED] =
	"{n:row|rows} fell on a slot another row of the same VM "
	"holds (duplicated timestamps, interleaved "
	"streams): merged, each resource the maximum",
    [IMPORT_N_PL_CPU] =
	"{n:value|values}: cpu = CPU % / 100 x {} {x:core|cores} "
	"(--cores; PlanetLab records no core count)",
    [IMPORT_N_PL_TIME] = "{n:file|files}: time = the folder's date "
			 "YYYYMMDD at 00:00 UTC + 300 s x (line - 1)",
    [IMPORT_N_PL_START] =
	"{n:file|files} in folders whose name is not a date YYYYMMDD: "
	"time = --start ({} s) + 300 s x (line - 1)",
    [IMPORT_N_PL_LINK_NAME] =
	"{n:file|files}: time = the name given, a date YYYYMMDD, at 00:00 "
	"UTC + 300 s x (line - 1): a link to a folder of another name, "
	"whose name did not date {n:it|them}",
    [IMPORT_N_PL_LINK_TARGET] =
	"{n:file|files}: time = the date of the folder linked to, YYYYMMDD "
	"at 00:00 UTC + 300 s x (line - 1): the name given is not a date",
    [IMPORT_N_PL_LENGTH] = "{n:file does|files do} not hold 288 lines (one "
			   "day): {n:its|their} rows written as they are",
    [IMPORT_N_PL_SPANS] =
	"{n:time|times} a VM's next day file starts more than "
	"{} s after its last one ends (missing days): "
	"separate spans, nothing written between; the "
	"ingest takes the VM as absent there",
    [IMPORT_N_BB_CPU] = "{n:row|rows}: cpu = CPU usage [MHZ] / (CPU "
			"capacity provisioned [MHZ] / CPU cores), per row",
    [IMPORT_N_BB_CPU_FIXED] = "{n:row|rows}: cpu = CPU usage [MHZ] / "
			      "{} MHz (--mhz-per-core)",
    [IMPORT_N_BB_UNITS] = "{n:row|rows}: mem = Memory usage [KB] / 1024 "
			  "(MiB); disk = read + write, net = received + "
			  "transmitted (KB/s taken as KiB/s)",
    [IMPORT_N_BB_ZERO_CORES] = "{n:row|rows} with 0 CPU cores or 0 MHz "
			       "provisioned: kept, per-core MHz = the "
			       "VM's most common one (cpu 0 when usage "
			       "is 0 MHz)",
    [IMPORT_N_BB_MS] = "{n:timestamp|timestamps} above 1e11: read as "
		       "milliseconds",
    [IMPORT_N_AZ_CPU] =
	"{n:reading|readings}: cpu = avg CPU % / 100 x the VM's "
	"cores (vmtable core bucket)",
    [IMPORT_N_AZ_NOCORES] =
	"{n:VM|VMs} without a core count (no "
	"--vmtable, or not in it): assumed {} {x:core|cores} "
	"(--cores{f})",
    [IMPORT_N_AZ_BUCKET] = "{n:VM|VMs} in an open core bucket '>N' (such "
			   "as '>24'): taken as N cores, its lower bound",
    [IMPORT_N_AL_CPU] = "{n:slot|slots}: cpu = mean cpu_util_percent of "
			"the slot's samples / 100 x cpu_num",
    [IMPORT_N_AL_SAMPLES] = "{n:sample|samples} averaged into {} s slots "
			    "[k x step, (k + 1) x step)",
    [IMPORT_N_AL_EMPTY] =
	"{n:slot|slots} inside a machine's span {n:has|have} no "
	"sample: not written (the ingest holds gaps up "
	"to 1 h, longer ones are absences)",
    [IMPORT_N_AL_NOCPU] = "{n:sample|samples} with an empty "
			  "cpu_util_percent: not used",
    [IMPORT_N_AL_NOCORES] = "{n:machine|machines} without cpu_num (no "
			    "--meta, or not in it): assumed {} {x:core|cores} "
			    "(--cores{f})",
    [IMPORT_N_AL_DROPPED] = "{n:sample|samples}: mem_util_percent, net_in, "
			    "net_out, disk_io_percent have no absolute "
			    "unit in the trace: not written (no mem, "
			    "disk, net columns)",
    [IMPORT_N_AL_REPEAT] =
	"{n:row repeats|rows repeat} {n:its|their} machine's "
	"previous row (same time_stamp and cpu_util_percent): dropped",
    [IMPORT_N_AL_REPEAT_DIFF] =
	"{n:row repeats|rows repeat} {n:its|their} machine's previous "
	"time_stamp with another cpu_util_percent: merged into one "
	"sample, the maximum",
};

/* Notes that state a unit convention (how a value was converted), printed
 * as "note:"; the others report repairs and assumptions ("warning:"). */
static const bool convention[IMPORT_NNOTES] = {
    [IMPORT_N_PL_CPU] = true,	    [IMPORT_N_PL_TIME] = true,
    [IMPORT_N_PL_START] = true,	    [IMPORT_N_BB_CPU] = true,
    [IMPORT_N_PL_LINK_NAME] = true, [IMPORT_N_PL_LINK_TARGET] = true,
    [IMPORT_N_BB_CPU_FIXED] = true, [IMPORT_N_BB_UNITS] = true,
    [IMPORT_N_AZ_CPU] = true,	    [IMPORT_N_AL_CPU] = true,
    [IMPORT_N_AL_SAMPLES] = true,
};

/* A VM whose resource R looks unmeasured. */
struct unmeasured {
	char *vm;
	enum res r;
	size_t zero, running;
};

struct import {
	const struct format *fmt;
	struct import_opts opts;
	FILE *out;
	struct import_names *vms;  /* distinct names written */
	struct import_names *keys; /* claimed by import_claim() */
	char **owner;		   /* file that claimed each key */
	size_t owner_cap;
	long last_vm; /* index of the last row's VM */
	size_t rows;
	double first, last;
	unsigned long note[IMPORT_NNOTES];
	double param[IMPORT_NNOTES];
	char *named[IMPORT_NNOTES][IMPORT_NAMED]; /* import_note_named */
	struct unmeasured *um;
	size_t num, umcap;
};

void import_opts_init(struct import_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->start = NAN;
	o->cores = 1;
	o->step = IMPORT_STEP;
}

static const struct format *find_format(const char *name)
{
	for (size_t i = 0; i < NFORMATS; i++)
		if (!strcmp(formats[i].name, name))
			return &formats[i];
	return NULL;
}

bool import_format_known(const char *name)
{
	return find_format(name) != NULL;
}

const char *import_format_list(void)
{
	return "planetlab, bitbrains, azure, alibaba";
}

static void write_header(struct import *im)
{
	fputs("time,vm", im->out);
	for (int r = 0; r < RES_COUNT; r++)
		if (im->fmt->res & RES_MASK(r))
			fprintf(im->out, ",%s", res_name(r));
	if (im->fmt->prov)
		fputs(",cpu_prov,mem_prov", im->out);
	fputc('\n', im->out);
}

/* Options that would take values past the store's limits: usage errors. */
static int check_opts(const struct import_opts *o)
{
	if (o->cores > trace_limit(RES_CPU))
		return error_usage("import", "--cores %g is above the limit %g",
				   o->cores, trace_limit(RES_CPU));
	if (isfinite(o->start) &&
	    !(o->start >= 0 && o->start <= TRACE_MAX_TIME))
		return error_usage("import",
				   "--start %.15g s is outside [0, %g] s",
				   o->start, TRACE_MAX_TIME);
	if (o->step > TRACE_MAX_TIME)
		return error_usage("import", "--step %g is above %g s", o->step,
				   TRACE_MAX_TIME);
	return 0;
}

int import_create(const char *format, const struct import_opts *o, FILE *out,
		  struct import **imp)
{
	const struct format *f = find_format(format);
	struct import *im;

	if (!f || check_opts(o))
		return -EINVAL;
	im = calloc(1, sizeof(*im));
	if (!im)
		return -ENOMEM;
	if (import_names_create(&im->vms) < 0 ||
	    import_names_create(&im->keys) < 0) {
		import_destroy(im);
		return -ENOMEM;
	}
	im->fmt = f;
	im->opts = *o;
	im->out = out;
	im->last_vm = -1;
	for (int i = 0; i < IMPORT_NNOTES; i++)
		im->param[i] = NAN;
	write_header(im);
	*imp = im;
	return 0;
}

void import_destroy(struct import *im)
{
	if (!im)
		return;
	strv_free(im->owner, im->keys ? import_names_count(im->keys) : 0);
	for (size_t i = 0; i < im->num; i++)
		free(im->um[i].vm);
	free(im->um);
	for (int i = 0; i < IMPORT_NNOTES; i++)
		for (int j = 0; j < IMPORT_NAMED; j++)
			free(im->named[i][j]);
	import_names_destroy(im->keys);
	import_names_destroy(im->vms);
	free(im);
}

int import_run(struct import *im, char *const *paths, size_t n)
{
	int rc = im->fmt->read(im, paths, n);

	if (rc == 0 && im->rows == 0) {
		error_msg("import %s: the input holds no samples",
			  im->fmt->name);
		rc = -EBADMSG;
	}
	if (rc == 0 && ferror(im->out)) {
		error_msg("cannot write the output: %s", strerror(EIO));
		rc = -EIO;
	}
	if (rc == -ENOMEM)
		error_msg("import %s: %s", im->fmt->name, strerror(ENOMEM));
	return rc;
}

/* Print A (ONE) or B of "A|B}" at P; returns the '}'. */
static const char *put_choice(const char *p, bool one)
{
	size_t a = strcspn(p, "|"), b = strcspn(p + a + 1, "}");

	if (one)
		fwrite(p, 1, a, stderr);
	else
		fwrite(p + a + 1, 1, b, stderr);
	return p + a + 1 + b;
}

/* Print "; first 'A', 'B', ..." of NAMED (the first of N named). */
static void put_named(char *const *named, unsigned long n)
{
	for (int i = 0; i < IMPORT_NAMED && named[i]; i++)
		fprintf(stderr, "%s'%s'", i ? ", " : "; first ", named[i]);
	if (n > IMPORT_NAMED)
		fputs(", ...", stderr);
}

/* Print TEXT (note_text[]'s) for a count N, a parameter X and the first
 * names NAMED. */
static void put_text(const char *text, unsigned long n, double x,
		     char *const *named)
{
	for (const char *p = text; *p; p++) {
		if (p[0] == '{' && p[1] == '}') {
			fprintf(stderr, "%.15g", x);
			p++;
		} else if (!strncmp(p, "{f}", 3)) {
			put_named(named, n);
			p += 2;
		} else if (p[0] == '{' && (p[1] == 'n' || p[1] == 'x') &&
			   p[2] == ':') {
			p = put_choice(p + 3, p[1] == 'n' ? n == 1 : x == 1);
		} else {
			fputc(*p, stderr);
		}
	}
}

void import_report(const struct import *im)
{
	for (int i = 0; i < IMPORT_NNOTES; i++) {
		if (!im->note[i])
			continue;
		fprintf(stderr, "vmux: %s: import %s: %lu ",
			convention[i] ? "note" : "warning", im->fmt->name,
			im->note[i]);
		put_text(note_text[i], im->note[i], im->param[i], im->named[i]);
		fputc('\n', stderr);
	}
	for (size_t i = 0; i < im->num; i++)
		error_warn("import %s: VM '%s': %s is 0 in %zu of "
			   "its %zu sample%s with cpu > 0 (%.0f%%, >= %.0f%%): "
			   "looks unmeasured, written as read; plans cannot "
			   "size it by %s",
			   im->fmt->name, im->um[i].vm, res_name(im->um[i].r),
			   im->um[i].zero, im->um[i].running,
			   im->um[i].running == 1 ? "" : "s",
			   100.0 * (double)im->um[i].zero /
			       (double)im->um[i].running,
			   100 * TRACE_UNMEASURED_SHARE, res_name(im->um[i].r));
	if (im->rows)
		fprintf(stderr,
			"vmux: note: import %s: rules in "
			"traces/README.md\n",
			im->fmt->name);
}

void import_get_summary(const struct import *im, struct import_summary *s)
{
	s->vms = import_names_count(im->vms);
	s->unmeasured = im->num;
	s->rows = im->rows;
	s->first = im->first;
	s->last = im->last;
	s->res_mask = im->fmt->res;
	s->prov = im->fmt->prov;
}

const struct import_opts *import_get_opts(const struct import *im)
{
	return &im->opts;
}

/* Count VM among the distinct names written (cheap when it repeats). */
static int count_vm(struct import *im, const char *vm)
{
	long i;

	if (im->last_vm >= 0 &&
	    !strcmp(import_names_get(im->vms, (size_t)im->last_vm), vm))
		return 0;
	i = import_names_intern(im->vms, vm, NULL);
	if (i < 0)
		return (int)i;
	im->last_vm = i;
	return 0;
}

/*
 * The last guard of "whatever an importer writes, ingest reads": readers
 * check values at their input line; this catches what a rule missed.
 */
static int check_row(const struct import *im, const char *vm, double time,
		     const double v[RES_COUNT])
{
	if (!(time >= 0 && time <= TRACE_MAX_TIME)) {
		error_msg("import %s: VM '%.60s': time %g s is outside [0, "
			  "%g] s",
			  im->fmt->name, vm, time, TRACE_MAX_TIME);
		return -EBADMSG;
	}
	for (int r = 0; r < RES_COUNT; r++)
		if ((im->fmt->res & RES_MASK(r)) &&
		    !(v[r] >= 0 && v[r] <= trace_limit(r))) {
			error_msg("import %s: VM '%.60s' at %.15g s: %s %g is "
				  "outside [0, %g]",
				  im->fmt->name, vm, time, res_name(r), v[r],
				  trace_limit(r));
			return -EBADMSG;
		}
	return 0;
}

int import_row(struct import *im, const char *vm, double time,
	       const double v[RES_COUNT], const double *prov)
{
	int rc = check_row(im, vm, time, v);

	for (int i = 0; rc == 0 && prov && i < 2; i++)
		if (!(prov[i] >= 0 &&
		      prov[i] <= trace_limit(i ? RES_MEM : RES_CPU))) {
			error_msg("import %s: VM '%.60s': provisioned %s %g "
				  "is outside [0, %g]",
				  im->fmt->name, vm, i ? "mem" : "cpu", prov[i],
				  trace_limit(i ? RES_MEM : RES_CPU));
			rc = -EBADMSG;
		}

	if (rc == 0)
		rc = count_vm(im, vm);
	if (rc < 0)
		return rc;
	fprintf(im->out, "%.15g,", time);
	csvout_field(im->out, vm);
	for (int r = 0; r < RES_COUNT; r++)
		if (im->fmt->res & RES_MASK(r))
			fprintf(im->out, ",%.10g", v[r]);
	if (im->fmt->prov)
		fprintf(im->out, ",%.10g,%.10g", prov ? prov[0] : 0,
			prov ? prov[1] : 0);
	if (fputc('\n', im->out) == EOF) {
		error_msg("cannot write the output: %s", strerror(errno));
		return -EIO;
	}
	if (!im->rows || time < im->first)
		im->first = time;
	if (!im->rows || time > im->last)
		im->last = time;
	im->rows++;
	return 0;
}

int import_grow(void **v, size_t *cap, size_t n, size_t size)
{
	size_t old = *cap;

	if (grow_array(v, cap, n + 1, size, 64))
		return -ENOMEM;
	memset((char *)*v + old * size, 0, (*cap - old) * size);
	return 0;
}

int import_check_measured(struct import *im, const char *vm, enum res r,
			  size_t zero, size_t running)
{
	struct unmeasured *u;

	if (!running || (double)zero < TRACE_UNMEASURED_SHARE * (double)running)
		return 0;
	if (import_grow((void **)&im->um, &im->umcap, im->num, sizeof(*u)))
		return -ENOMEM;
	u = &im->um[im->num];
	*u = (struct unmeasured){strdup(vm), r, zero, running};
	if (!u->vm)
		return -ENOMEM;
	im->num++;
	return 0;
}

void import_note(struct import *im, enum import_note n, unsigned long count)
{
	im->note[n] += count;
}

int import_note_named(struct import *im, enum import_note n, const char *name)
{
	unsigned long i = im->note[n]++;

	if (i < IMPORT_NAMED && !(im->named[n][i] = strdup(name)))
		return -ENOMEM;
	return 0;
}

void import_note_param(struct import *im, enum import_note n, double x)
{
	im->param[n] = x;
}

unsigned long import_noted(const struct import *im, enum import_note n)
{
	return im->note[n];
}

int import_claim(struct import *im, const char *key, const char *path,
		 const char **prev)
{
	bool added;
	long i;

	if (import_grow((void **)&im->owner, &im->owner_cap,
			import_names_count(im->keys), sizeof(*im->owner)))
		return -ENOMEM;
	i = import_names_intern(im->keys, key, &added);
	if (i < 0)
		return (int)i;
	if (!added) {
		*prev = im->owner[i];
		return 1;
	}
	im->owner[i] = strdup(path);
	return im->owner[i] ? 0 : -ENOMEM;
}

int import_claim_file(struct import *im, const char *path)
{
	char *rp = realpath(path, NULL);
	const char *prev;
	int rc;

	if (!rp) {
		rc = -errno;
		error_msg("cannot open '%s': %s", path, strerror(errno));
		return rc;
	}
	rc = import_claim(im, rp, path, &prev);
	if (rc == 1)
		rc = error_data(path, 1, "(file)",
				"the same file as '%s', given twice", prev);
	free(rp);
	return rc;
}

static int by_vm_time(const void *a, const void *b)
{
	const struct import_sample *x = a, *y = b;

	if (x->vm != y->vm)
		return x->vm < y->vm ? -1 : 1;
	if (x->time != y->time)
		return x->time < y->time ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

size_t import_merge_max(struct import *im, struct import_sample *s, size_t n)
{
	size_t out = 0;

	if (n == 0)
		return 0;
	qsort(s, n, sizeof(*s), by_vm_time);
	for (size_t i = 1; i < n; i++) {
		struct import_sample *k = &s[out];

		if (s[i].vm == k->vm && s[i].time == k->time) {
			for (int r = 0; r < RES_COUNT; r++)
				k->v[r] = fmax(k->v[r], s[i].v[r]);
			for (int j = 0; j < 2; j++)
				k->prov[j] = fmax(k->prov[j], s[i].prov[j]);
			im->note[IMPORT_N_MERGED]++;
			continue;
		}
		s[++out] = s[i];
	}
	return out + 1;
}

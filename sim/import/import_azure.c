/*
 * import_azure.c - Azure V1 vm_cpu_readings to canonical rows (see
 * import_azure.h). Readings are kept in memory until the vmtable has
 * given every VM its cores, then sorted, merged and written per VM: 16
 * bytes each (slot, VM, avg %), 24 to 48 at the peak with the array's
 * doubling and the sort's copy (README: importing public traces).
 */
#include "sim/import/import_azure.h"
#include "lib/error.h"
#include "sim/import/import.h"
#include "sim/import/import_input.h"
#include "sim/import/import_names.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <unistd.h>

#define READ_FIELDS 5
#define VMTABLE_FIELDS 11
#define BUCKET_FIELD 9
#define MEMORY_FIELD 10 /* vmmemory bucket, GB */
#define READINGS_PREFIX "vm_cpu_readings"

static const char *const read_name[READ_FIELDS] = {
    "timestamp", "vmid", "min cpu", "max cpu", "avg cpu"};

/* One reading, as small as the public trace's billion need it. */
struct reading {
	double pct;    /* avg cpu %, clipped to 100 */
	uint32_t slot; /* time / IMPORT_STEP, snapped: 1e11 s is 3.3e8 */
	uint32_t vm;
};

struct az {
	struct import *im;
	struct import_names *vms;
	double *cores; /* by VM; 0 = not known yet */
	size_t cores_cap;
	double (*prov)[2]; /* by VM: vmtable cores and MiB; 0 = not listed */
	size_t prov_cap;
	struct reading *s;
	size_t n, cap;
};

/* The index of VMID, growing the cores array with the set. */
static long vm_index(struct az *a, const char *vmid)
{
	long i = import_names_intern(a->vms, vmid, NULL);

	if (i > (long)UINT32_MAX - 1)
		return -ENOMEM; /* never: 4e9 names do not fit first */
	if (i >= 0 && (import_grow((void **)&a->cores, &a->cores_cap, (size_t)i,
				   sizeof(*a->cores)) ||
		       import_grow((void **)&a->prov, &a->prov_cap, (size_t)i,
				   sizeof(*a->prov))))
		return -ENOMEM;
	return i;
}

/* Bytes this process may use: the machine's memory, or less where a limit
 * on its data or address space says so. */
static double memory_room(void)
{
	double room =
	    (double)sysconf(_SC_PHYS_PAGES) * (double)sysconf(_SC_PAGESIZE);
	const int res[] = {RLIMIT_DATA, RLIMIT_AS};
	struct rlimit rl;

	for (int i = 0; i < 2; i++)
		if (getrlimit(res[i], &rl) == 0 &&
		    rl.rlim_cur != RLIM_INFINITY && (double)rl.rlim_cur < room)
			room = (double)rl.rlim_cur;
	return room;
}

/*
 * Room for one more reading. The array doubles when full; a doubling that,
 * with the sort's copy of the readings, would pass the memory this process
 * may use is refused with what it needs and what to do (-ENOMEM), before
 * the machine swaps or its OOM killer ends the run without a word.
 */
static struct reading *new_reading(struct az *a)
{
	double size = sizeof(*a->s), room;
	double need =
	    (double)(a->cap ? 2 * a->cap : 64) * size + (double)a->n * size;

	if (a->n == a->cap && need > (room = memory_room())) {
		error_msg("import azure: %zu readings so far (%zu bytes each, "
			  "and a copy to sort them) would need %.0f MB or "
			  "more, more than the %.0f MB this process may use; "
			  "import a subset: fewer files, or a time range "
			  "(README: importing public traces)",
			  a->n, sizeof(*a->s), need / 1e6, room / 1e6);
		return NULL;
	}
	if (import_grow((void **)&a->s, &a->cap, a->n, sizeof(*a->s)))
		return NULL;
	return &a->s[a->n++];
}

/* The fields F of a reading, but the VM's name, as numbers into V: the
 * time not after the latest a trace holds. */
static int read_numbers(struct import_input *in, char *const *f, double *v)
{
	int rc;

	for (int i = 0; i < READ_FIELDS; i++) {
		rc = i == 1 ? 0
			    : import_input_num(in, read_name[i], f[i], &v[i]);
		if (rc < 0)
			return rc;
	}
	if (v[0] > TRACE_MAX_TIME)
		return import_input_bad(in, read_name[0],
					"%g s is after the latest time %g s",
					v[0], TRACE_MAX_TIME);
	return 0;
}

static int parse_reading(void *ctx, struct import_input *in, char *line)
{
	struct az *a = ctx;
	char *f[READ_FIELDS];
	double v[READ_FIELDS];
	struct reading *s;
	double t;
	long vm;
	int rc;

	rc = import_input_fields(in, line, f, READ_FIELDS);
	if (rc < 0)
		return rc;
	if (in->line == 1 && !strcasecmp(f[0], "timestamp"))
		return 0; /* a header row */
	if (!*f[1])
		return import_input_bad(in, read_name[1], "empty");
	rc = read_numbers(in, f, v);
	if (rc < 0)
		return rc;
	vm = vm_index(a, f[1]);
	s = vm < 0 ? NULL : new_reading(a);
	if (!s)
		return -ENOMEM;
	s->vm = (uint32_t)vm;
	t = import_snap(v[0], IMPORT_STEP);
	s->slot = (uint32_t)(t / IMPORT_STEP);
	if (t != v[0])
		import_note(a->im, IMPORT_N_SNAPPED, 1);
	s->pct = v[4];
	if (v[4] > 100) {
		s->pct = 100;
		import_note(a->im, IMPORT_N_OVER100, 1);
	}
	return 0;
}

static int read_readings(struct az *a, const char *path)
{
	size_t before = a->n;
	int rc = import_claim_file(a->im, path);

	if (rc == 0)
		rc = import_input_each(path, parse_reading, a);

	if (rc == 0 && a->n == before)
		rc = error_data(path, 1, "(row)", "no readings in this file");
	return rc;
}

/*
 * The cores of a vmtable bucket: a number, or an open bucket ">N" taken as
 * its lower bound N (counted).
 */
static int bucket_cores(struct az *a, struct import_input *in, const char *b,
			double *cores)
{
	bool open = b[0] == '>';
	int rc = import_input_cores(in, "core count bucket", b + open, cores);

	if (rc == 0 && open)
		import_note(a->im, IMPORT_N_AZ_BUCKET, 1);
	return rc;
}

/* The MiB of a vmtable memory bucket (GB; ">N" taken as N). */
static int bucket_memory(struct import_input *in, const char *b, double *mib)
{
	double gb;
	int rc = import_input_num(in, "memory bucket", b + (b[0] == '>'), &gb);

	if (rc == 0 && gb * 1024 > trace_limit(RES_MEM))
		rc = import_input_bad(in, "memory bucket",
				      "%g GB is above the limit %g MiB", gb,
				      trace_limit(RES_MEM));
	if (rc == 0)
		*mib = gb * 1024;
	return rc;
}

static int parse_vmtable_row(void *ctx, struct import_input *in, char *line)
{
	struct az *a = ctx;
	char *f[VMTABLE_FIELDS];
	double cores, mib;
	long vm;
	int rc;

	rc = import_input_keyed(in, line, f, VMTABLE_FIELDS, a->vms, &vm);
	if (rc < 0 || vm < 0 || (in->line == 1 && !strcasecmp(f[0], "vmid")))
		return rc; /* the header, or a VM with no readings here */
	rc = bucket_cores(a, in, f[BUCKET_FIELD], &cores);
	if (rc == 0)
		rc = import_input_same_cores(in, "core count bucket", f[0],
					     cores, &a->cores[vm]);
	if (rc == 0)
		rc = bucket_memory(in, f[MEMORY_FIELD], &mib);
	if (rc == 0 && a->prov[vm][1] > 0 && a->prov[vm][1] != mib)
		rc = import_input_bad(in, "memory bucket",
				      "%g GB, an earlier row of '%s' says %g "
				      "GB",
				      mib / 1024, f[0], a->prov[vm][1] / 1024);
	if (rc == 0)
		a->prov[vm][1] = mib;
	a->prov[vm][0] = a->cores[vm];
	return rc;
}

static int read_folder(struct az *a, const char *dir)
{
	unsigned long skipped = 0;
	char **files = NULL;
	size_t n = 0, used = 0;
	int rc;

	rc = import_input_list(dir, ".csv", &files, &n, &skipped);
	for (size_t i = 0; i < n && rc == 0; i++) {
		const char *b = strrchr(files[i], '/') + 1;

		if (strncmp(b, READINGS_PREFIX, strlen(READINGS_PREFIX))) {
			skipped++;
			continue;
		}
		rc = read_readings(a, files[i]);
		used++;
	}
	import_input_free_list(files, n);
	import_note(a->im, IMPORT_N_SKIPPED, skipped);
	if (rc == 0 && used == 0) {
		error_msg("'%s' holds no %s*.csv files", dir, READINGS_PREFIX);
		rc = -EBADMSG;
	}
	return rc;
}

/* Give VMs the vmtable did not list --cores, counted and the first named
 * in the order read; convert % to cores. -ENOMEM. */
static int to_cores(struct az *a)
{
	double dflt = import_get_opts(a->im)->cores;
	int rc = 0;

	for (size_t i = 0; i < import_names_count(a->vms) && rc == 0; i++)
		if (a->cores[i] == 0) {
			a->cores[i] = dflt;
			rc = import_note_named(a->im, IMPORT_N_AZ_NOCORES,
					       import_names_get(a->vms, i));
		}
	import_note_param(a->im, IMPORT_N_AZ_NOCORES, dflt);
	import_note(a->im, IMPORT_N_AZ_CPU, a->n);
	return rc;
}

static int by_vm_slot(const void *x, const void *y)
{
	const struct reading *p = x, *q = y;

	if (p->vm != q->vm)
		return p->vm < q->vm ? -1 : 1;
	return (p->slot > q->slot) - (p->slot < q->slot);
}

/* Sort the readings by VM and slot; merge those of a VM on one slot into
 * one, the maximum (counted); write each as cpu = % / 100 x cores. */
static int write_all(struct az *a)
{
	double v[RES_COUNT] = {0};
	size_t i = 0;
	int rc = 0;

	if (a->n)
		qsort(a->s, a->n, sizeof(*a->s), by_vm_slot);
	while (i < a->n && rc == 0) {
		const struct reading *r = &a->s[i];
		double pct = r->pct;

		for (i++;
		     i < a->n && a->s[i].vm == r->vm && a->s[i].slot == r->slot;
		     i++) {
			pct = pct > a->s[i].pct ? pct : a->s[i].pct;
			import_note(a->im, IMPORT_N_MERGED, 1);
		}
		v[RES_CPU] = pct * a->cores[r->vm] / 100;
		rc = import_row(a->im, import_names_get(a->vms, r->vm),
				(double)r->slot * IMPORT_STEP, v,
				a->prov[r->vm]);
	}
	return rc;
}

static int read_all(struct az *a, char *const *paths, size_t n)
{
	const char *vmtable = import_get_opts(a->im)->vmtable;
	int rc = 0;

	for (size_t i = 0; i < n && rc == 0; i++) {
		rc = import_input_isdir(paths[i]);
		if (rc == 1)
			rc = read_folder(a, paths[i]);
		else if (rc == 0)
			rc = read_readings(a, paths[i]);
	}
	if (rc == 0 && vmtable)
		rc = import_input_each(vmtable, parse_vmtable_row, a);
	return rc;
}

int import_azure(struct import *im, char *const *paths, size_t n)
{
	struct az a = {.im = im};
	int rc;

	import_note_param(im, IMPORT_N_SNAPPED, IMPORT_STEP);
	rc = import_names_create(&a.vms);
	if (rc == 0)
		rc = read_all(&a, paths, n);
	if (rc == 0)
		rc = to_cores(&a);
	if (rc == 0)
		rc = write_all(&a);
	free(a.s);
	free(a.cores);
	free(a.prov);
	import_names_destroy(a.vms);
	return rc;
}

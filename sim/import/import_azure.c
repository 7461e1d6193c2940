/*
 * import_azure.c - Azure V1 vm_cpu_readings to canonical rows (see
 * import_azure.h). Readings are kept in memory (48 bytes each) until the
 * vmtable has given every VM its cores; then merged and written per VM.
 */
#include "sim/import/import_azure.h"
#include "lib/error.h"
#include "sim/import/import.h"
#include "sim/import/import_input.h"
#include "sim/import/import_names.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define READ_FIELDS 5
#define VMTABLE_FIELDS 11
#define BUCKET_FIELD 9
#define MEMORY_FIELD 10 /* vmmemory bucket, GB */
#define READINGS_PREFIX "vm_cpu_readings"

static const char *const read_name[READ_FIELDS] = {
    "timestamp", "vmid", "min cpu", "max cpu", "avg cpu"};

struct az {
	struct import *im;
	struct import_names *vms;
	double *cores; /* by VM; 0 = not known yet */
	size_t cores_cap;
	double (*prov)[2]; /* by VM: vmtable cores and MiB; 0 = not listed */
	size_t prov_cap;
	struct import_sample *s;
	size_t n, cap;
};

/* The index of VMID, growing the cores array with the set. */
static long vm_index(struct az *a, const char *vmid)
{
	long i = import_names_intern(a->vms, vmid, NULL);

	if (i >= 0 && (import_grow((void **)&a->cores, &a->cores_cap, (size_t)i,
				   sizeof(*a->cores)) ||
		       import_grow((void **)&a->prov, &a->prov_cap, (size_t)i,
				   sizeof(*a->prov))))
		return -ENOMEM;
	return i;
}

static struct import_sample *new_sample(struct az *a)
{
	if (import_grow((void **)&a->s, &a->cap, a->n, sizeof(*a->s)))
		return NULL;
	return &a->s[a->n++];
}

static int parse_reading(void *ctx, struct import_input *in, char *line)
{
	struct az *a = ctx;
	char *f[READ_FIELDS];
	double v[READ_FIELDS];
	struct import_sample *s;
	long vm;
	int rc;

	rc = import_input_fields(in, line, f, READ_FIELDS);
	if (rc < 0)
		return rc;
	if (in->line == 1 && !strcasecmp(f[0], "timestamp"))
		return 0; /* a header row */
	if (!*f[1])
		return import_input_bad(in, read_name[1], "empty");
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
	vm = vm_index(a, f[1]);
	s = vm < 0 ? NULL : new_sample(a);
	if (!s)
		return -ENOMEM;
	s->vm = (size_t)vm;
	s->line = in->line;
	s->time = import_snap(v[0], IMPORT_STEP);
	if (s->time != v[0])
		import_note(a->im, IMPORT_N_SNAPPED, 1);
	s->v[RES_CPU] = v[4];
	if (v[4] > 100) {
		s->v[RES_CPU] = 100;
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
		rc = error_data(path, 1, "row", "no readings in this file");
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

/* Give VMs the vmtable did not list --cores; convert % to cores. */
static void to_cores(struct az *a)
{
	double dflt = import_get_opts(a->im)->cores;
	unsigned long missing = 0;

	for (size_t i = 0; i < import_names_count(a->vms); i++)
		if (a->cores[i] == 0) {
			a->cores[i] = dflt;
			missing++;
		}
	import_note(a->im, IMPORT_N_AZ_NOCORES, missing);
	import_note_param(a->im, IMPORT_N_AZ_NOCORES, dflt);
	for (size_t i = 0; i < a->n; i++)
		a->s[i].v[RES_CPU] *= a->cores[a->s[i].vm] / 100;
	import_note(a->im, IMPORT_N_AZ_CPU, a->n);
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
	size_t m;
	int rc;

	import_note_param(im, IMPORT_N_SNAPPED, IMPORT_STEP);
	rc = import_names_create(&a.vms);
	if (rc == 0)
		rc = read_all(&a, paths, n);
	if (rc == 0) {
		to_cores(&a);
		m = import_merge_max(im, a.s, a.n);
		for (size_t i = 0; i < m && rc == 0; i++)
			rc = import_row(im, import_names_get(a.vms, a.s[i].vm),
					a.s[i].time, a.s[i].v,
					a.prov[a.s[i].vm]);
	}
	free(a.s);
	free(a.cores);
	free(a.prov);
	import_names_destroy(a.vms);
	return rc;
}

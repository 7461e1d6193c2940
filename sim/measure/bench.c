/*
 * bench.c - see bench.h.
 */
#include "sim/measure/bench.h"
#include "sim/measure/spread.h"
#include "lib/error.h"
#include "lib/grow.h"
#include "vmm/guest_status.h"
#include "vmm/x86_boot.h"
#include "vmm/x86_tsc.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *const bench_style_names[BENCH_NSTYLES + 1] = {"full", "para", "hw",
							  NULL};

const char *bench_style_name(enum bench_style s)
{
	return bench_style_names[s];
}

double bench_now(void)
{
	return (double)vmm_now_ns() * 1e-9;
}

double bench_median(double *x, int n)
{
	return spread_median(x, n);
}

void bench_begin(struct bench *b)
{
	machine_describe(&b->machine);
	b->load_after = b->machine.load1;
	b->nmarks = 0;
	if (machine_snap(&b->marks[0]) == 0)
		b->nmarks = 1;
}

void bench_end(struct bench *b)
{
	struct machine_info m;

	machine_describe(&m);
	b->load_after = m.load1;
}

size_t bench_trustworthy(const struct bench *b)
{
	size_t n = 0;

	for (size_t i = 0; i < b->nrows; i++)
		n += !b->rows[i].noisy;
	return n;
}

void bench_print_trust(const struct bench *b, FILE *fp)
{
	size_t u = 0;

	for (size_t i = 0; i < b->nrows; i++)
		u += b->rows[i].unjudged;
	fprintf(fp, "%zu of %zu row%s trustworthy (not noisy",
		bench_trustworthy(b), b->nrows, b->nrows == 1 ? "" : "s");
	if (u)
		fprintf(fp, "; %zu of one run cannot be judged: no spread", u);
	fputc(')', fp);
}

const char *bench_backend_phrase(const struct bench *b)
{
	if (b->acc && !strcmp(accel_name(b->acc), "tcg"))
		return "binary translation (tcg, no hardware assistance)";
	return "hardware-assisted virtualization (KVM)";
}

/* Add one reason to R's noise, after those there are ("; " between). */
static void __attribute__((format(printf, 2, 3)))
add_reason(struct bench_row *r, const char *fmt, ...)
{
	size_t len = strlen(r->noise);
	va_list ap;

	if (len)
		len += (size_t)snprintf(r->noise + len, sizeof(r->noise) - len,
					"; ");
	if (len >= sizeof(r->noise))
		return;
	va_start(ap, fmt);
	vsnprintf(r->noise + len, sizeof(r->noise) - len, fmt, ap);
	va_end(ap);
}

/* S's spread (max - min) as a percentage of its median. */
static double spread_pct(const struct spread *s)
{
	return s->median > 0 ? 100 * (s->max - s->min) / s->median : 0;
}

/* The latest snapshot at least BENCH_LOAD_MIN_S before NOW, else the
   oldest kept; NULL if none was taken. */
static const struct machine_snap *load_from(const struct bench *b,
					    double now)
{
	size_t n = b->nmarks < BENCH_MARKS ? b->nmarks : BENCH_MARKS;
	const struct machine_snap *s = NULL;

	for (size_t i = 1; i <= n; i++) {
		s = &b->marks[(b->nmarks - i) % BENCH_MARKS];
		if (now - s->wall >= BENCH_LOAD_MIN_S)
			break;
	}
	return s;
}

/* R's other load (and steal), in cores, over at least BENCH_LOAD_MIN_S
   ending now (waiting out the rest where the bench is younger), at most
   the machine's cores; 0 where /proc/stat cannot be read. */
static void row_load(struct bench *b, struct bench_row *r)
{
	struct machine_snap now;
	const struct machine_snap *from;
	double steal = 0, wait;

	r->others = 0;
	if (machine_snap(&now) < 0)
		return;
	from = load_from(b, now.wall);
	wait = from ? BENCH_LOAD_MIN_S - (now.wall - from->wall) : 0;
	if (wait > 0) {
		struct timespec ts = {0, (long)(wait * 1e9)};

		nanosleep(&ts, NULL);
		if (machine_snap(&now) < 0)
			return;
	}
	if (from)
		machine_others(from, &now, &r->others, &steal);
	b->marks[b->nmarks++ % BENCH_MARKS] = now;
	r->others += steal;
	if (b->machine.cores > 0 && r->others > b->machine.cores)
		r->others = b->machine.cores;
}

/* Spread, outliers, other load, and the noisy verdict with every reason
   that applies (both sides' spreads when both spread; one run has none
   to judge). */
static void judge(struct bench *b, struct bench_row *r, double *nat,
		  double *gst, int n)
{
	struct spread sn, sg;

	spread_of(nat, n, &sn);
	spread_of(gst, n, &sg);
	r->native_mad_pct = 100 * sn.rel_mad;
	r->guest_mad_pct = 100 * sg.rel_mad;
	r->outliers = sn.outliers + sg.outliers;
	row_load(b, r);
	if (n < 2) {
		r->unjudged = true;
		r->native_mad_pct = r->guest_mad_pct = NAN;
		add_reason(r, "one run: no spread to judge");
	}
	if (spread_pct(&sn) > 20 && !r->per_exit)
		add_reason(r, "native spread %.0f %%", spread_pct(&sn));
	if (spread_pct(&sg) > 20)
		add_reason(r, "guest spread %.0f %%", spread_pct(&sg));
	if (r->others > BENCH_BUSY_CORES)
		add_reason(r, "other processes used %.1f cores", r->others);
	r->noisy = r->noise[0] != '\0';
}

static struct bench_row *new_row(struct bench *b)
{
	if (grow_array((void **)&b->rows, &b->cap, b->nrows + 1,
		       sizeof(*b->rows), 32))
		return NULL;
	memset(&b->rows[b->nrows], 0, sizeof(b->rows[0]));
	return &b->rows[b->nrows++];
}

static int add(struct bench *b, const char *workload, enum bench_style st,
	       const char *variant, const double *native, const double *guest,
	       const double *exits, int n, double ops, bool per_exit)
{
	double nat[BENCH_MAX_REPEAT], gst[BENCH_MAX_REPEAT];
	double ex[BENCH_MAX_REPEAT];
	struct bench_row *r = new_row(b);

	if (!r)
		return -ENOMEM;
	memcpy(nat, native, (size_t)n * sizeof(*nat));
	memcpy(gst, guest, (size_t)n * sizeof(*gst));
	memcpy(ex, exits, (size_t)n * sizeof(*ex));
	snprintf(r->workload, sizeof(r->workload), "%s", workload);
	snprintf(r->style, sizeof(r->style), "%s", bench_style_names[st]);
	snprintf(r->variant, sizeof(r->variant), "%s", variant);
	snprintf(r->accel, sizeof(r->accel), "%s",
		 b->acc ? accel_name(b->acc) : "none");
	r->per_exit = per_exit;
	r->native_s = bench_median(nat, n);
	r->guest_s = bench_median(gst, n);
	r->exits = bench_median(ex, n);
	r->overhead_pct = 100 * (r->guest_s / r->native_s - 1);
	r->lo_pct = 100 * (gst[0] / nat[n - 1] - 1);
	r->hi_pct = 100 * (gst[n - 1] / nat[0] - 1);
	r->best_pct = 100 * (gst[0] / nat[0] - 1);
	r->per_op_ns = ops > 0 ? r->guest_s / ops * 1e9 : 0;
	r->op_lo_ns = ops > 0 ? gst[0] / ops * 1e9 : 0;
	r->op_hi_ns = ops > 0 ? gst[n - 1] / ops * 1e9 : 0;
	r->native_op_ns = ops > 0 ? r->native_s / ops * 1e9 : 0;
	judge(b, r, nat, gst, n);
	return 0;
}

int bench_add(struct bench *b, const char *workload, enum bench_style st,
	      const char *variant, const double *native, const double *guest,
	      const double *exits, int n, double ops)
{
	return add(b, workload, st, variant, native, guest, exits, n, ops,
		   false);
}

int bench_add_per_exit(struct bench *b, const char *variant,
		       const double *native, const double *guest,
		       const double *exits, int n, double ops)
{
	return add(b, "exit", BENCH_HW, variant, native, guest, exits, n, ops,
		   true);
}

static int guest_outcome(struct vmm_vm *vm, enum vmm_outcome o,
			 const char *name)
{
	if (o == VMM_DONE && vmm_vm_status(vm) == 0)
		return 0;
	char why[512];

	if (o == VMM_FAULT) {
		error_msg("bench: guest '%s': %s", name, vmm_vm_fault_msg(vm));
		return -EIO;
	}
	if (o == VMM_TIMEOUT) {
		error_msg("bench: guest '%s' timed out", name);
		return -EIO;
	}
	guest_status_describe(vmm_vm_status(vm), vmm_vm_result(vm), why,
			      sizeof(why));
	error_msg("bench: guest '%s' failed: status %d (%s)", name,
		  vmm_vm_status(vm), why);
	return -EIO;
}

static double total_exits(const struct vmm_stats *s)
{
	double t = 0;

	for (int r = 0; r < VMM_EXIT_NR; r++)
		t += (double)s->exits[r];
	return t;
}

int bench_run_guest(struct bench *b, const struct bench_guest *g, double *secs,
		    double *exits)
{
	struct vmm_vm_opts o = {
	    .guest = g->guest,
	    .vcpus = 1,
	    .params = g->kv,
	    .nparams = g->nkv,
	    .hugepages = g->hugepages,
	    .mem_bytes = g->mem_bytes ? g->mem_bytes : 64u << 20,
	    .page_size = g->page_size ? g->page_size : X86_PAGE_2M,
	    .device =
		g->style == BENCH_PARA ? ABI_DEV_PARAVIRT : ABI_DEV_EMULATED,
	    .disk_bytes = 64u << 20,
	    .net_port = g->net_port,
	};
	struct vmm_vm *vm;
	uint64_t tsc = 0;
	int rc = vmm_vm_create(b->acc, &o, &vm);

	if (rc < 0)
		return rc;
	rc = guest_outcome(vm, vmm_vm_run(vm, 600), g->guest);
	if (rc == 0 && vmm_vm_result_get(vm, g->tsc_key, &tsc) < 0) {
		error_msg("bench: guest '%s' did not report '%s'", g->guest,
			  g->tsc_key);
		rc = -EIO;
	}
	if (rc == 0) {
		*secs = (double)tsc / x86_tsc_per_ns() * 1e-9;
		*exits = total_exits(vmm_vm_stats(vm));
	}
	vmm_vm_destroy(vm);
	return rc;
}

void bench_progress(const char *fmt, ...)
{
	va_list ap;

	fputs("bench: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* A MAD for the CSV: empty when unjudged (one run). */
static const char *mad_text(double pct, char *buf, size_t len)
{
	if (isnan(pct))
		return "";
	snprintf(buf, len, "%.2f", pct);
	return buf;
}

void bench_write_csv(const struct bench *b, FILE *fp)
{
	const struct machine_info *m = &b->machine;
	char nm[32], gm[32];

	fprintf(fp, "workload,style,variant,accel,native_s,guest_s,"
		    "overhead_pct,overhead_lo_pct,overhead_hi_pct,exits,"
		    "per_op_ns,native_op_ns,noisy,overhead_best_pct,runs,"
		    "warmup,native_mad_pct,guest_mad_pct,outliers,others_cores,"
		    "noise,nested,cpu_model,cores,load_before,load_after,"
		    "note,per_op_lo_ns,per_op_hi_ns,headline\n");
	for (size_t i = 0; i < b->nrows; i++) {
		const struct bench_row *r = &b->rows[i];

		fprintf(fp,
			"%s,%s,%s,%s,%.9g,%.9g,%.3f,%.3f,%.3f,%.0f,%.2f,"
			"%.2f,%d,%.3f,%d,1,%s,%s,%d,%.2f,%s,%d,%s,%d,"
			"%.2f,%.2f,%s,%.2f,%.2f,%s\n",
			r->workload, r->style, r->variant, r->accel,
			r->native_s, r->guest_s, r->overhead_pct, r->lo_pct,
			r->hi_pct, r->exits, r->per_op_ns, r->native_op_ns,
			r->noisy, r->best_pct, b->repeat,
			mad_text(r->native_mad_pct, nm, sizeof(nm)),
			mad_text(r->guest_mad_pct, gm, sizeof(gm)), r->outliers,
			r->others, r->noise, m->nested, m->model, m->cores,
			m->load1, b->load_after, r->note, r->op_lo_ns,
			r->op_hi_ns, r->per_exit ? "per_exit" : "overhead");
	}
}

/* One row of the table; an unjudged row's mad is "-". */
static void print_row(const struct bench_row *r, FILE *fp)
{
	char mad[16] = "     -";

	if (!r->unjudged)
		snprintf(mad, sizeof(mad), "%5.1f%%",
			 fmax(r->native_mad_pct, r->guest_mad_pct));
	fprintf(fp,
		"%-8s %-5s %-22s %9.3f ms %9.3f ms %9.1f%% "
		"[%7.1f, %7.1f]%% %s %9.0f %10.1f%s%s%s%s%s%s\n",
		r->workload, r->style, r->variant, r->native_s * 1e3,
		r->guest_s * 1e3, r->overhead_pct, r->lo_pct, r->hi_pct, mad,
		r->exits, r->per_op_ns,
		r->unjudged ? "  UNJUDGED ("
		: r->noisy  ? "  NOISY ("
			    : "",
		r->noise, r->noisy ? ")" : "", r->note[0] ? "  NOTE (" : "",
		r->note, r->note[0] ? ")" : "");
}

/* One exit row: the cost per exit in the guest, its range over the runs,
   the guest's mad; the native loop's time per operation for reference. */
static void print_exit_row(const struct bench_row *r, FILE *fp)
{
	char mad[16] = "     -";

	if (!r->unjudged)
		snprintf(mad, sizeof(mad), "%5.1f%%", r->guest_mad_pct);
	fprintf(fp,
		"%-8s %-5s %-12s %12.3f us [%8.3f, %8.3f] us %s %9.0f "
		"%10.1f ns%s%s%s\n",
		r->workload, r->style, r->variant, r->per_op_ns / 1e3,
		r->op_lo_ns / 1e3, r->op_hi_ns / 1e3, mad, r->exits,
		r->native_op_ns,
		r->unjudged ? "  UNJUDGED ("
		: r->noisy  ? "  NOISY ("
			    : "",
		r->noise, r->noisy ? ")" : "");
}

/* The exit rows, in a table of their own: cost per exit, not overhead. */
static void print_exit_rows(const struct bench *b, FILE *fp)
{
	size_t n = 0;

	for (size_t i = 0; i < b->nrows; i++)
		n += b->rows[i].per_exit;
	if (!n)
		return;
	fprintf(fp,
		"exit rows: cost per exit in the guest (its loop's time / its "
		"exits), median [min, max]\nover the runs, judged on the "
		"guest's spread; native = the host's time per store or "
		"CPUID\n");
	fprintf(fp, "%-8s %-5s %-12s %15s %23s %6s %9s %13s\n", "workload",
		"style", "variant", "per exit", "range", "mad", "exits",
		"native/op");
	for (size_t i = 0; i < b->nrows; i++)
		if (b->rows[i].per_exit)
			print_exit_row(&b->rows[i], fp);
}

void bench_print_rows(const struct bench *b, FILE *fp)
{
	size_t n = 0;

	for (size_t i = 0; i < b->nrows; i++)
		n += !b->rows[i].per_exit;
	fprintf(fp,
		"guests ran by %s; %d core%s (%s)%s; load %.2f at the start\n",
		bench_backend_phrase(b), b->machine.cores,
		b->machine.cores == 1 ? "" : "s", b->machine.model,
		b->machine.nested ? ", itself a virtual machine (CPUID "
				    "hypervisor bit)"
				  : "",
		b->machine.load1);
	if (n)
		fprintf(fp,
			"%-8s %-5s %-22s %11s %11s %10s %19s %6s %9s %10s\n",
			"workload", "style", "variant", "native", "guest",
			"overhead", "range", "mad", "exits", "ns/op");
	for (size_t i = 0; i < b->nrows; i++)
		if (!b->rows[i].per_exit)
			print_row(&b->rows[i], fp);
	print_exit_rows(b, fp);
	bench_print_trust(b, fp);
	fprintf(fp,
		"; %d run%s each after one warm-up; mad = the larger side's "
		"median absolute deviation%s; load %.2f at the end\n",
		b->repeat, b->repeat == 1 ? "" : "s",
		n < b->nrows ? " (exit rows: the guest's)" : "", b->load_after);
}

void bench_free(struct bench *b)
{
	free(b->rows);
	b->rows = NULL;
	b->nrows = b->cap = 0;
}

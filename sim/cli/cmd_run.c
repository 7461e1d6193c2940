/*
 * cmd_run.c - `vmux run GUEST`: boot one embedded guest on the monitor,
 * print its console and results, and exit 0 only if it reported success.
 * Guest failure, a guest fault or a timeout exit 1 with the reason.
 */
#include "sim/cli/command.h"
#include "sim/cli/options.h"
#include "lib/error.h"
#include "lib/outfile.h"
#include "vmm/dev/sink.h"
#include "vmm/guest_image.h"
#include "vmm/guest_status.h"
#include "vmm/guest/work.h"
#include "vmm/vm.h"
#include "vmm/x86_boot.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define EXIT_GUEST 1
#define STR(X) #X
#define XSTR(X) STR(X)

struct run_args {
	struct vmm_vm_opts o;
	struct abi_kv kv[ABI_MAX_KV];
	int accel, device, page; /* enum accel_kind, abi_device; page name */
	int net_port;		 /* 0: vmux's own sink */
	size_t mem_mib, disk_mib;
	double timeout;
	bool stats;
};

/* enum abi_device order. */
static const char *const devices[] = {"emulated", "paravirt", NULL};

static const char *param_cb(void *args, const char *s)
{
	struct run_args *a = args;
	const char *eq = strchr(s, '=');
	struct abi_kv *kv = &a->kv[a->o.nparams];
	char *end;
	bool hex;

	if (!eq || eq == s || eq - s >= ABI_KEY_LEN)
		return "is not KEY=VALUE with a key shorter than " XSTR(
		    ABI_KEY_LEN) " characters";
	if (a->o.nparams == ABI_MAX_KV)
		return "is one too many (at most " XSTR(ABI_MAX_KV) ")";
	memset(kv, 0, sizeof(*kv));
	memcpy(kv->key, s, (size_t)(eq - s));
	for (int i = 0; i < a->o.nparams; i++)
		if (!strcmp(a->kv[i].key, kv->key))
			return "gives a KEY given before (the guest would read "
			       "only the first)";
	/* Decimal, or hex after 0x: a leading 0 is not octal (kib=010 was
	   8 KiB, kib=09 refused). */
	hex = (eq[1] == '0' && (eq[2] == 'x' || eq[2] == 'X'));
	errno = 0;
	kv->value = strtoull(eq + 1 + 2 * hex, &end, hex ? 16 : 10);
	if (errno || !isxdigit((unsigned char)eq[1 + 2 * hex]) ||
	    (!hex && !isdigit((unsigned char)eq[1])) || *end)
		return "has a VALUE that is not an integer (0 or more)";
	a->o.nparams++;
	return NULL;
}

#define A(F, T) OPT_AT(struct run_args, F, T)
static const struct opt options[] = {
    OPT_POSITIONAL("GUEST", A(o.guest, const char *)),
    OPT_NUM(OPT_SIZE, "mem", A(mem_mib, size_t), "MIB",
	    OPT_IN(8, ABI_MAX_RAM >> 20), "MiB",
	    "guest RAM, an even number (default 64)"),
    OPT_NUM(OPT_INT, "vcpus", A(o.vcpus, int), "N", OPT_IN(1, 16), NULL,
	    "vCPUs, one thread each (default 1)"),
    OPT_CHOICE(OPT_ENUM, "device", A(device, int), "STYLE", devices,
	       "emulated (default) or paravirt devices"),
    OPT_CHOICE(OPT_ENUM, "page-size", A(page, int), "SIZE", x86_page_size_names,
	       "guest pages (default 2m)"),
    OPT_BOOL("hugepages", A(o.hugepages, bool),
	     "back guest RAM with 2 MiB huge pages"),
    OPT_CB("param", "KEY=VALUE", param_cb,
	   "a guest parameter (integer; repeatable)"),
    OPT_NUM(OPT_DURATION, "timeout", A(timeout, double), "SEC",
	    OPT_IN(0.001, 86400), "s",
	    "stop the guest after SEC (default 10 s)"),
    OPT_STR("disk", 0, A(o.disk_path, const char *), "FILE", 0,
	    "back the block devices with FILE, used whole\n"
	    "(created, or grown to --disk-mib if smaller;\n"
	    "default: a temporary file)"),
    OPT_NUM(OPT_SIZE, "disk-mib", A(disk_mib, size_t), "N", OPT_IN(1, 1 << 20),
	    "MiB",
	    "disk size (default 64); with --disk the least:\n"
	    "a larger FILE is used whole, never shrunk"),
    OPT_NUM(OPT_INT, "net-port", A(net_port, int), "PORT", OPT_IN(1, 65535),
	    NULL,
	    "NICs send UDP to 127.0.0.1:PORT (default: vmux's\n"
	    "own sink, which reports frames, bytes and FNV-1a sum)"),
    OPT_BOOL("stats", A(stats, bool), "print exits by reason and monitor time"),
    OPT_INCLUDE(cli_accel_opts, A(accel, int)),
    OPT_TABLE_END,
};

/*
 * Guests another command drives: they need what only it provides (duty
 * blocks on the slot clock of validate's trace replay), so run neither
 * lists nor boots them.
 */
static const struct {
	const char *guest, *command, *why;
} driven[] = {
    {"duty", "validate",
     "which replays a plan's trace on it slot by slot (the slot clock "
     "and the work units of each slot)"},
};

static int driven_by(const char *guest)
{
	for (size_t i = 0; i < sizeof(driven) / sizeof(driven[0]); i++)
		if (!strcmp(driven[i].guest, guest))
			return (int)i;
	return -1;
}

/* The guests run boots, after the generated help. */
static void list_guests(FILE *fp)
{
	size_t n, col = 7;
	const struct guest_image *g = guest_image_all(&n);

	fprintf(fp, "\nguests:");
	for (size_t i = 0; i < n; i++) {
		size_t w = strlen(g[i].name) + 1;

		if (driven_by(g[i].name) >= 0)
			continue;
		if (col + w > 78) {
			fprintf(fp, "\n       ");
			col = 7;
		}
		fprintf(fp, " %s", g[i].name);
		col += w;
	}
	fprintf(fp, "\n");
}

/* Whether PATH is a regular file or a name to create. */
static bool disk_usable(const char *path)
{
	struct stat st;

	return stat(path, &st) < 0 || S_ISREG(st.st_mode);
}

/* Every --param key is one G reads (its GUEST_KEYS), or a usage error
   naming the valid keys, before any backend opens (`run exit --param
   n=5000` ran its default 10,000 exits before 'n' was found unread). The
   monitor refuses such a VM whoever asks (vmm_vm_create()); run asks
   first, to say it as a usage error. */
static int check_keys(const struct opt_cmd *c, const struct run_args *a,
		      const struct guest_image *g)
{
	char why[512];

	if (guest_image_check_keys(g, a->kv, a->o.nparams, why, sizeof(why)))
		return opt_error(c, "--param", "%s", why);
	return 0;
}

/* The options into the monitor's, and the guest and disk checked before
   any backend is chosen. */
static int check(const struct opt_cmd *c, void *args)
{
	struct run_args *a = args;
	const struct guest_image *g;
	int d;

	a->o.mem_bytes = a->mem_mib << 20;
	a->o.disk_bytes = (uint64_t)a->disk_mib << 20;
	a->o.device = (enum abi_device)a->device;
	x86_page_size_parse(x86_page_size_names[a->page], &a->o.page_size);
	/* A misspelt guest is a usage error, said first. */
	g = guest_image_find(a->o.guest);
	if (!g) {
		int rc = opt_error(c, NULL, "no guest image '%s'", a->o.guest);

		list_guests(stderr);
		return rc;
	}
	/* RAM is whole 2 MiB pages: an odd --mem was rounded up unsaid. */
	if (a->mem_mib % 2)
		return opt_error(
		    c, "--mem",
		    "'%zu' is odd: guest RAM is whole 2 MiB pages; "
		    "give %zu or %zu",
		    a->mem_mib, a->mem_mib - 1, a->mem_mib + 1);
	d = driven_by(a->o.guest);
	if (d >= 0)
		return opt_error(c, NULL,
				 "guest '%s' is driven by 'vmux %s', %s: it "
				 "does not run alone",
				 a->o.guest, driven[d].command, driven[d].why);
	/* A device or FIFO cannot be sized as a disk: a usage error now,
	   not a failure inside the monitor later. */
	if (a->o.disk_path && !disk_usable(a->o.disk_path))
		return opt_error(c, "--disk", "'%s' is not a regular file",
				 a->o.disk_path);
	return check_keys(c, a, g);
}

static const struct opt_cmd cmd = {
    .name = "run",
    .about = "Boot GUEST on vmux's monitor; exit 0 only if it reports "
	     "success (1 if it\nfails, faults or times out).\n",
    .opts = options,
    .check = check,
};

/* The disk's and the network's stats lines, for the devices used. */
static void print_io(const struct vmm_stats *s)
{
	if (s->disk_read || s->disk_written)
		fprintf(stderr,
			"stats: disk               %llu byte%s read, "
			"%llu written\n",
			(unsigned long long)s->disk_read,
			s->disk_read == 1 ? "" : "s",
			(unsigned long long)s->disk_written);
	if (s->net_frames)
		fprintf(stderr,
			"stats: net                %llu frame%s, %llu "
			"byte%s sent\n",
			(unsigned long long)s->net_frames,
			s->net_frames == 1 ? "" : "s",
			(unsigned long long)s->net_bytes,
			s->net_bytes == 1 ? "" : "s");
}

static void print_stats(const struct vmm_vm *vm, const char *accel)
{
	static const char *const names[VMM_EXIT_NR] = {
	    "io",	"mmio",		"hlt",	"shutdown", "fail_entry",
	    "internal", "system_event", "intr", "unknown"};
	const struct vmm_stats *s = vmm_vm_stats(vm);
	uint64_t total = 0;

	fprintf(stderr, "stats: accel %s\n", accel);
	for (int r = 0; r < VMM_EXIT_NR; r++) {
		total += s->exits[r];
		if (s->exits[r])
			fprintf(stderr, "stats: exits %-12s %llu\n", names[r],
				(unsigned long long)s->exits[r]);
	}
	print_io(s);
	fprintf(stderr,
		"stats: exits total        %llu\n"
		"stats: monitor time       %.3f ms (%.0f ns per exit)\n"
		"stats: run time           %.3f ms\n",
		(unsigned long long)total, s->monitor_ns / 1e6,
		total ? (double)s->monitor_ns / (double)total : 0.0,
		s->run_ns / 1e6);
	if (s->first_mark_ns)
		fprintf(stderr,
			"stats: first instruction  %.3f ms after VM "
			"creation began (monotonic %llu ns)\n",
			(s->first_mark_ns - s->create_ns) / 1e6,
			(unsigned long long)s->first_mark_ns);
}

static void print_results(const struct vmm_vm *vm)
{
	const struct abi_result *r = vmm_vm_result(vm);
	uint32_t n = r->nkv < ABI_MAX_KV ? r->nkv : ABI_MAX_KV;

	for (uint32_t i = 0; i < n; i++)
		printf("result %.*s = %llu\n", ABI_KEY_LEN, r->kv[i].key,
		       (unsigned long long)r->kv[i].value);
}

/* A --param the guest never read was ignored. check_keys refused every
 * key outside the guest's GUEST_KEYS before the run, so this is the
 * guard for a declared key its code no longer reads. */
static int check_params_read(struct vmm_vm *vm)
{
	const struct abi_params *p = vmm_vm_params(vm);

	for (uint32_t i = 0; i < p->nkv && i < ABI_MAX_KV; i++)
		if (!(p->kv_read & (1ull << i)))
			return error_usage("run",
					   "option '--param': guest '%s' never "
					   "read '%.*s' (ignored, though its "
					   "GUEST_KEYS lists it)",
					   vmm_vm_opts(vm)->guest, ABI_KEY_LEN,
					   p->kv[i].key);
	return VMUX_EXIT_OK;
}

/*
 * What failed on the host side of the devices, by the option that chose
 * it: the disk file, or the UDP port of --net-port (NET_PORT; 0: vmux's
 * own sink, whose failure is the monitor's).
 */
static void print_host_errors(const struct vmm_vm *vm, int net_port)
{
	const struct vmm_stats *s = vmm_vm_stats(vm);

	if (s->disk_errno)
		error_msg("the guest's disk '%s' failed on the host: %s",
			  vmm_vm_opts(vm)->disk_path
			      ? vmm_vm_opts(vm)->disk_path
			      : "(temporary file)",
			  strerror(s->disk_errno));
	if (s->net_errno && net_port)
		error_msg("option '--net-port': sending to UDP 127.0.0.1:%d "
			  "failed: %s%s",
			  net_port, strerror(s->net_errno),
			  s->net_errno == ECONNREFUSED
			      ? " (nothing receives on that port: start a UDP "
				"receiver there, or leave --net-port out for "
				"vmux's own sink)"
			      : "");
}

/* Past --timeout: how far the guest got, so that a slow guest (emulated
   devices exit every few bytes) is told from a stuck one. */
static void say_timeout(const struct vmm_vm *vm, double timeout)
{
	const struct vmm_stats *s = vmm_vm_stats(vm);
	unsigned long long n = 0;

	for (int r = 0; r < VMM_EXIT_NR; r++)
		n += s->exits[r];
	error_msg("guest '%s' ran past --timeout %g s and was stopped, after "
		  "%llu exit%s to the monitor%s",
		  vmm_vm_opts(vm)->guest, timeout, n, n == 1 ? "" : "s",
		  n > 100 ? " (still at work: raise --timeout, or give it "
			    "less work with --param)"
			  : "");
}

/* After a fault: 'priv --param op=2' runs RDMSR, which faults at CPL 3 by
 * design (README, vmm/guest/prog_priv.c): say that this is expected. */
static void note_priv_msr(const struct run_args *a)
{
	if (strcmp(a->o.guest, "priv"))
		return;
	for (int i = 0; i < a->o.nparams; i++)
		if (!strcmp(a->kv[i].key, "op") &&
		    a->kv[i].value == WORK_PRIV_MSR)
			error_note("this is expected for 'priv --param op=2': "
				   "it runs RDMSR, which only CPL 0 may run, "
				   "as a deliberate test that the monitor "
				   "contains a guest's fault; op=0 (port I/O) "
				   "and op=1 (CPUID) run at CPL 3");
}

static int print_outcome(struct vmm_vm *vm, enum vmm_outcome o,
			 const struct run_args *a)
{
	double timeout = a->timeout;
	char why[512];

	fflush(stdout);
	print_results(vm);
	if (!(o == VMM_DONE && vmm_vm_status(vm) == 0))
		print_host_errors(vm, a->net_port);
	switch (o) {
	case VMM_DONE:
		if (vmm_vm_status(vm) == 0)
			return check_params_read(vm);
		guest_status_describe(vmm_vm_status(vm), vmm_vm_result(vm), why,
				      sizeof(why));
		error_msg("guest '%s' failed: status %d (%s)",
			  vmm_vm_opts(vm)->guest, vmm_vm_status(vm), why);
		return EXIT_GUEST;
	case VMM_FAULT:
		error_msg("guest '%s' stopped: %s", vmm_vm_opts(vm)->guest,
			  vmm_vm_fault_msg(vm));
		note_priv_msr(a);
		return EXIT_GUEST;
	case VMM_TIMEOUT:
		say_timeout(vm, timeout);
		return EXIT_GUEST;
	default:
		error_msg("guest '%s' was stopped", vmm_vm_opts(vm)->guest);
		return EXIT_GUEST;
	}
}

/*
 * What reached vmux's own sink: every frame the NICs sent must arrive (a
 * lost datagram on loopback is reported, never hidden).
 */
static int report_sink(struct dev_sink *sink, const struct vmm_vm *vm)
{
	const struct vmm_stats *s = vmm_vm_stats(vm);
	struct dev_sink_counts c;

	if (!sink || !s->net_frames)
		return 0;
	dev_sink_wait(sink, s->net_frames, 2000);
	c = dev_sink_counts(sink);
	printf("sink frames = %llu\nsink bytes = %llu\nsink sum = %llu\n",
	       (unsigned long long)c.frames, (unsigned long long)c.bytes,
	       (unsigned long long)c.hash);
	if (c.frames == s->net_frames && c.bytes == s->net_bytes)
		return 0;
	error_msg("the sink received %llu of %llu frame%s sent",
		  (unsigned long long)c.frames,
		  (unsigned long long)s->net_frames,
		  s->net_frames == 1 ? "" : "s");
	return EXIT_GUEST;
}

static int run_vm(struct run_args *a, struct accel *acc)
{
	struct dev_sink *sink = NULL;
	struct vmm_vm *vm = NULL;
	enum vmm_outcome o;
	int rc = 0;

	if (a->net_port == 0)
		rc = dev_sink_start(&sink);
	a->o.net_port = sink ? dev_sink_port(sink) : (uint16_t)a->net_port;
	if (rc == 0)
		rc = vmm_vm_create(acc, &a->o, &vm);
	if (rc < 0) {
		dev_sink_stop(sink);
		/* A misspelt guest was a usage error in check(): -ENOENT
		   here is a file (--disk in a missing folder), exit 74. */
		return error_exit_code(rc);
	}
	o = vmm_vm_run(vm, a->timeout);
	if (a->stats)
		print_stats(vm, accel_name(acc));
	rc = print_outcome(vm, o, a);
	if (report_sink(sink, vm) && rc == 0)
		rc = EXIT_GUEST;
	vmm_vm_destroy(vm);
	dev_sink_stop(sink);
	return rc;
}

static int run_main(int argc, char **argv)
{
	struct run_args a = {.o = {.vcpus = 1},
			     .page = 1, /* 2m */
			     .mem_mib = 64,
			     .disk_mib = 64,
			     .timeout = 10};
	struct accel *acc = NULL;
	int rc = opt_parse(&cmd, argc, argv, &a, NULL);

	if (rc == OPT_HELP)
		list_guests(stdout);
	if (rc)
		return opt_status(rc);
	a.o.params = a.kv;
	/* The guest's console appears as it is written, line by line, also
	   on a pipe (a monitor that holds it back until exit misleads); its
	   lines are written on the vCPU threads, so a failed write keeps its
	   errno for the message at the end ("No space left on device"). */
	rc = outfile_keep_stdout_errno(_IOLBF);
	if (rc < 0)
		return error_exit_code(rc);
	a.o.console = stdout;
	a.o.log_hcalls = false;
	rc = accel_open((enum accel_kind)a.accel, NULL, false, &acc);
	if (rc < 0)
		return error_exit_code(rc);
	rc = run_vm(&a, acc);
	accel_close(acc);
	return rc;
}

const struct command cmd_run = {
    "run", "boot a guest on vmux's monitor (KVM or tcg)", run_main, &cmd};

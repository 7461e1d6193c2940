/*
 * cmd_run.c - `vmux run GUEST`: boot one embedded guest on the monitor,
 * print its console and results, and exit 0 only if it reported success.
 * Guest failure, a guest fault or a timeout exit 1 with the reason.
 */
#include "sim/cli/command.h"
#include "lib/error.h"
#include "vmm/dev/sink.h"
#include "vmm/guest_image.h"
#include "vmm/vm.h"
#include "vmm/x86_boot.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXIT_GUEST 1

struct run_args {
	struct vmm_vm_opts o;
	struct abi_kv kv[ABI_MAX_KV];
	enum accel_kind accel;
	double timeout;
	bool stats;
	double net_port;	/* 0: vmux's own sink */
};

static void usage(FILE *fp)
{
	const struct guest_image *g;
	size_t n;

	fprintf(fp,
		"usage: vmux run GUEST [options]\n\n"
		"Boot GUEST on vmux's monitor; exit 0 only if it reports success.\n\n"
		"  --mem MIB            guest RAM in MiB (default 64)\n"
		"  --vcpus N            vCPUs, one thread each (default 1)\n"
		"  --device STYLE       emulated (default) or paravirt devices\n"
		"  --page-size SIZE     guest pages: 4k, 2m (default) or 1g\n"
		"  --hugepages          back guest RAM with 2 MiB huge pages\n"
		"  --param KEY=VALUE    a guest parameter (integer; repeatable)\n"
		"  --timeout SEC        stop the guest after SEC seconds "
		"(default 10)\n"
		"  --disk FILE          back the block devices with FILE "
		"(created, grown\n"
		"                       to --disk-mib; default: a temporary "
		"file)\n"
		"  --disk-mib N         disk size in MiB (default 64)\n"
		"  --net-port PORT      NICs send UDP to 127.0.0.1:PORT "
		"(default: vmux's\n"
		"                       own sink, which reports frames, bytes "
		"and FNV-1a sum)\n"
		"  --stats              print exits by reason and monitor time\n"
		"  --accel A            auto (default), kvm or tcg\n"
		"  -h, --help           this help\n\nguests:");
	g = guest_image_all(&n);
	for (size_t i = 0; i < n; i++)
		fprintf(fp, " %s", g[i].name);
	fprintf(fp, "\n");
}

static int parse_param(struct run_args *a, const char *s)
{
	const char *eq = strchr(s, '=');
	struct abi_kv *kv = &a->kv[a->o.nparams];
	char *end;

	if (!eq || eq == s || eq - s >= ABI_KEY_LEN)
		return error_usage("run", "option '--param': expected KEY=VALUE "
				   "with a key of 1-%d characters", ABI_KEY_LEN - 1);
	if (a->o.nparams == ABI_MAX_KV)
		return error_usage("run", "option '--param': at most %d",
				   ABI_MAX_KV);
	memset(kv, 0, sizeof(*kv));
	memcpy(kv->key, s, (size_t)(eq - s));
	errno = 0;
	kv->value = strtoull(eq + 1, &end, 0);
	if (errno || end == eq + 1 || *end)
		return error_usage("run", "option '--param': '%s' is not an "
				   "integer", eq + 1);
	a->o.nparams++;
	return 0;
}

static int parse_num(const char *opt, const char *s, double lo, double hi,
		     double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	if (errno || end == s || *end || !(*out >= lo && *out <= hi))
		return error_usage("run", "option '%s': '%s' is not a number "
				   "in [%g, %g]", opt, s, lo, hi);
	return 0;
}

static int parse_opt(struct run_args *a, int c, const char *arg)
{
	double x;
	int rc = 0;

	switch (c) {
	case 'm':
		rc = parse_num("--mem", arg, 8, (double)(ABI_MAX_RAM >> 20), &x);
		a->o.mem_bytes = (size_t)x << 20;
		return rc;
	case 'v':
		rc = parse_num("--vcpus", arg, 1, 16, &x);
		a->o.vcpus = (int)x;
		return rc;
	case 'd':
		if (!strcmp(arg, "emulated") || !strcmp(arg, "paravirt")) {
			a->o.device = arg[0] == 'p' ? ABI_DEV_PARAVIRT
						    : ABI_DEV_EMULATED;
			return 0;
		}
		return error_usage("run", "option '--device': emulated or "
				   "paravirt, not '%s'", arg);
	case 'P':
		if (x86_page_size_parse(arg, &a->o.page_size) < 0)
			return error_usage("run", "option '--page-size': 4k, "
					   "2m or 1g, not '%s'", arg);
		return 0;
	case 'H':
		a->o.hugepages = true;
		return 0;
	case 'k':
		return parse_param(a, arg);
	case 't':
		return parse_num("--timeout", arg, 0.001, 86400, &a->timeout);
	case 's':
		a->stats = true;
		return 0;
	case 'D':
		a->o.disk_path = arg;
		return 0;
	case 'M':
		rc = parse_num("--disk-mib", arg, 1, 1 << 20, &x);
		a->o.disk_bytes = (uint64_t)x << 20;
		return rc;
	case 'N':
		return parse_num("--net-port", arg, 1, 65535, &a->net_port);
	case 'a':
		if (accel_parse(arg, &a->accel) < 0)
			return error_usage("run", "option '--accel': auto, kvm "
					   "or tcg, not '%s'", arg);
		return 0;
	}
	return VMUX_EXIT_USAGE;
}

static int parse_args(int argc, char **argv, struct run_args *a)
{
	static const struct option opts[] = {
		{ "mem", required_argument, NULL, 'm' },
		{ "vcpus", required_argument, NULL, 'v' },
		{ "device", required_argument, NULL, 'd' },
		{ "page-size", required_argument, NULL, 'P' },
		{ "hugepages", no_argument, NULL, 'H' },
		{ "param", required_argument, NULL, 'k' },
		{ "timeout", required_argument, NULL, 't' },
		{ "stats", no_argument, NULL, 's' },
		{ "disk", required_argument, NULL, 'D' },
		{ "disk-mib", required_argument, NULL, 'M' },
		{ "net-port", required_argument, NULL, 'N' },
		{ "accel", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, rc;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'h') {
			usage(stdout);
			return -1;
		}
		rc = parse_opt(a, c, optarg);
		if (rc)
			return rc;
	}
	if (optind != argc - 1)
		return error_usage("run", optind < argc ? "one GUEST expected"
						       : "missing GUEST");
	a->o.guest = argv[optind];
	return 0;
}

static void print_stats(const struct vmm_vm *vm, const char *accel)
{
	static const char *const names[VMM_EXIT_NR] = {
		"io", "mmio", "hlt", "shutdown", "fail_entry", "internal",
		"system_event", "intr", "unknown"
	};
	const struct vmm_stats *s = vmm_vm_stats(vm);
	uint64_t total = 0;

	fprintf(stderr, "stats: accel %s\n", accel);
	for (int r = 0; r < VMM_EXIT_NR; r++) {
		total += s->exits[r];
		if (s->exits[r])
			fprintf(stderr, "stats: exits %-12s %llu\n", names[r],
				(unsigned long long)s->exits[r]);
	}
	if (s->disk_read || s->disk_written)
		fprintf(stderr, "stats: disk               %llu bytes read, "
				"%llu written\n",
			(unsigned long long)s->disk_read,
			(unsigned long long)s->disk_written);
	if (s->net_frames)
		fprintf(stderr, "stats: net                %llu frames, %llu "
				"bytes sent\n",
			(unsigned long long)s->net_frames,
			(unsigned long long)s->net_bytes);
	fprintf(stderr, "stats: exits total        %llu\n"
			"stats: monitor time       %.3f ms (%.0f ns per exit)\n"
			"stats: run time           %.3f ms\n",
		(unsigned long long)total, s->monitor_ns / 1e6,
		total ? (double)s->monitor_ns / (double)total : 0.0,
		s->run_ns / 1e6);
	if (s->first_mark_ns)
		fprintf(stderr, "stats: first instruction  %.3f ms after VM "
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

static int report(struct vmm_vm *vm, enum vmm_outcome o, double timeout)
{
	fflush(stdout);
	print_results(vm);
	switch (o) {
	case VMM_DONE:
		if (vmm_vm_status(vm) == 0)
			return VMUX_EXIT_OK;
		error_msg("guest '%s' reported failure (status %d)",
			  vmm_vm_opts(vm)->guest, vmm_vm_status(vm));
		return EXIT_GUEST;
	case VMM_FAULT:
		error_msg("guest '%s' stopped: %s", vmm_vm_opts(vm)->guest,
			  vmm_vm_fault_msg(vm));
		return EXIT_GUEST;
	case VMM_TIMEOUT:
		error_msg("guest '%s' ran past --timeout %g s and was stopped",
			  vmm_vm_opts(vm)->guest, timeout);
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
	error_msg("the sink received %llu of %llu frames sent",
		  (unsigned long long)c.frames,
		  (unsigned long long)s->net_frames);
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
		return rc == -ENOENT ? VMUX_EXIT_USAGE : error_exit_code(rc);
	}
	o = vmm_vm_run(vm, a->timeout);
	if (a->stats)
		print_stats(vm, accel_name(acc));
	rc = report(vm, o, a->timeout);
	if (report_sink(sink, vm) && rc == 0)
		rc = EXIT_GUEST;
	vmm_vm_destroy(vm);
	dev_sink_stop(sink);
	return rc;
}

static int run_main(int argc, char **argv)
{
	struct run_args a = { .o = { .mem_bytes = 64u << 20, .vcpus = 1,
				     .page_size = X86_PAGE_2M,
				     .disk_bytes = 64u << 20 },
			      .timeout = 10 };
	struct accel *acc = NULL;
	int rc = parse_args(argc, argv, &a);

	if (rc)
		return rc < 0 ? VMUX_EXIT_OK : rc;
	a.o.params = a.kv;
	/* The guest's console appears as it is written, line by line, also
	   on a pipe (a monitor that holds it back until exit misleads). */
	setvbuf(stdout, NULL, _IOLBF, 0);
	a.o.console = stdout;
	a.o.log_hcalls = false;
	rc = accel_open(a.accel, NULL, false, &acc);
	if (rc < 0)
		return error_exit_code(rc);
	rc = run_vm(&a, acc);
	accel_close(acc);
	return rc;
}

const struct command cmd_run = { "run",
				 "boot a guest on vmux's monitor (KVM or tcg)",
				 run_main };

/*
 * vm.c - VM lifecycle, vCPU threads and the exit dispatcher.
 *
 * The exit path is a table lookup by reason and a call; it takes no lock,
 * allocates nothing and logs nothing unless the guest faults. Stopping:
 * the last vCPU reporting done (each leaves its loop as it does), a
 * fault, a timeout or vmm_vm_stop() sets vm->stop and kicks every vCPU
 * (accel_vcpu_kick), whose loop then ends.
 *
 * The console is written in whole lines: each vCPU's bytes wait in its own
 * line until a newline, so that vCPUs never mix inside a line, and a line
 * the guest left unfinished is ended with CONSOLE_CUT when the run ends,
 * before anything the caller prints next.
 */
#include "vmm/vm.h"
#include "vmm/device.h"
#include "vmm/guest_image.h"
#include "vmm/x86_boot.h"
#include "vmm/x86_insn.h"
#include "lib/error.h"

#include <cpuid.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CONSOLE_MAX (1 << 20)
#define CONSOLE_LINE 4096 /* a longer line is written in pieces this long */
#define CONSOLE_CUT " [cut: the guest stopped mid-line]\n"

struct vcpu {
	struct vmm_vm *vm;
	struct accel_vcpu *c;
	pthread_t thread;
	bool started;
	bool done; /* it returned from guest_main (reported done) */
	bool left; /* an exit's handler ended its run (dispatch) */
	struct vmm_stats st;
	/* Its console line so far: written out whole, never mixed with
	   another vCPU's (vmm_vm_console_write). */
	size_t line_len;
	char line[CONSOLE_LINE];
};

struct vmm_vm {
	struct vmm_vm_opts opts;
	struct accel_vm *avm;
	struct vmm_mem *mem;
	struct vmm_io *io;
	struct vcpu *vcpus;
	void **dev; /* per vmm_devices[i]: its state, or NULL */
	struct abi_result *result;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int running;	 /* vCPU threads not yet finished */
	int ndone;	 /* vCPUs that reported done */
	atomic_int stop; /* 0 running, else enum vmm_outcome + 1 */
	int status;
	char fault[1024];
	char *console;
	size_t console_len;
	struct vmm_stats st;
	uint64_t t_start;
};

uint64_t vmm_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void kick_all(struct vmm_vm *vm)
{
	for (int i = 0; i < vm->opts.vcpus; i++)
		if (vm->vcpus[i].c)
			accel_vcpu_kick(vm->vcpus[i].c);
}

/* First stop wins: its outcome is the run's. */
static bool set_stop(struct vmm_vm *vm, enum vmm_outcome o)
{
	int expect = 0;

	if (!atomic_compare_exchange_strong(&vm->stop, &expect, (int)o + 1))
		return false;
	kick_all(vm);
	return true;
}

static void console_finish(struct vmm_vm *vm);

/* The vCPU this thread runs (NULL outside vcpu_loop). */
static __thread struct vcpu *this_vcpu;

/*
 * A vCPU reported done with STATUS: it leaves its loop, and the run is
 * done when every vCPU is (the first nonzero status is the run's). Done
 * from any other thread ends the run at once.
 */
void vmm_vm_finish(struct vmm_vm *vm, int status)
{
	struct vcpu *v = this_vcpu && this_vcpu->vm == vm ? this_vcpu : NULL;
	bool all;

	pthread_mutex_lock(&vm->lock);
	if (!vm->status)
		vm->status = status;
	if (v && !v->done)
		vm->ndone++;
	if (v)
		v->done = true;
	all = !v || vm->ndone >= vm->opts.vcpus;
	pthread_mutex_unlock(&vm->lock);
	if (all)
		set_stop(vm, VMM_DONE);
}

void vmm_vm_fault(struct vmm_vm *vm, const char *fmt, ...)
{
	char msg[sizeof(vm->fault)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pthread_mutex_lock(&vm->lock);
	if (!vm->fault[0])
		snprintf(vm->fault, sizeof(vm->fault), "%s", msg);
	pthread_mutex_unlock(&vm->lock);
	set_stop(vm, VMM_FAULT);
}

void vmm_vm_stop(struct vmm_vm *vm)
{
	set_stop(vm, VMM_STOPPED);
}

void vmm_vm_kick(struct vmm_vm *vm)
{
	if (vm->opts.on_kick)
		kick_all(vm);
}

/* ---- exit handlers: 0 = keep running, 1 = leave the loop ---- */

/*
 * A port or MMIO access that failed with RC < 0 faults the VM: -ENOENT
 * (nothing there) as "WRITE of SIZE bytes AT, NOTHING" ("1 byte" for one),
 * -EINVAL (a device that did not say why itself) as the access the device
 * refused, any other error as "PLACE: reason".
 */
static void access_fault(struct vcpu *v, int rc, bool write, unsigned size,
			 const char *at, const char *place, const char *nothing)
{
	if (rc == -ENOENT || rc == -EINVAL)
		vmm_vm_fault(v->vm, "guest fault: %s of %u byte%s %s, %s",
			     write ? "write" : "read", size,
			     size == 1 ? "" : "s", at,
			     rc == -ENOENT ? nothing
					   : "which the device there refuses "
					     "(an access size or direction it "
					     "does not take)");
	else
		vmm_vm_fault(v->vm, "guest fault: %s: %s", place,
			     strerror(-rc));
}

static int on_io(struct vcpu *v, struct vmm_exit *e)
{
	uint8_t *d = e->io.data;
	int rc = 0;

	v->st.pio_exits++;
	for (uint32_t i = 0; i < e->io.count && rc == 0; i++, d += e->io.size)
		rc = vmm_io_port(v->vm->io, e->io.port, d, e->io.size,
				 e->io.out);
	if (rc < 0) {
		char at[32], place[32];

		snprintf(at, sizeof(at), "on port 0x%x", e->io.port);
		snprintf(place, sizeof(place), "port 0x%x", e->io.port);
		access_fault(v, rc, e->io.out, e->io.size, at, place,
			     "where no device is");
	}
	return rc < 0;
}

static int on_mmio(struct vcpu *v, struct vmm_exit *e)
{
	int rc;

	v->st.mmio_exits++;
	rc = vmm_io_mmio(v->vm->io, e->mmio.addr, e->mmio.data, e->mmio.len,
			 e->mmio.write);
	if (rc < 0) {
		char at[32], place[40];

		snprintf(at, sizeof(at), "at 0x%llx",
			 (unsigned long long)e->mmio.addr);
		snprintf(place, sizeof(place), "MMIO %s", at);
		access_fault(v, rc, e->mmio.write, e->mmio.len, at, place,
			     "outside RAM and every device");
	}
	return rc < 0;
}

/* "guest fault: WHAT at rip=... efer=...", then WHY where not NULL. */
static void fault_why(struct vcpu *v, const char *what, const char *why)
{
	struct vmm_regs r = {0};
	uint64_t cr[5] = {0};

	accel_vcpu_get_regs(v->c, &r);
	accel_vcpu_get_cr(v->c, cr);
	vmm_vm_fault(v->vm,
		     "guest fault: %s at rip=0x%llx rsp=0x%llx "
		     "rax=0x%llx rflags=0x%llx cr0=0x%llx cr2=0x%llx "
		     "cr3=0x%llx cr4=0x%llx efer=0x%llx%s%s",
		     what, (unsigned long long)r.rip, (unsigned long long)r.rsp,
		     (unsigned long long)r.rax, (unsigned long long)r.rflags,
		     (unsigned long long)cr[0], (unsigned long long)cr[1],
		     (unsigned long long)cr[2], (unsigned long long)cr[3],
		     (unsigned long long)cr[4], why ? ": " : "",
		     why ? why : "");
}

static void fault_with_regs(struct vcpu *v, const char *what)
{
	fault_why(v, what, NULL);
}

static int on_hlt(struct vcpu *v, struct vmm_exit *e)
{
	(void)e;
	if (!atomic_load(&v->vm->stop))
		fault_with_regs(v, "halted without reporting a result");
	return 1;
}

/* The privileged instruction at the vCPU's RIP, or NULL. Page tables map
 * identity (x86_boot): RIP is a GPA. */
static const char *privileged_at(struct vcpu *v)
{
	struct vmm_regs r = {0};
	const uint8_t *b = NULL;
	uint64_t n = 16;

	accel_vcpu_get_regs(v->c, &r);
	while (!b && --n > 0) /* up to 15 bytes, fewer at RAM's end */
		b = vmm_mem_ptr(v->vm->mem, r.rip, n);
	return b ? x86_insn_privileged(b, n) : NULL;
}

/*
 * A triple fault; where the guest stopped on a privileged instruction, why
 * in words: guests run at CPL 3 (x86_boot), so it raised #GP, and with no
 * IDT in the guest that is a triple fault.
 */
static int on_shutdown(struct vcpu *v, struct vmm_exit *e)
{
	const char *insn = privileged_at(v);
	char why[256];

	(void)e;
	if (!insn) {
		fault_with_regs(v, "triple fault (shutdown)");
		return 1;
	}
	snprintf(why, sizeof(why),
		 "the guest executed %s, a privileged instruction, but "
		 "guests run unprivileged (CPL 3): it raised a "
		 "general-protection fault (#GP), which with no IDT in the "
		 "guest stops the VM",
		 insn);
	fault_why(v, "triple fault (shutdown)", why);
	return 1;
}

static int on_fail(struct vcpu *v, struct vmm_exit *e)
{
	static const char *const what[VMM_EXIT_NR] = {
	    [VMM_EXIT_FAIL_ENTRY] = "entry failed, hardware reason",
	    [VMM_EXIT_INTERNAL] = "internal error, suberror",
	    [VMM_EXIT_SYSTEM_EVENT] = "system event, type",
	    [VMM_EXIT_UNKNOWN] = "unexpected exit reason",
	};
	char msg[96];

	snprintf(msg, sizeof(msg), "%s %llu", what[e->reason],
		 (unsigned long long)e->code);
	fault_with_regs(v, msg);
	return 1;
}

static int on_intr(struct vcpu *v, struct vmm_exit *e)
{
	(void)e;
	if (!atomic_load(&v->vm->stop) && v->vm->opts.on_kick)
		v->vm->opts.on_kick(v->vm->opts.duty_opaque);
	return atomic_load(&v->vm->stop) != 0;
}

typedef int (*exit_fn)(struct vcpu *v, struct vmm_exit *e);

static const exit_fn exit_table[VMM_EXIT_NR] = {
    [VMM_EXIT_IO] = on_io,
    [VMM_EXIT_MMIO] = on_mmio,
    [VMM_EXIT_HLT] = on_hlt,
    [VMM_EXIT_SHUTDOWN] = on_shutdown,
    [VMM_EXIT_FAIL_ENTRY] = on_fail,
    [VMM_EXIT_INTERNAL] = on_fail,
    [VMM_EXIT_SYSTEM_EVENT] = on_fail,
    [VMM_EXIT_INTR] = on_intr,
    [VMM_EXIT_UNKNOWN] = on_fail,
};

/*
 * One exit: count it, hand it to its handler, time the monitor. Called by
 * the loop below, and by backends that meet I/O inside their emulation
 * (accel_vcpu_set_handler). Nonzero: leave the loop.
 */
static int dispatch(void *opaque, struct vmm_exit *e)
{
	struct vcpu *v = opaque;
	uint64_t t0 = vmm_now_ns();
	int rc;

	v->st.exits[e->reason]++;
	rc = exit_table[e->reason](v, e) || v->done;
	v->st.monitor_ns += vmm_now_ns() - t0;
	v->left = rc != 0;
	return rc;
}

static void *vcpu_loop(void *arg)
{
	struct vcpu *v = arg;
	struct vmm_exit e;
	int rc;

	if (v->vm->opts.on_vcpu_start)
		v->vm->opts.on_vcpu_start(v->vm->opts.duty_opaque,
					  (int)(v - v->vm->vcpus));
	this_vcpu = v;
	for (;;) {
		if (v->done ||
		    atomic_load_explicit(&v->vm->stop, memory_order_relaxed))
			break;
		rc = accel_vcpu_run(v->c, &e);
		if (rc < 0) {
			vmm_vm_fault(v->vm, "running the vCPU failed: %s",
				     strerror(-rc));
			break;
		}
		/* A handler called inside the backend's emulation (tcg)
		   ended the run: its exit is counted; the return is none. */
		if (v->left || dispatch(v, &e))
			break;
	}
	pthread_mutex_lock(&v->vm->lock);
	v->vm->running--;
	pthread_cond_broadcast(&v->vm->cond);
	pthread_mutex_unlock(&v->vm->lock);
	return NULL;
}

/* ---- lifecycle ---- */

static int load_image(struct vmm_vm *vm, const struct guest_image *img,
		      uint64_t pt_base)
{
	struct abi_params *p;
	uint64_t heap;

	size_t size = (size_t)(img->end - img->data);

	if (vmm_mem_copy_out(vm->mem, ABI_IMAGE_GPA, img->data, size))
		return -ENOSPC;
	heap = (ABI_IMAGE_GPA + size + X86_PAGE_2M - 1) & ~(X86_PAGE_2M - 1);
	if (heap >= pt_base)
		return -ENOSPC;
	p = vmm_mem_ptr(vm->mem, ABI_PARAM_GPA, sizeof(*p));
	p->magic = ABI_MAGIC;
	p->ram_size = vmm_mem_size(vm->mem);
	p->heap_base = heap;
	p->heap_size = pt_base - heap;
	p->vcpus = (uint32_t)vm->opts.vcpus;
	p->device = vm->opts.device;
	p->page_size = vm->opts.page_size;
	p->nkv = (uint32_t)vm->opts.nparams;
	if (vm->opts.nparams)
		memcpy(p->kv, vm->opts.params,
		       (size_t)vm->opts.nparams * sizeof(struct abi_kv));
	vm->result = vmm_mem_ptr(vm->mem, ABI_RESULT_GPA, sizeof(*vm->result));
	vm->result->magic = ABI_MAGIC;
	vm->result->status = -1;
	return 0;
}

static int make_vcpus(struct vmm_vm *vm, const struct vmm_entry *e)
{
	int rc = 0;

	vm->vcpus = calloc((size_t)vm->opts.vcpus, sizeof(*vm->vcpus));
	if (!vm->vcpus)
		return -ENOMEM;
	for (int i = 0; i < vm->opts.vcpus && rc == 0; i++) {
		struct vmm_entry ei = *e;

		/* Each vCPU its own 64 KiB of stack below the image. */
		ei.regs.rsp = ABI_STACK_TOP - (uint64_t)i * 0x10000;
		ei.regs.rsi = (uint64_t)i;
		vm->vcpus[i].vm = vm;
		rc = accel_vcpu_create(vm->avm, i, &vm->vcpus[i].c);
		/* Only a throttled vCPU resumes after a kick. */
		if (rc == 0 && vm->opts.on_kick)
			rc = accel_vcpu_exact_kicks(vm->vcpus[i].c);
		if (rc == 0) {
			accel_vcpu_set_handler(vm->vcpus[i].c, dispatch,
					       &vm->vcpus[i]);
			rc = accel_vcpu_enter_long_mode(vm->vcpus[i].c, &ei);
		}
	}
	return rc;
}

/* Whether this machine's own CPU offers 1 GiB pages (CPUID pdpe1gb, the
   flag /proc/cpuinfo lists). */
static bool host_has_1g_pages(void)
{
	unsigned int ax, bx, cx, dx;

	return __get_cpuid(0x80000001, &ax, &bx, &cx, &dx) && (dx >> 26) & 1;
}

/*
 * --page-size 1g where the backend's guests cannot have it: what is
 * missing (the CPU feature pdpe1gb in the guest's CPUID, not host memory:
 * reserved 1 GiB huge pages would not help) and what to do instead.
 */
static void say_no_1g_pages(const struct accel *a)
{
	bool tcg = !strcmp(accel_name(a), "tcg");

	error_msg("guests on %s cannot map 1 GiB pages: they need the CPU "
		  "feature pdpe1gb in their CPUID, and %s; reserving 1 GiB "
		  "huge pages on the host would not help (--page-size sets "
		  "the guest's page tables); use --page-size 2m (the "
		  "default) or 4k%s",
		  accel_name(a),
		  tcg ? "the tcg backend's CPU (Unicorn's) does not offer it"
		  : host_has_1g_pages()
		      ? "this host's CPU has it (/proc/cpuinfo) but its KVM "
			"does not pass it on (a nested KVM such as kvm_pvm "
			"may not)"
		      : "this host's CPU does not have it (/proc/cpuinfo)",
		  tcg ? ", or --accel kvm on a host whose KVM offers pdpe1gb"
		      : ", or a host whose KVM offers pdpe1gb to guests");
}

/* The options, before anything is built: the guest exists and reads
 * each --param key given (whoever filled the options: run, bench,
 * validate), the sizes are the monitor's. */
static int check_opts(struct accel *a, const struct vmm_vm_opts *o,
		      const struct guest_image **img)
{
	char why[512];

	*img = guest_image_find(o->guest);
	if (!*img) {
		error_msg("no guest image '%s' (see vmux run --help)",
			  o->guest);
		return -ENOENT;
	}
	if (o->vcpus < 1 || o->vcpus > 16 || o->nparams < 0 ||
	    o->nparams > ABI_MAX_KV) {
		error_msg("between 1 and 16 vCPUs and %d parameters",
			  ABI_MAX_KV);
		return -EINVAL;
	}
	if (guest_image_check_keys(*img, o->params, o->nparams, why,
				   sizeof(why)) < 0) {
		error_msg("%s", why);
		return -EINVAL;
	}
	if (o->mem_bytes < (8u << 20) || o->mem_bytes > ABI_MAX_RAM) {
		error_msg("guest RAM must be between 8 MiB and %llu MiB",
			  (unsigned long long)(ABI_MAX_RAM >> 20));
		return -EINVAL;
	}
	if (o->page_size == X86_PAGE_1G && !accel_has_1g_pages(a)) {
		say_no_1g_pages(a);
		return -ENOTSUP;
	}
	return 0;
}

/* Every device in the list, in order; those the options ask for. */
static int make_devices(struct vmm_vm *vm)
{
	int rc = 0;

	vm->dev = calloc(vmm_ndevices, sizeof(*vm->dev));
	if (!vm->dev)
		return -ENOMEM;
	for (size_t i = 0; i < vmm_ndevices && rc == 0; i++)
		rc = vmm_devices[i]->create(vm, vmm_devices[i], &vm->dev[i]);
	return rc;
}

static void destroy_devices(struct vmm_vm *vm)
{
	for (size_t i = vmm_ndevices; vm->dev && i-- > 0;)
		if (vm->dev[i])
			vmm_devices[i]->destroy(vm->dev[i]);
	free(vm->dev);
}

void *vmm_vm_device(struct vmm_vm *vm, const struct vmm_device *d)
{
	for (size_t i = 0; vm->dev && i < vmm_ndevices; i++)
		if (vmm_devices[i] == d)
			return vm->dev[i];
	return NULL;
}

static int build(struct vmm_vm *vm, struct accel *a,
		 const struct guest_image *img)
{
	struct vmm_entry e;
	uint64_t pt_base;
	int rc;

	rc = accel_vm_create(a, &vm->avm);
	if (rc == 0)
		rc = vmm_mem_create(vm->opts.mem_bytes, vm->opts.hugepages,
				    &vm->mem);
	if (rc == 0)
		rc = accel_vm_map(vm->avm, 0, vmm_mem_base(vm->mem),
				  vmm_mem_size(vm->mem));
	if (rc == 0)
		rc = accel_vm_map_mmio(vm->avm, ABI_MMIO_BASE, ABI_MMIO_SIZE);
	if (rc == 0)
		rc = vmm_io_create(&vm->io);
	if (rc == 0)
		rc = x86_boot_setup(vm->mem, vm->opts.page_size, ABI_IMAGE_GPA,
				    ABI_STACK_TOP, ABI_PARAM_GPA, &e, &pt_base);
	if (rc == 0)
		rc = load_image(vm, img, pt_base);
	if (rc == 0)
		rc = make_devices(vm);
	if (rc == 0)
		rc = make_vcpus(vm, &e);
	return rc;
}

int vmm_vm_create(struct accel *a, const struct vmm_vm_opts *o,
		  struct vmm_vm **out)
{
	const struct guest_image *img;
	struct vmm_vm *vm;
	int rc;

	rc = check_opts(a, o, &img);
	if (rc < 0)
		return rc;
	vm = calloc(1, sizeof(*vm));
	if (!vm)
		return -ENOMEM;
	vm->st.create_ns = vmm_now_ns();
	vm->opts = *o;
	pthread_mutex_init(&vm->lock, NULL);
	pthread_cond_init(&vm->cond, NULL);
	rc = build(vm, a, img);
	if (rc < 0) {
		if (rc == -ENOSPC)
			error_msg("guest '%s' does not fit in %zu MiB of RAM",
				  o->guest, o->mem_bytes >> 20);
		vmm_vm_destroy(vm);
		return rc;
	}
	*out = vm;
	return 0;
}

void vmm_vm_destroy(struct vmm_vm *vm)
{
	if (!vm)
		return;
	if (vm->vcpus && vm->running)
		vmm_vm_wait(vm, 0.001);
	for (int i = 0; vm->vcpus && i < vm->opts.vcpus; i++)
		accel_vcpu_destroy(vm->vcpus[i].c);
	free(vm->vcpus);
	destroy_devices(vm);
	vmm_io_destroy(vm->io);
	accel_vm_destroy(vm->avm);
	vmm_mem_destroy(vm->mem);
	free(vm->console);
	pthread_cond_destroy(&vm->cond);
	pthread_mutex_destroy(&vm->lock);
	free(vm);
}

int vmm_vm_start(struct vmm_vm *vm)
{
	vm->t_start = vmm_now_ns();
	for (int i = 0; i < vm->opts.vcpus; i++) {
		int rc = pthread_create(&vm->vcpus[i].thread, NULL, vcpu_loop,
					&vm->vcpus[i]);

		if (rc) {
			vmm_vm_fault(vm, "cannot start vCPU thread: %s",
				     strerror(rc));
			return -rc;
		}
		pthread_mutex_lock(&vm->lock);
		vm->running++;
		vm->vcpus[i].started = true;
		pthread_mutex_unlock(&vm->lock);
	}
	return 0;
}

/* CLOCK_REALTIME in S seconds, for pthread_cond_timedwait. */
static struct timespec deadline(double s)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += (time_t)s;
	ts.tv_nsec += (long)((s - (double)(time_t)s) * 1e9);
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	return ts;
}

static void wait_until(struct vmm_vm *vm, double timeout_s)
{
	struct timespec ts = deadline(timeout_s);

	pthread_mutex_lock(&vm->lock);
	while (vm->running > 0 && !atomic_load(&vm->stop))
		if (timeout_s <= 0)
			pthread_cond_wait(&vm->cond, &vm->lock);
		else if (pthread_cond_timedwait(&vm->cond, &vm->lock, &ts) ==
			 ETIMEDOUT)
			break;
	pthread_mutex_unlock(&vm->lock);
}

/* Once stopping (every vCPU kicked, and kicks are never lost): wait for
   every vCPU thread to leave its loop. */
static void drain(struct vmm_vm *vm)
{
	pthread_mutex_lock(&vm->lock);
	while (vm->running > 0)
		pthread_cond_wait(&vm->cond, &vm->lock);
	pthread_mutex_unlock(&vm->lock);
}

static void sum_stats(struct vmm_vm *vm)
{
	uint64_t first = vm->st.first_mark_ns, marks = vm->st.marks;
	uint64_t created = vm->st.create_ns;

	memset(&vm->st, 0, sizeof(vm->st));
	for (int i = 0; i < vm->opts.vcpus; i++) {
		const struct vmm_stats *s = &vm->vcpus[i].st;

		for (int r = 0; r < VMM_EXIT_NR; r++)
			vm->st.exits[r] += s->exits[r];
		vm->st.pio_exits += s->pio_exits;
		vm->st.mmio_exits += s->mmio_exits;
		vm->st.monitor_ns += s->monitor_ns;
	}
	vm->st.first_mark_ns = first;
	vm->st.marks = marks;
	vm->st.create_ns = created;
	vm->st.run_ns = vmm_now_ns() - vm->t_start;
}

enum vmm_outcome vmm_vm_wait(struct vmm_vm *vm, double timeout_s)
{
	wait_until(vm, timeout_s);
	if (!atomic_load(&vm->stop))
		set_stop(vm, vm->running > 0 ? VMM_TIMEOUT : VMM_FAULT);
	drain(vm);
	for (int i = 0; i < vm->opts.vcpus; i++)
		if (vm->vcpus[i].started) {
			pthread_join(vm->vcpus[i].thread, NULL);
			vm->vcpus[i].started = false;
		}
	vm->running = 0;
	console_finish(vm);
	sum_stats(vm);
	for (size_t i = 0; vm->dev && i < vmm_ndevices; i++)
		if (vm->dev[i] && vmm_devices[i]->counts)
			vmm_devices[i]->counts(vm->dev[i], &vm->st);
	return (enum vmm_outcome)(atomic_load(&vm->stop) - 1);
}

/* A start that fails has faulted the VM: the wait then joins the vCPUs
   that did start and returns VMM_FAULT. */
enum vmm_outcome vmm_vm_run(struct vmm_vm *vm, double timeout_s)
{
	vmm_vm_start(vm);
	return vmm_vm_wait(vm, timeout_s);
}

/* ---- accessors ---- */

int vmm_vm_status(const struct vmm_vm *vm)
{
	return vm->status;
}

const char *vmm_vm_fault_msg(const struct vmm_vm *vm)
{
	return vm->fault;
}

const struct vmm_stats *vmm_vm_stats(const struct vmm_vm *vm)
{
	return &vm->st;
}

const struct abi_result *vmm_vm_result(const struct vmm_vm *vm)
{
	return vm->result;
}

struct abi_params *vmm_vm_params(struct vmm_vm *vm)
{
	return vmm_mem_ptr(vm->mem, ABI_PARAM_GPA, sizeof(struct abi_params));
}

int vmm_vm_result_get(const struct vmm_vm *vm, const char *key, uint64_t *value)
{
	uint32_t n = vm->result->nkv;

	for (uint32_t i = 0; i < n && i < ABI_MAX_KV; i++)
		if (!strncmp(vm->result->kv[i].key, key, ABI_KEY_LEN)) {
			*value = vm->result->kv[i].value;
			return 0;
		}
	return -ENOENT;
}

const char *vmm_vm_console(const struct vmm_vm *vm)
{
	return vm->console ? vm->console : "";
}

/* Out to the console stream and the in-memory copy; vm->lock held. */
static void console_emit(struct vmm_vm *vm, const char *s, size_t n)
{
	if (vm->opts.console)
		fwrite(s, 1, n, vm->opts.console);
	if (!vm->console)
		vm->console = malloc(CONSOLE_MAX);
	if (vm->console && vm->console_len + n < CONSOLE_MAX) {
		memcpy(vm->console + vm->console_len, s, n);
		vm->console_len += n;
		vm->console[vm->console_len] = '\0';
	}
}

/* V's line out, ended by END ("\n" for a piece of an overlong line). */
static void console_line_out(struct vmm_vm *vm, struct vcpu *v, const char *end)
{
	console_emit(vm, v->line, v->line_len);
	if (end)
		console_emit(vm, end, strlen(end));
	v->line_len = 0;
}

/* Bytes of the calling vCPU (another thread's count as vCPU 0's). */
void vmm_vm_console_write(struct vmm_vm *vm, const uint8_t *s, size_t n)
{
	struct vcpu *v =
	    this_vcpu && this_vcpu->vm == vm ? this_vcpu : vm->vcpus;

	pthread_mutex_lock(&vm->lock);
	if (!v)
		console_emit(vm, (const char *)s, n);
	for (size_t i = 0; v && i < n; i++) {
		v->line[v->line_len++] = (char)s[i];
		if (s[i] == '\n')
			console_line_out(vm, v, NULL);
		else if (v->line_len == CONSOLE_LINE)
			console_line_out(vm, v, "\n");
	}
	pthread_mutex_unlock(&vm->lock);
}

/* The run is over: every line left unfinished is ended, marked cut. */
static void console_finish(struct vmm_vm *vm)
{
	pthread_mutex_lock(&vm->lock);
	for (int i = 0; vm->vcpus && i < vm->opts.vcpus; i++)
		if (vm->vcpus[i].line_len)
			console_line_out(vm, &vm->vcpus[i], CONSOLE_CUT);
	if (vm->opts.console)
		fflush(vm->opts.console);
	pthread_mutex_unlock(&vm->lock);
}

struct vmm_mem *vmm_vm_mem(struct vmm_vm *vm)
{
	return vm->mem;
}

struct vmm_io *vmm_vm_io(struct vmm_vm *vm)
{
	return vm->io;
}

const struct vmm_vm_opts *vmm_vm_opts(const struct vmm_vm *vm)
{
	return &vm->opts;
}

void vmm_vm_mark(struct vmm_vm *vm)
{
	if (!vm->st.first_mark_ns)
		vm->st.first_mark_ns = vmm_now_ns();
	vm->st.marks++;
}

/*
 * accel_kvm.c - the accelerator interface on /dev/kvm.
 *
 * Checks the API version and every capability used, sets each vCPU's CPUID
 * from KVM_GET_SUPPORTED_CPUID, maps kvm_run once per vCPU, and translates
 * KVM exits into struct vmm_exit without a syscall. A kick sets
 * kvm_run->immediate_exit and signals the vCPU thread, so a vCPU inside
 * KVM_RUN leaves with EINTR and one about to enter leaves at once.
 */
#include "vmm/accel_ops.h"
#include "lib/error.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#define KICK_SIGNAL SIGUSR1

struct kvm_accel {
	struct accel base;
	int fd;
	int run_size;
	struct kvm_cpuid2 *cpuid;
};

struct kvm_vm_s {
	struct accel_vm base;
	struct kvm_accel *kvm;
	int fd;
	int nslots;
};

struct kvm_vcpu_s {
	struct accel_vcpu base;
	struct kvm_vm_s *vm;
	int fd;
	struct kvm_run *run;
	pthread_t thread;
	atomic_int has_thread;
};

static void on_kick(int sig)
{
	(void)sig;
}

static int install_kick_handler(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_kick; /* no SA_RESTART: KVM_RUN must see EINTR */
	sigemptyset(&sa.sa_mask);
	return sigaction(KICK_SIGNAL, &sa, NULL) < 0 ? -errno : 0;
}

static int open_fail(const char *dev, int err, bool quiet)
{
	if (quiet)
		return -ENODEV;
	if (err == ENOENT)
		error_msg("%s does not exist: load the KVM module (modprobe "
			  "kvm_intel or kvm_amd), enable virtualization in the "
			  "firmware, or on a virtual machine enable nested "
			  "virtualization; or use --accel tcg",
			  dev);
	else if (err == EACCES || err == EPERM)
		error_msg("no permission to open %s: add yourself to the "
			  "'kvm' group (usermod -aG kvm $USER) or run as root; "
			  "or use --accel tcg",
			  dev);
	else
		error_msg("cannot use %s: %s; or use --accel tcg", dev,
			  strerror(err));
	return -ENODEV;
}

static int check_caps(struct kvm_accel *k, const char *dev, bool quiet)
{
	static const struct {
		int cap;
		const char *name;
	} need[] = {
	    {KVM_CAP_USER_MEMORY, "KVM_CAP_USER_MEMORY"},
	    {KVM_CAP_IMMEDIATE_EXIT, "KVM_CAP_IMMEDIATE_EXIT"},
	    {KVM_CAP_EXT_CPUID, "KVM_CAP_EXT_CPUID"},
	};
	int v = ioctl(k->fd, KVM_GET_API_VERSION, 0);

	if (v != KVM_API_VERSION) {
		if (!quiet)
			error_msg("%s speaks KVM API %d, vmux needs %d", dev, v,
				  KVM_API_VERSION);
		return -ENODEV;
	}
	for (size_t i = 0; i < sizeof(need) / sizeof(need[0]); i++)
		if (ioctl(k->fd, KVM_CHECK_EXTENSION, need[i].cap) <= 0) {
			if (!quiet)
				error_msg("%s lacks %s, which vmux needs", dev,
					  need[i].name);
			return -ENODEV;
		}
	k->run_size = ioctl(k->fd, KVM_GET_VCPU_MMAP_SIZE, 0);
	return k->run_size > 0 ? 0 : -ENODEV;
}

static int load_cpuid(struct kvm_accel *k)
{
	for (int n = 64; n <= 4096; n *= 2) {
		struct kvm_cpuid2 *c =
		    calloc(1, sizeof(*c) + n * sizeof(c->entries[0]));

		if (!c)
			return -ENOMEM;
		c->nent = n;
		if (ioctl(k->fd, KVM_GET_SUPPORTED_CPUID, c) == 0) {
			k->cpuid = c;
			return 0;
		}
		free(c);
		if (errno != E2BIG)
			return -errno;
	}
	return -E2BIG;
}

static void kvm_close(struct accel *a)
{
	struct kvm_accel *k = (struct kvm_accel *)a;

	if (k->fd >= 0)
		close(k->fd);
	free(k->cpuid);
	free(k);
}

static int kvm_open(const char *dev, bool quiet, struct accel **out)
{
	struct kvm_accel *k;
	int rc;

	dev = dev ? dev : "/dev/kvm";
	k = calloc(1, sizeof(*k));
	if (!k)
		return -ENOMEM;
	k->base.ops = &accel_kvm_ops;
	k->fd = open(dev, O_RDWR | O_CLOEXEC);
	if (k->fd < 0) {
		rc = open_fail(dev, errno, quiet);
		goto fail;
	}
	rc = check_caps(k, dev, quiet);
	if (rc == 0)
		rc = load_cpuid(k);
	if (rc == 0)
		rc = install_kick_handler();
	if (rc < 0)
		goto fail;
	*out = &k->base;
	return 0;
fail:
	kvm_close(&k->base);
	return rc;
}

static bool kvm_has_1g_pages(const struct accel *a)
{
	const struct kvm_accel *k = (const struct kvm_accel *)a;

	for (uint32_t i = 0; i < k->cpuid->nent; i++)
		if (k->cpuid->entries[i].function == 0x80000001)
			return (k->cpuid->entries[i].edx >> 26) & 1;
	return false;
}

static int kvm_vm_create(struct accel *a, struct accel_vm **out)
{
	struct kvm_accel *k = (struct kvm_accel *)a;
	struct kvm_vm_s *vm = calloc(1, sizeof(*vm));

	if (!vm)
		return -ENOMEM;
	vm->base.ops = &accel_kvm_ops;
	vm->kvm = k;
	vm->fd = ioctl(k->fd, KVM_CREATE_VM, 0);
	if (vm->fd < 0) {
		int rc = -errno;

		error_msg("KVM_CREATE_VM: %s", strerror(errno));
		free(vm);
		return rc == -ENOMEM ? rc : -ENODEV;
	}
	*out = &vm->base;
	return 0;
}

static void kvm_vm_destroy(struct accel_vm *v)
{
	struct kvm_vm_s *vm = (struct kvm_vm_s *)v;

	close(vm->fd);
	free(vm);
}

static int kvm_vm_map(struct accel_vm *v, uint64_t gpa, void *host, size_t size)
{
	struct kvm_vm_s *vm = (struct kvm_vm_s *)v;
	struct kvm_userspace_memory_region r = {
	    .slot = (uint32_t)vm->nslots,
	    .guest_phys_addr = gpa,
	    .memory_size = size,
	    .userspace_addr = (uint64_t)(uintptr_t)host,
	};

	if (ioctl(vm->fd, KVM_SET_USER_MEMORY_REGION, &r) < 0) {
		error_msg("KVM_SET_USER_MEMORY_REGION: %s", strerror(errno));
		return -errno;
	}
	vm->nslots++;
	return 0;
}

static void kvm_vcpu_destroy(struct accel_vcpu *c)
{
	struct kvm_vcpu_s *v = (struct kvm_vcpu_s *)c;

	if (v->run && v->run != MAP_FAILED)
		munmap(v->run, (size_t)v->vm->kvm->run_size);
	if (v->fd >= 0)
		close(v->fd);
	free(v);
}

static int kvm_vcpu_create(struct accel_vm *vmb, int index,
			   struct accel_vcpu **out)
{
	struct kvm_vm_s *vm = (struct kvm_vm_s *)vmb;
	struct kvm_vcpu_s *v = calloc(1, sizeof(*v));
	int rc;

	if (!v)
		return -ENOMEM;
	v->base.ops = &accel_kvm_ops;
	v->vm = vm;
	v->fd = ioctl(vm->fd, KVM_CREATE_VCPU, index);
	if (v->fd < 0)
		goto fail;
	v->run = mmap(NULL, (size_t)vm->kvm->run_size, PROT_READ | PROT_WRITE,
		      MAP_SHARED, v->fd, 0);
	if (v->run == MAP_FAILED)
		goto fail;
	if (ioctl(v->fd, KVM_SET_CPUID2, vm->kvm->cpuid) < 0)
		goto fail;
	*out = &v->base;
	return 0;
fail:
	rc = -errno;
	error_msg("creating vCPU %d: %s", index, strerror(errno));
	kvm_vcpu_destroy(&v->base);
	return rc;
}

static void set_seg(struct kvm_segment *s, uint16_t sel, bool code)
{
	memset(s, 0, sizeof(*s));
	s->selector = sel;
	s->limit = 0xffffffff;
	s->present = 1;
	s->s = 1;
	s->g = 1;
	s->type =
	    code ? 11 : 3; /* execute/read accessed; read/write accessed */
	s->l = code;
	s->db = !code;
}

/* XCR0 = x87 | SSE: some KVM flavours (e.g. PVM) trap SSE otherwise. */
static int set_xcr0(struct kvm_vcpu_s *v)
{
	struct kvm_xcrs x;

	if (ioctl(v->vm->kvm->fd, KVM_CHECK_EXTENSION, KVM_CAP_XCRS) <= 0)
		return 0;
	memset(&x, 0, sizeof(x));
	x.nr_xcrs = 1;
	x.xcrs[0].xcr = 0;
	x.xcrs[0].value = 3;
	return ioctl(v->fd, KVM_SET_XCRS, &x);
}

/* The x87/SSE state after FNINIT and LDMXCSR 0x1f80. */
static int set_fpu(struct kvm_vcpu_s *v)
{
	struct kvm_fpu f;

	memset(&f, 0, sizeof(f));
	f.fcw = 0x37f;
	f.mxcsr = 0x1f80;
	return ioctl(v->fd, KVM_SET_FPU, &f);
}

static int kvm_enter_long_mode(struct accel_vcpu *c, const struct vmm_entry *e)
{
	struct kvm_vcpu_s *v = (struct kvm_vcpu_s *)c;
	struct kvm_sregs sr;
	struct kvm_regs r;

	if (ioctl(v->fd, KVM_GET_SREGS, &sr) < 0)
		return -errno;
	sr.cr0 = e->cr0;
	sr.cr3 = e->cr3;
	sr.cr4 = e->cr4;
	sr.efer = e->efer;
	sr.gdt.base = e->gdt_base;
	sr.gdt.limit = e->gdt_limit;
	set_seg(&sr.cs, e->code_sel, true);
	set_seg(&sr.ds, e->data_sel, false);
	sr.es = sr.fs = sr.gs = sr.ss = sr.ds;
	if (ioctl(v->fd, KVM_SET_SREGS, &sr) < 0)
		return -errno;
	if (set_xcr0(v) < 0 || set_fpu(v) < 0)
		return -errno;
	memset(&r, 0, sizeof(r));
	r.rip = e->regs.rip;
	r.rsp = e->regs.rsp;
	r.rdi = e->regs.rdi;
	r.rsi = e->regs.rsi;
	r.rflags = e->regs.rflags ? e->regs.rflags : 2;
	return ioctl(v->fd, KVM_SET_REGS, &r) < 0 ? -errno : 0;
}

static int kvm_get_regs(struct accel_vcpu *c, struct vmm_regs *o)
{
	struct kvm_vcpu_s *v = (struct kvm_vcpu_s *)c;
	struct kvm_regs r;

	if (ioctl(v->fd, KVM_GET_REGS, &r) < 0)
		return -errno;
	*o = (struct vmm_regs){r.rax, r.rbx, r.rcx, r.rdx, r.rsi, r.rdi,
			       r.rsp, r.rbp, r.r8,  r.r9,  r.r10, r.r11,
			       r.r12, r.r13, r.r14, r.r15, r.rip, r.rflags};
	return 0;
}

static int kvm_get_cr(struct accel_vcpu *c, uint64_t cr[5])
{
	struct kvm_vcpu_s *v = (struct kvm_vcpu_s *)c;
	struct kvm_sregs sr;

	if (ioctl(v->fd, KVM_GET_SREGS, &sr) < 0)
		return -errno;
	cr[0] = sr.cr0;
	cr[1] = sr.cr2;
	cr[2] = sr.cr3;
	cr[3] = sr.cr4;
	cr[4] = sr.efer;
	return 0;
}

/* A port I/O exit: its data in RUN's page, at data_offset. */
static void io_exit(struct kvm_run *run, struct vmm_exit *e)
{
	e->reason = VMM_EXIT_IO;
	e->io.port = run->io.port;
	e->io.size = run->io.size;
	e->io.out = run->io.direction == KVM_EXIT_IO_OUT;
	e->io.count = run->io.count;
	e->io.data = (uint8_t *)run + run->io.data_offset;
}

static void mmio_exit(struct kvm_run *run, struct vmm_exit *e)
{
	e->reason = VMM_EXIT_MMIO;
	e->mmio.addr = run->mmio.phys_addr;
	e->mmio.len = run->mmio.len;
	e->mmio.write = run->mmio.is_write;
	e->mmio.data = run->mmio.data;
}

static void translate(struct kvm_run *run, struct vmm_exit *e)
{
	switch (run->exit_reason) {
	case KVM_EXIT_IO:
		io_exit(run, e);
		return;
	case KVM_EXIT_MMIO:
		mmio_exit(run, e);
		return;
	case KVM_EXIT_HLT:
		e->reason = VMM_EXIT_HLT;
		return;
	case KVM_EXIT_SHUTDOWN:
		e->reason = VMM_EXIT_SHUTDOWN;
		return;
	case KVM_EXIT_FAIL_ENTRY:
		e->reason = VMM_EXIT_FAIL_ENTRY;
		e->code = run->fail_entry.hardware_entry_failure_reason;
		return;
	case KVM_EXIT_INTERNAL_ERROR:
		e->reason = VMM_EXIT_INTERNAL;
		e->code = run->internal.suberror;
		return;
	case KVM_EXIT_SYSTEM_EVENT:
		e->reason = VMM_EXIT_SYSTEM_EVENT;
		e->code = run->system_event.type;
		return;
	case KVM_EXIT_INTR:
		e->reason = VMM_EXIT_INTR;
		return;
	default:
		e->reason = VMM_EXIT_UNKNOWN;
		e->code = run->exit_reason;
	}
}

static int kvm_vcpu_run(struct accel_vcpu *c, struct vmm_exit *e)
{
	struct kvm_vcpu_s *v = (struct kvm_vcpu_s *)c;

	if (!atomic_load_explicit(&v->has_thread, memory_order_relaxed)) {
		v->thread = pthread_self();
		atomic_store(&v->has_thread, 1);
	}
	while (ioctl(v->fd, KVM_RUN, 0) < 0) {
		if (errno == EINTR) {
			v->run->immediate_exit = 0;
			e->reason = VMM_EXIT_INTR;
			return 0;
		}
		if (errno != EAGAIN)
			return -errno;
	}
	translate(v->run, e);
	return 0;
}

/*
 * Never lost: the fence orders the flag before the thread check, as the
 * vCPU's store of has_thread comes before its KVM_RUN reads the flag, so
 * either KVM_RUN sees the flag or this sees the thread and signals it.
 */
static void kvm_vcpu_kick(struct accel_vcpu *c)
{
	struct kvm_vcpu_s *v = (struct kvm_vcpu_s *)c;

	v->run->immediate_exit = 1;
	atomic_thread_fence(memory_order_seq_cst);
	if (atomic_load(&v->has_thread))
		pthread_kill(v->thread, KICK_SIGNAL);
}

const struct accel_ops accel_kvm_ops = {
    .name = "kvm",
    .open = kvm_open,
    .close = kvm_close,
    .has_1g_pages = kvm_has_1g_pages,
    .vm_create = kvm_vm_create,
    .vm_destroy = kvm_vm_destroy,
    .vm_map = kvm_vm_map,
    .vcpu_create = kvm_vcpu_create,
    .vcpu_destroy = kvm_vcpu_destroy,
    .vcpu_enter_long_mode = kvm_enter_long_mode,
    .vcpu_get_regs = kvm_get_regs,
    .vcpu_get_cr = kvm_get_cr,
    .vcpu_run = kvm_vcpu_run,
    .vcpu_kick = kvm_vcpu_kick,
};

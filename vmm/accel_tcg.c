/*
 * accel_tcg.c - the accelerator interface on the Unicorn binary translator
 * (QEMU's TCG as a library), for machines without /dev/kvm.
 *
 * The guest runs inside uc_emu_start() on the vCPU thread. Unicorn reports
 * port I/O and MMIO through callbacks that must answer at once (an IN needs
 * its value before the instruction ends), so those exits go straight to
 * vmux's dispatcher (accel_vcpu_set_handler) from inside the callback: the
 * same devices, the same checks, the same exit counting as under KVM, for
 * the price of a function call. uc_emu_start() returns for the rest: HLT
 * (RIP after the instruction), an exception with no handler (there is no
 * IDT: reported as a shutdown, as a triple fault would be under KVM), an
 * invalid instruction or unmapped fetch (internal error), a kick.
 *
 * One Unicorn rule shapes the kicks: uc_emu_stop() inside a callback
 * leaves RIP on that instruction, which then runs again, whole. So a kick
 * never stops a callback; one that finds the vCPU in a callback waits for
 * the next callback and stops before its access.
 */
#include "vmm/accel_ops.h"
#include "sim/error.h"
#include "vmm/guest/abi.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicorn/unicorn.h>

#define MAX_MAPS 4
#define MSR_EFER 0xc0000080u

struct tcg_accel {
	struct accel base;
};

struct tcg_vm {
	struct accel_vm base;
	struct {
		uint64_t gpa;
		void *host;
		size_t size;
	} map[MAX_MAPS];
	int nmaps;
};

struct tcg_vcpu {
	struct accel_vcpu base;
	struct tcg_vm *vm;
	uc_engine *uc;
	accel_exit_fn fn;	/* the dispatcher (accel_vcpu_set_handler) */
	void *opaque;
	pthread_mutex_t lock;	/* running and in_hook, against kicks */
	bool running;		/* inside tcg_vcpu_run */
	bool in_hook;		/* inside a callback: never stop it there */
	atomic_bool kicked;
	enum { STOP_NONE, STOP_EXCEPTION, STOP_INVALID, STOP_LEAVE } stop;
	uint32_t intno;
	struct vmm_exit exit;	/* the exit being dispatched */
	uint8_t data[8];
};

static const char *err_text(uc_err e)
{
	return uc_strerror(e);
}

static void set_in_hook(struct tcg_vcpu *v, bool in)
{
	pthread_mutex_lock(&v->lock);
	v->in_hook = in;
	pthread_mutex_unlock(&v->lock);
}

/*
 * Start a callback. A kick that arrived while the vCPU was in an earlier
 * callback was left pending (stopping there would repeat that access);
 * honour it now, before this access: uc_emu_stop in a callback leaves RIP
 * on the instruction, so it runs again, whole, after the kick.
 */
static bool hook_begin(struct tcg_vcpu *v)
{
	set_in_hook(v, true);
	if (!atomic_load(&v->kicked))
		return true;
	uc_emu_stop(v->uc);
	set_in_hook(v, false);
	return false;
}

/* Hand v->exit to the dispatcher; it may ask the vCPU to stop. */
static void dispatch(struct tcg_vcpu *v)
{
	if (!v->fn || v->fn(v->opaque, &v->exit)) {
		v->stop = STOP_LEAVE;
		uc_emu_stop(v->uc);
	}
	set_in_hook(v, false);
}

static void io_exit(struct tcg_vcpu *v, uint32_t port, int size, bool out)
{
	v->exit = (struct vmm_exit){ .reason = VMM_EXIT_IO };
	v->exit.io.port = (uint16_t)port;
	v->exit.io.size = (uint8_t)size;
	v->exit.io.out = out;
	v->exit.io.count = 1;
	v->exit.io.data = v->data;
	memset(v->data, 0, sizeof(v->data));
}

static uint32_t on_in(uc_engine *uc, uint32_t port, int size, void *opaque)
{
	struct tcg_vcpu *v = opaque;
	uint32_t val = 0;

	(void)uc;
	if (!hook_begin(v))
		return 0;
	io_exit(v, port, size, false);
	dispatch(v);
	memcpy(&val, v->data, (size_t)size);
	return val;
}

static void on_out(uc_engine *uc, uint32_t port, int size, uint32_t value,
		   void *opaque)
{
	struct tcg_vcpu *v = opaque;

	(void)uc;
	if (!hook_begin(v))
		return;
	io_exit(v, port, size, true);
	memcpy(v->data, &value, (size_t)size);
	dispatch(v);
}

static void mmio_exit(struct tcg_vcpu *v, uint64_t addr, unsigned size,
		      bool write, uint64_t value)
{
	v->exit = (struct vmm_exit){ .reason = VMM_EXIT_MMIO };
	v->exit.mmio.addr = addr;
	v->exit.mmio.len = size;
	v->exit.mmio.write = write;
	v->exit.mmio.data = v->data;
	memset(v->data, 0, sizeof(v->data));
	if (write)
		memcpy(v->data, &value, size);
}

static uint64_t on_mmio_read(uc_engine *uc, uint64_t off, unsigned size,
			     void *opaque)
{
	struct tcg_vcpu *v = opaque;
	uint64_t val = 0;

	(void)uc;
	if (!hook_begin(v))
		return 0;
	mmio_exit(v, ABI_MMIO_BASE + off, size, false, 0);
	dispatch(v);
	memcpy(&val, v->data, size);
	return val;
}

static void on_mmio_write(uc_engine *uc, uint64_t off, unsigned size,
			  uint64_t value, void *opaque)
{
	struct tcg_vcpu *v = opaque;

	(void)uc;
	if (!hook_begin(v))
		return;
	mmio_exit(v, ABI_MMIO_BASE + off, size, true, value);
	dispatch(v);
}

/* Data accesses outside RAM and the MMIO window: the dispatcher faults. */
static bool on_unmapped(uc_engine *uc, uc_mem_type type, uint64_t addr,
			int size, int64_t value, void *opaque)
{
	struct tcg_vcpu *v = opaque;

	(void)uc;
	if (type == UC_MEM_FETCH_UNMAPPED)
		return false; /* ends the emulation: reported as internal */
	set_in_hook(v, true);
	mmio_exit(v, addr, (unsigned)size, type == UC_MEM_WRITE_UNMAPPED,
		  (uint64_t)value);
	dispatch(v);
	return false;
}

/* An exception: no IDT, so under KVM this would be a triple fault. */
static void on_intr(uc_engine *uc, uint32_t intno, void *opaque)
{
	struct tcg_vcpu *v = opaque;

	v->stop = STOP_EXCEPTION;
	v->intno = intno;
	uc_emu_stop(uc);
}

static bool on_invalid(uc_engine *uc, void *opaque)
{
	struct tcg_vcpu *v = opaque;

	(void)uc;
	v->stop = STOP_INVALID;
	return false;
}

static bool halted(struct tcg_vcpu *v)
{
	uint64_t rip = 0;
	uint8_t op = 0;

	uc_reg_read(v->uc, UC_X86_REG_RIP, &rip);
	return rip && uc_mem_read(v->uc, rip - 1, &op, 1) == UC_ERR_OK &&
	       op == 0xf4;
}

/* Why uc_emu_start returned, as the exit tcg_vcpu_run returns. */
static void classify(struct tcg_vcpu *v, uc_err err, struct vmm_exit *e)
{
	*e = (struct vmm_exit){ .reason = VMM_EXIT_INTERNAL, .code = err };
	if (v->stop == STOP_EXCEPTION) {
		e->reason = VMM_EXIT_SHUTDOWN;
		e->code = v->intno;
	} else if (v->stop == STOP_INVALID) {
		e->code = UC_ERR_INSN_INVALID;
	} else if (v->stop == STOP_LEAVE) {
		e->reason = VMM_EXIT_INTR;	/* the dispatcher said stop */
	} else if (err != UC_ERR_OK) {
		error_msg("tcg: the emulation stopped: %s", err_text(err));
	} else if (atomic_exchange(&v->kicked, false)) {
		e->reason = VMM_EXIT_INTR;
	} else if (halted(v)) {
		e->reason = VMM_EXIT_HLT;
	} else {
		e->reason = VMM_EXIT_INTR;	/* stopped, cause unknown */
	}
}

/* ---- the accelerator interface ---- */

static int tcg_open(const char *dev, bool quiet, struct accel **out)
{
	struct tcg_accel *a = calloc(1, sizeof(*a));
	unsigned major, minor;

	(void)dev;
	(void)quiet;
	if (!a)
		return -ENOMEM;
	uc_version(&major, &minor);
	if (major < 2) {
		free(a);
		error_msg("tcg needs Unicorn 2 (found %u.%u): apt-get install "
			  "libunicorn2",
			  major, minor);
		return -ENODEV;
	}
	a->base.ops = &accel_tcg_ops;
	*out = &a->base;
	return 0;
}

static void tcg_close(struct accel *a)
{
	free(a);
}

/* Unicorn's default x86-64 CPU offers no 1 GiB pages. */
static bool tcg_has_1g_pages(const struct accel *a)
{
	(void)a;
	return false;
}

static int tcg_vm_create(struct accel *a, struct accel_vm **out)
{
	struct tcg_vm *vm = calloc(1, sizeof(*vm));

	(void)a;
	if (!vm)
		return -ENOMEM;
	vm->base.ops = &accel_tcg_ops;
	*out = &vm->base;
	return 0;
}

static void tcg_vm_destroy(struct accel_vm *v)
{
	free(v);
}

/* Recorded now, mapped into each vCPU's engine when it is made. */
static int tcg_vm_map(struct accel_vm *v, uint64_t gpa, void *host, size_t size)
{
	struct tcg_vm *vm = (struct tcg_vm *)v;

	if (vm->nmaps == MAX_MAPS)
		return -ENOSPC;
	vm->map[vm->nmaps].gpa = gpa;
	vm->map[vm->nmaps].host = host;
	vm->map[vm->nmaps].size = size;
	vm->nmaps++;
	return 0;
}

static void tcg_vcpu_destroy(struct accel_vcpu *c)
{
	struct tcg_vcpu *v = (struct tcg_vcpu *)c;

	if (!v)
		return;
	if (v->uc)
		uc_close(v->uc);
	pthread_mutex_destroy(&v->lock);
	free(v);
}

static uc_err add_hooks(struct tcg_vcpu *v)
{
	uc_hook h;
	uc_err e;

	e = uc_hook_add(v->uc, &h, UC_HOOK_INSN, (void *)on_in, v, 1, 0,
			UC_X86_INS_IN);
	if (!e)
		e = uc_hook_add(v->uc, &h, UC_HOOK_INSN, (void *)on_out, v, 1,
				0, UC_X86_INS_OUT);
	if (!e)
		e = uc_hook_add(v->uc, &h, UC_HOOK_MEM_UNMAPPED,
				(void *)on_unmapped, v, 1, 0);
	if (!e)
		e = uc_hook_add(v->uc, &h, UC_HOOK_INTR, (void *)on_intr, v, 1,
				0);
	if (!e)
		e = uc_hook_add(v->uc, &h, UC_HOOK_INSN_INVALID,
				(void *)on_invalid, v, 1, 0);
	if (!e)
		e = uc_mmio_map(v->uc, ABI_MMIO_BASE, ABI_MMIO_SIZE,
				on_mmio_read, v, on_mmio_write, v);
	return e;
}

static int tcg_vcpu_create(struct accel_vm *vmb, int index,
			   struct accel_vcpu **out)
{
	struct tcg_vm *vm = (struct tcg_vm *)vmb;
	struct tcg_vcpu *v = calloc(1, sizeof(*v));
	uc_err e;

	if (!v)
		return -ENOMEM;
	v->base.ops = &accel_tcg_ops;
	v->vm = vm;
	pthread_mutex_init(&v->lock, NULL);
	e = uc_open(UC_ARCH_X86, UC_MODE_64, &v->uc);
	for (int i = 0; !e && i < vm->nmaps; i++)
		e = uc_mem_map_ptr(v->uc, vm->map[i].gpa, vm->map[i].size,
				   UC_PROT_ALL, vm->map[i].host);
	if (!e)
		e = add_hooks(v);
	if (e) {
		error_msg("tcg: vCPU %d: %s", index, err_text(e));
		tcg_vcpu_destroy(&v->base);
		return -ENOMEM;
	}
	*out = &v->base;
	return 0;
}

static uc_err set_seg_regs(uc_engine *uc, const struct vmm_entry *e)
{
	uc_x86_mmr gdtr = {0, e->gdt_base, e->gdt_limit, 0};
	uc_x86_msr efer = {MSR_EFER, e->efer};
	int code = e->code_sel, data = e->data_sel;
	uc_err r;

	r = uc_reg_write(uc, UC_X86_REG_GDTR, &gdtr);
	if (!r)
		r = uc_reg_write(uc, UC_X86_REG_CR4, &e->cr4);
	if (!r)
		r = uc_reg_write(uc, UC_X86_REG_CR3, &e->cr3);
	if (!r)
		r = uc_reg_write(uc, UC_X86_REG_MSR, &efer);
	if (!r)
		r = uc_reg_write(uc, UC_X86_REG_CR0, &e->cr0);
	if (!r)
		r = uc_reg_write(uc, UC_X86_REG_CS, &code);
	if (!r)
		r = uc_reg_write(uc, UC_X86_REG_SS, &data);
	if (!r)
		r = uc_reg_write(uc, UC_X86_REG_DS, &data);
	if (!r)
		r = uc_reg_write(uc, UC_X86_REG_ES, &data);
	return r;
}

static int tcg_enter_long_mode(struct accel_vcpu *c, const struct vmm_entry *e)
{
	struct tcg_vcpu *v = (struct tcg_vcpu *)c;
	uint64_t fl = e->regs.rflags ? e->regs.rflags : 2;
	uc_err r = set_seg_regs(v->uc, e);

	if (!r)
		r = uc_reg_write(v->uc, UC_X86_REG_RIP, &e->regs.rip);
	if (!r)
		r = uc_reg_write(v->uc, UC_X86_REG_RSP, &e->regs.rsp);
	if (!r)
		r = uc_reg_write(v->uc, UC_X86_REG_RDI, &e->regs.rdi);
	if (!r)
		r = uc_reg_write(v->uc, UC_X86_REG_RSI, &e->regs.rsi);
	if (!r)
		r = uc_reg_write(v->uc, UC_X86_REG_RFLAGS, &fl);
	if (r) {
		error_msg("tcg: entering long mode: %s", err_text(r));
		return -EINVAL;
	}
	return 0;
}

static int tcg_get_regs(struct accel_vcpu *c, struct vmm_regs *o)
{
	static const int ids[] = {
	    UC_X86_REG_RAX, UC_X86_REG_RBX,    UC_X86_REG_RCX, UC_X86_REG_RDX,
	    UC_X86_REG_RSI, UC_X86_REG_RDI,    UC_X86_REG_RSP, UC_X86_REG_RBP,
	    UC_X86_REG_R8,  UC_X86_REG_R9,     UC_X86_REG_R10, UC_X86_REG_R11,
	    UC_X86_REG_R12, UC_X86_REG_R13,    UC_X86_REG_R14, UC_X86_REG_R15,
	    UC_X86_REG_RIP, UC_X86_REG_RFLAGS,
	};
	struct tcg_vcpu *v = (struct tcg_vcpu *)c;
	uint64_t *dst = &o->rax;

	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		if (uc_reg_read(v->uc, ids[i], &dst[i]))
			return -EIO;
	return 0;
}

static int tcg_get_cr(struct accel_vcpu *c, uint64_t cr[5])
{
	struct tcg_vcpu *v = (struct tcg_vcpu *)c;
	uc_x86_msr efer = {MSR_EFER, 0};
	uc_err r = uc_reg_read(v->uc, UC_X86_REG_CR0, &cr[0]);

	if (!r)
		r = uc_reg_read(v->uc, UC_X86_REG_CR2, &cr[1]);
	if (!r)
		r = uc_reg_read(v->uc, UC_X86_REG_CR3, &cr[2]);
	if (!r)
		r = uc_reg_read(v->uc, UC_X86_REG_CR4, &cr[3]);
	if (!r)
		r = uc_reg_read(v->uc, UC_X86_REG_MSR, &efer);
	cr[4] = efer.value;
	return r ? -EIO : 0;
}

/*
 * Run the guest on the calling thread until something the dispatcher does
 * not handle inside a callback: HLT, an exception, a kick, or the
 * dispatcher asking to stop. A pending kick returns VMM_EXIT_INTR without
 * entering.
 */
static int tcg_vcpu_run(struct accel_vcpu *c, struct vmm_exit *e)
{
	struct tcg_vcpu *v = (struct tcg_vcpu *)c;
	uint64_t rip;
	uc_err err;

	pthread_mutex_lock(&v->lock);
	v->running = true;
	pthread_mutex_unlock(&v->lock);
	v->stop = STOP_NONE;
	if (atomic_exchange(&v->kicked, false)) {
		*e = (struct vmm_exit){ .reason = VMM_EXIT_INTR };
	} else {
		uc_reg_read(v->uc, UC_X86_REG_RIP, &rip);
		err = uc_emu_start(v->uc, rip, UINT64_MAX, 0, 0);
		classify(v, err, e);
	}
	pthread_mutex_lock(&v->lock);
	v->running = false;
	pthread_mutex_unlock(&v->lock);
	return 0;
}

/*
 * Stop the emulation, but never inside a callback (the access would run
 * twice): a vCPU in a callback takes the kick at its next one, or at the
 * next tcg_vcpu_run. uc_emu_start forgets a stop asked just before it
 * begins, so the stop is repeated until the kick has been taken.
 */
static void tcg_vcpu_kick(struct accel_vcpu *c)
{
	struct tcg_vcpu *v = (struct tcg_vcpu *)c;
	struct timespec ms = { 0, 1000000 };
	bool busy;

	atomic_store(&v->kicked, true);
	for (int i = 0; i < 100; i++) {
		pthread_mutex_lock(&v->lock);
		busy = v->running && !v->in_hook;
		if (busy)
			uc_emu_stop(v->uc);
		pthread_mutex_unlock(&v->lock);
		if (!busy || !atomic_load(&v->kicked))
			return;
		nanosleep(&ms, NULL);
	}
}

static void tcg_set_handler(struct accel_vcpu *c, accel_exit_fn fn,
			    void *opaque)
{
	struct tcg_vcpu *v = (struct tcg_vcpu *)c;

	v->fn = fn;
	v->opaque = opaque;
}

const struct accel_ops accel_tcg_ops = {
    .name = "tcg",
    .open = tcg_open,
    .close = tcg_close,
    .has_1g_pages = tcg_has_1g_pages,
    .vm_create = tcg_vm_create,
    .vm_destroy = tcg_vm_destroy,
    .vm_map = tcg_vm_map,
    .vcpu_create = tcg_vcpu_create,
    .vcpu_destroy = tcg_vcpu_destroy,
    .vcpu_enter_long_mode = tcg_enter_long_mode,
    .vcpu_get_regs = tcg_get_regs,
    .vcpu_get_cr = tcg_get_cr,
    .vcpu_run = tcg_vcpu_run,
    .vcpu_kick = tcg_vcpu_kick,
    .vcpu_set_handler = tcg_set_handler,
};

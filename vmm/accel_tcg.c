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
 * IDT: reported as a shutdown, as the triple fault it is under KVM), an
 * invalid instruction or unmapped fetch (internal error), a kick, or the
 * dispatcher asking to stop.
 *
 * Stopping is shaped by how Unicorn 2.0 stops (measured here; Unicorn
 * issue #1355): after every guest memory access inside a translation block
 * it checks for a pending uc_emu_stop() and, if there is one, leaves with
 * RIP at the start of the block but the effects of the instructions
 * already run kept, so they run again when the guest resumes (a counter
 * incremented twice; a device access before the store repeated). A stop
 * asked from another thread, or from an I/O callback in mid-block, is
 * therefore never exact. A stop asked in a block hook, before the
 * block's first instruction, is exact. Two kinds of vCPU follow:
 *   - exact kicks (accel_vcpu_exact_kicks: vCPUs that are resumed after
 *     a kick, under validation's throttle): a kick only raises a flag,
 *     which a block hook polls at the start of every translation block,
 *     a run's first included (the price: a call per block, ~2.8x on the
 *     tightest integer loop);
 *     a dispatcher's "stop" waits for the same point;
 *   - the rest (every other run): a kick or a dispatcher's "stop" calls
 *     uc_emu_stop() at once, since the guest will not resume. Only the
 *     block where each run starts has a hook (on_entry): uc_emu_start()
 *     forgets a stop asked before it has begun (measured: the guest then
 *     runs on), so that block polls the kick flag, and a kick is never
 *     lost, whenever it lands.
 * Exceptions, HLT and SYSCALL, which end their block, stop where they
 * happen. Unicorn is linked statically (see the Makefile: as a shared
 * library its relocation cost each tcg run ~3.5 ms); until a vCPU
 * translates, no command touches it.
 */
#include "vmm/accel_ops.h"
#include "vmm/tcg_oom.h"
#include "lib/error.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unicorn/unicorn.h>

#if UC_API_MAJOR < 2
#error "tcg needs Unicorn 2 (Debian: libunicorn-dev 2.0)"
#endif

/* Unicorn allocates through tcg_oom.c (mk/unicorn.mk renames its malloc);
 * this reference links that file in wherever this one is. */
static void *(*const uc_allocator)(size_t)
    __attribute__((used)) = tcg_oom_malloc;

#define MAX_MAPS 4 /* RAM ranges, and MMIO windows */
#define MSR_EFER 0xc0000080u

struct tcg_accel {
	struct accel base;
};

struct tcg_vm {
	struct accel_vm base;
	struct {
		uint64_t gpa;
		void *host; /* NULL: an MMIO window */
		size_t size;
	} map[MAX_MAPS];
	int nmaps;
};

struct tcg_vcpu;

/* What Unicorn hands an MMIO callback: the vCPU and the window's base. */
struct tcg_window {
	struct tcg_vcpu *v;
	uint64_t base;
};

struct tcg_vcpu {
	struct accel_vcpu base;
	struct tcg_vm *vm;
	uc_engine *uc;
	accel_exit_fn fn; /* the dispatcher (accel_vcpu_set_handler) */
	void *opaque;
	atomic_bool kicked; /* set by kicks, taken by tcg_vcpu_run */
	bool exact;	    /* kicks stop at a block start (on_block) */
	bool leave;	    /* the dispatcher ended the vCPU's loop */
	bool ending;	    /* kicked from inside its own dispatcher */
	bool ran;	    /* uc_emu_start() was called: blocks are cached */
	uc_hook entry;	    /* on_entry's hook (0: none) ... */
	uint64_t entry_at;  /* ... bounded to the block there */
	enum { STOP_NONE, STOP_EXCEPTION, STOP_INVALID } stop;
	uint32_t intno;
	uint64_t fault_rip;   /* where RIP goes back to (0: where it is) */
	uint64_t fault_cr2;   /* CR2 when the exception came (see on_intr) */
	struct vmm_exit exit; /* the exit being dispatched */
	uint8_t data[8];
	struct tcg_window win[MAX_MAPS];
};

/*
 * The vCPU whose exit this thread is dispatching. A kick from inside the
 * dispatcher of that very vCPU means the VM is stopping (the guest
 * reported done, or faulted): what the guest does between there and the
 * end of the block (the entry stub halts at CPL 3, which faults) is no
 * longer its fault.
 */
static _Thread_local struct tcg_vcpu *dispatching;

/*
 * Hand v->exit to the dispatcher, which answers at once (data for reads)
 * and may end the vCPU's loop. The rest of the block still runs before the
 * vCPU stops; its device accesses are not dispatched then (reads see 0):
 * the loop has ended, the guest will not resume.
 */
static void dispatch(struct tcg_vcpu *v)
{
	if (v->leave)
		return;
	dispatching = v;
	if (!v->fn || v->fn(v->opaque, &v->exit)) {
		v->leave = true;
		if (!v->exact)
			uc_emu_stop(v->uc);
	}
	dispatching = NULL;
}

static void io_exit(struct tcg_vcpu *v, uint32_t port, int size, bool out)
{
	v->exit = (struct vmm_exit){.reason = VMM_EXIT_IO};
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
	io_exit(v, port, size, true);
	memcpy(v->data, &value, (size_t)size);
	dispatch(v);
}

static void mmio_exit(struct tcg_vcpu *v, uint64_t addr, unsigned size,
		      bool write, uint64_t value)
{
	v->exit = (struct vmm_exit){.reason = VMM_EXIT_MMIO};
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
	struct tcg_window *w = opaque;
	struct tcg_vcpu *v = w->v;
	uint64_t val = 0;

	(void)uc;
	mmio_exit(v, w->base + off, size, false, 0);
	dispatch(v);
	memcpy(&val, v->data, size);
	return val;
}

static void on_mmio_write(uc_engine *uc, uint64_t off, unsigned size,
			  uint64_t value, void *opaque)
{
	struct tcg_window *w = opaque;

	(void)uc;
	mmio_exit(w->v, w->base + off, size, true, value);
	dispatch(w->v);
}

/*
 * Data accesses outside RAM and the MMIO window go to the dispatcher too
 * (which faults: no device lives there); the emulation then ends, Unicorn
 * cannot resume such an access.
 */
static bool on_unmapped(uc_engine *uc, uc_mem_type type, uint64_t addr,
			int size, int64_t value, void *opaque)
{
	struct tcg_vcpu *v = opaque;

	(void)uc;
	if (type == UC_MEM_FETCH_UNMAPPED)
		return false; /* ends the emulation: reported as internal */
	mmio_exit(v, addr, (unsigned)size, type == UC_MEM_WRITE_UNMAPPED,
		  (uint64_t)value);
	dispatch(v);
	return false;
}

/* The start of every translation block: the one exact place to stop. */
static void on_block(uc_engine *uc, uint64_t addr, uint32_t size, void *opaque)
{
	struct tcg_vcpu *v = opaque;

	(void)addr;
	(void)size;
	if (v->leave || atomic_load_explicit(&v->kicked, memory_order_relaxed))
		uc_emu_stop(uc);
}

/*
 * The first block of a run of a vCPU without exact kicks. Unicorn has
 * begun, so a stop asked from now on is kept; one asked before it began
 * was forgotten, and the flag says whether there was one. The fence pairs
 * with the kick's: either this load sees the flag, or the kick's
 * uc_emu_stop() comes after it and sees this run.
 */
static void on_entry(uc_engine *uc, uint64_t addr, uint32_t size, void *opaque)
{
	struct tcg_vcpu *v = opaque;

	(void)addr;
	(void)size;
	atomic_thread_fence(memory_order_seq_cst);
	if (atomic_load_explicit(&v->kicked, memory_order_relaxed))
		uc_emu_stop(uc);
}

/*
 * Hook on_entry to the block at RIP, where the next run starts (no-op for
 * exact vCPUs: on_block polls every block). A block already translated
 * there without the hook is dropped, so that it is translated with it.
 */
static uc_err hook_entry(struct tcg_vcpu *v, uint64_t rip)
{
	uc_err e = UC_ERR_OK;

	if (v->exact || (v->entry && v->entry_at == rip))
		return UC_ERR_OK;
	if (v->entry)
		e = uc_hook_del(v->uc, v->entry);
	v->entry = 0;
	if (!e)
		e = uc_hook_add(v->uc, &v->entry, UC_HOOK_BLOCK,
				(void *)on_entry, v, rip, rip);
	if (!e && v->ran && rip < UINT64_MAX)
		e = uc_ctl_remove_cache(v->uc, rip, rip + 1);
	v->entry_at = rip;
	return e;
}

/*
 * An exception: no IDT, so under KVM this would be a triple fault. Once
 * the VM is stopping (see dispatching) it is only a stop; were the VM to
 * go on after all, a fault would come again, Unicorn leaving RIP on the
 * faulting instruction. CR2 is read here: Unicorn's way out after the
 * stop left 0xfffffffffffffffe in it, a page fault that never was (a #GP
 * from LIDT at CPL 3 said cr2=0xfffffffffffffffe, KVM cr2=0x0).
 */
static void on_intr(uc_engine *uc, uint32_t intno, void *opaque)
{
	struct tcg_vcpu *v = opaque;

	if (!v->leave && !v->ending) {
		v->stop = STOP_EXCEPTION;
		v->intno = intno;
		if (uc_reg_read(uc, UC_X86_REG_CR2, &v->fault_cr2))
			v->fault_cr2 = 0;
	}
	uc_emu_stop(uc);
}

/*
 * SYSCALL with EFER.SCE clear (x86_boot never sets it) is #UD on the
 * hardware, a triple fault without an IDT; Unicorn would skip it as a
 * no-op. RIP goes back on the instruction, as a fault leaves it.
 */
static void on_syscall(uc_engine *uc, void *opaque)
{
	struct tcg_vcpu *v = opaque;

	if (!v->leave && !v->ending) {
		v->stop = STOP_EXCEPTION;
		v->intno = 6; /* #UD */
		uc_reg_read(uc, UC_X86_REG_RIP, &v->fault_rip);
		if (uc_reg_read(uc, UC_X86_REG_CR2, &v->fault_cr2))
			v->fault_cr2 = 0;
	}
	uc_emu_stop(uc);
}

static bool on_invalid(uc_engine *uc, void *opaque)
{
	struct tcg_vcpu *v = opaque;

	(void)uc;
	if (!v->leave && !v->ending)
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

/*
 * Why uc_emu_start returned, as the exit tcg_vcpu_run returns. A kick
 * taken here is used up; one arriving later ends the next run.
 */
static void classify(struct tcg_vcpu *v, uc_err err, struct vmm_exit *e)
{
	bool kicked = atomic_exchange(&v->kicked, false);

	*e = (struct vmm_exit){.reason = VMM_EXIT_INTERNAL, .code = err};
	if (v->leave || v->ending) {
		e->reason = VMM_EXIT_INTR; /* the run was ended */
	} else if (v->stop == STOP_EXCEPTION) {
		e->reason = VMM_EXIT_SHUTDOWN;
		e->code = v->intno;
		if (v->fault_rip)
			uc_reg_write(v->uc, UC_X86_REG_RIP, &v->fault_rip);
	} else if (v->stop == STOP_INVALID) {
		e->code = UC_ERR_INSN_INVALID;
	} else if (err != UC_ERR_OK) {
		error_msg("tcg: the emulation stopped: %s", uc_strerror(err));
	} else if (kicked) {
		e->reason = VMM_EXIT_INTR;
	} else if (halted(v)) {
		e->reason = VMM_EXIT_HLT;
	} else {
		e->reason = VMM_EXIT_INTR; /* stopped, cause unknown */
	}
}

/* ---- the accelerator interface ---- */

static int tcg_open(const char *dev, bool quiet, struct accel **out)
{
	struct tcg_accel *a = calloc(1, sizeof(*a));

	(void)dev;
	(void)quiet;
	if (!a)
		return -ENOMEM;
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

static int tcg_vm_map_mmio(struct accel_vm *v, uint64_t gpa, uint64_t size)
{
	return tcg_vm_map(v, gpa, NULL, size);
}

static void tcg_vcpu_destroy(struct accel_vcpu *c)
{
	struct tcg_vcpu *v = (struct tcg_vcpu *)c;

	if (!v)
		return;
	if (v->uc)
		uc_close(v->uc);
	free(v);
}

/* The VM's range I: RAM, or an MMIO window whose accesses go to dispatch. */
static uc_err map_range(struct tcg_vcpu *v, int i)
{
	const struct tcg_vm *vm = v->vm;

	if (vm->map[i].host)
		return uc_mem_map_ptr(v->uc, vm->map[i].gpa, vm->map[i].size,
				      UC_PROT_ALL, vm->map[i].host);
	v->win[i] = (struct tcg_window){v, vm->map[i].gpa};
	return uc_mmio_map(v->uc, vm->map[i].gpa, vm->map[i].size, on_mmio_read,
			   &v->win[i], on_mmio_write, &v->win[i]);
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
		e = uc_hook_add(v->uc, &h, UC_HOOK_INSN, (void *)on_syscall, v,
				1, 0, UC_X86_INS_SYSCALL);
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
	e = uc_open(UC_ARCH_X86, UC_MODE_64, &v->uc);
	for (int i = 0; !e && i < vm->nmaps; i++)
		e = map_range(v, i);
	if (!e)
		e = add_hooks(v);
	if (e) {
		error_msg("tcg: vCPU %d: %s", index, uc_strerror(e));
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
	if (!r)
		r = uc_reg_write(uc, UC_X86_REG_FS, &data);
	if (!r)
		r = uc_reg_write(uc, UC_X86_REG_GS, &data);
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
		error_msg("tcg: entering long mode: %s", uc_strerror(r));
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

	if (!r && v->stop == STOP_EXCEPTION)
		cr[1] = v->fault_cr2; /* as the exception left it */
	else if (!r)
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
 * Run the guest on the calling thread, from its current RIP, until
 * something the dispatcher does not handle inside a callback: HLT, an
 * exception, a kick, or the dispatcher ending the loop. A kick pending
 * from before returns VMM_EXIT_INTR without entering.
 */
static int tcg_vcpu_run(struct accel_vcpu *c, struct vmm_exit *e)
{
	struct tcg_vcpu *v = (struct tcg_vcpu *)c;
	uint64_t rip = 0;
	uc_err err;

	if (atomic_exchange(&v->kicked, false)) {
		*e = (struct vmm_exit){.reason = VMM_EXIT_INTR};
		return 0;
	}
	v->stop = STOP_NONE;
	v->fault_rip = 0;
	v->leave = false;
	v->ending = false;
	if (uc_reg_read(v->uc, UC_X86_REG_RIP, &rip))
		return -EIO;
	err = hook_entry(v, rip);
	if (err) {
		error_msg("tcg: hooking the entry block: %s", uc_strerror(err));
		return -ENOMEM;
	}
	v->ran = true;
	err = uc_emu_start(v->uc, rip, UINT64_MAX, 0, 0);
	classify(v, err, e);
	return 0;
}

/*
 * Any thread; never lost. With exact kicks only a flag: the vCPU stops at
 * the start of its next translation block (see the top of the file), or
 * does not enter at all if it is outside the guest now. Without, the flag
 * and a stop at once, which Unicorn keeps if its run has begun and
 * forgets if not; then on_entry finds the flag (the fences order the two
 * sides). A vCPU inside a callback (a device, the duty port blocking
 * until the next slot) finishes it first, as a KVM vCPU finishes its exit.
 */
static void tcg_vcpu_kick(struct accel_vcpu *c)
{
	struct tcg_vcpu *v = (struct tcg_vcpu *)c;

	atomic_store(&v->kicked, true);
	if (dispatching == v)
		v->ending = true;
	if (!v->exact) {
		atomic_thread_fence(memory_order_seq_cst);
		uc_emu_stop(v->uc);
	}
}

/* Before the first run: no block has been translated without the hook. */
static int tcg_exact_kicks(struct accel_vcpu *c)
{
	struct tcg_vcpu *v = (struct tcg_vcpu *)c;
	uc_hook h;
	uc_err e;

	if (v->exact)
		return 0;
	e = uc_hook_add(v->uc, &h, UC_HOOK_BLOCK, (void *)on_block, v, 1, 0);
	if (e) {
		error_msg("tcg: exact kicks: %s", uc_strerror(e));
		return -ENOMEM;
	}
	v->exact = true;
	return 0;
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
    .vm_map_mmio = tcg_vm_map_mmio,
    .vcpu_create = tcg_vcpu_create,
    .vcpu_destroy = tcg_vcpu_destroy,
    .vcpu_enter_long_mode = tcg_enter_long_mode,
    .vcpu_get_regs = tcg_get_regs,
    .vcpu_get_cr = tcg_get_cr,
    .vcpu_run = tcg_vcpu_run,
    .vcpu_kick = tcg_vcpu_kick,
    .vcpu_exact_kicks = tcg_exact_kicks,
    .vcpu_set_handler = tcg_set_handler,
};

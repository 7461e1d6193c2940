/*
 * accel.h - the accelerator interface: everything the monitor asks of a
 * virtual CPU engine, and nothing that says which engine it is.
 *
 * Two backends implement it, as QEMU's -accel: accel_kvm.c on /dev/kvm
 * (hardware-assisted) and accel_tcg.c on the Unicorn binary translator.
 * Guest RAM is owned by the caller (vmm/mem.h) and mapped into the backend;
 * the entry state is computed by shared code (vmm/x86_boot.h) and handed over
 * as a struct. An exit is described by struct vmm_exit; for port and MMIO
 * reads the handler fills exit->data before the next accel_vcpu_run().
 */
#ifndef VMUX_ACCEL_H
#define VMUX_ACCEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum vmm_exit_reason {
	VMM_EXIT_IO,	       /* port I/O: exit.io */
	VMM_EXIT_MMIO,	       /* access outside RAM: exit.mmio */
	VMM_EXIT_HLT,	       /* the guest halted */
	VMM_EXIT_SHUTDOWN,     /* triple fault */
	VMM_EXIT_FAIL_ENTRY,   /* the engine refused to enter the guest */
	VMM_EXIT_INTERNAL,     /* the engine could not emulate something */
	VMM_EXIT_SYSTEM_EVENT, /* reset / shutdown request */
	VMM_EXIT_INTR,	       /* interrupted from outside (timeout, stop) */
	VMM_EXIT_UNKNOWN,      /* anything else: a guest fault */
	VMM_EXIT_NR
};

struct vmm_exit {
	enum vmm_exit_reason reason;
	union {
		struct {
			uint16_t port;
			uint8_t size; /* 1, 2 or 4 */
			bool out;
			uint32_t count; /* > 1 for string I/O */
			uint8_t *data;	/* size * count bytes */
		} io;
		struct {
			uint64_t addr;
			uint32_t len;
			bool write;
			uint8_t *data;
		} mmio;
		uint64_t code; /* backend detail for the other reasons */
	};
};

/* General-purpose registers, for reports and for a backend's entry. */
struct vmm_regs {
	uint64_t rax, rbx, rcx, rdx, rsi, rdi, rsp, rbp;
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rip, rflags;
};

/* The long-mode entry state built by x86_boot (flat segments from a GDT). */
struct vmm_entry {
	uint64_t cr0, cr3, cr4, efer;
	uint64_t gdt_base;
	uint16_t gdt_limit, code_sel, data_sel;
	struct vmm_regs regs;
};

struct accel;
struct accel_vm;
struct accel_vcpu;

enum accel_kind { ACCEL_AUTO, ACCEL_KVM, ACCEL_TCG };

/*
 * Open backend KIND (ACCEL_AUTO: KVM if DEV opens and works, else TCG; DEV
 * NULL means /dev/kvm). Says on stderr what auto chose and why unless
 * QUIET. -ENODEV with a message saying what to do if the backend is absent.
 */
int accel_open(enum accel_kind kind, const char *dev, bool quiet,
	       struct accel **out);
void accel_close(struct accel *a);
/* "kvm" or "tcg". */
const char *accel_name(const struct accel *a);
/* "auto", "kvm", "tcg" in enum order, NULL-terminated. */
extern const char *const accel_kind_names[];
/* Parse "auto", "kvm", "tcg"; -EINVAL otherwise. */
int accel_parse(const char *s, enum accel_kind *out);

/* Whether guests on A can map 1 GiB pages (the CPUID the guest sees). */
bool accel_has_1g_pages(const struct accel *a);

int accel_vm_create(struct accel *a, struct accel_vm **out);
void accel_vm_destroy(struct accel_vm *vm);
/* Map HOST[0..SIZE) at guest physical address GPA (page aligned). */
int accel_vm_map(struct accel_vm *vm, uint64_t gpa, void *host, size_t size);
/*
 * Declare guest physical [GPA, GPA+SIZE) (page aligned, outside RAM) a
 * device window: accesses there exit as VMM_EXIT_MMIO with their full
 * address. Backends that exit on every address outside RAM (kvm) need
 * nothing; tcg must map the window before its vCPUs are made.
 */
int accel_vm_map_mmio(struct accel_vm *vm, uint64_t gpa, uint64_t size);

int accel_vcpu_create(struct accel_vm *vm, int index, struct accel_vcpu **out);
void accel_vcpu_destroy(struct accel_vcpu *c);
int accel_vcpu_enter_long_mode(struct accel_vcpu *c, const struct vmm_entry *e);
int accel_vcpu_get_regs(struct accel_vcpu *c, struct vmm_regs *r);
/* Special registers for a fault report: cr0, cr2, cr3, cr4, efer. */
int accel_vcpu_get_cr(struct accel_vcpu *c, uint64_t cr[5]);
/*
 * Run until the next exit and describe it in *EXIT. Returns 0, or -errno
 * if the engine itself failed. Thread-safe only against accel_vcpu_kick().
 */
int accel_vcpu_run(struct accel_vcpu *c, struct vmm_exit *exit);
/*
 * Make the vCPU leave the guest soon with VMM_EXIT_INTR: callable from any
 * thread, at any time. A kick is never lost: one that lands while the
 * vCPU is outside the guest, or entering it, ends its next run at once.
 * Kicks not yet taken count as one. Unless kicks on C are exact (below),
 * the guest must not be resumed after a kick.
 */
void accel_vcpu_kick(struct accel_vcpu *c);
/*
 * Kicks on C will be followed by resuming the guest (a monitor-level CPU
 * cap pausing the vCPU): make each one stop it exactly between two
 * instructions, and none be lost. Without this a kick only has to end the
 * run for good (a stop, a timeout), which a backend may do more cheaply
 * (tcg: no check at every translation block, ~2.8x on the tightest
 * loop). Call before the first accel_vcpu_run(). 0 or -errno.
 */
int accel_vcpu_exact_kicks(struct accel_vcpu *c);

/*
 * The dispatcher, for backends that meet port I/O and MMIO inside their
 * own emulation (tcg): they call FN(OPAQUE, exit) on the vCPU thread for
 * each such exit instead of returning it, and FN answers at once (data for
 * reads). FN returns nonzero to stop the vCPU; accel_vcpu_run() then
 * returns VMM_EXIT_INTR. Backends that return every exit (kvm) ignore it.
 */
typedef int (*accel_exit_fn)(void *opaque, struct vmm_exit *exit);
void accel_vcpu_set_handler(struct accel_vcpu *c, accel_exit_fn fn,
			    void *opaque);

#endif

/*
 * accel_ops.h - what a backend provides to vmm/accel.c. Only the backends
 * (accel_kvm.c, accel_tcg.c) and the dispatcher include this: each backend's
 * objects start with the matching base struct below, so accel.c can reach
 * the ops without knowing the rest of the layout.
 */
#ifndef VMUX_ACCEL_OPS_H
#define VMUX_ACCEL_OPS_H

#include "vmm/accel.h"

struct accel_ops {
	const char *name;
	/* -ENODEV (message printed unless QUIET) if unusable here. */
	int (*open)(const char *dev, bool quiet, struct accel **out);
	void (*close)(struct accel *a);
	bool (*has_1g_pages)(const struct accel *a);
	int (*vm_create)(struct accel *a, struct accel_vm **out);
	void (*vm_destroy)(struct accel_vm *vm);
	int (*vm_map)(struct accel_vm *vm, uint64_t gpa, void *host,
		      size_t size);
	/* Optional (NULL: every address outside RAM exits already). */
	int (*vm_map_mmio)(struct accel_vm *vm, uint64_t gpa, uint64_t size);
	int (*vcpu_create)(struct accel_vm *vm, int index,
			   struct accel_vcpu **out);
	void (*vcpu_destroy)(struct accel_vcpu *c);
	int (*vcpu_enter_long_mode)(struct accel_vcpu *c,
				    const struct vmm_entry *e);
	int (*vcpu_get_regs)(struct accel_vcpu *c, struct vmm_regs *r);
	int (*vcpu_get_cr)(struct accel_vcpu *c, uint64_t cr[5]);
	int (*vcpu_run)(struct accel_vcpu *c, struct vmm_exit *exit);
	void (*vcpu_kick)(struct accel_vcpu *c);
	/* Optional (NULL: kicks are always exact). */
	int (*vcpu_exact_kicks)(struct accel_vcpu *c);
	/* Optional (NULL: every exit is returned by vcpu_run). */
	void (*vcpu_set_handler)(struct accel_vcpu *c, accel_exit_fn fn,
				 void *opaque);
};

struct accel {
	const struct accel_ops *ops;
};
struct accel_vm {
	const struct accel_ops *ops;
};
struct accel_vcpu {
	const struct accel_ops *ops;
};

extern const struct accel_ops accel_kvm_ops;
extern const struct accel_ops accel_tcg_ops;

#endif

/*
 * accel.c - choose a backend and dispatch to it. The choice is the only
 * place a backend is named; everything else goes through the ops.
 */
#include "vmm/accel_ops.h"
#include "lib/error.h"
#include "lib/names.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

const char *const accel_kind_names[] = {
    [ACCEL_AUTO] = "auto", [ACCEL_KVM] = "kvm", [ACCEL_TCG] = "tcg", NULL};

int accel_parse(const char *s, enum accel_kind *out)
{
	int i = names_index(accel_kind_names, s);

	if (i < 0)
		return -EINVAL;
	*out = (enum accel_kind)i;
	return 0;
}

int accel_open(enum accel_kind kind, const char *dev, bool quiet,
	       struct accel **out)
{
	int rc;

	if (kind == ACCEL_KVM)
		return accel_kvm_ops.open(dev, quiet, out);
	if (kind == ACCEL_TCG)
		return accel_tcg_ops.open(dev, quiet, out);
	rc = accel_kvm_ops.open(dev, true, out);
	if (rc == 0) {
		if (!quiet)
			error_line("vmux: accel auto: using kvm (%s opens "
				   "and works)",
				   dev ? dev : "/dev/kvm");
		return 0;
	}
	if (!quiet)
		error_line("vmux: accel auto: using tcg (binary "
			   "translation): %s is not usable: %s",
			   dev ? dev : "/dev/kvm", strerror(-rc));
	return accel_tcg_ops.open(dev, quiet, out);
}

void accel_close(struct accel *a)
{
	if (a)
		a->ops->close(a);
}

const char *accel_name(const struct accel *a)
{
	return a->ops->name;
}

bool accel_has_1g_pages(const struct accel *a)
{
	return a->ops->has_1g_pages && a->ops->has_1g_pages(a);
}

int accel_vm_create(struct accel *a, struct accel_vm **out)
{
	return a->ops->vm_create(a, out);
}

void accel_vm_destroy(struct accel_vm *vm)
{
	if (vm)
		vm->ops->vm_destroy(vm);
}

int accel_vm_map(struct accel_vm *vm, uint64_t gpa, void *host, size_t size)
{
	return vm->ops->vm_map(vm, gpa, host, size);
}

int accel_vm_map_mmio(struct accel_vm *vm, uint64_t gpa, uint64_t size)
{
	return vm->ops->vm_map_mmio ? vm->ops->vm_map_mmio(vm, gpa, size) : 0;
}

int accel_vcpu_create(struct accel_vm *vm, int index, struct accel_vcpu **out)
{
	return vm->ops->vcpu_create(vm, index, out);
}

void accel_vcpu_destroy(struct accel_vcpu *c)
{
	if (c)
		c->ops->vcpu_destroy(c);
}

int accel_vcpu_enter_long_mode(struct accel_vcpu *c, const struct vmm_entry *e)
{
	return c->ops->vcpu_enter_long_mode(c, e);
}

int accel_vcpu_get_regs(struct accel_vcpu *c, struct vmm_regs *r)
{
	return c->ops->vcpu_get_regs(c, r);
}

int accel_vcpu_get_cr(struct accel_vcpu *c, uint64_t cr[5])
{
	return c->ops->vcpu_get_cr(c, cr);
}

int accel_vcpu_run(struct accel_vcpu *c, struct vmm_exit *exit)
{
	return c->ops->vcpu_run(c, exit);
}

void accel_vcpu_kick(struct accel_vcpu *c)
{
	c->ops->vcpu_kick(c);
}

int accel_vcpu_exact_kicks(struct accel_vcpu *c)
{
	return c->ops->vcpu_exact_kicks ? c->ops->vcpu_exact_kicks(c) : 0;
}

void accel_vcpu_set_handler(struct accel_vcpu *c, accel_exit_fn fn,
			    void *opaque)
{
	if (c->ops->vcpu_set_handler)
		c->ops->vcpu_set_handler(c, fn, opaque);
}

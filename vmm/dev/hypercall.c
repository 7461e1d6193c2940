/*
 * hypercall.c - the monitor's own paravirtual interface: the hypercall port
 * (log, result, done), the done port, the mark port (timestamps; the
 * cheapest exit, used by the exit benchmark), the duty port (validation's
 * slot clock) and a null MMIO page (the MMIO exit benchmark). Ports
 * PORT_HCALL .. PORT_DUTY+3 and MMIO_NULL, see vmm/guest/abi.h.
 *
 * A hypercall is "outl(PORT_HCALL, gpa)" of
 * a struct abi_hcall; the request is copied out of guest RAM once, then
 * checked (number, buffer inside RAM), then carried out, and its return
 * code written back. Anything malformed is a guest fault.
 */
#include "vmm/device.h"
#include "vmm/vm.h"
#include "lib/error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LOG_MAX 4096

struct dev_hypercall {
	struct vmm_vm *vm;
	uint32_t mmio_scratch;
};

static int do_log(struct dev_hypercall *h, const struct abi_hcall *c)
{
	const char *s;

	if (c->len > LOG_MAX)
		return -E2BIG;
	s = vmm_mem_ptr(vmm_vm_mem(h->vm), c->addr, c->len);
	if (!s)
		return -EFAULT;
	vmm_vm_console_write(h->vm, (const uint8_t *)s, c->len);
	if (vmm_vm_opts(h->vm)->log_hcalls)
		fprintf(stderr, "guest: %.*s", (int)c->len, s);
	return 0;
}

static int do_result(struct dev_hypercall *h, const struct abi_hcall *c)
{
	struct abi_result *r = (struct abi_result *)vmm_vm_result(h->vm);
	struct abi_kv kv;

	if (vmm_mem_copy_in(vmm_vm_mem(h->vm), &kv, c->addr, sizeof(kv)))
		return -EFAULT;
	kv.key[ABI_KEY_LEN - 1] = '\0';
	/* r->nkv lives in guest RAM: read it once and bound it. */
	uint32_t n = r->nkv;

	if (n >= ABI_MAX_KV)
		return -ENOSPC;
	r->kv[n] = kv;
	r->nkv = n + 1;
	return 0;
}

static void hcall_fault(struct dev_hypercall *h, const struct abi_hcall *c,
			int rc)
{
	char why[128];

	if (rc == -EFAULT)
		snprintf(why, sizeof(why), "buffer outside guest RAM");
	else if (rc == -ENOSPC && c->nr == HCALL_RESULT)
		snprintf(why, sizeof(why),
			 "the result page is full (%d results, every vCPU's "
			 "together: run fewer --vcpus)",
			 ABI_MAX_KV);
	else
		snprintf(why, sizeof(why), "%s", strerror(-rc));
	vmm_vm_fault(h->vm,
		     "guest fault: hypercall %u (addr 0x%llx, len %u): %s",
		     c->nr, (unsigned long long)c->addr, c->len, why);
}

static int hcall(struct dev_hypercall *h, uint32_t gpa)
{
	struct vmm_mem *mem = vmm_vm_mem(h->vm);
	struct abi_hcall c;
	int rc;

	if (vmm_mem_copy_in(mem, &c, gpa, sizeof(c))) {
		vmm_vm_fault(h->vm,
			     "guest fault: hypercall block at 0x%x is "
			     "outside guest RAM",
			     gpa);
		return -EFAULT;
	}
	switch (c.nr) {
	case HCALL_LOG:
		rc = do_log(h, &c);
		break;
	case HCALL_RESULT:
		rc = do_result(h, &c);
		break;
	case HCALL_DONE:
		vmm_vm_finish(h->vm, (int)c.arg);
		return 0;
	default:
		rc = -ENOSYS;
	}
	if (rc < 0) {
		hcall_fault(h, &c, rc);
		return rc;
	}
	c.ret = rc;
	return vmm_mem_copy_out(mem, gpa + offsetof(struct abi_hcall, ret),
				&c.ret, sizeof(c.ret));
}

static int ports_io(void *opaque, uint64_t off, uint8_t *data, unsigned size,
		    bool write)
{
	struct dev_hypercall *h = opaque;
	uint32_t v = 0, units;

	if (size != 4 || (off & 3))
		return -EINVAL;
	memcpy(&v, data, 4);
	switch (PORT_HCALL + off) {
	case PORT_HCALL:
		return write ? hcall(h, v) : -EINVAL;
	case PORT_DONE:
		if (write)
			vmm_vm_finish(h->vm, (int32_t)v);
		return write ? 0 : -EINVAL;
	case PORT_MARK:
		if (write)
			vmm_vm_mark(h->vm);
		else
			memset(data, 0, 4);
		return 0;
	case PORT_DUTY:
		if (write || !vmm_vm_opts(h->vm)->duty)
			return -EINVAL;
		units = vmm_vm_opts(h->vm)->duty(
		    vmm_vm_opts(h->vm)->duty_opaque, h->vm);
		memcpy(data, &units, 4);
		return 0;
	}
	return -EINVAL;
}

/* The null MMIO page: reads return the last value written. */
static int null_mmio(void *opaque, uint64_t off, uint8_t *data, unsigned size,
		     bool write)
{
	struct dev_hypercall *h = opaque;

	(void)off;
	if (size > 4)
		size = 4;
	if (write)
		memcpy(&h->mmio_scratch, data, size);
	else
		memcpy(data, &h->mmio_scratch, size);
	return 0;
}

static int hypercall_create(struct vmm_vm *vm, const struct vmm_device *d,
			    void **out)
{
	struct dev_hypercall *h = calloc(1, sizeof(*h));
	int rc;

	(void)d;
	*out = NULL;
	if (!h)
		return -ENOMEM;
	h->vm = vm;
	rc = vmm_io_register_port(vmm_vm_io(vm), PORT_HCALL, 16, ports_io, h);
	if (rc == 0)
		rc = vmm_io_register_mmio(vmm_vm_io(vm), MMIO_NULL, 4096,
					  null_mmio, h);
	if (rc < 0) {
		free(h);
		return rc;
	}
	*out = h;
	return 0;
}

const struct vmm_device dev_hypercall_device = {
    .name = "hypercall",
    .create = hypercall_create,
    .destroy = free,
};

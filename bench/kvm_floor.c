/*
 * kvm_floor.c - the floor for vmux's exit cost: the same `exit` guest image
 * (mode 0: a loop of port writes to PORT_MARK) driven by the barest KVM_RUN
 * loop, with no dispatcher, no statistics, no device table. Guest memory,
 * page tables and the image come from libvmux (they are not what an exit
 * costs); the VM, the vCPU and the run loop are raw ioctls. The guest
 * times its loop with the TSC exactly as under vmux, and reports it with
 * the one hypercall this loop understands.
 *
 *   kvm_floor [ITERS]   prints "floor_ns_per_exit N"
 */
#include "vmm/guest/abi.h"
#include "vmm/guest_image.h"
#include "vmm/mem.h"
#include "vmm/x86_boot.h"
#include "vmm/x86_tsc.h"

#include <fcntl.h>
#include <linux/kvm.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

static int die(const char *what)
{
	perror(what);
	return 69;
}

static void seg(struct kvm_segment *s, uint16_t sel, int code)
{
	memset(s, 0, sizeof(*s));
	s->selector = sel;
	s->limit = 0xffffffff;
	s->present = s->s = s->g = 1;
	s->type = code ? 11 : 3;
	s->l = code;
	s->db = !code;
}

/* Long mode from vmux's entry description (same state as vmux sets). */
static int enter(int kvm, int vcpu, const struct vmm_entry *e)
{
	struct kvm_cpuid2 *c =
	    calloc(1, sizeof(*c) + 256 * sizeof(c->entries[0]));
	struct kvm_sregs sr;
	struct kvm_regs r = {.rip = e->regs.rip,
			     .rsp = e->regs.rsp,
			     .rdi = e->regs.rdi,
			     .rflags = 2};

	c->nent = 256;
	if (ioctl(kvm, KVM_GET_SUPPORTED_CPUID, c) < 0 ||
	    ioctl(vcpu, KVM_SET_CPUID2, c) < 0 ||
	    ioctl(vcpu, KVM_GET_SREGS, &sr) < 0)
		return -1;
	free(c);
	sr.cr0 = e->cr0, sr.cr3 = e->cr3, sr.cr4 = e->cr4, sr.efer = e->efer;
	sr.gdt.base = e->gdt_base, sr.gdt.limit = e->gdt_limit;
	seg(&sr.cs, e->code_sel, 1);
	seg(&sr.ds, e->data_sel, 0);
	sr.es = sr.fs = sr.gs = sr.ss = sr.ds;
	if (ioctl(vcpu, KVM_SET_SREGS, &sr) < 0)
		return -1;
	return ioctl(vcpu, KVM_SET_REGS, &r);
}

/* The guest's "tsc" result, if the hypercall at GPA reports it. */
static void hcall(struct vmm_mem *m, uint32_t gpa, uint64_t *tsc)
{
	struct abi_hcall *h = vmm_mem_ptr(m, gpa, sizeof(*h));
	struct abi_kv *kv = h ? vmm_mem_ptr(m, h->addr, sizeof(*kv)) : NULL;

	if (h && h->nr == HCALL_RESULT && kv && !strcmp(kv->key, "tsc"))
		*tsc = kv->value;
}

/* ---- the floor: nothing but KVM_RUN and a switch on the port ---- */
static int run(int vcpu, struct kvm_run *k, struct vmm_mem *m, uint64_t *tsc)
{
	for (;;) {
		if (ioctl(vcpu, KVM_RUN, 0) < 0)
			return -1;
		if (k->exit_reason != KVM_EXIT_IO)
			return -1;
		uint8_t *d = (uint8_t *)k + k->io.data_offset;
		uint32_t v;

		memcpy(&v, d, 4);
		switch (k->io.port) {
		case PORT_MARK:
			continue;
		case PORT_HCALL:
			hcall(m, v, tsc);
			continue;
		case PORT_DONE:
			return (int)v;
		default:
			return -1;
		}
	}
}

static void params(struct vmm_mem *m, uint64_t iters)
{
	struct abi_params *p = vmm_mem_ptr(m, ABI_PARAM_GPA, sizeof(*p));

	p->magic = ABI_MAGIC;
	p->nkv = 2;
	strcpy(p->kv[0].key, "mode");
	p->kv[0].value = 0;
	strcpy(p->kv[1].key, "iters");
	p->kv[1].value = iters;
}

int main(int argc, char **argv)
{
	uint64_t iters = argc > 1 ? strtoull(argv[1], NULL, 0) : 20000, tsc = 0;
	const struct guest_image *img = guest_image_find("exit");
	struct kvm_userspace_memory_region reg = {0};
	struct vmm_entry e;
	struct vmm_mem *m;
	uint64_t pt;
	int kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC), vm, vcpu;

	if (kvm < 0)
		return die("/dev/kvm");
	vm = ioctl(kvm, KVM_CREATE_VM, 0);
	if (vm < 0 || vmm_mem_create(64u << 20, false, &m) < 0)
		return die("KVM_CREATE_VM");
	reg.memory_size = vmm_mem_size(m);
	reg.userspace_addr = (uintptr_t)vmm_mem_base(m);
	if (ioctl(vm, KVM_SET_USER_MEMORY_REGION, &reg) < 0)
		return die("KVM_SET_USER_MEMORY_REGION");
	if (x86_boot_setup(m, X86_PAGE_2M, ABI_IMAGE_GPA, ABI_STACK_TOP,
			   ABI_PARAM_GPA, &e, &pt) < 0 ||
	    vmm_mem_copy_out(m, ABI_IMAGE_GPA, img->data,
			     (size_t)(img->end - img->data)) < 0)
		return die("guest setup");
	params(m, iters);
	vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
	long sz = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	struct kvm_run *k =
	    mmap(NULL, (size_t)sz, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
	if (vcpu < 0 || k == MAP_FAILED || enter(kvm, vcpu, &e) < 0)
		return die("vCPU setup");
	if (run(vcpu, k, m, &tsc) != 0 || !tsc)
		return die("guest run");
	printf("floor_ns_per_exit %.1f\n",
	       (double)tsc / x86_tsc_per_ns() / (double)iters);
	return 0;
}

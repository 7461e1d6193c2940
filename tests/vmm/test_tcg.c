/*
 * test_tcg.c - what a binary translator can get wrong that hardware does
 * not, checked on the tcg backend (vmm/accel_tcg.c, Unicorn) and, where
 * /dev/kvm works, on KVM beside it:
 *   - kicks (vmm_vm_kick, the validation throttle's "leave the guest now")
 *     must be invisible to the guest: Unicorn 2.0's uc_emu_stop() from
 *     another thread resumes an interrupted translation block at its start
 *     with the effects of its first instructions kept, so instructions run
 *     twice. Guests kicked every few microseconds must compute exactly what
 *     an unkicked guest computes, and every port and MMIO access must reach
 *     the device exactly once;
 *   - exits are counted by reason as on KVM (a finished guest is not a
 *     shutdown), --timeout stops a guest that exits all the time, and the
 *     guest really runs at CPL 3 (a privileged instruction faults at the
 *     same RIP as on KVM, and the message names it: RDMSR, privileged,
 *     CPL 3);
 *   - the backend alone, under a few hand-assembled instructions: IN's
 *     data reaches RAX and OUT's value the handler, HLT stops after
 *     itself, SYSCALL faults (Unicorn would skip it), and a loop of stores
 *     kicked thousands of times is found in a consistent state each time.
 * Reference values come from vmm_test.h (the workloads' definitions).
 */
#include "vmm_test.h"
#include "vmm/mem.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ---- a second thread kicking the VM all the time ---- */

struct kicker {
	struct vmm_vm *vm;
	atomic_bool done;
	unsigned long kicks;
	pthread_t thread;
};

static void *kick_loop(void *arg)
{
	struct kicker *k = arg;
	struct timespec gap = {0, 20000}; /* 20 us */

	while (!atomic_load(&k->done)) {
		vmm_vm_kick(k->vm);
		k->kicks++;
		nanosleep(&gap, NULL);
	}
	return NULL;
}

/* A throttle that never pauses: the vCPU goes straight back in. */
static void resume(void *opaque)
{
	(void)opaque;
}

/* Run O's guest to the end, kicked once before it starts and then every
   20 us by another thread. */
static enum vmm_outcome kicked_once(const struct vmm_vm_opts *o,
				    struct vmm_vm **out, unsigned long *kicks)
{
	struct kicker k = {.done = false};
	enum vmm_outcome r;

	assert_int_equal(vmm_vm_create(vmm_test_accel, o, &k.vm), 0);
	vmm_vm_kick(k.vm);
	assert_int_equal(vmm_vm_start(k.vm), 0);
	assert_int_equal(pthread_create(&k.thread, NULL, kick_loop, &k), 0);
	r = vmm_vm_wait(k.vm, 120); /* generous: a loaded machine */
	atomic_store(&k.done, true);
	pthread_join(k.thread, NULL);
	*out = k.vm;
	*kicks = k.kicks;
	return r;
}

/*
 * kicked_once with kicks asked exact, as validation's throttle asks them
 * (opts.on_kick); the VM in *OUT. Kicks are never lost, and the first is
 * sent before the vCPU starts, so at least one is taken (an INTR exit)
 * whatever the scheduler does; the kicker's others land wherever it gets
 * to run (test_kicks_delivered checks that each is taken).
 */
static enum vmm_outcome run_kicked(const struct vmm_vm_opts *o,
				   struct vmm_vm **out)
{
	struct vmm_vm_opts ko = *o;
	unsigned long kicks = 0;
	enum vmm_outcome r;

	ko.on_kick = resume;
	r = kicked_once(&ko, out, &kicks);
	if (r == VMM_DONE && vmm_vm_stats(*out)->exits[VMM_EXIT_INTR] == 0)
		fail_msg("%lu kicks, none taken", kicks);
	return r;
}

/* Port writes and MMIO writes, each counted by the monitor: exactly once. */
static void test_kicked_exits_exact(void **state)
{
	struct abi_kv p[2];
	struct vmm_vm_opts o = guest_opts("exit", p, 2);
	struct vmm_vm *vm;

	(void)state;
	NEED_ACCEL();
	guest_kv(&p[0], "iters", 20000);
	guest_kv(&p[1], "mode", 1);
	assert_int_equal(run_kicked(&o, &vm), VMM_DONE);
	/* The warm-up write and the 20000 timed ones. */
	assert_int_equal(vmm_vm_stats(vm)->mmio_exits, 20001);
	assert_int_equal(guest_result(vm, "iters"), 20000);
	vmm_vm_destroy(vm);
	guest_kv(&p[1], "mode", 0);
	assert_int_equal(run_kicked(&o, &vm), VMM_DONE);
	/* The entry stub's mark, the warm-up and the 20000 timed marks. */
	assert_int_equal(vmm_vm_stats(vm)->marks, 20002);
	vmm_vm_destroy(vm);
}

/* Compute and memory-bound guests give the unkicked answers. */
static void test_kicked_compute_exact(void **state)
{
	struct abi_kv p[3];
	struct vmm_vm_opts o = guest_opts("cpu", p, 1);
	struct vmm_vm *vm;

	(void)state;
	NEED_ACCEL();
	guest_kv(&p[0], "iters", 20000000);
	assert_int_equal(run_kicked(&o, &vm), VMM_DONE);
	assert_true(guest_result(vm, "checksum") == ref_xorshift(20000000));
	vmm_vm_destroy(vm);

	o = guest_opts("mem", p, 3);
	guest_kv(&p[0], "bytes", 1 << 20);
	guest_kv(&p[1], "steps", 2000000);
	guest_kv(&p[2], "seed", 11);
	assert_int_equal(run_kicked(&o, &vm), VMM_DONE);
	assert_int_equal(vmm_vm_status(vm), 0);
	assert_true(guest_result(vm, "last") ==
		    ref_chase(1 << 20, 2000000, 11));
	vmm_vm_destroy(vm);
}

/*
 * The emulated disk (an exit per 4 bytes, buffers copied in between) and
 * the paravirtual one, kicked: the guest reads back what it wrote, and the
 * host hashes the file itself.
 */
static void kicked_disk(enum abi_device dev)
{
	char path[] = "/tmp/vmux-test-tcg-XXXXXX";
	const uint64_t kib = 128;
	struct abi_kv p[2];
	struct vmm_vm_opts o = guest_opts("disk", p, 2);
	int fd = mkstemp(path);
	struct vmm_vm *vm;

	assert_true(fd >= 0);
	guest_kv(&p[0], "kib", kib);
	guest_kv(&p[1], "batch_kib", 16);
	o.device = dev;
	o.disk_path = path;
	o.disk_bytes = 1u << 20;
	assert_int_equal(run_kicked(&o, &vm), VMM_DONE);
	assert_int_equal(vmm_vm_status(vm), 0);
	assert_int_equal(vmm_vm_stats(vm)->disk_written, kib << 10);
	assert_true(guest_result(vm, "sum") == ref_fnv_file(fd, kib << 10));
	vmm_vm_destroy(vm);
	close(fd);
	unlink(path);
}

static void test_kicked_disk_exact(void **state)
{
	(void)state;
	NEED_ACCEL();
	kicked_disk(ABI_DEV_EMULATED);
	kicked_disk(ABI_DEV_PARAVIRT);
}

/* The duty port blocks inside the exit handler while kicks arrive. */
static uint32_t duty_script(void *opaque, struct vmm_vm *vm)
{
	int *calls = opaque;
	struct timespec slot = {0, 2000000}; /* 2 ms */

	(void)vm;
	nanosleep(&slot, NULL);
	return (*calls)++ < 20 ? 1000 : DUTY_STOP;
}

static void test_kicked_duty_exact(void **state)
{
	int calls = 0;
	struct vmm_vm_opts o = guest_opts("duty", NULL, 0);
	struct vmm_vm *vm;

	(void)state;
	NEED_ACCEL();
	o.duty = duty_script;
	o.duty_opaque = &calls;
	assert_int_equal(run_kicked(&o, &vm), VMM_DONE);
	/* Every read of the port reached the device once: 20 slots of work
	   and the stop, each slot done in full. */
	assert_int_equal(calls, 21);
	assert_int_equal(guest_result(vm, "slots"), 20);
	assert_int_equal(vmm_vm_result(vm)->delivered, 1000);
	vmm_vm_destroy(vm);
}

/* ---- no kick is lost, wherever it lands ---- */

/* The cpu guest, running until stopped. */
static struct vmm_vm_opts forever_opts(struct abi_kv *p)
{
	guest_kv(&p[0], "iters", 1ull << 62);
	return guest_opts("cpu", p, 1);
}

static void count_kick(void *opaque)
{
	atomic_fetch_add((atomic_ulong *)opaque, 1);
}

/* Whether *N reaches WANT within 20 s (a loaded machine's generous bound;
   a lost kick never arrives). */
static bool reaches(atomic_ulong *n, unsigned long want)
{
	struct timespec gap = {0, 10000};
	uint64_t end = vmm_now_ns() + 20000000000ull;

	while (atomic_load(n) < want)
		if (vmm_now_ns() > end)
			return false;
		else
			nanosleep(&gap, NULL);
	return true;
}

/*
 * A throttled guest (exact kicks) kicked 200 times, each kick sent once
 * the last was taken, 0 to 90 us after it: some land as the vCPU enters
 * the guest again, some in mid-run. Each must be taken (an INTR exit that
 * calls on_kick) on its own.
 */
static void test_kicks_delivered(void **state)
{
	struct abi_kv p[1];
	struct vmm_vm_opts o = forever_opts(p);
	atomic_ulong taken = 0;
	struct vmm_vm *vm;

	(void)state;
	NEED_ACCEL();
	o.on_kick = count_kick;
	o.duty_opaque = &taken;
	assert_int_equal(vmm_vm_create(vmm_test_accel, &o, &vm), 0);
	assert_int_equal(vmm_vm_start(vm), 0);
	for (unsigned long k = 1; k <= 200; k++) {
		struct timespec gap = {0, (long)(k % 4) * 30000};

		if (gap.tv_nsec)
			nanosleep(&gap, NULL);
		vmm_vm_kick(vm);
		if (!reaches(&taken, k))
			fail_msg("kick %lu of 200 was not taken in 20 s", k);
	}
	vmm_vm_stop(vm);
	assert_int_equal(vmm_vm_wait(vm, 10), VMM_STOPPED);
	vmm_vm_destroy(vm);
}

static void *wait_vm(void *vm)
{
	return (void *)(intptr_t)vmm_vm_wait(vm, 0);
}

/*
 * Guests without a throttle are kicked only to stop, which the monitor
 * does once (no kick again): 1,000 stops on tcg (200 on KVM, where a VM
 * costs more to make), 0 to 35 us after the start, many while the vCPU is
 * still entering the guest. Each VM must stop (vmm_vm_wait returns within
 * 20 s; a lost stop would leave it running for good). Before tcg's entry
 * hook, about one stop in 200 to 500 was lost.
 */
static void test_stops_delivered(void **state)
{
	struct abi_kv p[1];
	struct vmm_vm_opts o = forever_opts(p);
	int n = vmm_test_kind == ACCEL_TCG ? 1000 : 200;

	(void)state;
	NEED_ACCEL();
	for (int i = 0; i < n; i++) {
		struct timespec gap = {0, (long)(i % 8) * 5000}, until;
		struct vmm_vm *vm;
		pthread_t waiter;
		void *outcome;

		assert_int_equal(vmm_vm_create(vmm_test_accel, &o, &vm), 0);
		assert_int_equal(vmm_vm_start(vm), 0);
		if (gap.tv_nsec)
			nanosleep(&gap, NULL);
		vmm_vm_stop(vm);
		assert_int_equal(pthread_create(&waiter, NULL, wait_vm, vm), 0);
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 20;
		if (pthread_timedjoin_np(waiter, &outcome, &until))
			fail_msg("stop %d: the vCPU still runs 20 s later", i);
		assert_int_equal((intptr_t)outcome, VMM_STOPPED);
		vmm_vm_destroy(vm);
	}
}

/*
 * Exits by reason as on KVM: hello's port exits are its console bytes,
 * the entry mark, one result and the done port (counted from the guest's
 * source), and a guest that finished did not shut down.
 */
static void test_exit_counts(void **state)
{
	struct vmm_vm_opts o = guest_opts("hello", NULL, 0);
	const struct vmm_stats *st;
	struct vmm_vm *vm;

	(void)state;
	NEED_ACCEL();
	assert_int_equal(vmm_vm_create(vmm_test_accel, &o, &vm), 0);
	assert_int_equal(vmm_vm_run(vm, 10), VMM_DONE);
	st = vmm_vm_stats(vm);
	assert_int_equal(st->exits[VMM_EXIT_SHUTDOWN], 0);
	assert_int_equal(st->exits[VMM_EXIT_INTERNAL], 0);
	assert_int_equal(st->exits[VMM_EXIT_IO], st->pio_exits);
	assert_int_equal(st->pio_exits, strlen(vmm_vm_console(vm)) + 3);
	vmm_vm_destroy(vm);
}

/* --timeout ends guests that exit all the time, by port and by MMIO. */
static void test_timeout_while_exiting(void **state)
{
	struct abi_kv p[2];
	struct vmm_vm_opts o = guest_opts("exit", p, 2);
	struct vmm_vm *vm;

	(void)state;
	NEED_ACCEL();
	guest_kv(&p[0], "iters", 1ull << 40);
	for (uint64_t mode = 0; mode < 2; mode++) {
		guest_kv(&p[1], "mode", mode);
		assert_int_equal(vmm_vm_create(vmm_test_accel, &o, &vm), 0);
		assert_int_equal(vmm_vm_run(vm, 0.2), VMM_TIMEOUT);
		vmm_vm_destroy(vm);
	}
}

/*
 * The entry stub's iretq really drops to CPL 3: RDMSR faults there (a
 * triple fault, there is no IDT), at the same instruction on every
 * backend; RFLAGS shows IOPL 3 where the engine reports it.
 */
static void test_user_mode(void **state)
{
	struct abi_kv p[2];
	struct vmm_vm_opts o = guest_opts("priv", p, 2);
	const char *msg;
	struct vmm_vm *vm;
	unsigned long long rip = 0;

	(void)state;
	NEED_ACCEL();
	guest_kv(&p[0], "op", 2);
	guest_kv(&p[1], "iters", 1000);
	assert_int_equal(vmm_vm_create(vmm_test_accel, &o, &vm), 0);
	assert_int_equal(vmm_vm_run(vm, 10), VMM_FAULT);
	msg = vmm_vm_fault_msg(vm);
	assert_non_null(strstr(msg, "triple fault"));
	assert_non_null(strstr(msg, "rip=0x"));
	/* and why, in words: RDMSR is privileged and guests run at CPL 3 */
	assert_non_null(strstr(msg, "RDMSR"));
	assert_non_null(strstr(msg, "privileged instruction"));
	assert_non_null(strstr(msg, "unprivileged (CPL 3)"));
	rip = strtoull(strstr(msg, "rip=0x") + 6, NULL, 16);
	/* Inside the image, not at the entry stub's first page. */
	assert_true(rip > ABI_IMAGE_GPA && rip < ABI_IMAGE_GPA + (1u << 20));
	if (vmm_test_kind == ACCEL_TCG)
		assert_non_null(strstr(msg, "rflags=0x3"));
	vmm_vm_destroy(vm);
}

/* ---- the backend alone: code at ABI_IMAGE_GPA, entered at CPL 0 ---- */

#define DATA_GPA 0x400000ull

struct rig {
	struct vmm_mem *mem;
	struct accel_vm *vm;
	struct accel_vcpu *c;
	uint64_t *data;	    /* guest DATA_GPA */
	unsigned nio;	    /* port exits seen by the handler */
	uint32_t out_value; /* the last OUT */
};

/* The exit handler for both paths (tcg's callback, KVM's returned exit):
   port 0x5a0 reads 0x12345678 and records writes. */
static int rig_io(void *opaque, struct vmm_exit *e)
{
	struct rig *r = opaque;
	uint32_t v = 0x12345678;

	assert_int_equal(e->reason, VMM_EXIT_IO);
	assert_int_equal(e->io.port, 0x5a0);
	assert_int_equal(e->io.size, 4);
	r->nio++;
	if (e->io.out)
		memcpy(&r->out_value, e->io.data, 4);
	else
		memcpy(e->io.data, &v, 4);
	return 0;
}

static void rig_up(struct rig *r, const uint8_t *code, size_t n)
{
	struct vmm_entry e;
	uint64_t pt;

	memset(r, 0, sizeof(*r));
	assert_int_equal(vmm_mem_create(16u << 20, false, &r->mem), 0);
	assert_int_equal(vmm_mem_copy_out(r->mem, ABI_IMAGE_GPA, code, n), 0);
	assert_int_equal(x86_boot_setup(r->mem, X86_PAGE_2M, ABI_IMAGE_GPA,
					ABI_STACK_TOP, DATA_GPA, &e, &pt),
			 0);
	r->data = vmm_mem_ptr(r->mem, DATA_GPA, 8);
	assert_int_equal(accel_vm_create(vmm_test_accel, &r->vm), 0);
	assert_int_equal(
	    accel_vm_map(r->vm, 0, vmm_mem_base(r->mem), vmm_mem_size(r->mem)),
	    0);
	assert_int_equal(accel_vcpu_create(r->vm, 0, &r->c), 0);
	accel_vcpu_set_handler(r->c, rig_io, r);
	assert_int_equal(accel_vcpu_enter_long_mode(r->c, &e), 0);
}

static void rig_down(struct rig *r)
{
	accel_vcpu_destroy(r->c);
	accel_vm_destroy(r->vm);
	vmm_mem_destroy(r->mem);
}

/* Run until an exit other than port I/O (which goes to rig_io). */
static struct vmm_exit rig_run(struct rig *r)
{
	struct vmm_exit e;

	for (;;) {
		assert_int_equal(accel_vcpu_run(r->c, &e), 0);
		if (e.reason != VMM_EXIT_IO)
			return e;
		rig_io(r, &e);
	}
}

static struct vmm_regs rig_regs(struct rig *r)
{
	struct vmm_regs g;

	assert_int_equal(accel_vcpu_get_regs(r->c, &g), 0);
	return g;
}

/* in eax,dx; mov [rdi],eax; add eax,1; out dx,eax; hlt */
static void test_backend_io_hlt(void **state)
{
	static const uint8_t code[] = {0x66, 0xba, 0xa0, 0x05, 0xed, 0x89,
				       0x07, 0x83, 0xc0, 0x01, 0xef, 0xf4};
	struct rig r;

	(void)state;
	NEED_ACCEL();
	rig_up(&r, code, sizeof(code));
	assert_int_equal(rig_run(&r).reason, VMM_EXIT_HLT);
	assert_int_equal(r.nio, 2);
	assert_int_equal(*r.data & 0xffffffffu, 0x12345678);
	assert_int_equal(r.out_value, 0x12345679);
	/* HLT leaves RIP after itself. */
	assert_int_equal(rig_regs(&r).rip, ABI_IMAGE_GPA + sizeof(code));
	rig_down(&r);
}

/* inc rdx; syscall; inc rdx; hlt: #UD (EFER.SCE is clear), no IDT. */
static void test_backend_syscall(void **state)
{
	static const uint8_t code[] = {0x48, 0xff, 0xc2, 0x0f, 0x05,
				       0x48, 0xff, 0xc2, 0xf4};
	struct rig r;

	(void)state;
	NEED_ACCEL();
	rig_up(&r, code, sizeof(code));
	assert_int_equal(rig_run(&r).reason, VMM_EXIT_SHUTDOWN);
	assert_int_equal(rig_regs(&r).rdx, 1);
	assert_int_equal(rig_regs(&r).rip, ABI_IMAGE_GPA + 3);
	rig_down(&r);
}

struct rig_kicker {
	struct accel_vcpu *c;
	atomic_bool done;
	pthread_t thread;
};

static void *rig_kick_loop(void *arg)
{
	struct rig_kicker *k = arg;
	struct timespec gap = {0, 10000}; /* 10 us */

	while (!atomic_load(&k->done)) {
		accel_vcpu_kick(k->c);
		nanosleep(&gap, NULL);
	}
	return NULL;
}

/*
 * L: inc rbx; mov [rdi],rbx; inc rcx; jmp L. Wherever a kick stops it,
 * RIP, RBX, RCX and the stored word must agree with one another.
 */
static void check_loop_state(struct rig *r)
{
	struct vmm_regs g = rig_regs(r);
	uint64_t off = g.rip - ABI_IMAGE_GPA, m = *r->data;

	if (off == 0 || off == 9)
		assert_true(g.rbx == g.rcx && m == g.rbx);
	else if (off == 3)
		assert_true(g.rbx == g.rcx + 1 && m == g.rcx);
	else if (off == 6)
		assert_true(g.rbx == g.rcx + 1 && m == g.rbx);
	else
		fail_msg("stopped at rip offset %llu", (unsigned long long)off);
}

static void test_backend_exact_kicks(void **state)
{
	static const uint8_t code[] = {0x48, 0xff, 0xc3, 0x48, 0x89, 0x1f,
				       0x48, 0xff, 0xc1, 0xeb, 0xf5};
	struct rig_kicker k = {.done = false};
	struct rig r;

	(void)state;
	NEED_ACCEL();
	rig_up(&r, code, sizeof(code));
	assert_int_equal(accel_vcpu_exact_kicks(r.c), 0);
	k.c = r.c;
	assert_int_equal(pthread_create(&k.thread, NULL, rig_kick_loop, &k), 0);
	for (int stops = 0; stops < 2000; stops++) {
		assert_int_equal(rig_run(&r).reason, VMM_EXIT_INTR);
		check_loop_state(&r);
	}
	atomic_store(&k.done, true);
	pthread_join(k.thread, NULL);
	assert_true(rig_regs(&r).rbx > 2000);
	rig_down(&r);
}

/* ---- kicks aimed at a vCPU entering the guest ---- */

#define ENTRIES 20000

struct rig_runner {
	struct rig *r;
	atomic_int go;	 /* runs let go */
	atomic_int done; /* runs ended */
	atomic_bool quit;
	pthread_t thread;
};

/* Wait (yielding) until *X reaches WANT; false after 10 s. */
static bool spin_until(atomic_int *x, int want)
{
	uint64_t end = vmm_now_ns() + 10000000000ull;

	while (atomic_load(x) < want) {
		if (vmm_now_ns() > end)
			return false;
		sched_yield();
	}
	return true;
}

/* The vCPU thread: one run each time it is let go, until ENTRIES runs. */
static void *rig_run_loop(void *arg)
{
	struct rig_runner *k = arg;
	struct vmm_exit e;

	for (int g = 1; g <= ENTRIES; g++) {
		if (!spin_until(&k->go, g) || atomic_load(&k->quit))
			break;
		if (accel_vcpu_run(k->r->c, &e) < 0 ||
		    e.reason != VMM_EXIT_INTR)
			break;
		atomic_store(&k->done, g);
	}
	return NULL;
}

/*
 * `L: jmp L`, run ENTRIES times without exact kicks, each run ended by
 * one kick sent 0 to ~10 us after the vCPU thread was let go: most land
 * before it enters (the pending kick ends the run at once) or in the
 * guest, some while it enters Unicorn, where uc_emu_start() forgets a
 * stop. Every run must end, and end by the kick.
 */
static void test_backend_kicks_entering(void **state)
{
	static const uint8_t code[] = {0xeb, 0xfe};
	struct rig_runner k = {.go = 0, .done = 0, .quit = false};
	struct rig r;
	int g;

	(void)state;
	NEED_ACCEL();
	rig_up(&r, code, sizeof(code));
	k.r = &r;
	assert_int_equal(pthread_create(&k.thread, NULL, rig_run_loop, &k), 0);
	for (g = 1; g <= ENTRIES; g++) {
		atomic_store(&k.go, g);
		for (volatile int spin = 0; spin < (g % 64) * 40; spin++)
			;
		accel_vcpu_kick(r.c);
		if (!spin_until(&k.done, g))
			break;
	}
	if (g <= ENTRIES) {
		/* Free the thread (the run has begun: a kick now ends it). */
		atomic_store(&k.quit, true);
		atomic_store(&k.go, ENTRIES + 1);
		while (atomic_load(&k.done) < g) {
			accel_vcpu_kick(r.c);
			sched_yield();
		}
		pthread_join(k.thread, NULL);
		fail_msg("run %d of %d was not ended by its kick", g, ENTRIES);
	}
	pthread_join(k.thread, NULL);
	rig_down(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_kicked_exits_exact),
	    cmocka_unit_test(test_kicked_compute_exact),
	    cmocka_unit_test(test_kicked_disk_exact),
	    cmocka_unit_test(test_kicked_duty_exact),
	    cmocka_unit_test(test_kicks_delivered),
	    cmocka_unit_test(test_stops_delivered),
	    cmocka_unit_test(test_exit_counts),
	    cmocka_unit_test(test_timeout_while_exiting),
	    cmocka_unit_test(test_user_mode),
	    cmocka_unit_test(test_backend_io_hlt),
	    cmocka_unit_test(test_backend_syscall),
	    cmocka_unit_test(test_backend_exact_kicks),
	    cmocka_unit_test(test_backend_kicks_entering),
	};
	return vmm_test_run(tests);
}

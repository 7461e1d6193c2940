/*
 * test_vm.c - the monitor with real guests, on every backend
 * (vmm_test.h): boot, console, parameters and results, page sizes,
 * several VMs in one process, the duty port, timeouts, and every hostile
 * guest contained. Checked numbers come from vmm_test.h's references (the
 * xorshift loop, the floating-point recurrence, the pointer chase).
 */
#include "vmm_test.h"
#include "vmm/mem.h"

#include <errno.h>
#include <string.h>

/* Boot GUEST with params "k=v" pairs; returns the outcome, VM in *OUT. */
static enum vmm_outcome boot(const char *guest, const struct abi_kv *kv,
			     int nkv, uint64_t page, double timeout,
			     struct vmm_vm **out)
{
	struct vmm_vm_opts o = guest_opts(guest, kv, nkv);

	o.page_size = page;
	assert_int_equal(vmm_vm_create(vmm_test_accel, &o, out), 0);
	return vmm_vm_run(*out, timeout);
}

static void test_hello(void **state)
{
	struct vmm_vm *vm;

	(void)state;
	NEED_ACCEL();
	assert_int_equal(boot("hello", NULL, 0, X86_PAGE_2M, 5, &vm), VMM_DONE);
	assert_int_equal(vmm_vm_status(vm), 0);
	assert_non_null(strstr(vmm_vm_console(vm),
			       "hello from a vmux guest on vCPU 0, 64 MiB"));
	assert_int_equal(guest_result(vm, "ram_mib"), 64);
	/* One exit per console byte, plus the mark, the result and done. */
	assert_true(vmm_vm_stats(vm)->pio_exits >= strlen(vmm_vm_console(vm)));
	assert_true(vmm_vm_stats(vm)->first_mark_ns > 0);
	vmm_vm_destroy(vm);
}

static void test_params_and_results(void **state)
{
	struct abi_kv kv[2] = {{"iters", 12345}, {"fp", 100000}};
	struct vmm_vm *vm;

	(void)state;
	NEED_ACCEL();
	assert_int_equal(boot("cpu", kv, 2, X86_PAGE_2M, 5, &vm), VMM_DONE);
	assert_int_equal(guest_result(vm, "iters"), 12345);
	assert_true(guest_result(vm, "checksum") == ref_xorshift(12345));
	/* Floating point (SSE) in the guest, bit for bit. */
	assert_true(guest_result(vm, "fp_bits") == ref_fp_bits(100000));
	vmm_vm_destroy(vm);
}

static void run_mem(uint64_t page)
{
	struct abi_kv kv[3] = {
	    {"bytes", 1 << 20}, {"steps", 5000}, {"seed", 7}};
	struct vmm_vm *vm;

	assert_int_equal(boot("mem", kv, 3, page, 10, &vm), VMM_DONE);
	assert_int_equal(vmm_vm_status(vm), 0);
	assert_true(guest_result(vm, "last") == ref_chase(1 << 20, 5000, 7));
	vmm_vm_destroy(vm);
}

static void test_page_sizes(void **state)
{
	(void)state;
	NEED_ACCEL();
	run_mem(X86_PAGE_4K);
	run_mem(X86_PAGE_2M);
	if (accel_has_1g_pages(vmm_test_accel))
		run_mem(X86_PAGE_1G);
	else
		print_message("# note: no 1 GiB guest pages on this KVM\n");
}

static void test_several_vms(void **state)
{
	struct vmm_vm_opts o = {.guest = "cpu",
				.mem_bytes = 16u << 20,
				.vcpus = 1,
				.page_size = X86_PAGE_2M};
	struct vmm_vm *vm[3];

	(void)state;
	NEED_ACCEL();
	for (int i = 0; i < 3; i++) {
		assert_int_equal(vmm_vm_create(vmm_test_accel, &o, &vm[i]), 0);
		assert_int_equal(vmm_vm_start(vm[i]), 0);
	}
	for (int i = 0; i < 3; i++) {
		assert_int_equal(vmm_vm_wait(vm[i], 10), VMM_DONE);
		assert_true(guest_result(vm[i], "checksum") ==
			    ref_xorshift(10000000));
		vmm_vm_destroy(vm[i]);
	}
}

/*
 * --vcpus N: every vCPU runs the guest to its end, and the run ends when
 * the last returns (the first to return ended it, cutting the others
 * short at random: `run hello --vcpus 4 --accel tcg` printed 2 of its 4
 * greetings, `run exit --vcpus 4` made 10,005 exits under tcg and 38,187
 * under kvm). Each vCPU reports its result and makes ITERS exits of its
 * own (+ a warm-up one, the mark and the result).
 */
static void test_vcpus_all_finish(void **state)
{
	struct abi_kv kv[2] = {{"mode", 0}, {"iters", 300}};
	struct vmm_vm_opts o = guest_opts("exit", kv, 2);
	const struct abi_result *r;
	struct vmm_vm *vm;
	int n = 0;

	(void)state;
	NEED_ACCEL();
	o.vcpus = 4;
	assert_int_equal(vmm_vm_create(vmm_test_accel, &o, &vm), 0);
	assert_int_equal(vmm_vm_run(vm, 20), VMM_DONE);
	assert_int_equal(vmm_vm_status(vm), 0);
	r = vmm_vm_result(vm);
	for (uint32_t i = 0; i < r->nkv; i++)
		n += !strcmp(r->kv[i].key, "iters") && r->kv[i].value == 300;
	assert_int_equal(n, 4);
	assert_true(vmm_vm_stats(vm)->pio_exits >= 4 * 301);
	vmm_vm_destroy(vm);
	/* 16 vCPUs of 5 results each overflow the page: said so. */
	kv[0] = (struct abi_kv){"iters", 10};
	kv[1] = (struct abi_kv){"fp", 10};
	o.guest = "cpu";
	o.vcpus = 16;
	assert_int_equal(vmm_vm_create(vmm_test_accel, &o, &vm), 0);
	assert_int_equal(vmm_vm_run(vm, 20), VMM_FAULT);
	assert_non_null(
	    strstr(vmm_vm_fault_msg(vm), "result page is full (64 results"));
	vmm_vm_destroy(vm);
}

/*
 * The console in whole lines: the greetings of 4 vCPUs ran into each
 * other mid-line ("... on vCPU 2, hello from a vmux guest on vCPU 3, 64
 * MiB of RAM"), and a line the guest left unfinished when the run ended
 * ran on into whatever was printed next ("hello fromvmux: guest ...").
 */
static void test_console_lines(void **state)
{
	struct vmm_vm_opts o = guest_opts("hello", NULL, 0);
	struct vmm_vm *vm;
	char want[80];
	size_t len = 0;

	(void)state;
	NEED_ACCEL();
	o.vcpus = 4;
	for (int round = 0; round < 3; round++) {
		assert_int_equal(vmm_vm_create(vmm_test_accel, &o, &vm), 0);
		assert_int_equal(vmm_vm_run(vm, 20), VMM_DONE);
		for (int i = 0; i < 4; i++) {
			len =
			    (size_t)snprintf(want, sizeof(want),
					     "hello from a vmux guest on vCPU "
					     "%d, 64 MiB of RAM\n",
					     i);
			if (!strstr(vmm_vm_console(vm), want))
				print_message("# console: [%s]\n",
					      vmm_vm_console(vm));
			assert_non_null(strstr(vmm_vm_console(vm), want));
		}
		assert_int_equal(strlen(vmm_vm_console(vm)), 4 * len);
		vmm_vm_destroy(vm);
	}
	/* A line unfinished at the end: held until then, and marked cut. */
	o.vcpus = 1;
	assert_int_equal(vmm_vm_create(vmm_test_accel, &o, &vm), 0);
	vmm_vm_console_write(vm, (const uint8_t *)"ab\nhello fro", 12);
	assert_string_equal(vmm_vm_console(vm), "ab\n");
	vmm_vm_wait(vm, 0.001);
	assert_string_equal(
	    vmm_vm_console(vm),
	    "ab\nhello fro [cut: the guest stopped mid-line]\n");
	vmm_vm_destroy(vm);
}

static uint32_t duty_script(void *opaque, struct vmm_vm *vm)
{
	int *calls = opaque;

	(void)vm;
	return (*calls)++ < 3 ? 5 : DUTY_STOP;
}

static void test_duty(void **state)
{
	int calls = 0;
	struct vmm_vm_opts o = {.guest = "duty",
				.mem_bytes = 16u << 20,
				.vcpus = 1,
				.page_size = X86_PAGE_2M,
				.duty = duty_script,
				.duty_opaque = &calls};
	struct vmm_vm *vm;

	(void)state;
	NEED_ACCEL();
	assert_int_equal(vmm_vm_create(vmm_test_accel, &o, &vm), 0);
	assert_int_equal(vmm_vm_run(vm, 10), VMM_DONE);
	assert_int_equal(guest_result(vm, "slots"), 3);
	assert_int_equal(vmm_vm_result(vm)->delivered, 5);
	vmm_vm_destroy(vm);
}

static void test_timeout(void **state)
{
	struct vmm_vm *vm;

	(void)state;
	NEED_ACCEL();
	assert_int_equal(boot("hostile_loop", NULL, 0, X86_PAGE_2M, 0.3, &vm),
			 VMM_TIMEOUT);
	vmm_vm_destroy(vm);
}

static void expect_fault(const char *guest, const struct abi_kv *kv, int nkv,
			 const char *needle)
{
	struct vmm_vm *vm;

	assert_int_equal(boot(guest, kv, nkv, X86_PAGE_2M, 5, &vm), VMM_FAULT);
	if (!strstr(vmm_vm_fault_msg(vm), needle))
		fail_msg("%s: '%s' lacks '%s'", guest, vmm_vm_fault_msg(vm),
			 needle);
	vmm_vm_destroy(vm);
}

static void test_hostile(void **state)
{
	struct abi_kv c[4] = {
	    {"case", 0}, {"case", 1}, {"case", 2}, {"case", 3}};

	(void)state;
	NEED_ACCEL();
	expect_fault("hostile_port", NULL, 0, "port 0x1234");
	/* It said "port 0x504: Invalid argument". */
	expect_fault("hostile_size", NULL, 0,
		     "write of 2 bytes on port 0x504, which the device there "
		     "refuses (an access size or direction it does not take)");
	expect_fault("hostile_mmio", NULL, 0, "outside RAM and every device");
	expect_fault("hostile_hcall", &c[0], 1, "outside guest RAM");
	expect_fault("hostile_hcall", &c[1], 1, "outside guest RAM");
	expect_fault("hostile_hcall", &c[2], 1, "outside guest RAM");
	expect_fault("hostile_hcall", &c[3], 1, "hypercall 99");
	expect_fault("hostile_triple", NULL, 0, "guest fault");
}

static void test_exit_kinds(void **state)
{
	struct vmm_vm *vm;

	(void)state;
	NEED_ACCEL();
	for (uint64_t mode = 0; mode < 4; mode++) {
		struct abi_kv kv[2] = {{"iters", 200}, {"mode", mode}};

		assert_int_equal(boot("exit", kv, 2, X86_PAGE_2M, 10, &vm),
				 VMM_DONE);
		if (mode == 0)
			assert_true(vmm_vm_stats(vm)->pio_exits >= 200);
		if (mode == 1)
			assert_true(vmm_vm_stats(vm)->mmio_exits >= 200);
		vmm_vm_destroy(vm);
	}
}

static void test_bad_options(void **state)
{
	struct vmm_vm_opts o = {.guest = "no-such-guest",
				.mem_bytes = 64u << 20,
				.vcpus = 1,
				.page_size = X86_PAGE_2M};
	struct vmm_vm *vm = NULL;

	(void)state;
	NEED_ACCEL();
	assert_int_equal(vmm_vm_create(vmm_test_accel, &o, &vm), -ENOENT);
	o.guest = "hello";
	o.mem_bytes = 1u << 20;
	assert_int_equal(vmm_vm_create(vmm_test_accel, &o, &vm), -EINVAL);
	assert_null(vm);
	vmm_vm_destroy(NULL);
}

/* O refused by vmm_vm_create: -EINVAL, no VM, and WANT on stderr. */
static void refused(const struct vmm_vm_opts *o, const char *want)
{
	struct vmm_vm *vm = NULL;
	char err[512];
	int errfd, saved = test_capture_stderr(&errfd);

	assert_int_equal(vmm_vm_create(vmm_test_accel, o, &vm), -EINVAL);
	test_release_stderr(saved, errfd, err, sizeof(err));
	assert_null(vm);
	assert_string_equal(err, want);
}

/* A key the guest does not read is refused by the monitor itself, for
 * every caller (bench and validate fill the options without run's
 * check): exit reads iters and mode, not n; hello reads none. */
static void test_unknown_key(void **state)
{
	struct abi_kv kv[2] = {{"iters", 10}, {"n", 5000}};
	struct vmm_vm_opts o = guest_opts("exit", kv, 2);
	struct vmm_vm *vm = NULL;

	(void)state;
	NEED_ACCEL();
	refused(&o, "vmux: guest 'exit' has no key 'n' (its "
		    "keys: iters, mode)\n");
	o = guest_opts("hello", kv, 1);
	refused(&o, "vmux: guest 'hello' has no key 'iters' "
		    "(its keys: none)\n");
	o = guest_opts("exit", kv, 1); /* a key it reads: taken */
	assert_int_equal(vmm_vm_create(vmm_test_accel, &o, &vm), 0);
	vmm_vm_destroy(vm);
}

/*
 * --accel auto: KVM when the device opens and works, else tcg; an explicit
 * kvm on a missing device is -ENODEV (exit 69 on the command line).
 */
static void test_auto_choice(void **state)
{
	struct accel *a = NULL;

	(void)state;
	assert_int_equal(accel_open(ACCEL_AUTO, "/nonexistent/kvm", true, &a),
			 0);
	assert_string_equal(accel_name(a), "tcg");
	accel_close(a);
	assert_int_equal(accel_open(ACCEL_KVM, "/nonexistent/kvm", true, &a),
			 -ENODEV);
	if (accel_open(ACCEL_KVM, NULL, true, &a) == 0) {
		accel_close(a);
		assert_int_equal(accel_open(ACCEL_AUTO, NULL, true, &a), 0);
		assert_string_equal(accel_name(a), "kvm");
		accel_close(a);
	}
}

static void test_mem_bounds(void **state)
{
	struct vmm_mem *m;
	uint64_t size;
	char buf[16];

	(void)state;
	assert_int_equal(vmm_mem_create(4u << 20, false, &m), 0);
	size = vmm_mem_size(m);
	assert_non_null(vmm_mem_ptr(m, 0, size));
	assert_non_null(vmm_mem_ptr(m, size - 1, 1));
	assert_null(vmm_mem_ptr(m, size - 1, 2));
	assert_null(vmm_mem_ptr(m, size, 1));
	assert_null(vmm_mem_ptr(m, ~0ull - 4, 16)); /* end overflows */
	assert_null(vmm_mem_ptr(m, 8, ~0ull));
	assert_int_equal(vmm_mem_copy_in(m, buf, size - 8, sizeof(buf)),
			 -EFAULT);
	vmm_mem_destroy(m);
	vmm_mem_destroy(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_mem_bounds),
	    cmocka_unit_test(test_hello),
	    cmocka_unit_test(test_params_and_results),
	    cmocka_unit_test(test_page_sizes),
	    cmocka_unit_test(test_several_vms),
	    cmocka_unit_test(test_vcpus_all_finish),
	    cmocka_unit_test(test_console_lines),
	    cmocka_unit_test(test_duty),
	    cmocka_unit_test(test_timeout),
	    cmocka_unit_test(test_hostile),
	    cmocka_unit_test(test_exit_kinds),
	    cmocka_unit_test(test_bad_options),
	    cmocka_unit_test(test_unknown_key),
	    cmocka_unit_test(test_auto_choice),
	};
	return vmm_test_run(tests);
}

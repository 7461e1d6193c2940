/*
 * vmm_test.h - the fixture of every test that boots guests, and the
 * reference computations their results are checked against.
 *
 * vmm_test_run() runs a table of cmocka tests once per backend: "kvm"
 * (its tests skip, saying why, where /dev/kvm is absent or unusable) and
 * "tcg" (Unicorn, everywhere it is installed); each test finds the
 * backend in vmm_test_accel and starts with NEED_ACCEL().
 *
 * The references are written here once from the workloads' definitions
 * (vmm/guest/work_*.c), independently of the guests' code: a guest that
 * computes something else fails, whatever the backend.
 */
#ifndef VMUX_VMM_TEST_H
#define VMUX_VMM_TEST_H

#include "vmux_test.h"
#include "vmm/accel.h"
#include "vmm/vm.h"
#include "vmm/x86_boot.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The backend of the group being run; NULL: it cannot open here. */
static struct accel *vmm_test_accel;
static enum accel_kind vmm_test_kind = ACCEL_AUTO;

static inline int vmm_test_open(void **state)
{
	(void)state;
	if (accel_open(vmm_test_kind, NULL, true, &vmm_test_accel) < 0) {
		vmm_test_accel = NULL;
		print_message("# SKIP reason: %s here\n",
			      vmm_test_kind == ACCEL_KVM
				  ? "/dev/kvm is absent or unusable"
			      : vmm_test_kind == ACCEL_TCG
				  ? "the tcg backend cannot open (Unicorn)"
				  : "no backend opens (neither kvm nor tcg)");
	}
	return 0;
}

static inline int vmm_test_close(void **state)
{
	(void)state;
	accel_close(vmm_test_accel);
	vmm_test_accel = NULL;
	return 0;
}

#define NEED_ACCEL()                                                           \
	do {                                                                   \
		if (!vmm_test_accel)                                           \
			skip();                                                \
	} while (0)

/* TESTS (an array) on kvm, then on tcg; the number of failures. */
#define vmm_test_run(tests)                                                    \
	vmm_test_run_n(tests, sizeof(tests) / sizeof((tests)[0]))

static inline int vmm_test_run_n(const struct CMUnitTest *tests, size_t n)
{
	static const struct {
		const char *name;
		enum accel_kind kind;
	} backends[] = {{"kvm", ACCEL_KVM}, {"tcg", ACCEL_TCG}};
	int failed = 0;

	for (size_t i = 0; i < 2; i++) {
		vmm_test_kind = backends[i].kind;
		failed += _cmocka_run_group_tests(
		    backends[i].name, tests, n, vmm_test_open, vmm_test_close);
	}
	return failed;
}

/* ---- guests ---- */

static inline void guest_kv(struct abi_kv *k, const char *key, uint64_t v)
{
	memset(k, 0, sizeof(*k));
	strncpy(k->key, key, ABI_KEY_LEN - 1);
	k->value = v;
}

/* GUEST with NP parameters P: 64 MiB, one vCPU, 2 MiB pages. */
static inline struct vmm_vm_opts guest_opts(const char *guest,
					    const struct abi_kv *p, int np)
{
	return (struct vmm_vm_opts){.guest = guest,
				    .mem_bytes = 64u << 20,
				    .vcpus = 1,
				    .page_size = X86_PAGE_2M,
				    .params = p,
				    .nparams = np};
}

/* Build O's VM on the group's backend and run it; outcome WANT. */
static inline struct vmm_vm *guest_run(const struct vmm_vm_opts *o,
				       double timeout, enum vmm_outcome want)
{
	struct vmm_vm *vm = NULL;

	assert_int_equal(vmm_vm_create(vmm_test_accel, o, &vm), 0);
	assert_int_equal(vmm_vm_run(vm, timeout), want);
	return vm;
}

/* The result KEY the guest reported (it must have). */
static inline uint64_t guest_result(struct vmm_vm *vm, const char *key)
{
	uint64_t v = 0;

	assert_int_equal(vmm_vm_result_get(vm, key, &v), 0);
	return v;
}

/* ---- references ---- */

/* work_cpu: N rounds of xorshift64 and a multiply-add. */
static inline uint64_t ref_xorshift(uint64_t n)
{
	uint64_t x = 88172645463325252ull;

	while (n--) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		x = x * 0x9e3779b97f4a7c15ull + 1;
	}
	return x;
}

/* work_fp's recurrence: IEEE 754 doubles, sqrt rounded correctly, so
   the guest's bits must match these exactly. */
static inline uint64_t ref_fp_bits(uint64_t n)
{
	volatile double x = 1.0, y = 0.5, s = 0.0;
	double sum;
	uint64_t bits;

	for (uint64_t i = 0; i < n; i++) {
		x = x * 1.0000001 + y / (x + 1.0);
		y = sqrt(x * x + 1.0) - x;
		s += y;
	}
	sum = s;
	memcpy(&bits, &sum, sizeof(bits));
	return bits;
}

/* work_mem: a Sattolo cycle over 64-byte lines, then STEPS of the chase;
   the line reached. */
static inline uint64_t ref_chase(uint64_t bytes, uint64_t steps, uint64_t seed)
{
	uint64_t n = bytes / 64, s = seed | 1, *next = calloc(n, 8), i = 0;

	assert_non_null(next);
	for (uint64_t k = 0; k < n; k++)
		next[k] = k;
	for (uint64_t k = n - 1; k > 0; k--) {
		uint64_t j, t;

		s = s * 6364136223846793005ull + 1442695040888963407ull;
		j = (s >> 17) % k;
		t = next[k];
		next[k] = next[j];
		next[j] = t;
	}
	while (steps--)
		i = next[i];
	free(next);
	return i;
}

#define REF_FNV_SEED 0xcbf29ce484222325ull

/* FNV-1a 64 of B[0..N), continuing from H (REF_FNV_SEED to start). */
static inline uint64_t ref_fnv(uint64_t h, const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= 1099511628211ull;
	}
	return h;
}

/* FNV-1a 64 of the first BYTES of the file FD, read by the host. */
static inline uint64_t ref_fnv_file(int fd, size_t bytes)
{
	uint8_t *buf = malloc(bytes);
	uint64_t h;

	assert_non_null(buf);
	assert_int_equal(pread(fd, buf, bytes, 0), (ssize_t)bytes);
	h = ref_fnv(REF_FNV_SEED, buf, bytes);
	free(buf);
	return h;
}

#endif

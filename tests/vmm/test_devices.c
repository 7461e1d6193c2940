/*
 * test_devices.c - the block devices and NICs, both styles, with real
 * guests on /dev/kvm. The host checks what the guest did independently:
 * it hashes the disk file itself and receives the datagrams on its own
 * UDP socket, checking each frame's sequence number and the hash of every
 * byte. Hostile guests that corrupt the rings or misuse the registers
 * must be stopped with the right message. Without /dev/kvm the cases are
 * skipped, saying why.
 */
#include "vmux_test.h"
#include "vmm/accel.h"
#include "vmm/vm.h"
#include "vmm/x86_boot.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static struct accel *kvm;

/*
 * The whole group runs twice: on KVM (skipped, saying why, where /dev/kvm
 * is absent) and on the tcg backend (Unicorn), which runs everywhere.
 */
static enum accel_kind kind = ACCEL_KVM;

static int setup(void **state)
{
	(void)state;
	if (accel_open(kind, NULL, true, &kvm) < 0) {
		kvm = NULL;
		print_message("# SKIP reason: %s here\n",
			      kind == ACCEL_KVM ? "/dev/kvm is absent or unusable"
						: "the tcg backend cannot open");
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	accel_close(kvm);
	return 0;
}

#define NEED_KVM()                                                             \
	do {                                                                   \
		if (!kvm)                                                      \
			skip();                                                \
	} while (0)

/* FNV-1a 64, written out here again so the check does not share code. */
static uint64_t fnv(uint64_t h, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 1099511628211ull;
	}
	return h;
}

static void kv(struct abi_kv *k, const char *key, uint64_t v)
{
	memset(k, 0, sizeof(*k));
	strncpy(k->key, key, ABI_KEY_LEN - 1);
	k->value = v;
}

static uint64_t result(struct vmm_vm *vm, const char *key)
{
	uint64_t v = 0;

	assert_int_equal(vmm_vm_result_get(vm, key, &v), 0);
	return v;
}

static struct vmm_vm *run(struct vmm_vm_opts *o, enum vmm_outcome want)
{
	struct vmm_vm *vm;

	o->mem_bytes = 64u << 20;
	o->vcpus = 1;
	o->page_size = X86_PAGE_2M;
	assert_int_equal(vmm_vm_create(kvm, o, &vm), 0);
	assert_int_equal(vmm_vm_run(vm, 20), want);
	return vm;
}

/* Write KIB KiB through the DEV block device to a file; hash the file. */
static void disk_case(enum abi_device dev, uint64_t kib)
{
	char path[] = "/tmp/vmux-test-disk-XXXXXX";
	struct abi_kv p[2];
	struct vmm_vm_opts o = {.guest = "disk",
				.device = dev,
				.params = p,
				.nparams = 2,
				.disk_bytes = 1u << 20};
	int fd = mkstemp(path);
	uint8_t *buf = malloc(kib << 10);
	struct vmm_vm *vm;

	assert_true(fd >= 0 && buf);
	o.disk_path = path;
	kv(&p[0], "kib", kib);
	kv(&p[1], "batch_kib", 16);
	vm = run(&o, VMM_DONE);
	assert_int_equal(vmm_vm_status(vm), 0);
	assert_int_equal(result(vm, "bytes"), kib << 10);
	assert_int_equal(pread(fd, buf, kib << 10, 0), (ssize_t)(kib << 10));
	assert_true(result(vm, "sum") ==
		    fnv(0xcbf29ce484222325ull, buf, kib << 10));
	/* Written once and read back once, through the host file. */
	assert_int_equal(vmm_vm_stats(vm)->disk_written, kib << 10);
	assert_int_equal(vmm_vm_stats(vm)->disk_read, kib << 10);
	vmm_vm_destroy(vm);
	close(fd);
	unlink(path);
	free(buf);
}

static void test_disk_emulated(void **state)
{
	(void)state;
	NEED_KVM();
	disk_case(ABI_DEV_EMULATED, 32);
}

static void test_disk_paravirt(void **state)
{
	(void)state;
	NEED_KVM();
	disk_case(ABI_DEV_PARAVIRT, 512);
}

static void test_disk_too_small(void **state)
{
	struct abi_kv p[1];
	struct vmm_vm_opts o = {
	    .guest = "disk", .params = p, .nparams = 1, .disk_bytes = 64 << 10};
	struct vmm_vm *vm;

	(void)state;
	NEED_KVM();
	kv(&p[0], "kib", 128);
	vm = run(&o, VMM_DONE);
	assert_int_equal(vmm_vm_status(vm), 4);
	vmm_vm_destroy(vm);
}

static int udp_socket(uint16_t *port)
{
	struct sockaddr_in sa = {.sin_family = AF_INET};
	socklen_t len = sizeof(sa);
	int fd = socket(AF_INET, SOCK_DGRAM, 0), big = 4 << 20;

	assert_true(fd >= 0);
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &big, sizeof(big));
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
	*port = ntohs(sa.sin_port);
	return fd;
}

/* Receive N frames of SIZE: in order, intact; returns their hash. */
static uint64_t receive(int fd, uint64_t n, size_t size)
{
	uint8_t buf[16384];
	uint64_t h = 0xcbf29ce484222325ull, seq;
	struct pollfd pfd = {.fd = fd, .events = POLLIN};

	for (uint64_t i = 0; i < n; i++) {
		assert_int_equal(poll(&pfd, 1, 2000), 1);
		assert_int_equal(recv(fd, buf, sizeof(buf), 0), (ssize_t)size);
		memcpy(&seq, buf, 8);
		assert_int_equal(seq, i);
		h = fnv(h, buf, size);
	}
	assert_int_equal(recv(fd, buf, sizeof(buf), MSG_DONTWAIT), -1);
	return h;
}

static void net_case(enum abi_device dev, uint64_t frames, uint64_t size)
{
	struct abi_kv p[3];
	struct vmm_vm_opts o = {
	    .guest = "net", .device = dev, .params = p, .nparams = 3};
	struct vmm_vm *vm;
	int fd = udp_socket(&o.net_port);

	kv(&p[0], "frames", frames);
	kv(&p[1], "size", size);
	kv(&p[2], "batch", 32);
	vm = run(&o, VMM_DONE);
	assert_int_equal(vmm_vm_status(vm), 0);
	assert_int_equal(vmm_vm_stats(vm)->net_frames, frames);
	assert_true(receive(fd, frames, size) == result(vm, "sum"));
	vmm_vm_destroy(vm);
	close(fd);
}

static void test_net_emulated(void **state)
{
	(void)state;
	NEED_KVM();
	net_case(ABI_DEV_EMULATED, 40, 512);
}

static void test_net_paravirt(void **state)
{
	(void)state;
	NEED_KVM();
	net_case(ABI_DEV_PARAVIRT, 1000, 1400);
}

/* Each hostile mode and a piece of the message it must produce. */
static const struct {
	int mode;
	const char *msg;
} hostile[] = {
    {0, "outside guest RAM"},
    {1, "longer than the ring (a loop)"},
    {2, "is not below the ring size"},
    {3, "more than the ring size"},
    {4, "setup block"},
    {5, "available head 256 is not below the ring size"},
    {6, "data written with no write command"},
    {7, "data written past the frame length"},
    {8, "misaligned or outside guest RAM"},
};

static void test_hostile_rings(void **state)
{
	struct abi_kv p[1];
	struct vmm_vm_opts o = {.guest = "hostile_ring",
				.params = p,
				.nparams = 1,
				.disk_bytes = 1 << 20};
	int fd = udp_socket(&o.net_port);

	(void)state;
	NEED_KVM();
	for (size_t i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		struct vmm_vm *vm;

		kv(&p[0], "mode", (uint64_t)hostile[i].mode);
		vm = run(&o, VMM_FAULT);
		if (!strstr(vmm_vm_fault_msg(vm), hostile[i].msg))
			fail_msg("mode %d: '%s' lacks '%s'", hostile[i].mode,
				 vmm_vm_fault_msg(vm), hostile[i].msg);
		assert_non_null(strstr(vmm_vm_fault_msg(vm), "guest fault"));
		vmm_vm_destroy(vm);
	}
	close(fd);
}

/* A guest that reaches for a device the VM was built without. */
static void test_no_devices(void **state)
{
	struct vmm_vm_opts o = {.guest = "disk"};
	struct vmm_vm *vm;

	(void)state;
	NEED_KVM();
	vm = run(&o, VMM_FAULT);
	assert_non_null(strstr(vmm_vm_fault_msg(vm), "where no device is"));
	vmm_vm_destroy(vm);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_disk_emulated),
	    cmocka_unit_test(test_disk_paravirt),
	    cmocka_unit_test(test_disk_too_small),
	    cmocka_unit_test(test_net_emulated),
	    cmocka_unit_test(test_net_paravirt),
	    cmocka_unit_test(test_hostile_rings),
	    cmocka_unit_test(test_no_devices),
	};

	int failed = cmocka_run_group_tests_name("kvm", tests, setup, teardown);

	kind = ACCEL_TCG;
	return failed + cmocka_run_group_tests_name("tcg", tests, setup,
						    teardown);
}

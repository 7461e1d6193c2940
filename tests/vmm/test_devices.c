/*
 * test_devices.c - the device list, and the block devices and NICs, both
 * styles, with real guests. The host checks what the guest did independently:
 * it hashes the disk file itself and receives the datagrams on its own
 * UDP socket, checking each frame's sequence number and the hash of every
 * byte. Hostile guests that corrupt the rings or misuse the registers
 * must be stopped with the right message. On every backend (vmm_test.h).
 */
#include "vmm_test.h"
#include "vmm/device.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* Write KIB KiB through the DEV block device to a file; hash the file. */
static void disk_case(enum abi_device dev, uint64_t kib)
{
	char path[] = "/tmp/vmux-test-disk-XXXXXX";
	struct abi_kv p[2];
	struct vmm_vm_opts o = guest_opts("disk", p, 2);
	int fd = mkstemp(path);
	struct vmm_vm *vm;

	assert_true(fd >= 0);
	o.device = dev;
	o.disk_bytes = 1u << 20;
	o.disk_path = path;
	guest_kv(&p[0], "kib", kib);
	guest_kv(&p[1], "batch_kib", 16);
	vm = guest_run(&o, 20, VMM_DONE);
	assert_int_equal(vmm_vm_status(vm), 0);
	assert_int_equal(guest_result(vm, "bytes"), kib << 10);
	assert_true(guest_result(vm, "sum") == ref_fnv_file(fd, kib << 10));
	/* Written once and read back once, through the host file. */
	assert_int_equal(vmm_vm_stats(vm)->disk_written, kib << 10);
	assert_int_equal(vmm_vm_stats(vm)->disk_read, kib << 10);
	vmm_vm_destroy(vm);
	close(fd);
	unlink(path);
}

static void test_disk_emulated(void **state)
{
	(void)state;
	NEED_ACCEL();
	disk_case(ABI_DEV_EMULATED, 32);
}

static void test_disk_paravirt(void **state)
{
	(void)state;
	NEED_ACCEL();
	disk_case(ABI_DEV_PARAVIRT, 512);
}

static void test_disk_too_small(void **state)
{
	struct abi_kv p[1];
	struct vmm_vm_opts o = guest_opts("disk", p, 1);
	struct vmm_vm *vm;

	(void)state;
	NEED_ACCEL();
	o.disk_bytes = 64 << 10;
	guest_kv(&p[0], "kib", 128);
	vm = guest_run(&o, 20, VMM_DONE);
	assert_int_equal(vmm_vm_status(vm), ABI_ST_DISK_SMALL);
	/* What it wanted and what the disk held, for the message. */
	assert_int_equal(guest_result(vm, "bytes"), 128 << 10);
	assert_int_equal(guest_result(vm, "disk_bytes"), 64 << 10);
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
	uint64_t h = REF_FNV_SEED, seq;
	struct pollfd pfd = {.fd = fd, .events = POLLIN};

	for (uint64_t i = 0; i < n; i++) {
		assert_int_equal(poll(&pfd, 1, 2000), 1);
		assert_int_equal(recv(fd, buf, sizeof(buf), 0), (ssize_t)size);
		memcpy(&seq, buf, 8);
		assert_int_equal(seq, i);
		h = ref_fnv(h, buf, size);
	}
	assert_int_equal(recv(fd, buf, sizeof(buf), MSG_DONTWAIT), -1);
	return h;
}

static void net_case(enum abi_device dev, uint64_t frames, uint64_t size)
{
	struct abi_kv p[3];
	struct vmm_vm_opts o = guest_opts("net", p, 3);
	struct vmm_vm *vm;
	int fd = udp_socket(&o.net_port);

	o.device = dev;
	guest_kv(&p[0], "frames", frames);
	guest_kv(&p[1], "size", size);
	guest_kv(&p[2], "batch", 32);
	vm = guest_run(&o, 20, VMM_DONE);
	assert_int_equal(vmm_vm_status(vm), 0);
	assert_int_equal(vmm_vm_stats(vm)->net_frames, frames);
	assert_true(receive(fd, frames, size) == guest_result(vm, "sum"));
	vmm_vm_destroy(vm);
	close(fd);
}

static void test_net_emulated(void **state)
{
	(void)state;
	NEED_ACCEL();
	net_case(ABI_DEV_EMULATED, 40, 512);
}

static void test_net_paravirt(void **state)
{
	(void)state;
	NEED_ACCEL();
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
	struct vmm_vm_opts o = guest_opts("hostile_ring", p, 1);
	int fd = udp_socket(&o.net_port);

	(void)state;
	o.disk_bytes = 1 << 20;
	NEED_ACCEL();
	for (size_t i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		struct vmm_vm *vm;

		guest_kv(&p[0], "mode", (uint64_t)hostile[i].mode);
		vm = guest_run(&o, 20, VMM_FAULT);
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
	struct vmm_vm_opts o = guest_opts("disk", NULL, 0);
	struct vmm_vm *vm;

	(void)state;
	NEED_ACCEL();
	vm = guest_run(&o, 20, VMM_FAULT);
	assert_non_null(strstr(vmm_vm_fault_msg(vm), "where no device is"));
	vmm_vm_destroy(vm);
}

static int index_of(const struct vmm_device *d)
{
	for (size_t i = 0; i < vmm_ndevices; i++)
		if (vmm_devices[i] == d)
			return (int)i;
	return -1;
}

/*
 * The list (vmm/dev/devices.def) is well formed: every device named once
 * and complete, built only on devices before it, and the ports of port
 * devices claimed by one each (vmm_io_register_port would refuse the
 * second at run time).
 */
static void test_device_list(void **state)
{
	(void)state;
	assert_true(vmm_ndevices >= 8);
	for (size_t i = 0; i < vmm_ndevices; i++) {
		const struct vmm_device *d = vmm_devices[i];

		assert_true(d->name && d->name[0] && d->create && d->destroy);
		for (size_t j = 0; j < i; j++)
			if (!strcmp(d->name, vmm_devices[j]->name))
				fail_msg("device '%s' listed twice", d->name);
		if (d->port.needs)
			assert_in_range(index_of(d->port.needs), 0, (int)i - 1);
		if (d->create != vmm_port_dev_create)
			continue;
		assert_true(d->port.len > 0 && d->port.handle);
		assert_true(d->port.size >= sizeof(struct vmm_port_dev));
		for (size_t j = 0; j < i; j++) {
			const struct vmm_device *e = vmm_devices[j];

			if (e->create == vmm_port_dev_create &&
			    d->port.base < e->port.base + e->port.len &&
			    e->port.base < d->port.base + d->port.len)
				fail_msg("%s and %s share ports", d->name,
					 e->name);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_device_list),
	    cmocka_unit_test(test_disk_emulated),
	    cmocka_unit_test(test_disk_paravirt),
	    cmocka_unit_test(test_disk_too_small),
	    cmocka_unit_test(test_net_emulated),
	    cmocka_unit_test(test_net_paravirt),
	    cmocka_unit_test(test_hostile_rings),
	    cmocka_unit_test(test_no_devices),
	};

	return vmm_test_run(tests);
}

/*
 * test_guest_status.c - every status a guest returns has a meaning in the
 * one table (abi.h), the codes are distinct, and the disk guest's results
 * become the detail of "disk too small" (KiB worked by hand).
 */
#include "vmux_test.h"
#include "vmm/guest_status.h"

#include <string.h>

#define CODE(NAME, CODE, MEANING, TODO) CODE,
static const int codes[] = {ABI_STATUS_TABLE(CODE)};
#undef CODE

static void test_every_code_has_a_meaning(void **state)
{
	size_t n = sizeof(codes) / sizeof(codes[0]);

	(void)state;
	for (size_t i = 0; i < n; i++) {
		assert_non_null(guest_status_meaning(codes[i]));
		for (size_t j = i + 1; j < n; j++)
			assert_int_not_equal(codes[i], codes[j]);
	}
	/* The codes the guests return (vmm/guest/prog_*.c, work_io.c). */
	assert_string_equal(guest_status_meaning(ABI_ST_DISK_SMALL),
			    "disk too small for the workload");
	assert_string_equal(guest_status_meaning(ABI_ST_MISMATCH),
			    "the data read back differs from what was "
			    "written");
	assert_non_null(guest_status_meaning(ABI_ST_DEVICE));
	assert_non_null(guest_status_meaning(ABI_ST_BAD_OP));
	assert_non_null(guest_status_meaning(ABI_ST_BAD_SIZE));
	assert_non_null(guest_status_meaning(ABI_ST_NO_PARAMS));
	assert_non_null(guest_status_meaning(ABI_ST_ONE_VCPU));
	assert_null(guest_status_meaning(8));
	assert_null(guest_status_meaning(-1));
}

static void test_disk_small_detail(void **state)
{
	struct abi_result r;
	char buf[512];

	(void)state;
	memset(&r, 0, sizeof(r));
	r.nkv = 2;
	strcpy(r.kv[0].key, "bytes");
	r.kv[0].value = 4u << 20; /* --param kib=4096 */
	strcpy(r.kv[1].key, "disk_bytes");
	r.kv[1].value = 1u << 20; /* --disk-mib 1 */
	guest_status_describe(ABI_ST_DISK_SMALL, &r, buf, sizeof(buf));
	assert_string_equal(buf, "disk too small for the workload: it writes "
				 "4096 KiB (--param kib), the disk holds 1024 "
				 "KiB; raise --disk-mib or lower --param kib");
	/* Without the results: the meaning and what to do. */
	guest_status_describe(ABI_ST_DISK_SMALL, NULL, buf, sizeof(buf));
	assert_string_equal(buf, "disk too small for the workload; raise "
				 "--disk-mib or lower --param kib");
	/* A size that does not fit: the heap, 6144 KiB. */
	r.nkv = 1;
	strcpy(r.kv[0].key, "heap_bytes");
	r.kv[0].value = 6u << 20;
	guest_status_describe(ABI_ST_BAD_SIZE, &r, buf, sizeof(buf));
	assert_non_null(strstr(buf, "does not fit the guest's heap: the "
				    "guest's heap holds 6144 KiB; mem: "));
	guest_status_describe(99, NULL, buf, sizeof(buf));
	assert_string_equal(buf, "not a status of the guest ABI's table");
}

VMUX_TEST_MAIN(cmocka_unit_test(test_every_code_has_a_meaning),
	       cmocka_unit_test(test_disk_small_detail))

/*
 * test_resource.c - resource names: by index, parsed, and a mask's names
 * joined in enum order (cut to the buffer, "none" for no resource).
 */
#include "vmux_test.h"
#include "lib/resource.h"

#include <errno.h>
#include <string.h>

static void test_names(void **state)
{
	enum res r = RES_COUNT;

	(void)state;
	assert_string_equal(res_name(RES_DISK), "disk");
	assert_string_equal(res_name(RES_COUNT), "?");
	assert_int_equal(res_parse("net", &r), 0);
	assert_int_equal(r, RES_NET);
	assert_int_equal(res_parse("NET", &r), -EINVAL);
}

/* The units of resource.h's header comment, the trace's. */
static void test_units(void **state)
{
	(void)state;
	assert_string_equal(res_unit(RES_CPU), "cores");
	assert_string_equal(res_unit(RES_MEM), "MiB");
	assert_string_equal(res_unit(RES_DISK), "KiB/s");
	assert_string_equal(res_unit(RES_NET), "KiB/s");
	assert_string_equal(res_unit(RES_COUNT), "?");
}

static void test_mask_names(void **state)
{
	char buf[32], small[6];

	(void)state;
	assert_string_equal(res_mask_names(0x1, buf, sizeof(buf)), "cpu");
	assert_string_equal(res_mask_names(0x3, buf, sizeof(buf)), "cpu,mem");
	assert_string_equal(res_mask_names(0xc, buf, sizeof(buf)), "disk,net");
	assert_string_equal(res_mask_names(0xf, buf, sizeof(buf)),
			    "cpu,mem,disk,net");
	assert_string_equal(res_mask_names(0, buf, sizeof(buf)), "none");
	assert_string_equal(res_mask_names(0x30, buf, sizeof(buf)), "none");
	/* Cut to the buffer, always terminated. */
	assert_string_equal(res_mask_names(0xf, small, sizeof(small)), "cpu,m");
	assert_int_equal(strlen(res_mask_names(0xf, small, 1)), 0);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_names), cmocka_unit_test(test_units),
	       cmocka_unit_test(test_mask_names))

/*
 * test_x86_insn.c - x86_insn_privileged: the privileged instructions a
 * CPL-3 guest may stop on, named behind legacy and REX prefixes (bytes as
 * the Intel SDM gives the encodings); ordinary and user-mode system
 * instructions (CPUID, IN, SGDT) are not; a cut instruction is not.
 */
#include "vmux_test.h"
#include "vmm/x86_insn.h"

#include <string.h>

static const char *at(const char *bytes, size_t n)
{
	return x86_insn_privileged((const uint8_t *)bytes, n);
}

static void test_privileged(void **state)
{
	(void)state;
	assert_non_null(strstr(at("\x0f\x32", 2), "RDMSR"));
	assert_non_null(strstr(at("\x0f\x30", 2), "WRMSR"));
	assert_non_null(strstr(at("\xf4", 1), "HLT"));
	assert_non_null(strstr(at("\x0f\x22\xd8", 3), "control register"));
	assert_non_null(strstr(at("\x48\x0f\x20\xd8", 4), "control register"));
	assert_non_null(strstr(at("\x0f\x01\x18", 3), "LIDT"));	  /* [rax] */
	assert_non_null(strstr(at("\x0f\x01\x38", 3), "INVLPG")); /* [rax] */
	assert_non_null(strstr(at("\x0f\x01\xf8", 3), "SWAPGS"));
	assert_non_null(strstr(at("\x0f\x00\xd8", 3), "LTR"));
	assert_non_null(strstr(at("\x0f\x09", 2), "WBINVD"));
	assert_non_null(strstr(at("\x66\x2e\x0f\x32", 4), "RDMSR"));
}

static void test_not_privileged(void **state)
{
	(void)state;
	assert_null(at("\x0f\xa2", 2));	    /* CPUID */
	assert_null(at("\xe4\x80", 2));	    /* IN al, 0x80: IOPL 3 */
	assert_null(at("\x0f\x01\x00", 3)); /* SGDT [rax] */
	assert_null(at("\x90", 1));	    /* NOP */
	assert_null(at("\x0f", 1));	    /* cut */
	assert_null(at("\x48\x48", 2));	    /* prefixes only */
	assert_null(at("", 0));
}

VMUX_TEST_MAIN(cmocka_unit_test(test_privileged),
	       cmocka_unit_test(test_not_privileged))

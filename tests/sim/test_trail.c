/*
 * test_trail.c - the last slot's names in row order (sim/store/trail.h):
 * a row's name is found when it is one of the next names of the slot
 * before (VMs gone since are skipped), never by a mere prefix, and only
 * after the time changed. Expected VMs are written by hand beside each
 * call.
 */
#include "vmux_test.h"
#include "sim/store/trail.h"

#include <string.h>

/* Find NAME at time T and note it as VM IF_NEW when the trail had none. */
static uint32_t row(struct trail *tr, double t, const char *name,
		    uint32_t if_new)
{
	uint32_t vm = trail_find(tr, t, name, strlen(name));

	trail_note(tr, vm == TRAIL_NONE ? if_new : vm, name, strlen(name));
	return vm;
}

static void test_follows_the_slot_before(void **state)
{
	struct trail *tr;

	(void)state;
	assert_int_equal(trail_create(&tr), 0);
	/* slot 0: a b c d are VMs 0-3; nothing to follow yet */
	assert_int_equal(row(tr, 0, "a", 0), TRAIL_NONE);
	assert_int_equal(row(tr, 0, "b", 1), TRAIL_NONE);
	assert_int_equal(row(tr, 0, "c", 2), TRAIL_NONE);
	assert_int_equal(row(tr, 0, "d", 3), TRAIL_NONE);
	/* slot 1: b ended, x (VM 4) is born between c and d */
	assert_int_equal(row(tr, 300, "a", 9), 0);
	assert_int_equal(row(tr, 300, "c", 9), 2);
	assert_int_equal(row(tr, 300, "x", 4), TRAIL_NONE);
	assert_int_equal(row(tr, 300, "d", 9), 3);
	/* slot 2 follows slot 1: a c x d */
	assert_int_equal(row(tr, 600, "a", 9), 0);
	assert_int_equal(row(tr, 600, "c", 9), 2);
	assert_int_equal(row(tr, 600, "x", 9), 4);
	assert_int_equal(row(tr, 600, "d", 9), 3);
	trail_destroy(tr);
}

static void test_whole_names_and_reach(void **state)
{
	static const char *const names[] = {"vm1", "vm2", "vm3", "vm4",
					    "vm5", "vm6", "vm7"};
	char long_name[20001];
	struct trail *tr;

	(void)state;
	memset(long_name, '1', sizeof(long_name) - 1);
	memcpy(long_name, "vm", 2);
	long_name[sizeof(long_name) - 1] = '\0';
	assert_int_equal(trail_create(&tr), 0);
	for (uint32_t i = 0; i < 7; i++)
		row(tr, 10, names[i], i);
	/* a prefix of vm1, or vm1 with a byte more, is not vm1; nor is a
	 * name far longer than any kept (compared without reading past the
	 * names kept: AddressSanitizer builds check) */
	assert_int_equal(trail_find(tr, 20, "vm", 2), TRAIL_NONE);
	assert_int_equal(trail_find(tr, 20, "vm10", 4), TRAIL_NONE);
	assert_int_equal(trail_find(tr, 20, long_name, strlen(long_name)),
			 TRAIL_NONE);
	/* vm1-vm4 are the next four names: vm4 is found, vm1-3 skipped */
	assert_int_equal(trail_find(tr, 20, "vm4", 3), 3);
	/* after vm4 the next four are vm5, vm6, vm7: vm7 is found */
	assert_int_equal(trail_find(tr, 20, "vm7", 3), 6);
	trail_destroy(tr);

	assert_int_equal(trail_create(&tr), 0);
	for (uint32_t i = 0; i < 7; i++)
		row(tr, 10, names[i], i);
	/* vm6 is the sixth name: past the four looked at */
	assert_int_equal(trail_find(tr, 20, "vm6", 3), TRAIL_NONE);
	trail_destroy(tr);
}

static void test_same_time_does_not_turn(void **state)
{
	struct trail *tr;

	(void)state;
	assert_int_equal(trail_create(&tr), 0);
	assert_int_equal(row(tr, 5, "a", 0), TRAIL_NONE);
	/* same time: still no slot before */
	assert_int_equal(row(tr, 5, "a", 0), TRAIL_NONE);
	assert_int_equal(row(tr, 6, "a", 9), 0);
	trail_destroy(tr);
	trail_destroy(NULL);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_follows_the_slot_before),
	       cmocka_unit_test(test_whole_names_and_reach),
	       cmocka_unit_test(test_same_time_does_not_turn))

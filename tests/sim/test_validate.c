/*
 * test_validate.c - replaying planned hosts on real guests (KVM, else tcg;
 * the cap is a cgroup where one can be made, else vmux's throttle, and
 * test_monitor_throttle forces the latter). The expected rates are worked
 * out by hand from the demand patterns below.
 */
#include "vmm_test.h"
#include "sim/measure/validate.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static double ups;

/* On the first backend that opens (vmm_test.h), calibrated. */
static int setup(void **state)
{
	vmm_test_open(state);
	if (!vmm_test_accel)
		return 0;
	if (validate_calibrate(vmm_test_accel, &ups) < 0)
		return -1;
	print_message("# on %s: %.0f work units per vCPU-second\n",
		      accel_name(vmm_test_accel), ups);
	return 0;
}

#define SLOTS 20

/*
 * Two anti-correlated VMs: a = 0.6, 0.1, 0.6, ... and b = 0.1, 0.6, ...
 * cores; every slot sums to 0.7, while each alone peaks at 0.6.
 */
static double a[SLOTS], b[SLOTS];

static void pattern(bool peak)
{
	for (int k = 0; k < SLOTS; k++) {
		a[k] = k % 2 ? 0.1 : 0.6;
		b[k] = k % 2 ? 0.6 : 0.1;
		if (peak) {
			a[k] = k % 2 ? 0.1 : 0.6;
			b[k] = k % 2 ? 0.3 : 0.6;
		}
	}
}

/* No vmux cgroup of this process is left behind. */
static void no_cgroup_left(void)
{
	char prefix[64];
	struct dirent *e;
	DIR *d = opendir("/sys/fs/cgroup/cpu");

	if (!d)
		d = opendir("/sys/fs/cgroup");
	assert_non_null(d);
	snprintf(prefix, sizeof(prefix), "vmux-%d-", (int)getpid());
	while ((e = readdir(d)))
		assert_false(strncmp(e->d_name, prefix, strlen(prefix)) == 0);
	closedir(d);
}

static bool monitor_cap; /* the throttle instead of a cgroup */

static int run(double cap, struct validate_result *r, const char *guest,
	       double timeout)
{
	const double *dem[2] = {a, b};
	struct validate_host h = {2, dem, cap};
	struct validate_opts o = {.acc = vmm_test_accel,
				  .nslots = SLOTS,
				  .slot_s = 0.1,
				  .scale = 1,
				  .units_per_core_s = ups,
				  .tol = 0.05,
				  .retries = 3,
				  .guest = guest,
				  .timeout_s = timeout,
				  .monitor_cap = monitor_cap};

	return validate_run(&o, &h, r);
}

/*
 * Timing on a shared machine: another process may steal from the cap.
 * validate_run repeats the slots it sees starved and counts those still
 * starved; a replay with more than 1 % of its slots so counted has said
 * it cannot be trusted (`vmux validate` exits 75), which is the right
 * answer on a busy machine, so it passes whatever it measured. One that
 * claims to be clean must be within bounds; each replay gets a second
 * attempt, both must miss for the test to fail. ATTEMPT returns whether
 * the outcome was acceptable.
 *
 * The bounds also assume the guests work at the rate setup() calibrated.
 * A calibration taken while other work slowed the vCPUs (measured at load
 * 10: 50400 units per vCPU-second against 75000 quiet) makes every slot
 * look a third easier than planned, so the undersized host seemed to
 * meet all but 14 % of its demand, unflagged: the replay's own rate
 * (units delivered per second of vCPU time, which validate_run reports)
 * must agree within 10 %, or the run is not judged. A replay that ran
 * slots again (starved, then clean) is not judged either: its vCPU time
 * includes the runs thrown away, so its rate cannot be checked. Measured
 * at load 11-16: 25 of 121 replays judged, their rates 0.98-1.03 of the
 * calibration but one (1.26, not judged); on a quiet machine all.
 */
static bool flagged(const struct validate_result *r)
{
	double rate = r->cpu_s > 0 ? r->delivered / r->cpu_s : 0;

	if ((double)r->contaminated > 0.01 * (double)r->slots) {
		print_message("# %zu of %zu slots starved by other work (said "
			      "so): not judged\n",
			      r->contaminated, r->slots);
		return true;
	}
	if (r->repeats) {
		print_message("# %zu slot runs repeated for other work: not "
			      "judged\n",
			      r->repeats);
		return true;
	}
	if (fabs(rate / ups - 1) > 0.1) {
		print_message("# the guests did %.0f units per vCPU-second, "
			      "calibrated %.0f: not judged\n",
			      rate, ups);
		return true;
	}
	return false;
}

static bool within(double x, double want, double tol, const char *what)
{
	bool ok = fabs(x - want) <= tol;

	if (!ok)
		print_message("# %s = %.4f, wanted %.4f +/- %.4f\n", what, x,
			      want, tol);
	return ok;
}

/*
 * Sized for the joint demand (0.7) with a margin, but well below the sum
 * of the two peaks (1.2): no overload.
 */
static bool joint_attempt(void)
{
	struct validate_result r;
	bool ok;
	int rc = run(1.0, &r, NULL, 0);

	if (rc == -ENOTSUP)
		skip();
	assert_int_equal(rc, 0);
	print_message("# enforcement: %s\n", r.enforcement);
	assert_int_equal(r.slots, SLOTS);
	ok = flagged(&r) ||
	     (within((double)r.overloaded, 0, 0, "overloaded slots") &&
	      within((double)r.violated, 0, 1, "violated VM-slots") &&
	      within(r.delivered / r.asked, 1, 0.03, "delivered/asked") &&
	      /* Cores used per slot: 0.7, measured from what was delivered. */
	      within(r.used[3], 0.7, 0.05, "cores used in slot 3"));
	validate_result_free(&r);
	no_cgroup_left();
	return ok;
}

static void test_joint_capacity_holds(void **state)
{
	(void)state;
	NEED_ACCEL();
	pattern(false);
	assert_true(joint_attempt() || joint_attempt());
}

/*
 * Even slots ask 0.6 + 0.6 = 1.2, odd ones 0.1 + 0.3 = 0.4; on 0.6 cores
 * the even half is overloaded (twice over, so that however unevenly the
 * kernel shares the cap within a slot, both VMs fall short; the odd half
 * is a third under the cap): predicted overload 10/20 = 0.5, unmet =
 * 10 x (1.2 - 0.6) / (10 x 1.2 + 10 x 0.4) = 6 / 16 = 0.375, violation
 * rate 20/40 = 0.5. Measured on PVM, a cgroup holds one busy vCPU to its
 * cap exactly but lets two concurrent ones overrun it by ~10 %, so a
 * little less goes unmet than predicted (down to ~0.27 with another busy
 * process on the machine); the bounds allow that.
 */
static bool undersized_attempt(void)
{
	struct validate_result r;
	bool ok;
	int rc = run(0.6, &r, NULL, 0);

	if (rc == -ENOTSUP)
		skip();
	assert_int_equal(rc, 0);
	ok = flagged(&r) ||
	     (within((double)r.overloaded / (double)r.slots, 0.5, 0.1,
		     "overload rate") &&
	      within(r.unmet / r.asked, 0.375, 0.12, "unmet fraction") &&
	      within((double)r.violated / (double)r.vm_slots, 0.5, 0.1,
		     "violation rate"));
	validate_result_free(&r);
	no_cgroup_left();
	return ok;
}

static void test_undersized_host(void **state)
{
	(void)state;
	NEED_ACCEL();
	pattern(true);
	assert_true(undersized_attempt() || undersized_attempt());
}

/* The same two hosts with vmux's own throttle holding the cap. */
static void test_monitor_throttle(void **state)
{
	(void)state;
	NEED_ACCEL();
	monitor_cap = true;
	pattern(false);
	assert_true(joint_attempt() || joint_attempt());
	pattern(true);
	assert_true(undersized_attempt() || undersized_attempt());
	monitor_cap = false;
}

static void test_guest_dies(void **state)
{
	struct validate_result r;
	int rc;

	(void)state;
	NEED_ACCEL();
	pattern(false);
	rc = run(1.0, &r, "hostile_port", 0);
	if (rc == -ENOTSUP)
		skip();
	assert_int_equal(rc, -EIO);
	no_cgroup_left();
}

static void test_timeout(void **state)
{
	struct validate_result r;
	int rc;

	(void)state;
	NEED_ACCEL();
	pattern(false);
	rc = run(1.0, &r, NULL, 0.35);
	if (rc == -ENOTSUP)
		skip();
	assert_int_equal(rc, -ETIMEDOUT);
	no_cgroup_left();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_joint_capacity_holds),
	    cmocka_unit_test(test_undersized_host),
	    cmocka_unit_test(test_monitor_throttle),
	    cmocka_unit_test(test_guest_dies),
	    cmocka_unit_test(test_timeout),
	};

	return cmocka_run_group_tests(tests, setup, vmm_test_close);
}

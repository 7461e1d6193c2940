/*
 * test_select.c - VM selection: MMT and MU with ties, MU's key with
 * CloudSim's rounding, MC's R^2 against an
 * exact rational computation (Python fractions, normal equations):
 *   v0 = .1 .4 .2 .5 .3 .6, v1 = .3 .1 .4 .2 .6 .2, v2 = .2 .3 .1 .6 .4 .5
 *   R^2 of v0 on (1, v1, v2) = 127/165, v1 on (1, v0, v2) = 59/192,
 *   v2 on (1, v0, v1) = 97/135; MC picks v0.
 * and MC's fallbacks (one VM, fewer values than VMs, a singular design).
 */
#include "vmux_test.h"

#include "sim/simulate/select.h"

static const double v0[6] = {.1, .4, .2, .5, .3, .6};
static const double v1[6] = {.3, .1, .4, .2, .6, .2};
static const double v2[6] = {.2, .3, .1, .6, .4, .5};

static void mmt_mu(void **state)
{
	double ram[4] = {1740, 613, 870, 613};
	double u[4] = {0.5, 0.2, 0.2, 0.9};

	(void)state;
	assert_int_equal(select_mmt(ram, 4), 1);
	assert_int_equal(select_mu(u, 4), 1);
}

/*
 * CloudSim's MU key, (u x MIPS) / MIPS, by Python (IEEE doubles, as
 * Java's): u = 0 + (.33 - 0) / 300 x .1 = 0.00011000000000000002 (a VM
 * going from 0 to 33 % read 0.1 s into the step); (u x 2500) / 2500 =
 * 0.00011, one ulp less, and (u x 1000) / 1000 = u. Two VMs at that u
 * tie, so MU takes the first; with CloudSim's rounding the 2500-MIPS VM
 * is smaller and is taken although it comes second.
 */
static void mu_rounding(void **state)
{
	const double u = 0.00011000000000000002;
	double key[2];

	(void)state;
	assert_true(select_mu_key(u, 2500, false) == u);
	assert_true(select_mu_key(u, 2500, true) == 0.00011);
	assert_true(select_mu_key(u, 1000, true) == u);
	key[0] = select_mu_key(u, 1000, false);
	key[1] = select_mu_key(u, 2500, false);
	assert_int_equal(select_mu(key, 2), 0);
	key[0] = select_mu_key(u, 1000, true);
	key[1] = select_mu_key(u, 2500, true);
	assert_int_equal(select_mu(key, 2), 1);
}

static void r2_exact(void **state)
{
	const double *x0[2] = {v1, v2}, *x1[2] = {v0, v2}, *x2[2] = {v0, v1};

	(void)state;
	assert_close(select_r2(v0, x0, 2, 6), 127.0 / 165, 1e-12);
	assert_close(select_r2(v1, x1, 2, 6), 59.0 / 192, 1e-12);
	assert_close(select_r2(v2, x2, 2, 6), 97.0 / 135, 1e-12);
}

static void mc(void **state)
{
	const double *h[3] = {v1, v0, v2};
	const double zero[6] = {0};
	const double *s[3] = {v0, zero, v2};

	(void)state;
	assert_int_equal(select_mc(h, 3, 6), 1); /* v0, wherever it sits */
	assert_int_equal(select_mc(h, 1, 6), -1);
	assert_int_equal(select_mc(h, 3, 2), -1); /* 2 values, 3 VMs */
	/* an all-zero history makes the others' designs singular */
	assert_int_equal(select_mc(s, 3, 6), -1);
}

VMUX_TEST_MAIN(cmocka_unit_test(mmt_mu), cmocka_unit_test(mu_rounding),
	       cmocka_unit_test(r2_exact), cmocka_unit_test(mc))

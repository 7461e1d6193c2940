/*
 * power.c - piecewise-linear power from a SPECpower table (see power.h).
 */
#include "models/power.h"

double power_at(const struct power_table *t, double u)
{
	if (!(u > 0))
		return t->w[0];
	if (u >= 1)
		return t->w[POWER_POINTS - 1];
	/* The same arithmetic as the published tables' users: the lower point
	 * plus a tenth of the step per percent above it, so exact table points
	 * give exact table values. */
	/* floor and ceil of u * 10 for 0 < u < 1, without the calls */
	double x = u * 10;
	int lo = (int)x;
	int hi = lo + ((double)lo < x);
	double step = (t->w[hi] - t->w[lo]) / 10;

	return t->w[lo] + step * (u - (double)lo / 10) * 100;
}

double power_energy(const struct power_table *t, double u0, double u1,
		    double dt)
{
	double p0 = power_at(t, u0), p1 = power_at(t, u1);

	return (p0 + (p1 - p0) / 2) * dt;
}

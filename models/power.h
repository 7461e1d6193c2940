/*
 * power.h - a server's power draw as a function of CPU utilisation, from a
 * SPECpower-style table: watts at 0 %, 10 %, ..., 100 % utilisation, linear
 * between the points.
 *
 * Utilisation is a fraction in [0, 1]; values slightly above 1 (rounding in
 * callers' sums) are read as 1, negative ones as 0. Watts throughout.
 */
#ifndef VMUX_POWER_H
#define VMUX_POWER_H

#define POWER_POINTS 11

struct power_table {
	double w[POWER_POINTS]; /* watts at 0, 10, ..., 100 % */
};

/* Watts drawn by a server of table T at utilisation U. */
double power_at(const struct power_table *t, double u);

/*
 * Energy in joules over DT seconds while utilisation moves linearly from U0
 * to U1: the trapezoid (P(U0) + P(U1)) / 2 * DT.
 */
double power_energy(const struct power_table *t, double u0, double u1,
		    double dt);

#endif

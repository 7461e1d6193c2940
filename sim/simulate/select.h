/*
 * select.h - which VM to take off an overloaded host (Beloglazov & Buyya
 * 2012): the candidates are given in the host's VM order; each function
 * returns the chosen index. Ties go to the first candidate.
 *
 *   MMT  minimum migration time: the smallest RAM
 *   MU   minimum utilisation: the smallest current utilisation
 *   MC   maximum correlation: the VM whose utilisation history is best
 *        explained (largest R^2 of an OLS fit with intercept) by the other
 *        VMs' histories; when the fit is impossible (one VM, fewer history
 *        values than VMs, a singular design) it falls back to MMT
 *   RS   random selection (the caller draws through models/rng)
 */
#ifndef VMUX_SELECT_H
#define VMUX_SELECT_H

#include <stdbool.h>
#include <stddef.h>

#define SELECT_MAX_VMS 64 /* MC considers at most this many VMs */

size_t select_mmt(const double *ram, size_t n);
size_t select_mu(const double *u, size_t n);
/*
 * MU's key of a VM at utilisation U of its MIPS: U itself, or, ROUNDED
 * (CloudSim's arithmetic), its requested MIPS divided back, (U x MIPS) /
 * MIPS, whose last bit depends on MIPS: two VMs of different types at the
 * same U then tie or not by rounding noise, and that decides the pick.
 */
double select_mu_key(double u, double mips, bool rounded);
/*
 * HIST[i][0..M) VM i's history (most recent first); M is the shortest
 * history length. Returns the index, or -1 if the regression cannot be
 * made (the caller falls back to MMT).
 */
long select_mc(const double *const *hist, size_t n, size_t m);
/* R^2 of the OLS fit with intercept of Y[0..M) on columns X[j][0..M),
 * j < K; NAN if the design is singular or M < K + 1, -1 if Y is
 * constant (nothing to explain). */
double select_r2(const double *y, const double *const *x, size_t k, size_t m);

#endif

/*
 * sketch.h - low-rank sketches of demand rows, to bound a dot product of
 * two rows in O(k) instead of O(slots).
 *
 * A sketch basis is k orthonormal vectors B_1..B_k over the NSLOTS slots
 * of a window: the constant, the daily harmonics (periods of a day and its
 * integer fractions down to 2 slots, when the slot length is known and the
 * window holds a day), and the window's own lowest harmonics, orthonormalised
 *by Gram-Schmidt (twice, for accuracy), dependent vectors dropped. The sketch
 *of a row x is p = B x (k numbers) with its squared norm |x|^2. Since x = B^T p
 *+ r with r orthogonal to every B_j,
 *
 *	x . y = p_x . p_y + r_x . r_y,   |r_x . r_y| <= |r_x| |r_y|,
 *
 * (Cauchy-Schwarz) and |r|^2 = |x|^2 - |p|^2, an interval that holds the
 * dot product. Sketches add: the sketch of a sum of rows is the sum of
 * their sketches (and the squared norm of a sum is kept by its owner from
 * the exact dot products). The interval is widened for floating-point
 * rounding (of the basis, the projections, the sums of M rows, and the
 * exact dot product the caller would otherwise compute: models/gauss.h
 * gauss_dot), by a relative margin far above those errors, so that a value
 * computed exactly always lies inside. Rows are >= 0 (demand), so every dot
 * product between them is >= 0. Units: those of the rows (dot: their
 * product).
 */
#ifndef VMUX_SKETCH_H
#define VMUX_SKETCH_H

#include <stddef.h>

#define SKETCH_DAY_HARMONICS 12	  /* periods day / 1 .. day / 12 */
#define SKETCH_WINDOW_HARMONICS 8 /* periods window / 1 .. window / 8 */

struct sketch;

/*
 * The basis of a window of NSLOTS slots of STEP seconds (STEP <= 0:
 * unknown, no daily harmonics). -ENOMEM.
 */
int sketch_create(size_t nslots, double step, struct sketch **out);
/* Free S. NULL is a no-op. */
void sketch_destroy(struct sketch *s);

/* k, the number of basis vectors (<= 1 + 2 x both harmonics). */
size_t sketch_rank(const struct sketch *s);

/*
 * The sketch P[0..k) of row X, which is 0 outside [LO, HI); its squared
 * norm into *NORM2. O(k (HI - LO)).
 */
void sketch_project(const struct sketch *s, const double *x, size_t lo,
		    size_t hi, double *p, double *norm2);

/*
 * Bounds [*LO, *HI] on X . Y (any summation order of the exact products)
 * for rows X and Y >= 0 with sketches PX, PY and squared norms NX2, NY2,
 * each the sum of MX, MY >= 1 rows sketched and added one by one.
 */
void sketch_dot_bounds(const struct sketch *s, const double *px, double nx2,
		       size_t mx, const double *py, double ny2, size_t my,
		       double *lo, double *hi);

#endif

/*
 * optimize.h - one consolidation round on a tentative copy of the
 * placement (Beloglazov & Buyya's scheme as CloudSim 3.0.3 runs it):
 *
 *   1. overloaded hosts, in index order, by the detector;
 *   2. from each, VMs picked by the selection policy until it is not
 *      overloaded any more;
 *   3. those VMs, by decreasing request, placed by PABFD (power-aware best
 *      fit decreasing) away from the overloaded hosts;
 *   4. active hosts tried in increasing utilisation: all their VMs placed
 *      elsewhere, or none;
 *   5. the tentative changes dropped; the moves returned in order.
 *
 * The tentative view of each host is tent.h's.
 */
#ifndef VMUX_OPTIMIZE_H
#define VMUX_OPTIMIZE_H

#include "models/rng.h"
#include "sim/simulate/dc.h"

struct move {
	int vm, dest;
};

struct moves {
	struct move *m;
	size_t n, cap;
	unsigned long doubles; /* VMs that appear twice */
};

/* Would host H be overloaded (tentatively, plus VM V if V >= 0)? */
bool optimize_overloaded(struct dc *d, int h, int v);

/*
 * PABFD: the host for VM V with request REQ that adds the least power,
 * skipping EXCLUDED hosts, hosts without a core or free MIPS for REQ, with
 * RAM checks if RAM is set, and non-empty hosts the detector calls
 * overloaded with V added (unless INITIAL). -1 if none.
 */
int optimize_pabfd(struct dc *d, int v, double req, const bool *excluded,
		   bool ram, bool initial);

/* One round (steps 1-5) into MV; OVER counts the overloaded hosts. */
int optimize_round(struct dc *d, struct rng *rng, struct moves *mv,
		   unsigned *over);

int optimize_push(struct moves *mv, int vm, int dest);

#endif

/*
 * cands.h - which hosts PABFD must score for a VM (struct dc_work's
 * candidate set), so that a placement costs the active hosts, not the
 * whole data centre.
 *
 * An idle host (no tentative VM, and for every policy but SIM_CORR no
 * measured utilisation either) scores exactly as every other idle host of
 * its kind, and PABFD breaks ties by the lowest index: of those only the
 * first not excluded needs a score. The other hosts (live) are all scored.
 * The set is built from the hosts' state and kept until a host update,
 * tent_begin(), or a call with another exclusion array; in between,
 * the exclusion array may only gain hosts.
 */
#ifndef VMUX_CANDS_H
#define VMUX_CANDS_H

#include "sim/simulate/dc.h"

/*
 * The candidates of a placement that skips EXCLUDED hosts (NULL: none)
 * into OUT (room for nh + ntypes): every live host not excluded, in index
 * order, then the first idle one of each kind. A host may appear twice.
 * Returns how many.
 */
size_t cands_collect(struct dc *d, const bool *excluded, int *out);
/* Host H gained a tentative VM (it is live from now on). */
void cands_note_add(struct dc *d, int h);

#endif

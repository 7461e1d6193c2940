/*
 * corr.h - vmux's correlation-aware consolidation policy (SIM_CORR).
 *
 * A host is sized by the joint percentile of its VMs' summed utilisation
 * history (their correlation included, models/size.h), not by per-host
 * thresholds on the current load:
 *   overloaded   iff the joint size at cfg->corr_pct, or the current
 *                request, exceeds cfg->corr_cap of the host;
 *   destination  PABFD's power increase, computed on joint sizes, so a VM
 *                whose peaks fall in the host's troughs (complementary)
 *                costs less than one that peaks with it;
 *   underloaded  only hosts whose joint size is below cfg->corr_low of
 *                capacity are emptied.
 */
#ifndef VMUX_CORR_H
#define VMUX_CORR_H

#include "sim/simulate/dc.h"

#include <stdbool.h>

/* Host H (tentative view, plus VM V if V >= 0) over its size cap? */
bool corr_overloaded(struct dc *d, int h, int v);
/* PABFD score of VM V on host H. */
double corr_score(struct dc *d, int h, int v);
/* May host H be emptied? */
bool corr_underloaded(struct dc *d, int h);
/* Joint size (fraction of host H) of H's tentative VMs plus V (if >= 0). */
double corr_size(struct dc *d, int h, int v);

#endif

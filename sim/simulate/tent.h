/*
 * tent.h - the tentative view of the hosts during a consolidation round
 * (optimize.h): per host (struct dc_tent in dc.h) its VM list and the sums
 * PABFD and the detectors read: free MIPS (0 once over-subscribed),
 * granted MIPS, requested MIPS, RAM, and the joint utilisation history
 * (DETECT_HISTORY readings, newest last, as fractions of the host). The
 * sums are made lazily: a change marks the host dirty, tent_refresh()
 * makes them again, in list order, as CloudSim sums them.
 */
#ifndef VMUX_TENT_H
#define VMUX_TENT_H

#include "sim/simulate/dc.h"

#include <stdbool.h>

/* Copy the current placement into the tentative views. */
int tent_begin(struct dc *d);
/* Add / remove VM V on host H's tentative list (sums refreshed lazily). */
int tent_add(struct dc *d, int h, int v);
void tent_remove(struct dc *d, int h, int v);
/* Refresh host H's tentative sums if stale. */
void tent_refresh(struct dc *d, int h);
/* Whether anything reads a host's tentative joint history: THR judges
 * the request alone (MC reads the VMs' own histories). */
bool tent_joint_history(const struct dc *d);
/* Host HI's tentative joint history with VM V added if V >= 0 (made in
 * HH, DETECT_HISTORY long), or the host's own (V < 0): its readings, and
 * their number into *NH. Host HI must be fresh (tent_refresh). */
const double *tent_history_with(const struct dc *d, int hi, int v, double *hh,
				unsigned *nh);

#endif

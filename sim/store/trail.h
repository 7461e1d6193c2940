/*
 * trail.h - the VM names of the last time slot, in the order its rows
 * named them, so that the reader can check the next row's name against
 * the next name of that slot instead of looking it up.
 *
 * A trace in time order names its live VMs in the same order slot after
 * slot (an Azure or PlanetLab export, vmux gen): with hundreds of
 * thousands of VMs a hash lookup costs a cache miss or three per row,
 * while the trail is read in order. It is only a hint: a name is taken
 * from the trail only when its bytes equal the row's, and any row not
 * found there (a VM born, rows in another order) is looked up as before.
 * The trail copies the names it keeps (NUL-terminated, one after
 * another), so it does not depend on the caller's text.
 */
#ifndef VMUX_TRAIL_H
#define VMUX_TRAIL_H

#include <stddef.h>
#include <stdint.h>

#define TRAIL_NONE UINT32_MAX

struct trail;

/* An empty trail into *OUT: 0 or -ENOMEM. */
int trail_create(struct trail **out);

/* Free TR. NULL is a no-op. */
void trail_destroy(struct trail *tr);

/*
 * The VM of NAME (LEN bytes) for a row of time T: when T differs from the
 * last row's, the slot just ended becomes the one followed. The VM if
 * NAME is among the next few names of the slot followed (those past it
 * are skipped: VMs gone since), else TRAIL_NONE.
 */
uint32_t trail_find(struct trail *tr, double t, const char *name, size_t len);

/*
 * Note that the row of trail_find()'s last call named VM. Out of memory,
 * the trail stops keeping names (a hint lost, nothing else).
 */
void trail_note(struct trail *tr, uint32_t vm, const char *name, size_t len);

#endif

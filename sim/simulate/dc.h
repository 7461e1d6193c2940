/*
 * dc.h - the simulated data centre's state, shared by the simulate room's
 * modules (not a public API): hosts with their VM lists, the VMs with
 * their utilisation histories, and the SLA/energy integrals.
 *
 * A host's VM list is ordered by arrival; a VM migrating in sits on its
 * destination's list flagged `in` (granted 10 % of its request) and stays
 * on its source's list (at 90 %) until the migration completes. Every host
 * update writes a state entry for the host and for each VM it lists; an
 * entry holds until the next one at a later time (an entry at the same
 * time replaces it), so each interval is charged with the state at its
 * start.
 */
#ifndef VMUX_DC_H
#define VMUX_DC_H

#include "sim/simulate/simulate.h"

#include <stdbool.h>

#define DC_MIG_SHARE 0.9 /* source keeps 90 % of a migrating VM */
/* MB/s a migration to host H runs at: half its network (bw_kbps / 8000
 * MB/s), the other half left to the VMs (CloudSim: 62.5 MB/s at 1 Gbit/s). */
#define DC_MIG_RATE(h) ((h)->type->bw_kbps / (2 * 8000.0))
#define DC_RING (2 * DETECT_HISTORY)

struct dc_entry {
	double t, alloc, req;
	bool flag; /* VM: migrating out; host: active */
	bool set;
};

struct dc_vm {
	const double *series;
	double mips, ram;
	double u, req; /* at the last update */
	/* Utilisation history, most recent first, nhist values from hpos
	 * (dc_vm_hist()), then the same as a fraction of each host kind's
	 * capacity (u * mips / total, computed once per tick: what a host's
	 * joint history sums; dc_vm_scaled()). Each a ring of DC_RING
	 * values, twice the window: a tick writes one value before the
	 * last, sliding the window back into the top half only when it
	 * reaches the start, so the values stay contiguous. Kept apart from
	 * the VM (struct dc.rings) so that the VMs a tick walks stay small. */
	double *rings;
	unsigned hpos, nhist;
	int home;	/* host it runs on; -1 once destroyed */
	bool migrating; /* at least one migration under way */
	struct dc_entry e;
	double req_s, alloc_s, loss_s; /* MIPS x s: requested, granted, lost
					  to migration */
};

struct dc_slot {
	int vm;
	bool in; /* migrating in */
};

/* The optimiser's tentative view of a host (see tent.h). */
struct dc_tent {
	int *vm;
	size_t cap;
	unsigned n;
	bool dirty;
	bool over; /* sum does not fit: alloc is the scaled shares */
	double avail, alloc, req, ram;
	double sum; /* capped requests, in list order */
	unsigned nh;
	bool size_ok; /* SIM_CORR: size holds the joint size (corr.h) */
	double size;
	double h[DETECT_HISTORY]; /* last: PABFD reads the fields above */
};

/* Hot fields first: PABFD reads type to p_now and the tentative sums of
 * every live host for every VM it places. */
struct dc_host {
	const struct host_type *type;
	unsigned kind; /* ordinal of type among the catalogue's host types */
	double total, pe, ram;
	double u;     /* measured utilisation, clamped to [0, 1] */
	double p_now; /* PABFD's baseline: watts at u (0 when off, unless
			 the wake_free quirk charges idle power) */
	struct dc_tent t;
	struct dc_slot *slot;
	size_t cap;
	unsigned n;
	double util_mips, u_prev;
	bool on, on_prev;
	bool touched; /* a migration completed on it at this instant */
	struct dc_entry e;
	bool was_active;
	double active_s, viol_s;
	unsigned long shutdowns;
};

/*
 * The optimiser's buffers (optimize.c), sized once so that a round
 * allocates nothing, and its PABFD candidate set: hosts an empty,
 * switched-off host cannot stand for are scored one by one (live, in
 * index order); the idle ones are listed per host kind (idle[first[k] ..
 * first[k + 1])), where only the first still idle and not excluded one
 * needs a score (the others score alike and lose the tie by index).
 */
struct dc_work {
	double *score;		/* nh + ntypes: beside cand */
	int *cand;		/* nh + ntypes */
	bool *over, *exu, *exp; /* nh: a round's exclusions */
	int *vms, *pair;	/* nv, 2 nv: VMs to place, sort keys */
	int *tvm, *tdst;	/* nv: one evacuation's tentative moves */
	double *key;		/* nv: the selection's keys of a host's VMs */
	int *order;		/* nh: hosts by measured utilisation */
	int *live, *idle;	/* nh each */
	size_t nlive;
	bool *is_live;	   /* nh */
	size_t *first;	   /* ntypes + 1 */
	size_t *head;	   /* ntypes: idle[first[k] .. head[k]) excluded */
	bool valid;	   /* the candidate set matches the hosts' state */
	const bool *built; /* the exclusion array it was built for */
};

struct dc {
	const struct sim_config *cfg;
	struct dc_host *h;
	size_t nh, ntypes;
	double *kind_total; /* ntypes: MIPS of a host of each kind */
	double *rings;	    /* the VMs' history rings, nv x (1 + ntypes) */
	struct dc_vm *v;
	size_t nv;
	double t_last, energy_j;
	unsigned long dropped; /* VMs destroyed as idle (drop_idle) */
	struct dc_work w;
};

/* VM V's history, most recent first (V->nhist values). */
static inline const double *dc_vm_hist(const struct dc_vm *v)
{
	return v->rings + v->hpos;
}

/* VM V's history as fractions of a host of kind K (V->nhist values). */
static inline const double *dc_vm_scaled(const struct dc_vm *v, unsigned k)
{
	return v->rings + (size_t)(k + 1) * DC_RING + v->hpos;
}

int dc_init(struct dc *d, const struct workload *w, const struct catalogue *cat,
	    const struct sim_config *cfg);
void dc_free(struct dc *d);

/* Append VM V to host H's list (IN: as migrating in). */
int dc_attach(struct dc *d, int h, int v, bool in);
/* Remove VM V's slot (with flag IN) from host H's list. */
void dc_detach(struct dc *d, int h, int v, bool in);

/* Recompute host H's shares at time T and write its state entries. */
void dc_host_update(struct dc *d, int h, double t);
/* Every VM's request at T (TICK: also append to its history), every host
 * updated in index order, energy integrated since the last full update. */
void dc_update(struct dc *d, double t, bool tick);
/* Whether the optimiser takes host H for switched off: it holds no VM, or
 * (idle_off quirk) its measured utilisation is 0. */
static inline bool dc_host_off(const struct dc *d, const struct dc_host *h)
{
	return d->cfg->q.idle_off ? h->u == 0 : h->n == 0;
}

/* Whether host H is charged power now: NPA's hosts always (unless the
 * state_counters quirk counts them by their state), others while on. */
bool dc_host_on(const struct dc *d, int h);
/* Watts host H draws in its current state. */
double dc_host_power(const struct dc *d, int h);
/* Close the integrals and fill RES (energy, SLA metrics, host-hours). */
void dc_finish(struct dc *d, struct sim_result *res);

#endif

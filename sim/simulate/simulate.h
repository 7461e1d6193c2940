/*
 * simulate.h - dynamic VM consolidation over a day, in discrete time: every
 * 300 s the hosts are updated, overloaded and underloaded hosts detected,
 * VMs migrated (each migration takes RAM / half the destination's network,
 * 62.5 MB/s at 1 Gbit/s, the VM running at 90 %
 * meanwhile), idle hosts switched off; energy and SLA violations integrated.
 *
 * Two models. SIM_MODEL_CLOUDSIM reproduces CloudSim 3.0.3's PlanetLab
 * power experiments (../shared/models/cloudsim-planetlab.md) with each of
 * its quirks a named switch in struct sim_quirks; SIM_MODEL_VMUX turns the
 * quirks off. Units: seconds, MIPS, MB, watts, kWh.
 *
 * Deterministic: the same workload, catalogue and config (seed included)
 * give bit-identical results.
 */
#ifndef VMUX_SIMULATE_H
#define VMUX_SIMULATE_H

#include "sim/simulate/catalogue.h"
#include "sim/simulate/detect.h"
#include "sim/simulate/workload.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum sim_model { SIM_MODEL_VMUX, SIM_MODEL_CLOUDSIM };

enum sim_policy {
	SIM_NPA,     /* no power awareness: every host at full power */
	SIM_DVFS,    /* power follows load; no migrations */
	SIM_MIGRATE, /* detector + selection + PABFD (Beloglazov & Buyya) */
	SIM_CORR,    /* vmux's correlation-aware policy (corr.h) */
	SIM_STATIC,  /* a fixed placement given by the caller, no migrations */
};

enum sim_select { SIM_SEL_MMT, SIM_SEL_MU, SIM_SEL_RS, SIM_SEL_MC };

/* CloudSim 3.0.3's quirks; SIM_MODEL_CLOUDSIM sets all, SIM_MODEL_VMUX
 * none. Each can be flipped on its own to measure its effect. */
struct sim_quirks {
	/* RAM constrains only the initial placement (VMs' RAM requests become
	 * 0 once created), never a migration. */
	bool ram_once;
	/* Destinations of this round's overload moves may be picked as
	 * underloaded, so a VM can be migrated twice in one round. */
	bool double_move;
	/* SLATAH and PDM pooled over all hosts / VMs, not averaged per host /
	 * per VM as the paper defines them. */
	bool pooled;
	/* Energy from the first tick (300.1 s) to the last event only, NPA to
	 * the last tick; a host with every VM idle counts as switched off. */
	bool energy_edges;
	/* A destination counts an incoming VM's full request as requested
	 * while granting it 10 %, so every migration makes its destination
	 * SLA-violating while it lasts. */
	bool dest_full_request;
	/* PABFD charges waking a switched-off host as if it drew idle power
	 * already (no penalty for switching a host on). */
	bool wake_free;
	/* A VM whose request is 0 at a host update is taken for finished and
	 * destroyed for the rest of the day (CloudSim's "completed VMs"):
	 * every PlanetLab VM that reads 0 % once disappears. */
	bool drop_idle;
	/* MU compares each VM's requested MIPS divided by its MIPS, not its
	 * utilisation: equal utilisations of VMs of different types differ
	 * in the last bit, which breaks their tie (select_mu_key). */
	bool mu_rounding;
	/* Host-hours and shutdowns read from the hosts' state histories, not
	 * from what the energy charges: a host counts as active before its
	 * first entry (so every host empty at the start is a shutdown), and
	 * NPA's hosts, charged full power all day, count only while active. */
	bool state_counters;
	/* The optimiser takes a host at 0 % utilisation for switched off
	 * even while it holds (idle) VMs and draws power: it is never emptied,
	 * receives no VM of an emptied host, and PABFD charges putting a VM
	 * on it as waking it. Without it a host is off when it holds no VM. */
	bool idle_off;
	/* A source host counts a migrating-out VM's 90 % share divided back
	 * by 0.9, not the share itself: x * 0.9 / 0.9 rounds below x for one
	 * value in twenty or so, and the host, short of nothing, counts as
	 * SLA-violating (SLATAH) for the migration's length. */
	bool share_rounding;
	/* A VM fits a host whose core covers its current request, not its
	 * MIPS: a 2500 MIPS VM at 40 % moves onto an 1860 MIPS core and is
	 * capped there (the host SLA-violating) once it asks for more. */
	bool core_request;
};

struct sim_config {
	enum sim_model model;
	enum sim_policy policy;
	struct detector det; /* SIM_MIGRATE */
	enum sim_select sel;
	struct sim_quirks q;
	uint64_t seed;
	/* SIM_CORR: percentile of the joint history a host is sized at, and
	 * the capacity fraction it may fill (see corr.h). */
	double corr_pct, corr_cap, corr_low;
	/* SIM_STATIC: host of each VM (nvms entries, < catalogue hosts). */
	const int *placement;
};

struct sim_result {
	double energy_kwh;
	unsigned long migrations;
	double slatah, pdm, slav, esv; /* fractions; esv = kWh * slav */
	double overall_sla;	       /* 1 - granted / requested CPU */
	double host_hours;	       /* time hosts are charged power */
	unsigned long shutdowns;       /* on -> switched-off transitions */
	unsigned long double_moves;    /* VMs moved twice in one round */
	unsigned long dropped;	       /* VMs destroyed as idle */
	size_t unplaced; /* -ENOSPC: the first VM no host could take */
};

/* One scheduling tick, for the timeline. */
struct sim_tick {
	double t;
	unsigned active, overloaded, migrations;
	double power_w;
	/* Hosts granting less CPU than asked (what SLATAH counts), averaged
	 * over the time from this tick to the next (the first from the start,
	 * the last to the end): x that time, the host-seconds SLATAH counts
	 * there, hosts going short and back between ticks as migrations start
	 * and end included. */
	double shorts;
};

/* The model's defaults: quirks per MODEL, CloudSim's parameters. */
void simulate_defaults(struct sim_config *c, enum sim_model model);

/* Quirk I's name (--quirk NAME, the results' model label), in the order of
 * struct sim_quirks: I from 0 up to the first NULL. */
const char *simulate_quirk_name(size_t i);
/* Quirk I (as simulate_quirk_name) of Q: read, or set to ON. */
bool simulate_quirk(const struct sim_quirks *q, size_t i);
void simulate_quirk_set(struct sim_quirks *q, size_t i, bool on);

/*
 * Run W on the hosts of CAT under CFG. RES gets the metrics; if TICKS is
 * not NULL it gets a malloc'd timeline (one entry per tick, *NTICKS of
 * them; free() it). -ENOSPC if the VMs cannot be placed at the start
 * (RES->unplaced: the first VM that found no host), -ENOMEM.
 */
int simulate_run(const struct workload *w, const struct catalogue *cat,
		 const struct sim_config *cfg, struct sim_result *res,
		 struct sim_tick **ticks, size_t *nticks);

#endif

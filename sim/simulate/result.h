/*
 * result.h - the CSV outputs of `vmux simulate`.
 *
 * Result: a header and one row per run,
 *   trace,model,policy,seed,vms,hosts,energy_kwh,migrations,slatah,pdm,
 *   slav,esv,overall_sla,host_hours,shutdowns,double_moves,dropped,catalogue
 * (slatah, pdm, slav, overall_sla are fractions; esv = energy_kwh * slav;
 * catalogue: the --hosts file, or RESULT_BUILTIN).
 * Timeline: seed,policy,t,active_hosts,power_w,overloaded_hosts,migrations,
 *   short_hosts,model,trace,catalogue
 * one row per tick. Numbers get 10 significant digits; the same run
 * prints the same bytes.
 */
#ifndef VMUX_RESULT_H
#define VMUX_RESULT_H

#include "sim/simulate/simulate.h"

#include <stdio.h>

/* "npa", "dvfs", "thr-mmt-0.8", "corr-mmt-95-1-0.5", "static", ... into BUF. */
void result_policy_name(const struct sim_config *c, char *buf, size_t len);
const char *result_model_name(enum sim_model m);
/* The model's name and each quirk switched from the model's defaults, in
 * struct sim_quirks' order: "vmux", "cloudsim;drop_idle=off", into BUF. */
void result_model_label(const struct sim_config *c, char *buf, size_t len);

/* The catalogue column of the built-in catalogue (no --hosts). */
#define RESULT_BUILTIN "built in"

/* What a run was given: its trace and catalogue (NULL: built in). */
struct result_inputs {
	const char *trace, *catalogue;
};

void result_header(FILE *fp);
void result_row(FILE *fp, const struct result_inputs *in,
		const struct sim_config *c, size_t vms, size_t hosts,
		const struct sim_result *r);
void result_timeline(FILE *fp, const struct result_inputs *in,
		     const struct sim_config *c, const struct sim_tick *t,
		     size_t n);

#endif

/*
 * result.c - writing simulation results and timelines (see result.h).
 */
#include "sim/simulate/result.h"
#include "lib/csvout.h"
#include "lib/numtext.h"

static const char *const detectors[] = {"thr", "iqr", "mad", "lr", "lrr"};
static const char *const selections[] = {"mmt", "mu", "rs", "mc"};

void result_policy_name(const struct sim_config *c, char *buf, size_t len)
{
	char p[32], cap[32], low[32];

	/* each parameter exactly: two runs never share a label */
	numtext_exact(p, sizeof(p),
		      c->policy == SIM_MIGRATE ? c->det.param : c->corr_pct);
	switch (c->policy) {
	case SIM_NPA:
		snprintf(buf, len, "npa");
		break;
	case SIM_DVFS:
		snprintf(buf, len, "dvfs");
		break;
	case SIM_STATIC:
		snprintf(buf, len, "static-%s", p);
		break;
	case SIM_CORR:
		snprintf(buf, len, "corr-%s-%s-%s-%s", selections[c->sel], p,
			 numtext_exact(cap, sizeof(cap), c->corr_cap),
			 numtext_exact(low, sizeof(low), c->corr_low));
		break;
	case SIM_MIGRATE:
		snprintf(buf, len, "%s-%s-%s", detectors[c->det.kind],
			 selections[c->sel], p);
		break;
	}
}

const char *result_model_name(enum sim_model m)
{
	return m == SIM_MODEL_CLOUDSIM ? "cloudsim" : "vmux";
}

void result_model_label(const struct sim_config *c, char *buf, size_t len)
{
	struct sim_config d;
	size_t n =
	    (size_t)snprintf(buf, len, "%s", result_model_name(c->model));

	simulate_defaults(&d, c->model);
	for (size_t i = 0; simulate_quirk_name(i); i++)
		if (n < len &&
		    simulate_quirk(&c->q, i) != simulate_quirk(&d.q, i))
			n += (size_t)snprintf(
			    buf + n, len - n, ";%s=%s", simulate_quirk_name(i),
			    simulate_quirk(&c->q, i) ? "on" : "off");
}

void result_header(FILE *fp)
{
	fputs("trace,model,policy,seed,vms,hosts,energy_kwh,migrations,"
	      "slatah,pdm,slav,esv,overall_sla,host_hours,shutdowns,"
	      "double_moves,dropped,catalogue\n",
	      fp);
}

static const char *catalogue_of(const struct result_inputs *in)
{
	return in->catalogue ? in->catalogue : RESULT_BUILTIN;
}

void result_row(FILE *fp, const struct result_inputs *in,
		const struct sim_config *c, size_t vms, size_t hosts,
		const struct sim_result *r)
{
	char pol[96], model[256];

	result_policy_name(c, pol, sizeof(pol));
	result_model_label(c, model, sizeof(model));
	csvout_field(fp, in->trace);
	fputc(',', fp);
	csvout_field(fp, model);
	fputc(',', fp);
	csvout_field(fp, pol);
	fprintf(fp,
		",%llu,%zu,%zu,%.10g,%lu,%.10g,%.10g,%.10g,%.10g,"
		"%.10g,%.10g,%lu,%lu,%lu,",
		(unsigned long long)c->seed, vms, hosts, r->energy_kwh,
		r->migrations, r->slatah, r->pdm, r->slav, r->esv,
		r->overall_sla, r->host_hours, r->shutdowns, r->double_moves,
		r->dropped);
	csvout_field(fp, catalogue_of(in));
	fputc('\n', fp);
}

/* The timeline's last columns, the same on every row: model,trace,catalogue */
static void timeline_inputs(FILE *fp, const char *model,
			    const struct result_inputs *in)
{
	fputc(',', fp);
	csvout_field(fp, model);
	fputc(',', fp);
	csvout_field(fp, in->trace);
	fputc(',', fp);
	csvout_field(fp, catalogue_of(in));
	fputc('\n', fp);
}

void result_timeline(FILE *fp, const struct result_inputs *in,
		     const struct sim_config *c, const struct sim_tick *t,
		     size_t n)
{
	char pol[96], model[256];

	result_policy_name(c, pol, sizeof(pol));
	result_model_label(c, model, sizeof(model));
	fputs("seed,policy,t,active_hosts,power_w,overloaded_hosts,"
	      "migrations,short_hosts,model,trace,catalogue\n",
	      fp);
	for (size_t i = 0; i < n; i++) {
		fprintf(fp, "%llu,", (unsigned long long)c->seed);
		csvout_field(fp, pol);
		fprintf(fp, ",%.1f,%u,%.6g,%u,%u,%.10g", t[i].t, t[i].active,
			t[i].power_w, t[i].overloaded, t[i].migrations,
			t[i].shorts);
		timeline_inputs(fp, model, in);
	}
}

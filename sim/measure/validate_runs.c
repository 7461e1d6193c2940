/*
 * validate_runs.c - see validate_runs.h.
 */
#include "sim/measure/validate_runs.h"
#include "models/size.h"

#include <string.h>

static void metrics(struct validate_run *v)
{
	const struct validate_result *r = &v->r;

	v->m[VM_OVERLOAD] =
	    r->slots ? (double)r->overloaded / (double)r->slots : 0;
	v->m[VM_UNMET] = r->asked > 0 ? r->unmet / r->asked : 0;
	v->m[VM_VIOLATION] =
	    r->vm_slots ? (double)r->violated / (double)r->vm_slots : 0;
	v->reliable = (double)r->contaminated <=
		      VALIDATE_MAX_CONTAMINATED * (double)r->slots;
}

/* Medians and ranges over the reliable runs (all if none), and context. */
static void summarize(struct validate_runs *s)
{
	double x[VM_N][SPREAD_MAX], cpu = 0, ent = 0;
	int k = 0;

	s->reliable = 0;
	s->contaminated = s->others = s->steal = s->vcpu_cores = 0;
	for (int i = 0; i < s->n; i++)
		s->reliable += s->run[i].reliable;
	for (int i = 0; i < s->n; i++) {
		const struct validate_run *v = &s->run[i];
		double c = v->r.slots
			       ? (double)v->r.contaminated / (double)v->r.slots
			       : 0;

		if (c > s->contaminated)
			s->contaminated = c;
		cpu += v->r.starved_cpu;
		ent += v->r.starved_entitled;
		if (v->r.wall_s > 0) {
			s->others += v->r.others / v->r.wall_s / s->n;
			s->steal += v->r.steal / v->r.wall_s / s->n;
			s->vcpu_cores += v->r.cpu_s / v->r.wall_s / s->n;
		}
		if (v->reliable || !s->reliable) {
			for (int m = 0; m < VM_N; m++)
				x[m][k] = v->m[m];
			k++;
		}
	}
	s->share = ent > 0 ? cpu / ent : 1;
	for (int m = 0; m < VM_N; m++)
		spread_of(x[m], k, &s->s[m]);
}

int validate_runs(const struct validate_opts *o, const struct validate_host *h,
		  int n, double p, struct validate_runs *out)
{
	int rc = 0;

	memset(out, 0, sizeof(*out));
	for (int i = 0; i < n && rc == 0; i++) {
		struct validate_run *v = &out->run[i];

		rc = validate_run(o, h, &v->r);
		if (rc < 0)
			break;
		rc = size_percentile(v->r.used, v->r.slots, p, &v->m[VM_USED]);
		validate_result_free(&v->r);
		metrics(v);
		out->n++;
	}
	if (rc == 0)
		summarize(out);
	return rc;
}

static void add(struct validate_result *t, const struct validate_result *r)
{
	t->slots += r->slots;
	t->overloaded += r->overloaded;
	t->vm_slots += r->vm_slots;
	t->violated += r->violated;
	t->asked += r->asked;
	t->delivered += r->delivered;
	t->unmet += r->unmet;
	t->cpu_s += r->cpu_s;
	t->wall_s += r->wall_s;
	t->contaminated += r->contaminated;
	t->repeats += r->repeats;
	t->starved_cpu += r->starved_cpu;
	t->starved_entitled += r->starved_entitled;
	t->others += r->others;
	t->steal += r->steal;
	t->delay_s += r->delay_s;
	memcpy(t->enforcement, r->enforcement, sizeof(t->enforcement));
}

void validate_runs_total(const struct validate_runs *const *sets, size_t nsets,
			 struct validate_runs *out)
{
	memset(out, 0, sizeof(*out));
	out->n = nsets ? SPREAD_MAX : 0;
	for (size_t j = 0; j < nsets; j++)
		if (sets[j]->n < out->n)
			out->n = sets[j]->n;
	for (int i = 0; i < out->n; i++) {
		struct validate_run *v = &out->run[i];
		bool reliable = true;

		for (size_t j = 0; j < nsets; j++) {
			add(&v->r, &sets[j]->run[i].r);
			v->m[VM_USED] += sets[j]->run[i].m[VM_USED];
			reliable = reliable && sets[j]->run[i].reliable;
		}
		metrics(v);
		v->reliable = reliable;
	}
	if (out->n > 0)
		summarize(out);
}

/*
 * planmatch.c - plan rows to trace VMs by name (planmatch.h); one lookup
 * per plan row, through the trace's name index.
 */
#include "sim/plan/planmatch.h"

#include <errno.h>
#include <stdlib.h>

void planmatch_destroy(struct planmatch *m)
{
	if (!m)
		return;
	free(m->host_of);
	free(m->vm_of);
	free(m->missing);
	free(m);
}

int planmatch_create(const struct planfile *pf, const struct trace *t,
		     struct planmatch **out)
{
	return planmatch_window(pf, t, 0, trace_nslots(t), out);
}

int planmatch_window(const struct planfile *pf, const struct trace *t,
		     size_t first, size_t n, struct planmatch **out)
{
	size_t nvms = trace_nvms(t), nrows = planfile_nvms(pf);
	struct planmatch *m = calloc(1, sizeof(*m));

	if (m) {
		m->host_of = malloc((nvms ? nvms : 1) * sizeof(long));
		m->vm_of = malloc((nrows ? nrows : 1) * sizeof(long));
		m->missing = calloc(planfile_nhosts(pf) + 1, sizeof(size_t));
	}
	if (!m || !m->host_of || !m->vm_of || !m->missing) {
		planmatch_destroy(m);
		return -ENOMEM;
	}
	m->first_missing = m->first_unplanned = -1;
	for (size_t v = 0; v < nvms; v++)
		m->host_of[v] = -1;
	for (size_t i = 0; i < nrows; i++) {
		size_t h = planfile_vm_host(pf, i);
		long v = trace_find(t, planfile_vm(pf, i));

		/* a VM with no data in the window is not in it */
		m->vm_of[i] =
		    v >= 0 && trace_present(t, (size_t)v, first, n) ? v : -1;
		if (m->vm_of[i] >= 0) {
			m->host_of[m->vm_of[i]] = (long)h;
		} else {
			m->missing[h]++;
			m->nabsent += v < 0;
			if (m->nmissing++ == 0)
				m->first_missing = (long)i;
		}
	}
	for (size_t v = 0; v < nvms; v++)
		if (m->host_of[v] < 0 && trace_present(t, v, first, n) &&
		    m->nunplanned++ == 0)
			m->first_unplanned = (long)v;
	*out = m;
	return 0;
}

size_t planmatch_host(const struct planmatch *m, const struct planfile *pf,
		      size_t h, size_t *vms, size_t *rows)
{
	size_t nrows, n = 0;
	const size_t *row = planfile_host_rows(pf, h, &nrows);

	for (size_t i = 0; i < nrows; i++) {
		if (m->vm_of[row[i]] < 0)
			continue;
		if (rows)
			rows[n] = row[i];
		vms[n++] = (size_t)m->vm_of[row[i]];
	}
	return n;
}

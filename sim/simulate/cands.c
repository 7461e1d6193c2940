/*
 * cands.c - PABFD's candidate hosts (see cands.h).
 *
 * The live list stays sorted by index (a host that wakes is inserted in
 * place); a host that falls idle again stays on it, scored alone: it ties
 * with its kind's first idle host and, having a larger index or being
 * that host, changes no pick. head[k] skips the excluded hosts at the
 * front of kind k's idle list for good, as exclusions only grow.
 */
#include "sim/simulate/cands.h"

static bool idle(const struct dc *d, const struct dc_host *h)
{
	return h->t.n == 0 && (dc_host_off(d, h) || d->cfg->policy == SIM_CORR);
}

static bool excl(const bool *ex, size_t i)
{
	return ex && ex[i];
}

static void build(struct dc *d, const bool *ex)
{
	struct dc_work *w = &d->w;

	w->nlive = 0;
	for (size_t k = 0; k <= d->ntypes; k++)
		w->first[k] = 0;
	for (size_t i = 0; i < d->nh; i++) {
		w->is_live[i] = !idle(d, &d->h[i]);
		if (w->is_live[i])
			w->live[w->nlive++] = (int)i;
		else if (!excl(ex, i))
			w->first[d->h[i].kind + 1]++;
	}
	for (size_t k = 0; k < d->ntypes; k++) {
		w->first[k + 1] += w->first[k];
		w->head[k] = w->first[k];
	}
	for (size_t i = 0; i < d->nh; i++)
		if (!w->is_live[i] && !excl(ex, i))
			w->idle[w->head[d->h[i].kind]++] = (int)i;
	for (size_t k = 0; k < d->ntypes; k++)
		w->head[k] = w->first[k];
	w->valid = true;
	w->built = ex;
}

/* The first idle, not excluded host of kind K, or -1. */
static int first_idle(struct dc *d, size_t k, const bool *ex)
{
	struct dc_work *w = &d->w;

	for (size_t j = w->head[k]; j < w->first[k + 1]; j++) {
		int i = w->idle[j];

		if (excl(ex, (size_t)i)) {
			if (j == w->head[k])
				w->head[k]++;
		} else if (idle(d, &d->h[i])) {
			return i;
		}
	}
	return -1;
}

size_t cands_collect(struct dc *d, const bool *ex, int *out)
{
	struct dc_work *w = &d->w;
	size_t n = 0;

	if (!w->valid || w->built != ex)
		build(d, ex);
	for (size_t j = 0; j < w->nlive; j++)
		if (!excl(ex, (size_t)w->live[j]))
			out[n++] = w->live[j];
	for (size_t k = 0; k < d->ntypes; k++) {
		int i = first_idle(d, k, ex);

		if (i >= 0)
			out[n++] = i;
	}
	return n;
}

void cands_note_add(struct dc *d, int h)
{
	struct dc_work *w = &d->w;
	size_t j;

	if (!w->valid || w->is_live[h])
		return;
	for (j = w->nlive; j > 0 && w->live[j - 1] > h; j--)
		w->live[j] = w->live[j - 1];
	w->live[j] = h;
	w->nlive++;
	w->is_live[h] = true;
}

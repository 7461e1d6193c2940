/*
 * groups.c - a parsed text's records grouped by name (see groups.h): a
 * counting sort over the names, then one pass over each name's times.
 */
#include "sim/store/groups.h"
#include "lib/grow.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define WHOLE_MAX 9007199254740992.0 /* 2^53 */

static bool whole(double t)
{
	return t < WHOLE_MAX && t == floor(t);
}

/* The times of records IDX[0..M) of O (M > 0). */
static void summarise(const struct rows_out *o, const uint32_t *idx, size_t m,
		      struct groups_run *r)
{
	double t0 = o->rec[idx[0]].time, t;
	int64_t want;

	r->t0 = t0;
	r->g = 0;
	r->regular = whole(t0);
	if (m < 2 || !r->regular)
		return;
	t = o->rec[idx[1]].time;
	r->regular = whole(t) && t > t0;
	r->g = r->regular ? (int64_t)t - (int64_t)t0 : 0;
	want = r->g;
	for (size_t j = 2; j < m && r->regular; j++) {
		t = o->rec[idx[j]].time;
		want += r->g;
		r->regular = whole(t) && (int64_t)t - (int64_t)t0 == want;
	}
}

bool groups_build(struct groups *g, const struct rows_out *o)
{
	size_t nn = o->nnames;

	g->valid = false;
	if (grow_array((void **)&g->order, &g->order_cap, o->n ? o->n : 1,
		       sizeof(*g->order), 1024) < 0 ||
	    grow_array((void **)&g->run, &g->run_cap, nn + 1, sizeof(*g->run),
		       256) < 0 ||
	    grow_array((void **)&g->start, &g->start_cap, nn + 1,
		       sizeof(*g->start), 256) < 0)
		return false;
	memset(g->start, 0, (nn + 1) * sizeof(*g->start));
	for (size_t i = 0; i < o->n; i++)
		g->start[o->rec[i].vm + 1]++;
	for (size_t k = 1; k <= nn; k++)
		g->start[k] += g->start[k - 1];
	for (size_t i = 0; i < o->n; i++) /* start[k] ends as k's end */
		g->order[g->start[o->rec[i].vm]++] = (uint32_t)i;
	memmove(g->start + 1, g->start, nn * sizeof(*g->start));
	g->start[0] = 0;
	for (size_t k = 0; k < nn; k++) /* every name has a record */
		summarise(o, g->order + g->start[k],
			  g->start[k + 1] - g->start[k], &g->run[k]);
	g->valid = true;
	return true;
}

void groups_free(struct groups *g)
{
	free(g->order);
	free(g->start);
	free(g->run);
	memset(g, 0, sizeof(*g));
}

/*
 * fuzz_frontier.c - libFuzzer target for the frontier shard reader (the
 * files `vmux frontier --shard` writes and `vmux merge` reads), and under
 * it lib/tabline (tests/fuzz/fuzz_tabline.h).
 *
 * Each input is a shard file (an in-memory memfd) read with
 * fr_recs_read(), which must load it or reject it with -EBADMSG (or
 * -ENOMEM). A shard that loads must keep what frontier_file.h states: its
 * shard below its shard count, 1 to FLEET_MAX_BUCKETS buckets, every
 * record's point below the point count and its bucket this shard's, P in
 * (0, 100), its level finite (a percentile in (0, 100) but for sbp), caps
 * >= 0 and finite, windows not NaN; and a version 4 shard written back
 * with fr_recs_write() must read back the same. A crash, sanitizer
 * report, leak or broken invariant (abort) is a finding.
 */
#include "sim/plan/fleet.h"
#include "sim/plan/frontier_file.h"
#include "tests/fuzz/fuzz_tabline.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_rec(const struct fr_recs *s, const struct fr_rec *r)
{
	if (r->point >= s->npoints || r->bucket >= s->buckets ||
	    r->bucket % s->nshards != s->shard || !(r->p > 0 && r->p < 100) ||
	    !isfinite(r->level) ||
	    (r->policy != PLAN_SBP && !(r->level > 0 && r->level < 100)))
		abort();
	if (!s->has_cover && (r->ev_vms || r->missing))
		abort();
}

static void check(const struct fr_recs *s)
{
	if (s->shard >= s->nshards || !s->buckets ||
	    s->buckets > FLEET_MAX_BUCKETS || s->n > s->cap ||
	    (s->has_terms && !s->has_cover) || (s->has_cover && !s->has_seed))
		abort();
	for (int i = 0; s->has_terms && i < 4; i++)
		if (isnan(s->win[i]))
			abort();
	for (int i = 0; s->has_terms && i < RES_COUNT; i++)
		if (!(s->host_cap[i] >= 0) || isinf(s->host_cap[i]))
			abort();
	for (size_t i = 0; i < s->n; i++)
		check_rec(s, &s->r[i]);
}

/* Whether records A and B are the same, field by field (not their
 * padding). */
static bool same_rec(const struct fr_rec *a, const struct fr_rec *b)
{
	return a->point == b->point && a->bucket == b->bucket &&
	       a->policy == b->policy && !memcmp(&a->p, &b->p, sizeof(a->p)) &&
	       !memcmp(&a->level, &b->level, sizeof(a->level)) &&
	       a->hosts == b->hosts && a->unplaced == b->unplaced &&
	       a->over_in == b->over_in && a->slots_in == b->slots_in &&
	       a->ev_slots == b->ev_slots && a->ev_over == b->ev_over &&
	       a->vm_slots == b->vm_slots && a->violated == b->violated &&
	       a->demand == b->demand && a->unmet == b->unmet &&
	       a->ev_vms == b->ev_vms && a->missing == b->missing;
}

/* S written and read back: the same header and records. */
static void round_trip(const struct fr_recs *s)
{
	struct fr_recs b = {0};
	char *text = NULL;
	size_t len = 0;
	FILE *w = open_memstream(&text, &len), *r;

	if (!w || fr_recs_write(w, s) != 0 || fclose(w) != 0)
		abort();
	r = fmemopen(text, len, "r");
	if (!r || fr_recs_read(r, "back", &b) != 0 || b.n != s->n ||
	    b.shard != s->shard || b.nshards != s->nshards ||
	    b.buckets != s->buckets || b.npoints != s->npoints ||
	    b.seed != s->seed || b.eval_vms != s->eval_vms ||
	    b.train_vms != s->train_vms ||
	    memcmp(b.host_cap, s->host_cap, sizeof(b.host_cap)) ||
	    memcmp(b.win, s->win, sizeof(b.win)))
		abort();
	for (size_t i = 0; i < s->n; i++)
		if (!same_rec(&b.r[i], &s->r[i]))
			abort();
	fclose(r);
	fr_recs_free(&b);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fr_recs s = {0};
	FILE *fp = fuzz_tabline_open(data, size);
	int rc = fr_recs_read(fp, "shard", &s);

	if (rc == 0) {
		check(&s);
		if (s.has_terms)
			round_trip(&s);
	} else if (rc != -EBADMSG && rc != -ENOMEM) {
		abort();
	}
	fr_recs_free(&s);
	fclose(fp);
	return 0;
}

/*
 * trail.c - the last slot's VM names in row order (see trail.h).
 *
 * Two lists take turns: `cur` records the slot being read, `prev` is the
 * slot before, followed by the cursor `pos`. Each list keeps per row the
 * VM and the offset of its name in one text buffer, so following it reads
 * memory in order.
 */
#include "sim/store/trail.h"
#include "lib/grow.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* How many names past the cursor a row may match: VMs that ended. */
#define AHEAD 4

struct row {
	size_t at;    /* its name's offset in text */
	uint32_t vm;  /* its VM */
	uint32_t len; /* its name's length, or UINT32_MAX if longer */
};

struct list {
	struct row *row;
	char *text;
	size_t n, cap, len, tcap;
};

struct trail {
	struct list l[2];
	int cur;    /* l[cur] records, l[!cur] is followed */
	size_t pos; /* the next row of the slot followed */
	double time;
	bool off; /* out of memory once: no more hints */
};

int trail_create(struct trail **out)
{
	*out = calloc(1, sizeof(**out));
	if (!*out)
		return -ENOMEM;
	(*out)->time = NAN;
	return 0;
}

void trail_destroy(struct trail *tr)
{
	if (!tr)
		return;
	for (int i = 0; i < 2; i++) {
		free(tr->l[i].row);
		free(tr->l[i].text);
	}
	free(tr);
}

/* A new slot at time T: the one recorded is followed from its start. */
static void turn(struct trail *tr, double t)
{
	tr->cur = !tr->cur;
	tr->l[tr->cur].n = 0;
	tr->l[tr->cur].len = 0;
	tr->pos = 0;
	tr->time = t;
}

uint32_t trail_find(struct trail *tr, double t, const char *name, size_t len)
{
	const struct list *p;
	size_t end;

	if (tr->off)
		return TRAIL_NONE;
	if (!(t == tr->time))
		turn(tr, t);
	p = &tr->l[!tr->cur];
	end = tr->pos + AHEAD < p->n ? tr->pos + AHEAD : p->n;
	for (size_t j = tr->pos; j < end; j++) {
		const struct row *r = &p->row[j];

		/* lengths first: memcmp() may read all LEN bytes */
		if (r->len == len && memcmp(p->text + r->at, name, len) == 0) {
			tr->pos = j + 1;
			return r->vm;
		}
	}
	return TRAIL_NONE;
}

void trail_note(struct trail *tr, uint32_t vm, const char *name, size_t len)
{
	struct list *c = &tr->l[tr->cur];

	if (tr->off)
		return;
	if (grow_array((void **)&c->row, &c->cap, c->n + 1, sizeof(*c->row),
		       1024) ||
	    grow_array((void **)&c->text, &c->tcap, c->len + len + 1, 1,
		       4096)) {
		tr->off = true;
		return;
	}
	c->row[c->n++] =
	    (struct row){.at = c->len,
			 .vm = vm,
			 .len = len < UINT32_MAX ? (uint32_t)len : UINT32_MAX};
	memcpy(c->text + c->len, name, len);
	c->text[c->len + len] = '\0';
	c->len += len + 1;
}

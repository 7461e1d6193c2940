/*
 * labelplace.c - greedy placement of point labels without overlaps (see
 * labelplace.h).
 */
#include "reports/labelplace.h"

#include <math.h>
#include <string.h>

#define GAP 2.0 /* px between a marker and its label */

struct labelplace_box labelplace_size(const char *text, double font, double x,
				      double y)
{
	return (struct labelplace_box){
	    x, y, LABELPLACE_CHAR_W * font * (double)strlen(text),
	    LABELPLACE_LINE_H * font};
}

bool labelplace_overlap(const struct labelplace_box *a,
			const struct labelplace_box *b)
{
	return fabs(a->x - b->x) * 2 < a->w + b->w &&
	       fabs(a->y - b->y) * 2 < a->h + b->h;
}

/* Candidate K (0..23) of IT's label: a direction, then a distance. */
static struct labelplace_box spot(const struct labelplace_item *it,
				  const struct labelplace_geom *g, int k)
{
	static const double dir[8][2] = {{0, -1}, {0, 1},   {1, 0}, {-1, 0},
					 {1, -1}, {-1, -1}, {1, 1}, {-1, 1}};
	struct labelplace_box b = labelplace_size(it->text, g->font, 0, 0);
	double far = (double)(k / 8 + 1), dx = dir[k % 8][0],
	       dy = dir[k % 8][1];

	b.x = it->px + dx * (g->marker + GAP + b.w / 2) * far;
	b.y = it->py + dy * (g->marker + GAP + b.h / 2) * far;
	return b;
}

static bool inside(const struct labelplace_box *b,
		   const struct labelplace_geom *g)
{
	return b->x - b->w / 2 >= g->left && b->x + b->w / 2 <= g->right &&
	       b->y - b->h / 2 >= g->top && b->y + b->h / 2 <= g->bottom;
}

/* Whether B is clear of the labels placed so far and, with MARKERS, of
   every point's marker but SELF's. */
static bool clear(const struct labelplace_box *b,
		  const struct labelplace_item *it, size_t n, size_t self,
		  const struct labelplace_geom *g, bool markers)
{
	for (size_t i = 0; i < n; i++) {
		struct labelplace_box m = {it[i].px, it[i].py, 2 * g->marker,
					   2 * g->marker};

		if (it[i].shown && labelplace_overlap(b, &it[i].box))
			return false;
		if (markers && i != self && labelplace_overlap(b, &m))
			return false;
	}
	return true;
}

/* Place item S, trying spots clear of the markers too when MARKERS. */
static bool place(struct labelplace_item *it, size_t n, size_t s,
		  const struct labelplace_geom *g, bool markers)
{
	for (int k = 0; k < (it[s].keep ? 24 : 8); k++) {
		struct labelplace_box b = spot(&it[s], g, k);

		if (inside(&b, g) && clear(&b, it, n, s, g, markers)) {
			it[s].box = b;
			it[s].shown = true;
			return true;
		}
	}
	return false;
}

void labelplace_run(struct labelplace_item *it, size_t n,
		    const struct labelplace_geom *g)
{
	for (size_t i = 0; i < n; i++)
		it[i].shown = false;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < n; i++)
			if (it[i].keep == !pass && !place(it, n, i, g, true) &&
			    it[i].keep)
				place(it, n, i, g, false);
}

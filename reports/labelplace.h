/*
 * labelplace.h - where a chart's point labels go so that no two overlap.
 *
 * Geometry in pixels of the image, y down. A label's box is estimated
 * from its text: each character LABELPLACE_CHAR_W x the font size wide,
 * LABELPLACE_LINE_H x the font size high (pngcairo at its 72 dpi: a point
 * is a pixel; the factors are on the generous side of sans' glyphs).
 * Labels are placed in order, those marked KEEP first: each at the first
 * of its candidate spots (above, below, right, left, the diagonals; for a
 * KEEP label then the same twice and three times as far out: a label far
 * from its point is read as another's) whose box lies in the plot
 * area and meets no box placed before nor (for a label not KEEP) another
 * point's marker; a label with no such spot is left out. A KEEP label
 * that finds none clear of the markers takes one that only avoids the
 * other labels.
 */
#ifndef VMUX_LABELPLACE_H
#define VMUX_LABELPLACE_H

#include <stdbool.h>
#include <stddef.h>

#define LABELPLACE_CHAR_W 0.75
#define LABELPLACE_LINE_H 1.4

/* A box: centre (x, y) and size (w, h), px. */
struct labelplace_box {
	double x, y, w, h;
};

struct labelplace_item {
	double px, py;	  /* the point, px */
	const char *text; /* the label */
	bool keep;	  /* placed first, and labelled if at all possible */
	bool shown;	  /* out: placed */
	struct labelplace_box box; /* out: where, when shown */
};

struct labelplace_geom {
	double left, top, right, bottom; /* the plot area, px */
	double font;			 /* the labels' font size, pt */
	double marker;			 /* a point's marker's radius, px */
};

/* The box of TEXT centred at (X, Y) in font size FONT. */
struct labelplace_box labelplace_size(const char *text, double font, double x,
				      double y);
/* Whether boxes A and B overlap (touching edges do not). */
bool labelplace_overlap(const struct labelplace_box *a,
			const struct labelplace_box *b);
/* Place IT[N] in G (see above): sets each item's shown and box. */
void labelplace_run(struct labelplace_item *it, size_t n,
		    const struct labelplace_geom *g);

#endif

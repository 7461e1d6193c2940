/*
 * chart.h - drawing the report's charts with gnuplot, run as a separate
 * program at report time.
 *
 * Each chart is a gnuplot script NAME.gp beside the page that draws
 * NAME.png (pngcairo, W x H pixels) from data files beside it, so a reader
 * can rerun or edit it (`gnuplot NAME.gp` in the report's folder). Scripts
 * use text labels without gnuplot's "enhanced" markup (VM names hold `_`)
 * and comma-separated data.
 */
#ifndef VMUX_CHART_H
#define VMUX_CHART_H

#include <stdio.h>

struct chart;

/*
 * Find gnuplot: $GNUPLOT if set, else `gnuplot` on $PATH; *OUT is a
 * malloc'd path. -ENODEV with a message giving the command that installs
 * it (apt-get install gnuplot-nox) when there is none; -ENOMEM.
 */
int chart_find_gnuplot(char **out);

/*
 * Start the script DIR/NAME.gp for DIR/NAME.png, W x H px, writing the
 * common preamble (terminal, output, no enhanced text, comma-separated
 * data, a light grid). -errno with the path printed; -ENOMEM.
 */
int chart_begin(const char *gnuplot, const char *dir, const char *name, int w,
		int h, struct chart **out);
/* The script's stream, for the chart's own commands. */
FILE *chart_fp(struct chart *c);
/* Write S as a gnuplot single-quoted string literal (quotes doubled). */
void chart_str(FILE *fp, const char *s);
/* The same for a tic label, which gnuplot reads as a format (% doubled). */
void chart_tic(FILE *fp, const char *s);

/*
 * Close the script and run gnuplot on it in DIR (60 s at most), then check
 * that NAME.png exists and is not empty. Frees C. gnuplot's messages are
 * passed on as warnings; a failure prints them and returns -EPROTO (or
 * -errno when the script cannot be written or gnuplot cannot be run).
 */
int chart_finish(struct chart *c);
/* Discard C (the script stays; the caller removes the folder). NULL ok. */
void chart_abort(struct chart *c);

#endif

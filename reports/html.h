/*
 * html.h - the pieces of the report page: escaped text, paragraphs,
 * sections, figures. The page is one static HTML5 file with its style
 * inline: no scripts, no fonts or files from elsewhere, only the chart
 * images beside it (relative links), so it opens from the file system and
 * offline.
 */
#ifndef VMUX_HTML_H
#define VMUX_HTML_H

#include <stdio.h>

/* Write S with &, <, >, " and ' escaped. */
void html_text(FILE *fp, const char *s);
/* Format, then write escaped (no markup). */
void html_textf(FILE *fp, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* A paragraph of formatted, escaped text; CLASS may be NULL. */
void html_p(FILE *fp, const char *cls, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Doctype, head with the style sheet, <body>, the <h1> TITLE. */
void html_begin(FILE *fp, const char *title);
/* Close the body and the page. */
void html_end(FILE *fp);

/* A section heading <h2 id="ID">TITLE</h2>. */
void html_section(FILE *fp, const char *id, const char *title);
/*
 * A figure: the image FILE (a name beside index.html) WIDTH x HEIGHT px,
 * its ALT text, and a caption (escaped).
 */
void html_figure(FILE *fp, const char *file, int width, int height,
		 const char *alt, const char *caption);

#endif

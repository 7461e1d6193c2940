/*
 * html.c - writing the report page (see html.h).
 */
#include "reports/html.h"
#include "lib/escape.h"

#include <stdarg.h>
#include <stdlib.h>

static const char style[] =
    "body{font:15px/1.45 sans-serif;max-width:1100px;margin:0 auto;"
    "padding:0 1em 3em;color:#222;background:#fff}"
    "h1{font-size:1.6em;margin:.8em 0 .3em}"
    "h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ccc}"
    "table{border-collapse:collapse;font-size:13px}"
    "td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}"
    "th{background:#f0f0f0}td.n{text-align:right;"
    "font-variant-numeric:tabular-nums}"
    ".tw{overflow-x:auto}figure{margin:1em 0}"
    "img{max-width:100%;height:auto;border:1px solid #ddd}"
    "figcaption{font-size:13px;color:#444}"
    "p.absent{background:#fff6e0;border-left:4px solid #e0a000;"
    "padding:.4em .8em}p.csv{font-size:13px;color:#555}"
    "p.concl{font-weight:600}dl.meta{display:grid;"
    "grid-template-columns:max-content auto;gap:2px 1em}"
    "dl.meta dt{font-weight:600}dl.meta dd{margin:0}";

static const char *const entity[256] = {
    ['&'] = "&amp;",  ['<'] = "&lt;",	['>'] = "&gt;",
    ['"'] = "&quot;", ['\''] = "&#39;",
};

void html_text(FILE *fp, const char *s)
{
	escape_put(fp, s, entity);
}

static void vtextf(FILE *fp, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

static void vtextf(FILE *fp, const char *fmt, va_list ap)
{
	char *s;

	if (vasprintf(&s, fmt, ap) < 0) {
		/* Out of memory: mark the stream failed (glibc's error flag,
		   as gnulib's fseterr does), so the page is not committed
		   with the text missing. */
		fp->_flags |= _IO_ERR_SEEN;
		return;
	}
	html_text(fp, s);
	free(s);
}

void html_textf(FILE *fp, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vtextf(fp, fmt, ap);
	va_end(ap);
}

void html_p(FILE *fp, const char *cls, const char *fmt, ...)
{
	va_list ap;

	if (cls)
		fprintf(fp, "<p class=\"%s\">", cls);
	else
		fputs("<p>", fp);
	va_start(ap, fmt);
	vtextf(fp, fmt, ap);
	va_end(ap);
	fputs("</p>\n", fp);
}

void html_begin(FILE *fp, const char *title)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	      "<meta charset=\"utf-8\">\n"
	      "<meta name=\"generator\" content=\"vmux report\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width\">\n"
	      "<title>",
	      fp);
	html_text(fp, title);
	fprintf(fp, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>",
		style);
	html_text(fp, title);
	fputs("</h1>\n", fp);
}

void html_end(FILE *fp)
{
	fputs("</body>\n</html>\n", fp);
}

void html_section(FILE *fp, const char *id, const char *title)
{
	fprintf(fp, "<h2 id=\"%s\">", id);
	html_text(fp, title);
	fputs("</h2>\n", fp);
}

void html_figure(FILE *fp, const char *file, int width, int height,
		 const char *alt, const char *caption)
{
	fputs("<figure><img src=\"", fp);
	html_text(fp, file);
	fprintf(fp, "\" width=\"%d\" height=\"%d\" alt=\"", width, height);
	html_text(fp, alt);
	fputs("\"><figcaption>", fp);
	html_text(fp, caption);
	fputs("</figcaption></figure>\n", fp);
}

/*
 * csvfeed.c - libcsv fed one physical line at a time (see csvfeed.h).
 */
#include "lib/csvfeed.h"
#include "lib/error.h"
#include "lib/textline.h"

#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define BUF_SIZE (1 << 16)

int csvfeed_fail(struct csvfeed *f, unsigned long line, const char *field,
		 const char *fmt, ...)
{
	va_list ap;

	if (f->err)
		return f->err;
	va_start(ap, fmt);
	f->err = error_vdata(f->path, line, field, fmt, ap);
	va_end(ap);
	return f->err;
}

void csvfeed_oom(struct csvfeed *f)
{
	if (!f->err)
		f->err = -ENOMEM;
}

static void on_field(void *s, size_t len, void *data)
{
	struct csvfeed *f = data;

	f->in_row = true;
	if (!f->err)
		f->ops->field(f, f->nf, s, len);
	f->nf++;
}

static void on_row(int c, void *data)
{
	struct csvfeed *f = data;
	size_t nf = f->nf;

	(void)c;
	f->nf = 0;
	f->in_row = false;
	if (!f->err)
		f->ops->row(f, nf);
}

static size_t count_quotes(const char *s, size_t n)
{
	size_t q = 0;

	for (size_t i = 0; i < n; i++)
		q += s[i] == '"';
	return q;
}

static int parse_error(struct csvfeed *f, struct csv_parser *p)
{
	const char *field = f->ops->colname(f, f->nf);

	if (csv_error(p) == CSV_EPARSE)
		return csvfeed_fail(
		    f, f->line, field,
		    "stray quote: a field holding a quote must be quoted "
		    "whole, with the quote doubled (\"a\"\"b\")");
	return csvfeed_fail(f, f->line, field, "malformed CSV: %s",
			    csv_strerror(csv_error(p)));
}

/* Feed BUF[0..N) one physical line at a time, tracking lines and quotes. */
static int feed(struct csvfeed *f, struct csv_parser *p, const char *buf,
		size_t n)
{
	while (n && !f->err) {
		bool tail = textline_crlf_tail(f->cr_ended, buf, n);
		const char *nl = tail ? NULL : textline_end(buf, n);
		size_t len = tail ? 1 : nl ? (size_t)(nl - buf) + 1 : n, q;
		bool was_open = f->quotes & 1;

		if (memchr(buf, '\0', len))
			return csvfeed_fail(f, f->line, "(row)",
					    "NUL byte in the data");
		f->cr_ended = buf[len - 1] == '\r';
		/* A row starts on the first line fed outside a row and
		   quote. */
		if (!f->in_row && !was_open)
			f->row_line = f->line;
		q = count_quotes(buf, len);
		if (!was_open && (q & 1))
			f->quote_line = f->line;
		f->quotes += q;
		if (csv_parse(p, buf, len, on_field, on_row, f) != len)
			return parse_error(f, p);
		if (nl)
			f->line++;
		buf += len;
		n -= len;
	}
	return f->err;
}

static int finish(struct csvfeed *f, struct csv_parser *p)
{
	if (f->quotes & 1)
		return csvfeed_fail(
		    f, f->quote_line, f->ops->colname(f, f->nf),
		    "unterminated quoted field (opened on this line)");
	csv_fini(p, on_field, on_row, f);
	return f->err;
}

int csvfeed_read(struct csvfeed *f, const char *path, FILE *fp,
		 const struct csvfeed_ops *ops, void *ctx)
{
	struct csv_parser p;
	char *buf = malloc(BUF_SIZE);
	size_t n, skip;
	int rc = 0;

	*f = (struct csvfeed){.path = path, .ctx = ctx, .line = 1, .ops = ops};
	if (!buf || csv_init(&p, CSV_STRICT | CSV_APPEND_NULL) != 0) {
		free(buf);
		return -ENOMEM;
	}
	for (bool first = true;
	     rc == 0 && (n = fread(buf, 1, BUF_SIZE, fp)) > 0; first = false) {
		skip = first ? textline_bom(buf, n) : 0;
		rc = feed(f, &p, buf + skip, n - skip);
	}
	if (rc == 0 && ferror(fp)) {
		rc = -EIO;
		error_msg("cannot read '%s': %s", path, strerror(EIO));
	}
	if (rc == 0)
		rc = finish(f, &p);
	csv_free(&p);
	free(buf);
	return rc;
}

/*
 * import_input.c - line, field, number, folder and date reading for the
 * importers (see import_input.h).
 */
#include "sim/import/import_input.h"
#include "lib/csvlist.h"
#include "lib/error.h"
#include "lib/numtext.h"
#include "lib/textline.h"
#include "lib/utctime.h"
#include "lib/grow.h"
#include "sim/import/import_names.h"
#include "sim/store/trace.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

int import_input_open(struct import_input *in, const char *path)
{
	struct stat st;
	int rc;

	memset(in, 0, sizeof(*in));
	in->path = path;
	in->fp = fopen(path, "r");
	if (!in->fp) {
		rc = -errno;
		error_msg("cannot open '%s': %s", path, strerror(errno));
		return rc;
	}
	if (fstat(fileno(in->fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		error_msg("cannot read '%s': %s", path, strerror(EISDIR));
		import_input_close(in);
		return -EISDIR;
	}
	return 0;
}

static bool blank(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return *s == '\0';
}

/* Bytes read from the file at a time. */
#define BLOCK (64 << 10)

/* Make blk[pos..len) non-empty: 1, 0 at the end of the file, -EIO. */
static int fill(struct import_input *in)
{
	if (in->pos < in->len)
		return 1;
	if (in->eof)
		return 0;
	if (!in->blk && !(in->blk = malloc(BLOCK)))
		return -ENOMEM;
	in->pos = 0;
	errno = 0;
	in->len = fread(in->blk, 1, BLOCK, in->fp);
	if (in->len)
		return 1;
	if (ferror(in->fp)) {
		error_msg("cannot read '%s': %s", in->path,
			  strerror(errno ? errno : EIO));
		return -EIO;
	}
	in->eof = true;
	return 0;
}

/* Add N bytes at P to the line being read (*LEN bytes so far). */
static int append(struct import_input *in, const char *p, size_t n, size_t *len)
{
	if (n > IMPORT_MAX_LINE - *len)
		return error_data(in->path, in->line + 1, "(row)",
				  "line longer than %d bytes", IMPORT_MAX_LINE);
	if (*len + n + 1 > in->cap) {
		size_t nc = in->cap ? in->cap : 256;
		char *nb;

		while (nc < *len + n + 1)
			nc *= 2;
		nb = realloc(in->buf, nc);
		if (!nb)
			return -ENOMEM;
		in->buf = nb;
		in->cap = nc;
	}
	memcpy(in->buf + *len, p, n);
	*len += n;
	in->buf[*len] = '\0';
	return 0;
}

/* The next physical line into buf, without its '\n': 1, 0 at the end. */
static int read_line(struct import_input *in, size_t *len)
{
	bool any = false;
	int rc;

	*len = 0;
	while ((rc = fill(in)) > 0) {
		char *p = in->blk + in->pos;
		char *nl = memchr(p, '\n', in->len - in->pos);
		size_t n = nl ? (size_t)(nl - p) : in->len - in->pos;

		rc = append(in, p, n, len);
		if (rc < 0)
			return rc;
		any = true;
		in->pos += n + (nl != NULL);
		if (nl)
			return 1;
	}
	return rc < 0 ? rc : any;
}

/* Drop a UTF-8 byte order mark opening the line: it belongs to no field. */
static void drop_bom(struct import_input *in, size_t *len)
{
	size_t k = textline_bom(in->buf, *len);

	memmove(in->buf, in->buf + k, *len - k + 1);
	*len -= k;
}

int import_input_next(struct import_input *in, char **line)
{
	const char *nul;
	size_t len;
	int rc;

	for (;;) {
		rc = read_line(in, &len);
		if (rc <= 0)
			return rc;
		in->line++;
		nul = memchr(in->buf, '\0', len);
		if (nul)
			return error_data(in->path, in->line, "(row)",
					  "NUL byte at byte %zu of the line",
					  (size_t)(nul - in->buf) + 1);
		while (len > 0 && in->buf[len - 1] == '\r')
			in->buf[--len] = '\0';
		if (in->line == 1) /* a spreadsheet's byte order mark */
			drop_bom(in, &len);
		if (!blank(in->buf))
			break;
		if (!in->blank)
			in->blank = in->line;
	}
	if (in->blank)
		return error_data(in->path, in->blank, "(row)",
				  "blank line inside the data");
	*line = in->buf;
	return 1;
}

void import_input_close(struct import_input *in)
{
	if (in->fp)
		fclose(in->fp);
	free(in->buf);
	free(in->blk);
	in->fp = NULL;
	in->buf = NULL;
	in->blk = NULL;
	in->cap = 0;
}

int import_input_bad(const struct import_input *in, const char *field,
		     const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return error_data(in->path, in->line, field, "%s", msg);
}

int import_input_split(const struct import_input *in, char *line, char sep,
		       char **f, size_t max, size_t *count)
{
	const char *why;
	size_t at;
	int rc = csvlist_fields(line, sep, f, max, count, &at, &why);

	if (rc == -EINVAL)
		return import_input_bad(in, "(row)", "field %zu: %s", at, why);
	return rc;
}

int import_input_num(const struct import_input *in, const char *field,
		     const char *s, double *out)
{
	double v;

	if (*s == '\0')
		return import_input_bad(in, field, "empty");
	if (numtext_parse(s, &v) < 0)
		return import_input_bad(in, field, "'%.40s' is not a number",
					s);
	/* Below the least double it reads as the nearest, 0 (numtext.h). */
	if (!isfinite(v))
		return import_input_bad(in, field,
					"'%.40s' is out of range: above the "
					"largest double, %g",
					s, DBL_MAX);
	if (v < 0)
		return import_input_bad(in, field, "negative value %.40s", s);
	*out = v + 0.0; /* no negative zero in the output */
	return 0;
}

int import_input_fields(const struct import_input *in, char *line, char **f,
			size_t n)
{
	size_t got;
	int rc = import_input_split(in, line, ',', f, n, &got);

	if (rc < 0)
		return rc;
	if (got != n)
		return import_input_bad(in, "(row)", "%zu field%s, expected %zu",
					got, got == 1 ? "" : "s", n);
	return 0;
}

int import_input_cores(const struct import_input *in, const char *field,
		       const char *s, double *out)
{
	int rc = import_input_num(in, field, s, out);

	if (rc == 0 && *out == 0)
		rc = import_input_bad(in, field, "0 cores");
	if (rc == 0 && *out > trace_limit(RES_CPU))
		rc = import_input_bad(in, field,
				      "%g cores is above the limit %g", *out,
				      trace_limit(RES_CPU));
	return rc;
}

int import_input_keyed(const struct import_input *in, char *line, char **f,
		       size_t n, const struct import_names *names, long *i)
{
	int rc = import_input_fields(in, line, f, n);

	*i = rc < 0 ? -1 : import_names_find(names, f[0]);
	return rc;
}

int import_input_same_cores(const struct import_input *in, const char *field,
			    const char *key, double cores, double *known)
{
	if (*known > 0 && *known != cores)
		return import_input_bad(in, field,
					"%g core%s, an earlier row of '%s' "
					"says %g",
					cores, cores == 1 ? "" : "s", key,
					*known);
	*known = cores;
	return 0;
}

int import_input_each(const char *path,
		      int (*row)(void *ctx, struct import_input *in,
				 char *line),
		      void *ctx)
{
	struct import_input in;
	char *line;
	int rc;

	rc = import_input_open(&in, path);
	if (rc < 0)
		return rc;
	while ((rc = import_input_next(&in, &line)) > 0) {
		rc = row(ctx, &in, line);
		if (rc < 0)
			break;
	}
	import_input_close(&in);
	return rc;
}

double import_snap(double t, double step)
{
	return floor(t / step + 0.5) * step;
}

/* Whether S matches PAT exactly, where 'd' in PAT stands for a digit. */
static bool shaped(const char *s, const char *pat)
{
	for (; *pat; s++, pat++)
		if (*pat == 'd' ? !isdigit((unsigned char)*s) : *s != *pat)
			return false;
	return *s == '\0';
}

/* The decimal number in S[A..B). */
static int digits(const char *s, int a, int b)
{
	int v = 0;

	for (int i = a; i < b; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

int import_parse_day(const char *s, double *out)
{
	if (!shaped(s, "dddddddd"))
		return -EINVAL;
	return utctime_from_fields(digits(s, 0, 4), digits(s, 4, 6),
				   digits(s, 6, 8), 0, 0, 0, out);
}

bool import_day_shaped(const char *s)
{
	return shaped(s, "dddddddd");
}

int import_parse_time(const char *s, double *out)
{
	if (import_parse_day(s, out) == 0)
		return 0;
	return utctime_parse(s, out);
}

int import_input_isdir(const char *path)
{
	struct stat st;
	int rc;

	if (stat(path, &st) != 0) {
		rc = -errno;
		error_msg("cannot open '%s': %s", path, strerror(errno));
		return rc;
	}
	return S_ISDIR(st.st_mode) ? 1 : 0;
}

static int by_natural_name(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	const char *bx = strrchr(x, '/'), *by = strrchr(y, '/');

	return strverscmp(bx ? bx + 1 : x, by ? by + 1 : y);
}

static bool wanted(const char *dir, const char *name, const char *suffix,
		   char **path)
{
	bool dirs = suffix && !strcmp(suffix, "/");
	size_t ln = strlen(name), ls = suffix && !dirs ? strlen(suffix) : 0;
	struct stat st;

	*path = NULL;
	if (name[0] == '.' || ln < ls || (ls && strcmp(name + ln - ls, suffix)))
		return false;
	if (asprintf(path, "%s/%s", dir, name) < 0) {
		*path = NULL;
		return true; /* the caller sees the failed allocation */
	}
	if (stat(*path, &st) == 0 &&
	    (dirs ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode)))
		return true;
	free(*path);
	*path = NULL;
	return false;
}

static int push(char ***v, size_t *n, size_t *cap, char *s)
{
	if (grow_array((void **)v, cap, *n + 1, sizeof(**v), 32))
		return -ENOMEM;
	(*v)[(*n)++] = s;
	return 0;
}

int import_input_list(const char *dir, const char *suffix, char ***paths,
		      size_t *n, unsigned long *skipped)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = NULL, *p;
	size_t nv = 0, cap = 0;
	int rc = 0;

	if (!d) {
		rc = -errno;
		error_msg("cannot open '%s': %s", dir, strerror(errno));
		return rc;
	}
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (!wanted(dir, e->d_name, suffix, &p)) {
			(*skipped)++;
			continue;
		}
		if (!p || push(&v, &nv, &cap, p) < 0) {
			free(p);
			rc = -ENOMEM;
			break;
		}
	}
	closedir(d);
	if (rc < 0) {
		import_input_free_list(v, nv);
		return rc;
	}
	if (nv)
		qsort(v, nv, sizeof(*v), by_natural_name);
	*paths = v;
	*n = nv;
	return 0;
}

void import_input_free_list(char **paths, size_t n)
{
	for (size_t i = 0; paths && i < n; i++)
		free(paths[i]);
	free(paths);
}

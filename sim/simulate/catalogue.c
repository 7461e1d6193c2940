/*
 * catalogue.c - reading a host catalogue (see catalogue.h).
 */
#include "sim/simulate/catalogue.h"
#include "lib/error.h"
#include "lib/textline.h"
#include "sim/store/rows.h"

#include <errno.h>
#include <stdbool.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NCOLS (6 + POWER_POINTS)

struct catalogue {
	struct host_type *types;
	size_t ntypes;
	const struct host_type **hosts; /* host i -> its type */
	size_t nhosts;
};

static const char *const columns[NCOLS] = {
    "type", "count", "cores", "mips", "ram_mb", "bw_kbps", "p0",  "p10",  "p20",
    "p30",  "p40",   "p50",   "p60",  "p70",	"p80",	   "p90", "p100",
};

/* S without the spaces and tabs around it, as the canonical trace's
 * reader (libcsv) takes an unquoted field. */
static char *trim(char *s)
{
	size_t n;

	s += strspn(s, " \t");
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	s[n] = 0;
	return s;
}

/* LINE's fields, trimmed, into F; how many (at most NCOLS + 1). */
static int split(char *line, char **f)
{
	int n = 0;
	char *s = line, *comma;

	line[strcspn(line, "\r\n")] = 0;
	for (; n < NCOLS + 1; n++) {
		comma = strchr(s, ',');
		if (comma)
			*comma = 0;
		f[n] = trim(s);
		if (!comma)
			return n + 1;
		s = comma + 1;
	}
	return n;
}

/* Field COL, S: a decimal number as the canonical trace reader takes one
 * (rows_parse_num: no hex, inf or nan), >= 0, at most the column's
 * limit. */
static int number(const char *path, unsigned long ln, int col, const char *s,
		  double *out)
{
	struct rows_num num;

	if (rows_parse_num(s, &num) < 0 || !isfinite(num.x) || num.x < 0)
		return error_data(path, ln, columns[col],
				  "'%s' is not a non-negative decimal number",
				  s);
	*out = num.x + 0.0; /* -0 as 0 */
	if (col >= 3 && *out > CATALOGUE_VALUE_MAX)
		return error_data(path, ln, columns[col],
				  "'%s' is above the limit %g", s,
				  CATALOGUE_VALUE_MAX);
	return 0;
}

static int parse_row(const char *path, unsigned long ln, char **f,
		     struct host_type *t)
{
	double v[NCOLS];
	int rc;

	if (!*f[0] || strlen(f[0]) >= CATALOGUE_NAME_MAX)
		return error_data(path, ln, "type", "empty or too long");
	snprintf(t->name, sizeof(t->name), "%s", f[0]);
	for (int i = 1; i < NCOLS; i++)
		if ((rc = number(path, ln, i, f[i], &v[i])) < 0)
			return rc;
	if (v[1] != floor(v[1]) || v[1] > 1e6)
		return error_data(path, ln, "count",
				  "'%s' is not a whole number 0 to 1000000",
				  f[1]);
	if (v[2] != floor(v[2]) || v[2] < 1 || v[2] > 4096)
		return error_data(path, ln, "cores",
				  "'%s' is not a whole number 1 to 4096", f[2]);
	if (!(v[3] > 0))
		return error_data(path, ln, "mips", "must be positive");
	if (!(v[5] >= 1)) /* migrations run at half of it */
		return error_data(path, ln, "bw_kbps",
				  "'%s' is below 1 kbit/s", f[5]);
	t->count = (unsigned)v[1];
	t->cores = (unsigned)v[2];
	t->mips = v[3];
	t->ram_mb = v[4];
	t->bw_kbps = v[5];
	for (int i = 0; i < POWER_POINTS; i++)
		t->power.w[i] = v[6 + i];
	return 0;
}

static int check_header(const char *path, unsigned long ln, char **f, int n)
{
	if (n != NCOLS)
		return error_data(path, ln, "header", "%d column%s, want %d", n,
				  n == 1 ? "" : "s", NCOLS);
	for (int i = 0; i < NCOLS; i++)
		if (strcmp(f[i], columns[i]))
			return error_data(path, ln, columns[i],
					  "header has '%s'", f[i]);
	return 0;
}

/* Line LN of the file, S[0..LEN) with its line end: a comment or blank
 * line (skipped), the header (*HEADER set), or a host type appended. */
static int read_line(const char *path, unsigned long ln, char *s, size_t len,
		     bool *header, struct catalogue *c)
{
	char *f[NCOLS + 1];
	void *p;
	int n, rc;

	if (memchr(s, '\0', len))
		return error_data(path, ln, "(row)", "NUL byte in the data");
	if (ln == 1) /* a spreadsheet's byte order mark */
		s += textline_bom(s, len);
	if (s[0] == '#' || s[strspn(s, " \t\r\n")] == 0)
		return 0;
	n = split(s, f);
	if (!*header) {
		*header = true;
		return check_header(path, ln, f, n);
	}
	if (n != NCOLS)
		return error_data(path, ln, "(row)", "%d field%s, want %d", n,
				  n == 1 ? "" : "s", NCOLS);
	p = realloc(c->types, (c->ntypes + 1) * sizeof(*c->types));
	if (!p)
		return -ENOMEM;
	c->types = p;
	if ((rc = parse_row(path, ln, f, &c->types[c->ntypes])) < 0)
		return rc;
	c->nhosts += c->types[c->ntypes++].count;
	if (c->nhosts > CATALOGUE_MAX_HOSTS) /* each is dealt a pointer */
		return error_data(path, ln, "count",
				  "the rows so far hold %zu hosts, more than "
				  "%d",
				  c->nhosts, CATALOGUE_MAX_HOSTS);
	return 0;
}

/* Every line of FP (lines of any length), then at least one host. */
static int read_rows(FILE *fp, const char *path, struct catalogue *c)
{
	char *line = NULL;
	size_t cap = 0;
	unsigned long ln = 0;
	bool header = false;
	ssize_t n;
	int rc = 0, e;

	while (rc == 0 && (n = getline(&line, &cap, fp)) >= 0)
		rc = read_line(path, ++ln, line, (size_t)n, &header, c);
	e = errno; /* getline's, such as EISDIR */
	free(line);
	if (rc == 0 && (rc = textline_stop(fp)) == -EIO)
		error_msg("cannot read '%s': %s", path, strerror(e ? e : EIO));
	if (rc == 0 && !c->nhosts)
		return error_data(path, ln, "count", "no hosts in catalogue");
	return rc;
}

/* Host i of the round-robin deal: rows take turns while they have hosts. */
static int deal(struct catalogue *c)
{
	unsigned *left = calloc(c->ntypes, sizeof(*left));
	size_t h = 0;

	c->hosts = calloc(c->nhosts, sizeof(*c->hosts));
	if (!left || !c->hosts) {
		free(left);
		return -ENOMEM;
	}
	for (size_t i = 0; i < c->ntypes; i++)
		left[i] = c->types[i].count;
	while (h < c->nhosts)
		for (size_t i = 0; i < c->ntypes; i++)
			if (left[i]) {
				left[i]--;
				c->hosts[h++] = &c->types[i];
			}
	free(left);
	return 0;
}

static const char builtin[] =
#include "hosts_cloudsim.inc"
    ;

int catalogue_load(const char *path, struct catalogue **out)
{
	struct catalogue *c = calloc(1, sizeof(*c));
	FILE *fp = NULL;
	int rc = -ENOMEM;

	if (!c)
		goto fail;
	if (path)
		fp = fopen(path, "r");
	else
		fp = fmemopen((void *)builtin, sizeof(builtin) - 1, "r");
	path = path ? path : CATALOGUE_BUILTIN;
	if (!fp) {
		rc = -errno;
		error_msg("%s: %s", path, strerror(errno));
		goto fail;
	}
	if ((rc = read_rows(fp, path, c)) < 0 || (rc = deal(c)) < 0)
		goto fail;
	fclose(fp);
	*out = c;
	return 0;
fail:
	if (fp)
		fclose(fp);
	catalogue_destroy(c);
	return rc;
}

void catalogue_destroy(struct catalogue *c)
{
	if (!c)
		return;
	free(c->types);
	free(c->hosts);
	free(c);
}

size_t catalogue_ntypes(const struct catalogue *c)
{
	return c->ntypes;
}

const struct host_type *catalogue_type(const struct catalogue *c, size_t i)
{
	return &c->types[i];
}

size_t catalogue_nhosts(const struct catalogue *c)
{
	return c->nhosts;
}

const struct host_type *catalogue_host_type(const struct catalogue *c, size_t i)
{
	return c->hosts[i];
}

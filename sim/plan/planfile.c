/*
 * planfile.c - read and write plan files (see planfile.h).
 *
 * The reader takes its rows from lib/csvfeed (libcsv fed one physical line
 * at a time: each message names the line its row begins on). VM names and
 * host names are interned in small open-addressing hash tables (FNV-1a,
 * linear probing, load factor <= 1/2).
 */
#include "sim/plan/planfile.h"
#include "lib/hash.h"
#include "lib/csvfeed.h"
#include "lib/csvout.h"
#include "lib/error.h"
#include "lib/outfile.h"
#include "lib/sha256.h"
#include "lib/strv.h"
#include "lib/grow.h"
#include "sim/plan/planterms.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct planfile {
	char *path;
	size_t nvms, nhosts;
	char **vm;	     /* per row */
	size_t *host;	     /* per row */
	unsigned long *line; /* per row */
	char **host_name;    /* per host */
	size_t *host_start;  /* nhosts + 1 offsets into by_host */
	size_t *by_host;     /* rows grouped by host, file order inside */
};

/* String -> index map over names stored elsewhere. */
struct strmap {
	size_t *slot; /* index + 1, 0 = empty */
	size_t size;  /* power of two */
};

struct reader {
	struct csvfeed in;
	/* header */
	bool header_done;
	char **col;
	int ncols, vm_col, host_col;
	/* current row */
	char *cur_vm, *cur_host;
	/* result so far */
	struct planfile *pf;
	size_t vm_cap, host_cap;
	struct strmap vms, hosts;
};

/* Index of NAME among NAMES through MAP, or -1; *SLOT = where it goes. */
static long strmap_find(const struct strmap *m, char *const *names,
			const char *name, size_t *slot)
{
	size_t h = (size_t)hash_str(name) & (m->size - 1);

	for (; m->slot[h]; h = (h + 1) & (m->size - 1))
		if (!strcmp(names[m->slot[h] - 1], name))
			return (long)(m->slot[h] - 1);
	*slot = h;
	return -1;
}

/* Record that NAMES[N - 1] is new at SLOT; rehash past half full. */
static int strmap_add(struct strmap *m, char *const *names, size_t n,
		      size_t slot)
{
	size_t size = m->size, *t;

	m->slot[slot] = n;
	if (2 * n + 2 <= m->size)
		return 0;
	while (2 * n + 2 > size)
		size *= 2;
	t = calloc(size, sizeof(*t));
	if (!t)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		size_t h = (size_t)hash_str(names[i]) & (size - 1);

		while (t[h])
			h = (h + 1) & (size - 1);
		t[h] = i + 1;
	}
	free(m->slot);
	m->slot = t;
	m->size = size;
	return 0;
}

static int strmap_init(struct strmap *m)
{
	m->size = 64;
	m->slot = calloc(m->size, sizeof(*m->slot));
	return m->slot ? 0 : -ENOMEM;
}

static void header_field(struct reader *r, const char *name)
{
	bool key = !strcmp(name, "vm") || !strcmp(name, "host");
	int *which = name[0] == 'v' ? &r->vm_col : &r->host_col;
	char **col;

	if (!*name) { /* as the trace reader refuses one */
		csvfeed_fail(&r->in, r->in.row_line, "(empty)",
			     "empty column name (column %d of the header)",
			     r->ncols + 1);
		return;
	}
	if (key && *which >= 0) {
		csvfeed_fail(&r->in, r->in.row_line, name,
			     "column '%s' appears twice", name);
		return;
	}
	col = realloc(r->col, (size_t)(r->ncols + 1) * sizeof(*col));
	if (col)
		r->col = col;
	if (!col || !(col[r->ncols] = strdup(name))) {
		csvfeed_oom(&r->in);
		return;
	}
	if (key)
		*which = r->ncols;
	r->ncols++;
}

static void header_done(struct reader *r)
{
	if (r->vm_col < 0)
		csvfeed_fail(
		    &r->in, r->in.row_line, "vm",
		    "missing column 'vm' in the header (a plan needs vm and "
		    "host)");
	else if (r->host_col < 0)
		csvfeed_fail(
		    &r->in, r->in.row_line, "host",
		    "missing column 'host' in the header (a plan needs vm and "
		    "host)");
	r->header_done = true;
}

static void value_field(struct reader *r, int f, const char *s, size_t len)
{
	char **dst;

	if (f == r->vm_col)
		dst = &r->cur_vm;
	else if (f == r->host_col)
		dst = &r->cur_host;
	else
		return;
	if (len == 0) {
		csvfeed_fail(&r->in, r->in.row_line, r->col[f], "empty %s name",
			     f == r->vm_col ? "VM" : "host");
		return;
	}
	*dst = strdup(s);
	if (!*dst)
		csvfeed_oom(&r->in);
}

static void on_field(struct csvfeed *in, size_t index, const char *s,
		     size_t len)
{
	struct reader *r = in->ctx;
	int f = (int)index;

	if (!r->header_done)
		header_field(r, s);
	else if (f >= r->ncols)
		csvfeed_fail(&r->in, in->row_line, "(extra)",
			     "more fields than the %d header columns",
			     r->ncols);
	else
		value_field(r, f, s, len);
}

/* Host index of the current row's host, adding it if new; -ENOMEM. */
static long intern_host(struct reader *r)
{
	struct planfile *pf = r->pf;
	size_t slot;
	long h = strmap_find(&r->hosts, pf->host_name, r->cur_host, &slot);

	if (h >= 0)
		return h;
	if (grow_array((void **)&pf->host_name, &r->host_cap, pf->nhosts + 1,
		       sizeof(char *), 64))
		return -ENOMEM;
	pf->host_name[pf->nhosts++] = r->cur_host;
	r->cur_host = NULL;
	if (strmap_add(&r->hosts, pf->host_name, pf->nhosts, slot))
		return -ENOMEM;
	return (long)pf->nhosts - 1;
}

static int grow_rows(struct reader *r)
{
	struct planfile *pf = r->pf;
	size_t cap = r->vm_cap, need = pf->nvms + 1;
	void *p;

	if (grow_array((void **)&pf->vm, &r->vm_cap, need, sizeof(char *), 64))
		return -ENOMEM;
	if (r->vm_cap == cap)
		return 0;
	p = realloc(pf->host, r->vm_cap * sizeof(size_t));
	if (p)
		pf->host = p;
	p = p ? realloc(pf->line, r->vm_cap * sizeof(unsigned long)) : NULL;
	if (p)
		pf->line = p;
	return p ? 0 : -ENOMEM;
}

static int store_row(struct reader *r)
{
	struct planfile *pf = r->pf;
	size_t slot;
	long dup = strmap_find(&r->vms, pf->vm, r->cur_vm, &slot), h;

	if (dup >= 0)
		return csvfeed_fail(
		    &r->in, r->in.row_line, "vm",
		    "VM '%s' is placed twice (first on line %lu)", r->cur_vm,
		    pf->line[dup]);
	h = intern_host(r);
	if (h < 0 || grow_rows(r) < 0)
		return -ENOMEM;
	pf->vm[pf->nvms] = r->cur_vm;
	pf->host[pf->nvms] = (size_t)h;
	pf->line[pf->nvms++] = r->in.row_line;
	r->cur_vm = NULL;
	return strmap_add(&r->vms, pf->vm, pf->nvms, slot);
}

static void on_row(struct csvfeed *in, size_t nfields)
{
	struct reader *r = in->ctx;
	int nf = (int)nfields;

	if (!r->header_done)
		header_done(r);
	else if (nf < r->ncols)
		csvfeed_fail(
		    &r->in, in->row_line, r->col[nf],
		    "missing field (the row has %d field%s, the header %d)", nf,
		    nf == 1 ? "" : "s", r->ncols);
	else if (store_row(r) < 0)
		csvfeed_oom(&r->in);
	free(r->cur_vm);
	free(r->cur_host);
	r->cur_vm = r->cur_host = NULL;
}

static const char *colname(const struct csvfeed *in, size_t f)
{
	const struct reader *r = in->ctx;

	return r->header_done && f < (size_t)r->ncols ? r->col[f] : "(row)";
}

static int parse(struct reader *r, const char *path, FILE *fp)
{
	static const struct csvfeed_ops ops = {on_field, on_row, colname};
	int rc = csvfeed_read(&r->in, path, fp, &ops, r);

	if (rc == 0 && !r->header_done)
		return csvfeed_fail(
		    &r->in, 1, "vm",
		    "empty file: expected a header with vm and host "
		    "columns");
	if (rc == 0 && r->pf->nvms == 0)
		return csvfeed_fail(&r->in, r->in.line, "vm",
				    "no rows after the header");
	return rc;
}

/* Group rows by host (counting sort: file order within a host). */
static int group(struct planfile *pf)
{
	size_t *next;

	pf->host_start = calloc(pf->nhosts + 1, sizeof(size_t));
	pf->by_host = malloc(pf->nvms * sizeof(size_t));
	next = malloc(pf->nhosts * sizeof(size_t));
	if (!pf->host_start || !pf->by_host || !next) {
		free(next);
		return -ENOMEM;
	}
	for (size_t i = 0; i < pf->nvms; i++)
		pf->host_start[pf->host[i] + 1]++;
	for (size_t h = 0; h < pf->nhosts; h++) {
		pf->host_start[h + 1] += pf->host_start[h];
		next[h] = pf->host_start[h];
	}
	for (size_t i = 0; i < pf->nvms; i++)
		pf->by_host[next[pf->host[i]]++] = i;
	free(next);
	return 0;
}

static void reader_free(struct reader *r)
{
	strv_free(r->col, (size_t)r->ncols);
	free(r->cur_vm);
	free(r->cur_host);
	free(r->vms.slot);
	free(r->hosts.slot);
}

static int open_input(const char *path, FILE **fp)
{
	int rc;

	*fp = strcmp(path, "-") ? fopen(path, "r") : stdin;
	if (*fp)
		return 0;
	rc = -errno;
	error_msg("cannot open '%s': %s", path, strerror(-rc));
	return rc;
}

int planfile_read(const char *path, struct planfile **out)
{
	struct reader r = {.vm_col = -1, .host_col = -1};
	FILE *fp;
	int rc = -ENOMEM;

	r.pf = calloc(1, sizeof(*r.pf));
	if (!r.pf || !(r.pf->path = strdup(path)) || strmap_init(&r.vms) ||
	    strmap_init(&r.hosts))
		goto out;
	rc = open_input(path, &fp);
	if (rc < 0)
		goto out;
	rc = parse(&r, path, fp);
	if (fp != stdin)
		fclose(fp);
	if (rc == 0)
		rc = group(r.pf);
	if (rc == 0) {
		*out = r.pf;
		r.pf = NULL;
	}
out:
	planfile_destroy(r.pf);
	reader_free(&r);
	return rc;
}

void planfile_destroy(struct planfile *pf)
{
	if (!pf)
		return;
	strv_free(pf->vm, pf->nvms);
	strv_free(pf->host_name, pf->nhosts);
	free(pf->host);
	free(pf->line);
	free(pf->host_start);
	free(pf->by_host);
	free(pf->path);
	free(pf);
}

const char *planfile_path(const struct planfile *pf)
{
	return pf->path;
}

size_t planfile_nvms(const struct planfile *pf)
{
	return pf->nvms;
}

const char *planfile_vm(const struct planfile *pf, size_t row)
{
	return pf->vm[row];
}

size_t planfile_vm_host(const struct planfile *pf, size_t row)
{
	return pf->host[row];
}

unsigned long planfile_vm_line(const struct planfile *pf, size_t row)
{
	return pf->line[row];
}

size_t planfile_nhosts(const struct planfile *pf)
{
	return pf->nhosts;
}

const char *planfile_host(const struct planfile *pf, size_t host)
{
	return pf->host_name[host];
}

const size_t *planfile_host_rows(const struct planfile *pf, size_t host,
				 size_t *n)
{
	*n = pf->host_start[host + 1] - pf->host_start[host];
	return pf->by_host + pf->host_start[host];
}

/* --- writer --- */

/* Empty or duplicate VM names, extra columns named vm/host: -EINVAL. */
static int check_table(const struct planfile_table *t)
{
	struct strmap m;
	size_t slot;
	int rc = strmap_init(&m);

	for (size_t j = 0; rc == 0 && j < t->nextra; j++)
		if (!strcmp(t->extra_names[j], "vm") ||
		    !strcmp(t->extra_names[j], "host")) {
			error_msg("plan: extra column named '%s'",
				  t->extra_names[j]);
			rc = -EINVAL;
		}
	for (size_t i = 0; rc == 0 && i < t->nrows; i++) {
		if (!t->vm[i][0] || strmap_find(&m, (char *const *)t->vm,
						t->vm[i], &slot) >= 0) {
			error_msg("plan: %s VM name '%s' in row %zu",
				  t->vm[i][0] ? "duplicate" : "empty", t->vm[i],
				  i + 1);
			rc = -EINVAL;
			break;
		}
		rc = strmap_add(&m, (char *const *)t->vm, i + 1, slot);
	}
	free(m.slot);
	return rc;
}

static void write_table(FILE *fp, const struct planfile_table *t)
{
	fputs("vm,host", fp);
	for (size_t j = 0; j < t->nextra; j++) {
		fputc(',', fp);
		csvout_field(fp, t->extra_names[j]);
	}
	fputc('\n', fp);
	for (size_t i = 0; i < t->nrows; i++) {
		csvout_field(fp, t->vm[i]);
		fprintf(fp, ",%zu", t->host[i]);
		for (size_t j = 0; j < t->nextra; j++)
			fprintf(fp, ",%.10g", t->extra[i * t->nextra + j]);
		fputc('\n', fp);
	}
}

int planfile_write(const char *path, const struct planfile_table *table)
{
	struct outfile *of;
	int rc = check_table(table);

	if (rc == 0)
		rc = outfile_open(path, &of);
	if (rc < 0)
		return rc;
	write_table(outfile_fp(of), table);
	return outfile_commit(of);
}

/* The plan's bytes, in memory, so their hash can go into PLAN.meta. */
static int render(const struct planfile_table *table, char **buf, size_t *n)
{
	FILE *fp = open_memstream(buf, n);

	if (!fp)
		return -ENOMEM;
	write_table(fp, table);
	/* glibc's fclose returns 0 even when its last realloc failed, with
	 *BUF set to NULL: that is out of memory too. */
	return fclose(fp) == 0 && *buf ? 0 : -ENOMEM;
}

/* The .meta's bytes all reached its temporary file (checked before the
 * plan is renamed, so that a full disk leaves the old plan). */
static int meta_flushed(struct outfile *mof, const char *path)
{
	FILE *fp = outfile_fp(mof);

	errno = 0;
	if (fflush(fp) == 0 && !ferror(fp))
		return 0;
	error_msg("cannot write '%s.meta': %s", path,
		  strerror(errno ? errno : EIO));
	return -(errno ? errno : EIO);
}

static void unlink_meta(const char *path)
{
	char *meta = NULL;

	if (asprintf(&meta, "%s.meta", path) >= 0)
		unlink(meta);
	free(meta);
}

/* Open PATH.meta (a temporary file until committed). */
static int open_meta(const char *path, struct outfile **of)
{
	char *meta = NULL;
	int rc = asprintf(&meta, "%s.meta", path) < 0 ? -ENOMEM : 0;

	if (rc == 0)
		rc = outfile_open(meta, of);
	free(meta);
	return rc;
}

/* BUF[N], the plan, to OF; TERMS, with BUF's SHA-256, to MOF (NULL:
 * none), flushed. */
static int write_both(struct outfile *of, struct outfile *mof, const char *buf,
		      size_t n, const struct plan_terms *terms,
		      const char *path)
{
	char sha[SHA256_HEX_LEN + 1];
	struct sha256 h;

	fwrite(buf, 1, n, outfile_fp(of));
	if (!mof)
		return 0;
	sha256_init(&h);
	sha256_update(&h, buf, n);
	sha256_hex(&h, sha);
	planterms_write(outfile_fp(mof), terms, sha);
	return meta_flushed(mof, path);
}

/* Rename *MOF (may be NULL), then *OF, into place; each set to NULL once
 * committed or given up. The .meta first: if the plan then fails, the old
 * plan stays and the new .meta goes (a .meta whose hash matches no
 * plan). */
static int commit_both(struct outfile **of, struct outfile **mof,
		       const char *path)
{
	bool meta_done = false;
	int rc = 0;

	if (*mof) {
		rc = outfile_commit(*mof);
		*mof = NULL;
		meta_done = rc == 0;
	}
	if (rc == 0) {
		rc = outfile_commit(*of);
		*of = NULL;
		if (rc < 0 && meta_done)
			unlink_meta(path);
	}
	return rc;
}

int planfile_write_terms(const char *path, const struct planfile_table *table,
			 const struct plan_terms *terms)
{
	struct outfile *of = NULL, *mof = NULL;
	char *buf = NULL;
	size_t n = 0;
	int rc = check_table(table);

	/* Both files are written before either is renamed into place, so a
	   failure leaves the previous plan and its .meta as they were. */
	if (rc == 0)
		rc = render(table, &buf, &n);
	if (rc == 0)
		rc = outfile_open(path, &of);
	if (rc == 0 && !outfile_in_place(of) && terms)
		rc = open_meta(path, &mof);
	if (rc == 0)
		rc = write_both(of, mof, buf, n, terms, path);
	if (rc == 0)
		rc = commit_both(&of, &mof, path);
	outfile_abort(of);
	outfile_abort(mof);
	free(buf);
	return rc;
}

/*
 * partition.c - the partitioned ingest (partition.h): read a range, route
 * each row to its VM's owner, ingest what arrived.
 *
 * What a process sends another is a run list: for each run of consecutive
 * lines going there, a struct ingest_seg (its first line, counted from the
 * sender's range, 0 = its first line; its length in bytes; its number of
 * lines), then its bytes. The rows a process keeps are moved up in its
 * range's buffer, back to back, and listed by headers alone. Lines are
 * plain CSV rows (see partition.h), every one ending in '\n' (the file's
 * last line gets one if it lacks it). Each sender's rows reach
 * ingest_runs() as one segmented run (ingest.h): the received headers
 * taken out, the rows moved down back to back, so that the parse goes in
 * blocks rather than run by run (runs are ~2 lines when VMs alternate).
 */
#include "sim/store/partition.h"
#include "lib/error.h"
#include "lib/grow.h"
#include "lib/hash.h"
#include "lib/textline.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK (1 << 16)

/* A growing run list: run headers (struct ingest_seg) and, but for our
 * own rows, each run's bytes after its header. */
struct runs {
	char *b;
	size_t n, cap;
};

struct part {
	const struct ingest_comm *c;
	const char *path;
	unsigned buckets;
	int vmcol; /* the VM's column */
	char *hdr; /* the header line, with its '\n' (malloc'd) */
	size_t hlen;
	bool hdr_nl; /* the file has that '\n' */
	char *buf;   /* this process's lines (malloc'd) */
	size_t len;
	unsigned long nl; /* line ends in the range */
	bool odd;	  /* a line needs the full CSV rules */
	bool added;	  /* terminate() gave the last line its '\n' */
	unsigned (*default_buckets)(size_t nvms);
	struct runs *to; /* per process: what goes there */
	char *recv;	 /* what came, per process (malloc'd) */
	size_t *rcount;
	unsigned long *base; /* per process: the file line of its first */
	/* where next_run() is */
	int src;
	size_t from; /* the start of src's run list in recv */
	bool hdr_given;
	struct ingest_seg *seg; /* src's segments (malloc'd) */
	int err;		/* next_run() failed: out of memory */
};

/* N bytes from OFF of FD into DST (all of them, or -errno). */
static int read_at(int fd, char *dst, size_t n, off_t off)
{
	while (n) {
		ssize_t k = pread(fd, dst, n, off);

		if (k <= 0)
			return k < 0 ? -errno : -EIO;
		dst += k;
		n -= (size_t)k;
		off += k;
	}
	return 0;
}

/* The first line start at or after A (A - 1 holds '\n'), within [LO, N]. */
static int line_start(int fd, off_t a, off_t lo, off_t n, off_t *at)
{
	char b[CHUNK];

	if (a <= lo || a >= n) {
		*at = a <= lo ? lo : n;
		return 0;
	}
	for (off_t p = a - 1; p < n; p += CHUNK) {
		size_t k = (size_t)(n - p < CHUNK ? n - p : CHUNK);
		int rc = read_at(fd, b, k, p);
		const char *nl = rc ? NULL : memchr(b, '\n', k);

		if (rc)
			return rc;
		if (nl) {
			*at = p + (nl - b) + 1;
			return 0;
		}
	}
	*at = n;
	return 0;
}

/* Bytes [FROM, TO) of FD into P->buf, with room for one more byte. */
static int read_range(struct part *p, int fd, off_t from, off_t to)
{
	p->len = (size_t)(to - from);
	p->buf = malloc(p->len + 1);
	return p->buf ? read_at(fd, p->buf, p->len, from) : -ENOMEM;
}

/* The header (process 0 only) and this process's range of regular file
 * FD of N bytes; H: the header's end. */
static int read_file(struct part *p, int fd, off_t n)
{
	off_t h, from, to, np = p->c->size, r = p->c->rank;
	int rc = line_start(fd, 1, 0, n, &h);

	if (rc == 0)
		rc = line_start(fd, h + (n - h) * r / np, h, n, &from);
	if (rc == 0)
		rc = line_start(fd, h + (n - h) * (r + 1) / np, h, n, &to);
	if (rc == 0 && r == 0) {
		p->hlen = (size_t)h;
		p->hdr = malloc(p->hlen + 1);
		rc = p->hdr ? read_at(fd, p->hdr, p->hlen, 0) : -ENOMEM;
	}
	return rc == 0 ? read_range(p, fd, from, to) : rc;
}

/* Process 0: all of stream FP, the header split off. */
static int read_stream(struct part *p, FILE *fp)
{
	size_t cap = CHUNK, k;
	char *nl;

	p->buf = malloc(cap + 1);
	while (p->buf && (k = fread(p->buf + p->len, 1, cap - p->len, fp))) {
		char *b =
		    p->len + k < cap ? p->buf : realloc(p->buf, 2 * cap + 1);

		p->len += k;
		if (!b)
			return -ENOMEM; /* part_free() frees p->buf */
		cap = b == p->buf ? cap : 2 * cap;
		p->buf = b;
	}
	if (!p->buf)
		return -ENOMEM;
	if (ferror(fp))
		return -EIO;
	nl = memchr(p->buf, '\n', p->len);
	p->hlen = nl ? (size_t)(nl - p->buf) + 1 : p->len;
	if (!(p->hdr = malloc(p->hlen + 1)))
		return -ENOMEM;
	memcpy(p->hdr, p->buf, p->hlen);
	memmove(p->buf, p->buf + p->hlen, p->len - p->hlen);
	p->len -= p->hlen;
	return 0;
}

/* Whether PATH is read by ranges (every process) or as a stream (process
 * 0); this process's part read. *STREAM is agreed. A folder is refused by
 * every process, said by process 0 (as ingest_file says it). */
static int read_part(struct part *p, bool *stream)
{
	struct stat st;
	int64_t s = 0;
	int rc = 0, fd = -1;
	FILE *fp = NULL;

	if (p->c->rank == 0 && stat(p->path, &st) == 0 && S_ISDIR(st.st_mode))
		s = 2;
	else if (p->c->rank == 0)
		s = !strcmp(p->path, "-") ||
		    (stat(p->path, &st) == 0 && !S_ISREG(st.st_mode));
	if (p->c->reduce(p->c->ctx, &s, 1, INGEST_MAX))
		return -EPROTO;
	*stream = s;
	if (s == 2) {
		error_set_reported();
		return p->c->rank == 0 ? ingest_folder_error(p->path) : -EISDIR;
	}
	if (s && p->c->rank == 0) {
		fp = strcmp(p->path, "-") ? fopen(p->path, "r") : stdin;
		rc = fp ? read_stream(p, fp) : -errno;
	} else if (!s) {
		fd = open(p->path, O_RDONLY | O_CLOEXEC);
		rc = fd < 0 || fstat(fd, &st) ? -errno
					      : read_file(p, fd, st.st_size);
	}
	if (rc < 0)
		error_msg("cannot read '%s': %s", p->path, strerror(-rc));
	if (fp && fp != stdin)
		fclose(fp);
	if (fd >= 0)
		close(fd);
	return rc;
}

#define BYTES(b) (0x0101010101010101ull * (b))

/* Whether S[0..N) holds a byte that makes it more than a plain row: a
 * NUL, tab, CR, space or quote (8 bytes at a time: any below '#' first). */
static bool special(const char *s, size_t n)
{
	size_t i = 0;
	uint64_t w;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		if ((w - BYTES(0x23)) & ~w & BYTES(0x80))
			break;
	}
	for (; i < n; i++)
		if (!s[i] || s[i] == '\t' || s[i] == '\r' || s[i] == ' ' ||
		    s[i] == '"')
			return true;
	return false;
}

/* The header, from process 0 to all: plain, and which column is "vm";
 * P->odd if it is not one plain line naming a "vm" column. */
static int take_header(struct part *p)
{
	size_t *lens = calloc((size_t)p->c->size, sizeof(*lens)), n;
	char *all = NULL, *f;
	int rc = lens ? 0 : -ENOMEM;

	if (p->c->reduce(p->c->ctx, &(int64_t){rc}, 1, INGEST_MIN) ||
	    (rc == 0 &&
	     p->c->allgather(p->c->ctx, p->hdr, p->hlen, &all, lens)))
		rc = rc ? rc : -EPROTO;
	free(p->hdr);
	p->hdr = rc == 0 ? realloc(all, lens[0] + 1) : NULL;
	p->hlen = rc == 0 ? lens[0] : 0;
	free(lens);
	if (rc == 0 && !p->hdr)
		free(all);
	if (rc < 0 || !p->hdr)
		return rc < 0 ? rc : -ENOMEM;
	all = p->hdr;
	p->hdr_nl = p->hlen && all[p->hlen - 1] == '\n';
	if (!p->hdr_nl) /* a header alone, without its '\n' */
		all[p->hlen++] = '\n';
	n = p->hlen - 1;
	n -= n && all[n - 1] == '\r';
	p->odd = n == 0 || special(all, n);
	p->vmcol = -1;
	all += textline_bom(all, n); /* a spreadsheet's, before column 0 */
	for (int k = 0; !p->odd; k++, all = f + 1) {
		f = memchr(all, ',', n - (size_t)(all - p->hdr));
		if ((size_t)((f ? f : p->hdr + n) - all) == 2 &&
		    !memcmp(all, "vm", 2))
			p->vmcol = k;
		if (!f)
			break;
	}
	p->odd |= p->vmcol < 0;
	return 0;
}

/* The line at S (before E): the length of its body (without its "\n" or
 * "\r\n") into *BODY; where the next one starts. */
static char *line_at(char *s, const char *e, size_t *body)
{
	char *nl = memchr(s, '\n', (size_t)(e - s));

	*body = (size_t)(nl - s);
	*body -= *body && nl[-1] == '\r';
	return nl + 1;
}

/* The VM field of row S[0..N) into *F, *FN; false if the row has none. */
static bool vm_field(const struct part *p, const char *s, size_t n,
		     const char **f, size_t *fn)
{
	const char *e = s + n, *c;

	for (int k = 0; k < p->vmcol; k++, s = c + 1)
		if (!(c = memchr(s, ',', (size_t)(e - s))))
			return false;
	c = memchr(s, ',', (size_t)(e - s));
	*f = s;
	*fn = (size_t)((c ? c : e) - s);
	return true;
}

/* The owner of the row S[0..N): its VM's bucket's process (a row without
 * that field stays here, to be reported here). */
static int owner(const struct part *p, const char *s, size_t n)
{
	const char *f;
	size_t fn;

	if (!vm_field(p, s, n, &f, &fn))
		return p->c->rank;
	return (int)(hash_bytes(f, fn) % p->buckets % (unsigned)p->c->size);
}

/* Room for MORE bytes at the end of R. */
static int grow(struct runs *r, size_t more)
{
	return grow_array((void **)&r->b, &r->cap, r->n + more, 1, CHUNK);
}

/* S[0..N) onto the end of R. */
static int put(struct runs *r, const char *s, size_t n)
{
	if (grow(r, n) < 0)
		return -ENOMEM;
	memcpy(r->b + r->n, s, n);
	r->n += n;
	return 0;
}

/* The run of consecutive lines H at S going to process TO onto its run
 * list: its header, and its bytes unless it is ours (ours move up to
 * P->buf + *KEPT, over the rows sent). */
static int add_run(struct part *p, int to, const struct ingest_seg *h,
		   const char *s, size_t *kept)
{
	struct runs *r = &p->to[to];
	bool own = to == p->c->rank;
	size_t n = (size_t)h->len;

	if (grow(r, sizeof(*h) + (own ? 0 : n)) < 0)
		return -ENOMEM;
	memcpy(r->b + r->n, h, sizeof(*h));
	r->n += sizeof(*h);
	if (own && p->buf + *kept != s)
		memmove(p->buf + *kept, s, n);
	else if (!own)
		memcpy(r->b + r->n, s, n);
	r->n += own ? 0 : n;
	*kept += own ? n : 0;
	return 0;
}

/* Each row of the range onto the run list of its owner, a run of
 * consecutive lines at a time (ours stay in P->buf); P->nl. Stops at a
 * row that needs the full CSV rules (P->odd). */
static int scan(struct part *p)
{
	char *s = p->buf, *e = p->buf + p->len, *next, *b, *at = s;
	size_t kept = 0; /* our rows, moved to the front as we go */
	struct ingest_seg h = {0, 0, 0}; /* the open run, at AT */
	unsigned long i = 0;
	int rc = 0, cur = -1; /* the open run's owner, -1: none */

	for (; rc == 0 && !p->odd && s < e; s = next, i++) {
		size_t body;
		int to = -1; /* an empty line (ingest skips it) ends a run */

		next = line_at(s, e, &body);
		if (body && !(p->odd = special(s, body)))
			to = owner(p, s, body);
		if (to != cur && cur >= 0)
			rc = add_run(p, cur, &h, at, &kept);
		if (to != cur) {
			h = (struct ingest_seg){i, 0, 0};
			at = s;
			cur = to;
		}
		h.len += to >= 0 ? (uint64_t)(next - s) : 0;
		h.lines += to >= 0;
	}
	if (rc == 0 && cur >= 0)
		rc = add_run(p, cur, &h, at, &kept);
	p->nl = i - p->added;
	p->len = kept;
	if ((b = realloc(p->buf, kept + 1))) /* give back the rows sent */
		p->buf = b;
	return rc;
}

/* The range's last line ended, if the file's lacked its '\n'. */
static void terminate(struct part *p)
{
	p->added = p->len && p->buf[p->len - 1] != '\n';
	if (p->added) /* read_range() and read_stream() left room */
		p->buf[p->len++] = '\n';
}

/* Phase NAME has ended (ingest.h: struct ingest_comm's phase). */
static void mark(const struct ingest_comm *c, const char *name)
{
	if (c->phase)
		c->phase(c->ctx, name);
}

static int agree(const struct ingest_comm *c, int rc)
{
	int64_t v = rc;

	return c->reduce(c->ctx, &v, 1, INGEST_MIN) ? -EPROTO : (int)v;
}

/* Each process's first line (after the header, line 1), from the line
 * ends of the ranges before it; the file's line ends into *NL. */
static int number(struct part *p, unsigned long *nl)
{
	uint64_t mine = p->nl;
	size_t *lens = calloc((size_t)p->c->size, sizeof(*lens));
	char *all = NULL;
	int rc = agree(p->c, lens ? 0 : -ENOMEM);

	if (rc == 0 &&
	    p->c->allgather(p->c->ctx, &mine, sizeof(mine), &all, lens))
		rc = -EPROTO;
	*nl = p->hdr_nl;
	for (int r = 0; rc == 0 && r < p->c->size; r++) {
		memcpy(&mine, all + (size_t)r * sizeof(mine), sizeof(mine));
		p->base[r] = 1 + *nl;
		*nl += mine;
	}
	free(all);
	free(lens);
	return rc;
}

/* The run lists to their processes (ours stays); P->recv. */
static int exchange(struct part *p)
{
	int np = p->c->size, rc;
	size_t *scount = calloc((size_t)np, sizeof(*scount));
	const char **send = calloc((size_t)np, sizeof(*send));

	p->rcount = calloc((size_t)np, sizeof(*p->rcount));
	for (int r = 0; scount && send && r < np; r++) {
		scount[r] = r == p->c->rank ? 0 : p->to[r].n;
		send[r] = p->to[r].b;
	}
	rc = agree(p->c, scount && send && p->rcount ? 0 : -ENOMEM);
	if (rc == 0 &&
	    p->c->exchange(p->c->ctx, send, scount, &p->recv, p->rcount))
		rc = -EPROTO;
	for (int r = 0; r < np; r++)
		if (r != p->c->rank) {
			free(p->to[r].b);
			p->to[r] = (struct runs){0};
		}
	free(send);
	free(scount);
	return rc;
}

/* Our own rows as one segmented run: P->buf, the headers of P->to[rank]
 * made the file's lines. */
static size_t own_rows(struct part *p, struct ingest_run *run)
{
	struct runs *r = &p->to[p->c->rank];
	struct ingest_seg *g = (struct ingest_seg *)(void *)r->b;
	size_t n = r->n / sizeof(*g);

	for (size_t i = 0; i < n; i++)
		g[i].line += p->base[p->c->rank];
	*run = (struct ingest_run){p->buf, p->len, 0, g, n};
	return n;
}

/* The run list B[0..N) from process SRC as one segmented run: its
 * headers into P->seg (the file's lines), its rows moved down over them,
 * back to back. */
static int their_rows(struct part *p, char *b, size_t n, int src,
		      struct ingest_run *run)
{
	struct ingest_seg h;
	size_t k = 0, to = 0;

	for (size_t at = 0; at < n; at += sizeof(h) + (size_t)h.len, k++)
		memcpy(&h, b + at, sizeof(h));
	free(p->seg);
	if (!(p->seg = malloc((k ? k : 1) * sizeof(*p->seg))))
		return -ENOMEM;
	k = 0;
	for (size_t at = 0; at < n; at += (size_t)h.len, k++) {
		memcpy(&h, b + at, sizeof(h));
		at += sizeof(h);
		memmove(b + to, b + at, (size_t)h.len);
		to += (size_t)h.len;
		h.line += p->base[src];
		p->seg[k] = h;
	}
	*run = (struct ingest_run){b, to, 0, p->seg, k};
	return 0;
}

/* ingest_next_fn over the header, then each process's rows in order, one
 * segmented run each. */
static bool next_run(void *ctx, struct ingest_run *run)
{
	struct part *p = ctx;

	if (!p->hdr_given) {
		p->hdr_given = true;
		*run = (struct ingest_run){p->hdr, p->hlen, 1, NULL, 0};
		return true;
	}
	for (; p->src < p->c->size; p->from += p->rcount[p->src++]) {
		int src = p->src;

		if (src == p->c->rank ? own_rows(p, run) == 0
				      : p->rcount[src] == 0)
			continue;
		if (src != p->c->rank &&
		    (p->err = their_rows(p, p->recv + p->from, p->rcount[src],
					 src, run)))
			return false; /* see partition_ingest() */
		p->from += p->rcount[p->src++];
		return true;
	}
	return false;
}

static void part_free(struct part *p)
{
	for (int r = 0; p->to && r < p->c->size; r++)
		free(p->to[r].b);
	free(p->to);
	free(p->hdr);
	free(p->buf);
	free(p->recv);
	free(p->rcount);
	free(p->base);
	free(p->seg);
}

static size_t total(const size_t *n, int np)
{
	size_t t = 0;

	for (int r = 0; r < np; r++)
		t += n[r];
	return t;
}

/* A set of names, each S[0..N) in a buffer that outlives the set. */
struct names {
	struct name {
		uint64_t h;
		const char *s;
		size_t n;
	} * e;
	size_t n, cap; /* cap: 0 or a power of 2, at least twice n */
};

static struct name *slot(const struct names *t, const struct name *x)
{
	size_t i = x->h & (t->cap - 1);

	while (t->e[i].s && !(t->e[i].h == x->h && t->e[i].n == x->n &&
			      !memcmp(t->e[i].s, x->s, x->n)))
		i = (i + 1) & (t->cap - 1);
	return &t->e[i];
}

/* Add S[0..N) to T: *ADDED if it was not there. */
static int add_name(struct names *t, const char *s, size_t n, bool *added)
{
	struct name x = {hash_bytes(s, n), s, n}, *at;
	size_t cap = t->cap ? 2 * t->cap : 1024;

	if (2 * (t->n + 1) > t->cap) {
		struct names u = {calloc(cap, sizeof(*u.e)), t->n, cap};

		if (!u.e)
			return -ENOMEM;
		for (size_t i = 0; i < t->cap; i++)
			if (t->e[i].s)
				*slot(&u, &t->e[i]) = t->e[i];
		free(t->e);
		*t = u;
	}
	at = slot(t, &x);
	*added = !at->s;
	t->n += *added;
	*at = x;
	return 0;
}

/* Each VM name of the range once, "NAME\n", onto the list of process
 * hash(name) mod n (ours too), to be counted there. */
static int send_names(struct part *p)
{
	struct names t = {0};
	char *s = p->buf, *e = p->buf + p->len, *next;
	const char *f, *last = NULL;
	size_t body, fn, lastn = 0;
	int rc = 0;

	for (; rc == 0 && s < e; s = next) {
		bool added = false;
		struct runs *to;

		next = line_at(s, e, &body);
		if (!body || special(s, body) ||
		    !vm_field(p, s, body, &f, &fn) ||
		    (last && fn == lastn && !memcmp(f, last, fn)))
			continue; /* an odd row: the whole file will be read */
		rc = add_name(&t, f, fn, &added);
		to = &p->to[hash_bytes(f, fn) % (unsigned)p->c->size];
		if (rc == 0 && added &&
		    (put(to, f, fn) < 0 || put(to, "\n", 1) < 0))
			rc = -ENOMEM;
		last = f;
		lastn = fn;
	}
	free(t.e);
	return rc;
}

/* The names in S[0..N), one a line, into T. */
static int take_names(struct names *t, const char *s, size_t n)
{
	const char *e = s + n, *nl;
	bool added;

	for (; s < e; s = nl + 1) {
		nl = memchr(s, '\n', (size_t)(e - s));
		if (add_name(t, s, (size_t)(nl - s), &added) < 0)
			return -ENOMEM;
	}
	return 0;
}

/* B for the VMs of the whole file, counted where their names go (each
 * name to one process, so the counts add up): P->default_buckets(VMs). */
static int count_vms(struct part *p)
{
	struct names t = {0};
	int rc = send_names(p);
	int64_t n;

	rc = agree(p->c, rc);
	if (rc == 0)
		rc = exchange(p);
	if (rc == 0)
		rc = take_names(&t, p->recv, total(p->rcount, p->c->size));
	if (rc == 0)
		rc = take_names(&t, p->to[p->c->rank].b, p->to[p->c->rank].n);
	n = (int64_t)t.n;
	rc = agree(p->c, rc);
	if (rc == 0 && p->c->reduce(p->c->ctx, &n, 1, INGEST_SUM))
		rc = -EPROTO;
	p->buckets = p->default_buckets((size_t)n);
	free(t.e);
	free(p->to[p->c->rank].b);
	p->to[p->c->rank] = (struct runs){0};
	free(p->recv);
	free(p->rcount);
	p->recv = NULL;
	p->rcount = NULL;
	return rc;
}

/* Read and route (before ingest_runs()); *ODD: fall back (agreed). */
static int route(struct part *p, bool *odd)
{
	bool stream = false;
	int64_t v;
	int rc = read_part(p, &stream);

	mark(p->c, "read");
	rc = agree(p->c, rc == 0 && (!p->to || !p->base) ? -ENOMEM : rc);
	if (rc == 0)
		terminate(p);
	if (rc == 0)
		rc = take_header(p);
	if (rc == 0 && !p->odd && !p->buckets) {
		rc = count_vms(p);
		mark(p->c, "count");
	}
	if (rc == 0 && !p->odd)
		rc = scan(p);
	mark(p->c, "scan");
	v = p->odd;
	rc = agree(p->c, rc);
	if (rc == 0 && p->c->reduce(p->c->ctx, &v, 1, INGEST_MAX))
		rc = -EPROTO;
	*odd = rc == 0 && v;
	if (*odd && stream) {
		error_set_reported(); /* by process 0: */
		if (p->c->rank == 0)
			error_msg("'%s' is not a regular file and needs the "
				  "full CSV rules (quotes, spaces, ...), so it "
				  "cannot be split over the ranks: give it as "
				  "a file",
				  p->path);
		return -ENOTSUP;
	}
	return rc;
}

int partition_ingest(const char *path, unsigned *buckets,
		     unsigned (*default_buckets)(size_t nvms),
		     const struct ingest_comm *c,
		     const struct ingest_opts *opts, struct trace **out)
{
	struct part p = {.c = c,
			 .path = path,
			 .buckets = *buckets,
			 .default_buckets = default_buckets};
	unsigned long nl = 0;
	bool odd = false;
	int rc;

	p.to = calloc((size_t)c->size, sizeof(*p.to));
	p.base = calloc((size_t)c->size, sizeof(*p.base));
	rc = route(&p, &odd);
	if (rc == 0 && !odd)
		rc = number(&p, &nl);
	if (rc == 0 && !odd)
		rc = exchange(&p);
	mark(c, "exchange");
	if (rc == 0 && !odd) {
		rc = ingest_runs(path, next_run, &p, nl, c, opts, out, NULL);
		/* rows next_run() could not give (out of memory), agreed */
		int e = agree(c, rc ? rc : p.err);

		if (e < 0 && rc == 0) {
			trace_destroy(*out);
			*out = NULL;
		}
		rc = e;
	}
	part_free(&p);
	if (rc == 0 && odd) {
		rc = ingest_file(path, opts, out, NULL);
		mark(c, "ingest whole");
	}
	if (rc == 0)
		*buckets = odd && !*buckets ? default_buckets(trace_nvms(*out))
					    : p.buckets;
	return rc;
}

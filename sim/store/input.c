/*
 * input.c - a stream through the reader (see input.h). A regular file of
 * a few blocks or more: its first line (the header) fed, then its data
 * rows parsed by workers up to the first line they do not take; from
 * there on, and for any other input, the bytes are read ahead a block at
 * a time and fed.
 */
#include "sim/store/input.h"
#include "lib/error.h"
#include "lib/pool.h"
#include "lib/textline.h"
#include "sim/store/blocks.h"
#include "sim/store/readahead.h"
#include "sim/store/take.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BUF_SIZE (1 << 20)
#define HEAD_MAX (64 << 10) /* the longest header read ahead of the blocks */

/* take_feed() BUF[0..N), which may hold a NUL byte: the rows before it
 * are parsed (their errors come first), the NUL itself is an error. */
static int feed_bytes(struct reader *in, struct csv_parser *p, char *buf,
		      size_t n)
{
	const char *nul = memchr(buf, '\0', n);
	int rc = take_feed(in, p, buf, nul ? (size_t)(nul - buf) : n);

	if (rc == 0 && nul)
		rc = reader_fail(in, "(row)", "NUL byte in the data");
	return rc;
}

/* From FP's position to the end, through take_feed(), the next block read
 * ahead. */
static int read_rest(struct reader *in, struct csv_parser *p, FILE *fp)
{
	struct readahead *ra = NULL;
	char *buf;
	size_t n;
	int rc = 0;

	if (readahead_open(fp, BUF_SIZE, &ra) < 0)
		return -ENOMEM;
	while (rc == 0 && (n = readahead_next(ra, &buf)) > 0)
		rc = feed_bytes(in, p, buf, n);
	if (rc == 0 && readahead_error(ra)) {
		rc = -readahead_error(ra);
		error_msg("cannot read '%s': %s", in->path, strerror(-rc));
	}
	readahead_close(ra);
	return rc;
}

/* The data rows of FD from *AT on, parsed by worker threads, up to the
 * first line they do not take (*AT then at its start). */
static int read_blocks(struct reader *in, int fd, off_t *at, off_t size)
{
	struct blocks *b;
	const struct rows_out *o;
	const struct groups *g;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int threads = in->threads ? in->threads : cpus > 1 ? (int)cpus : 1;
	int rc = blocks_open(fd, *at, size, &in->fmt, threads, in->block, &b);

	if (rc < 0)
		return rc == -ENOMEM ? rc : 0; /* no thread: the general path */
	if (threads > 1 && pool_create((unsigned)threads, &in->pool) < 0)
		in->pool = NULL; /* stored by this thread alone: the same */
	while (!in->err && (o = blocks_next(b, &g))) {
		take_rows(in, o, g, in->line);
		*at += (off_t)o->bytes;
	}
	pool_destroy(in->pool);
	in->pool = NULL;
	blocks_close(b);
	return in->err;
}

/*
 * A regular file of a few blocks or more: its first line (the header) by
 * take_feed(), then its data rows by read_blocks(). FP is left where the
 * general path reads on (where it was if nothing was read).
 */
static int read_parallel(struct reader *in, struct csv_parser *p, FILE *fp)
{
	int fd = fileno(fp), rc = 0;
	off_t at = ftello(fp);
	struct stat st;
	char *head;
	ssize_t n;
	const char *nl;

	if (in->find || in->threads == 1 || !in->rereadable || at < 0 ||
	    fstat(fd, &st) < 0 || st.st_size - at < in->parallel_min)
		return 0;
	head = malloc(HEAD_MAX);
	if (!head)
		return -ENOMEM;
	n = pread(fd, head, HEAD_MAX, at);
	nl = n > 0 ? textline_end(head, (size_t)n) : NULL;
	if (nl && *nl == '\n') {
		rc = feed_bytes(in, p, head, (size_t)(nl - head) + 1);
		at += nl - head + 1;
		if (rc == 0 && in->header_done && in->fast && p->pstate == 0)
			rc = read_blocks(in, fd, &at, st.st_size);
	}
	free(head);
	if (rc == 0 && fseeko(fp, at, SEEK_SET) != 0) {
		rc = -errno;
		error_msg("cannot read '%s': %s", in->path, strerror(errno));
	}
	return rc;
}

int input_read(struct reader *in, FILE *fp)
{
	struct csv_parser p;
	int rc;

	if (csv_init(&p, CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0)
		return -ENOMEM;
	rc = read_parallel(in, &p, fp);
	if (rc == 0)
		rc = read_rest(in, &p, fp);
	if (rc == 0 && p.quoted && p.pstate == 2) { /* FIELD_BEGUN */
		in->line = in->rec_line;
		rc = reader_fail(in, "(row)",
				 "unterminated quoted field in the "
				 "record that starts on this line");
	}
	if (rc == 0) {
		reader_fini(in, &p);
		rc = in->err;
	}
	csv_free(&p);
	return rc;
}

unsigned long input_find_line(const struct reader *in, double t)
{
	struct reader f = {.path = in->path, .line = 1, .find = true};
	FILE *fp = NULL;

	f.find_time = t;
	if (!in->rereadable)
		return 0;
	if (strcmp(in->path, "-"))
		fp = fopen(in->path, "r");
	else if (fseek(stdin, 0, SEEK_SET) == 0)
		fp = stdin;
	if (!fp)
		return 0;
	input_read(&f, fp);
	if (fp != stdin)
		fclose(fp);
	return f.err == READER_FOUND ? f.found : 0;
}

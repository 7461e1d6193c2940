/*
 * reader.h - the canonical CSV reader's state, fed a stream line by line
 * (internal to the ingest: sim/store/ingest.c, input.c, take.c, grid.c,
 * step.c and agree.c share it).
 *
 * It takes whole physical lines (take_feed(), sim/store/take.h): the
 * common plain record by rows_parse() or fast_line(), any other by libcsv, so
 * that every message names the exact line, the first bad one in file
 * order. Each data row goes into the VM's samples (sim/store/samples.h);
 * VM names are interned in the order rows first name them, with the line
 * of each VM's first row. The first error stops the parse (in->err).
 */
#ifndef VMUX_READER_H
#define VMUX_READER_H

#include "lib/pool.h"
#include "sim/store/groups.h"
#include "sim/store/ingest.h"
#include "sim/store/rows.h"
#include "sim/store/trail.h"

#include <csv.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define READER_FOUND 1 /* in->err of a second reading that found its time */

struct reader {
	const char *path;
	unsigned long line;	/* physical line being fed */
	unsigned long rec_line; /* line the current record began on */
	bool cr_ended;		/* the last block fed ended in '\r' */
	int err;		/* first error, stops the parse */
	bool rereadable;	/* a regular file: input_find_line() can work */
	bool find;		/* a second reading, for FIND_TIME's line */
	double find_time;
	unsigned long found; /* the line it was found on */
	/* header */
	bool header_done;
	int ncols, field;
	int role[ROWS_MAX_COLS];
	unsigned mask;
	bool has_prov;
	/* current record */
	double time, prov[2];
	struct rows_num val[RES_COUNT];
	char time_text[24]; /* the text TIME was parsed from */
	size_t time_len;
	uint32_t vm;
	/* VM names: interned; the next row's VM is looked for first in the
	 * trail of the slot before (sim/store/trail.h: a time-sorted trace
	 * names its live VMs in the same order slot after slot), then guessed
	 * to be the last one plus vm_step (0 for VM-sorted input, 1 for
	 * time-sorted) */
	char **names;
	uint32_t nvms, names_cap;
	unsigned long *vline; /* the line of each VM's first row */
	double (*vprov)[2];   /* each VM's largest cpu_prov, mem_prov */
	uint32_t *vhash, vhsize;
	uint32_t last_vm, vm_step;
	struct trail *trail;
	struct samples *smp;
	/* the data rows' format, when rows_parse() can take them */
	struct rows_format fmt;
	bool fast;
	struct rows_out out; /* take_text()' records */
	uint32_t *ids;	     /* take_rows(): the records' VMs */
	uint32_t *order;     /* and their order by VM */
	double *times;	     /* may_group(): a VM's times */
	uint32_t *map;	     /* VM of each name of in->out */
	size_t map_cap;
	size_t ids_cap;
	struct groups grp; /* take_text(): in->out by name */
	struct pool *pool; /* input.c's read_blocks(): take.c's storers */
	uint32_t *stamp;   /* take.c's distinct(): per VM, stamp_gen if seen */
	size_t stamp_cap, stamped;
	uint32_t stamp_gen;
	int threads;
	size_t block;
	off_t parallel_min; /* the least file read by workers */
	size_t rows;
	/* a partitioned ingest (ingest_runs): its group, and the first parse
	 * error held, not printed, until the group agrees whose is first */
	const struct ingest_comm *comm;
	unsigned long err_line;
	char *err_field, *err_msg; /* malloc'd */
};

/*
 * Ready to read PATH, as part of group C (NULL: alone). 0 or -ENOMEM;
 * reader_free() in any case.
 */
int reader_init(struct reader *in, const char *path,
		const struct ingest_comm *c);
/* Free what IN holds (not IN). */
void reader_free(struct reader *in);
/* The role of header column NAME (a resource, time, vm, cpu_prov,
   mem_prov), or -1 for a name the canonical trace does not have. */
int reader_column(const char *name);

/*
 * The first error only, at in->line: printed, or held in a partitioned
 * ingest (struct reader); a second reading prints nothing. in->err.
 */
int reader_fail(struct reader *in, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * One physical line of BUF[0..N) (writable) by fast_line(), or up to the
 * next line end through libcsv (CRLF_TAIL: BUF starts with the '\n' of a
 * CRLF whose '\r' ended the previous piece): the bytes consumed, 0 on an
 * error (in->err). take_feed() (take.h) calls it for what rows_parse()
 * does not take.
 */
size_t reader_line(struct reader *in, struct csv_parser *p, char *buf, size_t n,
		   bool crlf_tail);
/* The end of the input: libcsv's last record. in->err. */
int reader_fini(struct reader *in, struct csv_parser *p);

/* NAME (LEN > 0 bytes) as the current row's VM, added if new; T is the
 * row's time, or NAN when not known yet (then the trail is not used). 0,
 * or an error (in->err). */
int reader_intern(struct reader *in, const char *name, size_t len, double t);
/* The current row (in->vm, in->time, in->val...) into the samples, or its
 * line noted by a second reading. 0 or an error. */
int reader_store_row(struct reader *in);

/* After the input: a whole header and a data row, else the error
 * (printed). */
int reader_check_shape(struct reader *in);

/* How many slots the VMs' spans may hold for ROWS rows read. */
double reader_max_cells(size_t rows);

#endif

/*
 * planfile.h - plan files: which VM runs on which host.
 *
 * Format: CSV with a header that names a `vm` and a `host` column, in any
 * order; other columns (such as `size_cpu`) are allowed and ignored by the
 * reader. One row per placed VM. `host` is any non-empty string (vmux plan
 * writes integer ids from 0); `vm` is a non-empty VM name, unique in the
 * file. Fields are quoted as in RFC 4180 where they hold a comma, a quote,
 * a line break or leading/trailing blanks (unquoted blanks are trimmed).
 *
 * Invariants of a plan read back: at least one row; hosts are numbered
 * 0..nhosts-1 in the order of their first appearance; rows keep file order;
 * every host holds at least one row.
 */
#ifndef VMUX_PLANFILE_H
#define VMUX_PLANFILE_H

#include <stddef.h>

struct planfile;

/*
 * Read PATH ("-" for standard input) into *OUT (free with
 * planfile_destroy). Bad data (no header, no `vm` or `host` column, a column
 * named twice, an empty VM or host name, a VM placed twice, a row with too
 * few or too many fields, an unterminated quote, no rows) prints
 * "FILE:LINE: field 'NAME': reason" and returns -EBADMSG; a file that cannot
 * be read prints its path and returns -errno; -ENOMEM.
 */
int planfile_read(const char *path, struct planfile **out);
/* Free a plan. NULL is a no-op. */
void planfile_destroy(struct planfile *pf);

/* The path it was read from (for messages). */
const char *planfile_path(const struct planfile *pf);

/* Rows (= placed VMs), in file order. */
size_t planfile_nvms(const struct planfile *pf);
const char *planfile_vm(const struct planfile *pf, size_t row);
/* Host index of ROW, 0..planfile_nhosts()-1. */
size_t planfile_vm_host(const struct planfile *pf, size_t row);
/* Line of the file ROW begins on (1 = the header). */
unsigned long planfile_vm_line(const struct planfile *pf, size_t row);

/* Hosts, in order of first appearance. */
size_t planfile_nhosts(const struct planfile *pf);
const char *planfile_host(const struct planfile *pf, size_t host);
/*
 * The rows placed on HOST, in file order: *N row indices (N >= 1). The
 * array belongs to PF.
 */
const size_t *planfile_host_rows(const struct planfile *pf, size_t host,
				 size_t *n);

/*
 * What planfile_write() writes: NROWS rows `vm,host[,extra...]`. VM[i] is
 * the name of row i (unique, non-empty), HOST[i] its host id. NEXTRA extra
 * columns follow, named EXTRA_NAMES[0..NEXTRA), their values row-major in
 * EXTRA[i * NEXTRA + j] (NULL when NEXTRA = 0), printed with 10
 * significant digits. The caller keeps ownership of every array.
 */
struct planfile_table {
	size_t nrows;
	const char *const *vm;
	const size_t *host;
	size_t nextra;
	const char *const *extra_names;
	const double *extra;
};

/*
 * Write TABLE to PATH ("-" = standard output) through outfile.h, so a
 * failure leaves nothing behind. Names are quoted where needed so that
 * planfile_read() gives them back exactly. -EINVAL (with a message) for an
 * empty or duplicate VM name or an extra column named vm or host; -errno
 * for I/O (path printed).
 */
int planfile_write(const char *path, const struct planfile_table *table);

struct plan_terms;

/*
 * planfile_write(), then the terms TERMS (may be NULL: none) in PATH.meta
 * (sim/plan/planterms.h), written after the plan and recording its
 * SHA-256; when PATH.meta cannot be written the plan is removed again.
 * Output written in place (standard output, a device, a FIFO) gets no
 * PATH.meta: there is no file to put it beside.
 */
int planfile_write_terms(const char *path, const struct planfile_table *table,
			 const struct plan_terms *terms);

#endif

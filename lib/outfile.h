/*
 * outfile.h - outputs that appear whole or not at all.
 *
 * outfile_open() creates a temporary file beside PATH; outfile_commit()
 * flushes it and renames it over PATH; outfile_abort() removes it. A failed
 * run therefore never leaves a half-written plan, CSV or report.
 *
 * PATH is never replaced by something else: a symbolic link is followed and
 * its target replaced; a folder or block device is refused (-EISDIR,
 * -EPERM). What a program reads is all or nothing too: PATH "-" (standard
 * output, unless that is a character device) and a FIFO given as PATH are
 * written to a spool, an unnamed file in $TMPDIR (else /tmp; O_TMPFILE, or
 * a name unlinked at once, so nothing is left even after SIGKILL), copied
 * to the pipe on commit and dropped by abort: the next command of a pipe
 * reads the whole output or nothing. A socket cannot be opened by name
 * (-EIO). A character device (/dev/null, /dev/full, a terminal), given as
 * PATH or as standard output, is written in place: it is never replaced,
 * and what reached it cannot be taken back.
 */
#ifndef VMUX_OUTFILE_H
#define VMUX_OUTFILE_H

#include <stdbool.h>
#include <stdio.h>

struct outfile;

/* Open a temporary file for PATH. Prints a message naming PATH on failure. */
int outfile_open(const char *path, struct outfile **out);
/* Would outfile_open(PATH) succeed, as far as can be told without
 * creating anything: PATH is "-", a device, FIFO or socket, or a file (or
 * nothing yet) in a folder that exists and may be written; a spool's
 * folder exists and may be written. 0, or -errno
 * with outfile_open()'s message. Commands check their outputs with it
 * before the work (lib/opt.h's OPT_OUTFILE), so that a mistyped -o fails
 * at once, not after an hour of planning. */
int outfile_check(const char *path);
/* A file without a name in folder DIR, for reading and writing (a spool,
 * a guest's scratch disk): made with O_TMPFILE, or where the file system
 * refuses it (EOPNOTSUPP, EISDIR, EINVAL) with a name unlinked at once.
 * Its descriptor (close-on-exec), or -errno. */
int outfile_unnamed(const char *dir);
/* The folder a file named PATH is in ("." for a bare name, "/" for one
 * at the root), malloc'd; NULL if out of memory. */
char *outfile_folder(const char *path);
/* Whether A and B would be written as one file: the same path, the same
 * existing file, or the same name in the same folder (links followed).
 * "-" is standard output only as the path "-" itself. */
bool outfile_same(const char *a, const char *b);
/* The stream to write to; valid until commit or abort. */
FILE *outfile_fp(struct outfile *of);
/* True when the output is not renamed into place (standard output, a
 * device, a FIFO): there is no file to put side files such as FILE.meta
 * beside. */
bool outfile_in_place(const struct outfile *of);
/* Flush OF's stream: 0 when every byte reached its temporary file, or
 * -errno with a message naming it. For an output renamed after another:
 * flushed before the other is committed, its own commit then cannot fail
 * for a full disk. */
int outfile_flush(struct outfile *of);
/* Flush, close and rename into place; frees OF whatever the result. */
int outfile_commit(struct outfile *of);
/* Commit the N outputs of one command together (NULL entries skipped):
 * all are flushed and closed first, and renamed into place only when all
 * are complete; if one fails, all its temporary files are removed (with a
 * message naming the one that failed), so none appears. Spools are
 * flushed with the files; then spools are copied to their pipes and
 * outputs written in place (a device) flushed, last, since they cannot
 * be taken back; then the files are renamed. Frees and clears every
 * OF[i]. */
int outfile_commit_all(struct outfile **of, size_t n);
/* Discard the temporary file and free OF. NULL is a no-op. */
void outfile_abort(struct outfile *of);
/* fclose() for a stream written directly (a file inside an output
 * folder): also fails (EOF, errno EIO) when any earlier write on FP
 * failed, which fclose alone forgets once its final flush succeeds. */
int outfile_fclose(FILE *fp);
/* Hold descriptors 0-2, where closed (`>&-`, `2>&-`), on /dev/null opened
 * for the other direction, so that a file opened later cannot take one
 * (a disk image receiving the console) and using the closed stream still
 * fails with EBADF. Best effort; called first by main. */
void outfile_hold_std_fds(void);
/* Flush standard output: 0, or -errno (-EIO when only its error flag
 * tells) with a message naming it, e.g. before committing a file whose
 * command also prints on standard output. Reports once per process. */
int outfile_check_stdout(void);
/* Send standard output through a stream that keeps the errno of its first
 * failed write, buffered by MODE (_IOLBF, _IOFBF), so that
 * outfile_check_stdout() names the cause ("No space left on device")
 * also when the write failed on another thread (errno is per thread) or
 * long before. Flushes the old stream first. 0, or -errno. */
int outfile_keep_stdout_errno(int mode);

#endif

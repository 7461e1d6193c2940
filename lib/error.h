/*
 * error.h - exit statuses and messages.
 *
 * Convention: functions that can fail return 0 or a negative errno, having
 * already printed a message that names what failed:
 *   -EBADMSG   bad input data ("FILE:LINE: field 'NAME': reason")   -> 65
 *   -ENOENT, -EACCES, -EIO, -ENOSPC, ... from the system, path named -> 74
 *   -ENODEV, -ENOTSUP, -ENXIO: a required facility is missing       -> 69
 *   -ENOMEM: out of memory ("Cannot allocate memory")              -> 71
 *   anything else                                                   -> 70
 * Usage errors are found by the commands themselves and exit 2.
 * Quoted values ('...') longer than ERROR_QUOTE_MAX bytes in a data error
 * are cut to that length and marked "...", so a 2 MB field never becomes a
 * 2 MB message. In every message (errors, warnings, notes, usage errors,
 * error_line()'s), control bytes (below 0x20, and 0x7f) are written as
 * \xNN: a line break or a terminal escape sequence in a value echoed from
 * the data or the command line (--percentile $'9\n5') cannot split the
 * message or recolour the terminal. error_exit_code() prints strerror for a
 * failure nothing was said about yet (a bare -ENOMEM from deep inside), so
 * every failing run says why.
 */
#ifndef VMUX_ERROR_H
#define VMUX_ERROR_H

#include <stdarg.h>
#include <stdbool.h>

#define ERROR_QUOTE_MAX 60

enum vmux_exit {
	VMUX_EXIT_OK = 0,
	VMUX_EXIT_USAGE = 2,
	VMUX_EXIT_DATA = 65,
	VMUX_EXIT_UNAVAILABLE = 69,
	VMUX_EXIT_INTERNAL = 70,
	VMUX_EXIT_OSERR = 71,
	VMUX_EXIT_IO = 74,
	VMUX_EXIT_TEMPFAIL = 75, /* a measurement spoiled by other load */
};

/* Print "vmux: MESSAGE\n" to stderr. */
void error_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print "MESSAGE\n" to stderr, no prefix (a command's progress lines,
 * "validate: host NAME: ..."), control bytes escaped as in every message. */
void error_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print "vmux: note: MESSAGE\n" to stderr: information, nothing wrong. */
void error_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print "vmux: warning: MESSAGE\n" to stderr. */
void error_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print "FILE:LINE: field 'FIELD': REASON\n" and return -EBADMSG. */
int error_data(const char *file, unsigned long line, const char *field,
	       const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* error_data() with a va_list. */
int error_vdata(const char *file, unsigned long line, const char *field,
		const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));
/* Map a negative errno from a failed call to the process exit status;
 * prints "vmux CMD: STRERROR" first if no message has been printed yet
 * (CMD as given to error_set_command(); "vmux: STRERROR" before any). */
int error_exit_code(int rc);
/* Name the command that runs, for error_exit_code()'s message: a bare
 * "Cannot allocate memory" from deep inside then says which command
 * failed. NAME is not copied (a string literal or argv). */
void error_set_command(const char *name);
/* True once error_msg(), error_data() or error_usage() has printed. */
bool error_reported(void);
/* Count the failure as reported: another process of a group said it. */
void error_set_reported(void);
/*
 * Report a usage error, "vmux CMD: MESSAGE; see 'vmux CMD --help'" (the one
 * format of every usage error, lib/opt.h), and return VMUX_EXIT_USAGE.
 */
int error_usage(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* error_usage() with a va_list. */
int error_vusage(const char *cmd, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

#endif

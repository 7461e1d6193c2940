/*
 * error.c - messages on stderr and the errno -> exit status mapping that
 * every command shares (see error.h for the convention).
 */
#include "lib/error.h"

#include <errno.h>
#include <stdio.h>

/* "vmux: WHAT" and the message, one line on stderr. */
static void say(const char *what, const char *fmt, va_list ap)
{
	fprintf(stderr, "vmux: %s", what);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void error_msg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say("", fmt, ap);
	va_end(ap);
}

void error_note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say("note: ", fmt, ap);
	va_end(ap);
}

void error_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say("warning: ", fmt, ap);
	va_end(ap);
}

int error_data(const char *file, unsigned long line, const char *field,
	       const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "%s:%lu: field '%s': ", file, line, field);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return -EBADMSG;
}

int error_vdata(const char *file, unsigned long line, const char *field,
		const char *fmt, va_list ap)
{
	fprintf(stderr, "%s:%lu: field '%s': ", file, line, field);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	return -EBADMSG;
}

int error_vusage(const char *cmd, const char *fmt, va_list ap)
{
	fprintf(stderr, "vmux %s: ", cmd);
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "; see 'vmux %s --help'\n", cmd);
	return VMUX_EXIT_USAGE;
}

int error_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	error_vusage(cmd, fmt, ap);
	va_end(ap);
	return VMUX_EXIT_USAGE;
}

int error_exit_code(int rc)
{
	switch (-rc) {
	case 0:
		return VMUX_EXIT_OK;
	case ENOMEM:
		return VMUX_EXIT_OSERR;
	case EBADMSG:
		return VMUX_EXIT_DATA;
	case ENOENT:
	case EACCES:
	case EPERM:
	case EIO:
	case ENOSPC:
	case EISDIR:
	case ENOTDIR:
	case EROFS:
	case EEXIST:
	case EFBIG:
	case EDQUOT:
	case ELOOP:
	case ENAMETOOLONG:
	case EPIPE:
	case ETXTBSY:
	case EMFILE:
	case ENFILE:
		return VMUX_EXIT_IO;
	case ENODEV:
	case ENOTSUP:
	case ENXIO:
		return VMUX_EXIT_UNAVAILABLE;
	default:
		return VMUX_EXIT_INTERNAL;
	}
}

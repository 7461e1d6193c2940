/*
 * error.c - messages on stderr and the errno -> exit status mapping that
 * every command shares (see error.h for the convention).
 */
#include "lib/error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool reported;

bool error_reported(void)
{
	return reported;
}

void error_set_reported(void)
{
	reported = true;
}

/* Write S to stderr with every quoted run longer than ERROR_QUOTE_MAX
 * bytes cut there (at a UTF-8 character boundary) and marked "...". */
static void put_clipped(const char *s)
{
	const char *q, *end;

	while ((q = strchr(s, '\'')) && (end = strchr(q + 1, '\''))) {
		size_t n = (size_t)(end - q - 1);

		fwrite(s, 1, (size_t)(q + 1 - s), stderr);
		if (n > ERROR_QUOTE_MAX) {
			n = ERROR_QUOTE_MAX;
			while (n > 0 &&
			       ((unsigned char)q[1 + n] & 0xC0) == 0x80)
				n--;
			fwrite(q + 1, 1, n, stderr);
			fputs("...", stderr);
		} else {
			fwrite(q + 1, 1, n, stderr);
		}
		fputc('\'', stderr);
		s = end + 1;
	}
	fputs(s, stderr);
}

/* "vmux: WHAT" and the message, one line on stderr. */
__attribute__((format(printf, 2, 0))) static void
say(const char *what, const char *fmt, va_list ap)
{
	fprintf(stderr, "vmux: %s", what);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void error_msg(const char *fmt, ...)
{
	va_list ap;

	reported = true;
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
	error_vdata(file, line, field, fmt, ap);
	va_end(ap);
	return -EBADMSG;
}

int error_vdata(const char *file, unsigned long line, const char *field,
		const char *fmt, va_list ap)
{
	char *head = NULL, *msg = NULL;
	va_list cp;

	reported = true;
	va_copy(cp, ap);
	if (asprintf(&head, "%s:%lu: field '%s': ", file, line, field) >= 0 &&
	    vasprintf(&msg, fmt, cp) >= 0) {
		fputs(file, stderr); /* the path is never cut */
		put_clipped(head + strlen(file));
		put_clipped(msg);
	} else { /* out of memory: say it uncut rather than not at all */
		msg = NULL;
		fprintf(stderr, "%s:%lu: field '%.*s': ", file, line,
			ERROR_QUOTE_MAX, field);
		vfprintf(stderr, fmt, ap);
	}
	va_end(cp);
	fputc('\n', stderr);
	free(head);
	free(msg);
	return -EBADMSG;
}

int error_vusage(const char *cmd, const char *fmt, va_list ap)
{
	reported = true;
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
	if (rc < 0 && !reported)
		error_msg("%s", strerror(-rc));
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

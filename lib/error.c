/*
 * error.c - messages on stderr and the errno -> exit status mapping that
 * every command shares (see error.h for the convention).
 */
#include "lib/error.h"
#include "lib/textwidth.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool reported;
static const char *command;

void error_set_command(const char *name)
{
	command = name;
}

bool error_reported(void)
{
	return reported;
}

void error_set_reported(void)
{
	reported = true;
}

/* Write quoted data S[0..N): a control byte as \xNN, so that a line
 * break or a terminal escape sequence in the data keeps the message one
 * plain line. */
static void put_data(const char *s, size_t n)
{
	textwidth_putn(stderr, s, n);
}

/* Write S to stderr with every quoted run longer than MAX bytes cut
 * there (at a UTF-8 character boundary) and marked "...", and every
 * control byte escaped (put_data): in the quoted runs and outside them,
 * since a value holding a quote of its own ('9'x') ends its run early. */
static void put_quoted(const char *s, size_t max)
{
	const char *q, *end;

	while ((q = strchr(s, '\'')) && (end = strchr(q + 1, '\''))) {
		size_t n = (size_t)(end - q - 1);

		put_data(s, (size_t)(q + 1 - s));
		if (n > max) {
			n = max;
			while (n > 0 &&
			       ((unsigned char)q[1 + n] & 0xC0) == 0x80)
				n--;
			put_data(q + 1, n);
			fputs("...", stderr);
		} else {
			put_data(q + 1, n);
		}
		fputc('\'', stderr);
		s = end + 1;
	}
	put_data(s, strlen(s));
}

/* FMT with AP to stderr as put_quoted() writes it: names and values in
 * messages (of VMs, paths, option values) may hold any byte, so their
 * control bytes are escaped and the message stays one line. */
__attribute__((format(printf, 1, 0))) static void put_message(const char *fmt,
							      va_list ap)
{
	char *msg = NULL;
	va_list cp;

	va_copy(cp, ap);
	if (vasprintf(&msg, fmt, cp) >= 0)
		put_quoted(msg, SIZE_MAX);
	else /* out of memory: say it as it is rather than not at all */
		vfprintf(stderr, fmt, ap);
	va_end(cp);
	free(msg);
}

/* "vmux: WHAT" and the message, one line on stderr. */
__attribute__((format(printf, 2, 0))) static void
say(const char *what, const char *fmt, va_list ap)
{
	fprintf(stderr, "vmux: %s", what);
	put_message(fmt, ap);
	fputc('\n', stderr);
}

void error_line(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	put_message(fmt, ap);
	va_end(ap);
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
		put_data(file, strlen(file)); /* the path is never cut */
		put_quoted(head + strlen(file), ERROR_QUOTE_MAX);
		put_quoted(msg, ERROR_QUOTE_MAX);
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
	put_message(fmt, ap);
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
	if (rc < 0 && !reported && command) {
		fprintf(stderr, "vmux %s: %s\n", command, strerror(-rc));
		reported = true;
	} else if (rc < 0 && !reported) {
		error_msg("%s", strerror(-rc));
	}
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

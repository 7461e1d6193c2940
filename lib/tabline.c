/*
 * tabline.c - tab-separated records read line by line (see tabline.h).
 */
#include "lib/tabline.h"
#include "lib/error.h"
#include "lib/textline.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

int tabline_next(struct tabline *r, const char *end, const char *what)
{
	ssize_t n = getline(&r->buf, &r->cap, r->fp);
	int max = r->max < TABLINE_MAX_FIELDS ? r->max : TABLINE_MAX_FIELDS;
	char *s;
	int rc;

	r->line++;
	if (n < 0 && (rc = textline_stop(r->fp)) == 0)
		rc = error_data(r->name, r->line, end, "the file ends early");
	if (n < 0)
		return rc;
	if (n && r->buf[n - 1] == '\n')
		r->buf[--n] = 0;
	if (strlen(r->buf) != (size_t)n)
		return error_data(r->name, r->line, what ? what : "(row)",
				  "a NUL byte");
	for (r->nf = 0, s = r->buf; r->nf < max;) {
		r->f[r->nf++] = s;
		s = strchr(s, '\t');
		if (!s)
			return 0;
		*s++ = 0;
	}
	return error_data(r->name, r->line, what ? what : r->f[0],
			  "too many fields");
}

bool tabline_u64(const struct tabline *r, int i, uint64_t max, uint64_t *out)
{
	const char *s = r->f[i];
	char *end;

	errno = 0;
	*out = strtoull(s, &end, 10);
	return isdigit((unsigned char)*s) && !errno && !*end && *out <= max;
}

bool tabline_i64(const struct tabline *r, int i, int64_t *out)
{
	const char *s = r->f[i];
	char *end;

	errno = 0;
	*out = strtoll(s, &end, 10);
	return isdigit((unsigned char)s[*s == '-']) && !errno && !*end;
}

bool tabline_num(const struct tabline *r, int i, double *out)
{
	const char *s = r->f[i];
	char *end;

	*out = strtod(s, &end);
	return *s && !isspace((unsigned char)*s) && end != s && !*end;
}

void tabline_free(struct tabline *r)
{
	if (r)
		free(r->buf);
}

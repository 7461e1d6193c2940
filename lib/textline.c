/*
 * textline.c - physical line ends (see textline.h).
 */
#include "lib/textline.h"

#include <errno.h>
#include <string.h>

const char *textline_end(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			return s + i;
		if (s[i] == '\r' && (i + 1 == n || s[i + 1] != '\n'))
			return s + i;
	}
	return NULL;
}

bool textline_crlf_tail(bool prev_cr, const char *s, size_t n)
{
	return prev_cr && n > 0 && s[0] == '\n';
}

size_t textline_bom(const char *s, size_t n)
{
	return n >= 3 && !memcmp(s, "\xef\xbb\xbf", 3) ? 3 : 0;
}

int textline_stop(FILE *fp)
{
	if (ferror(fp))
		return -EIO;
	return feof(fp) ? 0 : -ENOMEM;
}

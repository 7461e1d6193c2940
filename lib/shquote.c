/*
 * shquote.c - words for a POSIX shell (shquote.h).
 */
#include "lib/shquote.h"
#include "lib/strv.h"

#include <stdlib.h>
#include <string.h>

/* Bytes no shell reads specially anywhere in a word. */
static const char safe[] = "abcdefghijklmnopqrstuvwxyz"
			   "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
			   "0123456789_-./,:=+@%";

void shquote_put(FILE *fp, const char *s)
{
	if (*s && s[strspn(s, safe)] == '\0') {
		fputs(s, fp);
		return;
	}
	fputc('\'', fp);
	for (; *s; s++) {
		if (*s == '\'')
			fputs("'\\''", fp);
		else
			fputc(*s, fp);
	}
	fputc('\'', fp);
}

char *shquote_line(const char *first, int n, char *const *argv)
{
	const char **w = malloc(((size_t)n + 1) * sizeof(*w));
	char *s;

	if (!w)
		return NULL;
	w[0] = first;
	for (int i = 0; i < n; i++)
		w[i + 1] = argv[i];
	s = strv_join(w, (size_t)n + 1, ' ', shquote_put);
	free(w);
	return s;
}

/*
 * shquote.c - words for a POSIX shell (shquote.h).
 */
#include "lib/shquote.h"

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
	char *s = NULL;
	size_t len;
	FILE *fp = open_memstream(&s, &len);
	int bad;

	if (!fp)
		return NULL;
	shquote_put(fp, first);
	for (int i = 0; i < n; i++) {
		fputc(' ', fp);
		shquote_put(fp, argv[i]);
	}
	bad = ferror(fp);
	if (fclose(fp) != 0 || bad) {
		free(s);
		return NULL;
	}
	return s;
}

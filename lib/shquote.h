/*
 * shquote.h - words written for a POSIX shell: a word of safe bytes alone
 * (letters, digits and _ - . / , : = + @ %) as it is, any other (spaces,
 * quotes, $, *, ~, non-ASCII bytes, the empty word) in single quotes, a
 * quote inside written '\''. Pasted into sh, the text gives the words back.
 */
#ifndef VMUX_SHQUOTE_H
#define VMUX_SHQUOTE_H

#include <stdio.h>

/* S as one shell word to FP. Errors are FP's (ferror()). */
void shquote_put(FILE *fp, const char *s);

/* FIRST, then the N words of ARGV, each through shquote_put(), separated
   by spaces: malloc'd, or NULL (out of memory). */
char *shquote_line(const char *first, int n, char *const *argv);

#endif

/*
 * textwidth.h - how many terminal columns a UTF-8 string takes, and a
 * name padded to a column by that width, for the human tables whose
 * first column is a name (a VM group, a host): printf's "%-*s" pads by
 * bytes, so "café" (5 bytes, 4 columns) sat one column short.
 *
 * Width of a character: 0 for a combining mark or a zero-width one, 2 for
 * an East Asian wide or full-width one (CJK, Hangul, full-width forms,
 * most emoji), 1 for any other, and 1 for each byte that is not valid
 * UTF-8 (a terminal shows it as one replacement character). A control
 * byte (below 0x20, and 0x7f: a tab, a line break, ESC) is written as
 * \xNN, 4 columns, as messages write it (lib/error.h): a name holding one
 * keeps its row one line and the terminal's colours its own.
 */
#ifndef VMUX_TEXTWIDTH_H
#define VMUX_TEXTWIDTH_H

#include <stddef.h>
#include <stdio.h>

/* The columns S takes. */
size_t textwidth(const char *s);
/* S to FP (control bytes as \xNN), then spaces up to WIDTH columns ("%-*s"
 * by display width). */
void textwidth_pad(FILE *fp, const char *s, size_t width);
/* The N bytes at S to FP, control bytes as \xNN: the one writer of names
 * in human text (every name a human output prints on stdout: hosts, VMs,
 * groups) and of quoted data in messages (lib/error.c). */
void textwidth_putn(FILE *fp, const char *s, size_t n);
/* S to FP as textwidth_putn() writes it. */
void textwidth_put(FILE *fp, const char *s);

#endif

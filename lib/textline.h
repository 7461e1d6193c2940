/*
 * textline.h - where a physical line of text ends, for readers that count
 * lines in their messages. A line ends at '\n' (so "\r\n" is one end) or
 * at a '\r' not followed by '\n' (old Mac files). A block read from a
 * file may end between the '\r' and the '\n' of one "\r\n": the '\r'
 * then counts as the line end and the caller must not count the '\n'
 * opening the next block again (textline_crlf_tail()).
 */
#ifndef VMUX_TEXTLINE_H
#define VMUX_TEXTLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The last byte of the first line in S[0..N), or NULL if there is no line
 * end in the block. */
const char *textline_end(const char *s, size_t n);
/* Whether block S[0..N) (N > 0) opens with the '\n' of a "\r\n" whose
 * '\r' ended the previous block (PREV_CR: it did). */
bool textline_crlf_tail(bool prev_cr, const char *s, size_t n);
/* The length of a UTF-8 byte order mark opening S[0..N): 3, or 0 if there
 * is none. Spreadsheet programs write one at the start of a CSV file they
 * save; it belongs to no field, and readers skip it before the header. */
size_t textline_bom(const char *s, size_t n);
/* Why getline() on FP returned -1: 0 at the end of the file, -EIO on a
 * read error, -ENOMEM when it stopped without either (its buffer could
 * not grow: that is no end of file, and reading it as one would cut the
 * input short without a word). */
int textline_stop(FILE *fp);

#endif

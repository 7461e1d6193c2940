/*
 * names.h - tables of names: NULL-terminated arrays of strings, where a
 * name's index is the value of an enum (resources, policies, backends,
 * option choices).
 */
#ifndef VMUX_NAMES_H
#define VMUX_NAMES_H

#include <stddef.h>

/* The index of NAME in the NULL-terminated table NAMES, or -1 if absent. */
int names_index(const char *const *names, const char *name);

/*
 * The names whose bit (1 << index) is set in MASK, in table order, SEP
 * between two, into BUF[N] (cut to fit, always terminated; "" for none).
 * Returns BUF.
 */
char *names_of_mask(const char *const *names, unsigned mask, const char *sep,
		    char *buf, size_t n);

#endif

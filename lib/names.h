/*
 * names.h - tables of names: NULL-terminated arrays of strings, where a
 * name's index is the value of an enum (resources, policies, backends,
 * option choices).
 */
#ifndef VMUX_NAMES_H
#define VMUX_NAMES_H

/* The index of NAME in the NULL-terminated table NAMES, or -1 if absent. */
int names_index(const char *const *names, const char *name);

#endif

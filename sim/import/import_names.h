/*
 * import_names.h - a set of strings numbered in order of first arrival.
 *
 * The importers use it to number VMs and machines met in a trace (Azure
 * vmids, Alibaba machine ids), to find a name read twice, and to count the
 * distinct VMs written. Indices are dense: 0 .. import_names_count() - 1.
 * The set owns copies of the strings.
 */
#ifndef VMUX_IMPORT_NAMES_H
#define VMUX_IMPORT_NAMES_H

#include <stdbool.h>
#include <stddef.h>

struct import_names;

/* A new, empty set into *OUT. -ENOMEM. */
int import_names_create(struct import_names **out);
/* Free the set and its strings. NULL is a no-op. */
void import_names_destroy(struct import_names *s);

/*
 * The index of NAME, adding it (copied) if absent; *ADDED (if not NULL)
 * says whether it was added. Returns the index (>= 0) or -ENOMEM.
 */
long import_names_intern(struct import_names *s, const char *name, bool *added);
/* The index of NAME, or -1. */
long import_names_find(const struct import_names *s, const char *name);
/* The string with index I (I < count). */
const char *import_names_get(const struct import_names *s, size_t i);
size_t import_names_count(const struct import_names *s);

#endif

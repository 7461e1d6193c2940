/*
 * import_names.c - string set (see import_names.h): open addressing,
 * FNV-1a, linear probing, load factor at most 1/2, strings in an array
 * indexed by arrival order.
 */
#include "sim/import/import_names.h"
#include "lib/hash.h"
#include "lib/strv.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct import_names {
	char **str; /* by index */
	size_t n, cap;
	long *slot;   /* hsize entries: index or -1 */
	size_t hsize; /* power of two */
};

int import_names_create(struct import_names **out)
{
	struct import_names *s = calloc(1, sizeof(*s));

	if (!s)
		return -ENOMEM;
	s->hsize = 64;
	s->slot = malloc(s->hsize * sizeof(*s->slot));
	if (!s->slot) {
		free(s);
		return -ENOMEM;
	}
	memset(s->slot, 0xff, s->hsize * sizeof(*s->slot));
	*out = s;
	return 0;
}

void import_names_destroy(struct import_names *s)
{
	if (!s)
		return;
	strv_free(s->str, s->n);
	free(s->slot);
	free(s);
}

/* The hash slot holding NAME, or the empty slot where it would go. */
static size_t probe(const struct import_names *s, const char *name)
{
	size_t mask = s->hsize - 1, h = (size_t)hash_str(name) & mask;

	while (s->slot[h] >= 0 && strcmp(s->str[s->slot[h]], name))
		h = (h + 1) & mask;
	return h;
}

static int grow_hash(struct import_names *s)
{
	size_t nsize = s->hsize * 2;
	long *ns = malloc(nsize * sizeof(*ns));

	if (!ns)
		return -ENOMEM;
	memset(ns, 0xff, nsize * sizeof(*ns));
	free(s->slot);
	s->slot = ns;
	s->hsize = nsize;
	for (size_t i = 0; i < s->n; i++)
		s->slot[probe(s, s->str[i])] = (long)i;
	return 0;
}

static int grow_array(struct import_names *s)
{
	size_t ncap = s->cap ? s->cap * 2 : 64;
	char **ns = realloc(s->str, ncap * sizeof(*ns));

	if (!ns)
		return -ENOMEM;
	s->str = ns;
	s->cap = ncap;
	return 0;
}

long import_names_intern(struct import_names *s, const char *name, bool *added)
{
	size_t h = probe(s, name);
	char *copy;

	if (added)
		*added = s->slot[h] < 0;
	if (s->slot[h] >= 0)
		return s->slot[h];
	if ((s->n + 1) * 2 > s->hsize) {
		if (grow_hash(s) < 0)
			return -ENOMEM;
		h = probe(s, name);
	}
	if (s->n == s->cap && grow_array(s) < 0)
		return -ENOMEM;
	copy = strdup(name);
	if (!copy)
		return -ENOMEM;
	s->str[s->n] = copy;
	s->slot[h] = (long)s->n;
	return (long)s->n++;
}

long import_names_find(const struct import_names *s, const char *name)
{
	return s->slot[probe(s, name)];
}

const char *import_names_get(const struct import_names *s, size_t i)
{
	return s->str[i];
}

size_t import_names_count(const struct import_names *s)
{
	return s->n;
}

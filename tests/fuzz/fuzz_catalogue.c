/*
 * fuzz_catalogue.c - libFuzzer target for the host catalogue reader
 * (vmux simulate --hosts FILE).
 *
 * Each input is a catalogue file (an in-memory memfd, read through its
 * /proc path). catalogue_load() must load it or reject it with -EBADMSG
 * (or -ENOMEM); a catalogue that loads must keep the invariants
 * catalogue.h states: at least one type and one host, the hosts dealt
 * round-robin are exactly the counts of the types, every type named, with
 * whole cores 1 to 4096, MIPS > 0, bandwidth >= 1, non-negative RAM and
 * watts, each at most CATALOGUE_VALUE_MAX. A crash, sanitizer report, leak or broken invariant (abort) is a
 * finding.
 */
#include "sim/simulate/catalogue.h"
#include "tests/fuzz/fuzz_memfd.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_type(const struct host_type *t)
{
	if (!t->name[0] || !memchr(t->name, '\0', CATALOGUE_NAME_MAX))
		abort();
	if (t->cores < 1 || t->cores > 4096 || !(t->mips > 0) ||
	    !(t->mips <= CATALOGUE_VALUE_MAX) || !(t->ram_mb >= 0) ||
	    !(t->ram_mb <= CATALOGUE_VALUE_MAX) || !(t->bw_kbps >= 1) ||
	    !(t->bw_kbps <= CATALOGUE_VALUE_MAX))
		abort();
	for (int i = 0; i < POWER_POINTS; i++)
		if (!(t->power.w[i] >= 0) ||
		    !(t->power.w[i] <= CATALOGUE_VALUE_MAX))
			abort();
}

static void check(const struct catalogue *c)
{
	size_t nt = catalogue_ntypes(c), nh = catalogue_nhosts(c), sum = 0;
	size_t *dealt = calloc(nt ? nt : 1, sizeof(*dealt));

	if (!nt || !nh || !dealt)
		abort();
	for (size_t h = 0; h < nh; h++) {
		size_t i =
		    (size_t)(catalogue_host_type(c, h) - catalogue_type(c, 0));

		if (i >= nt)
			abort();
		dealt[i]++;
	}
	for (size_t i = 0; i < nt; i++) {
		check_type(catalogue_type(c, i));
		sum += catalogue_type(c, i)->count;
		if (dealt[i] != catalogue_type(c, i)->count)
			abort();
	}
	if (sum != nh)
		abort();
	free(dealt);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct catalogue *c = NULL;
	char path[FUZZ_PATH_MAX];
	int fd = fuzz_memfd(data, size, path), rc;

	rc = catalogue_load(path, &c);
	if (rc == 0)
		check(c);
	else if (c || (rc != -EBADMSG && rc != -ENOMEM))
		abort();
	catalogue_destroy(c);
	close(fd);
	return 0;
}

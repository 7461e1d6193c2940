/*
 * fuzz_import.c - libFuzzer target for one importer, chosen at build time
 * (-DFUZZ_FORMAT="planetlab", "bitbrains", "azure" or "alibaba"; one
 * binary each, fuzz_import_FORMAT).
 *
 * Each input is one input file of that format (a file in /dev/shm, in
 * memory: the importers look at the path and the folder it is in, so no
 * /proc/self/fd alias); the canonical rows go to a memory stream. An
 * importer must either succeed or reject the input with -EBADMSG (bad
 * data), -EINVAL (an option the input needs) or -ENOMEM; a crash, a
 * sanitizer report, a leak, another error code, or output without its
 * header line is a finding (abort).
 */
#include "sim/import/import.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef FUZZ_FORMAT
#error "build with -DFUZZ_FORMAT=\"planetlab\" (or bitbrains, azure, alibaba)"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct import_opts o;
	struct import *im = NULL;
	static char path[64];
	char *paths[1] = {path}, *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	int fd, rc;

	if (!path[0])
		snprintf(path, sizeof(path), "/dev/shm/vmux-fuzz-%d.csv",
			 (int)getpid());
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (!out || fd < 0 || write(fd, data, size) != (ssize_t)size)
		abort();
	close(fd);
	import_opts_init(&o);
	o.start = 1299110400; /* planetlab: the file's folder is no date */
	rc = import_create(FUZZ_FORMAT, &o, out, &im);
	if (rc == 0)
		rc = import_run(im, paths, 1);
	if (rc != 0 && rc != -EBADMSG && rc != -EINVAL && rc != -ENOMEM)
		abort();
	import_destroy(im);
	fclose(out);
	if (rc == 0 && (len < 12 || strncmp(buf, "time,vm,cpu", 11)))
		abort(); /* a success always writes the header */
	free(buf);
	unlink(path);
	return 0;
}

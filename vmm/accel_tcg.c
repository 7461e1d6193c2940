/*
 * accel_tcg.c - the accelerator interface on the Unicorn binary translator.
 * Not yet implemented (issue: the binary-translation backend): opening it
 * fails with -ENODEV and says so.
 */
#include "vmm/accel_ops.h"
#include "sim/error.h"

#include <errno.h>

static int tcg_open(const char *dev, bool quiet, struct accel **out)
{
	(void)dev;
	(void)out;
	if (!quiet)
		error_msg("the tcg (binary translation) backend is not built "
			  "yet; use --accel kvm on a machine with /dev/kvm");
	return -ENODEV;
}

const struct accel_ops accel_tcg_ops = {
	.name = "tcg",
	.open = tcg_open,
};

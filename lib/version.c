/*
 * version.c - the build id: which source tree a binary came from, so that
 * two builds that both say "0.1.0" can be told apart in a plan's terms or a
 * report. The Makefile writes build_id.h (VMUX_BUILD) on every build and
 * touches it only when the id changes, so only this file recompiles.
 */
#include "lib/version.h"

#include "build_id.h"

const char *version_build(void)
{
	return VMUX_BUILD;
}

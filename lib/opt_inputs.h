/*
 * opt_inputs.h - the input files a command line names (lib/opt.h:
 * OPT_INFILE, OPT_STDIN): checked once it is read, so that a missing file
 * is said with the option that names it (internal to the parser: lib/opt.c
 * calls it).
 */
#ifndef VMUX_OPT_INPUTS_H
#define VMUX_OPT_INPUTS_H

#include "lib/opt_impl.h"

/* Every OPT_INFILE option given, and the positional arguments POS[0..NPOS):
 * 0, or the exit status of the first fault, said: '-' where standard input
 * is not read, or read by two of them (2); a file that is not there, not
 * readable or a folder (74). */
int opt_inputs_check(const struct opt_state *p, char **pos, int npos);

#endif

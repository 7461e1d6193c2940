/*
 * unicorn_dl.h - the Unicorn library (libunicorn.so.2), loaded with
 * dlopen the first time the tcg backend opens, so that commands which
 * never translate (size, plan, evaluate, report, runs on KVM) do not pay
 * its relocation at every start (~57 % of `vmux version` when it was
 * linked). Only vmm/accel_tcg.c calls Unicorn, through this table; the
 * headers are still needed to build. $VMUX_UNICORN, if set, names the
 * library to load instead (a path, e.g. a newer Unicorn build).
 */
#ifndef VMUX_VMM_UNICORN_DL_H
#define VMUX_VMM_UNICORN_DL_H

#include <unicorn/unicorn.h>

/* One pointer per Unicorn function used, typed from its prototype. */
struct unicorn_dl {
	__typeof__(uc_version) *version;
	__typeof__(uc_strerror) *strerror;
	__typeof__(uc_open) *open;
	__typeof__(uc_close) *close;
	__typeof__(uc_mem_map_ptr) *mem_map_ptr;
	__typeof__(uc_mem_read) *mem_read;
	__typeof__(uc_mmio_map) *mmio_map;
	__typeof__(uc_hook_add) *hook_add;
	__typeof__(uc_reg_read) *reg_read;
	__typeof__(uc_reg_write) *reg_write;
	__typeof__(uc_emu_start) *emu_start;
	__typeof__(uc_emu_stop) *emu_stop;
};

/*
 * The table, loaded once (thread-safe) and kept for the process. -ENODEV
 * with a message saying which package to install when the library is
 * missing, lacks a function or is older than Unicorn 2.
 */
int unicorn_dl_load(const struct unicorn_dl **out);

#endif

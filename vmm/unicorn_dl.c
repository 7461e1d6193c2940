/*
 * unicorn_dl.c - see unicorn_dl.h. RTLD_LAZY: the functions are bound on
 * first call, and only the handful in the table are ever called.
 */
#include "vmm/unicorn_dl.h"
#include "lib/error.h"

#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>

#define LIBRARY "libunicorn.so.2"
#define PACKAGE "apt-get install libunicorn2"

static const struct {
	const char *name;
	size_t offset;
} symbols[] = {
#define SYM(f)                                                                 \
	{                                                                      \
		"uc_" #f, offsetof(struct unicorn_dl, f)                       \
	}
    SYM(version),     SYM(strerror),  SYM(open),      SYM(close),
    SYM(mem_map_ptr), SYM(mem_read),  SYM(mmio_map),  SYM(hook_add),
    SYM(reg_read),    SYM(reg_write), SYM(emu_start), SYM(emu_stop),
#undef SYM
};

static struct unicorn_dl table;
static int status;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static int resolve(void *lib)
{
	unsigned major = 0, minor = 0;

	for (size_t i = 0; i < sizeof(symbols) / sizeof(symbols[0]); i++) {
		void *f = dlsym(lib, symbols[i].name);

		if (!f) {
			error_msg("tcg: %s lacks %s: %s", LIBRARY,
				  symbols[i].name, PACKAGE);
			return -ENODEV;
		}
		/* POSIX: a function pointer converts through void *. */
		*(void **)((char *)&table + symbols[i].offset) = f;
	}
	table.version(&major, &minor);
	if (major < 2) {
		error_msg("tcg needs Unicorn 2 (found %u.%u): %s", major, minor,
			  PACKAGE);
		return -ENODEV;
	}
	return 0;
}

/* $VMUX_UNICORN names another build of the library (a path or soname). */
static void load(void)
{
	const char *name = getenv("VMUX_UNICORN");
	void *lib;

	if (!name || !*name)
		name = LIBRARY;
	lib = dlopen(name, RTLD_LAZY | RTLD_LOCAL);
	if (!lib) {
		error_msg("tcg needs the Unicorn library (%s): %s; or use "
			  "--accel kvm",
			  dlerror(), PACKAGE);
		status = -ENODEV;
		return;
	}
	status = resolve(lib);
	if (status < 0)
		dlclose(lib);
}

int unicorn_dl_load(const struct unicorn_dl **out)
{
	pthread_once(&once, load);
	*out = status < 0 ? NULL : &table;
	return status;
}

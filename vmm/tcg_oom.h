/*
 * tcg_oom.h - the allocator Unicorn (the tcg backend) is linked against.
 *
 * Unicorn cannot survive a failed allocation: QEMU's g_malloc aborts by
 * design, Unicorn's copy returns NULL instead, and the code around it
 * dereferences the NULL (a segfault at 276 of a tcg `run hello`'s 322
 * allocations under fault injection, in uc_init, memory mapping,
 * translation and the stores that check for self-modifying code). The
 * build (mk/unicorn.mk) renames malloc, calloc, realloc, posix_memalign
 * and strdup inside a copy of libunicorn.a to these functions, which call
 * the real ones and, where one fails, say so, remove the run's temporary
 * files (lib/cleanup) and exit 71: a clean stop where vmux cannot return.
 */
#ifndef VMUX_TCG_OOM_H
#define VMUX_TCG_OOM_H

#include <stddef.h>

void *tcg_oom_malloc(size_t n);
void *tcg_oom_calloc(size_t n, size_t m);
void *tcg_oom_realloc(void *p, size_t n);
int tcg_oom_posix_memalign(void **p, size_t align, size_t n);
char *tcg_oom_strdup(const char *s);

#endif

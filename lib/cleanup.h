/*
 * cleanup.h - what a terminating signal removes before the process dies.
 *
 * cleanup_install() (called once by main) catches SIGHUP, SIGINT, SIGQUIT,
 * SIGPIPE, SIGTERM and SIGXCPU unless they are ignored (nohup), and
 * ignores SIGXFSZ, so that a write past the file size limit fails with
 * EFBIG (exit 74, outputs cleaned up like any failed write).
 * On such a signal every registered temporary file is unlinked, every
 * registered folder tree removed and every registered hook run, then the
 * signal is raised again with its default action, so the process ends
 * "killed by signal" (a shell reports 128 + signal) exactly as it would
 * have without vmux's help.
 *
 * A command that must stop gracefully instead (validate stops its guests
 * first) sets an interrupt function: the signal then only calls it, and
 * cleanup_signal() tells which signal came.
 *
 * Registration is for the main thread; the handler may run on any thread.
 * Paths are copied; the registry holds CLEANUP_MAX entries.
 */
#ifndef VMUX_CLEANUP_H
#define VMUX_CLEANUP_H

#define CLEANUP_MAX 64

/* Install the handlers. 0 or -errno. */
int cleanup_install(void);
/* Unlink PATH on a signal. Returns an id >= 0 for cleanup_remove(), or
 * -ENOMEM / -EMFILE (registry full). */
int cleanup_add_file(const char *path);
/* Remove folder PATH and everything in it on a signal. As above. */
int cleanup_add_tree(const char *path);
/* Call FN(ARG) on a signal; FN must be async-signal-safe. As above. */
int cleanup_add_hook(void (*fn)(void *arg), void *arg);
/* Forget entry ID (the file was renamed into place or removed). A
 * negative ID is a no-op. */
void cleanup_remove(int id);
/* cleanup_remove() the file or tree entry for PATH, if any. */
void cleanup_remove_path(const char *path);
/*
 * Hold the caught signals off the calling thread from cleanup_hold() to
 * cleanup_release(), so that none lands between creating a resource (a
 * temporary file, a folder, a cgroup) and registering it here: a signal
 * that comes meanwhile is delivered at cleanup_release(), when the
 * registry knows the resource. Pairs may nest. Other threads keep their
 * own masks (the monitor's vCPU threads block these signals already).
 */
void cleanup_hold(void);
void cleanup_release(void);
/* Call FN(SIG) instead of cleaning up and dying; NULL restores dying. */
void cleanup_set_interrupt(void (*fn)(int sig));
/* Empty the registry as a signal would (temporary files, folders, hooks),
 * then _exit(STATUS): for a failure no caller can return from (an
 * allocation failing inside Unicorn, vmm/tcg_oom.c). */
void cleanup_exit(int status) __attribute__((noreturn));
/* The last terminating signal caught, 0 if none. */
int cleanup_signal(void);

#endif

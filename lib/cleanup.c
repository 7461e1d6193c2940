/*
 * cleanup.c - the registry a terminating signal empties (see cleanup.h).
 *
 * The handler may interrupt the main thread anywhere, so the registry is a
 * fixed array of atomic slots: registering fills a slot's fields first and
 * publishes it last (its kind); removing unpublishes first and frees after.
 * The handler reads only published slots and calls only async-signal-safe
 * functions (unlink, open, getdents64, unlinkat, close, rmdir, the hooks).
 */
#include "lib/cleanup.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

enum kind { FREE, CLAIMED, FILE_, TREE, HOOK };

struct slot {
	_Atomic int kind;
	char *path;
	void (*fn)(void *arg);
	void *arg;
};

static struct slot slots[CLEANUP_MAX];
static void (*_Atomic interrupt_fn)(int sig);
static volatile sig_atomic_t caught;
static atomic_flag dying = ATOMIC_FLAG_INIT;

static const int signals[] = {SIGHUP,  SIGINT,	SIGQUIT,
			      SIGPIPE, SIGTERM, SIGXCPU};

/* Remove everything under folder fd DIR (depth-limited), then close it. */
static void rm_under(int dir, int depth)
{
	char buf[4096];
	long n;

	while ((n = syscall(SYS_getdents64, dir, buf, sizeof(buf))) > 0) {
		for (long off = 0; off < n;) {
			/* struct linux_dirent64: ino 8, off 8, reclen 2,
			   type 1, name */
			unsigned short reclen;
			unsigned char type = (unsigned char)buf[off + 18];
			const char *name = buf + off + 19;

			memcpy(&reclen, buf + off + 16, sizeof(reclen));
			off += reclen;
			if (!strcmp(name, ".") || !strcmp(name, ".."))
				continue;
			if (type == DT_DIR && depth < 8) {
				int sub =
				    openat(dir, name,
					   O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
				if (sub >= 0)
					rm_under(sub, depth + 1);
				unlinkat(dir, name, AT_REMOVEDIR);
			} else {
				unlinkat(dir, name, 0);
			}
		}
	}
	close(dir);
}

static void run_slots(void)
{
	for (int i = CLEANUP_MAX - 1; i >= 0; i--) {
		struct slot *s = &slots[i];
		int fd;

		switch (atomic_load(&s->kind)) {
		case FILE_:
			unlink(s->path);
			break;
		case TREE:
			fd = open(s->path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
			if (fd >= 0)
				rm_under(fd, 0);
			rmdir(s->path);
			break;
		case HOOK:
			s->fn(s->arg);
			break;
		default:
			break;
		}
	}
}

static void on_signal(int sig)
{
	int saved = errno;
	void (*fn)(int) = atomic_load(&interrupt_fn);

	caught = sig;
	if (fn) {
		fn(sig);
		errno = saved;
		return;
	}
	if (atomic_flag_test_and_set(&dying))
		return; /* another thread is cleaning up; it will end us */
	run_slots();
	signal(sig, SIG_DFL);
	raise(sig); /* delivered when the handler returns: the mask blocks it */
	errno = saved;
}

void cleanup_exit(int status)
{
	if (!atomic_flag_test_and_set(&dying))
		run_slots();
	_exit(status);
}

int cleanup_install(void)
{
	struct sigaction sa = {.sa_handler = on_signal};

	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		sigaddset(&sa.sa_mask, signals[i]);
	/* Past the file size limit a write fails with EFBIG, reported like
	   any failed write, instead of killing the process. */
	if (signal(SIGXFSZ, SIG_IGN) == SIG_ERR)
		return -errno;
	for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++) {
		struct sigaction old;

		if (sigaction(signals[i], NULL, &old) < 0)
			return -errno;
		if (old.sa_handler == SIG_IGN)
			continue; /* nohup, or a parent that wants it ignored */
		if (sigaction(signals[i], &sa, NULL) < 0)
			return -errno;
	}
	return 0;
}

static _Thread_local int hold_depth;
static _Thread_local sigset_t held_from;

void cleanup_hold(void)
{
	sigset_t set;

	if (hold_depth++)
		return;
	sigemptyset(&set);
	for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		sigaddset(&set, signals[i]);
	pthread_sigmask(SIG_BLOCK, &set, &held_from);
}

void cleanup_release(void)
{
	if (hold_depth > 0 && --hold_depth == 0)
		pthread_sigmask(SIG_SETMASK, &held_from, NULL);
}

/* Claim a free slot, fill it and publish it as KIND. */
static int add(enum kind kind, const char *path, void (*fn)(void *), void *arg)
{
	char *copy = NULL;

	if (path && !(copy = strdup(path)))
		return -ENOMEM;
	for (int i = 0; i < CLEANUP_MAX; i++) {
		int expect = FREE;

		if (!atomic_compare_exchange_strong(&slots[i].kind, &expect,
						    CLAIMED))
			continue;
		slots[i].path = copy;
		slots[i].fn = fn;
		slots[i].arg = arg;
		atomic_store(&slots[i].kind, kind);
		return i;
	}
	free(copy);
	return -EMFILE;
}

int cleanup_add_file(const char *path)
{
	return add(FILE_, path, NULL, NULL);
}

int cleanup_add_tree(const char *path)
{
	return add(TREE, path, NULL, NULL);
}

int cleanup_add_hook(void (*fn)(void *arg), void *arg)
{
	return add(HOOK, NULL, fn, arg);
}

void cleanup_remove(int id)
{
	char *path;

	if (id < 0 || id >= CLEANUP_MAX)
		return;
	atomic_store(&slots[id].kind, CLAIMED); /* unpublished first */
	path = slots[id].path;
	slots[id].path = NULL;
	free(path);
	atomic_store(&slots[id].kind, FREE);
}

void cleanup_remove_path(const char *path)
{
	for (int i = 0; i < CLEANUP_MAX; i++) {
		int k = atomic_load(&slots[i].kind);

		if ((k == FILE_ || k == TREE) && !strcmp(slots[i].path, path))
			cleanup_remove(i);
	}
}

void cleanup_set_interrupt(void (*fn)(int sig))
{
	atomic_store(&interrupt_fn, fn);
}

int cleanup_signal(void)
{
	return caught;
}

/*
 * test_cleanup.c - what a terminating signal removes (lib/cleanup.h), in a
 * forked child so that the signal ends the child, not the test: registered
 * files and folder trees are gone, unregistered ones stay, the child dies
 * of the signal; between cleanup_hold() and cleanup_release() a signal
 * waits (pending) and is delivered at the release, after the registration
 * it was held off from.
 */
#include "vmux_test.h"
#include "lib/cleanup.h"

#include <signal.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

struct dir {
	char path[64];
	char kept[96], gone[96], tree[96], leaf[128];
};

static void touch(const char *path)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	assert_int_equal(fclose(fp), 0);
}

static bool exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

static void make_dir(struct dir *d)
{
	strcpy(d->path, "/tmp/vmux-test-cleanup.XXXXXX");
	assert_non_null(mkdtemp(d->path));
	snprintf(d->kept, sizeof(d->kept), "%s/kept", d->path);
	snprintf(d->gone, sizeof(d->gone), "%s/gone", d->path);
	snprintf(d->tree, sizeof(d->tree), "%s/tree", d->path);
	snprintf(d->leaf, sizeof(d->leaf), "%s/tree/leaf", d->path);
}

static void remove_dir(struct dir *d)
{
	unlink(d->kept);
	unlink(d->gone);
	unlink(d->leaf);
	rmdir(d->tree);
	assert_int_equal(rmdir(d->path), 0);
}

/* Wait for child PID; assert it was killed by SIG. */
static void assert_killed_by(pid_t pid, int sig)
{
	int st;

	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFSIGNALED(st));
	assert_int_equal(WTERMSIG(st), sig);
}

/* Make D, run CHILD(D, SIG) in a fork and assert it died of SIG; the
 * caller checks D's files and removes it. */
static void run_child(void (*child)(struct dir *, int), int sig, struct dir *d)
{
	pid_t pid;

	make_dir(d);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		child(d, sig);
	assert_killed_by(pid, sig);
}

/* Child: register D's files and tree, then kill itself with SIG. */
static void die_registered(struct dir *d, int sig)
{
	touch(d->kept);
	touch(d->gone);
	if (mkdir(d->tree, 0755) < 0)
		_exit(3);
	touch(d->leaf);
	if (cleanup_install() < 0 || cleanup_add_file(d->gone) < 0 ||
	    cleanup_add_tree(d->tree) < 0)
		_exit(4);
	raise(sig);
	_exit(5); /* not reached: the handler re-raises with SIG_DFL */
}

static void test_signal_removes_registered(void **state)
{
	static const int sigs[] = {SIGTERM, SIGINT, SIGHUP};
	(void)state;

	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct dir d;

		run_child(die_registered, sigs[i], &d);
		assert_true(exists(d.kept));
		assert_false(exists(d.gone));
		assert_false(exists(d.tree));
		remove_dir(&d);
	}
}

/* Child: as an output is made, a SIGTERM lands between creating the file
 * and registering it; held off, it is delivered at the release, when the
 * file is known and removed. Exit 6/7 if that went wrong. */
static void die_after_release(struct dir *d, int sig)
{
	sigset_t pending;

	if (cleanup_install() < 0)
		_exit(4);
	cleanup_hold();
	cleanup_hold(); /* nested: the inner release keeps holding */
	touch(d->gone);
	raise(sig);
	cleanup_release();
	if (sigpending(&pending) < 0 || !sigismember(&pending, sig))
		_exit(6);
	if (cleanup_add_file(d->gone) < 0)
		_exit(4);
	cleanup_release(); /* delivered here */
	_exit(7);
}

/* Child: register a file, forget it (as after a rename), then die. */
static void die_forgotten(struct dir *d, int sig)
{
	touch(d->gone);
	if (cleanup_install() < 0)
		_exit(4);
	cleanup_remove(cleanup_add_file(d->gone));
	raise(sig);
	_exit(5);
}

static void test_hold_delays_until_registered(void **state)
{
	struct dir d;

	(void)state;
	run_child(die_after_release, SIGTERM, &d);
	assert_false(exists(d.gone));
	remove_dir(&d);
}

static void test_removed_entry_survives(void **state)
{
	struct dir d;

	(void)state;
	run_child(die_forgotten, SIGTERM, &d);
	assert_true(exists(d.gone)); /* forgotten: a renamed output stays */
	remove_dir(&d);
}

VMUX_TEST_MAIN(cmocka_unit_test(test_signal_removes_registered),
	       cmocka_unit_test(test_hold_delays_until_registered),
	       cmocka_unit_test(test_removed_entry_survives))

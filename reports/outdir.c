/*
 * outdir.c - build a folder beside its final place, then move it there
 * (see outdir.h). rename(2) cannot replace a non-empty folder, so an old
 * report is swapped out with renameat2(RENAME_EXCHANGE) and removed
 * afterwards; where that flag is unsupported the old report is first moved
 * aside (a short window in which DIR is absent, never half-written).
 */
#include "reports/outdir.h"
#include "lib/outfile.h"
#include "lib/cleanup.h"
#include "lib/error.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int rm_entry(const char *path, const struct stat *st, int flag,
		    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

static void rm_tree(const char *path)
{
	nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* 1 if folder DIR is empty or holds the marker, 0 if not, -errno. */
static int replaceable(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	bool empty = true, marked = false;

	if (!d)
		return -errno;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		empty = false;
		marked |= !strcmp(e->d_name, OUTDIR_MARKER);
	}
	closedir(d);
	return empty || marked;
}

static int check_target(const char *dir)
{
	struct stat st;
	int rc;

	if (stat(dir, &st) < 0) {
		if (errno == ENOENT)
			return 0;
		error_msg("cannot use '%s': %s", dir, strerror(errno));
		return -errno;
	}
	if (!S_ISDIR(st.st_mode)) {
		error_msg("'%s' exists and is not a folder: choose another -o",
			  dir);
		return -ENOTDIR;
	}
	rc = replaceable(dir);
	if (rc < 0)
		error_msg("cannot read '%s': %s", dir, strerror(-rc));
	if (rc == 0)
		error_msg("'%s' is a folder that is neither empty nor a vmux "
			  "report (no %s in it): choose another -o or remove "
			  "it",
			  dir, OUTDIR_MARKER);
	return rc < 0 ? rc : rc ? 0 : -EEXIST;
}

static int write_marker(const char *tmp)
{
	char *path;
	FILE *fp;
	int rc = 0;

	if (asprintf(&path, "%s/%s", tmp, OUTDIR_MARKER) < 0)
		return -ENOMEM;
	fp = fopen(path, "w");
	if (!fp || fputs("written by vmux report; the folder is replaced "
			 "whole by the next report\n",
			 fp) < 0)
		rc = -errno;
	if (fp && outfile_fclose(fp) && !rc)
		rc = -errno;
	if (rc)
		error_msg("cannot write '%s': %s", path, strerror(-rc));
	free(path);
	return rc;
}

int outdir_begin(const char *dir, char **tmp)
{
	int rc = check_target(dir);

	if (rc < 0)
		return rc;
	if (asprintf(tmp, "%s.tmp.XXXXXX", dir) < 0)
		return -ENOMEM;
	cleanup_hold(); /* no signal between creating and registering */
	if (!mkdtemp(*tmp)) {
		rc = -errno;
		cleanup_release();
		error_msg("cannot create a folder beside '%s': %s", dir,
			  strerror(-rc));
		free(*tmp);
		*tmp = NULL;
		return rc;
	}
	rc = cleanup_add_tree(*tmp); /* a signal removes it */
	cleanup_release();
	chmod(*tmp, 0755); /* mkdtemp makes 0700; a report is to be read */
	if (rc >= 0)
		rc = write_marker(*tmp);
	if (rc < 0) {
		outdir_abort(*tmp);
		*tmp = NULL;
	}
	return rc;
}

/* DIR exists: swap TMP in and remove the old one. */
static int replace(const char *dir, char *tmp)
{
	char *old;
	int rc;

	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, dir, RENAME_EXCHANGE) == 0) {
		rm_tree(tmp); /* now the old report */
		return 0;
	}
	if (errno != EINVAL && errno != ENOSYS)
		return -errno;
	if (asprintf(&old, "%s.old.XXXXXX", dir) < 0)
		return -ENOMEM;
	if (!mkdtemp(old) || rename(dir, old) < 0) {
		rc = -errno;
		rmdir(old);
		free(old);
		return rc;
	}
	rc = rename(tmp, dir) < 0 ? -errno : 0;
	if (rc < 0)
		rename(old, dir); /* put the old report back */
	else
		rm_tree(old);
	free(old);
	return rc;
}

int outdir_commit(const char *dir, char *tmp)
{
	int rc = check_target(dir);
	struct stat st;

	if (rc == 0 && stat(dir, &st) < 0)
		rc = rename(tmp, dir) < 0 ? -errno : 0;
	else if (rc == 0)
		rc = replace(dir, tmp);
	if (rc < 0) {
		if (rc != -EEXIST && rc != -ENOTDIR)
			error_msg("cannot move the report to '%s': %s", dir,
				  strerror(-rc));
		outdir_abort(tmp);
		return rc;
	}
	cleanup_remove_path(tmp);
	free(tmp);
	return 0;
}

void outdir_abort(char *tmp)
{
	if (!tmp)
		return;
	rm_tree(tmp);
	cleanup_remove_path(tmp);
	free(tmp);
}
